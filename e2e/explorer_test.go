package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

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
// console error and warning (a library's too), log entry of level error (a Content-Security-Policy violation
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
	console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') +
		' at ' + e.sourceFile + ':' + e.lineNumber + ' ' + (e.sample || '')));`

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
			if ev.Type != runtime.ConsoleAPICalledTypeError && ev.Type != runtime.ConsoleAPICalledTypeAssert &&
				ev.Type != runtime.ConsoleAPICalledTypeWarning {
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
	_, err = chromedp.Call(pctx, page.AddScriptToEvaluateOnNewDocument,
		page.AddScriptToEvaluateOnNewDocumentParams{Source: cspProbe})
	if err != nil {
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
	s, _ := chromedp.Run(ctx, chromedp.Evaluate[string](
		`document.querySelector('#error').hidden ? '' : document.querySelector('#error-message').innerText`))
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
		if (n.style('label')) boxes.push({id: n.id(), what: 'label',
			bb: n.boundingBox({includeNodes: false, includeLabels: true, includeOverlays: false})});
	});
	const edgeLabels = cy.edges(':visible').filter(e => e.style('label')).map(e => ({
		id: e.id(), ends: [e.source().id(), e.target().id()],
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
