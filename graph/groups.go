package graph

import (
	"slices"
	"sort"
	"strings"
)

// CandidateGroup is the candidates (of any source) that propose one edge:
// the same type, from and to. Corroborates is the stored edge the group adds
// its sources to (nil when accepting it writes a new edge).
type CandidateGroup struct {
	Type         string      `json:"type"`
	From         string      `json:"from"`
	To           string      `json:"to"`
	FromName     string      `json:"fromName"`
	ToName       string      `json:"toName"`
	Corroborates *string     `json:"corroborates"`
	Count        int         `json:"count"`
	Sources      []string    `json:"sources"`
	Candidates   []Candidate `json:"candidates"`
}

// GroupKey names a group of candidates; IDs, when set, restricts it.
type GroupKey struct {
	Type string   `json:"type"`
	From string   `json:"from"`
	To   string   `json:"to"`
	IDs  []string `json:"ids"`
}

// Validate checks that the key names a group.
func (k GroupKey) Validate() error {
	var p []Problem
	for _, f := range []struct{ name, v string }{{"type", k.Type}, {"from", k.From}, {"to", k.To}} {
		if strings.TrimSpace(f.v) == "" {
			p = append(p, Problem{Field: f.name,
				Reason: "required; name the group by type, from and to (as GET /api/v1/candidates?group=pair lists them)"})
		}
	}
	if len(p) > 0 {
		return &ValidationError{Problems: p}
	}
	return nil
}

// GroupDecision is what deciding a group did: the candidates decided, the
// edge they were accepted into (nil for a rejection), and the candidates
// skipped because they were already decided.
type GroupDecision struct {
	Candidates []Candidate `json:"candidates"`
	Edge       *Edge       `json:"edge,omitempty"`
	Skipped    []Candidate `json:"skipped"`
}

// GroupCandidates groups candidates by type, from and to, keeping their
// order within a group; groups come by count (most first), then by names.
func GroupCandidates(cs []Candidate) []CandidateGroup {
	at := map[[3]string]int{}
	out := []CandidateGroup{}
	for _, c := range cs {
		k := [3]string{c.Type, c.From, c.To}
		i, ok := at[k]
		if !ok {
			i = len(out)
			at[k] = i
			out = append(out, CandidateGroup{Type: c.Type, From: c.From, To: c.To, FromName: c.FromName, ToName: c.ToName,
				Sources: []string{}, Candidates: []Candidate{}})
		}
		g := &out[i]
		if g.Corroborates == nil && c.Corroborates != nil {
			g.Corroborates = c.Corroborates
		}
		if !slices.Contains(g.Sources, c.Source) {
			g.Sources = append(g.Sources, c.Source)
		}
		g.Candidates = append(g.Candidates, c)
		g.Count++
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		if a.FromName != b.FromName {
			return a.FromName < b.FromName
		}
		if a.ToName != b.ToName {
			return a.ToName < b.ToName
		}
		return a.Type < b.Type
	})
	return out
}
