package ingest

import (
	"sort"
	"strings"
	"unicode"

	"github.com/actorgraph/actorgraph/graph"
)

// Entry is one entity the matcher knows.
type Entry = graph.NamedEntity

// pattern is one folded name; several entities may share it.
type pattern struct {
	text   []rune // folded
	cased  []rune // case kept, for acronyms matched case-sensitively ("US", "IS")
	strong []int32
	weak   []int32 // demonyms and surnames: used when no strong entity has the name
}

// Gazetteer finds mentions of its entries in a text.
type Gazetteer struct {
	entries []Entry
	byID    map[string]int32
	pats    []pattern
	ac      *automaton
	// eventsAt lists, per Location or State id, the events that occurred there.
	eventsAt map[string][]int32
	// natOf and stateOf pair a State with its Nationality ("Tajik" and
	// Tajikistan) when the nationality's name is one of the state's demonyms.
	natOf, stateOf map[string]string
}

// NewGazetteer indexes every name and alias of entries, the demonyms of
// their states and nationalities, and the surnames of people.
func NewGazetteer(entries []Entry) *Gazetteer {
	g := &Gazetteer{entries: entries, byID: make(map[string]int32, len(entries)), ac: newAutomaton(), eventsAt: map[string][]int32{},
		natOf: map[string]string{}, stateOf: map[string]string{}}
	index := map[string]int32{}
	addPat := func(name string, e int32, weak bool) {
		f := foldName(name)
		if len(f) < 2 || len(f) > 300 {
			return
		}
		k := string(f)
		p, ok := index[k]
		if !ok {
			p = int32(len(g.pats))
			index[k] = p
			g.pats = append(g.pats, pattern{text: f})
			if acronym(name) {
				g.pats[p].cased = fold([]rune(strings.TrimSpace(name)), false).r
			}
		}
		pp := &g.pats[p]
		if weak {
			pp.weak = appendOnce(pp.weak, e)
		} else {
			pp.strong = appendOnce(pp.strong, e)
		}
	}
	for i, e := range entries {
		id := int32(i)
		g.byID[e.ID] = id
		if e.Kind == graph.Source {
			continue
		}
		addPat(e.Name, id, false)
		for _, a := range append(e.Aliases, shortNames(e)...) {
			addPat(a, id, false)
		}
		for _, d := range demonymsOf(e) {
			addPat(d, id, true)
		}
		if e.Kind == graph.Person || e.Kind == graph.Attacker {
			if s := surname(e.Name); s != "" {
				addPat(s, id, true)
			}
		}
		for _, pl := range e.Places {
			g.eventsAt[pl] = append(g.eventsAt[pl], id)
		}
	}
	for _, e := range entries {
		if e.Kind != graph.State || e.Nationality == "" {
			continue
		}
		n, ok := g.Entry(e.Nationality)
		if !ok {
			continue
		}
		// Chechen is a nationality of Russia, but "a Russian national" is not a Chechen.
		for _, d := range demonymsOf(e) {
			if strings.EqualFold(d, n.Name) || strings.EqualFold(d, n.Demonym) {
				g.natOf[e.ID], g.stateOf[n.ID] = n.ID, e.ID
				break
			}
		}
	}
	for i := range g.pats {
		g.ac.add(g.pats[i].text, int32(i))
	}
	g.ac.build()
	return g
}

func appendOnce(xs []int32, x int32) []int32 {
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}

// acronym reports whether a name is a short all-capitals acronym ("US",
// "IS", "IS-K"), which must match in capitals so that "us" and "is" do not.
func acronym(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if !unicode.IsUpper(r) {
				return false
			}
		}
	}
	return letters > 0 && letters <= 5
}

// surname is the last word of a two- or three-word personal name, long
// enough not to be a common word ("Putin" of "Vladimir Putin").
func surname(name string) string {
	if strings.ContainsAny(name, "(),") {
		return ""
	}
	w := strings.Fields(name)
	if len(w) < 2 || len(w) > 4 {
		return ""
	}
	s := w[len(w)-1]
	if len([]rune(s)) < 4 || !unicode.IsUpper([]rune(s)[0]) || stopwords[strings.ToLower(s)] {
		return ""
	}
	return s
}

// demonymsOf gives the adjectives of a state or nationality: its own
// demonym property and the maintained table, keyed by the state's iso2 code
// (the id suffix, state:tj) or its name.
func demonymsOf(e Entry) []string {
	var out []string
	if e.Demonym != "" {
		out = append(out, e.Demonym, e.Demonym+"s")
	}
	if e.Kind != graph.State {
		return out
	}
	code := strings.TrimPrefix(e.ID, "state:")
	for _, c := range countries {
		if c.iso2 == code || strings.EqualFold(c.name, e.Name) {
			out = append(out, c.demonyms...)
			out = append(out, c.names...)
		}
	}
	return out
}

// Entry returns the entry with this id.
func (g *Gazetteer) Entry(id string) (Entry, bool) {
	i, ok := g.byID[id]
	if !ok {
		return Entry{}, false
	}
	return g.entries[i], true
}

// Len is the number of entries.
func (g *Gazetteer) Len() int { return len(g.entries) }

// match is one accepted occurrence of a pattern in the text.
type match struct {
	start, end int // original rune offsets
	pat        int32
}

// find returns the mentions of the gazetteer's names in text: word
// boundaries, acronyms in capitals, longest match first, no overlaps.
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
		all = append(all, match{start: int(f.pos[start]), end: int(f.pos[end-1]) + 1, pat: id})
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

// ids are the entities a matched pattern names: the strong ones, else the weak.
func (g *Gazetteer) ids(p int32) []string {
	xs := g.pats[p].strong
	if len(xs) == 0 {
		xs = g.pats[p].weak
	}
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = g.entries[x].ID
	}
	sort.Strings(out)
	return out
}
