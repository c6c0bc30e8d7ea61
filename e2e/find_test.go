package e2e

import (
	"fmt"
	"net/url"
	"sort"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

type findState struct {
	Found    []string
	Current  []string
	Selected []string
	Count    string
}

const findStateJS = `({Found: cy.nodes('.found').map(n => n.id()).sort(), Current: cy.nodes('.found-current').map(n => n.id()),
	Selected: cy.nodes(':selected').map(n => n.id()), Count: document.getElementById('find-count').innerText})`

// TestExplorerFindInView: F focuses the Find in view field; what it matches
// is exactly the nodes drawn whose name or alias (as the API has them) holds
// the words, highlighted, the current one selected; n and N move through them
// and wrap; a hidden kind's nodes stop matching; Esc clears it. At 1440x900,
// 1024x700 and 420x800.
func TestExplorerFindInView(t *testing.T) {
	for _, size := range []struct{ w, h int }{{1440, 900}, {1024, 700}, {420, 800}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			b := newBrowser(t)
			defer b.checkConsole(t, "find in view")
			b.do(t, "opening a view of IS-K", chromedp.EmulateViewport(int64(size.w), int64(size.h)),
				chromedp.Navigate(baseURL()+"/#x="+isk), chromedp.WaitVisible(chromedp.ID("legend")), waitReady(),
				poll(`cy.nodes().length > 5`))
			// What each node drawn is called, by the API.
			type entity struct {
				Name    string   `json:"name"`
				Kind    string   `json:"kind"`
				Aliases []string `json:"aliases"`
			}
			ents := map[string]entity{}
			expect := func(q string) []string {
				var ids []string
				for _, id := range eval[[]string](t, b, "reading the nodes drawn", `cy.nodes().filter(n => n.style('display') !== 'none').map(n => n.id())`) {
					e, ok := ents[id]
					if !ok {
						apiGet(t, "/entities/"+url.PathEscape(id), nil, &e)
						ents[id] = e
					}
					hit := strings.Contains(strings.ToLower(e.Name), q)
					for _, a := range e.Aliases {
						hit = hit || strings.Contains(strings.ToLower(a), q)
					}
					if hit {
						ids = append(ids, id)
					}
				}
				sort.Strings(ids)
				return ids
			}
			b.do(t, "pressing f and typing tajik", js(`document.activeElement.blur()`), chromedp.KeyEvent("f"),
				poll(`document.activeElement.id === 'find'`), chromedp.KeyEvent("tajik"),
				poll(`document.getElementById('find-count').innerText.includes(' of ')`), waitReady())
			want := expect("tajik")
			if len(want) < 2 {
				t.Fatalf("IS-K's neighbourhood has %v matching tajik; the test needs two", want)
			}
			s := eval[findState](t, b, "reading the matches", findStateJS)
			if strings.Join(s.Found, ",") != strings.Join(want, ",") {
				t.Errorf("tajik highlights %v, want the nodes drawn named so %v", s.Found, want)
			}
			if s.Count != fmt.Sprintf("1 of %d", len(want)) || len(s.Current) != 1 || len(s.Selected) != 1 ||
				s.Selected[0] != s.Current[0] {
				t.Errorf("after typing: count %q, current %v, selected %v; want 1 of %d with the current match selected", s.Count,
					s.Current, s.Selected, len(want))
			}
			b.screenshot(t, fmt.Sprintf("find-%dx%d.png", size.w, size.h))
			first := s.Current[0]

			seen := map[string]bool{first: true}
			b.do(t, "leaving the field", js(`document.activeElement.blur()`))
			for i := 2; i <= len(want); i++ {
				b.do(t, "pressing n", chromedp.KeyEvent("n"), poll(`document.getElementById('find-count').innerText === `+jsString(fmt.Sprintf("%d of %d", i, len(want)))))
				s = eval[findState](t, b, "reading the matches", findStateJS)
				if len(s.Current) != 1 || seen[s.Current[0]] || len(s.Selected) != 1 || s.Selected[0] != s.Current[0] {
					t.Errorf("n to match %d: current %v (seen %v), selected %v", i, s.Current, seen, s.Selected)
				} else {
					seen[s.Current[0]] = true
				}
			}
			b.do(t, "pressing n past the last", chromedp.KeyEvent("n"), poll(`document.getElementById('find-count').innerText.startsWith('1 of ')`))
			if c := eval[[]string](t, b, "reading the current match", `cy.nodes('.found-current').map(n => n.id())`); len(c) != 1 || c[0] != first {
				t.Errorf("n past the last match: current %v, want the first %s again", c, first)
			}
			b.do(t, "pressing N", chromedp.KeyEvent("N"), poll(`document.getElementById('find-count').innerText === `+jsString(fmt.Sprintf("%d of %d", len(want), len(want)))))

			// A kind unticked: its nodes are not drawn, so they do not match.
			kind := ents[first].Kind
			b.do(t, "hiding kind "+kind, js(`document.querySelector('#kind-filters input[value="`+kind+`"]').click()`),
				poll(`location.hash.includes('hideKinds=`+kind+`')`), waitReady())
			left := expect("tajik")
			if len(left) >= len(want) {
				t.Fatalf("hiding %s left %v of %v", kind, left, want)
			}
			b.do(t, "reading the matches", poll(`cy.nodes('.found').length === `+fmt.Sprint(len(left))))
			s = eval[findState](t, b, "reading the matches", findStateJS)
			if strings.Join(s.Found, ",") != strings.Join(left, ",") ||
				!strings.HasSuffix(s.Count, fmt.Sprintf(" of %d", len(left))) && len(left) > 0 {
				t.Errorf("with %s hidden: found %v (%q), want %v", kind, s.Found, s.Count, left)
			}
			b.do(t, "showing kind "+kind+" again", js(`document.querySelector('#kind-filters input[value="`+kind+`"]').click()`),
				poll(`!location.hash.includes('hideKinds=')`), waitReady())

			// By an alias: IS-K's name does not hold "isis-k", one of its aliases does.
			b.do(t, "typing isis-k", typeInto("find", "isis-k"), poll(`cy.$id(`+jsString(isk)+`).hasClass('found')`))
			if got, want := eval[findState](t, b, "reading the matches", findStateJS).Found, expect("isis-k"); strings.Join(got,
				",") != strings.Join(want, ",") {
				t.Errorf("isis-k highlights %v, want %v", got, want)
			}
			b.do(t, "typing what nothing is called", typeInto("find", "zzqx"), poll(`document.getElementById('find-count').innerText === 'no match'`),
				poll(`cy.nodes('.found').length === 0`))
			if v := eval[string](t, b, "reading the field", `document.getElementById('find').getAttribute('aria-invalid')`); v != "true" {
				t.Errorf("no match: the field's aria-invalid is %q", v)
			}
			b.do(t, "typing tajik and pressing Esc", typeInto("find", "tajik"), poll(`cy.nodes('.found').length > 0`),
				chromedp.KeyEvent(kb.Escape), poll(`cy.nodes('.found').length === 0 && document.getElementById('find').value === ''`))
			if c := eval[string](t, b, "reading the count", `document.getElementById('find-count').innerText`); c != "" {
				t.Errorf("after Esc the count reads %q", c)
			}
		})
	}
}
