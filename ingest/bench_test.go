package ingest_test

import (
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/ingest"
	"github.com/actorgraph/actorgraph/internal/synth"
)

// article is a text of at least n words: the seed article repeated, with
// claims woven in (extra holds pairs: a group's name, an event's name) so
// that the big gazetteer finds mentions and candidates too.
func article(t testing.TB, n int, extra []string) string {
	seed := seedText(t)
	var b strings.Builder
	words := 0
	for i := 0; words < n; i++ {
		b.WriteString(seed)
		b.WriteString("\n\n")
		if len(extra) > 0 {
			b.WriteString(extra[(2*i)%len(extra)] + " claimed responsibility for the " + extra[(2*i+1)%len(extra)] + ", officials said. ")
		}
		words = len(strings.Fields(b.String()))
	}
	return b.String()
}

func benchAnalyze(b *testing.B, g *ingest.Gazetteer, text string) {
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	var cands int
	for b.Loop() {
		a := g.Analyze(text, ingest.Meta{SourceID: "source:bench", Date: "2024-03-25"})
		cands = len(a.Candidates)
	}
	b.ReportMetric(float64(cands), "candidates")
}

// BenchmarkAnalyzeCrocus: a 20,000-word article against the Crocus gazetteer (target < 200 ms).
func BenchmarkAnalyzeCrocus(b *testing.B) {
	benchAnalyze(b, crocus(b), article(b, 20000, nil))
}

// BenchmarkAnalyze100k: a 20,000-word article against a 100k-entity
// gazetteer generated as `actorgraph-dev gen` does (target < 1 s).
func BenchmarkAnalyze100k(b *testing.B) {
	g, names := genGazetteer(b, 100_000)
	benchAnalyze(b, g, article(b, 20000, names[:200]))
}

// BenchmarkGazetteer100k: building the 100k-entity matcher (done once per
// graph change on the server, not per article).
func BenchmarkGazetteer100k(b *testing.B) {
	d := genData(b, 100_000)
	entries := ingest.EntriesOf(d)
	b.ResetTimer()
	for b.Loop() {
		ingest.NewGazetteer(entries)
	}
}

func genData(b *testing.B, n int) *graph.DataSet {
	b.Helper()
	g, err := synth.Generate(synth.Config{Shape: "ba", Nodes: n, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	d, err := g.DataSet()
	if err != nil {
		b.Fatal(err)
	}
	return d
}

func genGazetteer(b *testing.B, n int) (*ingest.Gazetteer, []string) {
	d := genData(b, n)
	var groups, events, names []string
	for _, n := range d.Nodes {
		switch n.Kind {
		case graph.Group:
			groups = append(groups, n.Name)
		case graph.Event:
			events = append(events, n.Name)
		}
	}
	for i := 0; i < len(groups) && i < len(events); i++ {
		names = append(names, groups[i], events[i])
	}
	return ingest.NewGazetteer(ingest.EntriesOf(d)), names
}
