package ingest

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph"
)

// span is a run of name words the gazetteer did not match: a possible new
// entity. toks are its words; at is the index of the first in the text's
// words; titled says a title or role opened the run ("President X").
type span struct {
	toks   []token
	at     int
	titled bool
	perp   bool // the title was a perpetrator's ("Suspect X")
}

// proposals turns the runs of name words that match nothing into new-entity
// proposals when the words around them give evidence of a kind (kindOf); a
// run without evidence is a mention only when it repeats the name, or the
// surname, of a proposal. Runs of a title-case headline count only when the
// body names them too.
func (g *Gazetteer) proposals(text []rune, taken []bool, places map[int]bool, news *newSet, cr [][2]int) []mention {
	taken = withoutCredits(cr, taken)
	toks := words(text)
	hl := headlineEnd(text)
	var spans []span
	var headRuns [][2]int
	for i := 0; i < len(toks); {
		if tokenTaken(taken, toks[i]) || !opensName(toks, i, taken, text) {
			i++
			continue
		}
		j := runEnd(text, toks, i, taken)
		if toks[i].start < hl {
			headRuns = append(headRuns, [2]int{i, j})
		} else {
			spans = append(spans, splitRun(text, toks, i, j)...)
		}
		i = j
	}
	inBody := map[string]bool{}
	for _, sp := range spans {
		inBody[graph.Slug(spanText(text, sp), 60)] = true
	}
	// A headline's capitals say nothing: only names the body has count.
	for _, r := range headRuns {
		spans = append(spans, knownWindows(text, toks, r[0], r[1], inBody)...)
	}
	kinds := make([]graph.Kind, len(spans))
	names := make([]string, len(spans))
	for i, sp := range spans {
		kinds[i], names[i] = kindOf(text, toks, sp, places)
		// "named as Omar al-Muwahhid and Seyfullah al-Mujahid": the second
		// name of a pair is what the first is.
		if i > 0 && (kinds[i] == "" || kinds[i] == graph.Person) &&
			(kinds[i-1] == graph.Attacker || kinds[i-1] == graph.Person && kinds[i] == "") &&
			len(sp.toks) >= 2 && string(text[spans[i-1].toks[len(spans[i-1].toks)-1].end:sp.toks[0].start]) == " and " {
			kinds[i], names[i] = kinds[i-1], spanText(text, sp)
		}
	}
	// A person's later mention by the end of the name ("Abaaoud", "bin
	// Laden") is that person's.
	suffixes := map[string]int{}
	for i, sp := range spans {
		if kinds[i] == graph.Person || kinds[i] == graph.Attacker {
			for k := 1; k < len(sp.toks); k++ {
				if nameWord(sp.toks[k]) || lex().personParticles.has(sp.toks[k].text) {
					s := graph.Slug(string(text[sp.toks[k].start:sp.toks[len(sp.toks)-1].end]), 60)
					if _, ok := suffixes[s]; !ok {
						suffixes[s] = i
					}
				}
			}
		}
	}
	refs := map[string]int{} // slug of a span's text -> proposal
	for i, sp := range spans {
		k := graph.Slug(spanText(text, sp), 60)
		if kinds[i] == "" || sp.toks[0].start < hl {
			continue
		}
		if _, ok := refs[k]; ok {
			continue
		}
		if _, ok := suffixes[k]; ok && (kinds[i] == graph.Person || kinds[i] == graph.Attacker) {
			continue
		}
		refs[k] = i
	}
	// "The Resistance Front" inside a sentence names the group the
	// sentence-initial "The Resistance Front" (its The dropped) does.
	for k := range refs {
		if p, ok := refs["the-"+k]; ok && kinds[p] == kinds[refs[k]] {
			refs[k] = p
		}
	}
	var out []mention
	for i, sp := range spans {
		k := graph.Slug(spanText(text, sp), 60)
		p, ok := refs[k]
		if !ok && (kinds[i] == "" || kinds[i] == graph.Person || kinds[i] == graph.Attacker) {
			p, ok = suffixes[k]
			ok = ok && kinds[p] != ""
			if _, own := refs[graph.Slug(spanText(text, spans[p]), 60)]; !own {
				ok = false
			}
		}
		if !ok {
			continue
		}
		ne := news.add(graph.NewEntity{Name: names[p], Kind: kinds[p]})
		start, end := sp.toks[0].start, sp.toks[len(sp.toks)-1].end
		if p == i && names[i] != spanText(text, sp) { // "X attack": the head is part of the name
			end = start + len([]rune(names[i]))
		}
		ref := ne.Ref
		out = append(out, mention{Mention: graph.Mention{Text: string(text[start:end]), Start: start, End: end,
			Options: []string{}, NewEntity: &ref},
			ids: []string{ref}, kind: ne.Kind, name: ne.Name})
	}
	return out
}

// credits are a report's staff lines: "Reporting by X; Editing by Y",
// "Additional reporting by X in Moscow", "(Writing by X)", "(Photo by X)",
// and a picture's agency and photographer ("REUTERS/Maxim Shemetov").
var credits = regexp.MustCompile(`(?m:(?:^|[(;.] ?)\s*(?i:(?:additional )?(?:reporting|writing|editing|compiled|edited|written|photographs?|photo|pictures?|video) by)\b[^\n);.]{0,80})` +
	`|\b(?:REUTERS|AFP|AP|EPA|ANADOLU|TASS|XINHUA)/\p{Lu}[\pL.'-]*(?: \p{Lu}[\pL.'-]*)*(?:/\pL+)*`)

// creditSpans are the code-point spans of text's credit lines, found once.
func creditSpans(text []rune) [][2]int {
	s := string(text)
	locs := credits.FindAllStringIndex(s, -1)
	out := make([][2]int, 0, len(locs))
	for _, l := range locs {
		out = append(out, [2]int{utf8.RuneCountInString(s[:l[0]]), utf8.RuneCountInString(s[:l[1]])})
	}
	return out
}

// inCredits reports whether pos lies in one of the spans.
func inCredits(spans [][2]int, pos int) bool {
	i := sort.Search(len(spans), func(k int) bool { return spans[k][1] > pos })
	return i < len(spans) && spans[i][0] <= pos
}

// withoutCredits marks the credit spans taken, so their journalists (and
// the cities they file from) propose no entity. taken is not changed.
func withoutCredits(spans [][2]int, taken []bool) []bool {
	if len(spans) == 0 {
		return taken
	}
	out := slices.Clone(taken)
	for _, sp := range spans {
		for i := sp[0]; i < sp[1] && i < len(out); i++ {
			out[i] = true
		}
	}
	return out
}

// knownWindows finds, longest first, the runs of words i..j of a headline
// that the body names.
func knownWindows(text []rune, toks []token, i, j int, inBody map[string]bool) []span {
	var out []span
	for a := i; a < j; {
		found := false
		for b := min(j, a+6); b > a; b-- {
			w := span{toks: toks[a:b], at: a}
			if inBody[graph.Slug(spanText(text, w), 60)] {
				out = append(out, w)
				a, found = b, true
				break
			}
		}
		if !found {
			a++
		}
	}
	return out
}

func spanText(text []rune, sp span) string {
	return string(text[sp.toks[0].start:sp.toks[len(sp.toks)-1].end])
}

// nameWord reports whether a word can be part of a name: capitalised, or
// a particle-prefixed name ("al-Logari", "el-Bakraoui").
func nameWord(t token) bool {
	if capitalised(t) {
		return true
	}
	pre, rest, ok := strings.Cut(t.text, "-")
	if !ok || rest == "" || len(pre) > 3 || !lex().particles.has(pre) && !arabicArticles[pre] {
		return false
	}
	return unicode.IsUpper([]rune(rest)[0])
}

// arabicArticles are the forms of the article (and "wa-al", "and the") a
// hyphen joins to the name word after it: "ad-Dawla", "wal-Muslimin".
var arabicArticles = set("ad", "as", "ash", "ar", "at", "az", "an", "wal", "wa", "bil", "fil", "lil")

// joined reports whether word i exists, is free and follows word i-1 after
// one space.
func joined(text []rune, toks []token, i int, taken []bool) bool {
	return i < len(toks) && !tokenTaken(taken, toks[i]) && onlySpace(text, toks[i-1].end, toks[i].start)
}

// tokenTaken reports whether a mention covers any of the word: a surname
// matched inside "al-Mujahid" leaves no new name around it, so no two
// mentions overlap.
func tokenTaken(taken []bool, t token) bool {
	for i := t.start; i < t.end; i++ {
		if taken[i] {
			return true
		}
	}
	return false
}

// opensName reports whether a name may start at word i: a name word, or a
// lower-case particle before one ("bin Laden").
func opensName(toks []token, i int, taken []bool, text []rune) bool {
	if nameWord(toks[i]) {
		return true
	}
	return lex().personParticles.has(toks[i].text) && unicode.IsLower([]rune(toks[i].text)[0]) &&
		joined(text, toks, i+1, taken) && nameWord(toks[i+1])
}

// runEnd is the end (exclusive) of the run of name words from i: name
// words and, between two of them, particles and "of"/"and"/"e".
func runEnd(text []rune, toks []token, i int, taken []bool) int {
	j := i + 1
	l := lex()
	for !isPossessive(text, toks[j-1]) && joined(text, toks, j, taken) || isPossessive(text, toks[j-1]) &&
		saintsPlace(text, toks, i, j, taken) {
		switch {
		case nameWord(toks[j]):
			j++
		case (l.particles.has(toks[j].text) || toks[j].text == "of" || toks[j].text == "and" || toks[j].text == "e") &&
			joined(text, toks, j+1, taken) && nameWord(toks[j+1]):
			j += 2
		default:
			return j
		}
	}
	return j
}

// saintsPlace: a saint's possessive goes on into the place named after him
// ("St Mark's Cathedral", "Saint Peter's Square").
func saintsPlace(text []rune, toks []token, i, j int, taken []bool) bool {
	first := strings.TrimSuffix(toks[i].text, ".")
	if first != "St" && first != "Saint" && first != "Sainte" && first != "San" || j >= len(toks) ||
		tokenTaken(taken, toks[j]) ||
		toks[j].start-toks[j-1].end != 3 || text[toks[j].start-1] != ' ' {
		return false
	}
	return capitalised(toks[j]) && lex().locationHeads.has(strings.ToLower(toks[j].text))
}

// isPossessive reports whether a word was cut before its "'s".
func isPossessive(text []rune, t token) bool {
	return t.end+1 < len(text) && (text[t.end] == '\'' || text[t.end] == '\u2019') &&
		(text[t.end+1] == 's' || text[t.end+1] == 'S')
}

// splitRun trims a run (stopwords, calendar words, titles and a sentence's
// common first word before it; particles and connectors after it) and
// splits it at "and" when both sides are names ("Abu X and Abu Y").
func splitRun(text []rune, toks []token, i, j int) []span {
	l := lex()
	sp := span{at: i}
	for i < j {
		w := toks[i].text
		switch {
		case l.titles.has(w):
			sp.titled = true
			// "Secretary of State X", "Minister of Foreign Affairs X": the
			// office's common words belong to the title.
			if i+2 < j && toks[i+1].text == "of" {
				k := i + 2
				for k < j && commonName(l, toks[k].text) {
					k++
				}
				if k > i+2 {
					i = k
					continue
				}
			}
		case l.perpetrators.has(w):
			sp.titled, sp.perp = true, true
		case w == "The" && i+1 < j && !sentenceStart(text, toks[i].start):
			// A capital "The" inside a sentence is the name's own
			// ("designated The Resistance Front").
			goto trimmed
		case l.stopwords.has(w) || l.adjectives.has(w) || l.calendar.has(w):
		case i+1 < j && commonName(l, w) && l.titles.has(toks[i+1].text):
			// "Health Minister Mikhail Murashko": the portfolio is the title's.
		case sentenceStart(text, toks[i].start) && commonName(l, w) && !l.personParticles.has(w) && j-i == 1:
		default:
			goto trimmed
		}
		i++
	}
trimmed:
	for j > i && (!nameWord(toks[j-1]) || toks[j-1].text == "and") {
		j--
	}
	if i >= j || j-i > 20 {
		return nil
	}
	var out []span
	from := i
	for k := i; k <= j; k++ {
		if k < j && toks[k].text != "and" {
			continue
		}
		if k == from {
			return []span{{toks: toks[i:j], at: i, titled: sp.titled, perp: sp.perp}}
		}
		out = append(out, span{toks: toks[from:k], at: from, titled: sp.titled, perp: sp.perp})
		from = k + 1
	}
	for _, s := range out {
		if len(s.toks) > 6 {
			return nil
		}
	}
	return out
}

// headlineEnd is where the text's title-case headline ends (0 if it has
// none): the first lines before a blank line, each short, without a full
// stop, with most long words capitalised.
func headlineEnd(text []rune) int {
	end := 0
	for i := 0; i < len(text) && i < 400; {
		j := i
		for j < len(text) && text[j] != '\n' {
			j++
		}
		line := strings.TrimSpace(string(text[i:j]))
		if line == "" || !titleCase(line) {
			break
		}
		end = j
		i = j + 1
	}
	return end
}

func titleCase(line string) bool {
	if len(line) > 200 || strings.HasSuffix(line, ".") {
		return false
	}
	long, caps := 0, 0
	for _, w := range strings.Fields(line) {
		r := []rune(w)
		if len(r) < 4 {
			continue
		}
		long++
		if unicode.IsUpper(r[0]) {
			caps++
		}
	}
	return long >= 3 && caps*10 >= long*7
}

// commonName reports whether a capitalised word is an English word rather
// than a name: a common word that is not a given name, or a hyphenated
// compound of common words ("Little-known").
func commonName(l *lexicon, w string) bool {
	if l.givenNames.has(w) {
		return false
	}
	if l.common.has(w) {
		return true
	}
	parts := strings.Split(w, "-")
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		if !l.common.has(p) {
			return false
		}
	}
	return true
}
