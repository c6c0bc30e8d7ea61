package reliability

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// evil are values no parameter should choke on: Cypher and Lucene
// injection, path traversal, huge and odd numbers, overlong and binary
// strings, bad UTF-8.
var evil = []string{
	`' OR 1=1 //`,
	`x"}) MATCH (n) DETACH DELETE n //`,
	"`) CALL { MATCH (n) DETACH DELETE n } //",
	`$from`,
	`{id: "state:ru"}`,
	`*:*`,
	`name:* OR keyText:*`,
	`[a TO z]`,
	`a~99999`,
	`\`,
	`../../../../etc/passwd`,
	`..%2f..%2fetc%2fpasswd`,
	`99999999999999999999999999`,
	`-1`,
	`1e308`,
	`NaN`,
	strings.Repeat("A", 20_000),
	"\x00\x01\x02\x7f",
	"\xff\xfe\xfd",
	"caf\xc3",
}

// hostileCase is one request and the statuses it may get.
type hostileCase struct {
	name   string
	path   string // GET path and query
	any2xx bool   // free-text search may legitimately answer 200 with results
}

func q(kv ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	return v.Encode()
}

// getCases crosses every GET route's parameters with the evil values.
func getCases() []hostileCase {
	var cs []hostileCase
	add := func(name, path string, ok2xx bool) {
		cs = append(cs, hostileCase{name, path, ok2xx})
	}
	const a, b = "group:is-k", "state:tj"
	for i, e := range evil {
		tag := fmt.Sprintf("evil[%d]", i)
		esc := url.PathEscape(e)
		add("search q "+tag, "/api/v1/search?"+q("q", e), true)
		add("search kind "+tag, "/api/v1/search?"+q("q", "isis", "kind", e), false)
		add("search limit "+tag, "/api/v1/search?"+q("q", "isis", "limit", e), false)
		add("entity id "+tag, "/api/v1/entities/"+esc, false)
		add("neighbors id "+tag, "/api/v1/entities/"+esc+"/neighbors", false)
		add("neighbors depth "+tag, "/api/v1/entities/"+a+"/neighbors?"+q("depth", e), false)
		add("neighbors rel "+tag, "/api/v1/entities/"+a+"/neighbors?"+q("rel", e), false)
		add("shortest from "+tag, "/api/v1/paths/shortest?"+q("from", e, "to", b), false)
		add("shortest to "+tag, "/api/v1/paths/shortest?"+q("from", a, "to", e), false)
		add("shortest maxDepth "+tag, "/api/v1/paths/shortest?"+q("from", a, "to", b, "maxDepth", e), false)
		add("shortest stance "+tag, "/api/v1/paths/shortest?"+q("from", a, "to", b, "stance", e), false)
		add("shortest at "+tag, "/api/v1/paths/shortest?"+q("from", a, "to", b, "at", e), false)
		add("paths limit "+tag, "/api/v1/paths?"+q("from", a, "to", b, "limit", e), false)
		add("paths minConfidence "+tag, "/api/v1/paths?"+q("from", a, "to", b, "minConfidence", e), false)
		add("paths source "+tag, "/api/v1/paths?"+q("from", a, "to", b, "source", e), false)
		add("graph kind "+tag, "/api/v1/graph?"+q("kind", e), false)
		add("graph format "+tag, "/api/v1/graph?"+q("format", e), false)
		add("timeline entity "+tag, "/api/v1/timeline?"+q("entity", e), false)
		add("timeline from "+tag, "/api/v1/timeline?"+q("from", e), false)
		add("schema param "+tag, "/api/v1/schema?"+q("x", e), false)
	}
	// An empty optional parameter (limit=) means its default: 200, by design.
	add("params empty limit", "/api/v1/search?q=isis&limit=", true)
	// Repeated, empty and unknown parameters.
	for _, p := range []string{
		"/api/v1/search?q=isis&q=isk", "/api/v1/search?q=", "/api/v1/search",
		"/api/v1/search?q=isis&limit=0", "/api/v1/search?q=isis&limit=101", "/api/v1/search?q=isis&debug=1",
		"/api/v1/paths/shortest?from=" + a + "&from=" + b + "&to=" + b, "/api/v1/paths/shortest?from=&to=",
		"/api/v1/paths/shortest?from=" + a + "&to=" + a, "/api/v1/paths/shortest?from=" + a + "&to=" + b + "&maxDepth=0",
		"/api/v1/paths/shortest?from=" + a + "&to=" + b + "&maxDepth=13", "/api/v1/paths/shortest?from=" + a + "&to=" + b + "&all=maybe",
		"/api/v1/paths?from=" + a + "&to=" + b + "&limit=51", "/api/v1/paths?from=" + a + "&to=" + b + "&direction=up",
		"/api/v1/paths?from=" + a + "&to=" + b + "&undated=sometimes", "/api/v1/paths?from=" + a + "&to=" + b + "&knownOn=2024-02-30",
		"/api/v1/paths?from=" + a + "&to=" + b + "&rel=" + strings.Repeat("MEMBER_OF,", 101),
		"/api/v1/entities/" + a + "/neighbors?depth=5", "/api/v1/entities/" + a + "/neighbors?limit=5001",
		"/api/v1/entities/" + a + "/neighbors?format=json&format=gexf", "/api/v1/entities/" + a + "?x=1",
		"/api/v1/graph?limit=-5", "/api/v1/graph?rel=NOT_A_TYPE", "/api/v1/timeline", "/api/v1/timeline?from=2024-03-01&to=2024-01-01",
		"/api/v1/timeline?limit=5001", "/api/v1/schema?format=gexf", "/api/v1/nope", "/api/v1/entities/",
		"/api/v1/entities/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/api/v1/../../etc/passwd", "/api/v1/entities/group:is-k/../../../etc/passwd",
	} {
		add("params "+p, p, false)
	}
	return cs
}

// TestHostileGET sends every GET case: none may be a 5xx; each error is JSON
// with a code and a message; all but free-text search answers are 4xx; and
// the graph is unchanged afterwards.
func TestHostileGET(t *testing.T) {
	n0, r0 := counts(t)
	cases := getCases()
	statuses := map[int]int{}
	for _, c := range cases {
		r := get(t, srv.URL, c.path)
		statuses[r.status]++
		switch {
		case r.status >= 500:
			t.Errorf("%s: got %d, want 4xx: %s", c.name, r.status, clip(string(r.body)))
		case r.status >= 400:
			checkError(t, c.name, r)
		case c.any2xx:
		default:
			t.Errorf("%s: got %d, want 4xx: %s", c.name, r.status, clip(string(r.body)))
		}
	}
	n1, r1 := counts(t)
	if n1 != n0 || r1 != r0 {
		t.Errorf("after %d hostile requests: got %d nodes, %d relationships; want %d, %d (unchanged)", len(cases), n1, r1, n0, r0)
	}
	t.Logf("%d hostile GET requests; statuses %v", len(cases), statuses)
}

func post(t *testing.T, path, contentType, key string, body []byte) reply {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, srv.URL+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	return do(t, req)
}

func form(t *testing.T, files map[string]string) (string, []byte) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for name, content := range files {
		fw, err := w.CreateFormFile(name, name+".csv")
		if err != nil {
			t.Fatal(err)
		}
		fw.Write([]byte(content))
	}
	w.Close()
	return w.FormDataContentType(), buf.Bytes()
}

const nodeHeader = "id,kind,name,aliases,properties\n"
const edgeHeader = "id,type,source,target,sources,quote,quoteSource,confidence,stance,validFrom,validTo,reportedOn,inferred,reason,properties\n"

// importBodies are hostile data sets, JSON and CSV, each of which must be
// refused as a whole.
func importBodies(t *testing.T) []struct {
	name, ct string
	body     []byte
} {
	type body = struct {
		name, ct string
		body     []byte
	}
	var out []body
	js := func(name, s string) { out = append(out, body{"json " + name, "application/json", []byte(s)}) }
	js("empty", "")
	js("null", "null")
	js("array", "[]")
	js("deep", strings.Repeat("[", 100_000)+strings.Repeat("]", 100_000))
	js("deep object", `{"nodes":`+strings.Repeat(`[{"a":`, 20_000)+"1"+strings.Repeat("}]", 20_000)+"}")
	js("bad utf8", "{\"nodes\":[{\"id\":\"group:x\",\"kind\":\"Group\",\"name\":\"\xff\xfe\"}],\"edges\":[]}")
	js("unknown field", `{"nodes":[],"edges":[],"drop":"MATCH (n) DETACH DELETE n"}`)
	js("trailing", `{"nodes":[],"edges":[]} {"nodes":[]}`)
	js("huge number", `{"nodes":[],"edges":[{"type":"MEMBER_OF","source":"person:a","target":"group:is-k","sources":["source:x"],"quote":"q","confidence":1e400,"stance":"reported"}]}`)
	js("cypher id", `{"nodes":[{"id":"group:x' DETACH DELETE n //","kind":"Group","name":"x"}],"edges":[]}`)
	js("label injection", `{"nodes":[{"id":"group:x","kind":"Group:Admin","name":"x"}],"edges":[]}`)
	js("type injection", `{"nodes":[],"edges":[{"type":"MEMBER_OF]->() DETACH DELETE n //","source":"group:is-k","target":"group:is-k","sources":["source:x"],"quote":"q","confidence":50,"stance":"reported"}]}`)
	js("text file traversal", `{"nodes":[{"id":"source:x","kind":"Source","name":"x","textFile":"../../../../etc/passwd"}],"edges":[]}`)
	js("overlong name", `{"nodes":[{"id":"group:x","kind":"Group","name":"`+strings.Repeat("n", 10_000)+`"}],"edges":[]}`)
	js("binary", "\x00\x01\x02\x03\xff")
	js("object property", `{"nodes":[{"id":"group:x","kind":"Group","name":"x","properties":{"p":{"q":1}}}],"edges":[]}`)
	js("dangling edge", `{"nodes":[],"edges":[{"type":"MEMBER_OF","source":"person:nobody","target":"group:is-k","sources":["source:none"],"quote":"q","confidence":50,"stance":"reported"}]}`)
	js("fake quote", `{"nodes":[{"id":"source:fake","kind":"Source","name":"f","properties":{"text":"abc"}},{"id":"group:fake","kind":"Group","name":"Fake"}],"edges":[{"type":"AFFILIATE_OF","source":"group:fake","target":"group:is-k","evidence":"quote","sources":["source:fake"],"quote":"not in the text","confidence":50,"stance":"reported"}]}`)
	csvForm := func(name string, files map[string]string) {
		ct, b := form(t, files)
		out = append(out, body{"csv " + name, ct, b})
	}
	csvForm("bad quoting", map[string]string{"nodes": nodeHeader + "group:x,Group,\"unterminated\n"})
	csvForm("stray quote", map[string]string{"nodes": nodeHeader + "group:x,Group,na\"me,,\n"})
	csvForm("no header", map[string]string{"nodes": "group:x,Group,x,,\n"})
	csvForm("unknown column", map[string]string{"nodes": "id,kind,name,cypher\ngroup:x,Group,x,DETACH DELETE\n"})
	csvForm("bad props", map[string]string{"nodes": nodeHeader + "group:x,Group,x,,{not json}\n"})
	csvForm("bad confidence", map[string]string{"edges": edgeHeader + "e1,MEMBER_OF,person:a,group:is-k,source:x,q,,high,reported,,,,,,\n"})
	csvForm("binary", map[string]string{"nodes": "\x00\x01\x02\xff\xfe"})
	csvForm("bad utf8 name", map[string]string{"nodes": nodeHeader + "group:x,Group,\xff\xfe,,\n"})
	csvForm("injection id", map[string]string{"nodes": nodeHeader + "\"group:x' DETACH DELETE n //\",Group,x,,\n"})
	csvForm("empty", map[string]string{"nodes": ""})
	csvForm("no files", map[string]string{})
	csvForm("dangling", map[string]string{"edges": edgeHeader + "e1,MEMBER_OF,person:nobody,group:is-k,source:none,q,,50,reported,,,,,,\n"})
	out = append(out, body{"multipart broken", "multipart/form-data; boundary=xyz", []byte("--xyz\r\nContent-Disposition: form-data; name=\"nodes\"\r\n\r\nabc")})
	out = append(out, body{"text/plain", "text/plain", []byte("MATCH (n) DETACH DELETE n")})
	out = append(out, body{"no content type", "", []byte(`{"nodes":[],"edges":[]}`)})
	return out
}

// TestHostileImport sends hostile data sets with the right key: each is a
// 4xx with a message, and nothing is written.
func TestHostileImport(t *testing.T) {
	n0, r0 := counts(t)
	bodies := importBodies(t)
	for _, b := range bodies {
		r := post(t, "/api/v1/import", b.ct, srv.APIKey, b.body)
		if r.status < 400 || r.status >= 500 {
			t.Errorf("import %s: got %d, want 4xx: %s", b.name, r.status, clip(string(r.body)))
			continue
		}
		checkError(t, "import "+b.name, r)
	}
	// And a query string, which the route refuses.
	r := post(t, "/api/v1/import?x=1", "application/json", srv.APIKey, []byte(`{"nodes":[],"edges":[]}`))
	if r.status != http.StatusBadRequest {
		t.Errorf("import with a query string: got %d, want 400", r.status)
	}
	n1, r1 := counts(t)
	if n1 != n0 || r1 != r0 {
		t.Errorf("after %d hostile imports: got %d nodes, %d relationships; want %d, %d (unchanged)", len(bodies), n1, r1, n0, r0)
	}
	t.Logf("%d hostile import bodies", len(bodies)+1)
}

// TestHostileCount keeps the suite honest about its size.
func TestHostileCount(t *testing.T) {
	if n := len(getCases()) + len(importBodies(t)) + 1; n < 200 {
		t.Errorf("got %d hostile inputs, want at least 200", n)
	}
}
