package cypher_test

import (
	"context"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/data"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/cypherstmt"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// one runs a one-value statement on the test database.
func one[T any](t *testing.T, q string, params map[string]any) T {
	t.Helper()
	res, err := neo4j.ExecuteQuery(context.Background(), db.Driver, q, params, neo4j.EagerResultTransformer)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	if len(res.Records) != 1 || len(res.Records[0].Values) != 1 {
		t.Fatalf("%s: got %d records, want one value", q, len(res.Records))
	}
	v, ok := res.Records[0].Values[0].(T)
	if !ok {
		t.Fatalf("%s: got %T, want %T", q, res.Records[0].Values[0], v)
	}
	return v
}

// TestImportHistoryInBatches: an import records the records it creates in
// import batches, not one :Change each; every created record names its
// batch; the history reads the creation back as an "import" change with the
// state written; answers never show the batch property.
func TestImportHistoryInBatches(t *testing.T) {
	ctx := context.Background()
	s := crocusStore(t)
	d, _ := data.Crocus()
	if n := one[int64](t, `MATCH (c:Change) RETURN count(c)`, nil); n != 0 {
		t.Errorf("%d :Change nodes after an import into an empty database, want 0 (creations are in batches)", n)
	}
	batches := one[int64](t, `MATCH (b:ImportBatch) RETURN count(b)`, nil)
	if batches == 0 || batches > int64(len(d.Nodes)+len(d.Edges))/2 {
		t.Errorf("%d import batches for %d records, want a few", batches, len(d.Nodes)+len(d.Edges))
	}
	if n := one[int64](t, `MATCH (n:Entity) WHERE NOT EXISTS { MATCH (b:ImportBatch {id: n.importBatch}) WHERE n.id IN b.targets } RETURN count(n)`, nil); n != 0 {
		t.Errorf("%d imported nodes name no batch that lists them", n)
	}
	if n := one[int64](t, `MATCH ()-[r]->() WHERE NOT EXISTS { MATCH (b:ImportBatch {id: r.importBatch}) WHERE r.id IN b.targets } RETURN count(r)`, nil); n != 0 {
		t.Errorf("%d imported relationships name no batch that lists them", n)
	}

	h, err := s.History(ctx, "ISIS-K", false)
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != 1 || h[0].Action != "import" || h[0].Target != "group:is-k" || h[0].At == "" || h[0].Before != nil {
		t.Fatalf("IS-K history %+v, want one import", h)
	}
	if h[0].After["name"] != "Islamic State – Khorasan Province" || h[0].After["kind"] != "Group" {
		t.Errorf("IS-K import after = %v, want its name and kind", h[0].After)
	}
	for _, k := range []string{graph.ImportBatchProp, "keys", "keyText", "aliasText"} {
		if _, ok := h[0].After[k]; ok {
			t.Errorf("IS-K import after shows %s: %v", k, h[0].After)
		}
	}
	e := d.Edges[len(d.Edges)/2]
	id := e.ID
	if id == "" {
		id = graph.EdgeID(e.Type, e.Source, e.Target)
	}
	h, err = s.History(ctx, id, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != 1 || h[0].Action != "import" || h[0].Target != id || h[0].After["id"] != id ||
		h[0].After["confidence"] != float64(e.Confidence) {
		t.Errorf("edge %s history %+v, want its import with confidence %d", id, h, e.Confidence)
	}

	g, err := s.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range g.Nodes {
		if _, ok := n.Properties[graph.ImportBatchProp]; ok {
			t.Fatalf("node %s shows %s", n.ID, graph.ImportBatchProp)
		}
	}
	for _, e := range g.Edges {
		if _, ok := e.Properties[graph.ImportBatchProp]; ok {
			t.Fatalf("edge %s shows %s", e.ID, graph.ImportBatchProp)
		}
	}
}

// TestImportKeepsRetractionAndBatch: importing a data set again never takes
// back a retraction (the retracted edge is unchanged), an update of a
// retracted edge keeps it retracted, and updates keep each record's import
// batch; the edit's before and after show the retraction.
func TestImportKeepsRetractionAndBatch(t *testing.T) {
	ctx := context.Background()
	s := crocusStore(t)
	d, _ := data.Crocus()
	e := d.Edges[0]
	id := e.ID
	if id == "" {
		id = graph.EdgeID(e.Type, e.Source, e.Target)
	}
	params := map[string]any{"id": id, "node": e.Source}
	batchOf := func() (string, string) {
		return one[string](t, `MATCH ()-[r {id: $id}]->() RETURN r.importBatch`, params),
			one[string](t, `MATCH (n:Entity {id: $node}) RETURN n.importBatch`, params)
	}
	edgeBatch, nodeBatch := batchOf()
	if _, err := s.Retract(ctx, id, "the source withdrew it", "alice"); err != nil {
		t.Fatal(err)
	}
	rep, err := s.Import(ctx, d, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Edges.Updated != 0 || rep.Edges.Unchanged != len(d.Edges) || rep.Nodes.Unchanged != len(d.Nodes) {
		t.Errorf("import again after a retraction: %+v, want everything unchanged", rep)
	}
	if st := one[string](t, `MATCH ()-[r {id: $id}]->() RETURN coalesce(r.status, '')`, params); st != "retracted" {
		t.Fatalf("after importing again the edge's status is %q, want retracted", st)
	}

	d, _ = data.Crocus()
	changed := d.Edges[0]
	changed.Confidence = (changed.Confidence + 7) % 101
	var src graph.Node
	for _, n := range d.Nodes {
		if n.ID == e.Source {
			src = n
		}
	}
	src.Name += " (renamed)"
	rep, err = s.Import(ctx, &graph.DataSet{Nodes: []graph.Node{src}, Edges: []graph.Edge{changed}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Edges.Updated != 1 || rep.Nodes.Updated != 1 {
		t.Fatalf("import of a changed edge and node: %+v, want both updated", rep)
	}
	if st := one[string](t, `MATCH ()-[r {id: $id}]->() RETURN coalesce(r.status, '')`, params); st != "retracted" {
		t.Errorf("after an update the edge's status is %q, want retracted", st)
	}
	if eb, nb := batchOf(); eb != edgeBatch || nb != nodeBatch {
		t.Errorf("updates changed the import batches: edge %s -> %s, node %s -> %s", edgeBatch, eb, nodeBatch, nb)
	}
	h, err := s.History(ctx, id, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != 3 || h[0].Action != "import" || h[1].Action != "retract" || h[2].Action != "edit" {
		t.Fatalf("history %+v, want import, retract, edit", h)
	}
	edit := h[2]
	if edit.After["status"] != "retracted" || edit.Before["status"] != "retracted" ||
		edit.After["confidence"] != float64(changed.Confidence) {
		t.Errorf("edit before %v after %v, want the retraction on both sides and the new confidence", edit.Before, edit.After)
	}
	for _, c := range h {
		if _, ok := c.After[graph.ImportBatchProp]; ok {
			t.Errorf("%s change shows %s: %v", c.Action, graph.ImportBatchProp, c.After)
		}
		if _, ok := c.Before[graph.ImportBatchProp]; ok {
			t.Errorf("%s change shows %s before: %v", c.Action, graph.ImportBatchProp, c.Before)
		}
	}
	// Importing the changed records again changes nothing.
	rep, err = s.Import(ctx, &graph.DataSet{Nodes: []graph.Node{src}, Edges: []graph.Edge{changed}}, nil)
	if err != nil || rep.Edges.Unchanged != 1 || rep.Nodes.Unchanged != 1 {
		t.Errorf("the same import again: %+v %v, want both unchanged", rep, err)
	}
}

// TestCreateEdgesChecksEnds: the importer's edge statement finds ends by
// element id and counts, in "checked", only the rows whose ends carry the
// ids the row names; run fails a batch where the two counts differ.
func TestCreateEdgesChecksEnds(t *testing.T) {
	ctx := context.Background()
	crocusStore(t)
	q, err := cypherstmt.CreateEdges("AFFILIATE_OF")
	if err != nil {
		t.Fatal(err)
	}
	elem := func(id string) string {
		return one[string](t, `MATCH (n:Entity {id: $id}) RETURN elementId(n)`, map[string]any{"id": id})
	}
	a, b := elem("group:is-k"), elem("group:islamic-state")
	props := map[string]any{"id": "AFFILIATE_OF:test", "sources": []string{"source:seed-2024-03-25"},
		"confidence": int64(1), "stance": "reported"}
	sess := db.Driver.NewSession(ctx, neo4j.SessionConfig{AccessMode: neo4j.AccessModeWrite})
	defer sess.Close(ctx)
	tx, err := sess.BeginTransaction(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	res, err := tx.Run(ctx, q, map[string]any{"importBatch": nil, "batch": []any{
		[]any{a, b, props, "group:is-k", "group:islamic-state"},
		[]any{a, b, props, "group:not-is-k", "group:islamic-state"}, // a's element id, another id
		[]any{"4:00000000-0000-0000-0000-000000000000:999999999", b, props, "group:is-k", "group:islamic-state"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	rec, err := res.Single(ctx)
	if err != nil {
		t.Fatal(err)
	}
	n, _ := rec.Get("n")
	checked, _ := rec.Get("checked")
	if n != int64(2) || checked != int64(1) {
		t.Errorf("n = %v, checked = %v; want 2 rows matched by element id (the third names no node) "+
			"and 1 of them checked", n, checked)
	}
}

// TestImportChunkedEndDeletedMidway: a stored node a new edge leads to is
// deleted after the import read it and before the edge is written; the
// chunk fails naming the cause and keeps nothing of the chunk.
func TestImportChunkedEndDeletedMidway(t *testing.T) {
	ctx := context.Background()
	s := crocusStore(t)
	n0, _ := counts(t)
	d := &graph.DataSet{
		Nodes: []graph.Node{{ID: "group:midway-test", Kind: graph.Group, Name: "Midway Test Group"}},
		Edges: []graph.Edge{{Type: "AFFILIATE_OF", Source: "group:midway-test", Target: "group:is-k",
			Evidence: graph.Evidence{Level: graph.EvidenceSummary, Summary: "A test edge.",
				Sources: []string{"source:seed-2024-03-25"}, Confidence: 10, Stance: "reported"}}},
	}
	deleted := false
	_, err := s.ImportChunked(ctx, d, 0, func(done, total int) {
		if deleted {
			return
		}
		deleted = true // after the node batch, before the edge batch
		if _, err := neo4j.ExecuteQuery(ctx, db.Driver,
			`MATCH (n:Entity {id: 'group:is-k'}) DETACH DELETE n`, nil, neo4j.EagerResultTransformer); err != nil {
			t.Errorf("delete: %v", err)
		}
	})
	if err == nil || !strings.Contains(err.Error(), "disappeared") {
		t.Fatalf("got %v, want the import to fail saying an endpoint disappeared", err)
	}
	if n := one[int64](t, `MATCH (n:Entity {id: 'group:midway-test'}) RETURN count(n)`, nil); n != 0 {
		t.Errorf("the failed chunk's node was kept")
	}
	if n1, _ := counts(t); n1 != n0-1 {
		t.Errorf("nodes %d -> %d, want only the deleted one gone", n0, n1)
	}
}
