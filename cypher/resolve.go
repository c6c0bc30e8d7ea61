package cypher

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/textdist"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// luceneSpecial are the characters Lucene's query parser treats as syntax.
const luceneSpecial = `+-&|!(){}[]^"~*?:\/`

// luceneTerms splits user text into escaped Lucene terms; user text never
// reaches the query parser unescaped.
func luceneTerms(s string) []string {
	fields := strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == '\t' || strings.ContainsRune(luceneSpecial, r) || r == '–' || r == '—'
	})
	out := fields[:0]
	for _, f := range fields {
		if f = strings.ToLower(f); f != "and" && f != "or" && f != "not" && f != "" {
			out = append(out, f)
		}
	}
	if len(out) > 16 {
		out = out[:16]
	}
	return out
}

// fullTextQuery builds a Lucene query that finds an entity by whole words,
// word prefixes, near spellings and the folded key.
func fullTextQuery(s string, fuzzy bool) string {
	var parts []string
	if key := graph.NormalizeName(s); key != "" {
		parts = append(parts, "keyText:"+key+"^10", "keyText:"+key+"*^4")
	}
	for _, t := range luceneTerms(s) {
		parts = append(parts, t+"^2", t+"*")
		if fuzzy && len([]rune(t)) > 3 {
			parts = append(parts, t+"~1")
		}
	}
	return strings.Join(parts, " ")
}

type candidate struct {
	node  graph.Node
	score float64
	exact bool
}

// candidates runs the full-text index and marks exact key matches.
func (s *Store) candidates(ctx context.Context, text string, kinds []graph.Kind, limit int,
	fuzzy bool) ([]candidate, error) {
	q := fullTextQuery(text, fuzzy)
	if q == "" {
		return nil, nil
	}
	var kindNames []string
	for _, k := range kinds {
		kindNames = append(kindNames, string(k))
	}
	out, err := s.visibleHits(ctx, text, q, kindNames, limit*4)
	if err != nil {
		return nil, err
	}
	// Ranked by our own score, not Lucene's: Lucene's weighs a word by how
	// many entities hold it, records a reader may not see among them, so
	// its scores and order would tell of hidden records.
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].exact != out[j].exact {
			return out[i].exact
		}
		if out[i].score != out[j].score {
			return out[i].score > out[j].score
		}
		return out[i].node.ID < out[j].node.ID
	})
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// maxSearchFetch bounds how many hits of the full-text index one search
// reads while looking for enough the reader may see.
const maxSearchFetch = 1 << 16

// visibleHits asks the full-text index for the first want hits the reader
// may see, in the index's order. The clearance filter runs inside the
// statement, on what the index gave; while that held fewer than want the
// reader may see and the index had more, it asks again for four times as
// many, so that records the reader may not see never crowd out those they
// may (up to maxSearchFetch hits of the index in all).
func (s *Store) visibleHits(ctx context.Context, text, q string, kinds []string, want int) ([]candidate, error) {
	for fetch := want; ; fetch = min(fetch*4, maxSearchFetch) {
		res, err := s.read(ctx, "search", searchStatement, map[string]any{
			"index": fullTextIndex, "q": q, "fetch": int64(fetch), "limit": int64(want),
			"kinds": kinds, "key": graph.NormalizeName(text)})
		if err != nil {
			return nil, err
		}
		cl := &cols{stmt: "search"}
		if len(res.Records) != 1 {
			return nil, fmt.Errorf("statement search: %d rows, want 1", len(res.Records))
		}
		rec := res.Records[0]
		fetched, hits := get[int64](cl, rec, "fetched"), get[[]any](cl, rec, "hits")
		if err := cl.check(); err != nil {
			return nil, err
		}
		if len(hits) < want && fetched == int64(fetch) && fetch < maxSearchFetch {
			continue
		}
		out := make([]candidate, 0, len(hits))
		for _, h := range hits {
			m, _ := h.(map[string]any)
			dn, ok := m["node"].(dbtype.Node)
			exact, ok2 := m["exact"].(bool)
			if !ok || !ok2 {
				return nil, fmt.Errorf("statement search: cannot map its rows: a hit %T without node and exact", h)
			}
			n, err := toNode(dn)
			if err != nil {
				return nil, fmt.Errorf("statement search: cannot map its rows: %w", err)
			}
			out = append(out, candidate{node: n, score: nameScore(text, n), exact: exact})
		}
		return out, nil
	}
}

// nameScore is how well text names n, from n's own keys alone (0 to 10): a
// key equal to the folded text scores 10, one it begins 5 to 10 by the
// share of the key it covers, one it is inside 3 to 6, else by edit
// distance; words of the text found among n's words add a little.
func nameScore(text string, n graph.Node) float64 {
	q := graph.NormalizeName(text)
	best := 0.0
	for _, k := range n.Keys() {
		var s float64
		switch {
		case q == "":
		case k == q:
			s = 10
		case strings.HasPrefix(k, q):
			s = 5 + 5*float64(len(q))/float64(len(k))
		case strings.Contains(k, q):
			s = 3 + 3*float64(len(q))/float64(len(k))
		default:
			a, b := []rune(q), []rune(k)
			s = 3 * (1 - float64(textdist.Levenshtein(a, b))/float64(max(len(a), len(b))))
		}
		best = max(best, s)
	}
	have := map[string]bool{}
	for _, name := range append([]string{n.Name}, n.Aliases...) {
		for _, w := range words(name) {
			have[w] = true
		}
	}
	for _, w := range words(text) {
		if have[w] {
			best += 0.1
		}
	}
	return math.Round(best*1000) / 1000
}

// Resolve finds the entity ref names: an id, or a name or alias folded for
// case, spaces and dashes. Several exact matches are an *graph.AmbiguousError;
// none is an *graph.UnknownError with the closest names.
func (s *Store) Resolve(ctx context.Context, ref string) (graph.Node, error) {
	ctx, cancel := s.begin(ctx, "finding the entity "+ref)
	defer cancel()
	if graph.ValidID(ref) == "" {
		res, err := s.read(ctx, "resolve_id", resolveIDStatement, map[string]any{"id": ref})
		if err != nil {
			return graph.Node{}, err
		}
		if len(res.Records) > 0 {
			cl := &cols{stmt: "resolve_id"}
			n := cl.node(res.Records[0], "n")
			return n, cl.check()
		}
	}
	cands, err := s.candidates(ctx, ref, nil, 20, true)
	if err != nil {
		return graph.Node{}, err
	}
	var exact []graph.Node
	for _, c := range cands {
		if c.exact {
			exact = append(exact, c.node)
		}
	}
	if len(exact) == 0 {
		// "Putin" names Vladimir Putin: a name or alias holding every word of
		// the reference is the next best thing, when only one entity has one.
		exact = wholeWords(ref, cands)
	}
	switch {
	case len(exact) == 1:
		return exact[0], nil
	case len(exact) > 1:
		sort.Slice(exact, func(i, j int) bool { return exact[i].ID < exact[j].ID })
		return graph.Node{}, &graph.AmbiguousError{Name: ref, Candidates: brief(exact)}
	}
	var closest []graph.Node
	for _, c := range cands {
		if len(closest) == 5 {
			break
		}
		closest = append(closest, c.node)
	}
	return graph.Node{}, &graph.UnknownError{Name: ref, Closest: brief(closest)}
}

// words splits a name into folded words.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// wholeWords keeps the candidates (Sources aside: they are found by id) whose
// name or an alias contains every word of ref as a whole word.
func wholeWords(ref string, cands []candidate) []graph.Node {
	want := words(ref)
	if len(want) == 0 || !strings.ContainsFunc(ref, unicode.IsLetter) {
		return nil // "-1" names no "Member 1": a number alone is no name
	}
	var out []graph.Node
	for _, c := range cands {
		if c.node.Kind == graph.Source {
			continue
		}
		for _, name := range append([]string{c.node.Name}, c.node.Aliases...) {
			have := map[string]bool{}
			for _, w := range words(name) {
				have[w] = true
			}
			all := true
			for _, w := range want {
				all = all && have[w]
			}
			if all {
				out = append(out, c.node)
				break
			}
		}
	}
	return out
}

// brief keeps what a list of candidates needs.
func brief(ns []graph.Node) []graph.Node {
	out := make([]graph.Node, len(ns))
	for i, n := range ns {
		out[i] = graph.Node{ID: n.ID, Kind: n.Kind, Name: n.Name, Aliases: n.Aliases}
	}
	return out
}

// Search finds entities by name or alias, exact matches first, then by score.
func (s *Store) Search(ctx context.Context, q graph.SearchQuery) (graph.SearchResult, error) {
	ctx, cancel := s.begin(ctx, "searching names")
	defer cancel()
	cands, err := s.candidates(ctx, q.Q, q.Kinds, q.Limit+1, true)
	if err != nil {
		return graph.SearchResult{}, err
	}
	out := graph.SearchResult{Results: []graph.SearchHit{}}
	for i, c := range cands {
		if i == q.Limit {
			out.Truncated = true
			break
		}
		aliases := c.node.Aliases
		if aliases == nil {
			aliases = []string{}
		}
		out.Results = append(out.Results, graph.SearchHit{ID: c.node.ID, Kind: c.node.Kind, Name: c.node.Name,
			Aliases: aliases, Score: c.score, Exact: c.exact})
	}
	return out, nil
}
