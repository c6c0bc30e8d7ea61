package cypher_test

import (
	"context"
	"testing"

	"github.com/actorgraph/actorgraph/cypher"
	"github.com/actorgraph/actorgraph/testkit"
)

// db is the one Neo4j container of this package's tests.
var db *testkit.Neo4j

func TestMain(m *testing.M) { testkit.Main(m, &db) }

// crocusStore resets the database, loads the Crocus set and returns a store.
func crocusStore(t *testing.T) *cypher.Store {
	t.Helper()
	ctx := context.Background()
	if err := db.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	if err := db.LoadCrocus(ctx); err != nil {
		t.Fatalf("load crocus: %v", err)
	}
	s, err := db.NewStore(ctx, cypher.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func counts(t *testing.T) (int64, int64) {
	t.Helper()
	n, r, err := db.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n, r
}
