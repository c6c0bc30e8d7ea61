package graph

import (
	"encoding/json"
	"slices"
	"testing"
)

// TestEvidenceFieldsAreTheJSONKeys: EvidenceFields names exactly the keys a
// fully set Evidence is written with, so the stores and formats that take
// their field lists from it know every evidence field.
func TestEvidenceFieldsAreTheJSONKeys(t *testing.T) {
	start, end := 1, 2
	ev := Evidence{Level: EvidenceQuote, Sources: []string{"source:a"}, Quote: "q", QuoteSource: "source:a",
		QuoteStart: &start, QuoteEnd: &end, QuoteSHA256: "h", Summary: "s", Confidence: 50, Stance: "reported",
		ValidFrom: "2024", ValidTo: "2025", ReportedOn: "2024-01-01", Inferred: true, Reason: "r"}
	b, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	got := slices.Sorted(slices.Values(EvidenceFields))
	if !slices.Equal(got, keys) {
		t.Errorf("got EvidenceFields %v, want the JSON keys %v", got, keys)
	}
}
