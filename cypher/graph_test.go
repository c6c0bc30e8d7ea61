package cypher_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/cypher"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/testhook"
)

// streamProbe is a graph.Sink and a statement observer: it notes, as each
// element arrives, whether the statement reading it is still open.
type streamProbe struct {
	mu           sync.Mutex
	open         map[string]bool
	head         graph.Head
	begins, ends int
	nodes, edges []string
	openAtFirst  map[string]bool // statement -> open when its first element arrived
	sunkAtClose  map[string]int  // statement -> elements sunk when it ended
	failOnEdge   error
}

func newStreamProbe() *streamProbe {
	return &streamProbe{open: map[string]bool{}, openAtFirst: map[string]bool{}, sunkAtClose: map[string]int{}}
}

func (p *streamProbe) observe(name string) func(error) {
	p.mu.Lock()
	p.open[name] = true
	p.mu.Unlock()
	return func(error) {
		p.mu.Lock()
		defer p.mu.Unlock()
		p.open[name] = false
		p.sunkAtClose[name] = len(p.nodes) + len(p.edges)
	}
}

func (p *streamProbe) Begin(h graph.Head) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.begins++
	p.head = h
	return nil
}

func (p *streamProbe) Node(n *graph.Node) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.nodes) == 0 {
		p.openAtFirst["graph_nodes"] = p.open["graph_nodes"]
	}
	p.nodes = append(p.nodes, n.ID)
	return nil
}

func (p *streamProbe) Edge(e *graph.Edge) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.failOnEdge != nil {
		return p.failOnEdge
	}
	if len(p.edges) == 0 {
		p.openAtFirst["graph_edges"] = p.open["graph_edges"]
	}
	p.edges = append(p.edges, e.Source+" "+e.Target)
	return nil
}

func (p *streamProbe) End() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.ends++
	return nil
}

// chainStore loads Crocus plus a chain of n groups (more than one fetch of
// records), each with a property, linked by AFFILIATE_OF edges with one.
func chainStore(t *testing.T, n int, opt cypher.Options) *cypher.Store {
	t.Helper()
	crocusStore(t)
	d := &graph.DataSet{Name: "chain"}
	for i := range n {
		d.Nodes = append(d.Nodes, graph.Node{ID: fmt.Sprintf("group:chain-%d", i), Kind: graph.Group,
			Name:       fmt.Sprintf("Chain group %d", i),
			Properties: map[string]any{"founded": "2020"}})
		if i > 0 {
			d.Edges = append(d.Edges, graph.Edge{Type: "AFFILIATE_OF", Source: fmt.Sprintf("group:chain-%d",
				i), Target: fmt.Sprintf("group:chain-%d", i-1),
				Evidence: graph.Evidence{Level: graph.EvidenceSummary,
					Summary: "Test data: a chain of groups.", Sources: []string{"source:seed-2024-03-25"},
					Confidence: 50, Stance: graph.Reported},
				Properties: map[string]any{"weight": int64(i)}})
		}
	}
	if _, err := db.Import(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	s, err := db.NewStore(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestGraphStreamsRows: the graph export hands each node and edge on while
// the statement reading it is still open (not after collecting the
// subgraph), every element once, over more rows than one fetch holds, with
// the property keys declared up front.
func TestGraphStreamsRows(t *testing.T) {
	const n = 2500
	p := newStreamProbe()
	// What is checked is the order of rows, not speed: a limit no loaded
	// machine reaches, so the default 10 s cannot fail it.
	s := chainStore(t, n, cypher.Options{Observe: p.observe, Timeout: 10 * time.Minute})
	if err := s.Graph(context.Background(), graph.GraphQuery{Kinds: []graph.Kind{graph.Group},
		Limit: 100000}, p); err != nil {
		t.Fatal(err)
	}
	if p.begins != 1 || p.ends != 1 {
		t.Fatalf("Begin %d times, End %d times; want once each", p.begins, p.ends)
	}
	if len(p.nodes) < n || len(p.edges) < n-1 {
		t.Fatalf("got %d nodes and %d edges, want at least %d and %d", len(p.nodes), len(p.edges), n, n-1)
	}
	for _, stmt := range []string{"graph_nodes", "graph_edges"} {
		if !p.openAtFirst[stmt] {
			t.Errorf("the first row of %s reached the writer after the statement ended: rows were collected, not streamed", stmt)
		}
	}
	if got := p.sunkAtClose["graph_nodes"]; got != len(p.nodes) {
		t.Errorf("when graph_nodes ended the writer had %d nodes, want all %d", got, len(p.nodes))
	}
	seen := map[string]bool{}
	for _, id := range p.nodes {
		if seen[id] {
			t.Errorf("node %s written twice", id)
		}
		seen[id] = true
	}
	for _, e := range p.edges {
		var a, b string
		fmt.Sscan(e, &a, &b)
		if !seen[a] || !seen[b] {
			t.Errorf("edge %s leads outside the written nodes", e)
		}
	}
	if !slices.Contains(p.head.NodeKeys, "founded") || slices.Contains(p.head.NodeKeys, "aliasText") ||
		slices.Contains(p.head.NodeKeys, "id") {
		t.Errorf("node keys %q: want founded, and no stored-only or fixed keys", p.head.NodeKeys)
	}
	if !slices.Contains(p.head.EdgeKeys, "weight") || slices.Contains(p.head.EdgeKeys, "sources") {
		t.Errorf("edge keys %q: want weight, and no evidence fields", p.head.EdgeKeys)
	}
	if p.head.Truncated {
		t.Error("truncated under a limit larger than the graph")
	}
	// A limit cuts the nodes and says so.
	q := newStreamProbe()
	if err := s.Graph(context.Background(), graph.GraphQuery{Kinds: []graph.Kind{graph.Group}, Limit: 10}, q); err != nil {
		t.Fatal(err)
	}
	if len(q.nodes) != 10 || !q.head.Truncated {
		t.Errorf("limit 10: got %d nodes, truncated %v; want 10, true", len(q.nodes), q.head.Truncated)
	}
}

// TestGraphEdgesSeekEachID: the export's edge-keys statement (and the edge
// statement, which matches the same way) starts from one
// index seek per selected id and expands it; it never scans the id index per
// id (planned so on a freshly loaded chain whose statistics lagged, it read
// 6.7M rows and ran past the time limit).
func TestGraphEdgesSeekEachID(t *testing.T) {
	ids := make([]string, 2500)
	for i := range ids {
		ids[i] = fmt.Sprintf("group:chain-%d", i)
	}
	params := map[string]any{"ids": ids, "evidence": nil, "retracted": false}
	// Planned first on the small graph and then on the chain, whose
	// statistics lag behind the data just loaded: the condition the scan
	// plan was seen in. The planner's choice there is not deterministic: with
	// a plain USING INDEX hint (which a scan satisfies) this test failed in 2
	// of 3 runs of the package, with no hint in 1 of 3 runs alone.
	crocusStore(t)
	planOps(t, cypher.GraphEdgeKeysStatement(), params)
	chainStore(t, 2500, cypher.Options{})
	ops := planOps(t, cypher.GraphEdgeKeysStatement(), params)
	if !slices.Contains(ops, "NodeUniqueIndexSeek") || !slices.Contains(ops, "Expand(All)") {
		t.Errorf("plan %v: want a unique index seek per id and an expansion", ops)
	}
	for _, op := range ops {
		if strings.Contains(op, "Scan") || strings.Contains(op, "CartesianProduct") || op == "Expand(Into)" {
			t.Errorf("plan %v has %s", ops, op)
		}
	}
}

// TestGraphStreamNeverRepeats: when the export fails after rows went to the
// writer (here the time limit passes before the edges are read), the store
// returns the error instead of retrying: no element reaches the writer twice
// and the document is not ended. An error of the writer itself ends the
// export too.
func TestGraphStreamNeverRepeats(t *testing.T) {
	p := newStreamProbe()
	// The edges statement is held back past the limit (the hold ends at
	// the deadline); the statements before it have the rest of it.
	s := chainStore(t, 1500, cypher.Options{Timeout: 8 * time.Second, Observe: p.observe})
	ctx := testhook.WithStatementDelay(context.Background(), func(name string) time.Duration {
		if name == "graph_edges" {
			return time.Hour
		}
		return 0
	})
	err := s.Graph(ctx, graph.GraphQuery{Limit: 100000}, p)
	if !errors.Is(err, graph.ErrTimeout) {
		t.Fatalf("got %v, want graph.ErrTimeout", err)
	}
	if !strings.Contains(err.Error(), "graph_edges") {
		t.Fatalf("got %v, want the time-out in statement graph_edges", err)
	}
	seen := map[string]bool{}
	for _, id := range p.nodes {
		if seen[id] {
			t.Fatalf("node %s written twice", id)
		}
		seen[id] = true
	}
	if p.begins != 1 || p.ends != 0 || len(p.edges) != 0 || len(p.nodes) < 1500 {
		t.Errorf("Begin %d, End %d, %d nodes, %d edges; want 1, 0, >= 1500, 0", p.begins, p.ends, len(p.nodes), len(p.edges))
	}

	broken := errors.New("client went away")
	w := newStreamProbe()
	w.failOnEdge = broken
	s = chainStore(t, 10, cypher.Options{})
	if err := s.Graph(context.Background(), graph.GraphQuery{Limit: 100}, w); !errors.Is(err, broken) {
		t.Errorf("writer failing: got %v, want its error", err)
	}
	if w.begins != 1 || w.ends != 0 {
		t.Errorf("writer failing: Begin %d, End %d; want 1, 0", w.begins, w.ends)
	}
}
