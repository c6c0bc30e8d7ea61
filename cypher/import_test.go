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
		t.Errorf("second import: got %d/%d unchanged, want %d nodes / %d edges", rep.Nodes.Unchanged,
			rep.Edges.Unchanged, len(d.Nodes), len(d.Edges))
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
		{"quote not in source", func(d *graph.DataSet) {
			e := &d.Edges[verified(t, d)]
			e.Quote, e.QuoteStart, e.QuoteEnd = "a sentence the article never wrote", nil, nil
		}, "not found verbatim"},
		{"offsets of other words", func(d *graph.DataSet) {
			e := &d.Edges[verified(t, d)]
			start, end := 0, len([]rune(e.Quote))
			e.QuoteStart, e.QuoteEnd = &start, &end
		}, "not the quote"},
		{"JSON in a quote", func(d *graph.DataSet) {
			e := &d.Edges[verified(t, d)]
			e.Level, e.Quote, e.QuoteStart, e.QuoteEnd, e.QuoteSHA256 = graph.EvidenceReportedQuote,
				`"subject": "ATK_FARIDUNI", "predicate": "traveled_to"`, nil, nil, ""
		}, "looks like JSON"},
		{"summary with a quote", func(d *graph.DataSet) {
			e := &d.Edges[verified(t, d)]
			e.Level, e.Summary = graph.EvidenceSummary, "The curator's words."
		}, "a summary has no quote"},
		{"no evidence level", func(d *graph.DataSet) { d.Edges[5].Level = "" }, "evidence: missing"},
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

// verified returns the index of the data set's first verified quote.
func verified(t *testing.T, d *graph.DataSet) int {
	t.Helper()
	for i, e := range d.Edges {
		if e.Level == graph.EvidenceQuote {
			return i
		}
	}
	t.Fatal("fixture: no edge with a verified quote")
	return -1
}

// TestEveryEdgeQuotesItsSource checks the loaded graph itself: every
// relationship has sources and an evidence level; a verified quote is the
// span its offsets select in its source's stored text, with that text's hash;
// a reported quote has words and no offsets; a summary has words and no quote.
func TestEveryEdgeQuotesItsSource(t *testing.T) {
	crocusStore(t)
	res, err := neo4j.ExecuteQuery(context.Background(), db.Driver, `MATCH ()-[r]->()
OPTIONAL MATCH (s:Source {id: r.quoteSource})
RETURN r.id AS id, size(r.sources) AS nsources, r.evidence AS evidence, r.quote AS quote, r.summary AS summary,
  r.quoteStart AS start, r.quoteEnd AS end, r.quoteSha256 AS hash, s.text AS text, s.textSha256 AS textHash, s.textLength AS textLength`, nil, neo4j.EagerResultTransformer)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Records) < 100 {
		t.Fatalf("got %d relationships, want the whole Crocus set", len(res.Records))
	}
	levels := map[string]int{}
	for _, rec := range res.Records {
		m := rec.AsMap()
		quote, _ := m["quote"].(string)
		summary, _ := m["summary"].(string)
		level, _ := m["evidence"].(string)
		levels[level]++
		if n, _ := m["nsources"].(int64); n < 1 {
			t.Errorf("edge %v: no sources", m["id"])
		}
		switch level {
		case "quote":
			text, _ := m["text"].(string)
			start, okS := m["start"].(int64)
			end, okE := m["end"].(int64)
			runes := []rune(text)
			if !okS || !okE || start < 0 || end > int64(len(runes)) || start > end ||
				string(runes[start:end]) != quote || quote == "" {
				t.Errorf("edge %v: verified quote %q is not text[%v:%v] of its source", m["id"], quote, m["start"], m["end"])
			}
			if m["hash"] != graph.TextSHA256(text) || m["hash"] != m["textHash"] || m["textLength"] != int64(len(runes)) {
				t.Errorf("edge %v: quoteSha256 %v, source textSha256 %v textLength %v; want both the "+
					"hash of the stored text of %d code points", m["id"], m["hash"], m["textHash"], m["textLength"], len(runes))
			}
		case "reported-quote":
			if quote == "" || m["start"] != nil || m["hash"] != nil {
				t.Errorf("edge %v: reported quote %q with offsets %v/hash %v; want words and no location",
					m["id"], quote, m["start"], m["hash"])
			}
		case "summary":
			if quote != "" || summary == "" {
				t.Errorf("edge %v: summary %q with quote %q; want words in summary only", m["id"], summary, quote)
			}
		default:
			t.Errorf("edge %v: evidence %q, want quote, reported-quote or summary", m["id"], level)
		}
	}
	if levels["quote"] == 0 {
		t.Errorf("no verified quote among %v", levels)
	}
}

// TestImportChecksQuoteAgainstStoredText: an edge citing a Source already in
// the database (not in the data set) is checked against the text stored
// there; the import fills in and stores the quote's offsets and the hash.
func TestImportChecksQuoteAgainstStoredText(t *testing.T) {
	s := crocusStore(t)
	ctx := context.Background()
	crocus, _ := data.Crocus()
	if err := crocus.Validate(nil); err != nil { // fills in each quoteSource
		t.Fatal(err)
	}
	ref := crocus.Edges[verified(t, crocus)]
	mk := func(quote string) *graph.DataSet {
		return &graph.DataSet{Nodes: []graph.Node{{ID: "group:stored-text-test", Kind: graph.Group,
			Name: "Stored Text Test"}},
			Edges: []graph.Edge{{Type: "AFFILIATE_OF", Source: "group:stored-text-test", Target: "group:is-k",
				Evidence: graph.Evidence{Level: graph.EvidenceQuote, Sources: []string{ref.QuoteSource},
					Quote: quote, Confidence: 40, Stance: graph.Reported}}}}
	}
	n0, r0 := counts(t)
	_, err := s.Import(ctx, mk(ref.Quote+" and words it never printed"), nil)
	if err == nil || !strings.Contains(err.Error(), "not found verbatim in the text of "+ref.QuoteSource) {
		t.Fatalf("got %v, want the quote refused against the stored text of %s", err, ref.QuoteSource)
	}
	if n1, r1 := counts(t); n1 != n0 || r1 != r0 {
		t.Fatalf("counts changed after a refused import: %d/%d, want %d/%d", n1, r1, n0, r0)
	}
	if _, err := s.Import(ctx, mk(ref.Quote), nil); err != nil {
		t.Fatal(err)
	}
	res, err := neo4j.ExecuteQuery(ctx, db.Driver, `MATCH (:Entity {id: 'group:stored-text-test'})-[r]->() MATCH (s:Source {id: r.quoteSource})
RETURN r.evidence AS evidence, r.quoteStart AS start, r.quoteEnd AS end, r.quoteSha256 AS hash, s.text AS text`, nil, neo4j.EagerResultTransformer)
	if err != nil || len(res.Records) != 1 {
		t.Fatalf("got %v, %d records; want the imported edge", err, len(res.Records))
	}
	m := res.Records[0].AsMap()
	text := m["text"].(string)
	start, _ := m["start"].(int64)
	end, _ := m["end"].(int64)
	if m["evidence"] != "quote" || end <= start || string([]rune(text)[start:end]) != ref.Quote ||
		m["hash"] != graph.TextSHA256(text) {
		t.Errorf("stored %v; want evidence quote, offsets selecting %q and the text's sha256", m, ref.Quote)
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
		t.Fatalf("after the interruption: %d nodes, %d relationships; want the first chunk's %d "+
			"nodes and no relationships", n1, r1, chunk)
	}
	d, _ = data.Crocus()
	rep, err := s.ImportChunked(ctx, d, chunk, nil)
	if err != nil {
		t.Fatal(err)
	}
	n2, r2 := counts(t)
	if n2 != int64(len(d.Nodes)) || r2 != int64(len(d.Edges)) {
		t.Errorf("after the re-run: %d nodes, %d relationships; want the data set's %d and %d", n2, r2,
			len(d.Nodes), len(d.Edges))
	}
	if int64(rep.Nodes.Created) != int64(len(d.Nodes))-n1 || rep.Nodes.Unchanged != int(n1) ||
		rep.Edges.Created != len(d.Edges) {
		t.Errorf("re-run report %+v; want %d nodes created, %d unchanged, %d edges created", rep,
			int64(len(d.Nodes))-n1, n1, len(d.Edges))
	}
}

// TestImportEdgeIDStoredWithOtherTargetIsConflict: an edge id the database
// holds between other nodes is a conflict naming the edge, and nothing is
// written.
func TestImportEdgeIDStoredWithOtherTargetIsConflict(t *testing.T) {
	s := crocusStore(t)
	n0, r0 := counts(t)
	d, _ := data.Crocus()
	pairs := map[[3]string]bool{}
	for _, e := range d.Edges {
		pairs[[3]string{e.Source, e.Type, e.Target}] = true
	}
	var moved *graph.Edge
	for _, e := range d.Edges {
		for _, f := range d.Edges {
			if f.Type == e.Type && f.Target != e.Target && !pairs[[3]string{e.Source, e.Type, f.Target}] {
				if e.ID == "" {
					e.ID = graph.EdgeID(e.Type, e.Source, e.Target) // the id it is stored under
				}
				e.Target = f.Target
				moved = &e
				break
			}
		}
		if moved != nil {
			break
		}
	}
	if moved == nil {
		t.Fatal("the crocus data set has no edge whose target can be moved")
	}
	_, err := s.Import(context.Background(), &graph.DataSet{Edges: []graph.Edge{*moved}}, nil)
	if !errors.Is(err, graph.ErrConflict) || !strings.Contains(err.Error(), moved.ID) {
		t.Fatalf("got %v, want a conflict naming edge %s", err, moved.ID)
	}
	if n1, r1 := counts(t); n1 != n0 || r1 != r0 {
		t.Errorf("counts changed: got %d/%d, want %d/%d", n1, r1, n0, r0)
	}
}
