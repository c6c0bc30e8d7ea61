package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// apiWrite POSTs body as JSON with the test server's key and decodes the
// answer into out; a status other than 200 fails the test.
func apiWrite(t *testing.T, path string, body, out any) {
	t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPost, baseURL()+"/api/v1"+path, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-API-Key", server.APIKey)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("POST %s: %v", path, err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("POST %s: status %d", path, res.StatusCode)
	}
	if err := json.NewDecoder(res.Body).Decode(out); err != nil {
		t.Fatalf("POST %s: decoding: %v", path, err)
	}
}

type apiCandidate struct {
	ID, Source, Type, From, To, Status string
}

// acceptedEdge ingests text (its own source) and accepts, through the API,
// its candidate DENIED from -> the attack: the id of the edge it writes, an
// edge no other test reads.
func acceptedEdge(t *testing.T, name, text, from string) string {
	t.Helper()
	src := ingestFiles(t, []string{name}, map[string]string{name: text}).Articles[0].Source
	var cs struct{ Candidates []apiCandidate }
	apiGet(t, "/candidates", url.Values{"source": {src}}, &cs)
	for _, c := range cs.Candidates {
		if c.Type == "DENIED" && c.From == from && c.To == crocusEvent && c.Status == "pending" {
			var res struct{ Edge struct{ ID string } }
			apiWrite(t, "/candidates/"+url.PathEscape(c.ID)+"/accept", map[string]any{}, &res)
			if res.Edge.ID == "" {
				t.Fatalf("accepting %s: no edge in the answer", c.ID)
			}
			return res.Edge.ID
		}
	}
	t.Fatalf("source %s proposes no pending DENIED %s -> %s: %+v", src, from, crocusEvent, cs.Candidates)
	return ""
}

// clickCentered scrolls the element with that id to the middle of the
// window (clear of the sticky header) and clicks it.
func clickCentered(id string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(js(`document.getElementById(`+jsString(id)+`).scrollIntoView({block: 'center'})`), chromedp.Click(chromedp.ID(id)))
}

// TestExplorerRetract: a stored edge selected on the canvas is retracted
// from the details panel. The reason is required; a wrong key's refusal is
// shown in words with the reason kept; with the right key the edge leaves
// the canvas, the panel says it is retracted and its history shows the
// retraction, as the API records it. At 1440x900, 1024x700 and 420x800.
func TestExplorerRetract(t *testing.T) {
	for i, size := range []struct {
		w, h          int
		country, name string
	}{{1440, 900, "state:eg", "Egypt"}, {1024, 700, "state:kz", "Kazakhstan"}, {420, 800, "state:fr", "France"}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			text := fmt.Sprintf("Cairo, April %d. %s denied any involvement in the attack on Crocus City Hall, the foreign ministry said.", 2+i, size.name)
			edge := acceptedEdge(t, fmt.Sprintf("retract-%d.txt", i), text, size.country)
			b := newBrowser(t)
			defer b.checkConsole(t, "retract")
			sel := `cy.$id(` + jsString(edge) + `)`
			b.do(t, "opening a view with the edge", chromedp.EmulateViewport(int64(size.w), int64(size.h)),
				chromedp.Navigate(baseURL()+"/#x="+url.QueryEscape(size.country)), chromedp.WaitVisible(chromedp.ID("legend")), waitReady(),
				poll(sel+`.nonempty()`), waitReady(),
				js(sel+`.emit('tap')`),
				poll(`document.querySelector('#details h2').innerText === 'DENIED'`),
				chromedp.WaitVisible(chromedp.ID("retract-open")),
				clickCentered("retract-open"),
				chromedp.WaitVisible(chromedp.ID("retract-reason")),
				clickCentered("retract-run"),
				poll(`!document.querySelector('#details .retract-error').hidden`))
			if msg := eval[string](t, b, "reading the message", `document.querySelector('#details .retract-error').innerText`); !strings.Contains(msg, "Say why") {
				t.Errorf("no reason given: the form says %q, want it to ask for one", msg)
			}

			// A wrong key: the API's refusal in words, the reason kept, the edge drawn.
			reason := "e2e: the denial was misread at " + size.name
			b.expectFailure("/retract")
			b.do(t, "retracting with a wrong key",
				typeInto("retract-reason", reason), typeInto("retract-key", "not-the-key"),
				clickCentered("retract-run"),
				poll(`document.querySelector('#details .retract-error').innerText.includes('Not retracted')`))
			msg := eval[string](t, b, "reading the message", `document.querySelector('#details .retract-error').innerText`)
			var noAuth apiError
			req, _ := http.NewRequest(http.MethodPost, baseURL()+"/api/v1/edges/"+url.PathEscape(edge)+"/retract", strings.NewReader(`{"reason":"x"}`))
			req.Header.Set("X-API-Key", "not-the-key")
			if res, err := http.DefaultClient.Do(req); err == nil {
				_ = json.NewDecoder(res.Body).Decode(&noAuth)
				res.Body.Close()
			}
			if noAuth.Error.Message == "" || !strings.Contains(msg, noAuth.Error.Message) {
				t.Errorf("wrong key: the form says %q, want the API's message %q", msg, noAuth.Error.Message)
			}
			if got := eval[string](t, b, "reading the reason", `document.getElementById('retract-reason').value`); got != reason {
				t.Errorf("after the refusal the reason reads %q, want %q kept", got, reason)
			}
			if !eval[bool](t, b, "looking for the edge", sel+`.nonempty()`) {
				t.Errorf("after the refusal edge %s is gone from the canvas", edge)
			}
			b.screenshot(t, fmt.Sprintf("retract-refused-%dx%d.png", size.w, size.h))

			b.do(t, "retracting with the key",
				typeInto("retract-key", server.APIKey),
				clickCentered("retract-run"),
				poll(sel+`.empty()`),
				poll(`!!document.querySelector('#details .retracted-note')`),
				poll(`document.querySelector('#details details.history').open && document.querySelector('#details details.history').dataset.count !== undefined`),
				waitReady())
			var want historyAnswer
			apiGet(t, "/edges/"+url.PathEscape(edge)+"/history", nil, &want)
			if n := len(want.Changes); n == 0 || want.Changes[n-1].Action != "retract" {
				t.Fatalf("the API's history of %s has no retraction last: %+v", edge, want.Changes)
			}
			got := eval[[]shownChange](t, b, "reading the history", shownChangesJS)
			if len(got) != len(want.Changes) {
				t.Fatalf("the history shows %d changes, the API has %d", len(got), len(want.Changes))
			}
			// The retraction shows what it changed (the API records the
			// whole edge after it): the status and the reason.
			last, r := got[len(got)-1], want.Changes[len(want.Changes)-1]
			if !strings.Contains(last.Head, "retracted") || !strings.Contains(last.Head, r.At[:10]) ||
				!strings.Contains(last.Head, r.At[11:16]) {
				t.Errorf("the last change shown is %q, want the retraction at %s", last.Head, r.At)
			}
			if r.Key != "" && !strings.Contains(last.Who, r.Key) {
				t.Errorf("the retraction is shown by %q, want key %q", last.Who, r.Key)
			}
			for _, f := range []string{"status", "retracted", "retractReason"} {
				if !strings.Contains(last.Fields, f) {
					t.Errorf("the retraction's fields shown %q, want %s among them", last.Fields, f)
				}
			}
			shownReason := eval[string](t, b, "reading the reason shown",
				`[...document.querySelectorAll('#details li.change .reason-given')].map(p => p.innerText).join(' | ')`)
			if !strings.Contains(shownReason, reason) {
				t.Errorf("the history shows reasons %q, want %q", shownReason, reason)
			}
			if note := eval[string](t, b, "reading the note", `document.querySelector('#details .retracted-note').innerText`); !strings.Contains(note, reason) {
				t.Errorf("the panel says %q, want the reason %q", note, reason)
			}
			// Answers leave it out from now on: a fresh expansion does not draw it.
			var g apiGraph
			apiGet(t, "/entities/"+url.PathEscape(size.country)+"/neighbors", url.Values{"depth": {"1"}}, &g)
			for _, e := range g.Edges {
				if e.ID == edge {
					t.Errorf("the API still answers the retracted edge %s", edge)
				}
			}
			b.do(t, "showing the panel", js(`document.querySelector('#details').scrollIntoView()`))
			b.screenshot(t, fmt.Sprintf("retract-%dx%d.png", size.w, size.h))
		})
	}
}
