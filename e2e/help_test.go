package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestExplorerHelp: ? (outside a text field) and the header's ? button open
// the help overlay listing the keyboard shortcuts; Escape closes it; a ?
// typed in the search box is text. The overlay fits the window at 1440x900,
// 1024x700 and 420x800, and its / shortcut does what it says.
func TestExplorerHelp(t *testing.T) {
	for _, size := range []struct{ w, h int }{{1440, 900}, {1024, 700}, {420, 800}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			b := newBrowser(t)
			defer b.checkConsole(t, "help")
			open := `document.getElementById('help').open`
			b.do(t, "opening the explorer and pressing ?", chromedp.EmulateViewport(int64(size.w), int64(size.h)),
				chromedp.Navigate(baseURL()+"/"), chromedp.WaitVisible(chromedp.ID("legend")), waitReady(),
				js(`document.activeElement.blur()`),
				chromedp.KeyEvent("?"), poll(open), chromedp.WaitVisible(chromedp.ID("help-body")))
			text := eval[string](t, b, "reading the help", `document.getElementById('help-body').innerText`)
			for _, want := range []string{"search actors", "accept the whole group", "next, previous group", "Shift",
				"close this help"} {
				if !strings.Contains(text, want) {
					t.Errorf("the help does not list %q: %q", want, text)
				}
			}
			keys := eval[[]string](t, b, "reading the keys", `[...document.querySelectorAll('#help-body kbd')].map(k => k.innerText)`)
			for _, want := range []string{"?", "/", "j", "k", "a", "e", "r", "A", "R", "Esc", "Enter"} {
				found := false
				for _, k := range keys {
					found = found || k == want
				}
				if !found {
					t.Errorf("the help lists keys %q, want %q among them", keys, want)
				}
			}
			box := eval[[]float64](t, b, "measuring the overlay", `(r => [r.left, r.top, r.right, r.bottom])(document.getElementById('help').getBoundingClientRect())`)
			if box[0] < 0 || box[1] < 0 || box[2] > float64(size.w) || box[3] > float64(size.h) || box[2]-box[0] < 200 {
				t.Errorf("the overlay's box %v is not inside the %dx%d window", box, size.w, size.h)
			}
			b.screenshot(t, fmt.Sprintf("help-%dx%d.png", size.w, size.h))
			b.do(t, "closing it with Escape", chromedp.KeyEvent(kb.Escape), poll(`!`+open))

			b.do(t, "opening it from the header button", clickCentered("help-open"), poll(open),
				chromedp.KeyEvent(kb.Escape), poll(`!`+open),
				poll(`document.activeElement.id === 'help-open'`))

			b.do(t, "typing ? in the search box", typeInto("search", "?"), waitReady())
			if eval[bool](t, b, "looking at the overlay", open) {
				t.Errorf("a ? typed in the search box opened the help")
			}
			if v := eval[string](t, b, "reading the search box", `document.getElementById('search').value`); v != "?" {
				t.Errorf("the search box reads %q after typing ?, want %q", v, "?")
			}
			// The / the help lists focuses the search box.
			b.do(t, "pressing /", js(`document.getElementById('search').value = ''`), js(`document.activeElement.blur()`),
				chromedp.KeyEvent("/"), poll(`document.activeElement.id === 'search'`))
		})
	}
}
