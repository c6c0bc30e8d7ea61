package graph

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// EvidenceLevel says what kind of evidence an edge rests on.
type EvidenceLevel string

// Evidence levels, strongest first.
const (
	// EvidenceQuote is a verbatim span of the stored text of quoteSource,
	// located by code-point offsets and the text's sha256: checked here.
	EvidenceQuote EvidenceLevel = "quote"
	// EvidenceReportedQuote is words the curator says quoteSource printed;
	// that source's text is not stored, so they cannot be checked here.
	EvidenceReportedQuote EvidenceLevel = "reported-quote"
	// EvidenceSummary is the curator's own words, in summary; quote is empty.
	EvidenceSummary EvidenceLevel = "summary"
)

// EvidenceLevels lists the levels, strongest first.
var EvidenceLevels = []EvidenceLevel{EvidenceQuote, EvidenceReportedQuote, EvidenceSummary}

// Rank orders levels: 3 for a verified quote, 2 for a reported quote, 1 for a
// summary, 0 for anything else (an edge stored before levels existed).
func (l EvidenceLevel) Rank() int {
	switch l {
	case EvidenceQuote:
		return 3
	case EvidenceReportedQuote:
		return 2
	case EvidenceSummary:
		return 1
	}
	return 0
}

// AtLeast returns the levels of rank min.Rank() or higher, strongest first.
func (l EvidenceLevel) AtLeast() []EvidenceLevel {
	var out []EvidenceLevel
	for _, x := range EvidenceLevels {
		if x.Rank() >= l.Rank() {
			out = append(out, x)
		}
	}
	return out
}

// ParseEvidenceLevel reads a level; "reported" is accepted for
// "reported-quote". Case and surrounding space are ignored.
func ParseEvidenceLevel(s string) (EvidenceLevel, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "quote":
		return EvidenceQuote, true
	case "reported-quote", "reported":
		return EvidenceReportedQuote, true
	case "summary":
		return EvidenceSummary, true
	}
	return "", false
}

func evidenceNames() string {
	return "quote, reported-quote or summary"
}

// TextSHA256 is the hex sha256 of a text's UTF-8 bytes, as stored in a
// Source's textSha256 and an edge's quoteSha256.
func TextSHA256(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])
}

// TextLength is a text's length in Unicode code points, the unit of quote
// offsets.
func TextLength(text string) int {
	return utf8.RuneCountInString(text)
}

// runeSpan returns text[start:end] counted in code points, and false when the
// span is out of range.
func runeSpan(text string, start, end int) (string, bool) {
	if start < 0 || end < start {
		return "", false
	}
	bs, be, i := -1, -1, 0
	for b := range text {
		if i == start {
			bs = b
		}
		if i == end {
			be = b
			break
		}
		i++
	}
	// Without a break, i is the text's length in code points: a span may
	// end (or be empty) right at the end.
	if bs < 0 {
		if start != i {
			return "", false
		}
		bs = len(text)
	}
	if be < 0 {
		if end != i {
			return "", false
		}
		be = len(text)
	}
	return text[bs:be], true
}

// jsonish matches what a quote taken from a structured file looks like: a
// brace, or a quoted field name followed by a colon ("subject": ...).
var jsonish = regexp.MustCompile(`[{}]|"[A-Za-z_][A-Za-z0-9_ ]*"\s*:`)

// quoteLooksLikeData reports why a quote reads as data rather than printed
// words, or "".
func quoteLooksLikeData(q string) string {
	if !strings.ContainsAny(q, `{}"`) { // every match holds one of these
		return ""
	}
	if m := jsonish.FindString(q); m != "" {
		return fmt.Sprintf("looks like JSON (%s), not words a source printed; quote the publication "+
			"itself, or use evidence=summary with your own words in summary", m)
	}
	return ""
}

// checkLevel applies the rules of the evidence level to ev and fills in
// quoteSource, offsets and hash where they can be derived.
func checkLevel(ev *Evidence, lookup func(string) (Known, bool)) []Problem {
	var p []Problem
	lvl, ok := ParseEvidenceLevel(string(ev.Level))
	switch {
	case strings.TrimSpace(string(ev.Level)) == "":
		return []Problem{{Field: "evidence", Reason: "missing; want " + evidenceNames()}}
	case !ok:
		return []Problem{{Field: "evidence", Value: string(ev.Level), Reason: "want " + evidenceNames()}}
	}
	ev.Level = lvl
	p = append(p, checkText("summary", ev.Summary, MaxQuoteLen, lvl == EvidenceSummary)...)
	if lvl == EvidenceSummary {
		if ev.Quote != "" {
			p = append(p, Problem{Field: "quote", Value: ev.Quote,
				Reason: "a summary has no quote; put the curator's words in summary, or use evidence=quote or reported-quote"})
		}
		return append(p, noLocation(ev, "summary")...)
	}
	p = append(p, checkText("quote", ev.Quote, MaxQuoteLen, true)...)
	if why := quoteLooksLikeData(ev.Quote); why != "" {
		p = append(p, Problem{Field: "quote", Value: ev.Quote, Reason: why})
	}
	if ev.QuoteSource == "" && len(ev.Sources) > 0 {
		ev.QuoteSource = ev.Sources[0]
	}
	if ev.QuoteSource != "" && !slices.Contains(ev.Sources, ev.QuoteSource) {
		return append(p, Problem{Field: "quoteSource", Value: ev.QuoteSource, Reason: "must be one of the edge's sources"})
	}
	if lvl == EvidenceReportedQuote {
		return append(p, noLocation(ev, "reported-quote")...)
	}
	if len(p) > 0 || ev.QuoteSource == "" {
		return p
	}
	return locateQuote(ev, lookup)
}

// noLocation rejects offsets and a hash on a level that has no stored text.
func noLocation(ev *Evidence, lvl string) []Problem {
	var p []Problem
	why := "only evidence=quote locates a quote in a stored text; leave it out for " + lvl
	if ev.QuoteStart != nil {
		p = append(p, Problem{Field: "quoteStart", Value: itoa(*ev.QuoteStart), Reason: why})
	}
	if ev.QuoteEnd != nil {
		p = append(p, Problem{Field: "quoteEnd", Value: itoa(*ev.QuoteEnd), Reason: why})
	}
	if ev.QuoteSHA256 != "" {
		p = append(p, Problem{Field: "quoteSha256", Value: ev.QuoteSHA256, Reason: why})
	}
	return p
}

// locateQuote checks a verified quote against its source's stored text: the
// offsets, when given, must select the quote, and the hash must be the
// text's; when absent they are filled in from the first occurrence.
func locateQuote(ev *Evidence, lookup func(string) (Known, bool)) []Problem {
	k, ok := lookup(ev.QuoteSource)
	if !ok || k.Kind != Source {
		return nil // reported under sources
	}
	if k.Text == "" {
		return []Problem{{Field: "quoteSource", Value: ev.QuoteSource,
			Reason: "this source has no stored text to check the quote against; store its text, or use evidence=reported-quote"}}
	}
	hash := k.TextSHA256
	if hash == "" {
		hash = TextSHA256(k.Text)
	}
	var p []Problem
	if ev.QuoteSHA256 != "" && !strings.EqualFold(ev.QuoteSHA256, hash) {
		p = append(p, Problem{Field: "quoteSha256", Value: ev.QuoteSHA256,
			Reason: "is not the sha256 of the stored text of " + ev.QuoteSource + " (" + hash +
				"); the text changed or the hash is wrong"})
	}
	ev.QuoteSHA256 = hash
	switch {
	case ev.QuoteStart == nil && ev.QuoteEnd == nil:
		i := strings.Index(k.Text, ev.Quote)
		if i < 0 {
			return append(p, Problem{Field: "quote", Value: ev.Quote,
				Reason: "quote not found verbatim in the text of " + ev.QuoteSource +
					"; quote it exactly, or use evidence=reported-quote"})
		}
		start := utf8.RuneCountInString(k.Text[:i])
		end := start + utf8.RuneCountInString(ev.Quote)
		ev.QuoteStart, ev.QuoteEnd = &start, &end
	case ev.QuoteStart == nil || ev.QuoteEnd == nil:
		p = append(p, Problem{Field: "quoteStart",
			Reason: "give both quoteStart and quoteEnd, or neither (the import finds the quote)"})
	default:
		got, ok := runeSpan(k.Text, *ev.QuoteStart, *ev.QuoteEnd)
		if !ok {
			p = append(p, Problem{Field: "quoteEnd", Value: itoa(*ev.QuoteEnd),
				Reason: fmt.Sprintf("span %d-%d is outside the text of %s (%d code points)", *ev.QuoteStart,
					*ev.QuoteEnd, ev.QuoteSource, TextLength(k.Text))})
		} else if got != ev.Quote {
			p = append(p, Problem{Field: "quoteStart", Value: itoa(*ev.QuoteStart),
				Reason: fmt.Sprintf("text[%d:%d] of %s reads %q, not the quote", *ev.QuoteStart,
					*ev.QuoteEnd, ev.QuoteSource, Clip(got, 80))})
		}
	}
	return p
}
