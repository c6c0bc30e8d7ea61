package cypher_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/cypher"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/synth"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// pathFilters are the path filters one at a time, and several together.
func pathFilters() []struct {
	name string
	f    graph.Filter
} {
	var rels []string
	for i, rt := range graph.Vocabulary {
		if i%2 == 0 {
			rels = append(rels, rt.Name)
		}
	}
	return []struct {
		name string
		f    graph.Filter
	}{
		{"no filter", graph.Filter{}},
		{"half the relationship types", graph.Filter{Rels: rels}},
		{"direction out", graph.Filter{Direction: "out"}},
		{"direction in", graph.Filter{Direction: "in"}},
		{"minConfidence 60", graph.Filter{MinConfidence: 60}},
		{"stances claimed, reported", graph.Filter{Stances: []graph.Stance{graph.Claimed, graph.Reported}}},
		{"sources s1..s4", graph.Filter{Sources: []string{"source:pq-s1", "source:pq-s2", "source:pq-s3", "source:pq-s4"}}},
		{"evidence quote", graph.Filter{Evidence: graph.EvidenceQuote}},
		{"at 2005-06-01", graph.Filter{At: "2005-06-01"}},
		{"knownOn 2012-01-01, undated dropped", graph.Filter{KnownOn: "2012-01-01", Undated: "drop"}},
		{"kinds Person, Group, Location", graph.Filter{Kinds: []graph.Kind{graph.Person, graph.Group, graph.Location}}},
		{"retracted included", graph.Filter{IncludeRetracted: true}},
		{"types, out, minConfidence 40, at, kinds", graph.Filter{Rels: rels, Direction: "out",
			MinConfidence: 40, At: "2008-01-01",
			Kinds: []graph.Kind{graph.Person, graph.Group, graph.State, graph.Event}}},
	}
}

// TestPathStatementsPlanNoFallback: under every filter, one shortest path
// and all shortest paths are planned as Neo4j's bidirectional search alone.
// A filter it could not check while searching would add an exhaustive
// fallback (a variable-length expand of every path up to maxDepth, minutes
// on a large graph when no path exists), or the planner would fall back to
// the slower stateful search.
func TestPathStatementsPlanNoFallback(t *testing.T) {
	crocusStore(t)
	for _, sel := range []string{"SHORTEST 1", "ALL SHORTEST"} {
		for _, pf := range pathFilters() {
			q, params := cypher.PathQueryFor(pf.f, sel, 8)
			params["from"], params["to"], params["cap"] = "group:iskp", "state:tajikistan", int64(2)
			ops := planOps(t, q, params)
			search := false
			for _, op := range ops {
				switch {
				case op == "ShortestPath":
					search = true
				case strings.HasPrefix(op, "VarLengthExpand"), strings.Contains(op, "ConditionalApply"),
					strings.HasPrefix(op, "StatefulShortestPath"):
					t.Errorf("%s, %s: the plan has %s: %v\n%s", sel, pf.name, op, ops, q)
				}
			}
			if !search {
				t.Errorf("%s, %s: no ShortestPath operator in the plan %v\n%s", sel, pf.name, ops, q)
			}
		}
	}
}

// planOps EXPLAINs q and returns its plan's operators, depth first, without
// the "@neo4j" suffix.
func planOps(t *testing.T, q string, params map[string]any) []string {
	t.Helper()
	res, err := neo4j.ExecuteQuery(context.Background(), db.Driver, "EXPLAIN "+q, params, neo4j.EagerResultTransformer)
	if err != nil {
		t.Fatalf("EXPLAIN: %v\n%s", err, q)
	}
	var ops []string
	var walk func(neo4j.Plan)
	walk = func(p neo4j.Plan) {
		ops = append(ops, strings.TrimSuffix(p.Operator(), "@neo4j"))
		for _, c := range p.Children() {
			walk(c)
		}
	}
	walk(res.Summary.Plan())
	return ops
}

// TestShortestPathsAgreeWithQPP: on a generated power-law graph, under every
// filter, the shortest path the store finds is one of the paths SHORTEST
// over a quantified path pattern (the statement it replaced, the reference)
// finds, no path exactly when it finds none, and all shortest paths are the
// same set.
func TestShortestPathsAgreeWithQPP(t *testing.T) {
	ctx := context.Background()
	if err := db.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	g, err := synth.Generate(synth.Config{Shape: "ba", Nodes: 300, Seed: 5, Tag: "pq-", PairsPerDistance: 8})
	if err != nil {
		t.Fatal(err)
	}
	d, err := g.DataSet()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Import(ctx, d); err != nil {
		t.Fatal(err)
	}
	paths := func(q string, params map[string]any, p synth.Pair) map[string]bool {
		params["from"], params["to"], params["cap"] = p.From, p.To, int64(10000)
		// The store's reads get the reader's clearance; this one runs the
		// compiled statement itself, as a reader cleared for everything.
		params["clearance"] = int64(graph.FullClearance.Rank())
		res, err := neo4j.ExecuteQuery(ctx, db.Driver, q, params, neo4j.EagerResultTransformer)
		if err != nil {
			t.Fatalf("%s -> %s: %v\n%s", p.From, p.To, err, q)
		}
		out := map[string]bool{}
		for _, rec := range res.Records {
			v, _ := rec.Get("p")
			var ids []string
			for _, r := range v.(neo4j.Path).Relationships {
				ids = append(ids, r.Props["id"].(string))
			}
			out[strings.Join(ids, " ")] = true
		}
		return out
	}
	found, none, compared := 0, 0, 0
	for i, pf := range pathFilters() {
		one, params := cypher.PathQueryFor(pf.f, "SHORTEST 1", 8)
		all, _ := cypher.PathQueryFor(pf.f, "ALL SHORTEST", 8)
		ref, _ := cypher.QPPPathQueryFor(pf.f, "ALL SHORTEST", 8)
		for _, p := range g.Pairs {
			want := paths(ref, params, p)
			got := paths(one, params, p)
			switch {
			case len(got) > 1:
				t.Errorf("%s: %s -> %s: shortestPath returned %d paths", pf.name, p.From, p.To, len(got))
			case len(got) != min(len(want), 1):
				t.Errorf("%s: %s -> %s: shortestPath found %d paths, SHORTEST over a QPP %d: %v", pf.name,
					p.From, p.To, len(got), len(want), want)
			}
			for k := range got {
				if !want[k] {
					t.Errorf("%s: %s -> %s: shortestPath found %q, not among the shortest paths over a QPP %v",
						pf.name, p.From, p.To, k, want)
				}
			}
			if len(want) == 0 {
				none++
			} else {
				found++
			}
			if i%3 == 0 { // all shortest paths under a third of the filters
				if gotAll := paths(all, params, p); fmt.Sprint(gotAll) != fmt.Sprint(want) {
					t.Errorf("%s: %s -> %s: allShortestPaths found %v, ALL SHORTEST over a QPP %v", pf.name,
						p.From, p.To, gotAll, want)
				}
				compared++
			}
		}
	}
	t.Logf("%d pairs with a path and %d without across %d filters; %d all-shortest sets compared", found,
		none, len(pathFilters()), compared)
	if found == 0 || none == 0 {
		t.Errorf("the comparison needs pairs with and without a path: %d with, %d without", found, none)
	}
}
