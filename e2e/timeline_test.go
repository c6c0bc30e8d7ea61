package e2e

import (
	"fmt"
	"net/url"
	"sort"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

type timelineAnswer struct {
	Items []struct {
		Date string `json:"date"`
		What string `json:"what"`
		Node *struct {
			ID string `json:"id"`
		} `json:"node"`
		Edge *struct {
			ID     string `json:"id"`
			Source string `json:"source"`
			Target string `json:"target"`
		} `json:"edge"`
	} `json:"items"`
	Truncated bool `json:"truncated"`
}

// timelineDates reads the whole timeline from the API: each dated edge's and
// event's date, as the API dates them.
func timelineDates(t *testing.T) (edges, events map[string]string) {
	t.Helper()
	var tl timelineAnswer
	apiGet(t, "/timeline", url.Values{"limit": {"5000"}, "from": {"1900-01-01"}}, &tl)
	if tl.Truncated || len(tl.Items) == 0 {
		t.Fatalf("the API's timeline: %d items, truncated %v", len(tl.Items), tl.Truncated)
	}
	edges, events = map[string]string{}, map[string]string{}
	for _, it := range tl.Items {
		switch {
		case it.What == "event" && it.Node != nil:
			events[it.Node.ID] = day(it.Date)
		case it.What == "relationship" && it.Edge != nil:
			edges[it.Edge.ID] = day(it.Date)
		}
	}
	return edges, events
}

// day is a date's day part (YYYY-MM-DD of a timestamp).
func day(d string) string {
	if len(d) > 10 {
		return d[:10]
	}
	return d
}

type drawnEdge struct {
	ID, Source, Target string
	Shown              bool
}

const drawnEdgesJS = `cy.edges().map(e => ({ID: e.id(), Source: e.source().id(), Target: e.target().id(),
	Shown: !e.hasClass('filtered') && !e.source().hasClass('filtered') && !e.target().hasClass('filtered')}))`

// currentRange reads the brushed range from the URL (time=from..to).
func currentRange(t *testing.T, b *browser) (string, string) {
	t.Helper()
	h := eval[string](t, b, "reading the URL", `decodeURIComponent(location.hash)`)
	i := strings.Index(h, "time=")
	if i < 0 {
		t.Fatalf("no time= in the URL %q", h)
	}
	v := h[i+len("time="):]
	if j := strings.IndexByte(v, '&'); j >= 0 {
		v = v[:j]
	}
	from, to, ok := strings.Cut(v, "..")
	if !ok {
		t.Fatalf("time=%q is no range", v)
	}
	return from, to
}

// checkRangeFilter: with the range from..to brushed, an edge is drawn when
// the API dates it in the range and both its ends are drawn (an Event only
// when the API dates it in the range); every other edge is hidden.
func checkRangeFilter(t *testing.T, b *browser, what, from, to string, edgeDates, eventDates map[string]string) {
	t.Helper()
	in := func(d string) bool { return d != "" && d >= from && (to == "" || d <= to) }
	nodeShown := func(id string) bool {
		if d, ok := eventDates[id]; ok {
			return from == "" || in(d)
		}
		kind := eval[string](t, b, "reading a node's kind", `cy.$id(`+jsString(id)+`).data('kind')`)
		return kind != "Event" || from == ""
	}
	drawn := eval[[]drawnEdge](t, b, "reading the drawn edges", drawnEdgesJS)
	if len(drawn) == 0 {
		t.Fatalf("%s: no edge drawn", what)
	}
	shown := 0
	for _, e := range drawn {
		want := nodeShown(e.Source) && nodeShown(e.Target) && (from == "" || in(edgeDates[e.ID]))
		if e.Shown != want {
			t.Errorf("%s: edge %s (dated %q) shown %v, want %v", what, e.ID, edgeDates[e.ID], e.Shown, want)
		}
		if e.Shown {
			shown++
		}
	}
	status := eval[string](t, b, "reading the status", `document.getElementById('status').innerText`)
	if !strings.Contains(status, fmt.Sprintf("%d edge", shown)) {
		t.Errorf("%s: status %q, want %d edges shown", what, status, shown)
	}
}

// TestExplorerTimeline: the timeline strip of a view (IS-K and the attack
// expanded) shows the dated relationships and events the API's timeline has
// for what is drawn; a brush across it filters the canvas to what is dated
// in the range, Step and Play move the range forward, the range rides in the
// link, and "All dates" shows everything again. At 1440x900, 1024x700 and
// 420x800 (screenshots of each).
func TestExplorerTimeline(t *testing.T) {
	edgeDates, eventDates := timelineDates(t)
	for _, size := range []struct{ w, h int }{{1440, 900}, {1024, 700}, {420, 800}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			b := newBrowser(t)
			defer b.checkConsole(t, "timeline")
			link := baseURL() + "/#x=" + isk + "," + attack
			b.do(t, "opening a view of IS-K and the attack", chromedp.EmulateViewport(int64(size.w), int64(size.h)),
				chromedp.Navigate(link), chromedp.WaitVisible(chromedp.ID("legend")), waitReady(),
				poll(`cy.nodes().length > 5`),
				chromedp.Click(chromedp.ID("timeline-toggle")),
				chromedp.WaitVisible(chromedp.ID("timeline-svg")), waitReady())

			// What the strip holds is what the API dates among the drawn.
			drawn := eval[[]drawnEdge](t, b, "reading the drawn edges", drawnEdgesJS)
			nodes := eval[[]string](t, b, "reading the drawn nodes", `cy.nodes().map(n => n.id())`)
			want, wantEvents := 0, []string{}
			for _, e := range drawn {
				if edgeDates[e.ID] != "" {
					want++
				}
			}
			for _, id := range nodes {
				if eventDates[id] != "" {
					want++
					wantEvents = append(wantEvents, id)
				}
			}
			sort.Strings(wantEvents)
			got := eval[int](t, b, "counting the timeline's items", `Number(document.getElementById('timeline').dataset.items)`)
			gotEvents := eval[[]string](t, b, "reading the timeline's events",
				`[...document.querySelectorAll('#timeline-svg .tl-event')].map(e => e.dataset.id).sort()`)
			if got != want || want == 0 || strings.Join(gotEvents, ",") != strings.Join(wantEvents, ",") {
				t.Errorf("timeline: %d items, events %v; the API dates %d of the drawn, events %v", got, gotEvents, want,
					wantEvents)
			}
			if n := eval[int](t, b, "counting bars", `document.querySelectorAll('#timeline-svg .tl-bar').length`); n == 0 {
				t.Error("no relationship bar drawn")
			}
			checkRangeFilter(t, b, "no range", "", "", edgeDates, eventDates)

			// A drag across the right half of the axis.
			box := eval[[]float64](t, b, "locating the timeline", `(() => {
				const r = document.getElementById('timeline-svg').getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; })()`)
			y := box[1] + box[3]/2
			x0, x1 := box[0]+box[2]*0.55, box[0]+box[2]-2
			b.do(t, "brushing the timeline",
				chromedp.MouseEvent(chromedp.MousePressed, x0, y, chromedp.ButtonLeft, chromedp.ClickCount(1)),
				chromedp.MouseEvent(chromedp.MouseMoved, (x0+x1)/2, y, chromedp.ButtonLeft),
				chromedp.MouseEvent(chromedp.MouseMoved, x1, y, chromedp.ButtonLeft),
				chromedp.MouseEvent(chromedp.MouseReleased, x1, y, chromedp.ButtonLeft, chromedp.ClickCount(1)),
				poll(`decodeURIComponent(location.hash).includes('time=')`),
				chromedp.WaitVisible(chromedp.ID("timeline-brush")))
			from, to := currentRange(t, b)
			checkRangeFilter(t, b, "brushed "+from+".."+to, from, to, edgeDates, eventDates)
			hidden := eval[int](t, b, "counting hidden edges", `cy.edges('.filtered').length`)
			if hidden == 0 {
				t.Errorf("brushed %s..%s: no edge hidden (the right half of the axis should leave the earlier ones out)", from, to)
			}
			b.screenshot(t, fmt.Sprintf("timeline-%dx%d.png", size.w, size.h))
			if size.w >= 1024 {
				// The strip sits inside the canvas, under the drawing, which keeps a usable height.
				m := eval[[]float64](t, b, "measuring", `(() => { const c = document.querySelector('.canvas').getBoundingClientRect(),
					tl = document.getElementById('timeline').getBoundingClientRect(); return [cy.height(), c.height, tl.top, tl.bottom, c.bottom]; })()`)
				if m[0] < 0.5*m[1] || m[3] > m[4]+0.5 || m[2] < m[0] {
					t.Errorf("at %dx%d: drawing %.0f px high in a %.0f px canvas, timeline %.0f-%.0f (canvas ends %.0f)", size.w,
						size.h, m[0], m[1], m[2], m[3], m[4])
				}
			} else {
				w := eval[[]float64](t, b, "measuring", `[document.getElementById('timeline').getBoundingClientRect().width, document.documentElement.clientWidth]`)
				if w[0] < w[1]-1 {
					t.Errorf("reading mode: timeline %.0f px wide in a %.0f px window", w[0], w[1])
				}
			}

			// The range rides in the link: a fresh load shows the same filter.
			if size.w == 1440 {
				href := eval[string](t, b, "reading the link", `location.href`)
				b.do(t, "reopening the link", chromedp.Navigate("about:blank"), chromedp.Navigate(href),
					chromedp.WaitVisible(chromedp.ID("timeline-brush")), waitReady(), poll(`cy.nodes().length > 5`))
				if f, tt := currentRange(t, b); f != from || tt != to {
					t.Errorf("reopened link: range %s..%s, want %s..%s", f, tt, from, to)
				}
				checkRangeFilter(t, b, "reopened "+from+".."+to, from, to, edgeDates, eventDates)
			}

			// Step moves the range forward, keeping its length.
			b.do(t, "reset, then stepping", chromedp.Click(chromedp.ID("timeline-reset")),
				poll(`!decodeURIComponent(location.hash).includes('time=')`),
				chromedp.Click(chromedp.ID("timeline-step")),
				poll(`decodeURIComponent(location.hash).includes('time=')`))
			f1, t1 := currentRange(t, b)
			b.do(t, "stepping again", chromedp.Click(chromedp.ID("timeline-step")),
				poll(`!decodeURIComponent(location.hash).includes('time=`+f1+`')`))
			f2, t2 := currentRange(t, b)
			if !(f2 > f1 && t2 > t1) {
				t.Errorf("step: %s..%s then %s..%s, want the range moved forward", f1, t1, f2, t2)
			}
			checkRangeFilter(t, b, "stepped "+f2+".."+t2, f2, t2, edgeDates, eventDates)

			// Play steps on its own until paused.
			b.do(t, "playing", chromedp.Click(chromedp.ID("timeline-play")),
				poll(`!decodeURIComponent(location.hash).includes('time=`+f2+`')`),
				chromedp.Click(chromedp.ID("timeline-play")),
				poll(`document.getElementById('timeline-play').getAttribute('aria-pressed') === 'false'`))
			f3, t3 := currentRange(t, b)
			if !(f3 > f2) {
				t.Errorf("play: from %s..%s to %s..%s, want it moved forward", f2, t2, f3, t3)
			}
			checkRangeFilter(t, b, "played to "+f3+".."+t3, f3, t3, edgeDates, eventDates)

			// "All dates" shows every edge again.
			b.do(t, "showing all dates", chromedp.Click(chromedp.ID("timeline-reset")),
				poll(`!decodeURIComponent(location.hash).includes('time=')`))
			checkRangeFilter(t, b, "all dates", "", "", edgeDates, eventDates)
			if n := eval[int](t, b, "counting hidden edges", `cy.edges('.filtered').length`); n != 0 {
				t.Errorf("all dates: %d edges hidden", n)
			}
		})
	}
}
