package ingest

import (
	"sort"
	"strings"
	"unicode"

	"github.com/actorgraph/actorgraph/graph"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// mention is a found mention with what the candidate finder needs.
type mention struct {
	graph.Mention
	ids  []string   // one id, several (ambiguous), or the new-entity ref
	kind graph.Kind // "" when ambiguous across kinds; a new entity's proposed kind
	name string
	// eventCue is set while an end is sought: the words next to the
	// mention name an attack on it.
	eventCue bool
	// ref is the phrase of a reference ("the attack") resolved to ids.
	ref string
	// speaker: the entity is who says the sentence ("the group said it").
	speaker bool
	// seat: a capital standing for its government ("Kyiv denied").
	seat bool
	// from is where a reference's phrase starts ("Thursday's suicide car
	// bombing"); the mention itself covers its head noun.
	from int
}

// mentions finds every mention of the gazetteer: entities of the graph,
// countries and cities of the world gazetteer the graph lacks (proposed as
// new entities of their kind), and proper nouns the words around them type
// (proposed as new entities too). Mentions are sorted by Start.
func (g *Gazetteer) mentions(text []rune, f folded) ([]mention, []graph.NewEntity) {
	var out []mention
	news := &newSet{byRef: map[string]int{}}
	taken := make([]bool, len(text)+1)
	places := map[int]bool{}
	cr := creditSpans(text)
	for _, m := range g.find(text, f) {
		ids := g.ids(m.pat)
		if pressTitle(text, m.end) {
			// "The New York Times", "the Kyiv Post": a newspaper's title
			// names no place, and no person either.
			for i := m.start; i < m.end; i++ {
				taken[i] = true
			}
			continue
		}
		mm := mention{Mention: graph.Mention{Text: string(text[m.start:m.end]), Start: m.start, End: m.end,
			Options: []string{}}, ids: ids}
		switch {
		case inCredits(cr, m.start):
			continue // "Additional reporting by X in Islamabad": the staff, not the story
		case len(ids) == 0:
			w := g.world[g.pats[m.pat].world-1]
			if w.kind == graph.Nationality && stateVoice(text, m.end) {
				// "Sri Lankan police": the state acting, not the people.
				for _, x := range g.world {
					if x.kind == graph.State && x.id == w.country {
						w = x
						break
					}
				}
			}
			name := w.name
			// "Jhansi" for the gazetteer's "Jhānsi": the article's spelling,
			// unless it is a dateline's capitals.
			if t := mm.Text; t != strings.ToUpper(t) && sameLetters(t, name) {
				name = t
			}
			ne := news.add(graph.NewEntity{Name: name, Kind: w.kind, ID: w.id, Country: w.country})
			mm.NewEntity, mm.ids, mm.kind, mm.name = &ne.Ref, []string{ne.Ref}, ne.Kind, ne.Name
		case len(ids) == 1:
			id := ids[0]
			mm.Entity = &id
			e, _ := g.Entry(id)
			mm.kind, mm.name = e.Kind, e.Name
		default:
			mm.Options = ids
			mm.kind = g.commonKind(ids)
		}
		if mm.kind == graph.Location || mm.kind == graph.State {
			places[m.start] = true
		}
		for i := m.start; i < m.end; i++ {
			taken[i] = true
		}
		out = append(out, mm)
	}
	out = append(out, g.proposals(text, taken, places, news, cr)...)
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out, g.withSimilar(news.list)
}

// pressTitle reports whether the word after end is a newspaper's title
// word, capitalised ("Times", "Post", "Herald").
func pressTitle(text []rune, end int) bool {
	if end >= len(text) || text[end] != ' ' {
		return false
	}
	e := end + 1
	for e < len(text) && unicode.IsLetter(text[e]) {
		e++
	}
	return pressWords[string(text[end+1:e])]
}

var pressWords = set("Times", "Post", "Herald", "Tribune", "Journal", "Gazette", "Telegraph", "Independent",
	"Chronicle", "Observer", "Mail", "Express", "Mirror", "Examiner", "Courier", "Today", "Daily")

func (g *Gazetteer) commonKind(ids []string) graph.Kind {
	var k graph.Kind
	for i, id := range ids {
		e, _ := g.Entry(id)
		if i > 0 && e.Kind != k {
			return ""
		}
		k = e.Kind
	}
	return k
}

// newSet collects an article's new entities by ref.
type newSet struct {
	byRef map[string]int
	list  []graph.NewEntity
}

// add counts a mention of a new entity, recording it on its first; the ref
// is the slug of its name, so the same name gets the same ref in every
// article. It returns the recorded entity.
func (s *newSet) add(ne graph.NewEntity) *graph.NewEntity {
	ne.Ref = "new:" + graph.Slug(ne.Name, 60)
	i, ok := s.byRef[ne.Ref]
	if !ok {
		i = len(s.list)
		s.byRef[ne.Ref] = i
		s.list = append(s.list, ne)
	}
	s.list[i].Mentions++
	return &s.list[i]
}

// token is a word of the text.
type token struct {
	start, end int
	text       string
}

// words splits text into words; a word goes on across an inner hyphen or
// apostrophe ("al-Masri", "Jama'ath"), and a possessive "'s" is left out of
// it ("Abaaoud's" is "Abaaoud").
func words(text []rune) []token {
	var out []token
	for i := 0; i < len(text); {
		if !unicode.IsLetter(text[i]) && !unicode.IsDigit(text[i]) {
			i++
			continue
		}
		j := i
		for j < len(text) && (isWord(text[j]) || (text[j] == '-' || text[j] == '\'' || text[j] == '\u2019') &&
			j+1 < len(text) && unicode.IsLetter(text[j+1])) {
			j++
		}
		e := j
		if e-i > 2 && (text[e-2] == '\'' || text[e-2] == '\u2019') && (text[e-1] == 's' || text[e-1] == 'S') {
			e -= 2
		}
		out = append(out, token{i, e, string(text[i:e])})
		i = j
	}
	return out
}

func capitalised(t token) bool {
	r := []rune(t.text)
	return len(r) > 1 && unicode.IsUpper(r[0])
}

func onlySpace(text []rune, a, b int) bool {
	if b-a != 1 {
		return false
	}
	return text[a] == ' '
}

// sameLetters reports whether two names differ only in case and accents
// ("Jhansi", "Jhānsi").
func sameLetters(a, b string) bool {
	strip := func(s string) string {
		t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
		out, _, err := transform.String(t, s)
		if err != nil {
			return s
		}
		return strings.ToLower(out)
	}
	return strip(a) == strip(b)
}
