package handlers_test

import (
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/data"
	"github.com/actorgraph/actorgraph/graph"
)

const (
	attack = "event:2024-03-22-crocus-city-hall"
	seed   = "source:seed-2024-03-25"
)

// sourceTexts maps each Source id of the bundled set to its text.
func sourceTexts(t *testing.T) map[string]string {
	t.Helper()
	d, err := data.Crocus()
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, n := range d.Nodes {
		if n.Kind == graph.Source {
			m[n.ID], _ = n.Properties["text"].(string)
		}
	}
	return m
}

func pathAnswer(t *testing.T, query string) graph.PathAnswer {
	t.Helper()
	r := get(t, "/api/v1/paths/shortest?"+query)
	if r.status != 200 {
		t.Fatalf("got %d, want 200: %s", r.status, clip(r.body))
	}
	var ans graph.PathAnswer
	r.json(t, &ans)
	return ans
}

func checkHopsQuoted(t *testing.T, p graph.Path, texts map[string]string) {
	t.Helper()
	for _, h := range p.Hops {
		if len(h.Sources) == 0 || h.Type == "" || h.Stance == "" || (h.Quote == "" && h.Summary == "") {
			t.Errorf("hop %s: missing evidence: %+v", h.Edge, h)
		}
		if h.Level == graph.EvidenceQuote && !strings.Contains(texts[h.QuoteSource], h.Quote) {
			t.Errorf("hop %s: verified quote %q not verbatim in %s", h.Edge, h.Quote, h.QuoteSource)
		}
	}
}

func through(p graph.Path, id string) bool {
	for _, n := range p.Nodes {
		if n == id {
			return true
		}
	}
	return false
}

func TestShortestPathISKToTajikistan(t *testing.T) {
	texts := sourceTexts(t)
	ans := pathAnswer(t, q("from", "ISIS-K", "to", "Tajikistan"))
	if len(ans.Paths) != 1 {
		t.Fatalf("got %d paths, want 1; reason %q", len(ans.Paths), ans.Reason)
	}
	p := ans.Paths[0]
	if p.Nodes[0] != "group:is-k" || p.Nodes[len(p.Nodes)-1] != "state:tj" {
		t.Errorf("path runs %s .. %s, want group:is-k .. state:tj", p.Nodes[0], p.Nodes[len(p.Nodes)-1])
	}
	checkHopsQuoted(t, p, texts)

	// From the article alone, the connection runs through the attack and its
	// attackers, every hop citing the article with a verbatim quote.
	ans = pathAnswer(t, q("from", "ISIS-K", "to", "Tajikistan", "source", seed))
	if len(ans.Paths) != 1 {
		t.Fatalf("source=%s: got %d paths, want 1; reason %q", seed, len(ans.Paths), ans.Reason)
	}
	p = ans.Paths[0]
	if !through(p, attack) {
		t.Errorf("article path %v does not pass through %s", p.Nodes, attack)
	}
	for _, h := range p.Hops {
		cites := false
		for _, s := range h.Sources {
			cites = cites || s == seed
		}
		if !cites || h.Level != graph.EvidenceQuote || h.QuoteSource != seed || !strings.Contains(texts[seed], h.Quote) {
			t.Errorf("hop %s: want it to cite and quote the article verbatim, got sources %v quote %q from %s",
				h.Edge, h.Sources, h.Quote, h.QuoteSource)
		}
	}
	var titled bool
	for _, s := range ans.Sources {
		titled = titled || (s.ID == seed && s.Name != "")
	}
	if !titled {
		t.Errorf("answer's sources lack %s with a name: %+v", seed, ans.Sources)
	}
}

func TestRankedPathsIncludeTheAttack(t *testing.T) {
	r := get(t, "/api/v1/paths?"+q("from", "iskp", "to", "state:tj", "limit", "20", "maxDepth", "4"))
	if r.status != 200 {
		t.Fatalf("got %d: %s", r.status, clip(r.body))
	}
	var ans graph.PathAnswer
	r.json(t, &ans)
	if len(ans.Paths) < 2 {
		t.Fatalf("got %d paths, want several", len(ans.Paths))
	}
	found := false
	for i, p := range ans.Paths {
		found = found || through(p, attack)
		if p.Score.Rank != i+1 || p.Score.Explanation == "" {
			t.Errorf("path %d: rank %d, explanation %q", i, p.Score.Rank, p.Score.Explanation)
		}
		if i > 0 {
			prev := ans.Paths[i-1]
			pe, ce := prev.Score.WeakestEvidence.Rank(), p.Score.WeakestEvidence.Rank()
			sameEvidence := pe == ce && prev.Score.VerifiedHops == p.Score.VerifiedHops
			if prev.Length > p.Length || (prev.Length == p.Length && (pe < ce || (pe == ce &&
				prev.Score.VerifiedHops < p.Score.VerifiedHops) ||
				(sameEvidence && prev.Score.WeakestConfidence < p.Score.WeakestConfidence))) {
				t.Errorf("paths %d and %d out of order: %+v then %+v", i, i+1, prev.Score, p.Score)
			}
		}
		if !p.Simple() {
			t.Errorf("path %d revisits a node: %v", i+1, p.Nodes)
		}
	}
	if !found {
		t.Errorf("no ranked path passes through %s", attack)
	}
}

func TestKnownOnBeforeTheAttack(t *testing.T) {
	ans := pathAnswer(t, q("from", "ISIS-K", "to", "Tajikistan", "knownOn", "2024-03-07"))
	for _, p := range ans.Paths {
		if through(p, attack) {
			t.Errorf("knownOn=2024-03-07 path %v runs through the attack of 2024-03-22", p.Nodes)
		}
		for _, h := range p.Hops {
			if h.ReportedOn > "2024-03-07" {
				t.Errorf("hop %s reported %s, after knownOn", h.Edge, h.ReportedOn)
			}
		}
	}
	if len(ans.Notes) == 0 || !contains(strings.Join(ans.Notes, " "), "no reportedOn") {
		t.Errorf("notes %q do not say how undated edges were treated", ans.Notes)
	}
	ans = pathAnswer(t, q("from", "ISIS-K", "to", "Tajikistan", "knownOn", "2024-03-07", "source", seed))
	if len(ans.Paths) != 0 {
		t.Fatalf("got %d paths from the article known on 2024-03-07, want none", len(ans.Paths))
	}
	if !contains(ans.Reason, "without knownOn=2024-03-07") {
		t.Errorf("reason %q does not name the filter", ans.Reason)
	}
}

func TestNoPathReasonNamesIsolatedSide(t *testing.T) {
	ans := pathAnswer(t, q("from", "ISIS-K", "to", "Tajikistan", "rel", "LEADER_OF"))
	if len(ans.Paths) != 0 || ans.Reason == "" {
		t.Fatalf("got %d paths, reason %q; want none and a reason", len(ans.Paths), ans.Reason)
	}
	if !contains(ans.Reason, "isolated") || !contains(ans.Reason, "without rel=LEADER_OF") {
		t.Errorf("reason %q should say which side is isolated and which filter to drop", ans.Reason)
	}
}

func TestStanceFilterLeavesOutAllegations(t *testing.T) {
	all := pathAnswer(t, q("from", "state:ru", "to", "state:ua", "all", "true", "maxDepth", "2"))
	strict := pathAnswer(t, q("from", "state:ru", "to", "state:ua", "all", "true", "maxDepth", "2",
		"stance", "claimed", "stance", "attributed", "stance", "reported"))
	if len(strict.Paths) == 0 {
		t.Fatalf("no path between Russia and Ukraine under the stance filter (%s); the check below would prove nothing",
			strict.Reason)
	}
	for _, p := range strict.Paths {
		for _, h := range p.Hops {
			if h.Stance == graph.Alleged || h.Stance == graph.Denied {
				t.Errorf("stance filter let through %s (%s)", h.Edge, h.Stance)
			}
		}
	}
	contested := 0
	for _, p := range all.Paths {
		contested += p.Score.Contested
	}
	if contested == 0 {
		t.Errorf("no contested hop between Russia and Ukraine without the filter; the test proves nothing")
	}
}
