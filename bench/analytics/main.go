// Command analytics times actorgraph's analytics (package analytics, gonum)
// against networkx on the same generated graphs, side by side in one run:
// each round runs both, alternating which goes first (A first on even
// rounds, B on odd ones), and the table gives each side's median.
//
// Both sides time the library's computation alone on a prebuilt graph
// (actorgraph: analytics.Centrality / Communities on a built Graph;
// networkx: the call on an nx.Graph built untimed, in
// bench/analytics/networkx_time.py), not the route end to end.
//
//	go run ./bench/analytics -sizes 2000,10000 -rounds 3 -out bench/results/analytics-DATE.md
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/analytics"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/synth"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "analytics bench:", err)
		os.Exit(1)
	}
}

// plan is which computations each size times: networkx's exact
// betweenness and closeness are O(n·m) in Python, minutes at 10k.
var plan = map[string][]string{
	"small": {"degree", "betweenness", "closeness", "pagerank", "eigenvector", "louvain"},
	"large": {"degree", "pagerank", "eigenvector", "louvain"},
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("analytics", flag.ContinueOnError)
	sizes := fs.String("sizes", "2000,10000", "generated graph sizes (entities besides sources, ba shape, seed 1); the first gets every metric, the others the fast ones")
	rounds := fs.Int("rounds", 3, "rounds per computation, alternating which side goes first")
	out := fs.String("out", "", "also write the table to this file")
	python := fs.String("python", "python3", "python with the networkx tools/formatcheck/requirements.txt pins")
	if err := fs.Parse(args); err != nil {
		return err
	}
	nxVersion, err := exec.Command(*python, "-c", "import networkx; print(networkx.__version__)").Output()
	if err != nil {
		return fmt.Errorf("%s cannot import networkx: %w", *python, err)
	}
	script := filepath.Join("bench", "analytics", "networkx_time.py")
	var b strings.Builder
	fmt.Fprintf(&b, "# analytics: gonum (actorgraph) vs networkx, side by side\n\n")
	fmt.Fprintf(&b, "```\nstarted: %s\nmachine: %d cores, %s/%s, %s; networkx %s\nrounds: %d, alternating which side goes first; medians\n```\n\n",
		time.Now().UTC().Format(time.RFC3339), runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, runtime.Version(), strings.TrimSpace(string(nxVersion)), *rounds)
	b.WriteString("Both sides: the computation alone on a prebuilt graph (undirected, one link per pair, unweighted). actorgraph's PageRank and eigenvector iterate to 1e-12, networkx's to its defaults (1e-6).\n\n")
	b.WriteString("| graph | entities | links | computation | actorgraph (gonum) s | networkx s | networkx / actorgraph |\n|---|---|---|---|---|---|---|\n")
	for i, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			return fmt.Errorf("size %q: %w", s, err)
		}
		which := plan["large"]
		if i == 0 {
			which = plan["small"]
		}
		rows, err := bench(n, which, *rounds, *python, script)
		if err != nil {
			return err
		}
		b.WriteString(rows)
		fmt.Fprint(stdout, rows)
	}
	fmt.Fprintf(&b, "\nfinished: %s\n", time.Now().UTC().Format(time.RFC3339))
	if *out != "" {
		return os.WriteFile(*out, []byte(b.String()), 0o644)
	}
	return nil
}

func bench(n int, which []string, rounds int, python, script string) (string, error) {
	g, file, err := prepare(n)
	if err != nil {
		return "", err
	}
	defer os.Remove(file)
	var rows strings.Builder
	for _, m := range which {
		var ours, theirs []float64
		for r := range rounds {
			a := func() error {
				d, err := timeOurs(g, m)
				ours = append(ours, d)
				return err
			}
			b := func() error {
				d, err := timeNetworkx(python, script, file, m)
				theirs = append(theirs, d)
				return err
			}
			first, second := a, b
			if r%2 == 1 {
				first, second = b, a
			}
			if err := first(); err != nil {
				return "", err
			}
			if err := second(); err != nil {
				return "", err
			}
		}
		mo, mt := median(ours), median(theirs)
		fmt.Fprintf(&rows, "| ba-%d | %d | %d | %s | %.4f | %.4f | %.1fx |\n", n, len(g.Nodes), g.Links, m, mo, mt, mt/mo)
	}
	return rows.String(), nil
}

// prepare generates the graph, builds it for the algorithms and writes it
// as the networkx side reads it.
func prepare(n int) (*analytics.Graph, string, error) {
	gen, err := synth.Generate(synth.Config{Shape: "ba", Nodes: n, Seed: 1, Tag: "b"})
	if err != nil {
		return nil, "", err
	}
	d, err := gen.DataSet()
	if err != nil {
		return nil, "", err
	}
	sg := &graph.Subgraph{}
	in := map[string]bool{}
	for _, node := range d.Nodes {
		if node.Kind != graph.Source {
			sg.Nodes = append(sg.Nodes, node)
			in[node.ID] = true
		}
	}
	for _, e := range d.Edges {
		if in[e.Source] && in[e.Target] {
			sg.Edges = append(sg.Edges, e)
		}
	}
	g, err := analytics.Build(sg, analytics.WeightNone)
	if err != nil {
		return nil, "", err
	}
	doc := map[string]any{"nodes": []string{}, "links": [][3]any{}}
	ids := make([]string, len(g.Nodes))
	for i, node := range g.Nodes {
		ids[i] = node.ID
	}
	var links [][3]any
	for _, l := range g.LinkList() {
		links = append(links, [3]any{l.A, l.B, l.Weight})
	}
	doc["nodes"], doc["links"] = ids, links
	f, err := os.CreateTemp("", "analytics-bench-*.json")
	if err != nil {
		return nil, "", err
	}
	defer f.Close()
	return g, f.Name(), json.NewEncoder(f).Encode(doc)
}

func timeOurs(g *analytics.Graph, m string) (float64, error) {
	ctx := context.Background()
	start := time.Now()
	var err error
	if m == "louvain" {
		_, err = analytics.Communities(ctx, g, 1, 1)
	} else {
		_, err = analytics.Centrality(ctx, g, analytics.Metric(m))
	}
	return time.Since(start).Seconds(), err
}

func timeNetworkx(python, script, file, m string) (float64, error) {
	var stdout, stderr bytes.Buffer
	c := exec.Command(python, script, file, m)
	c.Stdout, c.Stderr = &stdout, &stderr
	if err := c.Run(); err != nil {
		return 0, fmt.Errorf("%s %s: %w\n%s", script, m, err, stderr.String())
	}
	var got struct{ Seconds float64 }
	if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
		return 0, fmt.Errorf("%s printed %q: %w", script, stdout.String(), err)
	}
	return got.Seconds, nil
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
