package e2e

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

type centralityAnswer struct {
	Results []struct {
		ID    string  `json:"id"`
		Score float64 `json:"score"`
	} `json:"results"`
}

type communityAnswer struct {
	Communities []struct {
		Members []string `json:"members"`
	} `json:"communities"`
}

type brokerAnswer struct {
	Paths   int `json:"paths"`
	Brokers []struct {
		ID    string     `json:"id"`
		Name  string     `json:"name"`
		Share float64    `json:"share"`
		Paths [][]string `json:"paths"`
	} `json:"brokers"`
}

// drawnNode is a node as the canvas draws it.
type drawnNode struct {
	ID    string  `json:"id"`
	Width float64 `json:"width"`
	Color string  `json:"color"`
	Sized bool    `json:"sized"`
}

const drawnNodesJS = `cy.nodes(':visible').map(n => ({id: n.id(), width: n.width(),
	color: n.style('background-color'), sized: n.hasClass('sized')}))`

// TestExplorerAnalytics: an analyst sizes the nodes by a centrality, colours
// them by community, and asks who lies between two selected nodes: the
// brokers are highlighted with their paths and listed with the evidence of
// each hop, and a link made now reopens all of it. Leaves
// analytics-1440x900.png.
func TestExplorerAnalytics(t *testing.T) {
	b := newBrowser(t)
	defer b.checkConsole(t, "analytics and brokers")
	b.do(t, "sizing the window and loading the page", chromedp.EmulateViewport(1440, 900),
		chromedp.Navigate(baseURL()+"/"), chromedp.WaitVisible(chromedp.ID("legend")), waitReady())
	showExpandedAttack(t, b)
	before := eval[[]drawnNode](t, b, "measuring the nodes", drawnNodesJS)

	// Size by PageRank: the sizes follow the API's scores.
	b.do(t, "sizing the nodes by PageRank",
		js(`(s => { s.value = 'pagerank'; s.dispatchEvent(new Event('change', {bubbles: true})); })(document.querySelector('#size-by'))`),
		poll(`cy.nodes('.sized').length > 0`), waitReady())
	var pr centralityAnswer
	apiGet(t, "/analytics/centrality", url.Values{"metric": {"pagerank"}, "limit": {"5000"}}, &pr)
	score := map[string]float64{}
	for _, r := range pr.Results {
		score[r.ID] = r.Score
	}
	after := eval[[]drawnNode](t, b, "measuring the sized nodes", drawnNodesJS)
	changed := 0
	for i, n := range after {
		s, ok := score[n.ID]
		if !ok {
			continue
		}
		if !n.Sized {
			t.Errorf("node %s has a PageRank (%g) but is not sized by it", n.ID, s)
		}
		if i < len(before) && before[i].ID == n.ID && before[i].Width != n.Width {
			changed++
		}
		for _, m := range after {
			if sm, ok := score[m.ID]; ok && s > sm && n.Width < m.Width {
				t.Errorf("%s (PageRank %.4f) drawn %.1f px wide, smaller than %s (%.4f) at %.1f px", n.ID, s, n.Width, m.ID, sm,
					m.Width)
			}
		}
	}
	if changed < len(after)/2 {
		t.Errorf("sizing by PageRank changed %d of %d nodes' size; want most", changed, len(after))
	}
	top := eval[string](t, b, "finding the largest node", `cy.nodes(':visible').max(n => n.width()).ele.id()`)
	if best := pr.Results[0].ID; slices.ContainsFunc(after, func(n drawnNode) bool { return n.ID == best }) &&
		top != best {
		t.Errorf("largest node %s, want %s (the highest PageRank)", top, best)
	}
	if info := eval[string](t, b, "reading the size note", `document.querySelector('#size-info')?.innerText || ''`); !strings.Contains(info, "PageRank") {
		t.Errorf("size note %q does not say which centrality sizes the nodes", info)
	}

	// Colour by community: one colour per community, the legend lists them.
	b.do(t, "colouring by community", chromedp.Click(chromedp.ID("color-community")),
		poll(`cy.nodes('.community').length > 0`), waitReady())
	var comm communityAnswer
	apiGet(t, "/analytics/communities", nil, &comm)
	colored := eval[[]drawnNode](t, b, "reading the colours", drawnNodesJS)
	colorOf := map[string]string{}
	for _, n := range colored {
		colorOf[n.ID] = n.Color
	}
	var seen []string // the colour of each of the largest communities in view
	for i, c := range comm.Communities[:min(5, len(comm.Communities))] {
		first := ""
		for _, id := range c.Members {
			col, ok := colorOf[id]
			if !ok {
				continue
			}
			if first == "" {
				first = col
			} else if col != first {
				t.Errorf("community %d: %s drawn %s, another member %s", i, id, col, first)
			}
		}
		if first != "" {
			if slices.Contains(seen, first) {
				t.Errorf("community %d drawn %s, the colour of a larger one", i, first)
			}
			seen = append(seen, first)
		}
	}
	if len(seen) < 2 {
		t.Errorf("the view shows members of %d of the largest communities; want at least two to compare", len(seen))
	}
	if n := eval[int](t, b, "counting the legend", `document.querySelectorAll('#community-legend li').length`); n < min(len(comm.Communities), 10) {
		t.Errorf("community legend: %d rows for %d communities", n, len(comm.Communities))
	}

	// Two nodes selected (the second with Shift), then "Brokers between".
	clickNode(t, b, "IS-K", isk)
	xy := eval[[]float64](t, b, "locating Tajikistan", `(() => {
		const p = cy.$id(`+jsString(tajik)+`).renderedPosition(), r = cy.container().getBoundingClientRect();
		return [r.left + p.x, r.top + p.y];
	})()`)
	b.do(t, "Shift+clicking Tajikistan",
		chromedp.MouseClickXY(xy[0], xy[1], chromedp.ButtonModifiers(chromedp.ModifierShift)),
		poll(`cy.$(':selected').map(n => n.id()).sort().join(',') === `+jsString(isk+","+tajik)),
		chromedp.WaitVisible(chromedp.ID("brokers-run")),
		chromedp.Click(chromedp.ID("brokers-run")),
		poll(`document.querySelectorAll('#brokers details.broker').length > 0`), waitReady())
	var want brokerAnswer
	apiGet(t, "/paths/brokers", url.Values{"from": {isk}, "to": {tajik}, "paths": {"50"}, "limit": {"10"}}, &want)
	var ranked struct {
		Paths []struct {
			Edges []string      `json:"edges"`
			Hops  []evidenceHop `json:"hops"`
		} `json:"paths"`
	}
	apiGet(t, "/paths", url.Values{"from": {isk}, "to": {tajik}, "limit": {"50"}}, &ranked)
	type shownBroker struct {
		ID    string       `json:"id"`
		Text  string       `json:"text"`
		Paths [][]shownHop `json:"paths"`
	}
	// A closed entry's paths are not rendered: textContent, not innerText.
	shown := eval[[]shownBroker](t, b, "reading the brokers panel", `[...document.querySelectorAll('#brokers details.broker')].map(d => ({
		id: d.dataset.id, text: d.querySelector('summary').innerText,
		paths: [...d.querySelectorAll('li.bpath')].map(p => [...p.querySelectorAll('li.hop')].map(li => ({
			edge: li.dataset.edge,
			level: li.querySelector('.ev').dataset.evidence,
			label: li.querySelector('.ev .level').textContent,
			words: (li.querySelector('.ev blockquote.quote, .ev p.summary') || {textContent: ''}).textContent,
			open: (li.querySelector('a.open-source') || {getAttribute: () => ''}).getAttribute('href') || '',
			reason: (li.querySelector('.ev p.inferred-reason') || {textContent: ''}).textContent,
		}))),
	}))`)
	if len(shown) != len(want.Brokers) || len(want.Brokers) == 0 {
		t.Fatalf("brokers panel lists %d brokers, the API %d (want some)", len(shown), len(want.Brokers))
	}
	hopsOf := map[string][]evidenceHop{}
	for _, p := range ranked.Paths {
		hopsOf[strings.Join(p.Edges, " ")] = p.Hops
	}
	for i, w := range want.Brokers {
		s := shown[i]
		if s.ID != w.ID || !strings.Contains(s.Text, w.Name) {
			t.Errorf("broker %d: shown %s %q, want %s (%s)", i, s.ID, s.Text, w.ID, w.Name)
		}
		if len(s.Paths) != len(w.Paths) {
			t.Errorf("broker %s: %d paths listed, the API %d", w.ID, len(s.Paths), len(w.Paths))
			continue
		}
		for j, edges := range w.Paths {
			hops := hopsOf[strings.Join(edges, " ")]
			if len(hops) != len(edges) || len(s.Paths[j]) != len(edges) {
				t.Errorf("broker %s path %d: %d hops shown, %d in the ranked answer, %d relationships", w.ID, j, len(s.Paths[j]),
					len(hops), len(edges))
				continue
			}
			for k, h := range hops {
				checkHop(t, h, s.Paths[j][k])
			}
		}
	}
	// The canvas rings the brokers and draws their paths.
	marks := eval[[][]string](t, b, "reading the canvas marks",
		`[cy.nodes('.broker').map(n => n.id()).sort(), cy.edges('.bpath').map(e => e.id()).sort()]`)
	var wantIDs, wantEdges []string
	for _, w := range want.Brokers {
		wantIDs = append(wantIDs, w.ID)
		for _, p := range w.Paths {
			for _, e := range p {
				if !slices.Contains(wantEdges, e) {
					wantEdges = append(wantEdges, e)
				}
			}
		}
	}
	slices.Sort(wantIDs)
	slices.Sort(wantEdges)
	if !slices.Equal(marks[0], wantIDs) || !slices.Equal(marks[1], wantEdges) {
		t.Errorf("canvas marks brokers %q and path edges %q; want %q and %q", marks[0], marks[1], wantIDs, wantEdges)
	}
	b.screenshot(t, "analytics-1440x900.png")

	// Opening the last broker leaves only its paths highlighted.
	last := want.Brokers[len(want.Brokers)-1]
	var lastEdges []string
	for _, p := range last.Paths {
		for _, e := range p {
			if !slices.Contains(lastEdges, e) {
				lastEdges = append(lastEdges, e)
			}
		}
	}
	slices.Sort(lastEdges)
	b.do(t, "opening a broker", chromedp.Click(chromedp.CSS(`#brokers details.broker[data-id=`+jsString(last.ID)+`] summary`)),
		poll(`cy.edges('.bpath').length === `+fmt.Sprint(len(lastEdges))))
	focused := eval[[]string](t, b, "reading the focused marks", `cy.edges('.bpath').map(e => e.id()).sort()`)
	if !slices.Equal(focused, lastEdges) {
		t.Errorf("broker %s opened: edges %q highlighted, want its paths' %q", last.ID, focused, lastEdges)
	}

	// A link made now reopens the sizes, the colours and the brokers.
	href := eval[string](t, b, "reading the link", `location.href`)
	hash, _ := url.QueryUnescape(href[strings.Index(href, "#"):])
	for _, part := range []string{"size=pagerank", "color=community", "brokers=" + isk + "," + tajik} {
		if !strings.Contains(hash, part) {
			t.Errorf("link %q does not keep %s", hash, part)
		}
	}
	b2 := newBrowser(t)
	defer b2.checkConsole(t, "analytics and brokers reopened from a link")
	b2.do(t, "opening the link", chromedp.EmulateViewport(1440, 900), chromedp.Navigate(href),
		poll(`document.querySelectorAll('#brokers details.broker').length > 0`), waitReady())
	type reopened struct {
		Size    string `json:"size"`
		Color   bool   `json:"color"`
		Sized   int    `json:"sized"`
		Colored int    `json:"colored"`
		Brokers int    `json:"brokers"`
		Marked  int    `json:"marked"`
	}
	got := eval[reopened](t, b2, "reading the reopened view", `({size: document.querySelector('#size-by').value,
		color: document.querySelector('#color-community').checked, sized: cy.nodes('.sized').length,
		colored: cy.nodes('.community').length, brokers: document.querySelectorAll('#brokers details.broker').length,
		marked: cy.nodes('.broker').length})`)
	if got.Size != "pagerank" || !got.Color || got.Sized == 0 || got.Colored == 0 || got.Brokers != len(want.Brokers) ||
		got.Marked != len(want.Brokers) {
		t.Errorf("reopened from its link: %+v; want pagerank sizing, community colours and %d brokers listed and marked", got,
			len(want.Brokers))
	}
}
