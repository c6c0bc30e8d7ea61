// Command analytics times actorgraph's analytics (package analytics, gonum)
// against networkx and python-igraph on the same generated graphs, side by
// side in one run: each round runs all three, rotating which goes first,
// and the table gives each side's median.
//
// Every side times the library's computation alone on a prebuilt graph
// (actorgraph: analytics.Centrality / Communities / SampledBetweenness on
// a built Graph; networkx and igraph: the call on a graph built untimed,
// in bench/analytics/networkx_time.py and igraph_time.py), not the route
// end to end.
//
// betweenness-sampled (the larger sizes) is actorgraph's and networkx's
// estimate from 1,000 sampled sources against igraph's exact betweenness;
// the table's last column is the share of the estimate's top 20 in
// igraph's exact top 20.
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
// betweenness and closeness are O(n·m) in Python, minutes at 10k, and so
// is gonum's exact betweenness (its maps), so the larger sizes time the
// estimate instead.
var plan = map[string][]string{
	"small": {"degree", "betweenness", "closeness", "pagerank", "eigenvector", "louvain"},
	"large": {"degree", "betweenness-sampled", "pagerank", "eigenvector", "louvain"},
}

// samples is how many sources betweenness-sampled starts from.
const samples = 1000

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("analytics", flag.ContinueOnError)
	sizes := fs.String("sizes", "2000,10000",
		"generated graph sizes (entities besides sources, ba shape, seed 1); the first gets every metric, the others the fast ones")
	rounds := fs.Int("rounds", 3, "rounds per computation, alternating which side goes first")
	out := fs.String("out", "", "also write the table to this file")
	python := fs.String("python", "python3", "python with the networkx and igraph tools/formatcheck/requirements.txt pins")
	if err := fs.Parse(args); err != nil {
		return err
	}
	nxVersion, err := exec.Command(*python, "-c", "import networkx; print(networkx.__version__)").Output()
	if err != nil {
		return fmt.Errorf("%s cannot import networkx: %w", *python, err)
	}
	igVersion, err := exec.Command(*python, "-c", "import igraph; print(igraph.__version__)").Output()
	if err != nil {
		return fmt.Errorf("%s cannot import igraph: %w", *python, err)
	}
	scripts := [2]string{filepath.Join("bench", "analytics", "networkx_time.py"),
		filepath.Join("bench", "analytics", "igraph_time.py")}
	var b strings.Builder
	fmt.Fprintf(&b, "# analytics: gonum (actorgraph) vs networkx and igraph, side by side\n\n")
	fmt.Fprintf(&b, "```\nstarted: %s\nmachine: %d cores, %s/%s, %s; networkx %s; python-igraph %s\nload average at start: %s\nrounds: %d, rotating which side goes first; medians\n```\n\n",
		time.Now().UTC().Format(time.RFC3339), runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, runtime.Version(),
		strings.TrimSpace(string(nxVersion)), strings.TrimSpace(string(igVersion)), loadAverage(), *rounds)
	b.WriteString("Every side: the computation alone on a prebuilt graph (undirected, one link per pair, unweighted). actorgraph's PageRank and eigenvector iterate to 1e-12, networkx's and igraph's to their defaults. betweenness-sampled: actorgraph and networkx estimate from 1,000 sampled sources, igraph computes the exact betweenness; \"top-20 overlap\" is the share of actorgraph's estimated top 20 in igraph's exact top 20.\n\n")
	b.WriteString("| graph | entities | links | computation | actorgraph (gonum) s | networkx s | igraph s | networkx / actorgraph | igraph / actorgraph | top-20 overlap |\n|---|---|---|---|---|---|---|---|---|---|\n")
	for i, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			return fmt.Errorf("size %q: %w", s, err)
		}
		which := plan["large"]
		if i == 0 {
			which = plan["small"]
		}
		rows, err := bench(n, which, *rounds, *python, scripts)
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

func bench(n int, which []string, rounds int, python string, scripts [2]string) (string, error) {
	g, file, err := prepare(n)
	if err != nil {
		return "", err
	}
	defer os.Remove(file)
	var rows strings.Builder
	for _, m := range which {
		var times [3][]float64
		var ourTop, exactTop []string
		for r := range rounds {
			sides := []func() error{
				func() error {
					d, top, err := timeOurs(g, m)
					times[0], ourTop = append(times[0], d), top
					return err
				},
				func() error {
					d, _, err := timePython(python, scripts[0], file, m)
					times[1] = append(times[1], d)
					return err
				},
				func() error {
					d, top, err := timePython(python, scripts[1], file, m)
					times[2], exactTop = append(times[2], d), top
					return err
				},
			}
			for i := range sides {
				if err := sides[(i+r)%len(sides)](); err != nil {
					return "", err
				}
			}
		}
		mo, mn, mi := median(times[0]), median(times[1]), median(times[2])
		overlap := "—"
		if m == "betweenness-sampled" || m == "betweenness" {
			overlap = fmt.Sprintf("%.2f", overlapOf(ourTop, exactTop))
		}
		fmt.Fprintf(&rows, "| ba-%d | %d | %d | %s | %.4f | %.4f | %.4f | %.1fx | %.2fx | %s |\n",
			n, len(g.Nodes), g.Links, m, mo, mn, mi, mn/mo, mi/mo, overlap)
	}
	return rows.String(), nil
}

// overlapOf is the share of a that is in b.
func overlapOf(a, b []string) float64 {
	if len(a) == 0 {
		return 0
	}
	n := 0
	for _, id := range a {
		if slices.Contains(b, id) {
			n++
		}
	}
	return float64(n) / float64(len(a))
}

// loadAverage is the machine's 1, 5 and 15 minute load averages, where
// the system says them.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	return strings.Join(f[:min(3, len(f))], " ")
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

// timeOurs times m on g, and the ids of the 20 best scored.
func timeOurs(g *analytics.Graph, m string) (float64, []string, error) {
	ctx := context.Background()
	start := time.Now()
	var err error
	var scores []analytics.Score
	switch m {
	case "louvain":
		_, err = analytics.Communities(ctx, g, 1, 1)
	case "betweenness-sampled":
		scores, err = analytics.SampledBetweenness(ctx, g, samples)
	default:
		scores, err = analytics.Centrality(ctx, g, analytics.Metric(m))
	}
	d := time.Since(start).Seconds()
	var top []string
	for _, s := range scores[:min(20, len(scores))] {
		top = append(top, s.ID)
	}
	return d, top, err
}

// timePython times m with script (networkx_time.py or igraph_time.py).
func timePython(python, script, file, m string) (float64, []string, error) {
	var stdout, stderr bytes.Buffer
	c := exec.Command(python, script, file, m)
	c.Stdout, c.Stderr = &stdout, &stderr
	if err := c.Run(); err != nil {
		return 0, nil, fmt.Errorf("%s %s: %w\n%s", script, m, err, stderr.String())
	}
	var got struct {
		Seconds float64
		Top     []string
	}
	if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
		return 0, nil, fmt.Errorf("%s printed %q: %w", script, stdout.String(), err)
	}
	return got.Seconds, got.Top, nil
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
