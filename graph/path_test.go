package graph

import (
	"reflect"
	"testing"
)

// TestHopCarriesItsEdgesEvidence: each hop of a path says all its edge's
// evidence says, why an inferred edge was inferred among it, so the path
// panel can show it.
func TestHopCarriesItsEdgesEvidence(t *testing.T) {
	start, end := 3, 9
	inferred := Evidence{Level: EvidenceQuote, Sources: []string{"source:s"}, Quote: "early attacks",
		QuoteSource: "source:s",
		QuoteStart:  &start, QuoteEnd: &end, QuoteSHA256: "ab", Confidence: 50, Stance: Reported,
		ValidFrom: "2002-10-23", ReportedOn: "2024-03-25", Inferred: true, Reason: "the seed names no attack"}
	edges := []Edge{
		{ID: "e1", Type: "PRECEDED", Source: "event:a", Target: "event:b", Evidence: inferred},
		{ID: "e2", Type: "TARGETED", Source: "state:c", Target: "event:b",
			Evidence: Evidence{Level: EvidenceSummary, Sources: []string{"source:t"}, Summary: "words",
				Confidence: 70, Stance: Reported}},
	}
	p := NewPath([]string{"event:a", "event:b", "state:c"}, edges)
	if len(p.Hops) != 2 {
		t.Fatalf("got %d hops, want 2", len(p.Hops))
	}
	for i, h := range p.Hops {
		if !reflect.DeepEqual(h.Evidence, edges[i].Evidence) {
			t.Errorf("hop %d evidence: got %+v, want the edge's %+v", i, h.Evidence, edges[i].Evidence)
		}
	}
	if h := p.Hops[1]; h.Direction != Backward || h.From != "event:b" || h.To != "state:c" {
		t.Errorf("hop 1: got %s %s->%s, want backward event:b->state:c", h.Direction, h.From, h.To)
	}
}
