package handlers_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/testkit"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// problemsBody reads an error answer with its problems.
type problemsBody struct {
	Error struct {
		Code     string          `json:"code"`
		Message  string          `json:"message"`
		Problems []graph.Problem `json:"problems"`
	} `json:"error"`
}

// unchanged fails the test when the graph's node or relationship count moved
// since n0/r0.
func unchanged(t *testing.T, what string, n0, r0 int64) {
	t.Helper()
	if n1, r1 := counts(t); n1 != n0 || r1 != r0 {
		t.Errorf("%s: the graph changed: %d nodes %d relationships, want %d and %d", what, n1, r1, n0, r0)
	}
}

// TestOnlyHTTPURLsAreStored: a javascript: (or data:, relative, schemeless)
// link is refused wherever one can be stored: an ingested article's url (JSON
// and multipart), a data set's url properties, a STIX external reference.
func TestOnlyHTTPURLsAreStored(t *testing.T) {
	reload(t)
	n0, r0 := counts(t)
	key := http.Header{"X-Api-Key": {srv.APIKey}}
	text := "The Crocus City Hall attack was claimed by the Islamic State on 22 March 2024."
	for _, bad := range []string{"javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<script>x</script>",
		"/relative/path", "www.example.org/a", "file:///etc/passwd", "https://"} {
		body := fmt.Sprintf(`{"title":"t","url":%q,"text":%q}`, bad, text)
		r := post(t, "/api/v1/sources", body)
		var e problemsBody
		r.json(t, &e)
		if r.status != 400 || !strings.Contains(e.Error.Message, "url") ||
			!strings.Contains(e.Error.Message, "only http and https URLs are accepted") {
			t.Errorf("POST /sources url %q: got %d %s, want 400 naming url and http(s)", bad, r.status, clip(r.body))
		}
	}
	// The same through a multipart form, and through a batch.
	form := "--x\r\nContent-Disposition: form-data; name=\"url\"\r\n\r\njavascript:alert(1)\r\n" +
		"--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\n" + text + "\r\n--x--\r\n"
	h := key.Clone()
	h.Set("Content-Type", "multipart/form-data; boundary=x")
	if r := do(t, "POST", "/api/v1/sources", strings.NewReader(form), h); r.status != 400 ||
		!contains(string(r.body), "only http and https") {
		t.Errorf("multipart url: got %d %s, want 400", r.status, clip(r.body))
	}
	h = key.Clone()
	h.Set("Content-Type", "application/x-ndjson")
	line := fmt.Sprintf(`{"title":"t","url":"javascript:alert(1)","text":%q}`+"\n", text)
	if r := do(t, "POST", "/api/v1/sources", strings.NewReader(line), h); r.status != 422 ||
		!contains(string(r.body), "only http and https") {
		t.Errorf("batch url: got %d %s, want 422 with the article's url error", r.status, clip(r.body))
	}
	// A data set: a Source's url, and any url-named property of a node or edge.
	for _, props := range []string{`{"url":"javascript:alert(1)"}`, `{"homepageURL":"javascript:alert(1)"}`,
		`{"urls":["https://ok.example/","vbscript:x"]}`} {
		ds := `{"nodes":[{"id":"group:url-test","kind":"Group","name":"URL test","properties":` + props + `}],"edges":[]}`
		r, _ := importBody(t, []byte(ds))
		var e problemsBody
		r.json(t, &e)
		if r.status != 400 || len(e.Error.Problems) != 1 || !strings.HasPrefix(e.Error.Problems[0].Field, "properties.") ||
			!strings.Contains(e.Error.Problems[0].Reason, "only http and https URLs are accepted") {
			t.Errorf("data set %s: got %d %s, want 400 naming the property", props, r.status, clip(r.body))
		}
	}
	// A STIX report's external reference.
	bundle := `{"type":"bundle","id":"bundle--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","objects":[
{"type":"report","spec_version":"2.1","id":"report--84e4d88f-44ea-4bcd-bbf3-b2c1c320bcb3","created":"2024-03-23T00:00:00Z","modified":"2024-03-23T00:00:00Z","published":"2024-03-23T00:00:00Z","name":"R","object_refs":["intrusion-set--4e1c5e5c-0b2a-4c4f-9a6f-2d8b6f0a7c11"],"external_references":[{"source_name":"x","url":"javascript:alert(1)"}]},
{"type":"intrusion-set","spec_version":"2.1","id":"intrusion-set--4e1c5e5c-0b2a-4c4f-9a6f-2d8b6f0a7c11","created":"2024-03-23T00:00:00Z","modified":"2024-03-23T00:00:00Z","name":"URL Test Set"}]}`
	r, _ := importBody(t, []byte(bundle))
	var e problemsBody
	r.json(t, &e)
	if r.status != 422 || len(e.Error.Problems) != 1 || e.Error.Problems[0].Field != "external_references[0].url" {
		t.Errorf("STIX url: got %d %s, want 422 naming external_references[0].url", r.status, clip(r.body))
	}
	unchanged(t, "bad URLs", n0, r0)
	// An https URL is stored.
	r = post(t, "/api/v1/sources", fmt.Sprintf(`{"title":"URL ok","url":"https://example.org/a?b=1","text":%q}`,
		text+" (https test)"))
	if r.status != 201 {
		t.Errorf("an https url: got %d %s, want 201", r.status, clip(r.body))
	}
}

const (
	isA = "intrusion-set--11111111-2222-4333-8444-555555555555"
	isB = "intrusion-set--66666666-7777-4888-9999-aaaaaaaaaaaa"
	ts  = "2024-03-23T10:00:00.000Z"
)

func obj(typ, id, extra string) string {
	return fmt.Sprintf(`{"type":%q,"spec_version":"2.1","id":%q,"created":%q,"modified":%q%s}`, typ, id, ts, ts, extra)
}

func bundleOf(objs ...string) []byte {
	return []byte(`{"type":"bundle","id":"bundle--0a0b0c0d-1e1f-4a2b-8c3d-4e5f6a7b8c9d","objects":[` +
		strings.Join(objs, ",") + `]}`)
}

// TestSTIXBundleIsValidated: a bundle that breaks what STIX 2.1 requires of
// the objects we import is refused whole (422), one problem per object and
// property, and nothing of it is written.
func TestSTIXBundleIsValidated(t *testing.T) {
	n0, r0 := counts(t)
	good := obj("intrusion-set", isA, `,"name":"Fine Set"`)
	rel := func(extra string) string {
		return `{"type":"relationship","spec_version":"2.1","id":"relationship--9b0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d",` +
			`"created":"` + ts + `","modified":"` + ts + `"` + extra + `}`
	}
	for _, tt := range []struct {
		name, bad, field, reason string
	}{
		{"no name", obj("intrusion-set", isB, ""), "name", "requires the name"},
		{"empty name", obj("threat-actor", "threat-actor--66666666-7777-4888-9999-aaaaaaaaaaaa", `,"name":" "`), "name", "requires the name"},
		{"id not type--UUID", obj("intrusion-set", "intrusion-set--not-a-uuid", `,"name":"X"`), "id", "not a UUID"},
		{"id without --", obj("identity", "identity-1", `,"name":"X","identity_class":"individual"`), "id", "type--UUID"},
		{"id of another type", obj("intrusion-set", "threat-actor--66666666-7777-4888-9999-aaaaaaaaaaaa", `,"name":"X"`), "id", "not the object's type"},
		{"created yesterday", strings.Replace(obj("intrusion-set", isB, `,"name":"X"`), `"created":"`+ts, `"created":"yesterday`, 1), "created", "not a STIX timestamp"},
		{"modified not UTC", strings.Replace(obj("intrusion-set", isB, `,"name":"X"`), `"modified":"`+ts, `"modified":"2024-03-23T10:00:00+02:00`, 1), "modified", "not a STIX timestamp"},
		{"modified before created", strings.Replace(obj("intrusion-set", isB, `,"name":"X"`), `"modified":"`+ts, `"modified":"2020-01-01T00:00:00Z`, 1), "modified", "earlier than created"},
		{"no created", `{"type":"intrusion-set","spec_version":"2.1","id":"` + isB + `","modified":"` + ts + `","name":"X"}`, "created", "missing"},
		{"no spec_version", `{"type":"intrusion-set","id":"` + isB + `","created":"` + ts + `","modified":"` + ts + `","name":"X"}`, "spec_version", "2.1"},
		{"location nowhere", obj("location", "location--66666666-7777-4888-9999-aaaaaaaaaaaa", `,"name":"Somewhere"`), "country", "region, country"},
		{"relationship without type", rel(`,"source_ref":"` + isA + `","target_ref":"` + isA + `"`), "relationship_type", "requires"},
		{"relationship without source_ref", rel(`,"relationship_type":"attributed-to","target_ref":"` + isA + `"`), "source_ref", "missing"},
		{"relationship with a bad target_ref", rel(`,"relationship_type":"attributed-to","source_ref":"` + isA + `","target_ref":"nothing"`), "target_ref", "type--UUID"},
	} {
		r, _ := importBody(t, bundleOf(good, tt.bad))
		var e problemsBody
		r.json(t, &e)
		if r.status != 422 || e.Error.Code != "refused" || len(e.Error.Problems) != 1 {
			t.Errorf("%s: got %d %s, want 422 refused with one problem", tt.name, r.status, clip(r.body))
			continue
		}
		p := e.Error.Problems[0]
		if p.Field != tt.field || !strings.Contains(p.Reason, tt.reason) || !strings.Contains(p.Record, "objects[1]") {
			t.Errorf("%s: problem %+v, want objects[1], field %s, reason with %q", tt.name, p, tt.field, tt.reason)
		}
	}
	// Several bad objects: one problem each, the good one not imported either.
	r, _ := importBody(t, bundleOf(good, obj("intrusion-set", isB, ""),
		strings.Replace(obj("threat-actor", "threat-actor--66666666-7777-4888-9999-aaaaaaaaaaaa", `,"name":"T"`),
			`"created":"`+ts, `"created":"yesterday`, 1)))
	var e problemsBody
	r.json(t, &e)
	if r.status != 422 || len(e.Error.Problems) != 2 || !strings.Contains(e.Error.Problems[0].Record, "objects[1]") ||
		!strings.Contains(e.Error.Problems[1].Record, "objects[2]") {
		t.Errorf("two bad objects: got %d %s, want 422 with a problem for objects[1] and objects[2]", r.status, clip(r.body))
	}
	unchanged(t, "invalid bundles", n0, r0)
}

// TestSTIXRelationshipToNothing: a relationship whose end is neither in the
// bundle nor in the graph refuses the bundle (422 naming it); lenient=true
// imports the rest and lists it in unresolved; an end found in the graph (by
// the STIX id an earlier import stored) is linked.
func TestSTIXRelationshipToNothing(t *testing.T) {
	reload(t)
	n0, r0 := counts(t)
	a := obj("intrusion-set", isA, `,"name":"Alpha Set"`)
	rel := `{"type":"relationship","spec_version":"2.1","id":"relationship--9b0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d",` +
		`"created":"` + ts + `","modified":"` + ts + `","relationship_type":"attributed-to","source_ref":"` + isA +
		`","target_ref":"` + isB + `"}`
	r, _ := importBody(t, bundleOf(a, rel))
	var e problemsBody
	r.json(t, &e)
	if r.status != 422 || len(e.Error.Problems) != 1 || e.Error.Problems[0].Field != "target_ref" ||
		e.Error.Problems[0].Value != isB || !strings.Contains(e.Error.Message, "lenient=true") {
		t.Fatalf("relationship to nothing: got %d %s, want 422 naming target_ref %s", r.status, clip(r.body), isB)
	}
	unchanged(t, "refused relationship", n0, r0)

	h := http.Header{"Content-Type": {"application/json"}, "X-Api-Key": {srv.APIKey}}
	r = do(t, "POST", "/api/v1/import?lenient=true", bytes.NewReader(bundleOf(a, rel)), h)
	var rep graph.ImportReport
	r.json(t, &rep)
	if r.status != 200 || rep.Nodes.Created != 1 || rep.Edges.Created != 0 || len(rep.Unresolved) != 1 ||
		rep.Unresolved[0].Value != isB {
		t.Fatalf("lenient: got %d %s, want 200, Alpha Set created, the relationship listed in unresolved", r.status,
			clip(r.body))
	}
	if r := do(t, "POST", "/api/v1/import?lenient=perhaps", bytes.NewReader(bundleOf(a)), h); r.status != 400 {
		t.Errorf("lenient=perhaps: got %d, want 400", r.status)
	}

	// B imported on its own; then A -> B again, B not in the bundle: found in the graph.
	if r, _ := importBody(t, bundleOf(obj("intrusion-set", isB, `,"name":"Beta Set"`))); r.status != 200 {
		t.Fatalf("import B: %d %s", r.status, clip(r.body))
	}
	r, rep = importBody(t, bundleOf(a, rel))
	if r.status != 200 || rep.Edges.Created != 1 || len(rep.Unresolved) != 0 {
		t.Fatalf("A -> B with B in the graph: got %d %s, want 200 and one edge", r.status, clip(r.body))
	}
	res, err := neo4j.ExecuteQuery(context.Background(), db.Driver, `MATCH (:Entity {stixId: $a})-[r]->(:Entity {stixId: $b})
RETURN type(r) AS t`, map[string]any{"a": isA, "b": isB}, neo4j.EagerResultTransformer)
	if err != nil || len(res.Records) != 1 {
		t.Fatalf("the edge Alpha -> Beta: %v %v, want one", err, res)
	}
}

// TestImportTooManyRecords: a data set of more records than
// ACTORGRAPH_IMPORT_MAX_RECORDS is answered 413 naming the CLI's chunked and
// bulk loads, and logged, before the database is asked.
func TestImportTooManyRecords(t *testing.T) {
	reload(t)
	logs := &syncBuffer{}
	s, err := testkit.StartServer(context.Background(), db, testkit.WithImportMaxRecords(10), testkit.WithLog(logs))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	n0, r0 := counts(t)
	var nodes []string
	for i := range 11 {
		nodes = append(nodes, fmt.Sprintf(`{"id":"group:many-%d","kind":"Group","name":"Many %d"}`, i, i))
	}
	body := `{"nodes":[` + strings.Join(nodes, ",") + `],"edges":[]}`
	r := doAt(t, s.URL, "POST", "/api/v1/import", strings.NewReader(body),
		http.Header{"Content-Type": {"application/json"}, "X-Api-Key": {s.APIKey}})
	var e problemsBody
	r.json(t, &e)
	for _, want := range []string{"11 records", "10", "ACTORGRAPH_IMPORT_MAX_RECORDS", "actorgraph import --chunked",
		"actorgraph load --bulk"} {
		if r.status != 413 || !strings.Contains(e.Error.Message, want) {
			t.Errorf("11 records over a limit of 10: got %d %s, want 413 with %q", r.status, clip(r.body), want)
		}
	}
	if !strings.Contains(logs.String(), "too many records") {
		t.Errorf("the refusal is not logged: %s", logs.String())
	}
	unchanged(t, "too many records", n0, r0)
	// Ten fit.
	body = `{"nodes":[` + strings.Join(nodes[:10], ",") + `],"edges":[]}`
	r = doAt(t, s.URL, "POST", "/api/v1/import", strings.NewReader(body),
		http.Header{"Content-Type": {"application/json"}, "X-Api-Key": {s.APIKey}})
	if r.status != 200 {
		t.Errorf("10 records: got %d %s, want 200", r.status, clip(r.body))
	}
}

// TestImportOutOfTransactionMemory: a data set the database runs out of
// transaction memory for (here a server whose pool of transaction memory,
// dbms.memory.transaction.total.max, is 10 MiB; Neo4j calls this error
// transient) is a 413 naming the CLI's chunked and bulk loads, logged with
// Neo4j's own error, and nothing is written: not a 503 "try again shortly".
func TestImportOutOfTransactionMemory(t *testing.T) {
	ctx := context.Background()
	small, err := testkit.StartNeo4j(ctx, map[string]string{"dbms.memory.transaction.total.max": "10m"})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = small.Terminate(context.Background()) }()
	logs := &syncBuffer{}
	s, err := testkit.StartServer(ctx, small, testkit.WithImportMaxRecords(1_000_000), testkit.WithLog(logs))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var b strings.Builder
	b.WriteString(`{"nodes":[`)
	pad := strings.Repeat("padding ", 40)
	const n = 40_000
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"id":"group:mem-%d","kind":"Group","name":"Memory %d","properties":{"description":"%s"}}`, i, i, pad)
	}
	b.WriteString(`],"edges":[]}`)
	r := doAt(t, s.URL, "POST", "/api/v1/import", strings.NewReader(b.String()),
		http.Header{"Content-Type": {"application/json"}, "X-Api-Key": {s.APIKey}})
	var e problemsBody
	r.json(t, &e)
	if r.status != 413 || e.Error.Code != "too_large" ||
		!strings.Contains(e.Error.Message, "actorgraph import --chunked") ||
		!strings.Contains(e.Error.Message, "actorgraph load --bulk") ||
		!strings.Contains(e.Error.Message, "nothing was written") {
		t.Errorf("import past the transaction memory: got %d %s, want 413 naming --chunked and load --bulk",
			r.status, clip(r.body))
	}
	if !strings.Contains(logs.String(), "Neo.TransientError.General.MemoryPoolOutOfMemoryError") {
		t.Errorf("the cause is not logged; log:\n%s", clip([]byte(logs.String())))
	}
	if nodes, rels, err := small.Counts(ctx); err != nil || nodes != 0 || rels != 0 {
		t.Errorf("after the refused import: %d nodes %d relationships (%v), want none", nodes, rels, err)
	}
}
