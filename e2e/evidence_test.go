package e2e

import (
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/actorgraph/actorgraph/graph"
)

// TestVerifiedQuotesOnly: with the path finder's "verified quotes only"
// filter the page asks evidence=quote, keeps it in the URL, and every hop it
// shows is a verified quote with a link to its span in the source text.
func TestVerifiedQuotesOnly(t *testing.T) {
	b := newBrowser(t)
	b.do(t, "loading the page", chromedp.Navigate(baseURL()+"/"), chromedp.WaitVisible(chromedp.ID("legend")), waitReady())
	verifiedPath(t, b)
	b.checkConsole(t, "asking for verified quotes only")
}

// TestInferredHopSaysWhy: a path over an inferred relationship (the 2002
// theatre siege PRECEDED the attack) shows, in its hop, why the curator
// inferred it, as the API's hop says.
func TestInferredHopSaysWhy(t *testing.T) {
	const siege = "event:2002-10-23-moscow-theatre-siege"
	b := newBrowser(t)
	b.do(t, "loading the page", chromedp.Navigate(baseURL()+"/"), chromedp.WaitVisible(chromedp.ID("legend")), waitReady())
	var want struct {
		Paths []struct {
			Hops []evidenceHop `json:"hops"`
		} `json:"paths"`
	}
	apiGet(t, "/paths/shortest", url.Values{"from": {siege}, "to": {attack}}, &want)
	var hops []evidenceHop
	for _, p := range want.Paths {
		hops = append(hops, p.Hops...)
	}
	if len(hops) != 1 || !hops[0].Inferred || hops[0].Reason == "" {
		t.Fatalf("API hops from the siege to the attack: %+v, want one inferred hop with its reason", hops)
	}
	runPath(b, t, "asking for the path over an inferred relationship", siege, attack, "")
	shown := eval[[]shownHop](t, b, "reading the hops", shownHopsJS)
	if len(shown) != len(hops) {
		t.Fatalf("evidence panel shows %d hops, the API answers %d", len(shown), len(hops))
	}
	checkHop(t, hops[0], shown[0])
	b.checkConsole(t, "asking for the path over an inferred relationship")
}

// verifiedPath runs the path finder from IS-K to the attack with verified
// quotes only, checks each hop against the API's answer, and returns the hops.
func verifiedPath(t *testing.T, b *browser) []evidenceHop {
	t.Helper()
	var want struct {
		Paths []struct {
			Hops []evidenceHop `json:"hops"`
		} `json:"paths"`
	}
	apiGet(t, "/paths/shortest", url.Values{"from": {"IS-K"}, "to": {attack}, "all": {"true"}, "evidence": {"quote"}},
		&want)
	if len(want.Paths) == 0 {
		t.Fatal("the API finds no path of verified quotes from IS-K to the attack")
	}
	runPath(b, t, "asking for verified quotes only", "IS-K", attack, `document.querySelector('#path-evidence').value = 'quote'`)
	got := eval[evidenceView](t, b, "reading the evidence", evidenceJS)
	if got.State != "paths" || !strings.Contains(got.Hash, "evidence=quote") {
		t.Fatalf("evidence panel: state %q (error %q), hash %q; want paths and evidence=quote kept in the URL", got.State,
			got.Error, got.Hash)
	}
	shown := eval[[]shownHop](t, b, "reading the hops", shownHopsJS)
	var hops []evidenceHop
	for _, p := range want.Paths {
		hops = append(hops, p.Hops...)
	}
	if len(shown) != len(hops) {
		t.Fatalf("evidence panel shows %d hops, the API answers %d", len(shown), len(hops))
	}
	for i, h := range hops {
		if h.Level != graph.EvidenceQuote {
			t.Errorf("hop %s: evidence %q under evidence=quote", h.Edge, h.Level)
		}
		checkHop(t, h, shown[i])
	}
	b.screenshot(t, "evidence-quote.png")
	for _, h := range hops {
		if h.QuoteStart == nil || h.QuoteEnd == nil || h.QuoteSource == "" {
			t.Errorf("hop %s: a verified quote without its source and offsets: %+v", h.Edge, h)
		}
	}
	return hops
}
