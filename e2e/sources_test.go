package e2e

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// article is a short news text naming actors of the Crocus data set, with
// the cue words the ingester reads relationships from.
const article = `Moscow, March 26 (Example Wire) - Russian investigators said four Tajik citizens were detained after the attack on Crocus City Hall.
The Islamic State Khorasan Province claimed responsibility for the attack in a statement carried by Amaq.
Tajikistan's President Emomali Rahmon spoke by phone with Vladimir Putin on Sunday, the Kremlin said.
Russia's Federal Security Service detained Shamsidin Fariduni in the Bryansk region.
Ukraine denied any involvement in the attack.`

type sourceAnswer struct {
	Source struct {
		ID string `json:"id"`
	} `json:"source"`
	Text     string `json:"text"`
	Mentions []struct {
		Text      string   `json:"text"`
		Start     int      `json:"start"`
		End       int      `json:"end"`
		Entity    *string  `json:"entity"`
		Options   []string `json:"options"`
		NewEntity *string  `json:"newEntity"`
	} `json:"mentions"`
	Candidates []candidate `json:"candidates"`
}

type candidate struct {
	ID           string  `json:"id"`
	Type         string  `json:"type"`
	From         string  `json:"from"`
	To           string  `json:"to"`
	Quote        string  `json:"quote"`
	Status       string  `json:"status"`
	Corroborates *string `json:"corroborates"`
	Edge         *string `json:"edge"`
}

// TestSourcesFlow is issue 12's explorer flow: paste an article, see its
// mentions and candidates, accept one from the keyboard, see the edge in the
// graph, and find it with the path finder, citing the article's sentence, whose
// link opens the article at that sentence.
func TestSourcesFlow(t *testing.T) {
	b := newBrowser(t)
	b.do(t, "loading the page",
		chromedp.Navigate(baseURL()+"/"),
		chromedp.WaitVisible(chromedp.ID("legend")),
		waitReady(),
		chromedp.Click(chromedp.ID("tab-sources")),
		chromedp.WaitVisible(chromedp.ID("ingest-form")))
	b.checkConsole(t, "opening the Sources view")

	// The key is typed, kept in sessionStorage, and never put in the URL.
	b.do(t, "filling the form",
		typeInto("api-key", server.APIKey),
		typeInto("ingest-title", "Four Tajik citizens detained after Crocus attack"),
		typeInto("ingest-publisher", "Example Wire"),
		js(`(f => {
			f.url.value = 'https://example.org/crocus-detained';
			f.publishedOn.value = '2024-03-26';
			f.text.value = `+jsString(article)+`;
		})(document.querySelector('#ingest-form'))`),
		chromedp.Click(chromedp.ID("ingest-run")),
		poll(`document.querySelector('#source-panel').dataset.state === 'shown'`),
		waitReady())
	type stored struct {
		Key  string `json:"key"`
		Href string `json:"href"`
		Src  string `json:"src"`
	}
	st := eval[stored](t, b, "reading the key and URL", `({key: sessionStorage.getItem('actorgraph.apiKey'), href: location.href,
		src: new URLSearchParams(location.hash.slice(1)).get('src') || ''})`)
	if st.Key != server.APIKey || strings.Contains(st.Href, server.APIKey) {
		t.Errorf("API key: sessionStorage %q, URL %q; want the key stored and not in the URL", st.Key, st.Href)
	}
	if !strings.HasPrefix(st.Src, "source:") {
		t.Fatalf("after ingest the URL names source %q, want a source id", st.Src)
	}
	var want sourceAnswer
	if code := apiGet(t, "/sources/"+url.PathEscape(st.Src), nil, &want); code != 200 {
		t.Fatalf("GET /sources/%s: %d", st.Src, code)
	}

	// Each mention is marked with its kind, over exactly its words.
	type mark struct {
		Kind  string `json:"kind"`
		Start int    `json:"start"`
		Text  string `json:"text"`
	}
	marks := eval[[]mark](t, b, "reading the marked mentions", `(() => {
		const by = new Map();
		document.querySelectorAll('#source-text .mention').forEach(m => {
			const k = m.dataset.start;
			const o = by.get(k) || {kind: m.dataset.kind, start: Number(k), text: ''};
			o.text += m.textContent;
			by.set(k, o);
		});
		return [...by.values()];
	})()`)
	if len(want.Mentions) == 0 || len(marks) != len(want.Mentions) {
		t.Fatalf("mentions: the page marks %d, the API lists %d (want some)", len(marks), len(want.Mentions))
	}
	linked := 0
	for i, m := range want.Mentions {
		kind := "unlinked"
		switch {
		case m.Entity != nil:
			kind = "linked"
			linked++
		case len(m.Options) > 0:
			kind = "ambiguous"
		case m.NewEntity != nil:
			kind = "new"
		}
		if marks[i].Start != m.Start || marks[i].Text != m.Text || marks[i].Kind != kind {
			t.Errorf("mention %d: page %+v, want %q at %d marked %s", i, marks[i], m.Text, m.Start, kind)
		}
	}
	if linked == 0 {
		t.Errorf("no mention of the article is linked to an entity of the graph: %+v", want.Mentions)
	}
	if text := eval[string](t, b, "reading the text", `document.querySelector('#source-text').textContent`); text != want.Text {
		t.Errorf("source text shown differs from the stored text:\n%q\nwant\n%q", text, want.Text)
	}

	// The candidates are listed; pick one that makes a new edge between
	// entities of the graph (else one that corroborates an edge).
	shownIDs := eval[[]string](t, b, "reading the candidates", `[...document.querySelectorAll('#candidates li.cand')].map(li => li.dataset.id)`)
	if len(want.Candidates) == 0 || len(shownIDs) != len(want.Candidates) {
		t.Fatalf("candidates: the page lists %d, the API %d (want some)", len(shownIDs), len(want.Candidates))
	}
	pick := -1
	for i, c := range want.Candidates {
		known := !strings.HasPrefix(c.From, "new:") && !strings.HasPrefix(c.To, "new:")
		if c.Status == "pending" && known && (c.Corroborates == nil || pick < 0) {
			pick = i
			if c.Corroborates == nil {
				break
			}
		}
	}
	if pick < 0 {
		t.Fatalf("no pending candidate between known entities among %+v", want.Candidates)
	}
	c := want.Candidates[pick]
	// The list shows the candidates grouped by pair; the arrows move from
	// sentence to sentence in that order.
	first := `document.querySelector('#candidates li.cand')`
	keys := []chromedp.Action[chromedp.Void]{js(first + `.click()`), js(first + `.focus()`), poll(`document.activeElement === ` + first)}
	for range slices.Index(shownIDs, c.ID) {
		keys = append(keys, chromedp.KeyEvent(kb.ArrowDown))
	}
	keys = append(keys, poll(`document.querySelector('#candidates [aria-selected="true"]').dataset.id === `+jsString(c.ID)))
	b.do(t, "moving to the candidate with the arrows", keys...)
	// The selected candidate's sentence is highlighted in the text.
	if hl := eval[string](t, b, "reading the highlighted sentence", `[...document.querySelectorAll('#source-text .cand-quote')].map(e => e.textContent).join('')`); hl != c.Quote {
		t.Errorf("highlighted sentence %q, want the candidate's quote %q", hl, c.Quote)
	}
	b.screenshot(t, "sources.png")
	sel := `document.querySelector('#candidates li[data-id=` + jsString(c.ID) + `]')`
	b.do(t, "accepting with a",
		chromedp.KeyEvent("a"),
		poll(sel+`.dataset.status === 'accepted'`),
		waitReady())
	var after struct {
		Candidates []candidate `json:"candidates"`
	}
	apiGet(t, "/candidates", url.Values{"source": {st.Src}}, &after)
	var edge string
	for _, x := range after.Candidates {
		if x.ID == c.ID {
			if x.Status != "accepted" || x.Edge == nil {
				t.Fatalf("candidate %s after accepting: %+v, want accepted with an edge", c.ID, x)
			}
			edge = *x.Edge
		}
	}
	if edge == "" {
		t.Fatalf("GET /candidates?source=%s does not list %s", st.Src, c.ID)
	}
	b.screenshot(t, "sources-accepted.png")
	b.checkConsole(t, "ingesting and accepting")

	// The graph shows the edge at once; the path finder finds it and cites
	// the article's sentence, with a link to it in the article.
	b.do(t, "back to the graph",
		chromedp.Click(chromedp.ID("tab-graph")),
		poll(`cy.$id(`+jsString(edge)+`).nonempty()`),
		waitReady())
	runPath(b, t, "finding the accepted edge", c.From, c.To, `(() => {
		document.querySelector('#path-rels').open = true;
		document.querySelectorAll('#path-rels-list input').forEach(i => { i.checked = i.value === `+jsString(c.Type)+`; });
		document.querySelectorAll('#path-stances input').forEach(i => { i.checked = true; });
		document.querySelector('#path-evidence').value = '';
	})()`)
	hops := eval[[]shownHop](t, b, "reading the hops", shownHopsJS)
	var hop *shownHop
	for i := range hops {
		if hops[i].Edge == edge {
			hop = &hops[i]
		}
	}
	if hop == nil {
		t.Fatalf("the path from %s to %s over %s shows hops %+v, none is the accepted edge %s", c.From, c.To, c.Type, hops,
			edge)
	}
	cites := eval[[]string](t, b, "reading the hop's sources", `[...document.querySelectorAll('#evidence li.hop[data-edge=`+jsString(edge)+`] .src[data-source]')].map(s => s.dataset.source)`)
	if c.Corroborates == nil {
		if hop.Label != "verified quote ✓" ||
			strings.Join(strings.Fields(hop.Words), " ") != strings.Join(strings.Fields(c.Quote), " ") {
			t.Errorf("accepted edge's hop: %q %q, want the verified quote %q", hop.Label, hop.Words, c.Quote)
		}
	}
	if !strings.Contains(strings.Join(cites, " "), st.Src) {
		t.Errorf("accepted edge's hop cites %q, want the article %s among them", cites, st.Src)
	}
	b.screenshot(t, "sources-path.png")
	// A new edge quotes the article's sentence; a corroborated one may keep its
	// own quote. Where the hop quotes the article, its link opens it there.
	quotesArticle := strings.Contains(hop.Open, url.QueryEscape(st.Src)) || strings.Contains(hop.Open, "src="+st.Src)
	if c.Corroborates == nil && !quotesArticle {
		t.Errorf("accepted edge's hop links to %q, want the article %s", hop.Open, st.Src)
	}
	if quotesArticle {
		b.do(t, "opening the quote in the article",
			// A click on the link: a same-page navigation to #src=...&span=...
			js(`document.querySelector('#evidence li.hop[data-edge=`+jsString(edge)+`] a.open-source').click()`),
			poll(`!document.querySelector('#sources-view').hidden && document.querySelector('#source-text mark.span-target')`),
			waitReady())
		if got := eval[string](t, b, "reading the marked span", `[...document.querySelectorAll('#source-text mark.span-target')].map(e => e.textContent).join('')`); got != c.Quote {
			t.Errorf("the article opened from the hop marks %q, want the sentence %q", got, c.Quote)
		}
		b.screenshot(t, "sources-span.png")
	}

	// Another pending candidate is rejected from the keyboard.
	b.do(t, "back to the source", js(`location.hash = 'src=' + encodeURIComponent(`+jsString(st.Src)+`)`),
		poll(`!document.querySelector('#sources-view').hidden`),
		poll(`document.querySelectorAll('#candidates li.cand').length > 0`), waitReady())
	pending := eval[string](t, b, "finding a pending candidate", `(() => {
		const li = document.querySelector('#candidates li[data-status="pending"]');
		if (!li) return '';
		li.click();
		li.focus();
		return li.dataset.id;
	})()`)
	if pending != "" {
		b.do(t, "rejecting with r",
			chromedp.KeyEvent("r"),
			poll(`document.querySelector('#candidates li[data-id=`+jsString(pending)+`]').dataset.status === 'rejected'`),
			waitReady())
	}
	b.checkConsole(t, "finding the accepted edge and reviewing")
}

// TestEvidenceOpensSourceSpan: a verified quote's link opens the stored text
// of its source (GET /api/v1/sources/{id}) with exactly the quoted span
// highlighted, and the Graph tab brings the path back.
func TestEvidenceOpensSourceSpan(t *testing.T) {
	b := newBrowser(t)
	b.do(t, "loading the page", chromedp.Navigate(baseURL()+"/"), chromedp.WaitVisible(chromedp.ID("legend")), waitReady())
	hops := verifiedPath(t, b)
	h := hops[0]
	b.do(t, "opening the first hop's quote in its source",
		// A click on the link: a same-page navigation to #src=...&span=...
		js(`document.querySelector('#evidence li.hop[data-edge=`+jsString(h.Edge)+`] a.open-source').click()`),
		poll(`!document.querySelector('#sources-view').hidden && document.querySelector('#source-text mark.span-target')`),
		waitReady())
	type opened struct {
		Marked string `json:"marked"`
		Hash   string `json:"hash"`
		Title  string `json:"title"`
	}
	o := eval[opened](t, b, "reading the opened source", `({
		marked: [...document.querySelectorAll('#source-text mark.span-target')].map(e => e.textContent).join(''),
		hash: decodeURIComponent(location.hash),
		title: document.querySelector('#source-head').innerText})`)
	if o.Marked != h.Quote {
		t.Errorf("source %s opened with %q marked, want the quote %q", h.QuoteSource, o.Marked, h.Quote)
	}
	if !strings.Contains(o.Hash, "src="+h.QuoteSource) {
		t.Errorf("URL %q does not name the source %s", o.Hash, h.QuoteSource)
	}
	b.screenshot(t, "source-span.png")
	// The Graph tab brings the path back as it was.
	b.do(t, "back to the graph", chromedp.Click(chromedp.ID("tab-graph")), waitReady())
	if n := eval[int](t, b, "counting the path", `cy.elements('.path').length`); n == 0 {
		t.Error("back on the graph, the path is gone")
	}
	b.checkConsole(t, "opening a verified quote in its source")
}
