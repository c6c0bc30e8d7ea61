package data

// The data rules of issue 11 (data/curate/rules.go), checked over the shipped
// JSON as the import parses it: run on the embedded Crocus set (which must
// have none) and on copies of it with one violation planted (where each must
// report one). The generator applies the same rules before it writes.

import (
	"os"
	"testing"

	"github.com/actorgraph/actorgraph/data/curate"
	"github.com/actorgraph/actorgraph/graph"
)

// loadCrocus parses the shipped set, with the compiler's notes of the public
// facts beside it.
func loadCrocus(t *testing.T) *curate.Set {
	t.Helper()
	d, err := Crocus()
	if err != nil {
		t.Fatal(err)
	}
	c, err := curate.Load(os.DirFS("crocus"))
	if err != nil {
		t.Fatal(err)
	}
	return curate.NewSet(d, c.Notes())
}

// TestCrocusDataRules: the shipped set breaks no rule.
func TestCrocusDataRules(t *testing.T) {
	d := loadCrocus(t)
	for _, p := range curate.CheckRules(d) {
		t.Error(p)
	}
	counts := map[graph.EvidenceLevel]int{}
	for _, e := range d.Edges {
		counts[e.Evidence.Level]++
	}
	if counts[graph.EvidenceQuote] == 0 ||
		counts[graph.EvidenceQuote]+counts[graph.EvidenceReportedQuote]+counts[graph.EvidenceSummary] != len(d.Edges) {
		t.Errorf("evidence levels %v over %d edges", counts, len(d.Edges))
	}
}
