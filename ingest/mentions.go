package ingest

import (
	"sort"
	"strings"
	"unicode"

	"github.com/actorgraph/actorgraph/graph"
)

// mention is a found mention with what the candidate finder needs.
type mention struct {
	graph.Mention
	ids  []string   // one id, several (ambiguous), or the new-entity ref
	kind graph.Kind // "" when ambiguous across kinds
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
}

// mentions finds every mention of the gazetteer and every proper noun it
// does not know (proposed as new entities).
func (g *Gazetteer) mentions(text []rune, f folded) ([]mention, []graph.NewEntity) {
	var out []mention
	taken := make([]bool, len(text)+1)
	for _, m := range g.find(text, f) {
		ids := g.ids(m.pat)
		mm := mention{Mention: graph.Mention{Text: string(text[m.start:m.end]), Start: m.start, End: m.end, Options: []string{}}, ids: ids}
		if len(ids) == 1 {
			id := ids[0]
			mm.Entity = &id
			e, _ := g.Entry(id)
			mm.kind, mm.name = e.Kind, e.Name
		} else {
			mm.Options = ids
			mm.kind = g.commonKind(ids)
		}
		for i := m.start; i < m.end; i++ {
			taken[i] = true
		}
		out = append(out, mm)
	}
	props, news := proposals(text, taken)
	out = append(out, props...)
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out, news
}

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

// token is a word of the text.
type token struct {
	start, end int
	text       string
}

func words(text []rune) []token {
	var out []token
	for i := 0; i < len(text); {
		if !unicode.IsLetter(text[i]) && !unicode.IsDigit(text[i]) {
			i++
			continue
		}
		j := i
		for j < len(text) && (isWord(text[j]) || (text[j] == '-' || text[j] == '\'' || text[j] == '\u2019') && j+1 < len(text) && unicode.IsLetter(text[j+1])) {
			j++
		}
		out = append(out, token{i, j, string(text[i:j])})
		i = j
	}
	return out
}

func capitalised(t token) bool {
	r := []rune(t.text)
	return unicode.IsUpper(r[0]) && !strings.HasSuffix(t.text, "'s") && len(r) > 1
}

// connectors may join the capitalised words of one name ("Islamic State of Iraq", "al-Masri").
var connectors = set("of", "al", "bin", "ibn", "de", "van", "von", "der", "el", "la", "du", "and")

// proposals turns runs of capitalised words that match nothing into
// new-entity proposals, with a kind guessed from the words around them.
func proposals(text []rune, taken []bool) ([]mention, []graph.NewEntity) {
	toks := words(text)
	var out []mention
	byRef := map[string]*graph.NewEntity{}
	var order []string
	for i := 0; i < len(toks); {
		if taken[toks[i].start] || !capitalised(toks[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(toks) && !taken[toks[j].start] && onlySpace(text, toks[j-1].end, toks[j].start) {
			if capitalised(toks[j]) {
				j++
			} else if connectors[toks[j].text] && j+1 < len(toks) && capitalised(toks[j+1]) && !taken[toks[j+1].start] && onlySpace(text, toks[j].end, toks[j+1].start) {
				j += 2
			} else {
				break
			}
		}
		span := toks[i:j]
		k0 := i
		i = j
		for len(span) > 0 && (stopwords[strings.ToLower(span[0].text)] || personCues[strings.ToLower(span[0].text)]) {
			span = span[1:]
			k0++
		}
		for len(span) > 0 && connectors[span[len(span)-1].text] {
			span = span[:len(span)-1]
		}
		if len(span) == 0 || len(span) > 6 {
			continue
		}
		name := string(text[span[0].start:span[len(span)-1].end])
		kind := guessKind(text, toks, k0, span, name)
		if kind == "" {
			continue
		}
		ref := "new:" + graph.Slug(name, 60)
		if ref == "new:" {
			continue
		}
		ne := byRef[ref]
		if ne == nil {
			ne = &graph.NewEntity{Ref: ref, Name: name, Kind: kind}
			byRef[ref] = ne
			order = append(order, ref)
		}
		ne.Mentions++
		r := ref
		out = append(out, mention{Mention: graph.Mention{Text: name, Start: span[0].start, End: span[len(span)-1].end, Options: []string{}, NewEntity: &r},
			ids: []string{ref}, kind: ne.Kind, name: ne.Name})
	}
	news := make([]graph.NewEntity, len(order))
	for i, r := range order {
		news[i] = *byRef[r]
	}
	return out, news
}

func onlySpace(text []rune, a, b int) bool {
	if b-a != 1 {
		return false
	}
	return text[a] == ' '
}

// guessKind names the kind a proper noun's context suggests, or "" when it
// suggests nothing a reviewer could use.
func guessKind(text []rune, toks []token, k int, span []token, name string) graph.Kind {
	last := strings.ToLower(span[len(span)-1].text)
	prev, prev2 := "", ""
	if k > 0 {
		prev = strings.ToLower(toks[k-1].text)
	}
	if k > 1 {
		prev2 = strings.ToLower(toks[k-2].text) + " " + prev
	}
	next := ""
	if e := span[len(span)-1].end; e+1 < len(text) && text[e] == ' ' {
		w := words(text[e+1 : min(len(text), e+20)])
		if len(w) > 0 {
			next = strings.ToLower(w[0].text)
		}
	}
	switch {
	case isCountry(name):
		return graph.State
	case eventHeads[last] || eventHeads[next]:
		return graph.Event
	case groupHeads[last] || groupHeads[next]:
		return graph.Group
	case locationHeads[last] || locationHeads[next] || locationCues[prev2] || locationCues[prev]:
		return graph.Location
	case personCues[prev] || strings.HasSuffix(prev2, " minister") || len(span) >= 2 && len(span) <= 3 && allNameLike(span):
		return graph.Person
	}
	return ""
}

func allNameLike(span []token) bool {
	for _, t := range span {
		if strings.ToUpper(t.text) == t.text { // acronyms are not names of people
			return false
		}
	}
	return true
}
