package stix

import "github.com/actorgraph/actorgraph/graph"

// This file is where the evidence model meets STIX: the fields of
// graph.Evidence beyond sources, stance, dates and confidence.

// description is what a STIX reader shows of the evidence: the quote.
func description(ev *graph.Evidence) string {
	return ev.Quote
}

// writeEvidence puts the evidence fields in x_actorgraph_*.
func writeEvidence(o map[string]any, ev *graph.Evidence) {
	put(o, "x_actorgraph_quote", ev.Quote)
	put(o, "x_actorgraph_quote_source", ev.QuoteSource)
}

// readEvidence reads what writeEvidence wrote.
func readEvidence(o object, ev *graph.Evidence) {
	ev.Quote = o.str("x_actorgraph_quote")
	ev.QuoteSource = o.str("x_actorgraph_quote_source")
}

// foreignEvidence makes the evidence of a relationship that carries no quote
// of ours from its description. Until the evidence levels land, a
// description is not evidence this graph can store (a quote must be found in
// a stored text), so the relationship is reported instead.
func foreignEvidence(o object, ev *graph.Evidence, summary string) bool {
	return false
}
