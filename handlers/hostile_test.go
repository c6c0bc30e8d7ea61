package handlers_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestHostileRequests: malformed and hostile requests all get a 4xx JSON
// error that names the problem, and the graph is unchanged afterwards.
func TestHostileRequests(t *testing.T) {
	long := strings.Repeat("A", 5000)
	deep := strings.Repeat("[", 100000)
	reqs := []struct{ method, target, body, ctype string }{
		// Injection through relationship types and kinds.
		{"GET", "/api/v1/paths/shortest?from=ISIS-K&to=Tajikistan&rel=PERPETRATED]-()%20DETACH%20DELETE%20n//", "", ""},
		{"GET", "/api/v1/paths/shortest?from=ISIS-K&to=Tajikistan&rel=PERPETRATED|ACCUSED]->(x)%20MATCH%20(n)%20DETACH%20DELETE%20n%20//", "", ""},
		{"GET", "/api/v1/paths/shortest?from=ISIS-K&to=Tajikistan&rel=%60DELETE%60", "", ""},
		{"GET", "/api/v1/paths/shortest?from=ISIS-K&to=Tajikistan&kind=Group%20OR%201=1", "", ""},
		{"GET", "/api/v1/paths/shortest?from=ISIS-K&to=Tajikistan&kind=Entity)%20DETACH%20DELETE%20x%20//", "", ""},
		{"GET", "/api/v1/paths?from=ISIS-K&to=Tajikistan&rel=x'%20OR%20'1'='1", "", ""},
		{"GET", "/api/v1/entities/group:is-k/neighbors?rel=FOO", "", ""},
		{"GET", "/api/v1/entities/group:is-k/neighbors?kind=Robot", "", ""},
		{"GET", "/api/v1/graph?rel=CALL%20db.clearQueryCaches()", "", ""},
		{"GET", "/api/v1/graph?kind=Group;DROP", "", ""},
		{"GET", "/api/v1/paths/shortest?from=ISIS-K&to=Tajikistan&stance=alleged%27)%20RETURN%201", "", ""},
		{"GET", "/api/v1/paths/shortest?from=ISIS-K&to=Tajikistan&source=x%27%5D%20DELETE", "", ""},
		// Huge and out-of-range numbers.
		{"GET", "/api/v1/paths/shortest?from=ISIS-K&to=Tajikistan&maxDepth=1000000", "", ""},
		{"GET", "/api/v1/paths/shortest?from=ISIS-K&to=Tajikistan&maxDepth=0", "", ""},
		{"GET", "/api/v1/paths/shortest?from=ISIS-K&to=Tajikistan&maxDepth=-3", "", ""},
		{"GET", "/api/v1/paths/shortest?from=ISIS-K&to=Tajikistan&maxDepth=99999999999999999999999", "", ""},
		{"GET", "/api/v1/paths/shortest?from=ISIS-K&to=Tajikistan&maxDepth=2.5", "", ""},
		{"GET", "/api/v1/paths/shortest?from=ISIS-K&to=Tajikistan&maxDepth=1e3", "", ""},
		{"GET", "/api/v1/paths?from=ISIS-K&to=Tajikistan&limit=100000", "", ""},
		{"GET", "/api/v1/paths/shortest?from=ISIS-K&to=Tajikistan&minConfidence=101", "", ""},
		{"GET", "/api/v1/paths/shortest?from=ISIS-K&to=Tajikistan&minConfidence=-1", "", ""},
		{"GET", "/api/v1/entities/group:is-k/neighbors?depth=1000000", "", ""},
		{"GET", "/api/v1/entities/group:is-k/neighbors?limit=0", "", ""},
		{"GET", "/api/v1/search?q=isis&limit=1000000", "", ""},
		{"GET", "/api/v1/timeline?entity=ISIS-K&limit=99999999", "", ""},
		{"GET", "/api/v1/graph?limit=10000000", "", ""},
		// Unknown formats, dates, enums and parameters.
		{"GET", "/api/v1/paths/shortest?from=ISIS-K&to=Tajikistan&format=xlsx", "", ""},
		{"GET", "/api/v1/graph?format=../../etc/passwd", "", ""},
		{"GET", "/api/v1/paths/shortest?from=ISIS-K&to=Tajikistan&knownOn=yesterday", "", ""},
		{"GET", "/api/v1/paths/shortest?from=ISIS-K&to=Tajikistan&at=2024-02-30", "", ""},
		{"GET", "/api/v1/paths/shortest?from=ISIS-K&to=Tajikistan&direction=sideways", "", ""},
		{"GET", "/api/v1/paths/shortest?from=ISIS-K&to=Tajikistan&undated=maybe", "", ""},
		{"GET", "/api/v1/paths/shortest?from=ISIS-K&to=Tajikistan&all=perhaps", "", ""},
		{"GET", "/api/v1/paths/shortest?from=ISIS-K&to=Tajikistan&maxdepth=3", "", ""},
		{"GET", "/api/v1/timeline?from=2024-03-25&to=2024-03-01", "", ""},
		{"GET", "/api/v1/timeline", "", ""},
		{"GET", "/api/v1/schema?x=1", "", ""},
		// Empty, missing and repeated parameters.
		{"GET", "/api/v1/paths/shortest", "", ""},
		{"GET", "/api/v1/paths/shortest?from=&to=", "", ""},
		{"GET", "/api/v1/paths/shortest?from=ISIS-K", "", ""},
		{"GET", "/api/v1/paths/shortest?from=ISIS-K&from=IS&to=Tajikistan", "", ""},
		{"GET", "/api/v1/paths/shortest?from=ISIS-K&to=Tajikistan&maxDepth=2&maxDepth=3", "", ""},
		{"GET", "/api/v1/paths/shortest?from=ISIS-K&to=ISIS-K", "", ""},
		{"GET", "/api/v1/search?q=", "", ""},
		{"GET", "/api/v1/search", "", ""},
		{"GET", "/api/v1/paths?from=ISIS-K&to=Tajikistan&format=json&format=gexf", "", ""},
		// Overlong, binary and unknown ids.
		{"GET", "/api/v1/entities/" + long, "", ""},
		{"GET", "/api/v1/paths/shortest?from=" + long + "&to=Tajikistan", "", ""},
		{"GET", "/api/v1/search?q=" + long, "", ""},
		{"GET", "/api/v1/entities/%00%01%02", "", ""},
		{"GET", "/api/v1/entities/%FF%FE", "", ""},
		{"GET", "/api/v1/paths/shortest?from=%C3%28&to=Tajikistan", "", ""},
		{"GET", "/api/v1/search?q=%00", "", ""},
		{"GET", "/api/v1/entities/group:no-such-group", "", ""},
		{"GET", "/api/v1/entities/Atlantis%20Liberation%20Front/neighbors", "", ""},
		{"GET", "/api/v1/paths/shortest?from=Atlantis&to=Tajikistan", "", ""},
		// Routes and methods that do not exist.
		{"DELETE", "/api/v1/entities/group:is-k", "", ""},
		{"PUT", "/api/v1/import", "{}", "application/json"},
		{"GET", "/api/v2/paths", "", ""},
		{"POST", "/api/v1/search?q=isis", "", ""},
		// Imports: no key, wrong key, bad bodies (with the right key below).
		{"POST", "/api/v1/import", `{"nodes":[],"edges":[]}`, "application/json"},
		{"POST", "/api/v1/import?key=" + srv.APIKey, `{"nodes":[],"edges":[]}`, "application/json"},
	}
	authed := []struct{ body, ctype string }{
		{"", "application/json"},
		{"{", "application/json"},
		{deep, "application/json"},
		{`{"nodes":[{"id":"group:x","kind":"Group","name":"X"}],"edges":[],"extra":1}`, "application/json"},
		{`{"nodes":[{"id":"GROUP X","kind":"Group","name":"X"}],"edges":[]}`, "application/json"},
		{`{"nodes":[{"id":"group:x","kind":"Robot","name":"X"}],"edges":[]}`, "application/json"},
		{`{"nodes":[{"id":"state:x","kind":"Group","name":"X"}],"edges":[]}`, "application/json"},
		{`{"nodes":[{"id":"group:x","kind":"Group","name":"X","properties":{"nested":{"a":1}}}],"edges":[]}`,
			"application/json"},
		{`{"nodes":[{"id":"group:x","kind":"Group","name":"` + "\xff\xfe" + `"}],"edges":[]}`, "application/json"},
		{`{"nodes":[{"id":"group:x","kind":"Group","name":"X","textFile":"/etc/passwd"}],"edges":[]}`, "application/json"},
		{`{"nodes":[],"edges":[{"type":"AFFILIATE_OF","source":"group:is-k","target":"group:islamic-state","evidence":"quote","sources":["source:seed-2024-03-25"],"quote":"IS-K","stance":"reported"}]}`, "application/json"},
		{`{"nodes":[],"edges":[{"type":"AFFILIATE_OF","source":"group:is-k","target":"state:tj","evidence":"quote","sources":["source:seed-2024-03-25"],"quote":"IS-K","confidence":5,"stance":"reported"}]}`, "application/json"},
		{`{"nodes":[],"edges":[{"type":"AFFILIATE_OF","source":"group:is-k","target":"group:islamic-state","evidence":"quote","sources":["group:is-k"],"quote":"IS-K","confidence":5,"stance":"reported"}]}`, "application/json"},
		{`{"nodes":[],"edges":[{"type":"AFFILIATE_OF","source":"group:is-k","target":"group:islamic-state","evidence":"quote","sources":["source:seed-2024-03-25"],"quote":"IS-K","confidence":5,"stance":"rumoured"}]}`, "application/json"},
		{`{"nodes":[],"edges":[{"type":"AFFILIATE_OF","source":"group:is-k","target":"group:islamic-state","evidence":"quote","sources":["source:seed-2024-03-25"],"quote":"IS-K","confidence":5,"stance":"reported","reportedOn":"2024-13-01"}]}`, "application/json"},
		{`nodes,edges`, "text/csv"},
		{"--x\r\nContent-Disposition: form-data; name=\"nodes\"; " +
			"filename=\"nodes.csv\"\r\n\r\nid,kind,name\n\"group:x,Group,X\n\r\n--x--\r\n", "multipart/form-data; boundary=x"},
		{"--x\r\nContent-Disposition: form-data; name=\"nodes\"; " +
			"filename=\"nodes.csv\"\r\n\r\nid,kind\ngroup:x,Group\n\r\n--x--\r\n", "multipart/form-data; boundary=x"},
		{"--x\r\nContent-Disposition: form-data; name=\"other\"; filename=\"a.txt\"\r\n\r\nhello\r\n--x--\r\n",
			"multipart/form-data; boundary=x"},
		{"--x\r\nnot a form", "multipart/form-data; boundary=x"},
	}
	n0, r0 := counts(t)
	check := func(method, target, body, ctype string, h http.Header) {
		t.Helper()
		if h == nil {
			h = http.Header{}
		}
		if ctype != "" {
			h.Set("Content-Type", ctype)
		}
		var rd *strings.Reader
		if body != "" || method == "POST" || method == "PUT" {
			rd = strings.NewReader(body)
		}
		var r response
		if rd != nil {
			r = do(t, method, target, rd, h)
		} else {
			r = do(t, method, target, nil, h)
		}
		var e errorBody
		r.json(t, &e)
		if r.status < 400 || r.status > 499 || e.Error.Code == "" || e.Error.Message == "" {
			t.Errorf("%s %s: got %d %s, want a 4xx with a JSON error message", method, clipS(target), r.status, clip(r.body))
		}
	}
	for _, rq := range reqs {
		check(rq.method, rq.target, rq.body, rq.ctype, nil)
	}
	for _, a := range authed {
		check("POST", "/api/v1/import", a.body, a.ctype, http.Header{"Authorization": {"Bearer " + srv.APIKey}})
	}
	if total := len(reqs) + len(authed); total < 50 {
		t.Errorf("only %d hostile requests; want at least 50", total)
	}
	if n1, r1 := counts(t); n1 != n0 || r1 != r0 {
		t.Errorf("counts changed: %d/%d, want %d/%d", n1, r1, n0, r0)
	}
}

func clipS(s string) string {
	if len(s) > 120 {
		return s[:120] + "…"
	}
	return s
}
