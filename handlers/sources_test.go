package handlers_test

import (
	"testing"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph"
)

// sourceDoc is the body of GET/POST /api/v1/sources.
type sourceDoc struct {
	Source      graph.Node        `json:"source"`
	Text        string            `json:"text"`
	Mentions    []graph.Mention   `json:"mentions"`
	NewEntities []graph.NewEntity `json:"newEntities"`
	Candidates  []graph.Candidate `json:"candidates"`
}

func TestSourceOfADataSetHasItsText(t *testing.T) {
	r := get(t, "/api/v1/sources/source:seed-2024-03-25")
	if r.status != 200 {
		t.Fatalf("got %d %s, want 200", r.status, clip(r.body))
	}
	var d sourceDoc
	r.json(t, &d)
	if d.Source.ID != "source:seed-2024-03-25" || !contains(d.Text,
		"IS-K, an Islamic State affiliate, claimed responsibility") {
		t.Fatalf("got source %s with text %q, want the seed article", d.Source.ID, clip([]byte(d.Text)))
	}
	if got, want := d.Source.Properties["textSha256"], graph.TextSHA256(d.Text); got != want {
		t.Errorf("textSha256 = %v, want %s", got, want)
	}
	if got, want := d.Source.Properties["textLength"], float64(utf8.RuneCountInString(d.Text)); got != want {
		t.Errorf("textLength = %v, want %v", got, want)
	}
	if d.Mentions == nil || d.Candidates == nil || d.NewEntities == nil {
		t.Errorf("lists must be present (empty) for a source never ingested: %+v", d)
	}
}

func TestSourceErrors(t *testing.T) {
	for target, want := range map[string]int{
		"/api/v1/sources/source:no-such-source":      404,
		"/api/v1/sources/group:is-k":                 400,
		"/api/v1/sources/not%20an%20id":              400,
		"/api/v1/sources/source:seed-2024-03-25?x=1": 400,
	} {
		r := get(t, target)
		var e errorBody
		r.json(t, &e)
		if r.status != want || e.Error.Message == "" {
			t.Errorf("%s: got %d %s, want %d with a message", target, r.status, clip(r.body), want)
		}
	}
}
