package analytics

import (
	"context"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/synth"
)

// benchGraph is the generated graph bench/analytics times (ba shape, seed 1,
// Sources left out), built unweighted.
func benchGraph(b *testing.B, n int) *Graph {
	b.Helper()
	gen, err := synth.Generate(synth.Config{Shape: "ba", Nodes: n, Seed: 1, Tag: "b"})
	if err != nil {
		b.Fatal(err)
	}
	d, err := gen.DataSet()
	if err != nil {
		b.Fatal(err)
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
	g, err := Build(sg, WeightNone)
	if err != nil {
		b.Fatal(err)
	}
	return g
}

func BenchmarkBetweenness2k(b *testing.B) { benchMetric(b, 2000, Betweenness) }
func BenchmarkCloseness2k(b *testing.B)   { benchMetric(b, 2000, Closeness) }
func BenchmarkPageRank10k(b *testing.B)   { benchMetric(b, 10000, PageRank) }

func benchMetric(b *testing.B, n int, m Metric) {
	g := benchGraph(b, n)
	for b.Loop() {
		if _, err := Centrality(context.Background(), g, m); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLouvain10k(b *testing.B) {
	g := benchGraph(b, 10000)
	for b.Loop() {
		if _, err := Communities(context.Background(), g, 1, 1); err != nil {
			b.Fatal(err)
		}
	}
}
