package ingest

import (
	"embed"
	"strings"
	"sync"
)

// The word lists of lexicon/ (docs/ingest-lexicon.md says what each means).
//
//go:embed lexicon/*.txt
var lexiconFS embed.FS

// wordList is a list of lexicon/: folded words and phrases, one a line,
// '#' comments and blank lines skipped.
type wordList map[string]bool

// has looks a word or phrase up, folded as the list is.
func (w wordList) has(s string) bool {
	simple := true
	for i := 0; i < len(s) && simple; i++ {
		c := s[i]
		simple = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '\''
	}
	if simple {
		return w[strings.ToLower(s)]
	}
	return w[string(foldName(s))]
}

// lexicon holds every list, read once.
type lexicon struct {
	stopwords, adjectives, calendar, titles, perpetrators, speech wordList
	particles, personParticles, organisations, groups, groupAfter wordList
	groupBefore, locationBefore, locationHeads, eventHeads        wordList
	givenNames, common, citySkip                                  wordList
	// plurals maps a demonym (folded) to the nouns that name its people.
	plurals map[string][]string
	// variants maps a folded name word to its other spellings.
	variants map[string][]string
}

var (
	lexOnce sync.Once
	lexData *lexicon
)

// lex returns the lexicon, reading it on first use.
func lex() *lexicon {
	lexOnce.Do(func() {
		l := &lexicon{}
		for name, dst := range map[string]*wordList{
			"stopwords": &l.stopwords, "adjectives": &l.adjectives, "calendar": &l.calendar, "titles": &l.titles,
			"perpetrators": &l.perpetrators, "speech": &l.speech, "particles": &l.particles,
			"person-particles": &l.personParticles, "organisations": &l.organisations, "groups": &l.groups,
			"group-after": &l.groupAfter, "group-before": &l.groupBefore, "location-before": &l.locationBefore,
			"location-heads": &l.locationHeads, "event-heads": &l.eventHeads, "given-names": &l.givenNames,
			"common-words": &l.common, "city-skip": &l.citySkip,
		} {
			*dst = wordList{}
			for _, line := range lexLines("lexicon/" + name + ".txt") {
				(*dst)[string(foldName(line))] = true
			}
		}
		l.plurals = map[string][]string{}
		for _, line := range lexLines("lexicon/demonym-plurals.txt") {
			adj, forms, ok := strings.Cut(line, "=")
			if !ok {
				panic("ingest: lexicon/demonym-plurals.txt: no '=' in " + line)
			}
			k := strings.ToLower(strings.TrimSpace(adj))
			for _, f := range strings.Split(forms, ",") {
				l.plurals[k] = append(l.plurals[k], strings.TrimSpace(f))
			}
		}
		l.variants = map[string][]string{}
		for _, line := range lexLines("lexicon/spelling-variants.txt") {
			ws := strings.Fields(strings.ToLower(line))
			for _, w := range ws {
				for _, o := range ws {
					if o != w {
						l.variants[w] = append(l.variants[w], o)
					}
				}
			}
		}
		lexData = l
	})
	return lexData
}

// lexLines reads an embedded data file's lines, trimmed, without comments
// and blank lines. The files are part of the binary: a missing one is a
// build mistake, so it panics.
func lexLines(path string) []string {
	b, err := lexiconFS.ReadFile(path)
	if err != nil {
		b, err = worldFS.ReadFile(path)
	}
	if err != nil {
		panic("ingest: " + err.Error())
	}
	var out []string
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, line)
	}
	return out
}

// peopleOf gives the forms of a demonym that name its people: the listed
// irregular ones, else the demonym plus "s" unless it ends like "Swiss",
// "Chinese" or "French" ("Tajik": "Tajiks"; "Filipino": "Filipinos").
func peopleOf(demonym string) []string {
	if forms, ok := lex().plurals[strings.ToLower(demonym)]; ok {
		return forms
	}
	d := strings.ToLower(demonym)
	for _, suf := range []string{"ese", "ss", "sh", "ch", "x", "z", "s"} {
		if strings.HasSuffix(d, suf) {
			return nil
		}
	}
	return []string{demonym + "s"}
}

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// spellings gives a name's other spellings: without apostrophes
// ("Jamaath" of "Jama'ath"), each listed variant of a word ("Muhammad" of
// "Mohammed"), and for a group without its article ("Shabaab" of
// "al-Shabaab"). Names are folded.
func spellings(folded string, group bool) []string {
	var out []string
	add := func(s string) {
		if s != folded && len(s) >= 2 {
			out = append(out, s)
		}
	}
	if strings.Contains(folded, "'") {
		add(strings.ReplaceAll(folded, "'", ""))
	}
	ws := strings.Split(folded, " ")
	for i, w := range ws {
		for _, v := range lex().variants[w] {
			c := append([]string(nil), ws...)
			c[i] = v
			add(strings.Join(c, " "))
		}
	}
	if group && len(ws) >= 2 && (ws[0] == "al" || ws[0] == "el") && len(strings.Join(ws[1:], " ")) >= 5 {
		add(strings.Join(ws[1:], " "))
	}
	return out
}
