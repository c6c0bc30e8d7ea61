package e2e

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The flows of issue 22's bugs: each drives what an analyst did when the
// explorer failed, and checks what they would notice.
func TestExplorerBugs(t *testing.T) {
	for _, flow := range []struct {
		name string
		run  func(t *testing.T)
	}{
		{"a kind unticked, then expand and Whole graph: no error, the kind stays out", bugKindOffThenExpand},
		{"a relationship unticked, then expand: it is not asked for", bugRelOffThenExpand},
		{"a shared link with hideKinds restores the view and keeps the link", bugSharedHideKinds},
		{"the status line counts what a filter change leaves, at once", bugStatusAfterFilter},
		{"details of a node without aliases and an edge without dates print no null", bugDetailsNoNull},
		{"an edge clicked while a path is open is shown on screen", bugEdgeDetailsOnScreen},
		{"a session starting on a #src= link has the relationship filters", bugSourceLinkFilters},
		{"min confidence takes any whole number", bugMinConfidence},
		{"Back returns to the view before the last expansion, not off the page", bugBack},
	} {
		t.Run(flow.name, flow.run)
	}
}

var statusRE = regexp.MustCompile(`^(\d+) nodes?, (\d+) edges? shown$`)

// checkStatus compares the status line's counts with what the canvas draws.
func checkStatus(t *testing.T, b *browser, when string) {
	t.Helper()
	type drawn struct {
		Status string `json:"status"`
		State  string `json:"state"`
		Nodes  int    `json:"nodes"`
		Edges  int    `json:"edges"`
	}
	// What the filters hide carries the class "filtered" (display: none);
	// Cytoscape's ':visible' may still read the style of the change before.
	d := eval[drawn](t, b, "reading the status line", `({status: document.querySelector('#status').textContent,
		state: document.documentElement.dataset.state + ', status busy ' + document.querySelector('#status').dataset.busy,
		nodes: cy.nodes().not('.filtered').length, edges: cy.edges().not('.filtered').length})`)
	m := statusRE.FindStringSubmatch(d.Status)
	if m == nil {
		t.Errorf("%s: status line %q, want 'N nodes, M edges shown'", when, d.Status)
		return
	}
	n, _ := strconv.Atoi(m[1])
	e, _ := strconv.Atoi(m[2])
	if n != d.Nodes || e != d.Edges {
		t.Errorf("%s: status line %q; the canvas draws %d nodes, %d edges (page %s)", when, d.Status, d.Nodes, d.Edges,
			d.State)
	}
}

func noBanner(t *testing.T, b *browser, when string) {
	t.Helper()
	if msg := b.banner(); msg != "" {
		t.Errorf("%s: the error banner says %q", when, msg)
	}
}

func bugKindOffThenExpand(t *testing.T) {
	b := openExplorer(t)
	defer b.checkConsole(t, "expanding with a kind unticked")
	b.do(t, "unticking Location", chromedp.Click(chromedp.CSS(`#kind-filters input[value="Location"]`)))
	showAttack(t, b) // search picks the attack and expands it
	noBanner(t, b, "expanding the attack with Location unticked")
	if n := nodeCount(t, b); n < 2 {
		t.Fatalf("expanding the attack with Location unticked draws %d nodes, want its neighbours", n)
	}
	if n := eval[int](t, b, "counting Locations", `cy.nodes('[kind = "Location"]').length`); n != 0 {
		t.Errorf("expansion with Location unticked drew %d Location nodes, want none asked for", n)
	}
	b.do(t, "pressing Expand in the details", js(`cy.$id(`+jsString(isk)+`).emit('tap')`), waitReady(),
		chromedp.Click(chromedp.CSS(`#details .buttons button`)), waitReady())
	noBanner(t, b, "pressing Expand with Location unticked")
	b.do(t, "pressing Whole graph", chromedp.Click(chromedp.ID("show-all")), waitReady())
	noBanner(t, b, "pressing Whole graph with Location unticked")
	if n := eval[int](t, b, "counting Locations", `cy.nodes('[kind = "Location"]').length`); n != 0 {
		t.Errorf("the whole graph with Location unticked drew %d Location nodes, want none", n)
	}
	checkStatus(t, b, "the whole graph with Location unticked")
}

func bugRelOffThenExpand(t *testing.T) {
	b := openExplorer(t)
	defer b.checkConsole(t, "expanding with a relationship unticked")
	const rel = "OCCURRED_IN"
	b.do(t, "unticking "+rel, chromedp.Click(chromedp.CSS(`#rel-filters input[value="`+rel+`"]`)))
	showAttack(t, b)
	noBanner(t, b, "expanding the attack with "+rel+" unticked")
	if n := eval[int](t, b, "counting edges", `cy.edges().length`); n == 0 {
		t.Fatal("expanding the attack drew no edge")
	}
	if n := eval[int](t, b, "counting "+rel, `cy.edges('[type = "`+rel+`"]').length`); n != 0 {
		t.Errorf("expansion with %s unticked drew %d such edges, want none asked for", rel, n)
	}
	if hash := eval[string](t, b, "reading the URL", `location.hash`); !strings.Contains(hash, "hideRels="+rel) {
		t.Errorf("URL %q does not keep the relationship filter", hash)
	}
	checkStatus(t, b, "the attack expanded with "+rel+" unticked")
}

func bugSharedHideKinds(t *testing.T) {
	b := newBrowser(t)
	defer b.checkConsole(t, "opening a link with hideKinds")
	link := baseURL() + "/#x=" + attack + "&hideKinds=Location,Person"
	b.do(t, "opening the link", chromedp.Navigate(link), chromedp.WaitVisible(chromedp.ID("legend")), waitReady())
	noBanner(t, b, "opening "+link)
	type restored struct {
		Nodes, Hidden int
		Hash          string
		Ticked        []string
	}
	got := eval[restored](t, b, "reading the view", `({Nodes: cy.nodes(':visible').length,
		Hidden: cy.nodes('[kind = "Location"], [kind = "Person"]').filter(n => n.visible()).length,
		Hash: decodeURIComponent(location.hash),
		Ticked: [...document.querySelectorAll('#kind-filters input:not(:checked)')].map(i => i.value).sort()})`)
	if got.Nodes < 2 || got.Hidden != 0 {
		t.Errorf("link %s draws %d nodes (%d Location or Person); want the attack's neighbours, none of those kinds", link,
			got.Nodes, got.Hidden)
	}
	if !strings.Contains(got.Hash, "x="+attack) || !strings.Contains(got.Hash, "hideKinds=Location,Person") {
		t.Errorf("after opening %s the URL reads %q, want the expansion and the kind filter kept", link, got.Hash)
	}
	if strings.Join(got.Ticked, ",") != "Location,Person" {
		t.Errorf("unticked kind boxes %q, want Location,Person", got.Ticked)
	}
}

func bugStatusAfterFilter(t *testing.T) {
	b := openExplorer(t)
	defer b.checkConsole(t, "the status line after filter changes")
	showAttack(t, b)
	checkStatus(t, b, "after expanding the attack")
	for _, kind := range []string{"Location", "Group", "Location"} {
		b.do(t, "toggling "+kind, chromedp.Click(chromedp.CSS(`#kind-filters input[value="`+kind+`"]`)))
		checkStatus(t, b, "after toggling "+kind)
	}
	b.do(t, "unticking every relationship", chromedp.Click(chromedp.ID("rels-none")))
	checkStatus(t, b, "after unticking every relationship")
}

func bugDetailsNoNull(t *testing.T) {
	b := openExplorer(t)
	defer b.checkConsole(t, "details without aliases or dates")
	showAttack(t, b)
	const kirby = "person:john-kirby" // a neighbour of the attack with no aliases in the data set
	b.do(t, "selecting John Kirby", poll(`cy.$id(`+jsString(kirby)+`).nonempty()`), js(`cy.$id(`+jsString(kirby)+`).emit('tap')`), waitReady(),
		poll(`!document.querySelector('#details .degree .hint')`))
	if txt := eval[string](t, b, "reading the details", `document.querySelector('#details').innerText`); strings.Contains(txt, "null") {
		t.Errorf("details of %s: %q, want no literal null", kirby, txt)
	}
	id := eval[string](t, b, "tapping an undated edge", `(() => {
		const e = cy.edges().filter(e => !e.data('validFrom')).first(); e.emit('tap'); return e.id(); })()`)
	if txt := eval[string](t, b, "reading the edge's details", `document.querySelector('#details').innerText`); strings.Contains(txt, "null") || !strings.Contains(txt, "—") {
		t.Errorf("details of edge %s: %q, want the edge and no literal null", id, txt)
	}
}

func bugEdgeDetailsOnScreen(t *testing.T) {
	b := openExplorer(t)
	defer b.checkConsole(t, "an edge clicked with a path open")
	showPath(t, b)
	b.do(t, "clicking an edge of the path", js(`cy.edges('.path').first().emit('tap')`), waitReady())
	type box struct{ Top, Bottom, View float64 }
	got := eval[box](t, b, "locating the details", `(() => {
		const r = document.querySelector('#details h2').getBoundingClientRect();
		return {Top: r.top, Bottom: r.bottom, View: window.innerHeight}; })()`)
	if got.Top < 0 || got.Bottom > got.View {
		t.Errorf("the edge's details are at y %.0f-%.0f, the window is %.0f high: off screen", got.Top, got.Bottom, got.View)
	}
}

func bugSourceLinkFilters(t *testing.T) {
	b := newBrowser(t)
	defer b.checkConsole(t, "a session starting on #src=")
	b.do(t, "opening a source link", chromedp.Navigate(baseURL()+"/#src=source:seed-2024-03-25"),
		poll(`document.querySelector('#source-panel').dataset.state === 'shown'`), waitReady(),
		chromedp.Click(chromedp.ID("tab-graph")), waitReady())
	if n := eval[int](t, b, "counting relationship filters", `document.querySelectorAll('#rel-filters input').length`); n == 0 {
		t.Errorf("the relationship filters: %q, want a box per type", eval[string](t, b, "reading them", `document.querySelector('#rel-filters').innerText`))
	}
}

func bugMinConfidence(t *testing.T) {
	b := openExplorer(t)
	defer b.checkConsole(t, "min confidence 72")
	runPath(b, t, "asking for a path with min confidence 72", "IS-K", "Tajikistan",
		`document.querySelector('#path-minconf').value = '72'`)
	ev := eval[evidenceView](t, b, "reading the answer", evidenceJS)
	if !strings.Contains(ev.Filters, "minConfidence=72") || !strings.Contains(ev.Hash, "minConfidence=72") {
		t.Errorf("min confidence 72: the answer's filters %q, URL %q; want minConfidence=72 in both", ev.Filters, ev.Hash)
	}
}

func bugBack(t *testing.T) {
	b := openExplorer(t)
	defer b.checkConsole(t, "Back through the exploration")
	showAttack(t, b)
	first := nodeCount(t, b)
	b.do(t, "expanding IS-K", js(`cy.$id(`+jsString(isk)+`).emit('tap')`),
		poll(`(new URLSearchParams(location.hash.slice(1)).get('x') || '').includes(`+jsString(isk)+`)`), waitReady())
	if n := nodeCount(t, b); n <= first {
		t.Fatalf("expanding IS-K: %d nodes, want more than the attack's %d", n, first)
	}
	// A mark on the window tells the same page from a new load.
	// The expansions are x= (IS-K stays selected, sel=, after Back).
	expanded := `(new URLSearchParams(location.hash.slice(1)).get('x') || '')`
	b.do(t, "going Back", js(`window.sameExploration = true`), js(`setTimeout(() => history.back(), 0)`),
		poll(expanded+` === `+jsString(attack)), waitReady(),
		poll(`cy.nodes().length === `+strconv.Itoa(first)))
	b.do(t, "going Back again", js(`setTimeout(() => history.back(), 0)`), poll(`!location.hash.includes('x=')`), waitReady())
	same := eval[bool](t, b, "reading the mark", `window.sameExploration === true`)
	if n, page := nodeCount(t, b), eval[string](t, b, "reading the page", `location.pathname`); n != 0 || page != "/" || !same {
		t.Errorf("Back to the start: %d nodes on %q (same page: %v), want the empty explorer, not a new load", n, page, same)
	}
}
