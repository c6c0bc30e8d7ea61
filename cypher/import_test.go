package cypher_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/data"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

func TestImportTwiceCreatesNothing(t *testing.T) {
	s := crocusStore(t)
	n0, r0 := counts(t)
	d, err := data.Crocus()
	if err != nil {
		t.Fatal(err)
	}
	rep, err := s.Import(context.Background(), d, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.NodesCreated != 0 || rep.RelationshipsCreated != 0 || rep.Nodes.Created != 0 || rep.Edges.Created != 0 {
		t.Errorf("second import: got %+v, want 0 nodes and 0 relationships created", rep)
	}
	if rep.Nodes.Unchanged != len(d.Nodes) || rep.Edges.Unchanged != len(d.Edges) {
		t.Errorf("second import: got %d/%d unchanged, want %d nodes / %d edges", rep.Nodes.Unchanged, rep.Edges.Unchanged, len(d.Nodes), len(d.Edges))
	}
	if n1, r1 := counts(t); n1 != n0 || r1 != r0 {
		t.Errorf("counts changed: got %d/%d, want %d/%d", n1, r1, n0, r0)
	}
}

func TestImportUpdatedEdgeCounted(t *testing.T) {
	s := crocusStore(t)
	d, _ := data.Crocus()
	d.Edges[0].Confidence = (d.Edges[0].Confidence + 1) % 101
	rep, err := s.Import(context.Background(), d, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Edges.Updated != 1 || rep.Edges.Created != 0 {
		t.Errorf("got %+v, want exactly 1 edge updated", rep.Edges)
	}
}

// TestImportOneBadRecordChangesNothing: a bad record among many is named, and
// the graph is left exactly as it was.
func TestImportOneBadRecordChangesNothing(t *testing.T) {
	s := crocusStore(t)
	n0, r0 := counts(t)
	cases := []struct {
		name   string
		mutate func(d *graph.DataSet)
		want   string
	}{
		{"unknown type", func(d *graph.DataSet) { d.Edges[40].Type = "FUNDED_BY" }, "unknown relationship type"},
		{"kinds not allowed", func(d *graph.DataSet) { d.Edges[3].Type = "NATIONALITY_OF" }, "may not connect"},
		{"dangling id", func(d *graph.DataSet) { d.Edges[7].Target = "group:no-such-group" }, "dangling"},
		{"missing evidence", func(d *graph.DataSet) { d.Edges[9].Sources = nil }, "missing evidence"},
		{"quote not in source", func(d *graph.DataSet) { d.Edges[11].Quote = "a sentence the article never wrote" }, "not found verbatim"},
		{"confidence out of range", func(d *graph.DataSet) { d.Edges[12].Confidence = 101 }, "out of range"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d, _ := data.Crocus()
			// New records too, so that a partial write would show in the counts.
			d.Nodes = append(d.Nodes, graph.Node{ID: "group:new-one", Kind: graph.Group, Name: "New One"})
			tc.mutate(d)
			_, err := s.Import(context.Background(), d, nil)
			var ve *graph.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("got %v, want a validation error", err)
			}
			if !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "edges[") {
				t.Errorf("got %q, want it to name the record and say %q", err, tc.want)
			}
			if n1, r1 := counts(t); n1 != n0 || r1 != r0 {
				t.Errorf("counts changed: got %d/%d, want %d/%d", n1, r1, n0, r0)
			}
		})
	}
}

// TestImportAtomicOnWriteFailure: a failure during the write (not caught by
// validation) rolls everything back.
func TestImportAtomicOnWriteFailure(t *testing.T) {
	s := crocusStore(t)
	ctx := context.Background()
	n0, r0 := counts(t)
	d, _ := data.Crocus()
	d.Nodes = append(d.Nodes, graph.Node{ID: "group:atomic-test", Kind: graph.Group, Name: "Atomic"})
	// Cancel mid-import: the first batches are written, later ones never are.
	ctx2, cancel := context.WithCancel(ctx)
	calls := 0
	_, err := s.Import(ctx2, d, func(done, total int) {
		calls++
		if calls == 2 {
			cancel()
		}
	})
	if err == nil {
		t.Fatal("got no error from a cancelled import")
	}
	if n1, r1 := counts(t); n1 != n0 || r1 != r0 {
		t.Errorf("counts changed after a failed import: got %d/%d, want %d/%d", n1, r1, n0, r0)
	}
}

// TestEveryEdgeQuotesItsSource checks the loaded graph itself: every
// relationship has a source and a quote found verbatim in its source's text.
func TestEveryEdgeQuotesItsSource(t *testing.T) {
	crocusStore(t)
	res, err := neo4j.ExecuteQuery(context.Background(), db.Driver, `MATCH ()-[r]->()
OPTIONAL MATCH (s:Source {id: r.quoteSource})
RETURN r.id AS id, size(r.sources) AS nsources, r.quote AS quote, s.text AS text`, nil, neo4j.EagerResultTransformer)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Records) < 100 {
		t.Fatalf("got %d relationships, want the whole Crocus set", len(res.Records))
	}
	for _, rec := range res.Records {
		m := rec.AsMap()
		quote, _ := m["quote"].(string)
		text, _ := m["text"].(string)
		if n, _ := m["nsources"].(int64); n < 1 || quote == "" || !strings.Contains(text, quote) {
			t.Errorf("edge %v: %d source(s), quote %q not verbatim in its source text", m["id"], m["nsources"], quote)
		}
	}
}

// TestCrocusAnswersTheAnalystsQuestions runs plain Cypher over the loaded set.
func TestCrocusAnswersTheAnalystsQuestions(t *testing.T) {
	crocusStore(t)
	ctx := context.Background()
	res, err := neo4j.ExecuteQuery(ctx, db.Driver, `MATCH p = (:Group {id: 'group:is-k'})-[:CLAIMED_RESPONSIBILITY]->(e:Event {id: 'event:2024-03-22-crocus-city-hall'})
<-[:PERPETRATED]-(a:Attacker)-[:HAS_NATIONALITY]->(:Nationality)-[:NATIONALITY_OF]->(:State {id: 'state:tj'})
RETURN count(DISTINCT a) AS attackers`, nil, neo4j.EagerResultTransformer)
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Records[0].AsMap()["attackers"].(int64); got < 4 {
		t.Errorf("IS-K reaches Tajikistan through the attack via %d attackers, want 4", got)
	}
	res, err = neo4j.ExecuteQuery(ctx, db.Driver, `MATCH (us:State {id: 'state:us'})-[w:WARNED_ABOUT]->(e:Event {id: 'event:2024-03-22-crocus-city-hall'})
RETURN w.reportedOn AS warned, e.date AS attack`, nil, neo4j.EagerResultTransformer)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Records) == 0 {
		t.Fatal("no WARNED_ABOUT edge from the United States to the attack")
	}
	m := res.Records[0].AsMap()
	if w, a := m["warned"].(string), m["attack"].(string); !(w < a) {
		t.Errorf("warning reported %s, attack %s: want the warning before the attack", w, a)
	}
}

// TestImportChunkedInterruptedThenRerun: a chunked import stopped after its
// first committed chunk keeps that chunk; running it again ends with exactly
// the data set's counts and creates only what was missing.
func TestImportChunkedInterruptedThenRerun(t *testing.T) {
	s := crocusStore(t)
	ctx := context.Background()
	if err := db.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.EnsureSchema(ctx); err != nil {
		t.Fatal(err)
	}
	d, err := data.Crocus()
	if err != nil {
		t.Fatal(err)
	}
	const chunk = 10
	// Cancel while the second chunk is being written: the first is
	// committed by then, the second never commits.
	cctx, cancel := context.WithCancel(ctx)
	_, err = s.ImportChunked(cctx, d, chunk, func(done, total int) {
		if done > chunk {
			cancel()
		}
	})
	cancel()
	if err == nil {
		t.Fatal("interrupted chunked import: got no error, want one")
	}
	if !strings.Contains(err.Error(), "run the import again") {
		t.Errorf("error %q does not say to run the import again", err)
	}
	n1, r1 := counts(t)
	if n1 != chunk || r1 != 0 {
		t.Fatalf("after the interruption: %d nodes, %d relationships; want the first chunk's %d nodes and no relationships", n1, r1, chunk)
	}
	d, _ = data.Crocus()
	rep, err := s.ImportChunked(ctx, d, chunk, nil)
	if err != nil {
		t.Fatal(err)
	}
	n2, r2 := counts(t)
	if n2 != int64(len(d.Nodes)) || r2 != int64(len(d.Edges)) {
		t.Errorf("after the re-run: %d nodes, %d relationships; want the data set's %d and %d", n2, r2, len(d.Nodes), len(d.Edges))
	}
	if int64(rep.Nodes.Created) != int64(len(d.Nodes))-n1 || rep.Nodes.Unchanged != int(n1) || rep.Edges.Created != len(d.Edges) {
		t.Errorf("re-run report %+v; want %d nodes created, %d unchanged, %d edges created", rep, int64(len(d.Nodes))-n1, n1, len(d.Edges))
	}
}
