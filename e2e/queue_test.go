package e2e

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// pendingBySource is the API's review queue counted by source.
func pendingBySource(t *testing.T) map[string]int {
	t.Helper()
	var q struct{ Candidates []apiCandidate }
	apiGet(t, "/candidates", url.Values{"status": {"pending"}, "limit": {"1000"}}, &q)
	n := map[string]int{}
	for _, c := range q.Candidates {
		n[c.Source]++
	}
	return n
}

// TestExplorerReviewQueue: the Sources view lists the pending candidates of
// every source, labelled by source with the API's counts; picking one of a
// source opens that source's review at that candidate, and accepting it
// there takes it off the queue. At 1440x900, 1024x700 and 420x800.
func TestExplorerReviewQueue(t *testing.T) {
	for i, size := range []struct{ w, h int }{{1440, 900}, {1024, 700}, {420, 800}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			names := []string{fmt.Sprintf("queue-a-%d.txt", i), fmt.Sprintf("queue-b-%d.txt", i)}
			got := ingestFiles(t, names, map[string]string{
				names[0]: fmt.Sprintf("Ankara, May %d. Turkey denied any involvement in the attack on Crocus City Hall, the foreign ministry said.", 3+i),
				names[1]: fmt.Sprintf("Kabul, May %d. Afghanistan denied any involvement in the attack on Crocus City Hall, a spokesman said.", 3+i),
			})
			srcA, srcB := got.Articles[0].Source, got.Articles[1].Source
			want := pendingBySource(t)
			if want[srcA] == 0 || want[srcB] == 0 {
				t.Fatalf("the sources ingested have no pending candidate: %v", want)
			}
			b := newBrowser(t)
			defer b.checkConsole(t, "review queue")
			b.do(t, "opening the Sources view", chromedp.EmulateViewport(int64(size.w), int64(size.h)),
				chromedp.Navigate(baseURL()+"/"), chromedp.WaitVisible(chromedp.ID("legend")), waitReady(),
				chromedp.Click(chromedp.ID("tab-sources")), typeInto("api-key", server.APIKey),
				poll(`document.getElementById('queue-list').dataset.state === 'ready'`))
			shown := eval[map[string]int](t, b, "reading the queue", `Object.fromEntries([...document.querySelectorAll('#queue-list li.queue-source')]
				.map(li => [li.dataset.source, li.querySelectorAll('button.queue-cand').length]))`)
			for src, n := range want {
				if shown[src] != n {
					t.Errorf("the queue shows %d candidates of %s, the API has %d pending", shown[src], src, n)
				}
			}
			if len(shown) != len(want) {
				t.Errorf("the queue shows %d sources, the API has pending candidates in %d", len(shown), len(want))
			}
			b.screenshot(t, fmt.Sprintf("queue-%dx%d.png", size.w, size.h))

			// A candidate of the second source opens its review there.
			srcSel := `document.querySelector('#queue-list li.queue-source[data-source=` + jsString(srcB) + `]')`
			id := eval[string](t, b, "choosing a candidate", srcSel+`.querySelector('button.queue-cand').dataset.id`)
			label := eval[string](t, b, "reading its row", srcSel+`.querySelector('button.queue-cand').innerText`)
			btn := `#queue-list button.queue-cand[data-id=` + jsString(id) + `]`
			b.do(t, "opening it", js(`document.querySelector(`+jsString(btn)+`).closest('details').open = true`),
				js(`document.querySelector(`+jsString(btn)+`).scrollIntoView({block: 'center'})`),
				chromedp.Click(chromedp.CSS(btn)),
				poll(`!!document.querySelector('#candidates li.cand[aria-selected="true"]')`),
				poll(`document.querySelector('#candidates li.cand[aria-selected="true"]').dataset.id === `+jsString(id)), waitReady())
			if h := eval[string](t, b, "reading the URL", `decodeURIComponent(location.hash)`); !strings.Contains(h, "src="+srcB) {
				t.Errorf("opening %s from the queue: the URL is %q, want its source %s", id, h, srcB)
			}
			if active := eval[string](t, b, "reading the focus", `document.activeElement.dataset.id || ''`); active != id {
				t.Errorf("opening %s (%q) from the queue: the focus is on %q, want the candidate", id, label, active)
			}

			// Accepting it in its review takes it off the queue.
			b.do(t, "accepting it with a", chromedp.KeyEvent("a"),
				poll(`document.querySelector('#candidates li.cand[data-id=`+jsString(id)+`]').dataset.status === 'accepted'`), waitReady(),
				poll(`(li => !li || !li.querySelector('button.queue-cand[data-id=`+jsString(id)+`]'))(`+srcSel+`)`))
			after := pendingBySource(t)
			if after[srcB] != want[srcB]-1 {
				t.Errorf("the API has %d pending in %s after the accept, want %d", after[srcB], srcB, want[srcB]-1)
			}
			left := eval[int](t, b, "counting the queue", `(li => li ? li.querySelectorAll('button.queue-cand').length : 0)(`+srcSel+`)`)
			if left != after[srcB] {
				t.Errorf("the queue shows %d of %s after the accept, the API %d", left, srcB, after[srcB])
			}
			b.screenshot(t, fmt.Sprintf("queue-opened-%dx%d.png", size.w, size.h))
		})
	}
}
