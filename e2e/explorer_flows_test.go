package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	stdpng "image/png"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestExplorer walks through what an analyst does on the page: search by
// alias, find the path from IS-K to Tajikistan with its evidence, expand the
// attack, share the view by URL, and mistype a name. Each flow opens its own
// browser and builds the view it needs (openExplorer, showPath,
// showExpandedAttack, showTwoHop), so any one runs alone (-run
// 'TestExplorer/...') and none depends on another's order.
func TestExplorer(t *testing.T) {
	for _, flow := range []struct {
		name string
		run  func(t *testing.T)
	}{
		{"the page loads its libraries, the schema and the legend", explorerLoads},
		{"search offers IS-K for the alias ISIS-K", explorerSearch},
		{"path finder draws IS-K to Tajikistan with evidence", explorerPath},
		{"clicking the attack expands its neighbours", explorerExpandAttack},
		{"expanding IS-K too gives a readable two-hop view", explorerTwoHop},
		{"a shared URL restores the view", explorerSharedURL},
		{"filters, date slider and export", explorerFiltersAndExport},
		{"an unknown name shows the API's message", explorerUnknownName},
		{"known on a date, the evidence says how undated edges were treated", explorerKnownOn},
		{"no path under LEADER_OF only: the reason says which filter", explorerNoPathReason},
		{"the stance filter is sent only when a stance is unticked, and kept in the URL", explorerStanceFilter},
		{"each hop shows its evidence level as the API states it", explorerEvidenceLevels},
		{"the expanded attack reopened from its link is readable", explorerReopen},
	} {
		t.Run(flow.name, flow.run)
	}
}

// openExplorer starts a browser on the explorer page, loaded and ready.
func openExplorer(t *testing.T) *browser {
	t.Helper()
	b := newBrowser(t)
	b.do(t, "loading the page",
		chromedp.Navigate(baseURL()+"/"),
		chromedp.WaitVisible(chromedp.ID("legend")),
		waitReady())
	return b
}

// showPath draws the path from IS-K to Tajikistan with the path finder.
func showPath(t *testing.T, b *browser) {
	t.Helper()
	b.do(t, "asking for the path",
		typeInto("path-from", "IS-K"),
		typeInto("path-to", "Tajikistan"),
		chromedp.KeyEvent(kb.Enter), // Enter in the path finder runs it
		poll(`['paths', 'no-path', 'failed'].includes(document.querySelector('#evidence').dataset.state)`),
		waitReady())
}

// showAttack brings the attack into view by search unless it is drawn
// already (the path passes through it), and reports whether it was.
func showAttack(t *testing.T, b *browser) bool {
	t.Helper()
	hasAttack := `cy.$id(` + jsString(attack) + `).nonempty()`
	present := eval[bool](t, b, "looking for the attack", hasAttack)
	if !present {
		// The path did not pass through the attack: bring it in by search.
		item := chromedp.CSS(`#search-suggestions li[data-id=` + jsString(attack) + `]`)
		b.do(t, "searching the attack",
			typeInto("search", "Crocus"),
			chromedp.WaitVisible(item),
			chromedp.Click(item),
			poll(hasAttack),
			waitReady())
	}
	return present
}

// clickNode clicks the node id (called name in messages) where it is drawn
// and waits until it is selected and the view has settled, then runs then.
func clickNode(t *testing.T, b *browser, name, id string, then ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	xy := eval[[]float64](t, b, "locating "+name, `(() => {
		const n = cy.$id(`+jsString(id)+`), p = n.renderedPosition(), r = cy.container().getBoundingClientRect();
		return [r.left + p.x, r.top + p.y];
	})()`)
	steps := []chromedp.Action[chromedp.Void]{
		chromedp.MouseClickXY(xy[0], xy[1]),
		poll(`cy.$(':selected').map(n => n.id()).join(',') === ` + jsString(id)),
		waitReady(),
	}
	b.do(t, "clicking "+name, append(steps, then...)...)
}

// showExpandedAttack draws the path, expands the attack and fits the view.
func showExpandedAttack(t *testing.T, b *browser) {
	t.Helper()
	showPath(t, b)
	showAttack(t, b)
	clickNode(t, b, "the attack node", attack)
	b.do(t, "fitting the view", fitView())
}

// showTwoHop expands IS-K too, once its id is in the URL, then unselects
// (every label the short one) and fits the view.
func showTwoHop(t *testing.T, b *browser) {
	t.Helper()
	showExpandedAttack(t, b)
	clickNode(t, b, "IS-K", isk,
		poll(`decodeURIComponent(location.hash).includes(`+jsString(isk)+`)`),
		waitReady())
	b.do(t, "unselecting", js(`cy.$(':selected').unselect()`), fitView())
}

// explorerLoads: the page loads its embedded libraries, the schema and the
// legend.
func explorerLoads(t *testing.T) {
	b := openExplorer(t)
	type loadedPage struct {
		State   string `json:"state"`
		HasCy   bool   `json:"hasCy"`
		Legend  string `json:"legend"`
		Filters int    `json:"filters"`
		Error   bool   `json:"error"`
	}
	loaded := eval[loadedPage](t, b, "reading the loaded page", `({
		state: document.documentElement.dataset.state,
		hasCy: typeof window.cy === 'object' && typeof cy.nodes === 'function',
		legend: document.querySelector('#legend').innerText,
		filters: document.querySelectorAll('#rel-filters input').length,
		error: !document.querySelector('#error').hidden,
	})`)
	if loaded.State != "ready" || !loaded.HasCy || loaded.Error {
		t.Fatalf("after load: got state %q, cytoscape %v, error banner %v; want ready, true, false",
			loaded.State, loaded.HasCy, loaded.Error)
	}
	for _, kind := range []string{"Group", "Attacker", "Nationality", "State", "Event", "Person", "Location", "Source"} {
		if !strings.Contains(loaded.Legend, kind) {
			t.Errorf("legend %q does not name kind %s", loaded.Legend, kind)
		}
	}
	if loaded.Filters == 0 {
		t.Error("got no relationship type filters: the schema did not reach the page")
	}
	b.checkConsole(t, "loading the page")

}

func explorerSearch(t *testing.T) {
	b := openExplorer(t)
	defer b.checkConsole(t, "search offers IS-K for the alias ISIS-K")
	b.do(t, "typing ISIS-K",
		chromedp.WaitVisible(chromedp.ID("search")),
		chromedp.KeyEvent("/"), // the page's shortcut focuses the search box
		poll(`document.activeElement === document.querySelector('#search')`),
		chromedp.KeyEvent("ISIS-K"),
		poll(`document.querySelectorAll('#search-suggestions li[data-id]').length > 0`))
	// Give the answer to the whole text, not to a prefix of it, a moment.
	ctx, cancel := context.WithTimeout(b.ctx, 5*time.Second)
	_ = chromedp.Do(ctx, poll(`[...document.querySelectorAll('#search-suggestions li[data-id]')]
		.some(li => li.dataset.id === `+jsString(isk)+` || li.innerText.includes('Khorasan'))`))
	cancel()
	type suggestion struct {
		ID   string `json:"id"`
		Text string `json:"text"`
	}
	suggestions := eval[[]suggestion](t, b, "reading the suggestions",
		`[...document.querySelectorAll('#search-suggestions li[data-id]')]
			.map(li => ({id: li.dataset.id, text: li.innerText}))`)
	found := -1
	for i, s := range suggestions {
		if s.ID == isk || strings.Contains(s.Text, "Khorasan") {
			found = i
			break
		}
	}
	if found < 0 {
		t.Fatalf("suggestions for ISIS-K: got %+v, want one for %s (Khorasan)", suggestions, isk)
	}
	// Arrow keys and Enter pick it; picking shows IS-K and its neighbours.
	var keys []chromedp.Action[chromedp.Void]
	for range found + 1 {
		keys = append(keys, chromedp.KeyEvent(kb.ArrowDown))
	}
	keys = append(keys, chromedp.KeyEvent(kb.Enter), poll(`cy.$id(`+jsString(isk)+`).nonempty()`), waitReady())
	b.do(t, "picking IS-K with the keyboard", keys...)
	if got := eval[string](t, b, "reading the selection", `cy.$(':selected').map(n => n.id()).join(',')`); got != isk {
		t.Errorf("selected after pick: got %q, want %q", got, isk)
	}
}

func explorerPath(t *testing.T) {
	b := openExplorer(t)
	defer b.checkConsole(t, "path finder draws IS-K to Tajikistan with evidence")
	showPath(t, b)
	type pathView struct {
		Evidence  string   `json:"evidence"`
		PathNodes []string `json:"pathNodes"`
		PathEdges int      `json:"pathEdges"`
		Quotes    []string `json:"quotes"`
		Hash      string   `json:"hash"`
		Error     string   `json:"error"`
	}
	got := eval[pathView](t, b, "reading the path", `({
		evidence: document.querySelector('#evidence').dataset.state,
		pathNodes: cy.nodes('.path').map(n => n.id()),
		pathEdges: cy.edges('.path').length,
		quotes: [...document.querySelectorAll('#evidence blockquote.quote')].map(q => q.innerText),
		hash: location.hash,
		error: document.querySelector('#error').hidden ? '' : document.querySelector('#error').innerText,
	})`)
	if got.Evidence != "paths" {
		t.Fatalf("evidence panel: got state %q (error banner %q), want paths", got.Evidence, got.Error)
	}
	if !slices.Contains(got.PathNodes, isk) || !slices.Contains(got.PathNodes, tajik) || got.PathEdges == 0 {
		t.Errorf("highlighted path: got nodes %q and %d edges, want %s and %s joined by edges",
			got.PathNodes, got.PathEdges, isk, tajik)
	}
	var answer apiGraph
	apiGet(t, "/paths/shortest", url.Values{"from": {"IS-K"}, "to": {"Tajikistan"}, "all": {"true"}}, &answer)
	shown := strings.Join(got.Quotes, "\n")
	for _, p := range answer.Paths {
		for _, h := range p.Hops {
			if q := strings.TrimSpace(h.Quote); q != "" && !strings.Contains(shown, q) {
				t.Errorf("evidence panel does not show the hop quote %q", h.Quote)
			}
		}
	}
	if !strings.Contains(shown, "Tajik") && !strings.Contains(shown, "IS-K") {
		t.Errorf("evidence quotes %q mention neither Tajik nor IS-K", got.Quotes)
	}
	if !strings.Contains(got.Hash, "from=") || !strings.Contains(got.Hash, "to=") {
		t.Errorf("URL hash %q does not keep the path query", got.Hash)
	}
	// The answer's sources describe the cited Source entities: the panel
	// shows their names, not their ids.
	if len(answer.Sources) == 0 {
		t.Fatal("the path answer carries no sources")
	}
	shownSources := eval[map[string]string](t, b, "reading the sources",
		`Object.fromEntries([...document.querySelectorAll('#evidence .src[data-source]')]
			.map(s => [s.dataset.source, s.innerText]))`)
	for _, src := range answer.Sources {
		if text, ok := shownSources[src.ID]; !ok || !strings.Contains(text, src.Name) {
			t.Errorf("evidence panel: source %s shown as %q, want its name %q (shown: %q)", src.ID, text, src.Name, shownSources)
		}
	}
	b.screenshot(t, "path.png")
}

func explorerExpandAttack(t *testing.T) {
	b := openExplorer(t)
	defer b.checkConsole(t, "clicking the attack expands its neighbours")
	showPath(t, b)
	present := showAttack(t, b)
	before := nodeCount(t, b)
	clickNode(t, b, "the attack node", attack)
	after := nodeCount(t, b)
	var nb apiGraph
	apiGet(t, "/entities/"+url.PathEscape(attack)+"/neighbors", url.Values{"depth": {"1"}, "limit": {"200"}}, &nb)
	var ids []string
	for _, e := range nb.Edges {
		ids = append(ids, e.Source, e.Target)
	}
	idsJSON, _ := json.Marshal(ids)
	missing := eval[[]string](t, b, "checking the neighbours", `(`+string(idsJSON)+`).filter(id => cy.$id(id).empty())`)
	if len(missing) > 0 {
		t.Errorf("after expanding the attack, neighbours not drawn: %q", missing)
	}
	if present && after <= before || after < before {
		t.Errorf("node count: got %d after expanding, had %d before; want more", after, before)
	}

	// "+N" counts relationships not shown yet. Neighbour answers leave
	// links to Source nodes out of it, so the expanded attack has none
	// left, and every neighbour off the path shows what the API said.
	type count struct {
		Hidden int    `json:"hidden"`
		Badge  bool   `json:"badge"`
		Label  string `json:"label"`
	}
	c := eval[count](t, b, "reading the attack's count", `(n => ({hidden: n.data('hidden'), label: n.data('label'),
		badge: n.style('background-image') !== 'none' && n.style('background-image') !== ''}))(cy.$id(`+jsString(attack)+`))`)
	if c.Hidden != 0 || c.Badge || strings.Contains(c.Label, "more") {
		t.Errorf("expanded attack: got hidden %d, badge %v, label %q; want 0, no badge", c.Hidden, c.Badge, c.Label)
	}
	onPath := map[string]bool{}
	var answer apiGraph
	apiGet(t, "/paths/shortest", url.Values{"from": {"IS-K"}, "to": {"Tajikistan"}, "all": {"true"}}, &answer)
	for _, p := range answer.Paths {
		for _, n := range p.Nodes {
			onPath[n] = true
		}
	}
	want := map[string]int{}
	for _, n := range nb.Nodes {
		if n.Hidden != nil && !onPath[n.ID] {
			want[n.ID] = *n.Hidden
		}
	}
	wantJSON, _ := json.Marshal(want)
	if diff := eval[[]string](t, b, "comparing the counts", `Object.entries(`+string(wantJSON)+`)
		.filter(([id, h]) => cy.$id(id).data('hidden') !== h)
		.map(([id, h]) => id + ': shows ' + cy.$id(id).data('hidden') + ', API says ' + h)`); len(diff) > 0 {
		t.Errorf("+N counts differ from the API's hidden: %q", diff)
	}
	b.do(t, "fitting the view", fitView())
	assertNoOverlap(t, b, "the expanded attack")
	b.screenshot(t, "expanded.png")
}

func explorerTwoHop(t *testing.T) {
	b := openExplorer(t)
	defer b.checkConsole(t, "expanding IS-K too gives a readable two-hop view")
	showExpandedAttack(t, b)
	before := nodeCount(t, b)
	clickNode(t, b, "IS-K", isk,
		poll(`decodeURIComponent(location.hash).includes(`+jsString(isk)+`)`),
		waitReady())
	if after := nodeCount(t, b); after <= before {
		t.Errorf("node count: got %d after expanding IS-K, had %d; want more", after, before)
	}
	if h := eval[int](t, b, "reading IS-K's count", `cy.$id(`+jsString(isk)+`).data('hidden')`); h != 0 {
		t.Errorf("expanded IS-K: +%d not shown, want 0", h)
	}
	// Unselect, so that every label is the short one, then fit.
	b.do(t, "unselecting", js(`cy.$(':selected').unselect()`), fitView())
	assertNoOverlap(t, b, "the two-hop view")
	b.screenshot(t, "two-hop.png")
}

func explorerSharedURL(t *testing.T) {
	b := openExplorer(t)
	defer b.checkConsole(t, "a shared URL restores the view")
	showTwoHop(t, b)
	href := eval[string](t, b, "reading the URL", `location.href`)
	want := nodeCount(t, b)
	b.do(t, "opening the URL afresh",
		chromedp.Navigate("about:blank"),
		chromedp.Navigate(href),
		chromedp.WaitVisible(chromedp.ID("legend")),
		poll(`cy.nodes().length > 0`),
		waitReady())
	type restored struct {
		Nodes  int  `json:"nodes"`
		Path   int  `json:"path"`
		Attack bool `json:"attack"`
	}
	got := eval[restored](t, b, "reading the restored view", `({
		nodes: cy.nodes().length, path: cy.elements('.path').length, attack: cy.$id(`+jsString(attack)+`).nonempty()})`)
	if got.Nodes != want || got.Path == 0 || !got.Attack {
		t.Errorf("restored from %s: got %d nodes, %d path elements, attack shown %v; want %d nodes, a path, the attack",
			href, got.Nodes, got.Path, got.Attack, want)
	}
}

func explorerFiltersAndExport(t *testing.T) {
	b := openExplorer(t)
	defer b.checkConsole(t, "filters, date slider and export")
	showTwoHop(t, b)
	events := `cy.nodes('[kind = "Event"]')`
	if eval[int](t, b, "counting events", events+`.length`) == 0 {
		t.Fatal("no Event node in view to filter")
	}
	b.do(t, "hiding kind Event", chromedp.Click(chromedp.CSS(`#kind-filters input[value="Event"]`)))
	if hidden := eval[bool](t, b, "reading the filter", events+`.every(n => n.hasClass('filtered'))`); !hidden {
		t.Error("after unticking Event, Event nodes are still drawn")
	}
	if hash := eval[string](t, b, "reading the URL", `location.hash`); !strings.Contains(hash, "hideKinds=Event") {
		t.Errorf("URL hash %q does not keep the kind filter", hash)
	}
	b.do(t, "showing kind Event again", chromedp.Click(chromedp.CSS(`#kind-filters input[value="Event"]`)))

	// The slider is a range input; set it as a drag would, then let the page
	// react. Hidden elements carry the class "filtered" (display: none).
	// The view (the path, the attack and IS-K expanded) holds edges
	// reported on several dates; with one date the check would prove nothing.
	type slider struct {
		Shown  bool     `json:"shown"`
		Max    int      `json:"max"`
		Dates  []string `json:"dates"`
		Hidden int      `json:"hidden"`
		Later  int      `json:"later"`
	}
	got := eval[slider](t, b, "moving the date slider to the earliest date", `(() => {
		const s = document.querySelector('#date-slider');
		const shown = !document.querySelector('#date-section').hidden;
		const dates = [...new Set(cy.edges().map(e => e.data('reportedOn')).filter(Boolean))].sort();
		if (shown) { s.value = '0'; s.dispatchEvent(new Event('input', {bubbles: true})); }
		return {shown, max: Number(s.max), dates, hidden: cy.edges('.filtered').length,
			later: cy.edges().filter(e => e.data('reportedOn') > dates[0]).length};
	})()`)
	if !got.Shown {
		t.Fatal("the view has dated edges but no date slider")
	}
	if got.Max == 0 || got.Max != len(got.Dates)-1 {
		t.Fatalf("date slider: max %d for the view's report dates %q; want one step per date, at least two dates",
			got.Max, got.Dates)
	}
	if got.Hidden == 0 || got.Hidden != got.Later {
		t.Errorf("slider at the earliest date %s: %d edges hidden, want the %d reported later",
			got.Dates[0], got.Hidden, got.Later)
	}
	b.do(t, "moving the date slider back", js(`(s => {
		s.value = s.max; s.dispatchEvent(new Event('input', {bubbles: true}));
	})(document.querySelector('#date-slider'))`))
	if n := eval[int](t, b, "counting hidden edges", `cy.edges('.filtered').length`); n != 0 {
		t.Errorf("slider at the latest date: got %d edges hidden, want 0", n)
	}

	// The export buttons download real files: a PNG image of the view and
	// its JSON with the nodes and edges shown.
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(b.ctx, time.Minute)
	_, err := chromedp.Call(ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
		Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir})
	cancel()
	if err != nil {
		t.Fatalf("allowing downloads: %v", err)
	}
	shown := eval[[]int](t, b, "counting what is shown", `[cy.nodes(':visible').length, cy.edges(':visible').length]`)
	b.do(t, "exporting PNG", exportFrom("export-png"))
	png := waitDownload(t, dir, ".png")
	if !bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")) {
		t.Errorf("PNG export: %d bytes starting %q, want the PNG signature", len(png), png[:min(8, len(png))])
	} else if cfg, err := stdpng.DecodeConfig(bytes.NewReader(png)); err != nil || cfg.Width < 100 || cfg.Height < 100 {
		t.Errorf("PNG export: %dx%d (%v), want an image of the view", cfg.Width, cfg.Height, err)
	}
	b.do(t, "exporting JSON", exportFrom("export-json"))
	var exported struct {
		Nodes []struct {
			ID string `json:"id"`
		} `json:"nodes"`
		Edges []struct {
			ID     string `json:"id"`
			Source string `json:"source"`
		} `json:"edges"`
	}
	if err := json.Unmarshal(waitDownload(t, dir, ".json"), &exported); err != nil {
		t.Fatalf("JSON export does not parse: %v", err)
	}
	if len(exported.Nodes) != shown[0] || len(exported.Edges) != shown[1] || exported.Edges[0].Source == "" {
		t.Errorf("JSON export: %d nodes, %d edges; the view shows %d and %d",
			len(exported.Nodes), len(exported.Edges), shown[0], shown[1])
	}
}

func explorerUnknownName(t *testing.T) {
	b := openExplorer(t)
	defer b.checkConsole(t, "an unknown name shows the API's message")
	var want apiError
	status := apiGet(t, "/paths/shortest", url.Values{"from": {unknown}, "to": {tajik}, "all": {"true"}}, &want)
	if status < 400 || want.Error.Message == "" {
		t.Fatalf("API for %q: got status %d and message %q, want a 4xx with a message", unknown, status, want.Error.Message)
	}
	// The page's request answers 4xx on purpose: Chromium logs it as a network error.
	b.expectFailure("from=Atlantis")
	b.do(t, "asking for a path from an unknown group",
		typeInto("path-from", unknown),
		typeInto("path-to", tajik),
		chromedp.KeyEvent(kb.Enter),
		chromedp.WaitVisible(chromedp.ID("error")),
		waitReady())
	shown := eval[string](t, b, "reading the error", `document.querySelector('#error-message').innerText`)
	if !strings.Contains(shown, want.Error.Message) {
		t.Errorf("error banner: got %q, want the API's message %q", shown, want.Error.Message)
	}
	if state := eval[string](t, b, "reading the page state", `document.documentElement.dataset.state`); state != "error" {
		t.Errorf("html[data-state]: got %q, want error", state)
	}
}

func explorerKnownOn(t *testing.T) {
	b := openExplorer(t)
	defer b.checkConsole(t, "known on a date, the evidence says how undated edges were treated")
	var want apiGraph
	apiGet(t, "/paths/shortest",
		url.Values{"from": {"IS-K"}, "to": {"Tajikistan"}, "all": {"true"}, "knownOn": {"2024-03-07"}}, &want)
	if len(want.Notes) == 0 {
		t.Fatal("the API gives no notes for knownOn=2024-03-07")
	}
	runPath(b, t, "asking for the path known on 2024-03-07", "IS-K", "Tajikistan",
		`(e => {
			e.value = '2024-03-07'; e.dispatchEvent(new Event('input', {bubbles: true}));
		})(document.querySelector('#path-knownon'))`)
	got := eval[evidenceView](t, b, "reading the evidence", evidenceJS)
	if got.State != "paths" && got.State != "no-path" {
		t.Fatalf("evidence panel: got state %q (error %q), want an answer", got.State, got.Error)
	}
	for _, n := range want.Notes {
		if !strings.Contains(got.Notes, n) {
			t.Errorf("evidence notes %q do not show the API's note %q", got.Notes, n)
		}
	}
	if !strings.Contains(got.Notes, "knownOn=2024-03-07") || !strings.Contains(got.Filters, "knownOn=2024-03-07") {
		t.Errorf("evidence panel: notes %q, filters %q; want both to name knownOn=2024-03-07", got.Notes, got.Filters)
	}
	if !strings.Contains(got.Hash, "knownOn=2024-03-07") {
		t.Errorf("URL hash %q does not keep knownOn", got.Hash)
	}
}

func explorerNoPathReason(t *testing.T) {
	b := openExplorer(t)
	defer b.checkConsole(t, "no path under LEADER_OF only: the reason says which filter")
	runPath(b, t, "asking for a LEADER_OF-only path", "IS-K", "Tajikistan", `(() => {
		document.querySelector('#path-knownon').value = '';
		document.querySelector('#path-rels').open = true;
		document.querySelectorAll('#path-rels-list input').forEach(i => { i.checked = i.value === 'LEADER_OF'; });
		document.querySelector('#path-rels-list').dispatchEvent(new Event('change', {bubbles: true}));
	})()`)
	got := eval[evidenceView](t, b, "reading the evidence", evidenceJS)
	if got.State != "no-path" {
		t.Fatalf("evidence panel: got state %q (error %q), want no-path", got.State, got.Error)
	}
	if !strings.Contains(got.Reason, "without rel=LEADER_OF") {
		t.Errorf("reason %q does not say a path exists without rel=LEADER_OF", got.Reason)
	}
	if !strings.Contains(got.Hash, "rel=LEADER_OF") {
		t.Errorf("URL hash %q does not keep rel", got.Hash)
	}
	b.screenshot(t, "no-path.png")
}

func explorerStanceFilter(t *testing.T) {
	b := openExplorer(t)
	defer b.checkConsole(t, "the stance filter is sent only when a stance is unticked, and kept in the URL")
	runPath(b, t, "asking with every stance ticked", "IS-K", "Tajikistan", `(() => {
		document.querySelectorAll('#path-rels-list input').forEach(i => { i.checked = false; });
		document.querySelector('#path-rels-list').dispatchEvent(new Event('change', {bubbles: true}));
		document.querySelectorAll('#path-stances input').forEach(i => { i.checked = true; });
	})()`)
	got := eval[evidenceView](t, b, "reading the evidence", evidenceJS)
	if got.State != "paths" || strings.Contains(got.Filters, "stance") || strings.Contains(got.Hash, "stance") {
		t.Errorf("all stances: got state %q, filters %q, hash %q; want paths and no stance filter",
			got.State, got.Filters, got.Hash)
	}
	runPath(b, t, "asking with claimed only", "IS-K", "Tajikistan", `(() => {
		document.querySelectorAll('#path-stances input').forEach(i => { i.checked = i.value === 'claimed'; });
		document.querySelector('#path-stances').dispatchEvent(new Event('change', {bubbles: true}));
	})()`)
	got = eval[evidenceView](t, b, "reading the evidence", evidenceJS)
	var want apiGraph
	apiGet(t, "/paths/shortest",
		url.Values{"from": {"IS-K"}, "to": {"Tajikistan"}, "all": {"true"}, "stance": {"claimed"}}, &want)
	if !strings.Contains(got.Filters, "stance=claimed") || !strings.Contains(got.Hash, "stance=claimed") {
		t.Errorf("claimed only: filters %q, hash %q; want stance=claimed in both", got.Filters, got.Hash)
	}
	if wantState := map[bool]string{true: "paths", false: "no-path"}[len(want.Paths) > 0]; got.State != wantState {
		t.Errorf("claimed only: evidence state %q, want %q as the API answers", got.State, wantState)
	}
	if want.Reason != "" && !strings.Contains(got.Reason, want.Reason) {
		t.Errorf("claimed only: reason %q, want the API's %q", got.Reason, want.Reason)
	}
	// A shared link restores the ticks.
	href := eval[string](t, b, "reading the URL", `location.href`)
	b.do(t, "opening the URL afresh",
		chromedp.Navigate("about:blank"),
		chromedp.Navigate(href),
		chromedp.WaitVisible(chromedp.ID("legend")),
		poll(`['paths', 'no-path', 'failed'].includes(document.querySelector('#evidence').dataset.state)`),
		waitReady())
	ticked := eval[[]string](t, b, "reading the stance ticks",
		`[...document.querySelectorAll('#path-stances input:checked')].map(i => i.value)`)
	if !slices.Equal(ticked, []string{"claimed"}) {
		t.Errorf("restored stance ticks: got %q, want [claimed]", ticked)
	}
}

func explorerEvidenceLevels(t *testing.T) {
	b := openExplorer(t)
	defer b.checkConsole(t, "each hop shows its evidence level as the API states it")
	var want struct {
		Paths []struct {
			Hops []evidenceHop `json:"hops"`
		} `json:"paths"`
	}
	apiGet(t, "/paths/shortest", url.Values{"from": {"IS-K"}, "to": {"Tajikistan"}, "all": {"true"}}, &want)
	if len(want.Paths) == 0 {
		t.Fatal("the API finds no path from IS-K to Tajikistan")
	}
	runPath(b, t, "asking for the path with every filter off", "IS-K", "Tajikistan", `(() => {
		document.querySelectorAll('#path-stances input').forEach(i => { i.checked = true; });
		document.querySelector('#path-evidence').value = '';
	})()`)
	shown := eval[[]shownHop](t, b, "reading the hops", shownHopsJS)
	var hops []evidenceHop
	for _, p := range want.Paths {
		hops = append(hops, p.Hops...)
	}
	if len(shown) != len(hops) {
		t.Fatalf("evidence panel shows %d hops, the API answers %d", len(shown), len(hops))
	}
	for i, h := range hops {
		checkHop(t, h, shown[i])
	}
}

// explorerReopen: the final picture, the expanded attack restored from its
// link and fitted.
func explorerReopen(t *testing.T) {
	b := openExplorer(t)
	showExpandedAttack(t, b)
	expandedURL := eval[string](t, b, "reading the URL", `location.href`)
	b.do(t, "reopening the expanded view",
		chromedp.Navigate("about:blank"),
		chromedp.Navigate(expandedURL),
		chromedp.WaitVisible(chromedp.ID("legend")),
		poll(`cy.$id(`+jsString(attack)+`).nonempty() && cy.nodes().length > 20`),
		waitReady(),
		js(`cy.$(':selected').unselect()`),
		fitView())
	assertNoOverlap(t, b, "the expanded attack, reopened")
	b.screenshot(t, "explorer.png")
	b.checkConsole(t, "reopening the expanded view")
}
