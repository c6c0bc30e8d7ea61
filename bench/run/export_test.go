package main

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/actorgraph/actorgraph/format"
	"github.com/actorgraph/actorgraph/graph"
)

// TestElementCounter: the export bench counts the nodes and edges of every
// format as they stream by, without parsing the document.
func TestElementCounter(t *testing.T) {
	for _, tc := range []struct{ nodes, edges int }{{0, 0}, {1, 0}, {5, 4}, {300, 299}} {
		g := &graph.Subgraph{Nodes: []graph.Node{}, Edges: []graph.Edge{}}
		for i := range tc.nodes {
			g.Nodes = append(g.Nodes, graph.Node{ID: fmt.Sprintf("group:g%d", i), Kind: graph.Group,
				Name: "{edges:[", Aliases: []string{"a"},
				Properties: map[string]any{"note": "line\nbreak <node "}})
		}
		for i := range tc.edges {
			g.Edges = append(g.Edges, graph.Edge{ID: fmt.Sprintf("e%d", i), Type: "AFFILIATE_OF",
				Source: "group:g0", Target: fmt.Sprintf("group:g%d", i+1),
				Evidence: graph.Evidence{Level: graph.EvidenceSummary, Summary: "{\n<edge ",
					Sources: []string{"source:s"}, Confidence: 1, Stance: graph.Reported}})
		}
		for _, f := range []format.Format{format.JSON, format.Cytoscape, format.D3, format.GraphML,
			format.GEXF, format.GEXF13} {
			var b bytes.Buffer
			if err := format.Write(&b, f, g); err != nil {
				t.Fatal(err)
			}
			c := &elementCounter{json: f == format.JSON || f == format.Cytoscape || f == format.D3}
			// In small pieces, as a response body arrives.
			for p := b.Bytes(); len(p) > 0; {
				n := min(len(p), 7)
				c.Write(p[:n])
				p = p[n:]
			}
			if n, e := c.counts(); n != tc.nodes || e != tc.edges {
				t.Errorf("%s: counted %d nodes, %d edges; want %d, %d", f, n, e, tc.nodes, tc.edges)
			}
		}
	}
}
