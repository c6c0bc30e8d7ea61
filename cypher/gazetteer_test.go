package cypher_test

import (
	"context"
	"slices"
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
	want := map[string]ingest.Entry{}
	for _, e := range ingest.EntriesOf(d) {
		want[e.ID] = e
	}
	if len(got) != len(want) {
		t.Errorf("%d entries from Neo4j, %d from the data set", len(got), len(want))
	}
	const ev = "event:2024-03-22-crocus-city-hall"
	n := 0
	for _, e := range got {
		w := want[e.ID]
		if !slices.Equal(sorted(e.Places), sorted(w.Places)) {
			t.Errorf("%s: places %v from Neo4j, %v from the data set", e.ID, e.Places, w.Places)
		}
		if e.Kind != w.Kind || e.Name != w.Name || e.Demonym != w.Demonym || e.Date != w.Date ||
			e.Nationality != w.Nationality ||
			!slices.Equal(sorted(e.Aliases), sorted(w.Aliases)) {
			t.Errorf("%s: %+v from Neo4j, %+v from the data set", e.ID, e, w)
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

func sorted(s []string) []string {
	return slices.Sorted(slices.Values(s))
}
