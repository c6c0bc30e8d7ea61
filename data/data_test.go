package data

import (
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// TestCrocusValid checks the shipped data set passes the same validation an
// import runs: known types and kinds, no dangling ids, evidence on every edge,
// each quote verbatim in its source's text.
func TestCrocusValid(t *testing.T) {
	d, err := Crocus()
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	if err := d.Validate(nil); err != nil {
		for _, p := range err.(*graph.ValidationError).Problems {
			t.Error(p)
		}
		t.FailNow()
	}
	if len(d.Nodes) < 40 || len(d.Edges) < 60 {
		t.Errorf("got %d nodes, %d edges; want the curated set (>= 40 nodes, >= 60 edges)", len(d.Nodes), len(d.Edges))
	}
	texts := map[string]string{}
	for _, n := range d.Nodes {
		if n.Kind == graph.Source {
			texts[n.ID], _ = n.Properties["text"].(string)
		}
	}
	for _, e := range d.Edges {
		if len(e.Sources) == 0 {
			t.Errorf("edge %s: no sources", e.ID)
		}
		switch e.Level {
		case graph.EvidenceQuote:
			if e.Quote == "" || !strings.Contains(texts[e.QuoteSource], e.Quote) {
				t.Errorf("edge %s: verified quote %q not in %s", e.ID, e.Quote, e.QuoteSource)
			}
		case graph.EvidenceReportedQuote:
			if e.Quote == "" {
				t.Errorf("edge %s: reported quote is empty", e.ID)
			}
		case graph.EvidenceSummary:
			if e.Quote != "" || e.Summary == "" {
				t.Errorf("edge %s: summary must have words in summary and no quote", e.ID)
			}
		default:
			t.Errorf("edge %s: evidence %q, want quote, reported-quote or summary", e.ID, e.Level)
		}
	}
}
