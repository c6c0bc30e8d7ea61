package ingest

import (
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/actorgraph/actorgraph/graph"
)

// kindOf types a span from the evidence around it and gives the name it is
// proposed under; "" when nothing says what it is. Organisation words
// (ministries, agencies, newspapers, the UN) rule out a Person, and such a
// body is proposed only as an armed group's. In order: Event heads, Group
// heads and cues, Location heads and cues, perpetrator roles (Attacker),
// then person evidence: a title or role, a name particle, a given name, or
// a verb of speech after two name words.
func kindOf(text []rune, toks []token, sp span, places map[int]bool) (graph.Kind, string) {
	l := lex()
	name := spanText(text, sp)
	ws := make([]string, 0, len(sp.toks))
	for _, t := range sp.toks {
		ws = append(ws, string(foldName(t.text)))
	}
	if allIn(ws, l.calendar, l.stopwords) || l.calendar.has(name) {
		return "", ""
	}
	end := sp.toks[len(sp.toks)-1].end
	next := strings.ToLower(wordAfter(text, end))
	before := func(n int) string { // the n words before the span, folded
		if sp.at < n {
			return ""
		}
		var b []string
		for _, t := range toks[sp.at-n : sp.at] {
			w := strings.ToLower(t.text)
			if isPossessive(text, t) {
				w += "'s"
			} else if t.end < len(text) && text[t.end] == '\'' {
				w += "'"
			}
			b = append(b, w)
		}
		return strings.Join(b, " ")
	}
	prev := before(1)
	org := hasWordIn(ws, l.organisations)
	group := hasWordIn(ws, l.groups) || l.groupAfter.has(next) && !isCapital(wordAfter(text, end)) ||
		l.groupBefore.has(prev) || l.groupBefore.has(before(2)) ||
		strings.HasPrefix(strings.Join(ws, " "), "islamic state ") && ws[len(ws)-1] == "province"
	last := ws[len(ws)-1]
	if acronymAfter(text, sp) {
		// "the Baloch Liberation Army (BLA)", "Hayat Tahrir al-Sham (HTS)":
		// a body named in full with its initials; armed unless its words
		// say agency, ministry, court and the like.
		if group || allArmed(ws, l) {
			return graph.Group, name
		}
		return "", ""
	}
	switch {
	case l.eventHeads.has(last) && len(ws) >= 2:
		return graph.Event, name
	case l.eventHeads.has(next) && !isCapital(wordAfter(text, end)) && !org:
		return graph.Event, name + " " + wordAfter(text, end)
	case group:
		return graph.Group, name
	case org && l.locationHeads.has(last) && len(ws) >= 2, placeApposition(text, end, l.locationHeads):
		return graph.Location, name // "Civil Hospital"; "Seitenstettengasse, a narrow street"
	case org:
		return "", ""
	case l.locationHeads.has(next) && !isCapital(wordAfter(text, end)) && adjectival(ws[len(ws)-1]):
		return "", "" // "the Pyrenean town", "Coptic churches", "a Roman Catholic cathedral": an adjective
	case len(ws) >= 2 && placeFirst[ws[0]], regionAfterPlace(text, toks, sp, places):
		return graph.Location, name // "Port El Kantaoui"; "Marawi, Lanao del Sur,"
	case l.locationHeads.has(last) && len(ws) >= 2, l.locationHeads.has(next) && !isCapital(wordAfter(text, end)),
		l.locationBefore.has(prev) || l.locationBefore.has(before(2)), prev == "in" && placeAfterComma(text, end, places):
		return graph.Location, name
	}
	if acronymIn(sp.toks) {
		return "", ""
	}
	// "named him as X", "identified the driver as X": a perpetrator named.
	namedAs := prev == "as" && hasAny(" "+before(4)+" ", " named ", " identified ")
	switch {
	case sp.perp || l.perpetrators.has(prev) || strings.HasSuffix(before(2), " as") &&
		l.perpetrators.has(strings.Fields(before(2))[0]),
		namedAs && len(ws) >= 2:
		return graph.Attacker, name
	case len(ws) >= 2 && ageAfter(text, end):
		return graph.Person, name // "Mberesero, 24," and "X, a 22-year-old"
	case sp.titled || l.titles.has(prev) || hasWordIn(ws, l.personParticles) || len(ws) >= 2 && l.givenNames.has(ws[0]) ||
		len(ws) >= 2 && l.speech.has(next):
		return graph.Person, name
	case len(ws) >= 2 && len(ws) <= 3 && noneCommon(ws, l.common) && personFrame(text, end, prev) &&
		(!sentenceStart(text, sp.toks[0].start) || apposition(text, end)):
		// Two or three words no dictionary holds, in a frame that names a
		// person ("..., a 29-year-old", "..., who", "X and Y were"): a name.
		return graph.Person, name
	}
	return "", ""
}

// acronymAfter reports whether the span is followed by its initials in
// brackets: "Allied Democratic Forces (ADF)". Words of one or two letters,
// "of", "and", "the" and the article before a hyphen ("al-Sham") give no
// initial; the initials may stand in another order (a name translated:
// "Revolutionary Armed Forces of Colombia (FARC)").
func acronymAfter(text []rune, sp span) bool {
	end := sp.toks[len(sp.toks)-1].end
	rest := string(text[end:min(len(text), end+12)])
	m := acronymRe.FindStringSubmatch(rest)
	if m == nil || len(sp.toks) < 2 {
		return false
	}
	var initials []rune
	for _, t := range sp.toks {
		for _, part := range strings.Split(t.text, "-") {
			r := []rune(part)
			if len(r) == 0 || unicode.IsLower(r[0]) || len(r) <= 2 && !unicode.IsUpper(r[len(r)-1]) {
				continue
			}
			initials = append(initials, unicode.ToUpper(r[0]))
		}
	}
	acr := []rune(m[1])
	if len(acr) != len(initials) {
		return false
	}
	a, b := slices.Clone(acr), slices.Clone(initials)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

var acronymRe = regexp.MustCompile(`^ \((\p{Lu}{2,6})\)`)

// allArmed reports whether a full name's head words are an armed body's
// ("Army", "Forces", "Party", "Liberation") and none is an office's
// ("Agency", "Ministry", "Court").
func allArmed(ws []string, l *lexicon) bool {
	armed := false
	for _, w := range ws {
		switch {
		case armedHeads[w]:
			armed = true
		case l.organisations.has(w):
			return false
		}
	}
	return armed
}

var armedHeads = set("army", "forces", "party", "liberation", "guard", "guards", "corps", "resistance", "revolutionary",
	"tahrir", "hayat")

// allIn reports whether every word is in one of the lists.
func allIn(ws []string, lists ...wordList) bool {
	for _, w := range ws {
		in := false
		for _, l := range lists {
			in = in || l[w]
		}
		if !in {
			return false
		}
	}
	return true
}

// hasWordIn reports whether a word of the name, or a piece of a hyphenated
// one without its article ("Jaish" of "Jaish-e-Mohammed", "Qaeda" of
// "al-Qaeda"), is in the list.
func hasWordIn(ws []string, list wordList) bool {
	for _, w := range ws {
		for _, p := range strings.Split(w, " ") {
			if list[p] {
				return true
			}
		}
	}
	return false
}

// acronymIn reports whether a word of the span is an acronym ("ISIS"): no
// person's name.
func acronymIn(ts []token) bool {
	for _, t := range ts {
		if len([]rune(t.text)) > 1 && strings.ToUpper(t.text) == t.text {
			return true
		}
	}
	return false
}

func isCapital(w string) bool {
	for _, r := range w {
		return unicode.IsUpper(r)
	}
	return false
}

// placeAfterComma reports whether ", " and a known Location or State follow
// position i ("in Jolo, Philippines").
func placeAfterComma(text []rune, i int, places map[int]bool) bool {
	if i+2 >= len(text) || text[i] != ',' || text[i+1] != ' ' {
		return false
	}
	// "in Baisaran, near the resort town of Pahalgam"; "in Msaken, a town
	// south of Sousse": the words after the comma place it.
	return places[i+2] || placeAppositionRe.MatchString(strings.ToLower(string(text[i+2:min(len(text), i+40)])))
}

var placeAppositionRe = regexp.MustCompile(`^(near|outside|(north|south|east|west|northwest|northeast|southwest|southeast) of|` +
	`(a|the) (small |remote |mountain |resort |border |coastal |southern |northern |eastern |western )?(town|village|city|district|suburb|neighbourhood|meadow|valley|region|province)\b)`)

// ageAfter reports whether an age follows the name: ", 56," or ", a
// 22-year-old".
func ageAfter(text []rune, end int) bool {
	rest := string(text[end:min(len(text), end+16)])
	if !strings.HasPrefix(rest, ", ") {
		return false
	}
	rest = strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(rest, ", "), "a "), "an ")
	i := 0
	for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
		i++
	}
	return i > 0 && i <= 3 && (strings.HasPrefix(rest[i:], ",") || strings.HasPrefix(rest[i:], "-year-old"))
}

// noneCommon reports whether no word is a common English word (so not
// "Holey Artisan Bakery" or "Last Tuesday").
func noneCommon(ws []string, common wordList) bool {
	for _, w := range ws {
		if common.has(w) || len([]rune(w)) < 3 {
			return false
		}
	}
	return true
}

// personFrame: what follows or precedes a name says a person is meant: an
// apposition with an article, "who", a verb of a person's acts, or "and".
func personFrame(text []rune, end int, prev string) bool {
	rest := strings.ToLower(string(text[end:min(len(text), end+14)]))
	for _, p := range []string{", a ", ", an ", ", the ", ", who", " who ", ", one of", " was ", " were ", " had ",
		" has "} {
		if strings.HasPrefix(rest, p) {
			return true
		}
	}
	return prev == "by" || prev == "as"
}

// apposition: ", a ...", ", an ...", ", the ...", ", who" follows.
func apposition(text []rune, end int) bool {
	rest := strings.ToLower(string(text[end:min(len(text), end+8)]))
	return strings.HasPrefix(rest, ", a ") || strings.HasPrefix(rest, ", an ") || strings.HasPrefix(rest, ", the ") ||
		strings.HasPrefix(rest, ", who")
}

// placeFollow are the words that may follow a place noun's head.
var placeFollow = set("in", "on", "of", "that", "which", "where", "near", "outside", "north", "south", "east", "west",
	"about", "home", "close", "some", "just", "known", "popular", "frequented", "held", "from", "and", "with")

// placeApposition reports whether ", a" or ", the" and at most two more
// words before a place head follow the name ("Ceylanpinar, a town in the
// same province", "Seitenstettengasse, a narrow street").
func placeApposition(text []rune, end int, heads wordList) bool {
	rest := strings.ToLower(string(text[end:min(len(text), end+40)]))
	for _, p := range []string{", a ", ", an ", ", the "} {
		if !strings.HasPrefix(rest, p) {
			continue
		}
		ws := strings.FieldsFunc(rest[len(p):], func(r rune) bool { return !unicode.IsLetter(r) && r != '-' })
		for i := 0; i < len(ws) && i < 3; i++ {
			// The head ends the noun phrase: "a town in ...", not "a former
			// university lecturer".
			if heads.has(ws[i]) && (i+1 == len(ws) || placeFollow[ws[i+1]]) {
				return true
			}
		}
	}
	return false
}

// adjectival reports whether a capitalised word has the ending of an
// adjective of a people, a region or a faith ("Pyrenean", "Coptic",
// "Catholic", "Balinese", "Kurdish", "Sicilian"). Bare "-an" is left out:
// "Kerman", "Isfahan".
func adjectival(w string) bool {
	for _, suf := range []string{"ean", "ian", "ic", "ese", "ish"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+2 {
			return true
		}
	}
	return false
}

// placeFirst are the first words of place names ("Port Said", "Mount
// Carmel", "Lake Chad", "Cape Town", "Fort Hood").
var placeFirst = set("port", "mount", "lake", "cape", "fort", "gulf", "wadi", "jebel", "jabal")

// regionAfterPlace: a run right after a known place and ", ", ending its
// clause, names the region that holds it ("in Marawi, Lanao del Sur, and").
func regionAfterPlace(text []rune, toks []token, sp span, places map[int]bool) bool {
	start, end := sp.toks[0].start, sp.toks[len(sp.toks)-1].end
	if start < 3 || string(text[start-2:start]) != ", " || end >= len(text) || !strings.ContainsRune(",.;", text[end]) {
		return false
	}
	// The place before the comma: a run of capitalised words, one of which
	// starts a known place.
	for k := sp.at - 1; k >= 0 && k >= sp.at-4; k-- {
		if !capitalised(toks[k]) {
			return false
		}
		if places[toks[k].start] {
			return !dateline(text, &mention{Mention: graph.Mention{Start: toks[k].start, End: toks[sp.at-1].end}})
		}
		if k > 0 && !onlySpace(text, toks[k-1].end, toks[k].start) {
			return false
		}
	}
	return false
}
