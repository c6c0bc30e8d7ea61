package curate

// The data rules of issue 11: each rule is a function over a parsed data set
// returning the problems it finds. Build refuses to write a set that breaks
// one; data/rules_test.go runs them on the shipped set and plants a violation
// of each. data/crocus/README.md documents them.

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// Set is a parsed data set (Source texts in properties.text, as dataset.ParseJSON
// reads them) with the compiler's notes no quote may be.
type Set struct {
	*graph.DataSet
	Notes []string
	index map[string]*graph.Node
}

// NewSet indexes d's nodes for the rules.
func NewSet(d *graph.DataSet, notes []string) *Set {
	s := &Set{DataSet: d, Notes: notes, index: map[string]*graph.Node{}}
	for i := range d.Nodes {
		s.index[d.Nodes[i].ID] = &d.Nodes[i]
	}
	return s
}

// Node returns the node with this id, or nil.
func (s *Set) Node(id string) *graph.Node { return s.index[id] }

// EdgeName is an edge's id, or the id it gets when it has none.
func EdgeName(e graph.Edge) string {
	if e.ID != "" {
		return e.ID
	}
	return graph.EdgeID(e.Type, e.Source, e.Target)
}

func prop(n *graph.Node, k string) string {
	if n == nil {
		return ""
	}
	s, _ := n.Properties[k].(string)
	return s
}

// isCompilation: a Source that is the project's own compilation of facts or
// entities (its text is JSON written by the compiler, never a publication).
func isCompilation(n *graph.Node) bool {
	return strings.Contains(prop(n, "textFile"), "crocus-public-")
}

// Rule is one data rule.
type Rule struct {
	Name  string
	Check func(*Set) []string
}

// Rules are the data rules, in the README's order.
var Rules = []Rule{
	{"reportedOn", ruleReportedOn},
	{"stanceTypeKind", ruleStanceTypeKind},
	{"confidenceBand", ruleConfidenceBand},
	{"aliasesUnique", ruleAliasesUnique},
	{"quotesAreWords", ruleQuotesAreWords},
	{"verifiedQuotes", ruleVerifiedQuotes},
	{"reportedQuoteSource", ruleReportedQuoteSource},
}

// CheckRules runs every rule and returns the problems, each prefixed by its
// rule's name.
func CheckRules(s *Set) []string {
	var out []string
	for _, r := range Rules {
		for _, p := range r.Check(s) {
			out = append(out, r.Name+": "+p)
		}
	}
	return out
}

// ruleReportedOn: an edge cannot have been reported before the first of the
// Sources it cites was published (reportedOn >= the earliest dated Source's
// date). Later sources corroborate what the first one reported.
func ruleReportedOn(d *Set) []string {
	var out []string
	for _, e := range d.Edges {
		first, firstSrc := "", ""
		for _, s := range e.Sources {
			n := d.Node(s)
			if n == nil {
				out = append(out, fmt.Sprintf("%s: source %s is not a node", EdgeName(e), s))
				continue
			}
			if date := prop(n, "date"); date != "" && (first == "" || date < first) {
				first, firstSrc = date, s
			}
		}
		if first != "" && e.ReportedOn < first {
			out = append(out, fmt.Sprintf("%s: reportedOn %s is before the date %s of its earliest source %s",
				EdgeName(e), e.ReportedOn, first, firstSrc))
		}
	}
	return out
}

// stanceOf lists the stances each relationship type allows; a type not listed
// allows any stance.
var stanceOf = map[string][]string{
	"CLAIMED_RESPONSIBILITY": {"claimed"},
	"PUBLISHED_CLAIM":        {"claimed"},
	"DENIED":                 {"denied"},
	"ATTRIBUTED":             {"attributed"},
	"ACCUSED":                {"alleged", "attributed"},
	// A motive is someone's word: the actor's claim or a third party's reading.
	"MOTIVATED_BY": {"claimed", "attributed"},
}

// inferredReported lists the types whose inferred edges may keep stance
// reported: the source states the relation, the curator infers only which
// entity it means (the seed's "since 2013", its "early 2000s" attacks).
var inferredReported = map[string]bool{"TARGETED": true, "PRECEDED": true, "DEADLIEST_SINCE": true}

// ruleStanceTypeKind: the endpoints' kinds fit the type (graph.Vocabulary), the
// stance fits the type (stanceOf), an attacker's membership of a group is
// someone's claim or attribution (never stance reported), allegations stay at
// 10-30, inferences carry a reason, at most 50, and stance reported only where
// inferredReported allows it.
func ruleStanceTypeKind(d *Set) []string {
	var out []string
	for _, e := range d.Edges {
		name, stance := EdgeName(e), string(e.Stance)
		src, dst := d.Node(e.Source), d.Node(e.Target)
		rt, ok := graph.LookupRel(e.Type)
		switch {
		case !ok:
			out = append(out, name+": unknown type")
		case src == nil || dst == nil:
			out = append(out, name+": endpoint is not a node")
		case !rt.Allows(src.Kind, dst.Kind):
			out = append(out, fmt.Sprintf("%s: %s cannot connect %s to %s", name, e.Type, src.Kind, dst.Kind))
		}
		if allowed, ok := stanceOf[e.Type]; ok && !containsStr(allowed, stance) {
			out = append(out, fmt.Sprintf("%s: stance %q, %s wants one of %v", name, stance, e.Type, allowed))
		}
		if e.Type == "MEMBER_OF" && src != nil && src.Kind == graph.Attacker && stance == "reported" {
			out = append(out, name+": an attacker's membership is claimed, attributed or alleged, not reported")
		}
		if stance == "alleged" && (e.Confidence < 10 || e.Confidence > 30) {
			out = append(out, fmt.Sprintf("%s: allegation at confidence %d, want 10-30", name, e.Confidence))
		}
		if e.Inferred {
			if strings.TrimSpace(e.Reason) == "" || e.Confidence > 50 {
				out = append(out, fmt.Sprintf("%s: inference needs a reason and confidence <= 50 (got %d)", name, e.Confidence))
			}
			if stance == "reported" && !inferredReported[e.Type] {
				out = append(out, name+": an inferred "+e.Type+" cannot have stance reported: the source does not state it")
			}
		}
	}
	return out
}

// ruleConfidenceBand: every Source except the compilations has a grade A-E;
// an edge's confidence lies in the band of the best-graded Source it cites
// (allegations 10-30 and inferences 15-50, both capped by that band).
func ruleConfidenceBand(d *Set) []string {
	var out []string
	for i := range d.Nodes {
		n := &d.Nodes[i]
		if n.Kind != graph.Source || isCompilation(n) {
			continue
		}
		if g := prop(n, "reliabilityGrade"); !ValidGrade(g) {
			out = append(out, fmt.Sprintf("%s: reliabilityGrade %q, want A-E", n.ID, g))
		}
	}
	grade := func(id string) string { return prop(d.Node(id), "reliabilityGrade") }
	for _, e := range d.Edges {
		best := BestGrade(e.Sources, grade)
		if best == "" {
			out = append(out, EdgeName(e)+": cites no graded source")
			continue
		}
		lo, hi := Band(best, string(e.Stance), e.Inferred)
		if e.Confidence < lo || e.Confidence > hi {
			out = append(out, fmt.Sprintf("%s: confidence %d outside %d-%d (best source grade %s)",
				EdgeName(e), e.Confidence, lo, hi, best))
		}
	}
	return out
}

// ruleAliasesUnique: no name or alias, folded as names are looked up
// (graph.NormalizeName), belongs to two entities.
func ruleAliasesUnique(d *Set) []string {
	owner := map[string]string{}
	var out []string
	for _, n := range d.Nodes {
		if n.Kind == graph.Source {
			continue
		}
		seen := map[string]bool{}
		for _, a := range append([]string{n.Name}, n.Aliases...) {
			k := graph.NormalizeName(a)
			if k == "" || seen[k] {
				continue
			}
			seen[k] = true
			if o, ok := owner[k]; ok {
				out = append(out, fmt.Sprintf("%q names both %s and %s", a, o, n.ID))
				continue
			}
			owner[k] = n.ID
		}
	}
	return out
}

var jsonish = regexp.MustCompile(`[{}\[\]]|"\w+"\s*:`)

// ruleQuotesAreWords: a quote holds words printed by a publication: none on a
// summary, never JSON syntax or field names, never from a compilation Source,
// never a compiler's note; a summary edge has its sentence.
func ruleQuotesAreWords(d *Set) []string {
	var out []string
	for _, e := range d.Edges {
		name := EdgeName(e)
		switch e.Evidence.Level {
		case graph.EvidenceQuote, graph.EvidenceReportedQuote:
			if strings.TrimSpace(e.Quote) == "" {
				out = append(out, name+": "+string(e.Evidence.Level)+" with an empty quote")
			}
			if jsonish.MatchString(e.Quote) {
				out = append(out, fmt.Sprintf("%s: quote looks like JSON: %q", name, e.Quote))
			}
			if isCompilation(d.Node(e.QuoteSource)) {
				out = append(out, fmt.Sprintf("%s: quotes the compilation %s, not a publication", name, e.QuoteSource))
			}
			for _, note := range d.Notes {
				if strings.Contains(e.Quote, note) {
					out = append(out, fmt.Sprintf("%s: quote is a compiler's note: %q", name, note))
					break
				}
			}
		case graph.EvidenceSummary:
			if e.Quote != "" || strings.TrimSpace(e.Summary) == "" {
				out = append(out, name+": a summary has its sentence in summary and no quote")
			}
		default:
			out = append(out, fmt.Sprintf("%s: evidence %q, want quote, reported-quote or summary", name, e.Evidence.Level))
		}
	}
	return out
}

// ruleVerifiedQuotes: an evidence=quote quote is the span
// text[quoteStart:quoteEnd] (code points) of its quoteSource's stored text,
// quoteSha256 is that text's sha256, and quoteSource is among the sources.
func ruleVerifiedQuotes(d *Set) []string {
	var out []string
	for _, e := range d.Edges {
		if e.Evidence.Level != graph.EvidenceQuote {
			continue
		}
		name := EdgeName(e)
		n := d.Node(e.QuoteSource)
		text, ok := "", false
		if n != nil {
			text, ok = n.Properties["text"].(string)
		}
		if !ok {
			out = append(out, fmt.Sprintf("%s: %s has no stored text", name, e.QuoteSource))
			continue
		}
		if !containsStr(e.Sources, e.QuoteSource) {
			out = append(out, fmt.Sprintf("%s: quoteSource %s is not among its sources", name, e.QuoteSource))
		}
		r := []rune(text)
		if e.QuoteStart == nil || e.QuoteEnd == nil || *e.QuoteStart < 0 || *e.QuoteEnd > len(r) ||
			*e.QuoteStart > *e.QuoteEnd {
			out = append(out, name+": quote offsets missing or out of range")
		} else if got := string(r[*e.QuoteStart:*e.QuoteEnd]); got != e.Quote {
			out = append(out, fmt.Sprintf("%s: text[%d:%d] is %q, not the quote %q", name, *e.QuoteStart,
				*e.QuoteEnd, got, e.Quote))
		}
		if graph.TextSHA256(text) != e.QuoteSHA256 {
			out = append(out, fmt.Sprintf("%s: quoteSha256 is not the sha256 of %s's text", name, e.QuoteSource))
		}
	}
	return out
}

// ruleReportedQuoteSource: a reported quote names the web Source (one with a
// url) that printed it, among the edge's sources; never the compilation.
func ruleReportedQuoteSource(d *Set) []string {
	var out []string
	for _, e := range d.Edges {
		if e.Evidence.Level != graph.EvidenceReportedQuote {
			continue
		}
		n := d.Node(e.QuoteSource)
		if n == nil || n.Kind != graph.Source || prop(n, "url") == "" || isCompilation(n) ||
			!containsStr(e.Sources, e.QuoteSource) {
			out = append(out, fmt.Sprintf("%s: reported quote's source %q is not a cited web Source",
				EdgeName(e), e.QuoteSource))
		}
	}
	return out
}
