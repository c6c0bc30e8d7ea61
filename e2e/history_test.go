package e2e

import (
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

type historyAnswer struct {
	Changes []struct {
		At     string         `json:"at"`
		Key    string         `json:"key"`
		Action string         `json:"action"`
		After  map[string]any `json:"after"`
	} `json:"changes"`
}

type shownChange struct {
	Head   string `json:"head"`
	Who    string `json:"who"`
	Fields string `json:"fields"`
}

const shownChangesJS = `[...document.querySelectorAll('#details details.history li.change')].map(li => ({
	head: li.querySelector('.change-head').innerText, who: li.querySelector('.who').innerText,
	fields: (li.querySelector('.fields') || {innerText: ''}).innerText}))`

// checkHistory compares the history the details panel shows with the API's.
func checkHistory(t *testing.T, what string, want historyAnswer, got []shownChange) {
	t.Helper()
	if len(want.Changes) == 0 || len(got) != len(want.Changes) {
		t.Fatalf("%s: %d changes shown, the API has %d (want some)", what, len(got), len(want.Changes))
	}
	for i, c := range want.Changes {
		g := got[i]
		if c.Action == "import" && !strings.Contains(g.Head, "imported") {
			t.Errorf("%s change %d (%s): shown %q, want it called imported", what, i, c.Action, g.Head)
		}
		if !strings.Contains(g.Head, c.At[:10]) || !strings.Contains(g.Head, c.At[11:16]) {
			t.Errorf("%s change %d at %s: shown %q, want its date and time", what, i, c.At, g.Head)
		}
		if c.Key == "" && !strings.Contains(g.Who, "command line") || c.Key != "" && !strings.Contains(g.Who, c.Key) {
			t.Errorf("%s change %d by key %q: shown %q", what, i, c.Key, g.Who)
		}
		for k := range c.After {
			if k != "id" && !strings.Contains(g.Fields, k) {
				t.Errorf("%s change %d: fields shown %q, want %s among them", what, i, g.Fields, k)
			}
		}
	}
}

// TestExplorerHistory: the details panel of an entity and of an edge opens
// its recorded history: who made each change, when, what it did and which
// fields it set.
func TestExplorerHistory(t *testing.T) {
	b := openExplorer(t)
	defer b.checkConsole(t, "history")
	showPath(t, b)
	clickNode(t, b, "IS-K", isk)
	b.do(t, "opening the entity's history", poll(`document.querySelector('#details h2').innerText.includes('Khorasan')`),
		chromedp.Click(chromedp.CSS(`#details details.history summary`)),
		poll(`document.querySelector('#details details.history').dataset.count !== undefined`))
	var want historyAnswer
	apiGet(t, "/entities/"+url.PathEscape(isk)+"/history", nil, &want)
	checkHistory(t, "IS-K", want, eval[[]shownChange](t, b, "reading the history", shownChangesJS))

	edge := eval[string](t, b, "choosing an edge of the path", `cy.edges('.path').first().id()`)
	xy := eval[[]float64](t, b, "locating the edge", `(() => {
		const p = cy.$id(`+jsString(edge)+`).renderedMidpoint(), r = cy.container().getBoundingClientRect();
		return [r.left + p.x, r.top + p.y];
	})()`)
	b.do(t, "clicking the edge", chromedp.MouseClickXY(xy[0], xy[1]),
		poll(`document.querySelector('#details h2').innerText === cy.$id(`+jsString(edge)+`).data('type')`),
		chromedp.WaitVisible(chromedp.CSS(`#details details.history summary`)),
		chromedp.Click(chromedp.CSS(`#details details.history summary`)),
		poll(`document.querySelector('#details details.history').dataset.count !== undefined`))
	var wantEdge historyAnswer
	apiGet(t, "/edges/"+url.PathEscape(edge)+"/history", nil, &wantEdge)
	checkHistory(t, "edge "+edge, wantEdge, eval[[]shownChange](t, b, "reading the edge's history", shownChangesJS))
	b.do(t, "showing the history", js(`document.querySelector('#details details.history').scrollIntoView()`))
	b.screenshot(t, "history-1280x800.png")
}
