package data

// The data rules of issue 11, checked over the shipped JSON (no database, no
// import): each rule is a function returning the problems it finds, run on the
// embedded Crocus set (which must have none) and on copies of it with one
// violation planted (where it must report one). data/crocus/README.md documents
// the rules; data/crocus/build.py enforces the same ones before it writes.

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

type rawNode struct {
	ID         string         `json:"id"`
	Kind       string         `json:"kind"`
	Name       string         `json:"name"`
	Aliases    []string       `json:"aliases"`
	TextFile   string         `json:"textFile"`
	Properties map[string]any `json:"properties"`
}

// rawEdge is an edge as shipped: its graph.Evidence read as written, before
// any validation fills in what it can derive.
type rawEdge struct {
	ID     string `json:"id"`
	Type   string `json:"type"`
	Source string `json:"source"`
	Target string `json:"target"`
	graph.Evidence
	Properties map[string]any `json:"properties"`
}

// rawSet is the data set as shipped, with each Source's stored text read from
// its textFile.
type rawSet struct {
	Nodes []rawNode `json:"nodes"`
	Edges []rawEdge `json:"edges"`
	texts map[string]string
	notes []string // the compiler's notes in the public facts compilation
}

func (d *rawSet) node(id string) *rawNode {
	for i := range d.Nodes {
		if d.Nodes[i].ID == id {
			return &d.Nodes[i]
		}
	}
	return nil
}

func edgeName(e rawEdge) string {
	if e.ID != "" {
		return e.ID
	}
	return e.Type + ":" + e.Source + "->" + e.Target
}

func loadCrocus(t *testing.T) *rawSet {
	t.Helper()
	b, err := fs.ReadFile(FS(), CrocusPath)
	if err != nil {
		t.Fatal(err)
	}
	d := &rawSet{texts: map[string]string{}}
	if err := json.Unmarshal(b, d); err != nil {
		t.Fatal(err)
	}
	dir := path.Dir(CrocusPath)
	for _, n := range d.Nodes {
		if n.TextFile != "" {
			t, err2 := fs.ReadFile(FS(), path.Join(dir, n.TextFile))
			if err2 != nil {
				err = err2
				break
			}
			d.texts[n.ID] = string(t)
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	facts, err := fs.ReadFile(FS(), path.Join(dir, "sources/crocus-public-facts.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(facts), "\n") {
		var f struct {
			Note string `json:"note"`
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		if err := json.Unmarshal([]byte(line), &f); err != nil {
			t.Fatal(err)
		}
		if len(f.Note) >= 20 {
			d.notes = append(d.notes, f.Note)
		}
	}
	return d
}

// isCompilation: a Source that is the project's own compilation of facts or
// entities (its text is JSON written by the compiler, never a publication).
func isCompilation(n *rawNode) bool {
	return n != nil && strings.Contains(n.TextFile, "crocus-public-")
}

// ruleReportedOn: an edge cannot have been reported before the first of the
// Sources it cites was published (reportedOn >= the earliest dated Source's
// date). Later sources corroborate what the first one reported.
func ruleReportedOn(d *rawSet) []string {
	var out []string
	for _, e := range d.Edges {
		first, firstSrc := "", ""
		for _, s := range e.Sources {
			n := d.node(s)
			if n == nil {
				out = append(out, fmt.Sprintf("%s: source %s is not a node", edgeName(e), s))
				continue
			}
			if date, _ := n.Properties["date"].(string); date != "" && (first == "" || date < first) {
				first, firstSrc = date, s
			}
		}
		if first != "" && e.ReportedOn < first {
			out = append(out, fmt.Sprintf("%s: reportedOn %s is before the date %s of its earliest source %s", edgeName(e), e.ReportedOn, first, firstSrc))
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
func ruleStanceTypeKind(d *rawSet) []string {
	var out []string
	for _, e := range d.Edges {
		name := edgeName(e)
		src, dst := d.node(e.Source), d.node(e.Target)
		rt, ok := graph.LookupRel(e.Type)
		switch {
		case !ok:
			out = append(out, name+": unknown type")
		case src == nil || dst == nil:
			out = append(out, name+": endpoint is not a node")
		case !rt.Allows(graph.Kind(src.Kind), graph.Kind(dst.Kind)):
			out = append(out, fmt.Sprintf("%s: %s cannot connect %s to %s", name, e.Type, src.Kind, dst.Kind))
		}
		if allowed, ok := stanceOf[e.Type]; ok && !contains(allowed, string(e.Stance)) {
			out = append(out, fmt.Sprintf("%s: stance %q, %s wants one of %v", name, e.Stance, e.Type, allowed))
		}
		if e.Type == "MEMBER_OF" && src != nil && src.Kind == "Attacker" && e.Stance == "reported" {
			out = append(out, name+": an attacker's membership is claimed, attributed or alleged, not reported")
		}
		if e.Stance == "alleged" && (e.Confidence < 10 || e.Confidence > 30) {
			out = append(out, fmt.Sprintf("%s: allegation at confidence %d, want 10-30", name, e.Confidence))
		}
		if e.Inferred {
			if strings.TrimSpace(e.Reason) == "" || e.Confidence > 50 {
				out = append(out, fmt.Sprintf("%s: inference needs a reason and confidence <= 50 (got %d)", name, e.Confidence))
			}
			if e.Stance == "reported" && !inferredReported[e.Type] {
				out = append(out, name+": an inferred "+e.Type+" cannot have stance reported: the source does not state it")
			}
		}
	}
	return out
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// bands is the confidence band of each reliability grade (README.md).
var bands = map[string][2]int{"A": {60, 95}, "B": {50, 90}, "C": {40, 80}, "D": {25, 65}, "E": {10, 40}}

// ruleConfidenceBand: every Source except the compilations has a grade A-E;
// an edge's confidence lies in the band of the best-graded Source it cites
// (allegations 10-30 and inferences 15-50, both capped by that band).
func ruleConfidenceBand(d *rawSet) []string {
	var out []string
	for _, n := range d.Nodes {
		if n.Kind != "Source" || isCompilation(&n) {
			continue
		}
		if g, _ := n.Properties["reliabilityGrade"].(string); bands[g] == [2]int{} {
			out = append(out, fmt.Sprintf("%s: reliabilityGrade %q, want A-E", n.ID, g))
		}
	}
	for _, e := range d.Edges {
		best := ""
		for _, s := range e.Sources {
			if n := d.node(s); n != nil {
				if g, _ := n.Properties["reliabilityGrade"].(string); bands[g] != [2]int{} && (best == "" || g < best) {
					best = g
				}
			}
		}
		if best == "" {
			out = append(out, edgeName(e)+": cites no graded source")
			continue
		}
		lo, hi := bands[best][0], bands[best][1]
		if e.Stance == "alleged" {
			lo, hi = 10, min(30, hi)
		} else if e.Inferred {
			lo, hi = 15, min(50, hi)
		}
		if e.Confidence < lo || e.Confidence > hi {
			out = append(out, fmt.Sprintf("%s: confidence %d outside %d-%d (best source grade %s)", edgeName(e), e.Confidence, lo, hi, best))
		}
	}
	return out
}

// ruleAliasesUnique: no name or alias, folded as names are looked up
// (graph.NormalizeName), belongs to two entities.
func ruleAliasesUnique(d *rawSet) []string {
	owner := map[string]string{}
	var out []string
	for _, n := range d.Nodes {
		if n.Kind == "Source" {
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
func ruleQuotesAreWords(d *rawSet) []string {
	var out []string
	for _, e := range d.Edges {
		name := edgeName(e)
		switch e.Level {
		case "quote", "reported-quote":
			if strings.TrimSpace(e.Quote) == "" {
				out = append(out, name+": "+string(e.Level)+" with an empty quote")
			}
			if jsonish.MatchString(e.Quote) {
				out = append(out, fmt.Sprintf("%s: quote looks like JSON: %q", name, e.Quote))
			}
			if isCompilation(d.node(e.QuoteSource)) {
				out = append(out, fmt.Sprintf("%s: quotes the compilation %s, not a publication", name, e.QuoteSource))
			}
			for _, note := range d.notes {
				if strings.Contains(e.Quote, note) {
					out = append(out, fmt.Sprintf("%s: quote is a compiler's note: %q", name, note))
					break
				}
			}
		case "summary":
			if e.Quote != "" || strings.TrimSpace(e.Summary) == "" {
				out = append(out, name+": a summary has its sentence in summary and no quote")
			}
		default:
			out = append(out, fmt.Sprintf("%s: evidence %q, want quote, reported-quote or summary", name, e.Level))
		}
	}
	return out
}

// ruleVerifiedQuotes: an evidence=quote quote is the span
// text[quoteStart:quoteEnd] (code points) of its quoteSource's stored text,
// quoteSha256 is that text's sha256, and quoteSource is among the sources.
func ruleVerifiedQuotes(d *rawSet) []string {
	var out []string
	for _, e := range d.Edges {
		if e.Level != graph.EvidenceQuote {
			continue
		}
		name := edgeName(e)
		text, ok := d.texts[e.QuoteSource]
		if !ok {
			out = append(out, fmt.Sprintf("%s: %s has no stored text", name, e.QuoteSource))
			continue
		}
		if !contains(e.Sources, e.QuoteSource) {
			out = append(out, fmt.Sprintf("%s: quoteSource %s is not among its sources", name, e.QuoteSource))
		}
		r := []rune(text)
		if e.QuoteStart == nil || e.QuoteEnd == nil || *e.QuoteStart < 0 || *e.QuoteEnd > len(r) || *e.QuoteStart > *e.QuoteEnd {
			out = append(out, name+": quote offsets missing or out of range")
		} else if got := string(r[*e.QuoteStart:*e.QuoteEnd]); got != e.Quote {
			out = append(out, fmt.Sprintf("%s: text[%d:%d] is %q, not the quote %q", name, *e.QuoteStart, *e.QuoteEnd, got, e.Quote))
		}
		sum := sha256.Sum256([]byte(text))
		if hex.EncodeToString(sum[:]) != e.QuoteSHA256 {
			out = append(out, fmt.Sprintf("%s: quoteSha256 is not the sha256 of %s's text", name, e.QuoteSource))
		}
	}
	return out
}

// ruleReportedQuoteSource: a reported quote names the web Source (one with a
// url) that printed it, among the edge's sources; never the compilation.
func ruleReportedQuoteSource(d *rawSet) []string {
	var out []string
	for _, e := range d.Edges {
		if e.Level != graph.EvidenceReportedQuote {
			continue
		}
		n := d.node(e.QuoteSource)
		url := ""
		if n != nil {
			url, _ = n.Properties["url"].(string)
		}
		if n == nil || n.Kind != "Source" || url == "" || isCompilation(n) || !contains(e.Sources, e.QuoteSource) {
			out = append(out, fmt.Sprintf("%s: reported quote's source %q is not a cited web Source", edgeName(e), e.QuoteSource))
		}
	}
	return out
}

var rules = []struct {
	name string
	fn   func(*rawSet) []string
}{
	{"reportedOn", ruleReportedOn},
	{"stanceTypeKind", ruleStanceTypeKind},
	{"confidenceBand", ruleConfidenceBand},
	{"aliasesUnique", ruleAliasesUnique},
	{"quotesAreWords", ruleQuotesAreWords},
	{"verifiedQuotes", ruleVerifiedQuotes},
	{"reportedQuoteSource", ruleReportedQuoteSource},
}

// TestCrocusDataRules: the shipped set breaks no rule.
func TestCrocusDataRules(t *testing.T) {
	d := loadCrocus(t)
	for _, r := range rules {
		for _, p := range r.fn(d) {
			t.Errorf("%s: %s", r.name, p)
		}
	}
	counts := map[string]int{}
	for _, e := range d.Edges {
		counts[string(e.Level)]++
	}
	if counts["quote"] == 0 || counts["quote"]+counts["reported-quote"]+counts["summary"] != len(d.Edges) {
		t.Errorf("evidence levels %v over %d edges", counts, len(d.Edges))
	}
}
