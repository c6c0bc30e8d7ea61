package e2e

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestExplorerUndoRedo: an expansion, a kind filter, a layout and a removed
// node are undone one by one with Ctrl+Z and the header's undo button, and
// redone with Ctrl+Shift+Z and the redo button; Back and Forward move through
// the same entries. The undo button says what it would undo and is disabled
// at the first entry. At 1440x900, 1024x700 and 420x800.
func TestExplorerUndoRedo(t *testing.T) {
	for _, size := range []struct{ w, h int }{{1440, 900}, {1024, 700}, {420, 800}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			b := newBrowser(t)
			defer b.checkConsole(t, "undo and redo")
			b.do(t, "opening a view of IS-K", chromedp.EmulateViewport(int64(size.w), int64(size.h)),
				chromedp.Navigate(baseURL()+"/#x="+isk+"&sel="+isk), chromedp.WaitVisible(chromedp.ID("legend")), waitReady(),
				poll(`cy.nodes().length > 5`))
			n0 := nodeCount(t, b)
			// The header's buttons, undo and redo among them, are all on screen.
			right := eval[[]float64](t, b, "measuring the header", `['undo', 'redo', 'share', 'help-open'].map(id => document.getElementById(id).getBoundingClientRect().right).concat([document.documentElement.scrollWidth])`)
			for _, r := range right {
				if r > float64(size.w) {
					t.Errorf("at %dx%d the header reaches %.0f px (undo, redo, link, help, page width: %v)", size.w, size.h, r, right)
					break
				}
			}
			if !eval[bool](t, b, "reading the undo button", `document.getElementById('undo').disabled`) {
				t.Errorf("the undo button is enabled on a freshly opened link")
			}
			xs := `(new URLSearchParams(location.hash.slice(1)).get('x') || '')`
			hidden := `(new URLSearchParams(location.hash.slice(1)).get('hideKinds') || '')`
			// A neighbour with neighbours of its own not yet shown.
			other := eval[string](t, b, "choosing a neighbour", `cy.nodes().filter(n => n.id() !== `+jsString(isk)+` && n.data('hidden') > 0).map(n => n.id()).sort()[0] || ''`)
			if other == "" {
				t.Fatalf("no neighbour of IS-K with more to show")
			}
			b.do(t, "expanding "+other, js(`cy.$id(`+jsString(other)+`).emit('tap')`),
				poll(xs+`.includes(`+jsString(other)+`)`), waitReady())
			n1 := nodeCount(t, b)
			if n1 <= n0 {
				t.Fatalf("expanding %s: %d nodes, want more than %d", other, n1, n0)
			}
			kind := eval[string](t, b, "choosing a kind", `cy.nodes().map(n => n.data('kind')).filter(k => k !== 'Group').sort()[0]`)
			b.do(t, "hiding kind "+kind, js(`document.querySelector('#kind-filters input[value="`+kind+`"]').click()`),
				poll(hidden+` === `+jsString(kind)), waitReady())
			b.do(t, "choosing the grid layout", js(`(s => { s.value = 'grid'; s.dispatchEvent(new Event('change')); })(document.getElementById('layout-choice'))`),
				poll(`location.hash.includes('layout=grid')`), waitReady())
			if title := eval[string](t, b, "reading the undo button", `document.getElementById('undo').title`); !strings.Contains(title, "layout grid") {
				t.Errorf("the undo button's title %q does not say it undoes the grid layout", title)
			}

			ctrl := chromedp.KeyModifiers(chromedp.ModifierCtrl)
			ctrlShift := chromedp.KeyModifiers(chromedp.ModifierCtrl, chromedp.ModifierShift)
			b.do(t, "undoing the layout with Ctrl+Z", js(`(window.sameExploration = true, document.activeElement.blur())`),
				chromedp.KeyEvent("z", ctrl), poll(`!location.hash.includes('layout=')`), waitReady(),
				poll(`document.getElementById('layout-choice').value === 'force'`))
			if h := eval[string](t, b, "reading the link", hidden); h != kind {
				t.Errorf("one undo past the layout: hideKinds=%q, want %q still", h, kind)
			}
			b.do(t, "undoing the filter with the undo button", clickCentered("undo"),
				poll(hidden+` === ''`), waitReady(),
				poll(`document.querySelector('#kind-filters input[value="`+kind+`"]').checked`))
			b.do(t, "undoing the expansion with Ctrl+Z", js(`document.activeElement.blur()`),
				chromedp.KeyEvent("z", ctrl), poll(xs+` === `+jsString(isk)), waitReady(),
				poll(`cy.nodes().length === `+strconv.Itoa(n0)))
			if !eval[bool](t, b, "reading the undo button", `document.getElementById('undo').disabled`) {
				t.Errorf("the undo button is enabled at the first entry")
			}
			b.do(t, "pressing Ctrl+Z at the first entry", chromedp.KeyEvent("z", ctrl), waitReady())
			if p := eval[string](t, b, "reading the page", `location.pathname + ' ' + (window.sameExploration === true)`); p != "/ true" {
				t.Errorf("Ctrl+Z at the first entry left the explorer: %q", p)
			}

			b.do(t, "redoing the expansion with Ctrl+Shift+Z", chromedp.KeyEvent("z", ctrlShift),
				poll(xs+`.includes(`+jsString(other)+`)`), waitReady(), poll(`cy.nodes().length === `+strconv.Itoa(n1)))
			b.do(t, "redoing the filter with the redo button", clickCentered("redo"),
				poll(hidden+` === `+jsString(kind)), waitReady(),
				poll(`!document.querySelector('#kind-filters input[value="`+kind+`"]').checked`))
			// Back and Forward walk the same entries.
			b.do(t, "going Back", js(`setTimeout(() => history.back(), 0)`), poll(hidden+` === ''`), waitReady())
			if title := eval[string](t, b, "reading the redo button", `document.getElementById('redo').title`); !strings.Contains(title, "hid "+kind) {
				t.Errorf("after Back the redo button's title is %q, want it to redo hiding %s", title, kind)
			}
			b.do(t, "going Forward", js(`setTimeout(() => history.forward(), 0)`), poll(hidden+` === `+jsString(kind)), waitReady())
			b.do(t, "undoing after Forward", js(`document.activeElement.blur()`),
				chromedp.KeyEvent("z", ctrl), poll(hidden+` === ''`), waitReady())

			// A removed node comes back with undo; the removal rides in the link.
			// The expanded neighbour: a tap selects it without expanding it again.
			leaf := other
			remove := `[...document.querySelectorAll('#details button')].find(x => x.innerText === 'Remove')`
			b.do(t, "removing "+leaf, js(`cy.$id(`+jsString(leaf)+`).emit('tap')`), poll(`!!`+remove),
				js(remove+`.click()`), poll(`location.hash.includes('rm=')`), waitReady(),
				poll(`cy.$id(`+jsString(leaf)+`).empty()`))
			href := eval[string](t, b, "reading the link", `location.href`)
			b.screenshot(t, fmt.Sprintf("undo-%dx%d.png", size.w, size.h))
			b.do(t, "undoing the removal", clickCentered("undo"), poll(`!location.hash.includes('rm=')`), waitReady(),
				poll(`cy.$id(`+jsString(leaf)+`).nonempty()`))
			b.do(t, "opening the link with the removal afresh", chromedp.Navigate("about:blank"), chromedp.Navigate(href),
				chromedp.WaitVisible(chromedp.ID("legend")), waitReady(), poll(`cy.nodes().length > 5`))
			if eval[bool](t, b, "looking for the removed node", `cy.$id(`+jsString(leaf)+`).nonempty()`) {
				t.Errorf("the link %s shows %s, which was removed", href, leaf)
			}
		})
	}
}
