package cypher

import (
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// These tests need no database: they feed the mapper the driver's own
// types, as Neo4j would send them, with a column or property missing or of
// the wrong type.

func goodNode() map[string]any {
	return map[string]any{"id": "group:x", "kind": "Group", "name": "X", "aliases": []any{"Ex"}, "founded": "2015"}
}

func goodEdge() map[string]any {
	return map[string]any{"id": "e1", "sources": []any{"source:s"}, "quote": "q", "quoteSource": "source:s",
		"confidence": int64(80), "stance": "reported"}
}

func TestToNodeRequiresIdKindName(t *testing.T) {
	n, err := toNode(dbtype.Node{ElementId: "4:x:1", Props: goodNode()})
	if err != nil || n.ID != "group:x" || n.Name != "X" || len(n.Aliases) != 1 || n.Properties["founded"] != "2015" {
		t.Fatalf("good node: got %+v, %v", n, err)
	}
	optional := goodNode()
	delete(optional, "aliases")
	if _, err := toNode(dbtype.Node{ElementId: "4:x:2", Props: optional}); err != nil {
		t.Errorf("a node without aliases (optional): got %v, want no error", err)
	}
	for _, tc := range []struct {
		name   string
		change func(map[string]any)
		want   string
	}{
		{"no id", func(m map[string]any) { delete(m, "id") }, "property id is missing"},
		{"no kind", func(m map[string]any) { delete(m, "kind") }, "property kind is missing"},
		{"no name", func(m map[string]any) { delete(m, "name") }, "property name is missing"},
		{"null name", func(m map[string]any) { m["name"] = nil }, "property name is missing"},
		{"id a number", func(m map[string]any) { m["id"] = int64(7) }, "property id is int64, want a string"},
		{"aliases a string", func(m map[string]any) { m["aliases"] = "Ex" }, "property aliases is string"},
		{"alias a number", func(m map[string]any) { m["aliases"] = []any{"Ex", int64(2)} },
			"property aliases item 1 is int64"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := goodNode()
			tc.change(p)
			n, err := toNode(dbtype.Node{ElementId: "4:x:3", Props: p})
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "node 4:x:3: ") {
				t.Errorf("got %+v, %v; want an error saying %q about node 4:x:3", n, err, tc.want)
			}
		})
	}
}

func TestToEdgeRequiresEvidence(t *testing.T) {
	ids := map[string]string{"a": "group:a", "b": "state:b"}
	rel := func(p map[string]any) dbtype.Relationship {
		return dbtype.Relationship{ElementId: "5:x:9", StartElementId: "a", EndElementId: "b", Type: "AFFILIATE_OF", Props: p}
	}
	e, err := toEdge(rel(goodEdge()), ids)
	if err != nil || e.ID != "e1" || e.Confidence != 80 || e.Source != "group:a" || e.Target != "state:b" ||
		e.Stance != "reported" {
		t.Fatalf("good edge: got %+v, %v", e, err)
	}
	for _, tc := range []struct {
		name   string
		change func(map[string]any)
		want   string
	}{
		{"no id", func(m map[string]any) { delete(m, "id") }, "property id is missing"},
		{"no confidence", func(m map[string]any) { delete(m, "confidence") }, "property confidence is missing"},
		{"confidence a string", func(m map[string]any) { m["confidence"] = "80" },
			"property confidence is string, want an integer"},
		{"confidence a float", func(m map[string]any) { m["confidence"] = 80.0 }, "property confidence is float64"},
		{"no stance", func(m map[string]any) { delete(m, "stance") }, "property stance is missing"},
		{"no sources", func(m map[string]any) { delete(m, "sources") }, "property sources is missing"},
		{"quote a list", func(m map[string]any) { m["quote"] = []any{"q"} },
			"property quote is []interface {}, want a string"},
		{"inferred a string", func(m map[string]any) { m["inferred"] = "yes" },
			"property inferred is string, want a boolean"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := goodEdge()
			tc.change(p)
			e, err := toEdge(rel(p), ids)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(),
				"AFFILIATE_OF relationship 5:x:9: ") {
				t.Errorf("got %+v, %v; want an error saying %q about relationship 5:x:9", e, err, tc.want)
			}
		})
	}
	if _, err := toEdge(dbtype.Relationship{ElementId: "5:x:9", StartElementId: "a", EndElementId: "zz",
		Type: "AFFILIATE_OF", Props: goodEdge()}, ids); err == nil {
		t.Errorf("an edge to a node the answer has not read: got no error")
	}
}

// TestCollectorMapsEachRelationshipOnce: a relationship read again (a
// neighbourhood meets most edges from both ends) gives the same edge and is
// listed once; another relationship with the same id is not listed again.
func TestCollectorMapsEachRelationshipOnce(t *testing.T) {
	c := newCollector()
	c.node(dbtype.Node{ElementId: "a", Props: goodNode()})
	other := goodNode()
	other["id"] = "state:b"
	c.node(dbtype.Node{ElementId: "b", Props: other})
	r := dbtype.Relationship{ElementId: "5:x:9", StartElementId: "a", EndElementId: "b",
		Type: "AFFILIATE_OF", Props: goodEdge()}
	first, again := c.edge(r), c.edge(r)
	if first.ID != "e1" || again.ID != "e1" || again.Source != "group:x" || again.Target != "state:b" ||
		again.Confidence != 80 {
		t.Fatalf("read twice: got %+v and %+v, want edge e1 from group:x to state:b both times", first, again)
	}
	r2 := r
	r2.ElementId = "5:x:10"
	if e := c.edge(r2); e.ID != "e1" {
		t.Fatalf("another relationship with id e1: got %+v", e)
	}
	if err := c.check("test"); err != nil || len(c.edges) != 1 {
		t.Fatalf("got %d edges (%v), want e1 once", len(c.edges), err)
	}
	bad := r
	bad.ElementId = "5:x:11"
	bad.Props = map[string]any{"id": "e2"}
	c.edge(bad)
	if err := c.check("test"); err == nil || !strings.Contains(err.Error(), "AFFILIATE_OF relationship 5:x:11: property") {
		t.Errorf("a relationship without evidence: got %v, want an error naming AFFILIATE_OF relationship 5:x:11", err)
	}
}

func TestColumnsFailLoudly(t *testing.T) {
	rec := &neo4j.Record{Keys: []string{"id", "degree", "gone"}, Values: []any{"group:x", "7", nil}}
	cl := &cols{stmt: "degree"}
	if got := get[string](cl, rec, "id"); got != "group:x" || cl.check() != nil {
		t.Fatalf("a good column: got %q, %v", got, cl.check())
	}
	for _, tc := range []struct{ key, want string }{
		{"degree", "column degree: expected value to have type int64 but found type string"},
		{"missing", "column missing: record value missing not found"},
		{"gone", "column gone is null"},
	} {
		cl := &cols{stmt: "degree"}
		_ = get[int64](cl, rec, tc.key)
		err := cl.check()
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "statement degree") {
			t.Errorf("column %s: got %v, want an error naming statement degree and saying %q", tc.key, err, tc.want)
		}
	}
	// A collector keeps the first bad row and names the statement.
	c := newCollector()
	bad := goodNode()
	delete(bad, "name")
	c.node(dbtype.Node{ElementId: "4:x:1", Props: goodNode()})
	c.node(dbtype.Node{ElementId: "4:x:2", Props: bad})
	if err := c.check("expand-level-1"); err == nil || !strings.Contains(err.Error(),
		"statement expand-level-1") || !strings.Contains(err.Error(), "property name is missing") {
		t.Errorf("collector: got %v, want the missing name with the statement", err)
	}
	if len(c.nodes) != 1 {
		t.Errorf("collector kept %d nodes, want the good one only", len(c.nodes))
	}
}
