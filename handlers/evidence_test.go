package handlers_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/data"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// seedQuote returns a verified quote of the seed article from the bundled set.
func seedQuote(t *testing.T) string {
	t.Helper()
	d, err := data.Crocus()
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Validate(nil); err != nil {
		t.Fatal(err)
	}
	for _, e := range d.Edges {
		if e.Level == graph.EvidenceQuote && e.QuoteSource == seed {
			return e.Quote
		}
	}
	t.Fatal("fixture: the bundled set has no verified quote of the seed article")
	return ""
}

// importEvidenceFixture imports, beside the Crocus set, two routes of equal
// length from evt-a to evt-z: one over verified quotes of the seed article
// at low confidence (via evt-m1), one over a summary and a reported quote at
// high confidence (via evt-m2); and a pair joined by a summary only.
func importEvidenceFixture(t *testing.T) {
	t.Helper()
	quote := seedQuote(t)
	group := func(id string) graph.Node {
		return graph.Node{ID: "group:evt-" + id, Kind: graph.Group, Name: "Evidence Test " + id}
	}
	edge := func(from, to string, lvl graph.EvidenceLevel, conf int) graph.Edge {
		ev := graph.Evidence{Level: lvl, Sources: []string{seed}, Confidence: conf, Stance: graph.Reported,
			ReportedOn: "2024-03-25"}
		switch lvl {
		case graph.EvidenceQuote:
			ev.Quote = quote
		case graph.EvidenceReportedQuote:
			ev.Quote = "words the curator says the article printed"
		case graph.EvidenceSummary:
			ev.Summary = "The curator's own summary of the link."
		}
		return graph.Edge{Type: "AFFILIATE_OF", Source: "group:evt-" + from, Target: "group:evt-" + to, Evidence: ev}
	}
	d := &graph.DataSet{
		Nodes: []graph.Node{group("a"), group("m1"), group("m2"), group("z"), group("lone"), group("lone2")},
		Edges: []graph.Edge{
			edge("a", "m1", graph.EvidenceQuote, 40), edge("m1", "z", graph.EvidenceQuote, 40),
			edge("a", "m2", graph.EvidenceSummary, 95), edge("m2", "z", graph.EvidenceReportedQuote, 95),
			edge("lone", "lone2", graph.EvidenceSummary, 90),
		},
	}
	body, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_, _ = neo4j.ExecuteQuery(context.Background(), db.Driver,
			"MATCH (n:Entity) WHERE n.id STARTS WITH 'group:evt-' DETACH DELETE n", nil, neo4j.EagerResultTransformer)
	})
	r := do(t, http.MethodPost, "/api/v1/import", bytes.NewReader(body),
		http.Header{"Content-Type": {"application/json"}, "X-Api-Key": {srv.APIKey}})
	if r.status != 200 {
		t.Fatalf("fixture import: got %d: %s", r.status, clip(r.body))
	}
}

func hopLevels(p graph.Path) string {
	var out []string
	for _, h := range p.Hops {
		out = append(out, string(h.Level))
	}
	return strings.Join(out, ",")
}

// TestRankingPrefersVerifiedQuotes: at equal length the route over verified
// quotes ranks first although its confidence is lower, each hop says its
// level, and a verified hop's offsets select its quote in the stored text.
func TestRankingPrefersVerifiedQuotes(t *testing.T) {
	importEvidenceFixture(t)
	text := sourceTexts(t)[seed]
	var ans graph.PathAnswer
	r := get(t, "/api/v1/paths?"+q("from", "group:evt-a", "to", "group:evt-z", "limit", "5"))
	r.json(t, &ans)
	if r.status != 200 || len(ans.Paths) != 2 {
		t.Fatalf("got %d with %d paths, want 2: %s", r.status, len(ans.Paths), clip(r.body))
	}
	first, second := ans.Paths[0], ans.Paths[1]
	if !through(first, "group:evt-m1") || hopLevels(first) != "quote,quote" ||
		first.Score.WeakestEvidence != graph.EvidenceQuote || first.Score.VerifiedHops != 2 {
		t.Errorf("first path %v (%s), score %+v; want the verified route via evt-m1", first.Nodes,
			hopLevels(first), first.Score)
	}
	if hopLevels(second) != "summary,reported-quote" ||
		second.Score.WeakestEvidence != graph.EvidenceSummary || second.Score.VerifiedHops != 0 {
		t.Errorf("second path %v (%s), score %+v; want the summary route via evt-m2", second.Nodes,
			hopLevels(second), second.Score)
	}
	if !strings.Contains(first.Score.Explanation, "weakest evidence a verified quote") ||
		!strings.Contains(second.Score.Explanation, "a verified quote ranks above a reported quote") {
		t.Errorf("explanations %q / %q do not say how evidence ranks", first.Score.Explanation, second.Score.Explanation)
	}
	for _, h := range first.Hops {
		if h.QuoteStart == nil || h.QuoteEnd == nil {
			t.Fatalf("verified hop %s has no offsets", h.Edge)
		}
		if got := string([]rune(text)[*h.QuoteStart:*h.QuoteEnd]); got != h.Quote || h.QuoteSHA256 != graph.TextSHA256(text) {
			t.Errorf("hop %s: text[%d:%d] = %q, hash %s; want the quote %q and the text's hash", h.Edge,
				*h.QuoteStart, *h.QuoteEnd, got, h.QuoteSHA256, h.Quote)
		}
	}
	sum, rep := second.Hops[0], second.Hops[1]
	if sum.Quote != "" || sum.Summary == "" || rep.Quote == "" || rep.QuoteStart != nil || rep.QuoteSHA256 != "" {
		t.Errorf("summary hop %+v / reported hop %+v: want words in summary only, and a quote without location", sum, rep)
	}
	// The seed Source says what its quotes are checked against, never its text.
	for _, s := range ans.Sources {
		if s.ID == seed {
			if s.Properties["textSha256"] != graph.TextSHA256(text) || s.Properties["text"] != nil {
				t.Errorf("source %s: textSha256 %v, text shown %v; want the hash and no text", seed,
					s.Properties["textSha256"], s.Properties["text"] != nil)
			}
		}
	}
}

// TestEvidenceFilter: evidence=quote keeps verified hops only on path,
// neighbour and graph routes, and the no-path reason names the filter;
// evidence=reported-quote also keeps reported quotes.
func TestEvidenceFilter(t *testing.T) {
	importEvidenceFixture(t)
	ans := pathAnswer(t, q("from", "group:evt-a", "to", "group:evt-z", "all", "true", "evidence", "quote"))
	if len(ans.Paths) != 1 || hopLevels(ans.Paths[0]) != "quote,quote" {
		t.Errorf("evidence=quote: got %d paths (%v), want only the verified route", len(ans.Paths), ans.Paths)
	}
	ans = pathAnswer(t, q("from", "group:evt-lone", "to", "group:evt-lone2", "evidence", "quote"))
	if len(ans.Paths) != 0 || !strings.Contains(ans.Reason, "A path of length 1 exists without evidence=quote") {
		t.Errorf("summary-only link under evidence=quote: got %d paths, reason %q; want none and a "+
			"reason naming evidence=quote", len(ans.Paths), ans.Reason)
	}
	ans = pathAnswer(t, q("from", "group:evt-lone", "to", "group:evt-lone2", "evidence", "summary"))
	if len(ans.Paths) != 1 {
		t.Errorf("evidence=summary: got %d paths, want the summary link", len(ans.Paths))
	}

	var g graph.Subgraph
	get(t, "/api/v1/entities/group:evt-m2/neighbors?"+q("evidence", "reported-quote")).json(t, &g)
	if len(g.Edges) != 1 || g.Edges[0].Target != "group:evt-z" || g.Edges[0].Level != graph.EvidenceReportedQuote {
		t.Errorf("neighbours of evt-m2 under evidence=reported-quote: got %+v, want only the reported quote to evt-z",
			g.Edges)
	}
	get(t, "/api/v1/entities/group:evt-m2/neighbors").json(t, &g)
	if len(g.Edges) != 2 {
		t.Errorf("neighbours of evt-m2 unfiltered: got %d edges, want 2", len(g.Edges))
	}

	var all, verified graph.Subgraph
	get(t, "/api/v1/graph?"+q("limit", "5000")).json(t, &all)
	get(t, "/api/v1/graph?"+q("limit", "5000", "evidence", "quote")).json(t, &verified)
	if len(verified.Edges) == 0 || len(verified.Edges) >= len(all.Edges) {
		t.Errorf("graph: %d edges with evidence=quote of %d; want some but fewer", len(verified.Edges), len(all.Edges))
	}
	for _, e := range verified.Edges {
		if e.Level != graph.EvidenceQuote {
			t.Errorf("graph evidence=quote let through %s (%s)", e.ID, e.Level)
		}
	}

	r := get(t, "/api/v1/paths/shortest?"+q("from", "group:evt-a", "to", "group:evt-z", "evidence", "verified"))
	var e errorBody
	r.json(t, &e)
	if r.status != 400 || !contains(e.Error.Message, "evidence") {
		t.Errorf("evidence=verified: got %d %q, want 400 naming evidence", r.status, e.Error.Message)
	}
}

// TestEveryAnswerCarriesTheEvidenceLevel: hops, edges and timeline entries
// over the bundled set each say their level, with the words that level needs.
func TestEveryAnswerCarriesTheEvidenceLevel(t *testing.T) {
	check := func(where string, e graph.Evidence) {
		t.Helper()
		switch e.Level {
		case graph.EvidenceQuote:
			if e.Quote == "" || e.QuoteStart == nil || e.QuoteEnd == nil || len(e.QuoteSHA256) != 64 {
				t.Errorf("%s: verified quote without quote, offsets or hash: %+v", where, e)
			}
		case graph.EvidenceReportedQuote:
			if e.Quote == "" || e.QuoteStart != nil {
				t.Errorf("%s: reported quote %q with offsets %v", where, e.Quote, e.QuoteStart)
			}
		case graph.EvidenceSummary:
			if e.Quote != "" || e.Summary == "" {
				t.Errorf("%s: summary %q with quote %q", where, e.Summary, e.Quote)
			}
		default:
			t.Errorf("%s: evidence %q, want quote, reported-quote or summary", where, e.Level)
		}
	}
	var g graph.Subgraph
	get(t, "/api/v1/entities/group:is-k/neighbors?"+q("depth", "2")).json(t, &g)
	for _, e := range g.Edges {
		check("neighbour edge "+e.ID, e.Evidence)
	}
	var tl graph.Timeline
	get(t, "/api/v1/timeline?"+q("entity", "group:is-k")).json(t, &tl)
	n := 0
	for _, it := range tl.Items {
		if it.Edge != nil {
			n++
			check("timeline edge "+it.Edge.ID, it.Edge.Evidence)
		}
	}
	if n == 0 {
		t.Errorf("timeline of IS-K has no relationships")
	}
	ans := pathAnswer(t, q("from", "ISIS-K", "to", "Tajikistan", "all", "true"))
	for _, p := range ans.Paths {
		for _, h := range p.Hops {
			check("hop "+h.Edge, h.Evidence)
		}
	}
}
