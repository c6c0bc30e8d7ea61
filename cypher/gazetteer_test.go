package cypher_test

import (
	"context"
	"testing"

	"github.com/actorgraph/actorgraph/data"
	"github.com/actorgraph/actorgraph/ingest"
)

// TestGazetteerEntriesMatchDataSet: what ingest reads from Neo4j for its
// gazetteer is what it reads from the data set itself, an Event's places
// (where it occurred and the places those lie in) included.
func TestGazetteerEntriesMatchDataSet(t *testing.T) {
	st := crocusStore(t)
	got, err := st.GazetteerEntries(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	d, err := data.Crocus()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{}
	for _, e := range ingest.EntriesOf(d) {
		want[e.ID] = e.Places
	}
	const ev = "event:2024-03-22-crocus-city-hall"
	n := 0
	for _, e := range got {
		if len(e.Places) != len(want[e.ID]) {
			t.Errorf("%s: places %v from Neo4j, %v from the data set", e.ID, e.Places, want[e.ID])
		}
		if e.ID == ev {
			for _, p := range e.Places {
				if p == "location:krasnogorsk" {
					n++
				}
			}
		}
	}
	if n != 1 {
		t.Errorf("%s: krasnogorsk (where its venue lies) found %d times in its places", ev, n)
	}
}
