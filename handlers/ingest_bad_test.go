package handlers_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/testkit"
)

func multipartBody(t *testing.T, filename, content string, fields map[string]string) (string, http.Header) {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for k, v := range fields {
		_ = w.WriteField(k, v)
	}
	f, err := w.CreateFormFile("file", filename)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = f.Write([]byte(content))
	_ = w.Close()
	return b.String(), http.Header{"Content-Type": {w.FormDataContentType()}, "X-Api-Key": {srv.APIKey}}
}

// Every bad input is a 4xx with a message, and the graph is unchanged.
func TestIngestBadInput(t *testing.T) {
	reload(t)
	html, hh := multipartBody(t, "a.html", "<html><script>IS-K claimed()</script><style>p{}</style></html>", nil)
	bin, bh := multipartBody(t, "a.bin", "\x00\x01\x02binary\x00\x00", nil)
	utf, uh := multipartBody(t, "a.txt", "Ukraine \xff\xfe denied", nil)
	js := http.Header{"Content-Type": {"application/json"}, "X-Api-Key": {srv.APIKey}}
	for _, tc := range []struct {
		name   string
		method string
		target string
		body   string
		header http.Header
		status int
		says   string
	}{
		{"empty text", "POST", "/api/v1/sources", `{"title":"x","text":""}`, js, 400, "empty"},
		{"whitespace", "POST", "/api/v1/sources", `{"text":" \n\t "}`, js, 400, "empty"},
		{"no body", "POST", "/api/v1/sources", ``, js, 400, "empty"},
		{"unknown field", "POST", "/api/v1/sources", `{"text":"a","body":"b"}`, js, 400, "unknown field"},
		{"binary", "POST", "/api/v1/sources", bin, bh, 400, "binary"},
		{"bad utf-8", "POST", "/api/v1/sources", utf, uh, 400, "UTF-8"},
		{"bad date", "POST", "/api/v1/sources", `{"text":"Ukraine denied it.","publishedOn":"yesterday"}`,
			js, 400, "YYYY-MM-DD"},
		{"all-script html", "POST", "/api/v1/sources", html, hh, 400, "no readable text"},
		{"plain text type", "POST", "/api/v1/sources", `text`, http.Header{"Content-Type": {"text/plain"},
			"X-Api-Key": {srv.APIKey}}, 400, "Content-Type"},
		{"no key", "POST", "/api/v1/sources", `{"text":"Ukraine denied it."}`,
			http.Header{"Content-Type": {"application/json"}}, 401, "API key"},
		{"wrong key", "POST", "/api/v1/sources", `{"text":"Ukraine denied it."}`,
			http.Header{"Content-Type": {"application/json"}, "X-Api-Key": {"nope"}}, 403, "wrong"},
		{"unknown candidate", "POST", "/api/v1/candidates/cand:nope-1/accept", ``, js, 404, "no candidate"},
		{"unknown candidate reject", "POST", "/api/v1/candidates/cand:nope-1/reject", `{"reason":"x"}`, js,
			404, "no candidate"},
		{"accept without key", "POST", "/api/v1/candidates/cand:nope-1/accept", ``, http.Header{}, 401, "API key"},
		{"bad status", "GET", "/api/v1/candidates?status=maybe", ``, nil, 400, "pending"},
		{"bad limit", "GET", "/api/v1/candidates?limit=0", ``, nil, 400, "1-10000"},
	} {
		n0, r0 := counts(t)
		r := do(t, tc.method, tc.target, strings.NewReader(tc.body), tc.header)
		var e errorBody
		r.json(t, &e)
		if r.status != tc.status || !strings.Contains(e.Error.Message, tc.says) {
			t.Errorf("%s: got %d %q, want %d saying %q", tc.name, r.status, e.Error.Message, tc.status, tc.says)
		}
		if n1, r1 := counts(t); n1 != n0 || r1 != r0 {
			t.Errorf("%s: the graph changed: %d/%d -> %d/%d", tc.name, n0, r0, n1, r1)
		}
	}
}

// Overrides that name unknown entities or a type whose kinds do not fit are
// 400s, and the candidate stays pending.
func TestAcceptBadOverrides(t *testing.T) {
	reload(t)
	r := ingestJSON(t, sourceInput("Ukraine denied any involvement in the attack on Crocus City Hall."))
	var d sourceDoc
	r.json(t, &d)
	c := find(d.Candidates, "DENIED", "state:ua", "event:2024-03-22-crocus-city-hall")
	if c == nil {
		t.Fatalf("no denial among %+v", d.Candidates)
	}
	for body, says := range map[string]string{
		`{"from":"state:nowhere"}`:                   "dangling",
		`{"to":"new:ghost"}`:                         "no such new entity",
		`{"type":"AFFILIATE_OF"}`:                    "may not connect",
		`{"type":"NOT_A_TYPE"}`:                      "unknown relationship type",
		`{"stance":"maybe"}`:                         "stance",
		`{"confidence":300}`:                         "0-100",
		`{"newEntities":{"new:x":{"kind":"Group"}}}`: "neither end",
		`{"validFrom":"someday"}`:                    "YYYY-MM-DD",
		`{"bogus":1}`:                                "unknown field",
	} {
		n0, r0 := counts(t)
		r := post(t, "/api/v1/candidates/"+c.ID+"/accept", body)
		var e errorBody
		r.json(t, &e)
		if r.status != 400 || !strings.Contains(e.Error.Message, says) {
			t.Errorf("%s: got %d %q, want 400 saying %q", body, r.status, e.Error.Message, says)
		}
		if n1, r1 := counts(t); n1 != n0 || r1 != r0 {
			t.Errorf("%s: the graph changed", body)
		}
	}
	r = get(t, "/api/v1/candidates?"+q("source", d.Source.ID, "status", "pending"))
	if !contains(string(r.body), c.ID) {
		t.Errorf("the candidate is no longer pending after refused accepts: %s", clip(r.body))
	}
}

// A body over ACTORGRAPH_MAX_BODY is a 413.
func TestIngestTooLarge(t *testing.T) {
	small, err := testkit.StartServer(context.Background(), db, testkit.WithMaxBody(1024))
	if err != nil {
		t.Fatal(err)
	}
	defer small.Close()
	body := `{"text":"` + strings.Repeat("Ukraine denied it. ", 200) + `"}`
	req, _ := http.NewRequest(http.MethodPost, small.URL+"/api/v1/sources", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-API-Key", small.APIKey)
	n0, r0 := counts(t)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 413 {
		t.Errorf("got %d, want 413", res.StatusCode)
	}
	if n1, r1 := counts(t); n1 != n0 || r1 != r0 {
		t.Errorf("the graph changed")
	}
}
