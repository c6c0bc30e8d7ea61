package curate

import (
	"encoding/json"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// crocusFS is a copy of the Crocus data set's folder in memory, with edit
// applied to its curated edges.
func crocusFS(t *testing.T, edit func(es []Edge) []Edge) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS("../crocus"), ".", func(p string, de fs.DirEntry, err error) error {
		if err != nil || de.IsDir() {
			return err
		}
		b, err := os.ReadFile("../crocus/" + p)
		m[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var es []Edge
	if err := json.Unmarshal(m[Dir+"/edges.json"].Data, &es); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(edit(es))
	if err != nil {
		t.Fatal(err)
	}
	m[Dir+"/edges.json"] = &fstest.MapFile{Data: b}
	return m
}

// find returns the curated edge with this id.
func find(t *testing.T, es []Edge, id string) *Edge {
	t.Helper()
	for i := range es {
		if es[i].ID() == id {
			return &es[i]
		}
	}
	t.Fatalf("no curated edge %s", id)
	return nil
}

const attack = "event:2024-03-22-crocus-city-hall"

// TestBuildRefusesBadCuration: a curation that breaks the import's
// validation, a data rule or the coverage of the public facts is not built,
// and the error names the edge or fact.
func TestBuildRefusesBadCuration(t *testing.T) {
	cases := []struct {
		name string
		edit func(t *testing.T, es []Edge) []Edge
		want string
	}{
		{"quote not in the text (import validation)", func(t *testing.T, es []Edge) []Edge {
			find(t, es, "DENIED:person:mykhailo-podolyak->"+attack).Quote = "Ukraine had everything to do with it"
			return es
		}, "quote not found verbatim in the text of source:web-anews-podolyak"},
		{"motive stated as fact (data rule)", func(t *testing.T, es []Edge) []Edge {
			find(t, es, "MOTIVATED_BY:"+attack+"->event:2015-09-30-russian-intervention-in-syria").Stance = "reported"
			return es
		}, "stanceTypeKind: MOTIVATED_BY:" + attack},
		{"confidence below the band", func(t *testing.T, es []Edge) []Edge {
			find(t, es, "ISSUED:state:us->event:2024-03-07-us-embassy-warning").Confidence = 20
			return es
		}, "ISSUED:state:us->event:2024-03-07-us-embassy-warning): confidence 20 is below the band 40-80"},
		{"public fact dropped", func(t *testing.T, es []Edge) []Edge {
			e := find(t, es, "ISSUED:state:gb->event:2024-03-07-us-embassy-warning")
			e.Facts = nil
			return es
		}, "public fact 92 is neither imported"},
		{"derived property written by hand", func(t *testing.T, es []Edge) []Edge {
			find(t, es, "ISSUED:state:gb->event:2024-03-07-us-embassy-warning").Properties.Set("publicFacts", []any{92})
			return es
		}, "properties.publicFacts is derived"},
		{"quote offsets written by hand", func(t *testing.T, es []Edge) []Edge {
			n := 3
			find(t, es, "ISSUED:state:gb->event:2024-03-07-us-embassy-warning").QuoteStart = &n
			return es
		}, "quoteStart, quoteEnd and quoteSha256 are not curated"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Build(crocusFS(t, func(es []Edge) []Edge { return c.edit(t, es) }))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got error %v, want one containing %q", err, c.want)
			}
		})
	}
}

// TestFirstDifferenceNamesTheEdge: a changed fact is named by its edge and
// field.
func TestFirstDifferenceNamesTheEdge(t *testing.T) {
	same := func(es []Edge) []Edge { return es }
	orig, err := Build(crocusFS(t, same))
	if err != nil {
		t.Fatal(err)
	}
	changed, err := Build(crocusFS(t, func(es []Edge) []Edge {
		find(t, es, "TRAVELED_TO:attacker:saidakrami-rachabalizoda->state:tr").ReportedOn = "2024-02-01"
		return es
	}))
	if err != nil {
		t.Fatal(err)
	}
	if d := FirstDifference(orig, orig); d != "" {
		t.Errorf("identical files: got %q, want no difference", d)
	}
	want := "TRAVELED_TO:attacker:saidakrami-rachabalizoda->state:tr: reportedOn is \"2024-01-05\" in crocus.json but \"2024-02-01\" in the curation"
	if d := FirstDifference(orig, changed); !strings.Contains(d, want) {
		t.Errorf("got %q, want it to contain %q", d, want)
	}
}
