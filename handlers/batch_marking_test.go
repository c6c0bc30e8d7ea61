package handlers_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// amberMarked finds a record's amber marking in a JSON answer.
var amberMarked = regexp.MustCompile(`"marking":\s*"amber"`)

// A multipart batch's marking field marks every source it creates: a
// reader without clearance cannot read them, a full key can; a marking
// that is none of TLP 2.0's is refused, naming them, and stores nothing.
func TestIngestBatchMarking(t *testing.T) {
	reload(t)
	files := []file{
		{"amber-one.txt", "Moscow, March 26. Amber note one: IS-K claimed the Crocus City Hall attack."},
		{"amber-two.txt", "Moscow, March 27. Amber note two: Tajikistan denied any role in the attack."},
	}
	n0, r0 := counts(t)
	body, h := batchForm(t, files, map[string]string{"marking": "TLP:MAGENTA"})
	r := do(t, http.MethodPost, "/api/v1/sources", strings.NewReader(body), h)
	var e errorBody
	r.json(t, &e)
	if r.status != http.StatusBadRequest || e.Error.Code == "" || !contains(e.Error.Message, "marking") ||
		!contains(e.Error.Message, "amber+strict") {
		t.Errorf("a bad marking: got %d %s, want 400 naming the field and the TLP 2.0 markings", r.status, clip(r.body))
	}
	if n1, r1 := counts(t); n1 != n0 || r1 != r0 {
		t.Errorf("a refused batch changed the counts %d/%d -> %d/%d", n0, r0, n1, r1)
	}

	body, h = batchForm(t, files, map[string]string{"marking": "amber"})
	r, b := postBatch(t, body, h)
	if r.status != http.StatusOK || statuses(b) != "created,created" {
		t.Fatalf("got %d with statuses %s, want 200 created,created: %s", r.status, statuses(b), clip(r.body))
	}
	for _, a := range b.Articles {
		route := "/api/v1/sources/" + a.Source
		if got := do(t, http.MethodGet, route, nil, nil); got.status != http.StatusNotFound {
			t.Errorf("anonymous %s: got %d, want 404 (the batch marked it amber): %s", route, got.status, clip(got.body))
		}
		got := do(t, http.MethodGet, route, nil, http.Header{"X-Api-Key": {srv.APIKey}})
		if got.status != http.StatusOK || !amberMarked.Match(got.body) {
			t.Errorf("full key %s: got %d, want 200 with marking amber: %s", route, got.status, clip(got.body))
		}
	}
}
