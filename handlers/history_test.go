package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/testkit"
)

type history struct{ Changes []graph.Change }

func TestRetractKeepsTheEdgeAndRecordsWho(t *testing.T) {
	reload(t)
	named, err := testkit.StartServer(context.Background(), db,
		testkit.WithAPIKeys(map[string]string{"alice": "alice-key"}))
	if err != nil {
		t.Fatal(err)
	}
	defer named.Close()
	const edge = "CLAIMED_RESPONSIBILITY:group:is-k->event:2024-03-22-crocus-city-hall"
	path := "/api/v1/paths/shortest?" + q("from", "group:is-k", "to", "event:2024-03-22-crocus-city-hall",
		"maxDepth", "1", "rel", "CLAIMED_RESPONSIBILITY")
	if r := get(t, path); !hasEdge(t, r, edge) {
		t.Fatalf("before: the claim is not on the path: %s", clip(r.body))
	}
	retract := func(body string, key string) response {
		req, _ := http.NewRequest(http.MethodPost, named.URL+"/api/v1/edges/"+url.PathEscape(edge)+
			"/retract", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-API-Key", key)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var b strings.Builder
		buf := make([]byte, 4096)
		for {
			n, err := res.Body.Read(buf)
			b.Write(buf[:n])
			if err != nil {
				break
			}
		}
		return response{status: res.StatusCode, body: []byte(b.String())}
	}
	n0, r0 := counts(t)
	if r := retract(`{"reason":""}`, "alice-key"); r.status != 400 {
		t.Errorf("no reason: got %d, want 400", r.status)
	}
	if r := retract(`{"reason":"the seed names IS-K, the claim came from IS"}`, "wrong"); r.status != 403 {
		t.Errorf("wrong key: got %d, want 403", r.status)
	}
	if r := retract(`{"reason":"the seed names IS-K, the claim came from IS"}`,
		"alice-key"); r.status != 200 || !contains(string(r.body), `"retracted"`) {
		t.Fatalf("retract: got %d %s", r.status, clip(r.body))
	}
	if r := retract(`{"reason":"again"}`, "alice-key"); r.status != 409 {
		t.Errorf("retracting twice: got %d, want 409", r.status)
	}
	if n1, r1 := counts(t); n1 != n0 || r1 != r0 {
		t.Errorf("retracting deleted something: %d/%d -> %d/%d", n0, r0, n1, r1)
	}
	// Answers leave it out, unless asked.
	if r := get(t, path); r.status != 200 || hasEdge(t, r, edge) {
		t.Errorf("after: the retracted claim is still on the path: %d %s", r.status, clip(r.body))
	}
	if r := get(t, path+"&includeRetracted=true"); !hasEdge(t, r, edge) {
		t.Errorf("includeRetracted=true: the claim is missing: %s", clip(r.body))
	}
	g := "/api/v1/graph?" + q("rel", "CLAIMED_RESPONSIBILITY", "limit", "5000")
	if r := get(t, g); hasEdge(t, r, edge) {
		t.Errorf("/graph shows the retracted edge")
	}
	if r := get(t, g+"&includeRetracted=true"); !hasEdge(t, r, edge) {
		t.Errorf("/graph?includeRetracted=true lacks the retracted edge")
	}
	// The history says who imported it and who retracted it, and why.
	var h history
	r := get(t, "/api/v1/edges/"+url.PathEscape(edge)+"/history")
	r.json(t, &h)
	if r.status != 200 || len(h.Changes) < 2 {
		t.Fatalf("history: got %d %s", r.status, clip(r.body))
	}
	first, last := h.Changes[0], h.Changes[len(h.Changes)-1]
	if first.Action != "import" || first.Before != nil || first.After["quote"] == nil {
		t.Errorf("first change %+v, want the import with the edge after", first)
	}
	if last.Action != "retract" || last.Key != "alice" || last.Reason == "" ||
		last.Before["status"] != nil || last.After["status"] != "retracted" {
		t.Errorf("last change %+v, want alice's retraction with before and after", last)
	}
	if r := get(t, "/api/v1/edges/NOT_A:x->y/history"); r.status != 404 {
		t.Errorf("unknown edge history: got %d, want 404", r.status)
	}
}

func TestEntityHistoryAndAcceptRecorded(t *testing.T) {
	reload(t)
	var h history
	r := get(t, "/api/v1/entities/ISIS-K/history")
	r.json(t, &h)
	if r.status != 200 || len(h.Changes) == 0 || h.Changes[0].Action != "import" ||
		h.Changes[0].After["name"] != "Islamic State – Khorasan Province" {
		t.Fatalf("IS-K history: got %d %s", r.status, clip(r.body))
	}
	if r := get(t, "/api/v1/entities/group:nobody/history"); r.status != 404 {
		t.Errorf("unknown entity history: got %d, want 404", r.status)
	}
	// An import that changes a record is an edit, with the state before.
	for _, name := range []string{"Test Edit", "Test Edited"} {
		if r := post(t, "/api/v1/import", `{"nodes":[{"id":"person:test-edit","kind":"Person","name":"`+
			name+`"}],"edges":[]}`); r.status != 200 {
			t.Fatalf("import: %d %s", r.status, clip(r.body))
		}
	}
	get(t, "/api/v1/entities/person:test-edit/history").json(t, &h)
	if len(h.Changes) != 2 || h.Changes[0].Action != "import" || h.Changes[1].Action != "edit" ||
		h.Changes[1].Before["name"] != "Test Edit" || h.Changes[1].After["name"] != "Test Edited" {
		t.Errorf("edit history: %+v", h.Changes)
	}
	r = ingestJSON(t, sourceInput("Ukraine denied any involvement in the attack on Crocus City Hall."))
	var d sourceDoc
	r.json(t, &d)
	c := find(d.Candidates, "DENIED", "state:ua", "event:2024-03-22-crocus-city-hall")
	if c == nil {
		t.Fatalf("no denial among %+v", d.Candidates)
	}
	r = post(t, "/api/v1/candidates/"+c.ID+"/accept", ``)
	if r.status != 200 {
		t.Fatalf("accept: %d %s", r.status, clip(r.body))
	}
	r = get(t, "/api/v1/edges/"+url.PathEscape("DENIED:state:ua->event:2024-03-22-crocus-city-hall")+"/history")
	r.json(t, &h)
	if r.status != 200 || len(h.Changes) != 1 {
		t.Fatalf("accepted edge history: %d %s", r.status, clip(r.body))
	}
	ch := h.Changes[0]
	if ch.Action != "accept" || ch.Candidate == nil || *ch.Candidate != c.ID || ch.Source == nil ||
		*ch.Source != d.Source.ID || ch.After["quote"] != c.Quote {
		t.Errorf("accept change %+v, want the candidate, the source and the quote", ch)
	}
}

// hasEdge reports whether a graph or path answer lists the edge.
func hasEdge(t *testing.T, r response, id string) bool {
	t.Helper()
	var g struct{ Edges []struct{ ID string } }
	r.json(t, &g)
	for _, e := range g.Edges {
		if e.ID == id {
			return true
		}
	}
	return false
}
