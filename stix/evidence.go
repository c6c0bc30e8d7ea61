package stix

import (
	"strings"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/dataset"
	"github.com/actorgraph/actorgraph/graph"
)

// This file is where the evidence model meets STIX: the level, the quote and
// where it sits in its source's text, and the summary.

// description is what a STIX reader shows of the evidence: the quote, or
// the summary when there is none.
func description(ev *graph.Evidence) string {
	if ev.Quote != "" {
		return ev.Quote
	}
	return ev.Summary
}

// writeEvidence puts the evidence fields in x_actorgraph_*.
func writeEvidence(o map[string]any, ev *graph.Evidence) {
	put(o, "x_actorgraph_evidence", string(ev.Level))
	put(o, "x_actorgraph_quote", ev.Quote)
	put(o, "x_actorgraph_quote_source", ev.QuoteSource)
	if ev.QuoteStart != nil {
		o["x_actorgraph_quote_start"] = *ev.QuoteStart
	}
	if ev.QuoteEnd != nil {
		o["x_actorgraph_quote_end"] = *ev.QuoteEnd
	}
	put(o, "x_actorgraph_quote_sha256", ev.QuoteSHA256)
	put(o, "x_actorgraph_summary", ev.Summary)
}

// readEvidence reads what writeEvidence wrote.
func readEvidence(o object, ev *graph.Evidence) {
	ev.Level = graph.EvidenceLevel(o.str("x_actorgraph_evidence"))
	ev.Quote = o.str("x_actorgraph_quote")
	ev.QuoteSource = o.str("x_actorgraph_quote_source")
	ev.QuoteStart = intField(o, "x_actorgraph_quote_start")
	ev.QuoteEnd = intField(o, "x_actorgraph_quote_end")
	ev.QuoteSHA256 = o.str("x_actorgraph_quote_sha256")
	ev.Summary = o.str("x_actorgraph_summary")
}

func intField(o object, k string) *int {
	if v, ok := dataset.NormalizeValue(o[k]).(int64); ok {
		i := int(v)
		return &i
	}
	return nil
}

// foreignEvidence makes the evidence of a relationship that carries no
// evidence of ours from its description: a quotation (the whole description
// in quotation marks) is a reported quote of its first source, any other
// description a summary; with no description, summary (the importer's
// account of the STIX statement) is the summary. The description's words
// cannot be checked against a stored text, so it is never a verified quote.
func foreignEvidence(o object, ev *graph.Evidence, summary string) bool {
	desc := strings.TrimSpace(o.str("description"))
	if q, ok := quotation(desc); ok && len(ev.Sources) > 0 {
		ev.Level, ev.Quote, ev.QuoteSource = graph.EvidenceReportedQuote, q, ev.Sources[0]
		return true
	}
	if desc == "" {
		desc = summary
	}
	ev.Level, ev.Summary = graph.EvidenceSummary, clipText(desc, graph.MaxQuoteLen)
	return true
}

// quotation returns the words inside quotation marks that enclose the whole
// of s, and none inside (so "a" and "b" is not one quotation).
func quotation(s string) (string, bool) {
	for _, m := range [][2]string{{`"`, `"`}, {"“", "”"}, {"«", "»"}, {"„", "“"}} {
		if strings.HasPrefix(s, m[0]) && strings.HasSuffix(s, m[1]) && len(s) > len(m[0])+len(m[1]) {
			inner := strings.TrimSpace(s[len(m[0]) : len(s)-len(m[1])])
			if inner != "" && !strings.Contains(inner, m[0]) && !strings.Contains(inner, m[1]) &&
				!strings.ContainsAny(inner, "{}") {
				return inner, true
			}
		}
	}
	return "", false
}

// clipText shortens s to at most max bytes, on a character boundary, marking the cut.
func clipText(s string, max int) string {
	if len(s) <= max {
		return s
	}
	cut := max - len("…")
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
