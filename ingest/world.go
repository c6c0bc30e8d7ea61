package ingest

import (
	"embed"
	"strconv"
	"strings"
	"sync"

	"github.com/actorgraph/actorgraph/graph"
)

// The world gazetteer: every country with its names, demonyms and capital
// (world-countries, ODbL) and the cities of 100,000 people or more and every
// capital (GeoNames, CC BY 4.0), trimmed by tools/worldgen; extra*.tsv are
// reviewed additions. world/README.md says where they come from.
//
//go:embed world/*.tsv
var worldFS embed.FS

// worldCountry is a row of world/countries.tsv with its extra names.
type worldCountry struct {
	iso2, name, capital string
	names               []string // official and other names, not name
	demonyms            []string // adjectives and the nouns of the people
}

// worldCity is a row of world/cities.tsv.
type worldCity struct {
	name, iso2 string
	population int
	names      []string // other spellings
}

// world is the parsed world gazetteer.
type world struct {
	countries []worldCountry
	byISO     map[string]int
	cities    []worldCity // largest first

	cityOnce sync.Once
	cityISO  map[string]string // folded city name -> iso2
}

var (
	worldOnce sync.Once
	worldAll  *world
)

// worldData returns the world gazetteer, parsed on first use.
func worldData() *world {
	worldOnce.Do(func() {
		w := &world{byISO: map[string]int{}}
		for _, line := range lexLines("world/countries.tsv") {
			f := fields(line, 6)
			c := worldCountry{iso2: f[0], name: f[1], capital: f[5]}
			c.names = appendNames(c.names, f[2])
			c.names = appendNames(c.names, f[3])
			c.demonyms = appendNames(c.demonyms, f[4])
			w.byISO[c.iso2] = len(w.countries)
			w.countries = append(w.countries, c)
		}
		for _, line := range lexLines("world/extra.tsv") {
			f := fields(line, 4)
			i, ok := w.byISO[f[0]]
			if !ok {
				panic("ingest: world/extra.tsv: no country " + f[0])
			}
			c := &w.countries[i]
			if f[3] != "" { // the name English news knows it by
				c.names = appendNames(c.names, c.name)
				c.name = f[3]
			}
			c.names = appendNames(c.names, f[1])
			c.demonyms = appendNames(c.demonyms, f[2])
		}
		for i := range w.countries {
			c := &w.countries[i]
			for _, d := range c.demonyms {
				c.demonyms = appendNames(c.demonyms, strings.Join(peopleOf(d), "|"))
			}
		}
		at := map[string]int{}
		for _, line := range lexLines("world/cities.tsv") {
			f := fields(line, 4)
			pop, _ := strconv.Atoi(f[2])
			at[f[0]] = len(w.cities)
			w.cities = append(w.cities, worldCity{name: f[0], iso2: f[1], population: pop, names: appendNames(nil, f[3])})
		}
		for _, line := range lexLines("world/extra-cities.tsv") {
			f := fields(line, 2)
			i, ok := at[f[1]]
			if !ok {
				panic("ingest: world/extra-cities.tsv: no city " + f[1])
			}
			w.cities[i].names = appendNames(w.cities[i].names, f[0])
		}
		worldAll = w
	})
	return worldAll
}

// fields splits a tab-separated line into n fields, the missing ones "".
func fields(line string, n int) []string {
	f := strings.Split(line, "\t")
	for len(f) < n {
		f = append(f, "")
	}
	return f
}

// appendNames adds the '|'-separated names of s that xs lacks.
func appendNames(xs []string, s string) []string {
	for _, n := range strings.Split(s, "|") {
		if n = strings.TrimSpace(n); n == "" {
			continue
		}
		dup := false
		for _, x := range xs {
			dup = dup || x == n
		}
		if !dup {
			xs = append(xs, n)
		}
	}
	return xs
}

// country finds the world country of a State entry: by the iso2 code of
// its id (state:tj) or by any of its names.
func (w *world) country(e Entry) (*worldCountry, bool) {
	if i, ok := w.byISO[strings.TrimPrefix(e.ID, "state:")]; ok && strings.HasPrefix(e.ID, "state:") {
		return &w.countries[i], true
	}
	names := append([]string{e.Name}, e.Aliases...)
	for i := range w.countries {
		c := &w.countries[i]
		for _, n := range names {
			if strings.EqualFold(n, c.name) {
				return c, true
			}
			for _, x := range c.names {
				if strings.EqualFold(n, x) {
					return c, true
				}
			}
		}
	}
	return nil, false
}

// worldEntry is a country or city of the world gazetteer that the graph
// does not hold: a match proposes it as a new entity with its own kind,
// canonical name and suggested id.
type worldEntry struct {
	kind    graph.Kind
	name    string
	id      string // suggested id: state:lk, location:new-delhi
	country string // a city's state id
	common  bool   // a single common English word ("Nice"): skipped at a sentence's start
}

// worldEntries lists the world gazetteer's countries the graph's States do
// not match, then its cities, with every name each is known by.
func worldEntries(known map[string]bool) ([]worldEntry, [][]string) {
	w := worldData()
	l := lex()
	var out []worldEntry
	var names [][]string
	for _, c := range w.countries {
		if known[c.iso2] {
			continue
		}
		out = append(out, worldEntry{kind: graph.State, name: c.name, id: "state:" + c.iso2})
		names = append(names, append([]string{c.name}, c.names...))
		if len(c.demonyms) > 0 {
			// "Mberesero, a Tanzanian": the people's name is a Nationality.
			out = append(out, worldEntry{kind: graph.Nationality, name: c.demonyms[0],
				id: "nationality:" + graph.Slug(c.demonyms[0], 60), country: "state:" + c.iso2})
			names = append(names, c.demonyms)
		}
	}
	for _, c := range w.cities {
		if l.citySkip.has(c.name) {
			continue
		}
		out = append(out, worldEntry{kind: graph.Location, name: c.name, id: "location:" + graph.Slug(c.name, 60),
			country: "state:" + c.iso2, common: !strings.Contains(c.name, " ") && l.common.has(c.name)})
		var ns []string
		for _, n := range append([]string{c.name}, c.names...) {
			if !l.citySkip.has(n) {
				ns = append(ns, n)
			}
		}
		names = append(names, ns)
	}
	return out, names
}

// cityCountry is the country (iso2) of the largest world city with the
// name, folded; "" when none has it.
func (w *world) cityCountry(name string) string {
	w.cityOnce.Do(func() {
		w.cityISO = map[string]string{}
		for _, c := range w.cities { // largest first: the first name wins
			for _, n := range append([]string{c.name}, c.names...) {
				if k := string(foldName(n)); w.cityISO[k] == "" {
					w.cityISO[k] = c.iso2
				}
			}
		}
	})
	return w.cityISO[string(foldName(name))]
}
