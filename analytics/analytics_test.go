package analytics

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/synth"
)

func edge(id, from, to string, conf int, level graph.EvidenceLevel, sources ...string) graph.Edge {
	return graph.Edge{ID: id, Type: "MEMBER_OF", Source: from, Target: to,
		Evidence: graph.Evidence{Confidence: conf, Level: level, Sources: sources}}
}

func small() *graph.Subgraph {
	return &graph.Subgraph{
		Nodes: []graph.Node{{ID: "person:c"}, {ID: "group:a"}, {ID: "attacker:b"}},
		Edges: []graph.Edge{
			edge("e1", "group:a", "attacker:b", 80, graph.EvidenceQuote),
			edge("e2", "attacker:b", "group:a", 60, graph.EvidenceSummary),
			edge("e3", "group:a", "group:a", 90, graph.EvidenceQuote),
			edge("e4", "attacker:b", "person:c", 50, graph.EvidenceReportedQuote),
		},
	}
}

// TestBuildOneLinkPerPair: parallel relationships (either way round) are
// one link, weighing 1 unweighted and the sum of their weights weighted;
// a self-relationship is left out.
func TestBuildOneLinkPerPair(t *testing.T) {
	for _, tc := range []struct {
		w    Weight
		want map[[2]string]float64
	}{
		{WeightNone, map[[2]string]float64{{"attacker:b", "group:a"}: 1, {"attacker:b", "person:c"}: 1}},
		{WeightConfidence, map[[2]string]float64{{"attacker:b", "group:a"}: 0.8 + 0.6, {"attacker:b", "person:c"}: 0.5}},
		{WeightEvidence, map[[2]string]float64{{"attacker:b", "group:a"}: 1 + 1.0/3, {"attacker:b", "person:c"}: 2.0 / 3}},
	} {
		g, err := Build(small(), tc.w)
		if err != nil {
			t.Fatal(err)
		}
		if g.Relationships != 4 || g.Links != 2 || len(g.Nodes) != 3 || g.Nodes[0].ID != "attacker:b" {
			t.Errorf("%s: %d relationships, %d links, nodes %v; want 4, 2, in id order", tc.w, g.Relationships, g.Links, g.Nodes)
		}
		got := map[[2]string]float64{}
		for _, l := range g.LinkList() {
			got[[2]string{l.A, l.B}] = l.Weight
		}
		for k, w := range tc.want {
			if d := got[k] - w; d > 1e-15 || d < -1e-15 {
				t.Errorf("%s: link %v weighs %v, want %v", tc.w, k, got[k], w)
			}
		}
		if len(got) != len(tc.want) {
			t.Errorf("%s: links %v, want %v", tc.w, got, tc.want)
		}
	}
	bad := small()
	bad.Edges = append(bad.Edges, edge("e5", "group:a", "state:ru", 80, graph.EvidenceQuote))
	if _, err := Build(bad, WeightNone); err == nil || !strings.Contains(err.Error(), "state:ru") {
		t.Errorf("a relationship to an entity outside the subgraph: got %v, want an error naming it", err)
	}
}

// TestCentralityPastDeadline: a computation that outlives the request's
// limit answers the limit's ErrTimeout, naming what it was computing, as
// soon as the limit passes, and no scores.
func TestCentralityPastDeadline(t *testing.T) {
	gen, err := synth.Generate(synth.Config{Shape: "ba", Nodes: 2000, Seed: 1, Tag: "dl"})
	if err != nil {
		t.Fatal(err)
	}
	d, err := gen.DataSet()
	if err != nil {
		t.Fatal(err)
	}
	g, err := Build(entities(t, d), WeightNone)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := graph.WithLimit(context.Background(), 20*time.Millisecond, "ACTORGRAPH_QUERY_TIMEOUT")
	defer cancel()
	start := time.Now()
	scores, err := Centrality(ctx, g, Betweenness)
	took := time.Since(start)
	if !errors.Is(err, graph.ErrTimeout) || scores != nil {
		t.Fatalf("got %d scores and %v, want no scores and ErrTimeout", len(scores), err)
	}
	for _, want := range []string{"20ms limit", "computing betweenness centrality", "ACTORGRAPH_QUERY_TIMEOUT"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if took > 500*time.Millisecond {
		t.Errorf("answered after %v; the 20ms limit should end it at once", took)
	}
	if _, err := Communities(ctx, g, 1, 1); !errors.Is(err, graph.ErrTimeout) {
		t.Errorf("communities past the limit: got %v, want ErrTimeout", err)
	}
}

// TestBrokersShares: the inner entities of the paths, by share (equal
// shares by the distinct sources of their paths: c's paths cite s1-s4, b's
// s1-s3), with those sources and the paths' edge ids.
func TestBrokersShares(t *testing.T) {
	e := map[string]graph.Edge{
		"ab": edge("ab", "a", "b", 90, graph.EvidenceQuote, "s1"),
		"bz": edge("bz", "b", "z", 90, graph.EvidenceQuote, "s2"),
		"ac": edge("ac", "a", "c", 90, graph.EvidenceQuote, "s1"),
		"cb": edge("cb", "c", "b", 90, graph.EvidenceQuote, "s3"),
		"cd": edge("cd", "c", "d", 90, graph.EvidenceQuote, "s3"),
		"dz": edge("dz", "d", "z", 90, graph.EvidenceQuote, "s4"),
	}
	path := func(nodes []string, ids ...string) graph.Path {
		var es []graph.Edge
		for _, id := range ids {
			es = append(es, e[id])
		}
		return graph.NewPath(nodes, es)
	}
	ans := &graph.PathAnswer{Paths: []graph.Path{
		path([]string{"a", "b", "z"}, "ab", "bz"),
		path([]string{"a", "c", "b", "z"}, "ac", "cb", "bz"),
		path([]string{"a", "c", "d", "z"}, "ac", "cd", "dz"),
	}}
	for _, x := range e {
		ans.Edges = append(ans.Edges, x)
	}
	for _, id := range []string{"a", "b", "c", "d", "z"} {
		ans.Nodes = append(ans.Nodes, graph.Node{ID: id, Name: strings.ToUpper(id), Kind: graph.Person})
	}
	b := Brokers(ans, "a", "z", 10)
	want := []struct {
		id      string
		share   float64
		sources int
		paths   int
	}{{"c", 2.0 / 3, 4, 2}, {"b", 2.0 / 3, 3, 2}, {"d", 1.0 / 3, 3, 1}}
	if b.Paths != 3 || len(b.Brokers) != len(want) {
		t.Fatalf("got %d paths, brokers %+v; want 3 paths, brokers b, c, d", b.Paths, b.Brokers)
	}
	for i, w := range want {
		got := b.Brokers[i]
		if got.ID != w.id || got.Share != w.share || got.Sources != w.sources || len(got.Paths) != w.paths ||
			got.Name != strings.ToUpper(w.id) {
			t.Errorf("broker %d: %+v, want %s share %v, %d sources, %d paths", i, got, w.id, w.share, w.sources, w.paths)
		}
	}
	if top := Brokers(ans, "a", "z", 1); len(top.Brokers) != 1 || top.Brokers[0].ID != "c" {
		t.Errorf("limit 1: %+v, want c alone", top.Brokers)
	}
}

// TestEmptyGraph: every metric, the communities and the brokers of a graph
// with no entity answer nothing, without an error (an empty database is no
// server error).
func TestEmptyGraph(t *testing.T) {
	g, err := Build(&graph.Subgraph{}, WeightNone)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range Metrics {
		s, err := Centrality(context.Background(), g, m)
		if err != nil || len(s) != 0 {
			t.Errorf("%s of an empty graph: %v, %v; want no scores and no error", m, s, err)
		}
	}
	if p, err := Communities(context.Background(), g, 1, 1); err != nil || len(p.Communities) != 0 {
		t.Errorf("communities of an empty graph: %+v, %v; want none and no error", p, err)
	}
}
