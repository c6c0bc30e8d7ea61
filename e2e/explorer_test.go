package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	stdpng "image/png"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/actorgraph/actorgraph/graph"
)

const (
	chromium = "/usr/bin/chromium" // Debian's: apt-get install -y chromium
	attack   = "event:2024-03-22-crocus-city-hall"
	isk      = "group:is-k"
	tajik    = "state:tj"
	unknown  = "Atlantis Liberation Front"
	outDir   = "testdata/out"
)

// browser starts a fresh headless Chromium at 1280x800 and records every
// console error, log entry of level error (a Content-Security-Policy violation
// among them), CSP violation event and uncaught exception of the page; each
// flow asserts there were none (checkConsole).
type browser struct {
	ctx      context.Context
	mu       sync.Mutex
	errs     []string
	expected []string // URL parts of requests a flow expects to fail (a 4xx it asserts)
}

// cspProbe reports Content-Security-Policy violations as console errors. It is
// added by the DevTools protocol, which the page's CSP does not govern.
const cspProbe = `document.addEventListener('securitypolicyviolation', e =>
	console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber + ' ' + (e.sample || '')));`

func newBrowser(t *testing.T) *browser {
	t.Helper()
	if _, err := os.Stat(chromium); err != nil {
		t.Fatalf("no browser at %s (install it: apt-get install -y chromium): %v", chromium, err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(1280, 800),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancelCtx()
		cancelAlloc()
	})
	b := &browser{ctx: ctx}
	// The first call starts the browser; it must not carry a timeout, which
	// would stop the browser with it.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting %s: %v", chromium, err)
	}
	err := chromedp.Listen(ctx, func(ev any) {
		var msg string
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type != runtime.ConsoleAPICalledTypeError && ev.Type != runtime.ConsoleAPICalledTypeAssert {
				return
			}
			var parts []string
			for _, a := range ev.Args {
				if a.Value != nil {
					parts = append(parts, string(a.Value))
				} else {
					parts = append(parts, a.Description)
				}
			}
			msg = "console." + string(ev.Type) + ": " + strings.Join(parts, " ")
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			msg = "exception: " + d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
		case *cdplog.EventEntryAdded:
			e := ev.Entry
			if e.Level != cdplog.EntryLevelError {
				return
			}
			if e.Source == cdplog.EntrySourceNetwork && b.isExpected(e.URL) {
				return
			}
			msg = "log " + string(e.Source) + " error: " + e.Text
			if e.URL != "" {
				msg += " (" + e.URL + ")"
			}
		default:
			return
		}
		b.mu.Lock()
		b.errs = append(b.errs, msg)
		b.mu.Unlock()
	})
	if err != nil {
		t.Fatalf("listening to the console: %v", err)
	}
	b.do(t, "setting the viewport", chromedp.EmulateViewport(1280, 800))
	pctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	if _, err := chromedp.Call(pctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: cspProbe}); err != nil {
		t.Fatalf("adding the CSP probe: %v", err)
	}
	return b
}

// expectFailure names a request (a part of its URL) that the flow expects to
// answer 4xx: the browser logs it as a network error, which is then no fault.
func (b *browser) expectFailure(urlPart string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.expected = append(b.expected, urlPart)
}

func (b *browser) isExpected(u string) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, x := range b.expected {
		if strings.Contains(u, x) {
			return true
		}
	}
	return false
}

// checkConsole fails the test if the page logged any error (console, log,
// CSP violation, exception) since the last check, then starts afresh.
func (b *browser) checkConsole(t *testing.T, flow string) {
	t.Helper()
	// Log entries arrive asynchronously: let any in flight land first.
	ctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
	_, _ = chromedp.Run(ctx, chromedp.Evaluate[bool](`new Promise(r => setTimeout(() => r(true), 150))`))
	cancel()
	b.mu.Lock()
	errs := b.errs
	b.errs = nil
	b.expected = nil
	b.mu.Unlock()
	if len(errs) > 0 {
		t.Errorf("%s: the page logged %d error(s), want none: %q", flow, len(errs), errs)
	}
}

// do runs steps with a time limit, and on failure saves a screenshot and stops
// the test, with what the page's error banner says.
func (b *browser) do(t *testing.T, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, time.Minute)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		b.screenshot(t, failedName(t))
		t.Fatalf("%s: %v (error banner: %q)", what, err, b.banner())
	}
}

// banner is the text of the page's error banner, if shown.
func (b *browser) banner() string {
	ctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
	defer cancel()
	s, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('#error').hidden ? '' : document.querySelector('#error-message').innerText`))
	return s
}

// failedName names the screenshot of a failure after the test.
func failedName(t *testing.T) string {
	return "failed-" + strings.NewReplacer("/", "-", " ", "_", "'", "", ",", "").Replace(t.Name()) + ".png"
}

// eval evaluates a JavaScript expression in the page and decodes its value.
func eval[T any](t *testing.T, b *browser, what, expr string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, time.Minute)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		b.screenshot(t, failedName(t))
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

// screenshot writes the viewport to testdata/out/name for a person to look at.
func (b *browser) screenshot(t *testing.T, name string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Errorf("screenshot %s: %v", name, err)
		return
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(outDir, name)
	if err := os.WriteFile(p, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", p)
}

// waitReady waits until the page has no request or layout in flight
// (html[data-state] is "ready" or "error").
func waitReady() chromedp.Action[chromedp.Void] {
	return poll(`document.documentElement.dataset.state !== 'loading'`)
}

// typeInto empties the input with that id, focuses it and types text.
func typeInto(id, text string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		js(`(e => { e.value = ''; e.focus(); })(document.getElementById(`+jsString(id)+`))`),
		chromedp.KeyEvent(text))
}

// js runs a JavaScript statement in the page.
func js(expr string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Evaluate[bool]("("+expr+", true)")(ctx, t)
		return err
	})
}

func poll(expr string) chromedp.Action[chromedp.Void] {
	return chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingTimeout(30*time.Second))
}

// apiGet reads an API answer directly, to compare the page with it.
func apiGet(t *testing.T, path string, q url.Values, out any) int {
	t.Helper()
	u := baseURL() + "/api/v1" + path
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	res, err := http.Get(u)
	if err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	defer res.Body.Close()
	if err := json.NewDecoder(res.Body).Decode(out); err != nil {
		t.Fatalf("GET %s: decoding: %v", u, err)
	}
	return res.StatusCode
}

type apiGraph struct {
	Nodes []struct {
		ID     string `json:"id"`
		Kind   string `json:"kind"`
		Hidden *int   `json:"hidden"`
	} `json:"nodes"`
	Edges []struct {
		ID     string `json:"id"`
		Source string `json:"source"`
		Target string `json:"target"`
	} `json:"edges"`
	Paths []struct {
		Nodes []string `json:"nodes"`
		Hops  []struct {
			Quote string `json:"quote"`
		} `json:"hops"`
	} `json:"paths"`
	Sources []struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	} `json:"sources"`
	Reason string   `json:"reason"`
	Notes  []string `json:"notes"`
}

type apiError struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func nodeCount(t *testing.T, b *browser) int {
	t.Helper()
	return eval[int](t, b, "counting nodes", `cy.nodes().length`)
}

// overlapsJS lists what overlaps in the drawn graph, in model coordinates:
// two nodes' shapes or labels, and a drawn edge label over a node's label or
// over a node other than the edge's ends. Edge labels are not compared with
// each other (a rotated label's box is wider than the label).
const overlapsJS = `(() => {
	const boxes = [];
	cy.nodes(':visible').forEach(n => {
		boxes.push({id: n.id(), what: 'shape', bb: n.boundingBox({includeLabels: false, includeOverlays: false})});
		if (n.style('label')) boxes.push({id: n.id(), what: 'label', bb: n.boundingBox({includeNodes: false, includeLabels: true, includeOverlays: false})});
	});
	const edgeLabels = cy.edges(':visible').filter(e => e.style('label')).map(e => ({id: e.id(), ends: [e.source().id(), e.target().id()],
		bb: e.boundingBox({includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false})}));
	const hit = (a, b) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
	const out = [];
	boxes.forEach((a, i) => boxes.slice(i + 1).forEach(b => {
		if (a.id !== b.id && hit(a.bb, b.bb)) out.push(a.id + ' (' + a.what + ') over ' + b.id + ' (' + b.what + ')');
	}));
	edgeLabels.forEach(e => boxes.forEach(b => {
		if (b.what === 'shape' && e.ends.includes(b.id)) return;
		if (hit(e.bb, b.bb)) out.push('label of edge ' + e.id + ' over ' + b.id + ' (' + b.what + ')');
	}));
	return out;
})()`

// assertNoOverlap fails the test if labels or nodes of the view overlap, and
// checks that labels are drawn at a readable size (at least 8px on screen).
func assertNoOverlap(t *testing.T, b *browser, view string) {
	t.Helper()
	if over := eval[[]string](t, b, "looking for overlaps", overlapsJS); len(over) > 0 {
		t.Errorf("%s: %d overlaps: %q", view, len(over), over)
	}
	if px := eval[float64](t, b, "reading the label size", `11 * cy.zoom()`); px < 8 {
		t.Errorf("%s: labels are drawn at %.1fpx (zoom %.2f); want at least 8px", view, px, px/11)
	}
}

// fitView clicks Fit and waits for the view to stop moving.
func fitView() chromedp.Action[chromedp.Void] {
	return chromedp.Steps(waitReady(), chromedp.Click(chromedp.ID("fit")), waitReady())
}

// runPath fills the path finder's ends, lets set change the form (JavaScript,
// may be empty), runs it and waits for the evidence panel's answer.
func runPath(b *browser, t *testing.T, what, from, to, set string) {
	t.Helper()
	steps := []chromedp.Action[chromedp.Void]{typeInto("path-from", from), typeInto("path-to", to)}
	if set != "" {
		steps = append(steps, js(set))
	}
	steps = append(steps,
		js(`document.querySelector('#evidence').dataset.state = 'stale'`),
		js(`document.querySelector('#path-form').requestSubmit()`),
		poll(`['paths', 'no-path', 'failed'].includes(document.querySelector('#evidence').dataset.state)`),
		waitReady())
	b.do(t, what, steps...)
}

type evidenceView struct {
	State   string `json:"state"`
	Reason  string `json:"reason"`
	Notes   string `json:"notes"`
	Filters string `json:"filters"`
	Hash    string `json:"hash"`
	Error   string `json:"error"`
}

const evidenceJS = `(() => {
	const text = sel => [...document.querySelectorAll(sel)].map(e => e.innerText).join('\n');
	return {
		state: document.querySelector('#evidence').dataset.state,
		reason: text('#evidence .reason'),
		notes: text('#evidence .notes'),
		filters: text('#evidence .filters'),
		hash: decodeURIComponent(location.hash),
		error: document.querySelector('#error').hidden ? '' : document.querySelector('#error').innerText,
	};
})()`

// TestExplorer walks through what an analyst does on the page: search by
// alias, find the path from IS-K to Tajikistan with its evidence, expand the
// attack, share the view by URL, and mistype a name.
func TestExplorer(t *testing.T) {
	b := newBrowser(t)
	var expandedURL string // the view after expanding the attack

	// The page loads its embedded libraries, the schema and the legend.
	b.do(t, "loading the page",
		chromedp.Navigate(baseURL()+"/"),
		chromedp.WaitVisible(chromedp.ID("legend")),
		waitReady())
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
		t.Fatalf("after load: got state %q, cytoscape %v, error banner %v; want ready, true, false", loaded.State, loaded.HasCy, loaded.Error)
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

	t.Run("search offers IS-K for the alias ISIS-K", func(t *testing.T) {
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
			`[...document.querySelectorAll('#search-suggestions li[data-id]')].map(li => ({id: li.dataset.id, text: li.innerText}))`)
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
	})

	t.Run("path finder draws IS-K to Tajikistan with evidence", func(t *testing.T) {
		defer b.checkConsole(t, "path finder draws IS-K to Tajikistan with evidence")
		b.do(t, "asking for the path",
			typeInto("path-from", "IS-K"),
			typeInto("path-to", "Tajikistan"),
			chromedp.KeyEvent(kb.Enter), // Enter in the path finder runs it
			poll(`['paths', 'no-path', 'failed'].includes(document.querySelector('#evidence').dataset.state)`),
			waitReady())
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
			t.Errorf("highlighted path: got nodes %q and %d edges, want %s and %s joined by edges", got.PathNodes, got.PathEdges, isk, tajik)
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
			`Object.fromEntries([...document.querySelectorAll('#evidence .src[data-source]')].map(s => [s.dataset.source, s.innerText]))`)
		for _, src := range answer.Sources {
			if text, ok := shownSources[src.ID]; !ok || !strings.Contains(text, src.Name) {
				t.Errorf("evidence panel: source %s shown as %q, want its name %q (shown: %q)", src.ID, text, src.Name, shownSources)
			}
		}
		b.screenshot(t, "path.png")
	})

	t.Run("clicking the attack expands its neighbours", func(t *testing.T) {
		defer b.checkConsole(t, "clicking the attack expands its neighbours")
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
		before := nodeCount(t, b)
		xy := eval[[]float64](t, b, "locating the attack node", `(() => {
			const n = cy.$id(`+jsString(attack)+`), p = n.renderedPosition(), r = cy.container().getBoundingClientRect();
			return [r.left + p.x, r.top + p.y];
		})()`)
		b.do(t, "clicking the attack node",
			chromedp.MouseClickXY(xy[0], xy[1]),
			poll(`cy.$(':selected').map(n => n.id()).join(',') === `+jsString(attack)),
			waitReady())
		after := nodeCount(t, b)
		var nb apiGraph
		apiGet(t, "/entities/"+url.PathEscape(attack)+"/neighbors", url.Values{"depth": {"1"}, "limit": {"200"}}, &nb)
		var ids []string
		for _, e := range nb.Edges {
			ids = append(ids, e.Source, e.Target)
		}
		idsJSON, _ := json.Marshal(ids)
		if missing := eval[[]string](t, b, "checking the neighbours", `(`+string(idsJSON)+`).filter(id => cy.$id(id).empty())`); len(missing) > 0 {
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
			.filter(([id, h]) => cy.$id(id).data('hidden') !== h).map(([id, h]) => id + ': shows ' + cy.$id(id).data('hidden') + ', API says ' + h)`); len(diff) > 0 {
			t.Errorf("+N counts differ from the API's hidden: %q", diff)
		}
		b.do(t, "fitting the view", fitView())
		assertNoOverlap(t, b, "the expanded attack")
		expandedURL = eval[string](t, b, "reading the URL", `location.href`)
		b.screenshot(t, "expanded.png")
	})

	t.Run("expanding IS-K too gives a readable two-hop view", func(t *testing.T) {
		defer b.checkConsole(t, "expanding IS-K too gives a readable two-hop view")
		xy := eval[[]float64](t, b, "locating IS-K", `(() => {
			const n = cy.$id(`+jsString(isk)+`), p = n.renderedPosition(), r = cy.container().getBoundingClientRect();
			return [r.left + p.x, r.top + p.y];
		})()`)
		before := nodeCount(t, b)
		b.do(t, "clicking IS-K",
			chromedp.MouseClickXY(xy[0], xy[1]),
			poll(`cy.$(':selected').map(n => n.id()).join(',') === `+jsString(isk)),
			waitReady(),
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
	})

	t.Run("a shared URL restores the view", func(t *testing.T) {
		defer b.checkConsole(t, "a shared URL restores the view")
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
	})

	t.Run("filters, date slider and export", func(t *testing.T) {
		defer b.checkConsole(t, "filters, date slider and export")
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
			t.Fatalf("date slider: max %d for the view's report dates %q; want one step per date, at least two dates", got.Max, got.Dates)
		}
		if got.Hidden == 0 || got.Hidden != got.Later {
			t.Errorf("slider at the earliest date %s: %d edges hidden, want the %d reported later", got.Dates[0], got.Hidden, got.Later)
		}
		b.do(t, "moving the date slider back", js(`(s => { s.value = s.max; s.dispatchEvent(new Event('input', {bubbles: true})); })(document.querySelector('#date-slider'))`))
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
		b.do(t, "exporting PNG", chromedp.Click(chromedp.ID("export-png")))
		png := waitDownload(t, dir, ".png")
		if !bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")) {
			t.Errorf("PNG export: %d bytes starting %q, want the PNG signature", len(png), png[:min(8, len(png))])
		} else if cfg, err := stdpng.DecodeConfig(bytes.NewReader(png)); err != nil || cfg.Width < 100 || cfg.Height < 100 {
			t.Errorf("PNG export: %dx%d (%v), want an image of the view", cfg.Width, cfg.Height, err)
		}
		b.do(t, "exporting JSON", chromedp.Click(chromedp.ID("export-json")))
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
			t.Errorf("JSON export: %d nodes, %d edges; the view shows %d and %d", len(exported.Nodes), len(exported.Edges), shown[0], shown[1])
		}
	})

	t.Run("an unknown name shows the API's message", func(t *testing.T) {
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
		if shown := eval[string](t, b, "reading the error", `document.querySelector('#error-message').innerText`); !strings.Contains(shown, want.Error.Message) {
			t.Errorf("error banner: got %q, want the API's message %q", shown, want.Error.Message)
		}
		if state := eval[string](t, b, "reading the page state", `document.documentElement.dataset.state`); state != "error" {
			t.Errorf("html[data-state]: got %q, want error", state)
		}
	})

	t.Run("known on a date, the evidence says how undated edges were treated", func(t *testing.T) {
		defer b.checkConsole(t, "known on a date, the evidence says how undated edges were treated")
		var want apiGraph
		apiGet(t, "/paths/shortest", url.Values{"from": {"IS-K"}, "to": {"Tajikistan"}, "all": {"true"}, "knownOn": {"2024-03-07"}}, &want)
		if len(want.Notes) == 0 {
			t.Fatal("the API gives no notes for knownOn=2024-03-07")
		}
		runPath(b, t, "asking for the path known on 2024-03-07", "IS-K", "Tajikistan",
			`(e => { e.value = '2024-03-07'; e.dispatchEvent(new Event('input', {bubbles: true})); })(document.querySelector('#path-knownon'))`)
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
	})

	t.Run("no path under LEADER_OF only: the reason says which filter", func(t *testing.T) {
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
	})

	t.Run("the stance filter is sent only when a stance is unticked, and kept in the URL", func(t *testing.T) {
		defer b.checkConsole(t, "the stance filter is sent only when a stance is unticked, and kept in the URL")
		runPath(b, t, "asking with every stance ticked", "IS-K", "Tajikistan", `(() => {
			document.querySelectorAll('#path-rels-list input').forEach(i => { i.checked = false; });
			document.querySelector('#path-rels-list').dispatchEvent(new Event('change', {bubbles: true}));
			document.querySelectorAll('#path-stances input').forEach(i => { i.checked = true; });
		})()`)
		got := eval[evidenceView](t, b, "reading the evidence", evidenceJS)
		if got.State != "paths" || strings.Contains(got.Filters, "stance") || strings.Contains(got.Hash, "stance") {
			t.Errorf("all stances: got state %q, filters %q, hash %q; want paths and no stance filter", got.State, got.Filters, got.Hash)
		}
		runPath(b, t, "asking with claimed only", "IS-K", "Tajikistan", `(() => {
			document.querySelectorAll('#path-stances input').forEach(i => { i.checked = i.value === 'claimed'; });
			document.querySelector('#path-stances').dispatchEvent(new Event('change', {bubbles: true}));
		})()`)
		got = eval[evidenceView](t, b, "reading the evidence", evidenceJS)
		var want apiGraph
		apiGet(t, "/paths/shortest", url.Values{"from": {"IS-K"}, "to": {"Tajikistan"}, "all": {"true"}, "stance": {"claimed"}}, &want)
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
		ticked := eval[[]string](t, b, "reading the stance ticks", `[...document.querySelectorAll('#path-stances input:checked')].map(i => i.value)`)
		if !slices.Equal(ticked, []string{"claimed"}) {
			t.Errorf("restored stance ticks: got %q, want [claimed]", ticked)
		}
	})

	t.Run("each hop shows its evidence level as the API states it", func(t *testing.T) {
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
	})

	// The final picture: the expanded attack, restored from its link and fitted.
	if expandedURL != "" {
		b.do(t, "reopening the expanded view",
			chromedp.Navigate("about:blank"),
			chromedp.Navigate(expandedURL),
			chromedp.WaitVisible(chromedp.ID("legend")),
			poll(`cy.$id(`+jsString(attack)+`).nonempty() && cy.nodes().length > 20`),
			waitReady(),
			js(`cy.$(':selected').unselect()`),
			fitView())
		assertNoOverlap(t, b, "the expanded attack, reopened")
	}
	b.screenshot(t, "explorer.png")
	b.checkConsole(t, "reopening the expanded view")
}

// waitDownload waits for the one file of dir whose name ends in suffix to be
// complete (Chromium writes NAME.crdownload first) and returns its content.
func waitDownload(t *testing.T, dir, suffix string) []byte {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		matches, _ := filepath.Glob(filepath.Join(dir, "*"+suffix))
		partial, _ := filepath.Glob(filepath.Join(dir, "*.crdownload"))
		if len(matches) == 1 && len(partial) == 0 {
			b, err := os.ReadFile(matches[0])
			if err == nil && len(b) > 0 {
				t.Logf("downloaded %s (%d bytes)", filepath.Base(matches[0]), len(b))
				return b
			}
		}
		if len(matches) > 1 {
			t.Fatalf("downloads: %d files ending in %s, want one: %q", len(matches), suffix, matches)
		}
		if time.Now().After(deadline) {
			all, _ := filepath.Glob(filepath.Join(dir, "*"))
			t.Fatalf("no complete download ending in %s after 30 s; the folder holds %q", suffix, all)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// evidenceHop is a path hop as the API sends it: its edge and evidence.
type evidenceHop struct {
	Edge string `json:"edge"`
	graph.Evidence
}

// shownHop is a hop as the evidence panel shows it.
type shownHop struct {
	Edge  string `json:"edge"`
	Level string `json:"level"`
	Label string `json:"label"`
	Words string `json:"words"`
	Open  string `json:"open"`
	// Reason is the panel's line saying why an inferred hop was inferred.
	Reason string `json:"reason"`
}

const shownHopsJS = `[...document.querySelectorAll('#evidence li.hop')].map(li => ({
	edge: li.dataset.edge,
	level: li.querySelector('.ev').dataset.evidence,
	label: li.querySelector('.ev .level').innerText,
	words: (li.querySelector('.ev blockquote.quote, .ev p.summary') || {innerText: ''}).innerText,
	open: (li.querySelector('a.open-source') || {getAttribute: () => ''}).getAttribute('href') || '',
	reason: (li.querySelector('.ev p.inferred-reason') || {innerText: ''}).innerText,
}))`

// levelLabels is what the panel must say for each evidence level.
var levelLabels = map[string]string{
	"quote":          "verified quote ✓",
	"reported-quote": "reported quote (not checked)",
	"summary":        "curator summary",
	"":               "quote (level not stated)",
}

// checkHop compares one hop of the panel with the API's: its label, its words
// (the quote, or the summary of a summary), a link into the source text
// exactly when the quote is verified and its offsets are known, and why an
// inferred hop was inferred.
func checkHop(t *testing.T, h evidenceHop, s shownHop) {
	t.Helper()
	if s.Edge != h.Edge {
		t.Errorf("hop %s shown as %s", h.Edge, s.Edge)
	}
	if want, ok := levelLabels[string(h.Level)]; !ok || s.Label != want {
		t.Errorf("hop %s (evidence %q): label %q, want %q", h.Edge, h.Level, s.Label, want)
	}
	words := h.Quote
	if h.Level == graph.EvidenceSummary {
		words = h.Summary
	}
	if strings.Join(strings.Fields(s.Words), " ") != strings.Join(strings.Fields(words), " ") {
		t.Errorf("hop %s (evidence %q): shows %q, want %q", h.Edge, h.Level, s.Words, words)
	}
	wantOpen := ""
	if h.Level == graph.EvidenceQuote && h.QuoteStart != nil && h.QuoteEnd != nil {
		wantOpen = fmt.Sprintf("#src=%s&span=%d-%d", h.QuoteSource, *h.QuoteStart, *h.QuoteEnd)
	}
	if got, _ := url.QueryUnescape(s.Open); got != wantOpen {
		t.Errorf("hop %s (evidence %q): link into the source text %q, want %q", h.Edge, h.Level, s.Open, wantOpen)
	}
	wantReason := ""
	if h.Inferred && h.Reason != "" {
		wantReason = "Inferred: " + h.Reason
	}
	if strings.Join(strings.Fields(s.Reason), " ") != strings.Join(strings.Fields(wantReason), " ") {
		t.Errorf("hop %s (inferred %v): reason shown %q, want %q", h.Edge, h.Inferred, s.Reason, wantReason)
	}
}
