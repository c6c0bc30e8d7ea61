package e2e

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

type nodePos struct {
	ID     string
	X, Y   float64
	Locked bool
	Pinned bool
}

const nodePosJS = `cy.nodes().map(n => ({ID: n.id(), X: n.position('x'), Y: n.position('y'), Locked: n.locked(), Pinned: n.hasClass('pinned')}))`

// TestExplorerPinAndLayouts: a selected node pinned from its details panel
// is locked and marked, and stays where it is while the view is laid out
// again as a grid, concentric rings, a breadth-first tree and a circle, which
// move the others; the layout rides in the link; P unpins it from the
// keyboard. At 1440x900, 1024x700 and 420x800.
func TestExplorerPinAndLayouts(t *testing.T) {
	for _, size := range []struct{ w, h int }{{1440, 900}, {1024, 700}, {420, 800}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			b := newBrowser(t)
			defer b.checkConsole(t, "pin and layouts")
			b.do(t, "opening a view of IS-K", chromedp.EmulateViewport(int64(size.w), int64(size.h)),
				chromedp.Navigate(baseURL()+"/#x="+isk+"&sel="+isk), chromedp.WaitVisible(chromedp.ID("legend")), waitReady(),
				poll(`cy.nodes().length > 5`), poll(`!!document.querySelector('#details button.pin')`),
				clickCentered("layout-choice"), js(`document.querySelector('#details button.pin').scrollIntoView({block: 'center'})`),
				chromedp.Click(chromedp.CSS(`#details button.pin`)),
				poll(`cy.$id(`+jsString(isk)+`).locked()`), waitReady())
			before := eval[[]nodePos](t, b, "reading the nodes", nodePosJS)
			var pinned nodePos
			for _, n := range before {
				if n.ID == isk {
					pinned = n
				} else if n.Locked || n.Pinned {
					t.Errorf("node %s is pinned too", n.ID)
				}
			}
			if !pinned.Pinned {
				t.Errorf("the pinned node is not marked (class pinned)")
			}
			if got := eval[string](t, b, "reading the button", `document.querySelector('#details button.pin').innerText`); got != "Unpin" {
				t.Errorf("after pinning the button reads %q, want Unpin", got)
			}
			last := before
			for _, l := range []string{"grid", "concentric", "breadthfirst", "circle"} {
				b.do(t, "choosing the "+l+" layout", clickCentered("layout-choice"),
					js(`(s => { s.value = `+jsString(l)+`; s.dispatchEvent(new Event('change')); })(document.getElementById('layout-choice'))`),
					waitReady(), poll(`location.hash.includes('layout=`+l+`')`))
				now := eval[[]nodePos](t, b, "reading the nodes", nodePosJS)
				moved := 0
				was := map[string]nodePos{}
				for _, n := range last {
					was[n.ID] = n
				}
				for _, n := range now {
					if n.ID == isk {
						if math.Abs(n.X-pinned.X) > 0.5 || math.Abs(n.Y-pinned.Y) > 0.5 {
							t.Errorf("%s: the pinned node moved from (%.1f, %.1f) to (%.1f, %.1f)", l, pinned.X, pinned.Y, n.X, n.Y)
						}
						continue
					}
					if p, ok := was[n.ID]; ok && math.Hypot(n.X-p.X, n.Y-p.Y) > 1 {
						moved++
					}
				}
				if moved < len(now)/2 {
					t.Errorf("%s: %d of %d nodes moved, want the layout to move most", l, moved, len(now))
				}
				last = now
			}
			b.screenshot(t, fmt.Sprintf("pin-layout-%dx%d.png", size.w, size.h))

			// The layout rides in the link.
			href := eval[string](t, b, "reading the link", `location.href`)
			b.do(t, "opening the link afresh", chromedp.Navigate("about:blank"), chromedp.Navigate(href),
				chromedp.WaitVisible(chromedp.ID("legend")), waitReady(), poll(`cy.nodes().length > 5`))
			if v := eval[string](t, b, "reading the layout", `document.getElementById('layout-choice').value`); v != "circle" {
				t.Errorf("the link %s opens with layout %q, want circle", href, v)
			}
			// P pins the selected node and unpins it.
			b.do(t, "pressing p", js(`document.activeElement.blur()`), chromedp.KeyEvent("p"), poll(`cy.$id(`+jsString(isk)+`).locked()`),
				chromedp.KeyEvent("p"), poll(`!cy.$id(`+jsString(isk)+`).locked() && !cy.$id(`+jsString(isk)+`).hasClass('pinned')`))
			if s := eval[string](t, b, "reading the status", `document.getElementById('status').innerText`); !strings.Contains(s, "Unpinned") {
				t.Errorf("after unpinning the status says %q", s)
			}
		})
	}
}
