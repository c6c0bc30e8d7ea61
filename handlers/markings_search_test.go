package handlers_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/testkit"
)

// crowdRoutes are the reads that find an entity by name through the
// full-text index: search, with its default and a small limit, and a
// name given where an id may be.
var crowdRoutes = []string{"/api/v1/search?q=zorbex", "/api/v1/search?q=zorbex&limit=3",
	"/api/v1/search?q=zorbex&kind=Group", "/api/v1/entities/zorbexia"}

// Records a reader may not see never crowd out those they may: with a
// hundred RED groups that match "zorbex" better than the one GREEN group
// does, more than the full-text index is asked for at first, an anonymous
// search still finds the GREEN group, and every answer is byte for byte
// the one a database without the RED groups gives.
func TestHiddenMatchesDoNotCrowdOutSearch(t *testing.T) {
	reload(t)
	ctx := context.Background()
	s, err := testkit.StartServer(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	key := http.Header{"Content-Type": {"application/json"}, "X-Api-Key": {s.APIKey}}
	load := func(set string) {
		t.Helper()
		r := doAt(t, s.URL, http.MethodPost, "/api/v1/import", strings.NewReader(set), key)
		if r.status != http.StatusOK {
			t.Fatalf("import: %d %s", r.status, clip(r.body))
		}
	}
	load(`{"name": "green share", "marking": "green", "nodes": [
	  {"id": "group:zorbexia-front", "kind": "Group", "name": "Liberation Front of Zorbexia", "aliases": ["Zorbexia"]}], "edges": []}`)
	before := map[string]string{}
	for _, route := range crowdRoutes {
		r := doAt(t, s.URL, http.MethodGet, route, nil, nil)
		before[route] = http.StatusText(r.status) + "\n" + volatile.ReplaceAllString(string(r.body), `"$1":0`)
		if !contains(before[route], "group:zorbexia-front") {
			t.Fatalf("%s before the red groups: no group:zorbexia-front in %s", route, clip(r.body))
		}
	}

	var red []string
	for i := range 100 {
		red = append(red, fmt.Sprintf(`{"id": "group:zorbex-%03d", "kind": "Group", "name": "Zorbex", "aliases": ["Zorbex %d"]}`, i, i))
	}
	load(`{"name": "red share", "marking": "red", "nodes": [` + strings.Join(red, ",") + `], "edges": []}`)
	// Full clearance sees them, ahead of the green group: they are there to crowd.
	full := doAt(t, s.URL, http.MethodGet, "/api/v1/search?q=zorbex", nil, key)
	if !contains(string(full.body), "group:zorbex-0") {
		t.Fatalf("full clearance does not find the red groups: %s", clip(full.body))
	}
	for _, route := range crowdRoutes {
		r := doAt(t, s.URL, http.MethodGet, route, nil, nil)
		got := http.StatusText(r.status) + "\n" + volatile.ReplaceAllString(string(r.body), `"$1":0`)
		if got != before[route] {
			t.Errorf("anonymous, %s: the answer changed after red groups were imported:\nbefore %s\nafter  %s",
				route, clipS(before[route]), clipS(got))
		}
	}
}
