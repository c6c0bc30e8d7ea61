package ingest

import (
	"sort"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/textdist"
)

// maxTokenEntries bounds the entries looked at per word: a word that many
// names share ("state", "islamic") says nothing about which is meant.
const maxTokenEntries = 200

// nameTokens are a name's significant words, folded: without particles,
// stopwords and one-letter words ("al-Baghdadi" is "baghdadi").
func nameTokens(name string) []string {
	l := lex()
	var out []string
	for _, w := range strings.Fields(strings.ReplaceAll(string(foldName(name)), "'", "")) {
		if len(w) < 2 || l.particles[w] || l.stopwords[w] {
			continue
		}
		out = append(out, w)
	}
	return out
}

// addTokens indexes the words of an entry's names for withSimilar.
func (g *Gazetteer) addTokens(e Entry, id int32) {
	for _, n := range append([]string{e.Name}, e.Aliases...) {
		for _, w := range nameTokens(n) {
			xs := g.byToken[w]
			if len(xs) <= maxTokenEntries && (len(xs) == 0 || xs[len(xs)-1] != id) {
				g.byToken[w] = append(xs, id)
			}
		}
	}
}

// withSimilar sets Similar on each new entity: the entries of the graph
// whose name or alias looks like its name.
func (g *Gazetteer) withSimilar(news []graph.NewEntity) []graph.NewEntity {
	for i := range news {
		news[i].Similar = g.similar(news[i].Name)
	}
	return news
}

// similar lists the entries with a name or alias that equals name once
// particles and "the" are dropped, has all of its words or whose words it
// has (two words at least, or one long uncommon word), or is a small
// edit away from it (long names only).
func (g *Gazetteer) similar(name string) []string {
	p := nameTokens(name)
	if len(p) == 0 {
		return nil
	}
	seen := map[int32]bool{}
	var out []string
	for _, w := range p {
		xs := g.byToken[w]
		if len(xs) > maxTokenEntries {
			continue
		}
		for _, x := range xs {
			if seen[x] {
				continue
			}
			seen[x] = true
			e := g.entries[x]
			for _, n := range append([]string{e.Name}, e.Aliases...) {
				if looksLike(p, nameTokens(n)) {
					out = append(out, e.ID)
					break
				}
			}
		}
	}
	sort.Strings(out)
	if len(out) > 5 {
		out = out[:5]
	}
	return out
}

// looksLike compares two names' significant words.
func looksLike(a, b []string) bool {
	if len(b) == 0 {
		return false
	}
	sa, sb := strings.Join(a, " "), strings.Join(b, " ")
	if sa == sb {
		return true
	}
	small, big := a, b
	if len(small) > len(big) {
		small, big = big, small
	}
	if subset(small, big) && (len(small) >= 2 || len(small[0]) >= 6 && !lex().givenNames[small[0]] &&
		!lex().common[small[0]]) {
		return true
	}
	n := min(len([]rune(sa)), len([]rune(sb)))
	d := textdist.Levenshtein([]rune(sa), []rune(sb))
	return n >= 10 && d <= 2 || n >= 8 && d <= 1 || wordByWord(a, b)
}

// wordByWord reports whether two names of two words or more differ only
// by small edits inside long words ("Thowheeth Jamaath", "Thowheed Jamath").
func wordByWord(a, b []string) bool {
	if len(a) != len(b) || len(a) < 2 {
		return false
	}
	for i := range a {
		x, y := []rune(a[i]), []rune(b[i])
		d := textdist.Levenshtein(x, y)
		if d > 0 && (min(len(x), len(y)) < 5 || d > 2) {
			return false
		}
	}
	return true
}

func subset(small, big []string) bool {
	for _, w := range small {
		found := false
		for _, v := range big {
			found = found || v == w
		}
		if !found {
			return false
		}
	}
	return true
}
