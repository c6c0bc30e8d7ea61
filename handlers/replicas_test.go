package handlers_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/cypher"
	"github.com/actorgraph/actorgraph/dataset"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/testkit"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// replicas starts two servers on the test Neo4j, each with its own driver
// and its own caches, as two `actorgraph serve` on one database are.
func replicas(t *testing.T) (a, b *testkit.Server) {
	t.Helper()
	ctx := context.Background()
	var err error
	if a, err = testkit.StartServer(ctx, db, testkit.WithOwnDriver()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(a.Close)
	if b, err = testkit.StartServer(ctx, db, testkit.WithOwnDriver()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.Close)
	return a, b
}

// The group the replica tests import: a name ingest proposes as new until
// the graph holds it.
const (
	newGroupID   = "group:sahel-liberation-front"
	newGroupName = "Sahel Liberation Front"
	newGroupSet  = `{"nodes":[{"id":"` + newGroupID + `","kind":"Group","name":"` + newGroupName + `"}],"edges":[]}`
)

// ingestAt ingests text through the server s and returns what it made of it.
func ingestAt(t *testing.T, s *testkit.Server, title, text string, header http.Header) (response, sourceDoc) {
	t.Helper()
	b, _ := json.Marshal(graph.SourceInput{Title: title, Publisher: "Test Wire", PublishedOn: "2024-04-02", Text: text})
	h := http.Header{"Content-Type": {"application/json"}, "X-Api-Key": {s.APIKey}}
	for k, v := range header {
		h[k] = v
	}
	r := doAt(t, s.URL, http.MethodPost, "/api/v1/sources", strings.NewReader(string(b)), h)
	var d sourceDoc
	if r.status == 201 {
		r.json(t, &d)
	}
	return r, d
}

// linked reports how ingest took the name: linked to the entity id, or
// proposed as a new entity.
func linked(d sourceDoc, name, id string) (isLinked, proposed bool) {
	for _, m := range d.Mentions {
		if m.Text == name && m.Entity != nil && *m.Entity == id {
			isLinked = true
		}
	}
	for _, n := range d.NewEntities {
		if n.Name == name {
			proposed = true
		}
	}
	return isLinked, proposed
}

// warm ingests an article naming the new group through s, so s has built
// its gazetteer while the graph did not hold the group.
func warm(t *testing.T, s *testkit.Server) {
	t.Helper()
	r, d := ingestAt(t, s, "first report", "The "+newGroupName+
		" claimed responsibility for the attack on Crocus City Hall on Friday.", nil)
	if r.status != 201 {
		t.Fatalf("ingest: got %d %s, want 201", r.status, clip(r.body))
	}
	if l, p := linked(d, newGroupName, newGroupID); l || !p {
		t.Fatalf("before the import: linked %v, proposed %v; want the name proposed as new (mentions %+v)",
			l, p, d.Mentions)
	}
}

// checkLinked ingests a second article through s and wants the group linked.
func checkLinked(t *testing.T, s *testkit.Server, header http.Header) {
	t.Helper()
	r, d := ingestAt(t, s, "second report", "Officials said the "+newGroupName+
		" had trained the gunmen who attacked Crocus City Hall.", header)
	if r.status != 201 {
		t.Fatalf("ingest: got %d %s, want 201", r.status, clip(r.body))
	}
	if l, p := linked(d, newGroupName, newGroupID); !l || p {
		t.Errorf("after the import: linked %v, proposed %v; want the name linked to %s, not proposed "+
			"(mentions %+v, new %+v)", l, p, newGroupID, d.Mentions, d.NewEntities)
	}
}

func TestReplicaIngestLinksWhatAnotherImported(t *testing.T) {
	reload(t)
	a, b := replicas(t)
	warm(t, b)
	r := doAt(t, a.URL, http.MethodPost, "/api/v1/import", strings.NewReader(newGroupSet),
		http.Header{"Content-Type": {"application/json"}, "X-Api-Key": {a.APIKey}})
	if r.status != 200 {
		t.Fatalf("import through A: got %d %s, want 200", r.status, clip(r.body))
	}
	checkLinked(t, b, nil)
}

func TestReplicaIngestLinksWhatTheCLIWrote(t *testing.T) {
	reload(t)
	_, b := replicas(t)
	warm(t, b)
	// As `actorgraph import --chunked` does: the cypher store, straight to
	// Neo4j, a transaction per chunk.
	d, err := dataset.ReadFile(writeFile(t, "group.json", newGroupSet))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cypher.New(db.Driver, cypher.Options{}).ImportChunked(context.Background(), d, 1, nil); err != nil {
		t.Fatal(err)
	}
	checkLinked(t, b, nil)
}

// A database without a version node (neo4j-admin's new database, or one
// written by hand) has an unknown version: the gazetteer is read again.
func TestReplicaIngestReloadsWithoutAVersion(t *testing.T) {
	reload(t)
	_, b := replicas(t)
	run := func(query string) {
		t.Helper()
		_, err := neo4j.ExecuteQuery(context.Background(), db.Driver, query,
			map[string]any{"id": newGroupID, "name": newGroupName}, neo4j.EagerResultTransformer)
		if err != nil {
			t.Fatal(err)
		}
	}
	// The gazetteer is built while there is no version, then the graph
	// changes without one: "no version" must never count as the same one.
	run(`MATCH (v:GraphVersion) DELETE v`)
	warm(t, b)
	// A record written by hand carries its marking as actorgraph's writes do
	// (docs/DEPLOY.md): without markingRank every read leaves it out.
	run(`CREATE (:Entity:Group {id: $id, kind: 'Group', name: $name, aliases: [], marking: 'clear', markingRank: 0})`)
	checkLinked(t, b, nil)
}

// writeFile writes body to a file of the test's temporary directory.
func writeFile(t *testing.T, name, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// bookmarkValue is an X-Bookmark value as the service writes it (base64url
// of the JSON array), for bookmarks of our own making.
func bookmarkValue(list ...string) string {
	b, _ := json.Marshal(list)
	return base64.RawURLEncoding.EncodeToString(b)
}

// lastBookmark is the bookmark of the database's latest transaction, read
// by a driver of the test's own: the one a read session ends with.
func lastBookmark(t *testing.T) []string {
	t.Helper()
	ctx := context.Background()
	s := db.Driver.NewSession(ctx, neo4j.SessionConfig{AccessMode: neo4j.AccessModeRead})
	defer s.Close(ctx)
	if _, err := s.ExecuteRead(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		res, err := tx.Run(ctx, "RETURN 1", nil)
		if err != nil {
			return nil, err
		}
		return res.Consume(ctx)
	}); err != nil {
		t.Fatal(err)
	}
	return neo4j.BookmarksToRawValues(s.LastBookmarks())
}

// On one Neo4j server every read sees every committed write, with or
// without a bookmark; what a single server can show is the plumbing: a
// write answers with the bookmark of its own commit, another server
// accepts it back, and the bookmarks a client sends reach the database
// with each statement (a bookmark it never issued is refused).
func TestReplicaReadAfterWriteWithBookmark(t *testing.T) {
	reload(t)
	a, b := replicas(t)
	r := doAt(t, a.URL, http.MethodPost, "/api/v1/import", strings.NewReader(newGroupSet),
		http.Header{"Content-Type": {"application/json"}, "X-Api-Key": {a.APIKey}})
	if r.status != 200 {
		t.Fatalf("import through A: got %d %s, want 200", r.status, clip(r.body))
	}
	bm := r.header.Get("X-Bookmark")
	raw, err := base64.RawURLEncoding.DecodeString(bm)
	var list []string
	if err == nil {
		err = json.Unmarshal(raw, &list)
	}
	if err != nil || len(list) == 0 {
		t.Fatalf("import through A answered X-Bookmark %q (%v), want base64url of a JSON list of bookmarks", bm, err)
	}
	// Nothing wrote since: the database's latest bookmark is the import's.
	if last := lastBookmark(t); !slices.Equal(list, last) {
		t.Errorf("import through A answered bookmarks %q, want its commit's %q", list, last)
	}

	for _, h := range []http.Header{{"X-Bookmark": {bm}}, nil} {
		r = doAt(t, b.URL, http.MethodGet, "/api/v1/entities/"+newGroupID, nil, h)
		var e struct{ Name string }
		r.json(t, &e)
		if r.status != 200 || e.Name != newGroupName {
			t.Errorf("read through B (header %v): got %d %s, want 200 with %s", h, r.status, clip(r.body), newGroupName)
		}
		if got := r.header.Get("X-Bookmark"); got != "" {
			t.Errorf("a read answered X-Bookmark %q, want none (only writes do)", got)
		}
	}
	// An ingest through B with A's bookmark, and B answers with one of its own.
	r, d := ingestAt(t, b, "third report", "The "+newGroupName+" named a new leader on Monday.",
		http.Header{"X-Bookmark": {bm}})
	if l, _ := linked(d, newGroupName, newGroupID); r.status != 201 || !l {
		t.Errorf("ingest through B with A's bookmark: got %d, linked %v; want 201, linked", r.status, l)
	}
	if got := r.header.Get("X-Bookmark"); got == "" || got == bm {
		t.Errorf("ingest through B answered X-Bookmark %q, want the bookmark of its own write (not %q)", got, bm)
	}
}

// A bookmark the database never issued is refused by the database itself,
// before anything is read or written: proof that the client's bookmarks
// reach the database with one-shot reads (most GETs begin with one), with
// streamed reads (the STIX export begins with one) and with write sessions
// (the import's look-ups and the retract begin with one).
func TestReplicaUnknownBookmarkIs400(t *testing.T) {
	reload(t)
	a, _ := replicas(t)
	forged := bookmarkValue("FB:not-a-bookmark-of-this-database")
	const edge = "CLAIMED_RESPONSIBILITY:group:is-k->event:2024-03-22-crocus-city-hall"
	n0, r0 := counts(t)
	for _, c := range []struct{ method, target, body string }{
		{"GET", "/api/v1/entities/group:is-k", ""},
		{"GET", "/api/v1/search?q=Crocus", ""},
		{"GET", "/api/v1/graph", ""},
		{"GET", "/api/v1/export/stix", ""}, // begins with a streamed read
		{"GET", "/api/v1/paths/shortest?" + q("from", "group:is-k", "to", "state:tj"), ""},
		{"POST", "/api/v1/import", newGroupSet},
		{"POST", "/api/v1/sources", `{"title":"t","text":"The ` + newGroupName + ` met in Kabul."}`},
		{"POST", "/api/v1/edges/" + url.PathEscape(edge) + "/retract", `{"reason":"test"}`},
	} {
		r := doAt(t, a.URL, c.method, c.target, strings.NewReader(c.body), http.Header{"X-Bookmark": {forged},
			"Content-Type": {"application/json"}, "X-Api-Key": {a.APIKey}})
		var e errorBody
		r.json(t, &e)
		if r.status != 400 || !strings.HasPrefix(e.Error.Message, "X-Bookmark") {
			t.Errorf("%s %s with a forged bookmark: got %d %s, want 400 naming X-Bookmark", c.method, c.target,
				r.status, clip(r.body))
		}
	}
	if n, r := counts(t); n != n0 || r != r0 {
		t.Errorf("counts %d/%d -> %d/%d after refused requests, want no change", n0, r0, n, r)
	}
	r := get(t, "/api/v1/paths/shortest?"+q("from", "group:is-k", "to", "event:2024-03-22-crocus-city-hall",
		"maxDepth", "1", "rel", "CLAIMED_RESPONSIBILITY"))
	if !hasEdge(t, r, edge) {
		t.Errorf("the edge was retracted by a request with a forged bookmark")
	}
}

func TestReplicaMalformedBookmarkIs400(t *testing.T) {
	n0, r0 := counts(t)
	for _, v := range []string{
		"not base64!",
		base64.RawURLEncoding.EncodeToString([]byte(`{"a":1}`)),
		bookmarkValue(""),
		strings.Repeat("A", 5000),
		bookmarkValue(slices.Repeat([]string{"FB:x"}, 33)...),
	} {
		for _, method := range []string{"GET", "POST"} {
			target, body := "/api/v1/entities/group:is-k", ""
			if method == "POST" {
				target, body = "/api/v1/import", newGroupSet
			}
			r := do(t, method, target, strings.NewReader(body), http.Header{"X-Bookmark": {v},
				"Content-Type": {"application/json"}, "X-Api-Key": {srv.APIKey}})
			var e errorBody
			r.json(t, &e)
			if r.status != 400 || e.Error.Code != "invalid" || !strings.HasPrefix(e.Error.Message, "X-Bookmark") {
				t.Errorf("%s with X-Bookmark %q: got %d %s, want 400 naming X-Bookmark", method, graph.Clip(v, 40),
					r.status, clip(r.body))
			}
		}
	}
	if n, r := counts(t); n != n0 || r != r0 {
		t.Errorf("counts %d/%d -> %d/%d after refused imports, want no change", n0, r0, n, r)
	}
}
