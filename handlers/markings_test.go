package handlers_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/testkit"
)

// markedSet is what a partner shared under TLP:AMBER and TLP:RED: a new
// group (amber) with a red report, a red edge that makes a shorter path
// between two seed actors (Caucasus Emirate and Amaq, three hops or more
// apart in the seed), an amber edge from the new group to IS-K, and the red
// report cited on an edge the seed already holds.
const markedSet = `{"name": "partner share", "marking": "red",
 "nodes": [
  {"id": "source:partner-report-omega", "kind": "Source", "name": "Partner report Omega",
   "properties": {"text": "Omega cell works with IS-K. The Caucasus Emirate briefed Amaq directly. IS-K claimed the Crocus attack."}},
  {"id": "group:omega-cell", "kind": "Group", "name": "Omega Cell", "aliases": ["Zyxw Brigade"], "marking": "amber"}
 ],
 "edges": [
  {"type": "AFFILIATE_OF", "source": "group:omega-cell", "target": "group:is-k", "marking": "amber",
   "sources": ["source:partner-report-omega"], "evidence": "summary", "summary": "Omega cell works with IS-K.",
   "confidence": 70, "stance": "reported"},
  {"type": "AFFILIATE_OF", "source": "group:caucasus-emirate", "target": "group:amaq",
   "sources": ["source:partner-report-omega"], "evidence": "summary", "summary": "The Caucasus Emirate briefed Amaq directly.",
   "confidence": 60, "stance": "reported"},
  {"type": "CLAIMED_RESPONSIBILITY", "source": "group:is-k", "target": "event:2024-03-22-crocus-city-hall",
   "sources": ["source:seed-2024-03-25", "source:partner-report-omega"], "evidence": "summary",
   "summary": "IS-K claimed the Crocus attack.", "confidence": 90, "stance": "claimed"}
 ]}`

// readRoutes are the read routes a reader without clearance must see
// unchanged by the marked set, each format of the graph routes among them.
var readRoutes = func() []string {
	pair := "from=group:caucasus-emirate&to=group:amaq"
	out := []string{
		"/api/v1/schema",
		"/api/v1/search?q=omega", "/api/v1/search?q=zyxw", "/api/v1/search?q=caucasus",
		"/api/v1/entities/group:is-k", "/api/v1/entities/group:amaq", "/api/v1/entities/group:omega-cell",
		"/api/v1/entities/group:is-k/neighbors?depth=1", "/api/v1/entities/group:amaq/neighbors?depth=2",
		"/api/v1/paths/shortest?" + pair, "/api/v1/paths/shortest?" + pair + "&all=true",
		"/api/v1/paths?" + pair + "&limit=3", "/api/v1/paths/shortest?" + pair + "&maxDepth=1",
		"/api/v1/paths/shortest?" + pair + "&maxDepth=2&evidence=quote",
		"/api/v1/paths/shortest?from=group:omega-cell&to=group:is-k",
		"/api/v1/paths/brokers?" + pair,
		"/api/v1/timeline", "/api/v1/timeline?entity=group:is-k",
		"/api/v1/sources/source:seed-2024-03-25", "/api/v1/sources/source:partner-report-omega",
		"/api/v1/candidates",
		"/api/v1/entities/group:is-k/history",
		"/api/v1/edges/CLAIMED_RESPONSIBILITY:group:is-k-%3Eevent:2024-03-22-crocus-city-hall/history",
		"/api/v1/edges/AFFILIATE_OF:group:caucasus-emirate-%3Egroup:amaq/history",
		"/api/v1/export/stix",
		"/api/v1/analytics/centrality", "/api/v1/analytics/communities",
	}
	for _, f := range []string{"json", "cytoscape", "d3", "graphml", "gexf", "stix"} {
		out = append(out, "/api/v1/graph?format="+f,
			"/api/v1/entities/group:is-k/neighbors?depth=2&format="+f,
			"/api/v1/paths/shortest?"+pair+"&format="+f)
	}
	return out
}()

// volatile are the parts of an answer that differ between two identical
// requests: none of the graph's.
var volatile = regexp.MustCompile(`"(requestId|request_id|seconds|elapsedMs|tookMs)":\s*("[^"]*"|[0-9.eE+-]+)`)

// capture reads every route with the given key ("" for none).
func capture(t *testing.T, base, key string) map[string]string {
	t.Helper()
	out := map[string]string{}
	h := http.Header{}
	if key != "" {
		h.Set("X-API-Key", key)
	}
	for _, route := range readRoutes {
		r := doAt(t, base, http.MethodGet, route, nil, h)
		out[route] = http.StatusText(r.status) + "\n" + volatile.ReplaceAllString(string(r.body), `"$1":0`)
	}
	return out
}

// A marking is a promise: what a partner shared as AMBER or RED never
// reaches a reader without clearance, by any route, count or explanation.
// Every read route answers an anonymous reader and a green key byte for
// byte as it did before the marked set was imported, while a key with
// full clearance sees the new records.
func TestMarkingsHideWhatReadersAreNotClearedFor(t *testing.T) {
	reload(t)
	ctx := context.Background()
	s, err := testkit.StartServer(ctx, db, testkit.WithAPIKeys(map[string]string{"green-partner": "green-key"}),
		testkit.WithKeyClearances(map[string]graph.Marking{"green-partner": graph.Green}))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	beforeAnon, beforeGreen := capture(t, s.URL, ""), capture(t, s.URL, "green-key")
	full := http.Header{"X-Api-Key": {s.APIKey}}
	before := doAt(t, s.URL, http.MethodGet, "/api/v1/paths/shortest?from=group:caucasus-emirate&to=group:amaq", nil, full)

	r := doAt(t, s.URL, http.MethodPost, "/api/v1/import", strings.NewReader(markedSet),
		http.Header{"Content-Type": {"application/json"}, "X-Api-Key": {s.APIKey}})
	if r.status != http.StatusOK {
		t.Fatalf("import: %d %s", r.status, clip(r.body))
	}
	if !contains(string(r.body), `"withheld"`) {
		t.Errorf("the import does not report the seed edge it left as stored: %s", clip(r.body))
	}

	// Full clearance sees the new records: the filter hides only what it should.
	for route, want := range map[string]string{
		"/api/v1/search?q=omega":                              "group:omega-cell",
		"/api/v1/sources/source:partner-report-omega":         "Omega cell works with IS-K",
		"/api/v1/entities/group:omega-cell/neighbors?depth=1": `AFFILIATE_OF:group:omega-cell-\u003egroup:is-k`,
		"/api/v1/export/stix":                                 "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed",
	} {
		got := doAt(t, s.URL, http.MethodGet, route, nil, full)
		if got.status != http.StatusOK || !contains(string(got.body), want) {
			t.Errorf("full clearance, %s: got %d, want %q in %s", route, got.status, want, clip(got.body))
		}
	}
	after := doAt(t, s.URL, http.MethodGet, "/api/v1/paths/shortest?from=group:caucasus-emirate&to=group:amaq", nil, full)
	if string(after.body) == string(before.body) || !contains(string(after.body), shortcut) {
		t.Errorf("full clearance does not take the red shortcut: %s", clip(after.body))
	}

	for who, cap := range map[string]func() map[string]string{
		"anonymous": func() map[string]string { return capture(t, s.URL, "") },
		"green key": func() map[string]string { return capture(t, s.URL, "green-key") },
	} {
		was := beforeAnon
		if who == "green key" {
			was = beforeGreen
		}
		now := cap()
		for _, route := range readRoutes {
			if now[route] != was[route] {
				t.Errorf("%s, %s: the answer changed after a marked import:\nbefore %s\nafter  %s", who, route,
					clipS(was[route]), clipS(diffFrom(was[route], now[route])))
			}
			for _, leak := range []string{"omega", "Omega", "Zyxw", "partner-report", shortcut, "Partner report",
				"caucasus-emirate-&gt;group:amaq", "briefed Amaq"} {
				// Only the request's own words (a 404 naming the id asked
				// for) may hold it, and those were there before the import.
				if contains(now[route], leak) && !contains(was[route], leak) {
					t.Errorf("%s, %s: the answer holds %q", who, route, leak)
				}
			}
		}
	}
	// (Last: the article it stores is public and would change the answers above.)
	// Ingest matches an article against the names its poster may see: a
	// green key gets no AMBER or RED entity back, by id or by name.
	for i, tc := range []struct {
		key  string
		want bool
	}{{"green-key", false}, {s.APIKey, true}} {
		// Each its own text: the same text would answer the stored article.
		article := fmt.Sprintf(`{"title": "Omega note %d", "publishedOn": "2024-03-25", "text": "Omega Cell, also called the Zyxw Brigade, met IS-K in Moscow %d times."}`, i, i+2)
		got := doAt(t, s.URL, http.MethodPost, "/api/v1/sources", strings.NewReader(article),
			http.Header{"Content-Type": {"application/json"}, "X-Api-Key": {tc.key}})
		if got.status != http.StatusCreated && got.status != http.StatusOK {
			t.Fatalf("ingest under %s: %d %s", tc.key, got.status, clip(got.body))
		}
		if linked := contains(string(got.body), "group:omega-cell"); linked != tc.want {
			t.Errorf("ingest under key %q: linked to group:omega-cell %v, want %v: %s", tc.key, linked, tc.want, clip(got.body))
		}
	}
}

// shortcut is the red edge's id as JSON writes it.
const shortcut = `AFFILIATE_OF:group:caucasus-emirate-\u003egroup:amaq`

// diffFrom is b from where it first differs from a.
func diffFrom(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return "…" + b[max(0, i-80):]
}
