package ingest

import (
	"sort"
	"strings"
	"unicode"

	"github.com/actorgraph/actorgraph/graph"
)

// match is one accepted occurrence of a pattern in the text.
type match struct {
	start, end int // original rune offsets
	pat        int32
}

// find returns the mentions of the gazetteer's names in text: word
// boundaries, acronyms in capitals, world names capitalised and in a
// plausible place, longest match first, no overlaps.
func (g *Gazetteer) find(text []rune, f folded) []match {
	var all []match
	g.ac.scan(f.r, func(end int, id int32, length int) {
		start := end - length
		if start > 0 && isWord(f.r[start-1]) || end < len(f.r) && isWord(f.r[end]) {
			return
		}
		p := &g.pats[id]
		if p.cased != nil && !sameCase(text, f, start, p.cased) {
			return
		}
		m := match{start: int(f.pos[start]), end: int(f.pos[end-1]) + 1, pat: id}
		if len(p.strong) == 0 && len(p.weak) == 0 && !g.worldFits(text, f, start, m) {
			return
		}
		if afterArticleHyphen(text, m.start) && g.onlyPeople(id) {
			return // "Seyfullah al-Mujahid" is not Zabihullah Mujahid by his surname
		}
		if g.onlyPeople(id) && !strings.ContainsRune(string(text[m.start:m.end]), ' ') && inOtherName(text, m) {
			return // "Chief Magistrate Francis Andayi" is not Pope Francis
		}
		all = append(all, m)
	})
	sort.Slice(all, func(i, j int) bool {
		li, lj := all[i].end-all[i].start, all[j].end-all[j].start
		if li != lj {
			return li > lj
		}
		return all[i].start < all[j].start
	})
	taken := make([]bool, len(text))
	var out []match
next:
	for _, m := range all {
		for i := m.start; i < m.end; i++ {
			if taken[i] {
				continue next
			}
		}
		for i := m.start; i < m.end; i++ {
			taken[i] = true
		}
		out = append(out, m)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].start < out[j].start })
	return out
}

// onlyPeople reports whether every entity of a pattern is a Person or an
// Attacker.
func (g *Gazetteer) onlyPeople(pat int32) bool {
	ids := g.ids(pat)
	for _, id := range ids {
		if e, _ := g.Entry(id); e.Kind != graph.Person && e.Kind != graph.Attacker {
			return false
		}
	}
	return len(ids) > 0
}

// afterArticleHyphen reports whether the Arabic article and a hyphen come
// right before position i ("al-", "el-", "ul-").
func afterArticleHyphen(text []rune, i int) bool {
	if i < 3 || text[i-1] != '-' {
		return false
	}
	j := i - 1
	for j > 0 && unicode.IsLetter(text[j-1]) {
		j--
	}
	switch strings.ToLower(string(text[j : i-1])) {
	case "al", "el", "ul", "ud", "ad", "ar", "as", "ash", "az", "an", "ibn", "bin", "abu":
		return true
	}
	return false
}

// sameCase checks an acronym's capitals against the original text.
func sameCase(text []rune, f folded, start int, cased []rune) bool {
	for k, c := range cased {
		if c == ' ' {
			continue
		}
		if text[f.pos[start+k]] != c {
			return false
		}
	}
	return true
}

// worldFits says whether a match of a world name (a country or city the
// graph lacks) is one: each capital of the name is a capital in the text;
// a common-word city ("Nice") is not at a sentence's start; and the name is
// not part of a person's ("Chad Smith", "Paris Hilton") or the subject of
// "said" ("Jordan said").
func (g *Gazetteer) worldFits(text []rune, f folded, start int, m match) bool {
	p := &g.pats[m.pat]
	for k, c := range p.wcased {
		if unicode.IsUpper(c) && !unicode.IsUpper(text[f.pos[start+k]]) {
			return false
		}
	}
	if m.start > 0 && text[m.start-1] == '-' { // "al-Iraqi" is a name, not Iraq
		return false
	}
	w := g.world[p.world-1]
	l := lex()
	if w.common && sentenceStart(text, m.start) {
		return false
	}
	prev, next := wordBefore(text, m.start), wordAfter(text, m.end)
	if capitalisedWord(prev) && (l.givenNames.has(prev) || l.titles.has(prev)) {
		return false
	}
	// "Jose Aldemar Rojas Rodriguez": the last of a run of names, in the
	// body, not a headline's capitals.
	if capitalisedWord(prev) && !l.locationHeads.has(strings.ToLower(prev)) && m.start >= headlineEnd(text) {
		if p2 := wordBefore(text, m.start-len([]rune(prev))-1); capitalisedWord(p2) &&
			!l.stopwords.has(strings.ToLower(p2)) &&
			!l.titles.has(p2) && !l.locationHeads.has(strings.ToLower(p2)) {
			return false
		}
	}
	if capitalisedWord(next) && l.givenNames.has(string(text[m.start:m.end])) && !l.organisations.has(next) &&
		!l.locationHeads.has(next) {
		return false
	}
	// "Jackson said" is a person; "officials in Jackson said" a place.
	return !l.speech.has(next) || prepositions[strings.ToLower(prev)]
}

// prepositions before a place name.
var prepositions = set("in", "at", "from", "to", "near", "of", "outside", "into", "across", "around")

// sentenceStart reports whether position i opens a sentence or a line.
func sentenceStart(text []rune, i int) bool {
	for j := i - 1; j >= 0; j-- {
		switch r := text[j]; {
		case r == '\n':
			return true
		case r == ' ' || r == '\t' || r == '"' || r == '\u201c' || r == '\'' || r == '(' || r == '\u2018':
			continue
		case r == '.' || r == '!' || r == '?' || r == ':' || r == '-' || r == '\u2013' || r == '\u2014':
			return true
		default:
			return false
		}
	}
	return true
}

// wordBefore is the word that ends one space before i ("" if none).
func wordBefore(text []rune, i int) string {
	if i < 2 || text[i-1] != ' ' || !isWord(text[i-2]) {
		return ""
	}
	j := i - 2
	for j > 0 && isWord(text[j-1]) {
		j--
	}
	return string(text[j : i-1])
}

// wordAfter is the word that starts one space after i ("" if none).
func wordAfter(text []rune, i int) string {
	if i+1 >= len(text) || text[i] != ' ' || !isWord(text[i+1]) {
		return ""
	}
	j := i + 1
	for j < len(text) && isWord(text[j]) {
		j++
	}
	return string(text[i+1 : j])
}

func capitalisedWord(s string) bool {
	for _, r := range s {
		return unicode.IsUpper(r)
	}
	return false
}

// inOtherName reports whether a person's one-word name (a surname, or an
// alias such as "Francis") stands
// inside a longer run of names: a capitalised name word right after it
// ("Francis Andayi"), or a name word, not a title, inside the sentence
// right before it ("General Raheel Sharif").
func inOtherName(text []rune, m match) bool {
	l := lex()
	next := wordAfter(text, m.end)
	if m.end < len(text) && text[m.end] == ' ' && capitalisedWord(next) && !l.stopwords.has(strings.ToLower(next)) &&
		!l.organisations.has(strings.ToLower(next)) && !l.calendar.has(next) && !l.speech.has(strings.ToLower(next)) {
		return true
	}
	prev := wordBefore(text, m.start)
	if m.start == 0 || text[m.start-1] != ' ' || !capitalisedWord(prev) {
		return false
	}
	low := strings.ToLower(prev)
	at := m.start - 1 - len([]rune(prev))
	return !l.titles.has(low) && !l.stopwords.has(low) && !l.calendar.has(prev) && !l.locationHeads.has(low) &&
		!l.organisations.has(low) && at >= 0 && !sentenceStart(text, at)
}
