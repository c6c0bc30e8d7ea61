package handlers_test

import (
	"context"
	"net/http"
	"sort"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/handlers"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// hostileWrite is one request to a write route that must be refused.
type hostileWrite struct {
	target, body, ctype string
	status              int    // the 4xx wanted; 0: any 4xx
	want                string // words the error message must hold
}

// TestHostileWrites sends every write route of the router (listed from it,
// so a new write route without cases fails this test) requests without a
// key (401), with a wrong key (403) and, with the key, hostile bodies and
// ids: each gets a 4xx whose message names the problem, never a 500, and
// the graph (nodes, relationships, the candidates' states) is unchanged.
func TestHostileWrites(t *testing.T) {
	reload(t)
	// A pending candidate and a stored edge for the routes that change them.
	r := ingestJSON(t, graph.SourceInput{Title: "Hostile writes", Text: article})
	var d sourceDoc
	r.json(t, &d)
	if r.status != 201 || len(d.Candidates) == 0 {
		t.Fatalf("ingest: %d %s, want 201 with candidates", r.status, clip(r.body))
	}
	cand := d.Candidates[0]
	edge := anEdgeID(t)
	long := strings.Repeat("A", 5000)
	huge := strings.Repeat("x", 2<<20)
	group := `"type":"` + cand.Type + `","from":"` + cand.From + `","to":"` + cand.To + `"`
	acc, rej := "/api/v1/candidates/"+cand.ID+"/accept", "/api/v1/candidates/"+cand.ID+"/reject"
	ret := "/api/v1/edges/" + edge + "/retract"
	js := "application/json"
	cases := map[string][]hostileWrite{
		"/api/v1/import": {
			{"/api/v1/import", `{"nodes":"x","edges":[]}`, js, 400, "nodes"},
			{"/api/v1/import", `{"nodes":[{"id":"group:x","kind":"Group","name":"` + long + `"}],"edges":[]}`, js, 400, "longer than"},
			{"/api/v1/import", `{"nodes":[{"id":"group:x","kind":"Group","name":"X","colour":"red"}],"edges":[]}`, js, 400, "colour"},
			{"/api/v1/import", `{"nodes":[{"id":"source:x","kind":"Source","name":"X","properties":{"url":"javascript:alert(1)"}}],"edges":[]}`, js, 400, "only http and https"},
			{"/api/v1/import", `{"nodes":[{"id":"group:` + long + `","kind":"Group","name":"X"}],"edges":[]}`, js, 400, "id"},
			{"/api/v1/import", `{"nodes":[{"id":"group:x","kind":"Group","name":"X"}],"edges":[]`, js, 400, "body"},
			{"/api/v1/import?lenient=1", `{"nodes":[],"edges":[]}`, js, 400, "lenient"},
			{"/api/v1/import?dryRun=true", `{"nodes":[],"edges":[]}`, js, 400, "dryRun"},
			{"/api/v1/import", `{"type":"bundle","id":"bundle--1","objects":[{"type":"intrusion-set","id":"intrusion-set--1"}]}`, js, 422, "UUID"},
			{"/api/v1/import", `{"type":"bundle","objects":"none"}`, js, 400, "STIX"},
		},
		"/api/v1/sources": {
			{"/api/v1/sources", `{`, js, 400, "JSON"},
			{"/api/v1/sources", `{"text":5}`, js, 400, "text"},
			{"/api/v1/sources", `{"text":"Ukraine denied it.","script":"x"}`, js, 400, "script"},
			{"/api/v1/sources", `{"title":"` + long + `","text":"Ukraine denied it."}`, js, 400, "title"},
			{"/api/v1/sources", `{"url":"javascript:alert(1)","text":"Ukraine denied it."}`, js, 400, "only http and https"},
			{"/api/v1/sources", `{"publishedOn":"yesterday","text":"Ukraine denied it."}`, js, 400, "publishedOn"},
			{"/api/v1/sources", `{"text":"   "}`, js, 400, "text"},
			{"/api/v1/sources", `{"text":"` + huge + `"}`, js, 400, "longer than"},
			{"/api/v1/sources", `Ukraine denied it.`, "text/plain", 400, "Content-Type"},
			{"/api/v1/sources?title=x", `{"text":"Ukraine denied it."}`, js, 400, "title"},
			{"/api/v1/sources", "\n\n", "application/x-ndjson", 400, "no article"},
		},
		"/api/v1/candidates/:id/accept": {
			{acc, `{`, js, 400, "JSON"},
			{acc, `{"confidence":"high"}`, js, 400, "confidence"},
			{acc, `{"confidence":500}`, js, 400, "confidence"},
			{acc, `{"approve":true}`, js, 400, "approve"},
			{acc, `{"type":"NOT_A_TYPE"}`, js, 400, "NOT_A_TYPE"},
			{acc, `{"stance":"rumoured"}`, js, 400, "rumoured"},
			{acc, `{"validFrom":"2024-13-01"}`, js, 400, "validFrom"},
			{acc + "?force=true", ``, js, 400, "force"},
			{"/api/v1/candidates/" + long + "/accept", ``, js, 0, "candidate"},
			{"/api/v1/candidates/%00%01/accept", ``, js, 0, "candidate"},
			{"/api/v1/candidates/no-such-candidate/accept", ``, js, 404, "candidate"},
		},
		"/api/v1/candidates/:id/reject": {
			{rej, `{`, js, 400, "JSON"},
			{rej, `{"reason":5}`, js, 400, "reason"},
			{rej, `{"reason":"x","also":1}`, js, 400, "also"},
			{rej, `{"reason":"` + huge + `"}`, js, 413, "limit"},
			{"/api/v1/candidates/no-such-candidate/reject", ``, js, 404, "candidate"},
			{"/api/v1/candidates/" + long + "/reject", ``, js, 0, "candidate"},
		},
		"/api/v1/candidates/groups/accept": {
			{"/api/v1/candidates/groups/accept", `{`, js, 400, "JSON"},
			{"/api/v1/candidates/groups/accept", `{}`, js, 400, "type"},
			{"/api/v1/candidates/groups/accept", `{` + group + `,"ids":"all"}`, js, 400, "ids"},
			{"/api/v1/candidates/groups/accept", `{` + group + `,"confidence":500}`, js, 400, "confidence"},
			{"/api/v1/candidates/groups/accept", `{` + group + `,"everything":true}`, js, 400, "everything"},
			{"/api/v1/candidates/groups/accept", `{"type":"DENIED","from":"state:nowhere","to":"group:none"}`, js, 404, ""},
		},
		"/api/v1/candidates/groups/reject": {
			{"/api/v1/candidates/groups/reject", `[]`, js, 400, "JSON"},
			{"/api/v1/candidates/groups/reject", `{"type":"DENIED"}`, js, 400, "from"},
			{"/api/v1/candidates/groups/reject", `{` + group + `,"reason":["a"]}`, js, 400, "reason"},
			{"/api/v1/candidates/groups/reject", `{` + group + `,"reason":"` + huge + `"}`, js, 413, "limit"},
			{"/api/v1/candidates/groups/reject", `{"type":"DENIED","from":"state:nowhere","to":"group:none"}`, js, 404, ""},
		},
		"/api/v1/edges/:id/retract": {
			{ret, ``, js, 400, "body"},
			{ret, `{}`, js, 400, "reason"},
			{ret, `{"reason":"  "}`, js, 400, "reason"},
			{ret, `{"reason":5}`, js, 400, "reason"},
			{ret, `{"reason":"x","delete":true}`, js, 400, "delete"},
			{ret, `{"reason":"` + huge + `"}`, js, 413, "limit"},
			{"/api/v1/edges/no-such-edge/retract", `{"reason":"x"}`, js, 404, ""},
			{"/api/v1/edges/" + long + "/retract", `{"reason":"x"}`, js, 0, ""},
		},
	}
	for _, route := range writeRoutes(t) {
		if len(cases[route]) == 0 {
			t.Errorf("write route %s has no hostile cases", route)
		}
	}
	n0, r0 := counts(t)
	states0 := candidateStates(t)
	check := func(method string, hc hostileWrite, h http.Header) {
		t.Helper()
		h.Set("Content-Type", hc.ctype)
		r := do(t, method, hc.target, strings.NewReader(hc.body), h)
		var e errorBody
		r.json(t, &e)
		bad := r.status < 400 || r.status > 499 || hc.status != 0 && r.status != hc.status || e.Error.Code == "" ||
			e.Error.Message == "" || !strings.Contains(strings.ToLower(e.Error.Message), strings.ToLower(hc.want))
		if bad {
			t.Errorf("POST %s %s: got %d %s, want %d naming %q", clipS(hc.target), clipS(hc.body), r.status,
				clip(r.body), hc.status, hc.want)
		}
	}
	total := 0
	for _, cs := range cases {
		first := cs[0]
		check("POST", hostileWrite{first.target, first.body, first.ctype, 401, "API key"}, http.Header{})
		check("POST", hostileWrite{first.target, first.body, first.ctype, 403, "wrong"},
			http.Header{"X-Api-Key": {"not-the-key"}})
		check("POST", hostileWrite{first.target, first.body, first.ctype, 401, "API key"},
			http.Header{"Authorization": {"Basic " + srv.APIKey}})
		for _, hc := range cs {
			check("POST", hc, http.Header{"X-Api-Key": {srv.APIKey}})
			total++
		}
	}
	if total < 50 {
		t.Errorf("only %d hostile write requests; want at least 50", total)
	}
	unchanged(t, "hostile writes", n0, r0)
	if states := candidateStates(t); strings.Join(states, ",") != strings.Join(states0, ",") {
		t.Errorf("candidates changed: %v, want %v", states, states0)
	}
}

// writeRoutes are the router's routes that write (every method but GET and
// HEAD).
func writeRoutes(t *testing.T) []string {
	t.Helper()
	h, err := handlers.New(handlers.Config{Store: srv.Store, APIKey: "k"})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range h.Routes() {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			out = append(out, r.Path)
		}
	}
	sort.Strings(out)
	if len(out) < 7 {
		t.Fatalf("write routes %v; want at least the 7 known", out)
	}
	return out
}

// anEdgeID is the id of a stored edge of the Crocus set.
func anEdgeID(t *testing.T) string {
	t.Helper()
	res, err := neo4j.ExecuteQuery(context.Background(), db.Driver,
		"MATCH ()-[r]->() WHERE r.id IS NOT NULL AND coalesce(r.status, '') <> 'retracted' RETURN r.id AS id ORDER BY id LIMIT 1",
		nil, neo4j.EagerResultTransformer)
	if err != nil || len(res.Records) == 0 {
		t.Fatalf("no edge: %v", err)
	}
	id, _ := res.Records[0].Get("id")
	return id.(string)
}

// candidateStates lists every candidate's id and status, and every edge's
// status, sorted.
func candidateStates(t *testing.T) []string {
	t.Helper()
	res, err := neo4j.ExecuteQuery(context.Background(), db.Driver,
		`MATCH (c:Candidate) RETURN c.id + '=' + coalesce(c.status, '') AS s
UNION ALL MATCH ()-[r]->() WHERE r.status IS NOT NULL RETURN coalesce(r.id, '') + '=' + r.status AS s`,
		nil, neo4j.EagerResultTransformer)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, rec := range res.Records {
		s, _ := rec.Get("s")
		out = append(out, s.(string))
	}
	sort.Strings(out)
	return out
}
