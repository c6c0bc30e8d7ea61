package ingest

import (
	"strings"
	"unicode"
)

// Span is a half-open range [Start, End) of code points.
type Span struct{ Start, End int }

// abbreviations end with a '.' that does not end a sentence.
var abbreviations = set("mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "sen", "rep", "gov", "st",
	"jr",
	"sr", "vs", "etc", "no", "nos", "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
	"oct", "nov", "dec", "fig", "approx", "dept", "est", "maj", "adm", "cmdr", "rev", "hon", "pres", "gov", "mt", "ft", "al")

func isCloser(r rune) bool {
	switch r {
	case '"', '\'', '\u201d', '\u2019', ')', ']', '\u00bb':
		return true
	}
	return false
}

func isOpener(r rune) bool {
	switch r {
	case '"', '\'', '\u201c', '\u2018', '(', '[', '\u00ab':
		return true
	}
	return false
}

// Sentences splits text into sentences. A '.', '!' or '?' (with any closing
// quotes or brackets) ends one when a space and a capital, digit or opening
// quote follow, unless the word before is an abbreviation ("Dr."), an
// initial ("J.") or a dotted acronym ("U.S."). A blank line always ends one
// (headlines). Spans are trimmed of spaces.
func Sentences(text []rune) []Span {
	var out []Span
	start := 0
	emit := func(end int) {
		s, e := start, end
		for s < e && unicode.IsSpace(text[s]) {
			s++
		}
		for e > s && unicode.IsSpace(text[e-1]) {
			e--
		}
		if e > s {
			out = append(out, Span{s, e})
		}
		start = end
	}
	for i := 0; i < len(text); i++ {
		r := text[i]
		if r == '\n' {
			j := i + 1
			for j < len(text) && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r') {
				j++
			}
			if j < len(text) && text[j] == '\n' {
				emit(i)
				i = j
			}
			continue
		}
		if r != '.' && r != '!' && r != '?' && r != '\u2026' {
			continue
		}
		j := i + 1
		for j < len(text) && (isCloser(text[j]) || text[j] == '.' || text[j] == '!' || text[j] == '?') {
			j++
		}
		if j < len(text) && !unicode.IsSpace(text[j]) {
			continue
		}
		k := j
		for k < len(text) && unicode.IsSpace(text[k]) {
			k++
		}
		if k < len(text) && !(unicode.IsUpper(text[k]) || unicode.IsDigit(text[k]) || isOpener(text[k])) {
			continue
		}
		if r == '.' && j == i+1 && notAnEnd(text, i) {
			continue
		}
		emit(j)
		i = j - 1
	}
	emit(len(text))
	return out
}

// notAnEnd reports whether the '.' at i closes an abbreviation, an initial
// or a dotted acronym rather than a sentence.
func notAnEnd(text []rune, i int) bool {
	w := i
	for w > 0 && (unicode.IsLetter(text[w-1]) || text[w-1] == '.') {
		w--
	}
	word := string(text[w:i])
	if word == "" {
		return false
	}
	if strings.Contains(word, ".") {
		return true // U.S, e.g, a.m
	}
	rs := []rune(word)
	if len(rs) == 1 && unicode.IsUpper(rs[0]) {
		return true // an initial: J. Smith
	}
	return abbreviations[strings.ToLower(word)]
}
