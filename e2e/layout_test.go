package e2e

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestLayoutSizes: the path view at three window sizes. From 1024 px the
// canvas keeps most of the width beside one column of panels; at 420 px the
// reading mode shows the canvas at full width, the panels stacked below it,
// and every header button on screen. Each size leaves a screenshot.
func TestLayoutSizes(t *testing.T) {
	type box struct{ Left, Top, Right, Bottom float64 }
	type measured struct {
		Width, Height float64
		Canvas        box
		Left, Right   box
		Buttons       []box
		Cy            []float64
	}
	const measure = `(() => {
		const b = (e) => { const r = e.getBoundingClientRect(); return {Left: r.left, Top: r.top, Right: r.right, Bottom: r.bottom}; };
		// The page's width, less a scroll bar.
		return {Width: document.documentElement.clientWidth, Height: innerHeight,
			Canvas: b(document.querySelector('.canvas')),
			Left: b(document.querySelector('#graph-view aside.left')), Right: b(document.querySelector('#graph-view aside.right')),
			Buttons: [...document.querySelectorAll('.top button')].map(b),
			Cy: [cy.width(), cy.height()]};
	})()`
	for _, size := range []struct{ w, h int }{{1440, 900}, {1024, 700}, {420, 800}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			b := newBrowser(t)
			defer b.checkConsole(t, fmt.Sprintf("the path view at %dx%d", size.w, size.h))
			b.do(t, "sizing the window and loading the page", chromedp.EmulateViewport(int64(size.w), int64(size.h)),
				chromedp.Navigate(baseURL()+"/"), chromedp.WaitVisible(chromedp.ID("legend")), waitReady())
			showPath(t, b)
			m := eval[measured](t, b, "measuring the layout", measure)
			for i, btn := range m.Buttons {
				if btn.Left < 0 || btn.Right > m.Width+0.5 || btn.Top < 0 {
					t.Errorf("header button %d at x %.0f-%.0f, y %.0f: off a %0.f px wide window", i, btn.Left, btn.Right, btn.Top,
						m.Width)
				}
			}
			cw := m.Canvas.Right - m.Canvas.Left
			switch {
			case size.w >= 1024:
				if cw < 0.5*m.Width || m.Cy[0] < 0.5*m.Width || m.Cy[1] < 0.6*m.Height {
					t.Errorf("canvas %.0f px wide (drawing area %.0fx%.0f) in a %.0fx%.0f window; want half the width, 60%% of the height",
						cw, m.Cy[0], m.Cy[1], m.Width, m.Height)
				}
			default:
				if cw < m.Width-1 || m.Cy[1] < 250 {
					t.Errorf("reading mode: canvas %.0f px wide, drawing area %.0fx%.0f in a %.0f px window; want the full width, 250 px high",
						cw, m.Cy[0], m.Cy[1], m.Width)
				}
				if m.Right.Top < m.Canvas.Bottom-1 || m.Left.Top < m.Right.Bottom-1 || m.Right.Right-m.Right.Left < m.Width-1 {
					t.Errorf("reading mode: canvas %+v, evidence %+v, queries %+v; want them stacked at full width", m.Canvas, m.Right,
						m.Left)
				}
			}
			if n := eval[int](t, b, "counting the path", `cy.elements('.path').length`); n == 0 {
				t.Error("no path drawn")
			}
			b.screenshot(t, fmt.Sprintf("layout-%dx%d.png", size.w, size.h))
		})
	}
}
