package handlers_test

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"mime/multipart"
	"net/http"
	"sort"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

func TestResolveNamesAndAliases(t *testing.T) {
	for _, name := range []string{"ISIS-K", "iskp", "Islamic State Khorasan", "IS–KP", "isis k", "group:is-k", "is-k"} {
		r := get(t, "/api/v1/entities/"+escape(name))
		var e struct {
			ID     string           `json:"id"`
			Degree map[string]int64 `json:"degree"`
		}
		r.json(t, &e)
		if r.status != 200 || e.ID != "group:is-k" {
			t.Errorf("%q: got %d %s, want group:is-k", name, r.status, e.ID)
		}
		if e.Degree["CLAIMED_RESPONSIBILITY"] < 1 {
			t.Errorf("%q: degree %v lacks CLAIMED_RESPONSIBILITY", name, e.Degree)
		}
	}
	for name, want := range map[string]string{"Tajikistan": "state:tj", "Putin": "person:vladimir-putin",
		"khorasan": "group:is-k"} {
		r := get(t, "/api/v1/entities/"+name)
		if r.status != 200 || !contains(string(r.body), `"id":"`+want+`"`) {
			t.Errorf("%s: got %d %s, want %s", name, r.status, clip(r.body), want)
		}
	}
	// Two entities hold the word: the caller must choose.
	r := get(t, "/api/v1/entities/Crocus")
	var e errorBody
	r.json(t, &e)
	ids := map[string]bool{}
	for _, c := range e.Error.Candidates {
		ids[c.ID] = true
	}
	if r.status != 409 || !ids["location:crocus-city-hall"] || !ids["event:2024-03-22-crocus-city-hall"] {
		t.Errorf("Crocus: got %d %v, want 409 listing the venue and the attack", r.status, ids)
	}
}

func escape(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, " ", "%20"), "–", "%E2%80%93")
}

func TestUnknownNameListsClosest(t *testing.T) {
	r := get(t, "/api/v1/paths/shortest?"+q("from", "Islamic Stat Khorasan Provinc", "to", "Tajikistan"))
	var e errorBody
	r.json(t, &e)
	if r.status != 404 || e.Error.Code != "not_found" || len(e.Error.Candidates) == 0 {
		t.Fatalf("got %d %+v, want 404 with closest matches", r.status, e)
	}
	if !contains(e.Error.Message, "group:is-k") {
		t.Errorf("message %q does not offer group:is-k", e.Error.Message)
	}
}

func TestAmbiguousNameIs409(t *testing.T) {
	ctx := context.Background()
	body := `{"nodes":[{"id":"person:twin-a","kind":"Person","name":"Twin A","aliases":["The Twin"]},
{"id":"person:twin-b","kind":"Person","name":"Twin B","aliases":["the-twin"]}],"edges":[]}`
	r := do(t, http.MethodPost, "/api/v1/import", strings.NewReader(body),
		http.Header{"Content-Type": {"application/json"}, "X-Api-Key": {srv.APIKey}})
	if r.status != 200 {
		t.Fatalf("import: got %d %s", r.status, clip(r.body))
	}
	t.Cleanup(func() {
		_, _ = neo4j.ExecuteQuery(ctx, db.Driver,
			"MATCH (n:Person) WHERE n.id STARTS WITH 'person:twin-' DETACH DELETE n", nil, neo4j.EagerResultTransformer)
	})
	r = get(t, "/api/v1/entities/The%20Twin")
	var e errorBody
	r.json(t, &e)
	ids := []string{}
	for _, c := range e.Error.Candidates {
		ids = append(ids, c.ID)
	}
	sort.Strings(ids)
	if r.status != 409 || strings.Join(ids, ",") != "person:twin-a,person:twin-b" {
		t.Errorf("got %d candidates %v, want 409 listing both twins", r.status, ids)
	}
}

func TestSearch(t *testing.T) {
	for _, tc := range []struct{ q, want string }{{"ISIS-K", "group:is-k"}, {"isis", "group:islamic-state"},
		{"Tajik", "nationality:tajik"}, {"Crocus", ""}} {
		r := get(t, "/api/v1/search?"+q("q", tc.q))
		var res graph.SearchResult
		r.json(t, &res)
		if r.status != 200 || len(res.Results) == 0 {
			t.Fatalf("%q: got %d with %d results", tc.q, r.status, len(res.Results))
		}
		if tc.want != "" && res.Results[0].ID != tc.want {
			t.Errorf("%q: first result %s, want %s", tc.q, res.Results[0].ID, tc.want)
		}
	}
	// "Tajik" finds the nationality and the state: the filter must keep the
	// state and only it.
	var all, states graph.SearchResult
	get(t, "/api/v1/search?"+q("q", "Tajik")).json(t, &all)
	kinds := map[graph.Kind]int{}
	for _, h := range all.Results {
		kinds[h.Kind]++
	}
	if kinds[graph.State] == 0 || len(all.Results) == kinds[graph.State] {
		t.Fatalf("unfiltered search for Tajik found kinds %v; want a State and something else, or "+
			"the kind test proves nothing", kinds)
	}
	r := get(t, "/api/v1/search?"+q("q", "Tajik", "kind", "State"))
	r.json(t, &states)
	if r.status != 200 || len(states.Results) != kinds[graph.State] {
		t.Errorf("kind=State: got %d with %d results, want the %d State(s) of the unfiltered search",
			r.status, len(states.Results), kinds[graph.State])
	}
	for _, h := range states.Results {
		if h.Kind != graph.State {
			t.Errorf("kind=State returned %s (%s)", h.ID, h.Kind)
		}
	}
}

func TestNeighbors(t *testing.T) {
	var one, two graph.Subgraph
	get(t, "/api/v1/entities/"+attack+"/neighbors").json(t, &one)
	get(t, "/api/v1/entities/"+attack+"/neighbors?depth=2&limit=5000").json(t, &two)
	if len(one.Nodes) < 10 || len(two.Nodes) <= len(one.Nodes) {
		t.Fatalf("depth 1: %d nodes, depth 2: %d; want depth 2 to reach further", len(one.Nodes), len(two.Nodes))
	}
	ids := map[string]bool{}
	for _, n := range one.Nodes {
		ids[n.ID] = true
		if n.Hidden == nil {
			t.Errorf("node %s has no hidden count", n.ID)
		}
	}
	for _, e := range one.Edges {
		if !ids[e.Source] || !ids[e.Target] {
			t.Errorf("edge %s dangles", e.ID)
		}
	}
	var tj graph.Node
	for _, n := range one.Nodes {
		if n.ID == "state:tj" {
			tj = n
		}
	}
	if tj.Hidden == nil || *tj.Hidden == 0 {
		t.Errorf("Tajikistan shows hidden=%v; it has relationships beyond the attack", tj.Hidden)
	}
	var groups graph.Subgraph
	get(t, "/api/v1/entities/"+attack+"/neighbors?kind=Group").json(t, &groups)
	for _, n := range groups.Nodes[1:] {
		if n.Kind != graph.Group {
			t.Errorf("kind=Group returned %s", n.ID)
		}
	}
	var capped graph.Subgraph
	get(t, "/api/v1/entities/"+attack+"/neighbors?limit=3").json(t, &capped)
	if len(capped.Nodes) > 3 || !capped.Truncated {
		t.Errorf("limit=3: got %d nodes, truncated=%v", len(capped.Nodes), capped.Truncated)
	}
}

func TestTimelineOldestFirst(t *testing.T) {
	r := get(t, "/api/v1/timeline?"+q("entity", "Crocus City Hall attack"))
	var tl graph.Timeline
	r.json(t, &tl)
	if r.status != 200 || len(tl.Items) < 10 {
		t.Fatalf("got %d with %d items", r.status, len(tl.Items))
	}
	for i := 1; i < len(tl.Items); i++ {
		if tl.Items[i].Date < tl.Items[i-1].Date {
			t.Errorf("item %d (%s) before item %d (%s)", i, tl.Items[i].Date, i-1, tl.Items[i-1].Date)
		}
	}
	for _, it := range tl.Items {
		if it.What == "relationship" && (it.Edge == nil || it.Edge.Level == "" || (it.Edge.Quote == "" &&
			it.Edge.Summary == "")) {
			t.Errorf("timeline edge without evidence: %+v", it)
		}
	}
	var win graph.Timeline
	get(t, "/api/v1/timeline?from=2024-03-01&to=2024-03-10").json(t, &win)
	if len(win.Items) == 0 {
		t.Fatal("window 2024-03-01..10 is empty; the US warning is in it")
	}
	for _, it := range win.Items {
		if it.Date < "2024-03-01" || it.Date > "2024-03-10" {
			t.Errorf("item dated %s outside the window", it.Date)
		}
	}
}

func TestSchemaCounts(t *testing.T) {
	var s graph.SchemaInfo
	get(t, "/api/v1/schema").json(t, &s)
	n, r := counts(t)
	var sn, sr int64
	for _, k := range s.Kinds {
		sn += k.Count
	}
	for _, rel := range s.Relationships {
		sr += rel.Count
	}
	if sn != n || sr != r {
		t.Errorf("schema counts %d nodes / %d relationships, database has %d / %d", sn, sr, n, r)
	}
}

func TestGraphRoute(t *testing.T) {
	var g graph.Subgraph
	get(t, "/api/v1/graph?kind=Group&kind=Event&rel=CLAIMED_RESPONSIBILITY").json(t, &g)
	if len(g.Nodes) == 0 || len(g.Edges) == 0 {
		t.Fatalf("got %d nodes %d edges", len(g.Nodes), len(g.Edges))
	}
	for _, e := range g.Edges {
		if e.Type != "CLAIMED_RESPONSIBILITY" {
			t.Errorf("rel filter let through %s", e.Type)
		}
	}
}

func TestImportAuthAndValidation(t *testing.T) {
	n0, r0 := counts(t)
	good := `{"nodes":[{"id":"group:import-test","kind":"Group","name":"Import Test"}],"edges":[]}`
	json := http.Header{"Content-Type": {"application/json"}}
	for _, tc := range []struct {
		key  string
		want int
	}{{"", 401}, {"wrong", 403}} {
		h := json.Clone()
		if tc.key != "" {
			h.Set("Authorization", "Bearer "+tc.key)
		}
		if r := do(t, http.MethodPost, "/api/v1/import", strings.NewReader(good), h); r.status != tc.want {
			t.Errorf("key %q: got %d, want %d", tc.key, r.status, tc.want)
		}
	}
	auth := json.Clone()
	auth.Set("Authorization", "Bearer "+srv.APIKey)
	bad := `{"nodes":[{"id":"group:import-test","kind":"Group","name":"Import Test"}],
"edges":[{"type":"AFFILIATE_OF","source":"group:import-test","target":"group:is-k","evidence":"quote","sources":["source:seed-2024-03-25"],"quote":"not in the article","confidence":50,"stance":"reported"}]}`
	r := do(t, http.MethodPost, "/api/v1/import", strings.NewReader(bad), auth)
	var e errorBody
	r.json(t, &e)
	if r.status != 400 || !contains(e.Error.Message, "edges[0]") || !contains(e.Error.Message, "not found verbatim") {
		t.Errorf("bad record: got %d %q, want 400 naming edges[0] and the quote", r.status, e.Error.Message)
	}
	if n1, r1 := counts(t); n1 != n0 || r1 != r0 {
		t.Fatalf("counts changed after a rejected import: %d/%d, want %d/%d", n1, r1, n0, r0)
	}
	t.Cleanup(func() {
		_, _ = neo4j.ExecuteQuery(context.Background(), db.Driver,
			"MATCH (n {id: 'group:import-test'}) DETACH DELETE n", nil, neo4j.EagerResultTransformer)
	})
	for i, want := range []int{1, 0} {
		r = do(t, http.MethodPost, "/api/v1/import", strings.NewReader(good), auth)
		var rep graph.ImportReport
		r.json(t, &rep)
		if r.status != 200 || rep.Nodes.Created != want {
			t.Errorf("import %d: got %d created=%d, want 200 created=%d", i+1, r.status, rep.Nodes.Created, want)
		}
	}
}

func TestImportCSVForm(t *testing.T) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	fw, _ := w.CreateFormFile("nodes", "nodes.csv")
	fw.Write([]byte("id,kind,name,aliases\ngroup:csv-test,Group,CSV Test,CSVT\n"))
	fw, _ = w.CreateFormFile("edges", "edges.csv")
	fw.Write([]byte("type,source,target,evidence,sources,quote,confidence,stance\nAFFILIATE_OF,group:csv-test,group:is-k,quote,source:seed-2024-03-25,IS-K,40,reported\n"))
	w.Close()
	t.Cleanup(func() {
		_, _ = neo4j.ExecuteQuery(context.Background(), db.Driver,
			"MATCH (n {id: 'group:csv-test'}) DETACH DELETE n", nil, neo4j.EagerResultTransformer)
	})
	r := do(t, http.MethodPost, "/api/v1/import", &buf,
		http.Header{"Content-Type": {w.FormDataContentType()}, "X-Api-Key": {srv.APIKey}})
	var rep graph.ImportReport
	r.json(t, &rep)
	if r.status != 200 || rep.Nodes.Created != 1 || rep.Edges.Created != 1 {
		t.Fatalf("got %d %+v, want 1 node and 1 edge created", r.status, rep)
	}
}

// TestFormatsAgree: the same path answer in every format has the same nodes
// and edges, and each format parses.
func TestFormatsAgree(t *testing.T) {
	base := "/api/v1/paths?" + q("from", "ISIS-K", "to", "Tajikistan", "limit", "3")
	var native graph.PathAnswer
	get(t, base).json(t, &native)
	wantN, wantE := idsOf(native.Nodes, native.Edges)
	for _, f := range []string{"cytoscape", "d3", "graphml", "gexf"} {
		r := get(t, base+"&format="+f)
		if r.status != 200 || !contains(r.header.Get("Content-Disposition"), "attachment; filename=") {
			t.Fatalf("%s: got %d, disposition %q", f, r.status, r.header.Get("Content-Disposition"))
		}
		gotN, gotE := parseFormat(t, f, r.body)
		if strings.Join(gotN, ",") != strings.Join(wantN, ",") || strings.Join(gotE, ",") != strings.Join(wantE, ",") {
			t.Errorf("%s: nodes %v edges %v, want %v %v", f, gotN, gotE, wantN, wantE)
		}
	}
}

// TestGEXFVersion: format=gexf is GEXF 1.2draft (what networkx and Gephi
// read by default), gexfVersion=1.3 gives 1.3, and a bad version is a 400.
func TestGEXFVersion(t *testing.T) {
	base := "/api/v1/paths?" + q("from", "ISIS-K", "to", "Tajikistan", "limit", "3")
	for _, tt := range []struct{ query, ns, version string }{
		{"&format=gexf", "http://www.gexf.net/1.2draft", "1.2"},
		{"&format=gexf&gexfVersion=1.2draft", "http://www.gexf.net/1.2draft", "1.2"},
		{"&format=gexf&gexfVersion=1.3", "http://gexf.net/1.3", "1.3"},
	} {
		r := get(t, base+tt.query)
		var doc struct {
			XMLName xml.Name `xml:"gexf"`
			Version string   `xml:"version,attr"`
			Nodes   []struct {
				ID string `xml:"id,attr"`
			} `xml:"graph>nodes>node"`
		}
		if err := xml.Unmarshal(r.body, &doc); err != nil {
			t.Fatalf("%s: got %d %q: %v", tt.query, r.status, r.body, err)
		}
		if r.status != 200 || doc.XMLName.Space != tt.ns || doc.Version != tt.version || len(doc.Nodes) == 0 {
			t.Errorf("%s: got %d, namespace %q, version %q, %d nodes; want 200, %s, %s and nodes",
				tt.query, r.status, doc.XMLName.Space, doc.Version, len(doc.Nodes), tt.ns, tt.version)
		}
	}
	for _, query := range []string{"&format=gexf&gexfVersion=1.1", "&format=graphml&gexfVersion=1.3", "&gexfVersion=1.3"} {
		r := get(t, base+query)
		var e struct {
			Error struct{ Code, Message string }
		}
		r.json(t, &e)
		if r.status != 400 || !contains(e.Error.Message, "gexfVersion") {
			t.Errorf("%s: got %d %q, want 400 naming gexfVersion", query, r.status, e.Error.Message)
		}
	}
}

func idsOf(nodes []graph.Node, edges []graph.Edge) ([]string, []string) {
	var n, e []string
	for _, x := range nodes {
		n = append(n, x.ID)
	}
	for _, x := range edges {
		e = append(e, x.ID)
	}
	sort.Strings(n)
	sort.Strings(e)
	return n, e
}

func parseFormat(t *testing.T, f string, body []byte) (nodes, edges []string) {
	t.Helper()
	switch f {
	case "cytoscape":
		var doc struct {
			Elements struct {
				Nodes []struct{ Data struct{ ID string } } `json:"nodes"`
				Edges []struct{ Data struct{ ID string } } `json:"edges"`
			} `json:"elements"`
		}
		if err := json.Unmarshal(body, &doc); err != nil {
			t.Fatal(err)
		}
		for _, n := range doc.Elements.Nodes {
			nodes = append(nodes, n.Data.ID)
		}
		for _, e := range doc.Elements.Edges {
			edges = append(edges, e.Data.ID)
		}
	case "d3":
		var doc struct {
			Nodes []struct{ ID string } `json:"nodes"`
			Links []struct{ ID string } `json:"links"`
		}
		if err := json.Unmarshal(body, &doc); err != nil {
			t.Fatal(err)
		}
		for _, n := range doc.Nodes {
			nodes = append(nodes, n.ID)
		}
		for _, e := range doc.Links {
			edges = append(edges, e.ID)
		}
	default:
		nodes, edges = xmlIDs(t, body)
	}
	sort.Strings(nodes)
	sort.Strings(edges)
	return nodes, edges
}
