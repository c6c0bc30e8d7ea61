package e2e

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"testing"

	"github.com/chromedp/chromedp"
)

const crocusEvent = "event:2024-03-22-crocus-city-hall"

// batchResult is the body of a batch ingest.
type batchResult struct {
	Articles []struct {
		Name, Status, Source string
	} `json:"articles"`
}

// ingestFiles posts files (name -> text, in names' order) as one batch (the
// meta part makes even one file a batch).
func ingestFiles(t *testing.T, names []string, texts map[string]string) batchResult {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for _, n := range names {
		p, _ := w.CreateFormFile("file", n)
		_, _ = p.Write([]byte(texts[n]))
	}
	_ = w.WriteField("publishedOn", "2024-03-25")
	_ = w.WriteField("meta", "{}")
	_ = w.Close()
	req, _ := http.NewRequest(http.MethodPost, baseURL()+"/api/v1/sources", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("X-API-Key", server.APIKey)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var b batchResult
	if err := json.NewDecoder(res.Body).Decode(&b); err != nil || res.StatusCode != 200 {
		t.Fatalf("batch ingest: got %d %v", res.StatusCode, err)
	}
	for _, a := range b.Articles {
		if a.Status == "error" {
			t.Fatalf("batch ingest: %s failed", a.Name)
		}
	}
	return b
}

// openInReview opens a source in the Sources view with the API key given.
func openInReview(t *testing.T, b *browser, src string) {
	t.Helper()
	b.do(t, "opening "+src,
		chromedp.Navigate(baseURL()+"/"),
		chromedp.WaitVisible(chromedp.ID("legend")),
		waitReady(),
		chromedp.Click(chromedp.ID("tab-sources")),
		typeInto("api-key", server.APIKey),
		js(`location.hash = 'src=' + encodeURIComponent(`+jsString(src)+`)`),
		poll(`document.querySelectorAll('#candidates li.group').length > 0`),
		waitReady())
}

// acceptGroupByKeys moves to the group with key (type, from and to joined by
// spaces) with j and accepts it with A, then waits for its sentences to be
// accepted.
func acceptGroupByKeys(t *testing.T, b *browser, key string) {
	t.Helper()
	keys := eval[[]string](t, b, "reading the groups", `[...document.querySelectorAll('#candidates li.group')].map(g => g.dataset.key)`)
	at := -1
	for i, k := range keys {
		if k == key {
			at = i
		}
	}
	if at < 0 {
		t.Fatalf("the review list has no group %q among %q", key, keys)
	}
	group := `document.querySelector('#candidates li.group[data-key=` + jsString(key) + `]')`
	first := `document.querySelector('#candidates li.cand')`
	steps := []chromedp.Action[chromedp.Void]{js(first + `.click()`), js(first + `.focus()`), poll(`document.activeElement === ` + first)}
	for range at {
		steps = append(steps, chromedp.KeyEvent("j"))
	}
	steps = append(steps, poll(group+`.getAttribute('aria-expanded') === 'true'`),
		chromedp.KeyEvent("A"),
		poll(`[...`+group+`.querySelectorAll('li.cand')].every(li => li.dataset.status === 'accepted')`),
		waitReady())
	b.do(t, "accepting the group with j and A", steps...)
}

// Two sentences of one article propose the same edge: the review list shows
// them as one group row, and A accepts both into one edge.
func TestReviewGroupAccept(t *testing.T) {
	text := "Kyiv, March 28. Ukraine denied any involvement in the attack on Crocus City Hall. Officials in Kyiv spoke later. " +
		"Ukraine again denied any involvement in the attack on Crocus City Hall, the foreign ministry said."
	src := ingestFiles(t, []string{"kyiv-denies.txt"}, map[string]string{"kyiv-denies.txt": text}).Articles[0].Source
	b := newBrowser(t)
	openInReview(t, b, src)
	key := "DENIED state:ua " + crocusEvent
	group := `document.querySelector('#candidates li.group[data-key=` + jsString(key) + `]')`
	if n := eval[string](t, b, "reading the group's count", group+`?.dataset.count || ''`); n != "2" {
		t.Fatalf("the denial group shows count %q, want 2 (one row for both sentences)", n)
	}
	b.screenshot(t, "review-groups.png")
	acceptGroupByKeys(t, b, key)
	var after struct {
		Candidates []candidate `json:"candidates"`
	}
	apiGet(t, "/candidates", url.Values{"source": {src}}, &after)
	edges := map[string]bool{}
	for _, c := range after.Candidates {
		if c.Type == "DENIED" && c.From == "state:ua" {
			if c.Status != "accepted" || c.Edge == nil {
				t.Fatalf("candidate %s after A: %+v, want accepted", c.ID, c)
			}
			edges[*c.Edge] = true
		}
	}
	if len(edges) != 1 {
		t.Fatalf("the group's candidates were accepted into %d edges, want one", len(edges))
	}
	for e := range edges {
		b.do(t, "seeing the edge in the graph", chromedp.Click(chromedp.ID("tab-graph")), poll(`cy.$id(`+jsString(e)+`).nonempty()`), waitReady())
	}
	b.screenshot(t, "review-group.png")
	b.checkConsole(t, "accepting a group")
}

// The acceptance flow in the explorer: the seed article and the
// hearing report as one reading list; the report's claim of responsibility
// is a group that adds to the stored edge; A accepts it, and the path from
// IS-K to the event then cites the report.
func TestAcceptanceReadingListExplorer(t *testing.T) {
	texts := map[string]string{}
	for name, path := range map[string]string{
		"crocus-city-hall-2024-03-25.txt": "../data/crocus/sources/crocus-city-hall-2024-03-25.txt",
		"crocus-hearing-2024-03-25.txt":   "../ingest/testdata/crocus-hearing-2024-03-25.txt",
	} {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("the acceptance flow needs the article %s (the corpus test set): %v", path, err)
		}
		texts[name] = string(b)
	}
	res := ingestFiles(t, []string{"crocus-city-hall-2024-03-25.txt", "crocus-hearing-2024-03-25.txt"}, texts)
	src := res.Articles[1].Source
	b := newBrowser(t)
	openInReview(t, b, src)
	var key, edge, claimant string
	for _, from := range []string{"group:is-k", "group:islamic-state"} {
		k := "CLAIMED_RESPONSIBILITY " + from + " " + crocusEvent
		if eval[bool](t, b, "looking for the claim", `!!document.querySelector('#candidates li.group[data-key=`+jsString(k)+`]')`) {
			key, edge, claimant = k, "CLAIMED_RESPONSIBILITY:"+from+"->"+crocusEvent, from
			break
		}
	}
	if key == "" {
		t.Fatalf("the hearing report %s shows no claim of responsibility (IS-K or Islamic State) for %s in the review list",
			src, crocusEvent)
	}
	marker := eval[string](t, b, "reading the group's marker", `document.querySelector('#candidates li.group[data-key=`+jsString(key)+`] .group-corroborates code')?.textContent || ''`)
	if marker != edge {
		t.Errorf("the claim group adds to %q, want the stored edge %s", marker, edge)
	}
	acceptGroupByKeys(t, b, key)
	var p struct {
		Sources []struct {
			ID string `json:"id"`
		} `json:"sources"`
	}
	apiGet(t, "/paths/shortest", url.Values{"from": {claimant}, "to": {crocusEvent}, "source": {src}}, &p)
	cited := false
	for _, s := range p.Sources {
		cited = cited || s.ID == src
	}
	if !cited {
		t.Errorf("the path from %s to the event with source=%s cites %+v, want the report", claimant, src, p.Sources)
	}
	var h struct {
		Changes []struct {
			Action    string  `json:"action"`
			Candidate *string `json:"candidate"`
			Source    *string `json:"source"`
		} `json:"changes"`
	}
	apiGet(t, "/edges/"+url.PathEscape(edge)+"/history", nil, &h)
	found := false
	for _, c := range h.Changes {
		found = found || c.Action == "accept" && c.Candidate != nil && c.Source != nil && *c.Source == src
	}
	if !found {
		t.Errorf("the history of %s lists no accept of a candidate of %s", edge, src)
	}
	b.checkConsole(t, "the reading-list acceptance flow")
}
