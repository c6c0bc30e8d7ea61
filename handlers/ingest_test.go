package handlers_test

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

const article = `Moscow, March 26. Russian President Vladimir Putin spoke by phone with Tajik President Emomali Rahmon on Sunday.
Islamic State claimed responsibility for the attack on Crocus City Hall. Ukraine denied any involvement in the attack on Crocus City Hall.`

// reload puts the Crocus set back after a test that wrote to the graph.
func reload(t *testing.T) {
	t.Helper()
	t.Cleanup(func() {
		ctx := context.Background()
		if err := db.Reset(ctx); err != nil {
			t.Fatal(err)
		}
		if err := db.LoadCrocus(ctx); err != nil {
			t.Fatal(err)
		}
	})
}

func post(t *testing.T, target, body string) response {
	t.Helper()
	return do(t, http.MethodPost, target, strings.NewReader(body),
		http.Header{"Content-Type": {"application/json"}, "X-Api-Key": {srv.APIKey}})
}

func ingestJSON(t *testing.T, in graph.SourceInput) response {
	t.Helper()
	b, _ := json.Marshal(in)
	return post(t, "/api/v1/sources", string(b))
}

func find(cs []graph.Candidate, typ, from, to string) *graph.Candidate {
	for i := range cs {
		if cs[i].Type == typ && cs[i].From == from && cs[i].To == to {
			return &cs[i]
		}
	}
	return nil
}

func TestIngestReviewAndCite(t *testing.T) {
	reload(t)
	in := graph.SourceInput{Title: "Kremlin call", Publisher: "Test Wire", PublishedOn: "2024-03-26", Text: article}
	r := ingestJSON(t, in)
	if r.status != 201 {
		t.Fatalf("ingest: got %d %s, want 201", r.status, clip(r.body))
	}
	var d sourceDoc
	r.json(t, &d)
	if d.Text != article || d.Source.Properties["textSha256"] != graph.TextSHA256(article) {
		t.Fatalf("stored text or hash differ: %+v", d.Source)
	}
	rs := []rune(d.Text)
	for _, m := range d.Mentions {
		if string(rs[m.Start:m.End]) != m.Text {
			t.Errorf("mention %q is %q at its offsets", m.Text, string(rs[m.Start:m.End]))
		}
	}
	denied := find(d.Candidates, "DENIED", "state:ua", "event:2024-03-22-crocus-city-hall")
	claim := find(d.Candidates, "CLAIMED_RESPONSIBILITY", "group:islamic-state", "event:2024-03-22-crocus-city-hall")
	if denied == nil || claim == nil || denied.Stance != graph.Denied || claim.Stance != graph.Claimed {
		t.Fatalf("want a denial by Ukraine and Islamic State's claim among %+v", d.Candidates)
	}
	if claim.Corroborates == nil ||
		*claim.Corroborates != "CLAIMED_RESPONSIBILITY:group:islamic-state->event:2024-03-22-crocus-city-hall" {
		t.Errorf("the claim corroborates %v, want the stored edge", claim.Corroborates)
	}
	if denied.Corroborates != nil || denied.Status != "pending" || string(rs[denied.Start:denied.End]) != denied.Quote {
		t.Errorf("denial: %+v", denied)
	}

	// The same text again: 200, the same source, nothing new.
	n0, r0 := counts(t)
	r = ingestJSON(t, graph.SourceInput{Title: "another title", Text: article})
	var again sourceDoc
	r.json(t, &again)
	if n1, r1 := counts(t); r.status != 200 || again.Source.ID != d.Source.ID || n1 != n0 || r1 != r0 {
		t.Errorf("second ingest: got %d %s, counts %d/%d -> %d/%d; want 200, the same source, no change",
			r.status, again.Source.ID, n0, r0, n1, r1)
	}

	// The review queue lists the source's pending candidates.
	r = get(t, "/api/v1/candidates?"+q("source", d.Source.ID, "status", "pending"))
	var list struct{ Candidates []graph.Candidate }
	r.json(t, &list)
	if r.status != 200 || len(list.Candidates) != len(d.Candidates) {
		t.Errorf("queue: got %d with %d candidates, want %d", r.status, len(list.Candidates), len(d.Candidates))
	}

	// Accepting writes the edge with the sentence as verified quote.
	r = post(t, "/api/v1/candidates/"+denied.ID+"/accept", `{"confidence": 70}`)
	var acc struct {
		Candidate graph.Candidate
		Edge      graph.Edge
	}
	r.json(t, &acc)
	if r.status != 200 || acc.Candidate.Status != "accepted" || acc.Edge.Quote != denied.Quote ||
		acc.Edge.QuoteSource != d.Source.ID ||
		acc.Edge.Confidence != 70 || acc.Candidate.Edge == nil || *acc.Candidate.Edge != acc.Edge.ID {
		t.Fatalf("accept: got %d %s", r.status, clip(r.body))
	}
	if ev := acc.Edge.Evidence; ev.Level != graph.EvidenceQuote || ev.QuoteStart == nil ||
		*ev.QuoteStart != denied.Start ||
		ev.QuoteEnd == nil || *ev.QuoteEnd != denied.End || ev.QuoteSHA256 != graph.TextSHA256(article) {
		t.Errorf("accepted edge evidence %+v, want a verified quote with the sentence's offsets and the text's hash", ev)
	}
	if r := post(t, "/api/v1/candidates/"+denied.ID+"/accept", ``); r.status != 409 {
		t.Errorf("accepting twice: got %d %s, want 409", r.status, clip(r.body))
	}
	// The path finder now cites the article's sentence.
	r = get(t, "/api/v1/paths/shortest?"+q("from", "state:ua", "to", "event:2024-03-22-crocus-city-hall",
		"maxDepth", "1", "rel", "DENIED"))
	if r.status != 200 || !contains(string(r.body), d.Source.ID) || !contains(string(r.body),
		"Ukraine denied any involvement") {
		t.Errorf("path: got %d %s, want the hop citing %s", r.status, clip(r.body), d.Source.ID)
	}

	// Accepting a corroborating candidate adds the source to the stored edge.
	_, rels := counts(t)
	r = post(t, "/api/v1/candidates/"+claim.ID+"/accept", ``)
	r.json(t, &acc)
	if _, rels2 := counts(t); r.status != 200 || rels2 != rels || !contains(strings.Join(acc.Edge.Sources,
		" "), d.Source.ID) {
		t.Errorf("corroborate: got %d, relationships %d -> %d, sources %v", r.status, rels, rels2, acc.Edge.Sources)
	}

	// Rejecting: 200, then 409.
	var other *graph.Candidate
	for i := range d.Candidates {
		if d.Candidates[i].ID != denied.ID && d.Candidates[i].ID != claim.ID {
			other = &d.Candidates[i]
			break
		}
	}
	if other == nil {
		t.Fatal("want a third candidate to reject")
	}
	if r := post(t, "/api/v1/candidates/"+other.ID+"/reject",
		`{"reason":"not in the article"}`); r.status != 200 || !contains(string(r.body), `"rejected"`) {
		t.Errorf("reject: got %d %s", r.status, clip(r.body))
	}
	if r := post(t, "/api/v1/candidates/"+other.ID+"/reject", `{}`); r.status != 409 {
		t.Errorf("rejecting twice: got %d, want 409", r.status)
	}
	r = get(t, "/api/v1/sources/"+d.Source.ID)
	r.json(t, &d)
	st := map[string]string{}
	for _, c := range d.Candidates {
		st[c.ID] = c.Status
	}
	if st[denied.ID] != "accepted" || st[claim.ID] != "accepted" || st[other.ID] != "rejected" {
		t.Errorf("statuses after review: %v", st)
	}
}

// The seed article, ingested, proposes IS-K's claim as corroborating the
// stored edge.
func TestSeedArticleCorroboratesTheClaim(t *testing.T) {
	reload(t)
	b, err := os.ReadFile("../data/crocus/sources/crocus-city-hall-2024-03-25.txt")
	if err != nil {
		t.Fatal(err)
	}
	r := ingestJSON(t, graph.SourceInput{Title: "seed", PublishedOn: "2024-03-25", Text: string(b)})
	var d sourceDoc
	r.json(t, &d)
	c := find(d.Candidates, "CLAIMED_RESPONSIBILITY", "group:is-k", "event:2024-03-22-crocus-city-hall")
	if r.status/100 != 2 || c == nil || c.Stance != graph.Claimed || c.Corroborates == nil ||
		*c.Corroborates != "CLAIMED_RESPONSIBILITY:group:is-k->event:2024-03-22-crocus-city-hall" {
		t.Fatalf("got %d, candidate %+v; want IS-K's claim (claimed) corroborating the stored edge", r.status, c)
	}
}

func sourceInput(text string) graph.SourceInput {
	return graph.SourceInput{Title: "test article", PublishedOn: "2024-03-26", Text: text}
}
