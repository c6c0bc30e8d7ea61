package testkit_test

import (
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/actorgraph/actorgraph/testkit"
)

var db *testkit.Neo4j

func TestMain(m *testing.M) { testkit.Main(m, &db) }

// query runs one statement and returns its records.
func query(t *testing.T, cypher string, params map[string]any) []*neo4j.Record {
	t.Helper()
	res, err := neo4j.ExecuteQuery(t.Context(), db.Driver, cypher, params, neo4j.EagerResultTransformer)
	if err != nil {
		t.Fatalf("%s: %v", cypher, err)
	}
	return res.Records
}

func count(t *testing.T, cypher string) int64 {
	t.Helper()
	recs := query(t, cypher, nil)
	n, _, err := neo4j.GetRecordValue[int64](recs[0], "n")
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestReturnOne(t *testing.T) {
	recs := query(t, "RETURN 1 AS one", nil)
	got, _, err := neo4j.GetRecordValue[int64](recs[0], "one")
	if err != nil || got != 1 {
		t.Fatalf("RETURN 1: got %d (%v), want 1", got, err)
	}
}

func TestServerVersion(t *testing.T) {
	recs := query(t, "CALL dbms.components() YIELD name, versions, edition RETURN name, versions[0] AS version, edition",
		nil)
	version, _, _ := neo4j.GetRecordValue[string](recs[0], "version")
	edition, _, _ := neo4j.GetRecordValue[string](recs[0], "edition")
	if version != "5.26.30" || edition != "community" {
		t.Fatalf("dbms.components(): got %s %s, want 5.26.30 community (image %s)", version, edition, db.Image)
	}
}

func TestShortestPathAndReset(t *testing.T) {
	ctx := t.Context()
	if err := db.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	// A schema object that Reset must keep.
	query(t, "CREATE CONSTRAINT testkit_id IF NOT EXISTS FOR (n:Thing) REQUIRE n.id IS UNIQUE", nil)
	query(t, `CREATE (a:Thing {id: 'a'})-[:LINKS]->(b:Thing {id: 'b'})-[:LINKS]->(c:Thing {id: 'c'}),
	                 (a)-[:LINKS]->(d:Thing {id: 'd'})-[:LINKS]->(e:Thing {id: 'e'})-[:LINKS]->(c)`, nil)

	recs := query(t, `MATCH p = SHORTEST 1 (a:Thing {id: $from})-[*]-(b:Thing {id: $to})
	                  RETURN [n IN nodes(p) | n.id] AS ids`, map[string]any{"from": "a", "to": "c"})
	if len(recs) != 1 {
		t.Fatalf("SHORTEST 1: got %d paths, want 1", len(recs))
	}
	ids, _, _ := neo4j.GetRecordValue[[]any](recs[0], "ids")
	if len(ids) != 3 || ids[0] != "a" || ids[1] != "b" || ids[2] != "c" {
		t.Fatalf("SHORTEST 1 a..c: got %v, want [a b c]", ids)
	}

	if err := db.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	if n := count(t, "MATCH (n) RETURN count(n) AS n"); n != 0 {
		t.Errorf("after Reset: got %d nodes, want 0", n)
	}
	if n := count(t, "MATCH ()-[r]->() RETURN count(r) AS n"); n != 0 {
		t.Errorf("after Reset: got %d relationships, want 0", n)
	}
	if n := count(t, "SHOW CONSTRAINTS YIELD name WHERE name = 'testkit_id' RETURN count(*) AS n"); n != 1 {
		t.Errorf("after Reset: got %d testkit_id constraints, want 1 (Reset must keep the schema)", n)
	}
}
