package main

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
)

// answer is what one side of an A/B pair found: node ids, edge ids and, for
// path routes, each path as its edge-id sequence.
type answer struct {
	nodes, edges map[string]bool
	paths        []string
}

func (a *answer) addNode(id string) {
	if a.nodes == nil {
		a.nodes = map[string]bool{}
	}
	a.nodes[id] = true
}

func (a *answer) addEdge(id string) {
	if a.edges == nil {
		a.edges = map[string]bool{}
	}
	a.edges[id] = true
}

func key(seq []string) string { return strings.Join(seq, " ") }

// parseAnswer reads actorgraph's JSON answer: nodes, edges and paths of a
// subgraph or path answer, or the hits of a search.
func parseAnswer(body []byte) (answer, error) {
	var v struct {
		Nodes   []struct{ ID string }
		Edges   []struct{ ID string }
		Paths   []struct{ Edges []string }
		Results []struct{ ID string }
	}
	if err := json.Unmarshal(body, &v); err != nil {
		return answer{}, err
	}
	var a answer
	for _, n := range v.Nodes {
		a.addNode(n.ID)
	}
	for _, n := range v.Results {
		a.addNode(n.ID)
	}
	for _, e := range v.Edges {
		a.addEdge(e.ID)
	}
	for _, p := range v.Paths {
		a.paths = append(a.paths, key(p.Edges))
	}
	return a, nil
}

func sorted(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// diff says how two id sets differ, or "" when they are equal.
func diff(what string, a, b map[string]bool) string {
	var onlyA, onlyB []string
	for k := range a {
		if !b[k] {
			onlyA = append(onlyA, k)
		}
	}
	for k := range b {
		if !a[k] {
			onlyB = append(onlyB, k)
		}
	}
	if len(onlyA)+len(onlyB) == 0 {
		return ""
	}
	slices.Sort(onlyA)
	slices.Sort(onlyB)
	return fmt.Sprintf("%s only in A %v, only in B %v", what, head(onlyA), head(onlyB))
}

func head(xs []string) []string {
	if len(xs) > 5 {
		return append(xs[:5:5], fmt.Sprintf("... %d more", len(xs)-5))
	}
	return xs
}

// same checks that both sides found the same nodes and edges.
func same(a, b answer) string {
	if d := diff("nodes", a.nodes, b.nodes); d != "" {
		return d
	}
	return diff("edges", a.edges, b.edges)
}

// ranked checks a ranked k-paths answer against the raw candidates: the
// store ranks the SHORTEST 4k candidates by evidence and keeps k, so every
// path A shows must be one B found (and A shows one when B found any).
func ranked(a, b answer) string {
	cand := map[string]bool{}
	for _, p := range b.paths {
		cand[p] = true
	}
	for _, p := range a.paths {
		if !cand[p] {
			return fmt.Sprintf("path %q is not among the raw side's %d candidates", p, len(b.paths))
		}
	}
	if len(a.paths) == 0 && len(b.paths) > 0 {
		return fmt.Sprintf("no path, the raw side found %d", len(b.paths))
	}
	if d := diff("edges", a.edges, subsetOf(b.edges, a.edges)); d != "" {
		return d
	}
	return ""
}

// subsetOf keeps the keys of b that are in a.
func subsetOf(b, a map[string]bool) map[string]bool {
	out := map[string]bool{}
	for k := range b {
		if a[k] {
			out[k] = true
		}
	}
	return out
}

// checked is the outcome of an answer-checked A/B comparison: timings of
// the pairs whose answers agreed, and what differed for the others.
type checked struct {
	a, b       sample
	idx        []int // which pair each kept timing belongs to
	mismatches []string
}

// note says how many pairs were checked and, loudly, any that differed.
func (c checked) note() string {
	if len(c.mismatches) == 0 {
		return fmt.Sprintf("answers checked: %d/%d identical", len(c.a), len(c.a))
	}
	return fmt.Sprintf("**ANSWERS DIFFER in %d pairs (not timed)**: %s", len(c.mismatches), c.mismatches[0])
}

// alternateChecked measures A (an actorgraph GET) and B (raw statements) n
// times each, alternating which goes first, and keeps a pair's timings only
// when check finds both answers alike.
func (b *bench) alternateChecked(n int, path func(i int) string, raw func(i int) (time.Duration, answer),
	check func(a, b answer) string) checked {
	var out checked
	for i := 0; i < n; i++ {
		var da, db time.Duration
		var body []byte
		var rb answer
		get := func() {
			var err error
			da, body, err = b.getBody(path(i))
			must(err)
		}
		if i%2 == 0 {
			get()
			db, rb = raw(i)
		} else {
			db, rb = raw(i)
			get()
		}
		ra, err := parseAnswer(body)
		must(err)
		if d := check(ra, rb); d != "" {
			msg := fmt.Sprintf("%s: %s", path(i), d)
			out.mismatches = append(out.mismatches, msg)
			b.mismatches++
			fmt.Fprintln(stderr, "bench: ANSWERS DIFFER:", msg)
			continue
		}
		out.a, out.b, out.idx = append(out.a, da), append(out.b, db), append(out.idx, i)
	}
	return out
}
