package eval

import (
	"fmt"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/ingest"
)

// edges scores the candidates against the gold edges. One proposal per
// type and ends counts, the first, as the reviewer sees it; each gold edge
// is matched by at most one proposal, so a second proposal of the same gold
// edge (two new events for new:event) is a false positive.
func (s *scorer) edges() {
	var props []graph.Candidate
	seen := map[string]bool{}
	for _, c := range s.an.Candidates {
		k := c.Type + " " + c.From + " " + c.To
		if !seen[k] {
			seen[k] = true
			props = append(props, c)
		}
	}
	used := make([]bool, len(props))
	for _, g := range s.art.gold.Edges {
		t := s.typ(g.Type)
		t.Gold++
		sentence := g.Scope == "sentence"
		if sentence {
			s.r.CandidateRecall.Den++
		}
		s.r.AllRecall.Den++
		i := s.match(g, props, used)
		if i < 0 {
			s.r.Misses = append(s.r.Misses, Finding{Article: s.art.name, Edge: g.String(),
				Detail: "missed (scope " + g.Scope + ", stance " + string(g.Stance) + ")", Sentences: s.naming(g.From, g.To)})
			continue
		}
		used[i] = true
		t.Found++
		s.r.AllRecall.Num++
		if sentence {
			s.r.CandidateRecall.Num++
		}
		s.r.StanceAccuracy.Den++
		if props[i].Stance == g.Stance {
			t.StanceOK++
			s.r.StanceAccuracy.Num++
		} else {
			s.note(g.String(), fmt.Sprintf("stance %s, want %s", props[i].Stance, g.Stance), props[i].Quote)
		}
	}
	for i, c := range props {
		t := s.typ(c.Type)
		t.Proposed++
		s.r.Precision.Den++
		if used[i] {
			t.Correct++
			s.r.Precision.Num++
			continue
		}
		s.r.FalsePositives = append(s.r.FalsePositives,
			Finding{Article: s.art.name, Edge: c.Type + " " + c.From + " -> " + c.To,
				Detail: fmt.Sprintf("proposed (stance %s, cue %q)", c.Stance, c.Cue), Sentences: []string{c.Quote}})
	}
}

// match returns the first unused proposal of the gold edge, or -1.
func (s *scorer) match(g goldEdge, props []graph.Candidate, used []bool) int {
	for i, c := range props {
		if !used[i] && c.Type == g.Type && s.endMatches(g.From, c.From) && s.endMatches(g.To, c.To) {
			return i
		}
	}
	return -1
}

func (s *scorer) typ(name string) *TypeScore {
	t := s.r.ByType[name]
	if t == nil {
		t = &TypeScore{}
		s.r.ByType[name] = t
	}
	return t
}

// naming returns the sentences of the article that name both gold ends: by
// a mention of the analysis, or by a name the gold or the gazetteer gives it.
func (s *scorer) naming(from, to string) []string {
	var out []string
	for _, sp := range ingest.Sentences(s.rs) {
		if s.names(from, sp) && s.names(to, sp) {
			out = append(out, string(s.rs[sp.Start:sp.End]))
		}
	}
	return out
}

// names reports whether the sentence sp names the gold end.
func (s *scorer) names(end string, sp ingest.Span) bool {
	for _, m := range s.an.Mentions {
		if m.Start < sp.Start || m.End > sp.End {
			continue
		}
		if m.Entity != nil && *m.Entity == end || m.NewEntity != nil && s.endMatches(end, *m.NewEntity) {
			return true
		}
		for _, o := range m.Options {
			if o == end {
				return true
			}
		}
	}
	var names []string
	for _, m := range s.art.gold.Mentions {
		if m.Entity == end {
			names = append(names, m.Text)
		}
	}
	for _, ne := range s.art.gold.newEntities() {
		if newRef(ne.Name) == end {
			names = append(names, ne.Name)
		}
	}
	names = append(names, s.known[end]...)
	text := foldText(string(s.rs[sp.Start:sp.End]))
	for _, n := range names {
		if f := foldText(n); f != "" && strings.Contains(text, f) {
			return true
		}
	}
	return false
}

// newEntities scores the new-entity proposals of an article whose gold
// lists new entities (an empty list counts; no key at all does not).
func (s *scorer) newEntities() {
	if s.art.gold.NewEntities == nil {
		return
	}
	used := make([]bool, len(s.an.NewEntities))
	for _, g := range s.art.gold.newEntities() {
		s.r.NewEntityRecall.Den++
		i := s.proposal(foldText(g.Name), used)
		if i < 0 {
			s.note(g.Name, fmt.Sprintf("new entity (%s) not proposed", g.Kind))
			continue
		}
		used[i] = true
		s.r.NewEntityRecall.Num++
		s.r.NewEntityKindAccuracy.Den++
		if k := s.an.NewEntities[i].Kind; k == g.Kind {
			s.r.NewEntityKindAccuracy.Num++
		} else {
			s.note(g.Name, fmt.Sprintf("new entity proposed as a %s, want %s", k, g.Kind))
		}
	}
	for i, ne := range s.an.NewEntities {
		s.r.NewEntityPrecision.Den++
		if used[i] {
			s.r.NewEntityPrecision.Num++
		} else {
			s.note(ne.Name, fmt.Sprintf("new entity proposed (%s, %s), not in the gold", ne.Kind, ne.Ref))
		}
	}
}

// proposal returns the first unused new entity of the analysis whose name
// folds to name, or -1.
func (s *scorer) proposal(name string, used []bool) int {
	for i, ne := range s.an.NewEntities {
		if !used[i] && foldText(ne.Name) == name {
			return i
		}
	}
	return -1
}
