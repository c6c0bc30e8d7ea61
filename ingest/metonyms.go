package ingest

import (
	_ "embed"
	"sort"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

//go:embed cues/metonyms.tsv
var metonymsTSV string

// metonym is a name that stands for a state's government.
type metonym struct {
	name  []rune // folded
	iso2  string
	place bool
}

var metonyms = func() []metonym {
	var out []metonym
	for _, line := range strings.Split(metonymsTSV, "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 3 || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, metonym{name: foldName(f[0]), iso2: f[1], place: f[2] == "yes"})
	}
	// Longer names first: "the Kremlin" before "Kremlin".
	sort.SliceStable(out, func(i, j int) bool { return len(out[i].name) > len(out[j].name) })
	return out
}()

// metonymMentions finds "the Kremlin", "the White House" and the like where
// no other mention stands, as mentions of the state they speak for; a
// capital ("Kyiv") the graph does not hold becomes a seat mention, which
// stands for its state only where an edge takes a state and no place.
func (g *Gazetteer) metonymMentions(text []rune, f folded, ms []mention) []mention {
	taken := make([]bool, len(text)+1)
	for _, m := range ms {
		for i := m.Start; i < m.End && i < len(taken); i++ {
			taken[i] = true
		}
	}
	var out []mention
	for _, mt := range metonyms {
		st, ok := g.Entry("state:" + mt.iso2)
		if !ok {
			continue
		}
		for from := 0; ; {
			i := indexRunes(f.r[from:], mt.name)
			if i < 0 {
				break
			}
			a, b := from+i, from+i+len(mt.name)
			from = b
			if a > 0 && isWord(f.r[a-1]) || b < len(f.r) && isWord(f.r[b]) {
				continue
			}
			start, end := int(f.pos[a]), int(f.pos[b-1])+1
			if taken[start] || !isUpperAt(text, start, mt.name) {
				continue
			}
			for i := start; i < end; i++ {
				taken[i] = true
			}
			id := st.ID
			m := mention{Mention: graph.Mention{Text: string(text[start:end]), Start: start, End: end, Entity: &id,
				Options: []string{}},
				ids: []string{id}, kind: graph.State, name: st.Name, seat: mt.place}
			if mt.place {
				m.Entity = nil // a capital the graph does not hold: not a mention of the state
			}
			out = append(out, m)
		}
	}
	return out
}

// isUpperAt: the name is written capitalised ("the Kremlin", "White House").
func isUpperAt(text []rune, start int, name []rune) bool {
	i := start
	if strings.HasPrefix(string(name), "the ") {
		i += 4
	}
	return i < len(text) && text[i] >= 'A' && text[i] <= 'Z' || i < len(text) && text[i] > 127
}

func indexRunes(s, sub []rune) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		j := 0
		for j < len(sub) && s[i+j] == sub[j] {
			j++
		}
		if j == len(sub) {
			return i
		}
	}
	return -1
}

// capitalState is the state a capital's mention speaks for when an edge's
// end takes a state but no place ("Kyiv denied any involvement").
func (g *Gazetteer) capitalState(m *mention, kinds []graph.Kind) (Entry, bool) {
	if m.kind != graph.Location || !hasKind(kinds, graph.State) || hasKind(kinds, graph.Location) {
		return Entry{}, false
	}
	f := string(foldName(m.Text))
	for _, mt := range metonyms {
		if mt.place && string(mt.name) == f {
			return g.Entry("state:" + mt.iso2)
		}
	}
	return Entry{}, false
}
