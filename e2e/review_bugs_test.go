package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// Each test ingests its own text: a source's id follows its text, and a
// second ingest of the same text opens the first, already reviewed.
const (
	kyivDenial      = "Kyiv, March 28. Ukraine denied any involvement in the attack on Crocus City Hall, the foreign ministry said."
	kyivDenialAgain = "Kyiv, March 29. Ukraine denied any involvement in the attack on Crocus City Hall, officials said again."
)

// TestEditedCandidateShowsAccepted: a candidate edited (its confidence)
// then accepted shows on its card what was accepted.
func TestEditedCandidateShowsAccepted(t *testing.T) {
	src := ingestFiles(t, []string{"kyiv-edit.txt"}, map[string]string{"kyiv-edit.txt": kyivDenial}).Articles[0].Source
	b := newBrowser(t)
	defer b.checkConsole(t, "accepting an edited candidate")
	openInReview(t, b, src)
	first := `document.querySelector('#candidates li.cand')`
	b.do(t, "editing the first candidate with e",
		js(first+`.click()`), js(first+`.focus()`), poll(`document.activeElement === `+first),
		chromedp.KeyEvent("e"), poll(`!!document.querySelector('#candidates .cand-edit')`),
		js(`document.querySelector('#candidates .cand-edit input[name=confidence]').value = '37'`),
		js(`document.querySelector('#candidates .cand-edit').requestSubmit()`),
		poll(`[...document.querySelectorAll('#candidates li.cand')].some(li => li.dataset.status === 'accepted')`),
		waitReady())
	conf := eval[string](t, b, "reading the card", `document.querySelector('#candidates li.cand[data-status="accepted"] .conf').innerText`)
	if conf != "confidence 37" {
		t.Errorf("the accepted card says %q, want the edited %q", conf, "confidence 37")
	}
}

// TestLinkAfterReview: after an edge is accepted in review, the graph's link
// opens a view with that edge and its ends.
func TestLinkAfterReview(t *testing.T) {
	src := ingestFiles(t, []string{"kyiv-link.txt"},
		map[string]string{"kyiv-link.txt": kyivDenialAgain}).Articles[0].Source
	b := newBrowser(t)
	defer b.checkConsole(t, "a link made after a review")
	openInReview(t, b, src)
	acceptGroupByKeys(t, b, "DENIED state:ua "+crocusEvent)
	t.Logf("after accepting: status %q", eval[string](t, b, "reading the status", `document.querySelector('#status').textContent`))
	b.do(t, "going to the graph", chromedp.Click(chromedp.ID("tab-graph")), poll(`cy.edges().length > 0`), waitReady())
	edges := eval[[]string](t, b, "reading the edges", `cy.edges().map(e => e.id())`)
	href := eval[string](t, b, "reading the link", `location.href`)
	b.do(t, "opening the link afresh", chromedp.Navigate("about:blank"), chromedp.Navigate(href),
		chromedp.WaitVisible(chromedp.ID("legend")), waitReady())
	got := eval[[]string](t, b, "reading the restored edges", `cy.edges().map(e => e.id())`)
	have := map[string]bool{}
	for _, e := range got {
		have[e] = true
	}
	for _, e := range edges {
		if !have[e] {
			t.Errorf("link %s: edge %s accepted in review is not drawn (drawn: %q)", href, e, got)
		}
	}
}
