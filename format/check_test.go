package format

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"github.com/actorgraph/actorgraph/internal/extcheck"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
)

// formatcheck is where the real-parser checkers live, from this package's directory.
var formatcheck = filepath.Join("..", "tools", "formatcheck")

const installParsers = "install them with `make formatcheck-deps` " +
	"(pip install -r tools/formatcheck/requirements.txt && npm ci --prefix tools/formatcheck)"

// seenByParser is what a checker prints after loading an export.
type seenByParser struct {
	Nodes        int      `json:"nodes"`
	Edges        int      `json:"edges"`
	PathElements int      `json:"pathElements"`
	NodeIDs      []string `json:"nodeIds"`
	EdgeIDs      []string `json:"edgeIds"`
}

// TestRealParsers loads each export with the libraries its users load it
// with (networkx for GraphML and GEXF, Cytoscape.js and d3-force for the
// JSON shapes) and checks they see the nodes, edges, ids and path elements
// we wrote.
func TestRealParsers(t *testing.T) {
	answers := map[string]*graph.PathAnswer{"golden": goldenAnswer(), "hostile": hostileAnswer()}
	// The checker reads format=gexf with networkx's default call,
	// nx.read_gexf(path) (GEXF 1.2draft), and gexf-1.3 with version="1.3".
	for _, f := range []Format{Cytoscape, D3, GraphML, GEXF, GEXF13} {
		t.Run(string(f), func(t *testing.T) {
			cmd := parserCommand(t, f)
			for name, a := range answers {
				file := filepath.Join(t.TempDir(), f.Filename(name))
				if err := os.WriteFile(file, write(t, f, a), 0o644); err != nil {
					t.Fatal(err)
				}
				got := runParser(t, cmd, file, f)
				ids := wantIDs(f, &a.Subgraph)
				want := seenByParser{Nodes: len(a.Nodes), Edges: len(a.Edges), PathElements: pathElements(a),
					NodeIDs: ids.nodes, EdgeIDs: ids.edges}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s answer: %s saw %+v, want %+v", name, cmd[0], got, want)
				}
			}
		})
	}
}

// pathElements counts the nodes and edges of a that are on a path.
func pathElements(a *graph.PathAnswer) int {
	ranks := pathRanks(a.Paths)
	n := 0
	for _, node := range a.Nodes {
		if len(ranks[node.ID]) > 0 {
			n++
		}
	}
	for _, e := range a.Edges {
		if len(ranks[e.ID]) > 0 {
			n++
		}
	}
	return n
}

func runParser(t *testing.T, cmd []string, file string, f Format) seenByParser {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	c := exec.CommandContext(ctx, cmd[0], append(cmd[1:], file, string(f))...)
	var stdout, stderr bytes.Buffer
	c.Stdout, c.Stderr = &stdout, &stderr
	if err := c.Run(); err != nil {
		t.Fatalf("%s rejected the %s export: %v\n%s", strings.Join(c.Args, " "), f, err, stderr.String())
	}
	var got seenByParser
	if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
		t.Fatalf("%s printed %q: %v", strings.Join(c.Args, " "), stdout.String(), err)
	}
	return got
}

// parserCommand returns the checker command for f, or ends the test when its
// dependencies are missing: a failure in CI (CI=true) and elsewhere, a skip
// only when ACTORGRAPH_SKIP_PARSERS=1 outside CI.
func parserCommand(t *testing.T, f Format) []string {
	t.Helper()
	var cmd []string
	var err error
	switch f {
	case GraphML, GEXF, GEXF13:
		cmd, err = pythonChecker()
	default:
		cmd, err = nodeChecker()
	}
	if err == nil {
		return cmd
	}
	extcheck.Missing(t, fmt.Sprintf("cannot load %s exports with the real parser: %v; %s", f, err, installParsers))
	return nil
}

// pythonChecker finds python3 with the networkx version requirements.txt pins.
func pythonChecker() ([]string, error) { return extcheck.Networkx(formatcheck, "check.py") }

// nodeChecker finds node and the library versions package.json pins in
// tools/formatcheck/node_modules.
func nodeChecker() ([]string, error) {
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, err
	}
	var pkg struct {
		Dependencies map[string]string `json:"dependencies"`
	}
	if err := readJSON(filepath.Join(formatcheck, "package.json"), &pkg); err != nil {
		return nil, err
	}
	for _, name := range []string{"cytoscape", "d3-force"} {
		var installed struct {
			Version string `json:"version"`
		}
		if err := readJSON(filepath.Join(formatcheck, "node_modules", name, "package.json"), &installed); err != nil {
			return nil, fmt.Errorf("%s is not installed: %w", name, err)
		}
		if want := pkg.Dependencies[name]; installed.Version != want {
			return nil, fmt.Errorf("%s %s is installed, package.json pins %s", name, installed.Version, want)
		}
	}
	return []string{node, filepath.Join(formatcheck, "check.mjs")}, nil
}

func readJSON(file string, v any) error {
	b, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

// annotated is the golden answer's graph with PageRank scores and
// communities on its nodes, as annotate=pagerank,community sets them.
func annotated() (*graph.Subgraph, map[string]map[string]any) {
	g := goldenAnswer().Subgraph
	want := map[string]map[string]any{}
	for i := range g.Nodes {
		pr, com := 1/float64(i+3), i%2
		g.Nodes[i].PageRank, g.Nodes[i].Community = &pr, &com
		want[g.Nodes[i].ID] = map[string]any{"pagerank": pr, "community": float64(com)}
	}
	return &g, want
}

// TestRealParsersReadAnnotations: networkx reads the annotations of the
// XML formats as typed attributes (pagerank a float, community an int) with
// the values written; the JSON shapes carry them as node (Cytoscape: data)
// fields.
func TestRealParsersReadAnnotations(t *testing.T) {
	g, want := annotated()
	for _, f := range []Format{GraphML, GEXF, GEXF13} {
		t.Run(string(f), func(t *testing.T) {
			cmd := parserCommand(t, f)
			file := filepath.Join(t.TempDir(), f.Filename("annotated"))
			if err := os.WriteFile(file, write(t, f, g), 0o644); err != nil {
				t.Fatal(err)
			}
			c := exec.Command(cmd[0], append(cmd[1:], file, string(f))...)
			out, err := c.Output()
			if err != nil {
				t.Fatalf("%s rejected the annotated %s export: %v", cmd[0], f, err)
			}
			var got struct {
				Annotations map[string]map[string]any `json:"annotations"`
			}
			if err := json.Unmarshal(out, &got); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got.Annotations, want) {
				t.Errorf("networkx read annotations %v, want %v", got.Annotations, want)
			}
		})
	}
	for _, f := range []Format{JSON, Cytoscape, D3} {
		var doc struct {
			Nodes    []map[string]any `json:"nodes"`
			Elements struct {
				Nodes []struct {
					Data map[string]any `json:"data"`
				} `json:"nodes"`
			} `json:"elements"`
		}
		if err := json.Unmarshal(write(t, f, g), &doc); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		nodes := doc.Nodes
		for _, n := range doc.Elements.Nodes {
			nodes = append(nodes, n.Data)
		}
		if len(nodes) != len(g.Nodes) {
			t.Fatalf("%s: %d nodes, want %d", f, len(nodes), len(g.Nodes))
		}
		for _, n := range nodes {
			w := want[n["id"].(string)]
			if n["pagerank"] != w["pagerank"] || n["community"] != w["community"] {
				t.Errorf("%s: node %v has pagerank %v community %v, want %v %v", f, n["id"], n["pagerank"], n["community"],
					w["pagerank"], w["community"])
			}
		}
	}
}
