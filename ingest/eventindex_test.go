package ingest

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/data"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/synth"
)

// TestEventIndexAgrees: the main event found through the event index is
// the one scoring every event of the gazetteer finds, for every article of
// the evaluation set and the seed, on its own date and on dates of the
// graph's events, against the Crocus set plus a generated graph.
func TestEventIndexAgrees(t *testing.T) {
	crocus, err := data.Crocus()
	if err != nil {
		t.Fatal(err)
	}
	gen, err := synth.Generate(synth.Config{Shape: "ba", Nodes: 20_000, Seed: 3, Tag: "x"})
	if err != nil {
		t.Fatal(err)
	}
	big, err := gen.DataSet()
	if err != nil {
		t.Fatal(err)
	}
	entries := append(EntriesOf(crocus), EntriesOf(big)...)
	have := map[string]bool{}
	for _, e := range entries {
		have[e.ID] = true
	}
	for _, dir := range []string{"testdata/eval/dev", "testdata/eval/test"} {
		b, err := os.ReadFile(filepath.Join(dir, "entities.json"))
		if err != nil {
			t.Fatal(err)
		}
		var extra struct {
			Entities []Entry `json:"entities"`
		}
		if err := json.Unmarshal(b, &extra); err != nil {
			t.Fatal(err)
		}
		for _, e := range extra.Entities {
			if !have[e.ID] {
				have[e.ID] = true
				entries = append(entries, e)
			}
		}
	}
	g := NewGazetteer(entries)
	if len(g.events) < 1000 {
		t.Fatalf("only %d events indexed: the test needs many", len(g.events))
	}
	var dates []string
	for _, e := range entries {
		if e.Kind == graph.Event && len(e.Date) == 10 {
			dates = append(dates, e.Date)
		}
	}
	type article struct{ text, date string }
	var arts []article
	for _, dir := range []string{"testdata/eval/dev", "testdata/eval/test"} {
		txts, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
		for _, f := range txts {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var gold struct {
				PublishedOn string `json:"publishedOn"`
			}
			if gb, err := os.ReadFile(strings.TrimSuffix(f, ".txt") + ".gold.json"); err == nil {
				_ = json.Unmarshal(gb, &gold)
			}
			arts = append(arts, article{string(b), gold.PublishedOn})
		}
	}
	seed, err := os.ReadFile("../data/crocus/sources/crocus-city-hall-2024-03-25.txt")
	if err != nil {
		t.Fatal(err)
	}
	arts = append(arts, article{string(seed), "2024-03-25"})
	if len(arts) < 40 {
		t.Fatalf("only %d articles found", len(arts))
	}
	r := rand.New(rand.NewPCG(1, 2))
	// Articles that point to a generated event by its name's words alone,
	// or by their date alone (days before and after it).
	var dated []article
	for i := 0; i < 150; i++ {
		ev := g.entries[g.events[r.IntN(len(g.events))].idx]
		d, ok := day(ev.Date)
		if !ok {
			continue
		}
		words := strings.TrimSuffix(ev.Name, " incident")
		when := d.AddDate(0, 0, r.IntN(16)-3).Format("2006-01-02")
		arts = append(arts, article{"Gunmen attacked a market, in what residents call the " + words + " attack. The attack killed 12 people.", dates[r.IntN(len(dates))]})
		dated = append(dated, article{"Gunmen attacked a market on Friday. The attack killed 12 people.", when})
	}
	arts = append(arts, dated...)
	found := 0
	for _, a := range arts {
		rs := []rune(a.text)
		f := fold(rs, true)
		ms, _ := g.mentions(rs, f)
		ms = mergeMentions(ms, g.metonymMentions(rs, f, ms))
		refs := findEventRefs(rs, words(rs), ms, Sentences(rs))
		for _, date := range []string{a.date, dates[r.IntN(len(dates))], dates[r.IntN(len(dates))], ""} {
			meta := Meta{SourceID: "source:t", Date: date}
			want, wok := g.mainEventIn(rs, ms, refs, meta, true)
			got, gok := g.mainEventIn(rs, ms, refs, meta, false)
			if want.ID != got.ID || wok != gok {
				t.Errorf("%.40q on %q: indexed %q %v, every event %q %v", a.text, date, got.ID, gok, want.ID, wok)
			}
			if wok {
				found++
			}
		}
	}
	if found < len(arts)/3 {
		t.Fatalf("a main event found %d times in %d articles: the comparison checks too little", found, len(arts))
	}
}
