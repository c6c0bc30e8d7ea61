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
	// world is 1 + the index of the world gazetteer's entry with this name
	// (0: none), used when no entity of the graph has it; such a name
	// matches only capitalised as in wcased ("Nice", not "nice").
	world  int32
	wcased []rune
}

// Gazetteer finds mentions of its entries in a text.
type Gazetteer struct {
	entries []Entry
	byID    map[string]int32
	pats    []pattern
	index   map[string]int32 // folded name -> pattern
	ac      *automaton
	// eventsAt lists, per Location or State id, the events that occurred there.
	eventsAt map[string][]int32
	// natOf and stateOf pair a State with its Nationality ("Tajik" and
	// Tajikistan) when the nationality's name is one of the state's demonyms.
	natOf, stateOf map[string]string
	// world lists the countries and cities of the world gazetteer the graph
	// does not hold.
	world []worldEntry
	// byToken lists, per folded name word, the entries with a name that has
	// it: where a new entity's look-alikes are sought.
	byToken map[string][]int32
	// events are the attack-like Events, with the content words of their
	// names, for resolving references (events_resolve.go).
	events []eventInfo
	// evIdx finds the events that may be an article's main event without
	// scoring every one (events_resolve.go).
	evIdx eventIndex
}

// NewGazetteer indexes every name and alias of entries, the names and
// demonyms of their states and nationalities (from the world gazetteer too),
// the surnames of people, and the world's countries and cities the entries
// lack.
func NewGazetteer(entries []Entry) *Gazetteer {
	g := &Gazetteer{entries: entries, byID: make(map[string]int32, len(entries)), index: map[string]int32{},
		ac:       newAutomaton(),
		eventsAt: map[string][]int32{}, natOf: map[string]string{}, stateOf: map[string]string{}, byToken: map[string][]int32{}}
	known := map[string]bool{}
	w := worldData()
	for i, e := range entries {
		id := int32(i)
		g.byID[e.ID] = id
		if e.Kind == graph.Source {
			continue
		}
		group := e.Kind == graph.Group
		g.addName(e.Name, id, false, group)
		for _, a := range append(e.Aliases, shortNames(e)...) {
			g.addName(a, id, false, group)
		}
		g.addTokens(e, id)
		switch e.Kind {
		case graph.State:
			if c, ok := w.country(e); ok {
				known[c.iso2] = true
				g.addName(c.name, id, false, false)
				for _, n := range c.names {
					g.addName(n, id, false, false)
				}
			}
			for _, d := range demonymsOf(e) {
				g.addPat(d, id, true)
			}
		case graph.Nationality:
			// "Tajiks" names the nationality as "Tajik" does.
			for _, n := range []string{e.Name, e.Demonym} {
				for _, p := range peopleOf(n) {
					g.addPat(p, id, false)
				}
			}
			if e.Demonym != "" {
				g.addPat(e.Demonym, id, true)
			}
		case graph.Person, graph.Attacker:
			if s := surname(e.Name); s != "" {
				g.addPat(s, id, true)
			}
		}
		for _, pl := range e.Places {
			g.eventsAt[pl] = append(g.eventsAt[pl], id)
		}
	}
	g.pairNationalities()
	g.addWorld(known)
	for i := range g.pats {
		g.ac.add(g.pats[i].text, int32(i))
	}
	g.ac.build()
	g.events = indexEvents(entries)
	g.evIdx = newEventIndex(g.events, entries)
	return g
}

// pairNationalities fills natOf and stateOf.
func (g *Gazetteer) pairNationalities() {
	for _, e := range g.entries {
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
}

// addWorld indexes the world's countries the graph's States do not match,
// and its cities, under names no entity of the graph has.
func (g *Gazetteer) addWorld(known map[string]bool) {
	ws, names := worldEntries(known)
	g.world = ws
	for i := range ws {
		for _, n := range names[i] {
			f := foldName(n)
			if len(f) < 3 {
				continue
			}
			p := g.pattern(f, n)
			if g.pats[p].world == 0 {
				g.pats[p].world = int32(i) + 1
				g.pats[p].wcased = fold([]rune(n), false).r
			}
		}
	}
}

// addName indexes a name and its other spellings as strong names of e.
func (g *Gazetteer) addName(name string, e int32, weak, group bool) {
	g.addPat(name, e, weak)
	for _, v := range spellings(string(foldName(name)), group) {
		g.addPat(v, e, weak)
	}
}

func (g *Gazetteer) addPat(name string, e int32, weak bool) {
	f := foldName(name)
	if len(f) < 2 || len(f) > 300 {
		return
	}
	pp := &g.pats[g.pattern(f, name)]
	if weak {
		pp.weak = appendOnce(pp.weak, e)
	} else {
		pp.strong = appendOnce(pp.strong, e)
	}
}

// pattern returns the pattern of a folded name, made on first use.
func (g *Gazetteer) pattern(f []rune, name string) int32 {
	k := string(f)
	p, ok := g.index[k]
	if !ok {
		p = int32(len(g.pats))
		g.index[k] = p
		g.pats = append(g.pats, pattern{text: f})
		if acronym(name) {
			g.pats[p].cased = fold([]rune(strings.TrimSpace(name)), false).r
		}
	}
	return p
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
	if len([]rune(s)) < 4 || !unicode.IsUpper([]rune(s)[0]) || lex().stopwords.has(s) {
		return ""
	}
	return s
}

// demonymsOf gives the adjectives of a state or nationality and the nouns
// of their people: its own demonym property and, for a State, the world
// gazetteer's demonyms of its country ("Tajik", "Tajiks", "Tajikistani").
func demonymsOf(e Entry) []string {
	var out []string
	if e.Demonym != "" {
		out = append(append(out, e.Demonym), peopleOf(e.Demonym)...)
	}
	if e.Kind != graph.State {
		return out
	}
	if c, ok := worldData().country(e); ok {
		out = append(out, c.demonyms...)
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
