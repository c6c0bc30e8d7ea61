package handlers

// The query strings of the read routes: each Parse* reads url.Values into a
// graph query, collecting every problem; the vocabulary checks (kinds,
// relationship types, stances, evidence levels, ids, dates) are graph's.

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph"
)

// params reads url.Values, collecting every problem.
type params struct {
	v     url.Values
	probs []graph.Problem
}

func (p *params) fail(field, value, reason string) {
	p.probs = append(p.probs, graph.Problem{Field: field, Value: value, Reason: reason})
}

func (p *params) err() error {
	if len(p.probs) == 0 {
		return nil
	}
	return &graph.ValidationError{Problems: p.probs}
}

// one returns the single value of a parameter; repeating it is an error.
func (p *params) one(name string) string {
	vs := p.v[name]
	if len(vs) > 1 {
		p.fail(name, strings.Join(vs, ","), "given more than once; give it once")
	}
	if len(vs) == 0 {
		return ""
	}
	s := vs[0]
	if !utf8.ValidString(s) || strings.ContainsFunc(s, isControl) {
		p.fail(name, strings.ToValidUTF8(s, "?"), "contains bytes that are not printable UTF-8")
		return ""
	}
	return strings.TrimSpace(s)
}

func isControl(r rune) bool { return unicode.IsControl(r) }

func (p *params) intIn(name string, def, lo, hi int) int {
	s := p.one(name)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		p.fail(name, s, fmt.Sprintf("want a whole number from %d to %d", lo, hi))
		return def
	}
	return n
}

func (p *params) boolean(name string) bool {
	s := p.one(name)
	if s == "" {
		return false
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		p.fail(name, s, "want true or false")
	}
	return b
}

func (p *params) date(name string) string {
	s := p.one(name)
	if s != "" && !graph.ValidDate(s) {
		p.fail(name, s, "want a date YYYY-MM-DD")
		return ""
	}
	return s
}

// list reads a repeatable parameter; each value may also hold a comma list.
func (p *params) list(name string) []string {
	var out []string
	for _, v := range p.v[name] {
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	if len(out) > 100 {
		p.fail(name, "", "more than 100 values")
		return nil
	}
	return out
}

func (p *params) ref(name string, max int, required bool) string {
	s := p.one(name)
	switch {
	case s == "" && required:
		p.fail(name, "", "required: an id (group:is-k) or a name or alias (ISIS-K)")
	case len(s) > max:
		p.fail(name, graph.Clip(s, 40), fmt.Sprintf("longer than %d bytes", max))
		return ""
	}
	return s
}

func (p *params) kinds(name string) []graph.Kind {
	var out []graph.Kind
	for _, s := range p.list(name) {
		k, ok := graph.ParseKind(s)
		if !ok {
			p.fail(name, s, "unknown kind; want one of "+strings.Join(graph.KindNames(), ", "))
			continue
		}
		out = append(out, k)
	}
	return out
}

func (p *params) rels(name string) []string {
	var out []string
	for _, s := range p.list(name) {
		rt, ok := graph.LookupRel(s)
		if !ok {
			p.fail(name, s, "unknown relationship type; GET /api/v1/schema lists them")
			continue
		}
		out = append(out, rt.Name)
	}
	return out
}

func (p *params) filter(lim graph.Limits) graph.Filter {
	f := graph.Filter{Rels: p.rels("rel"), Kinds: p.kinds("kind")}
	var ok bool
	dir := p.one("direction")
	if f.Direction, ok = graph.ParseDirection(dir); !ok {
		p.fail("direction", dir, "want both, out or in")
	}
	f.MinConfidence = p.intIn("minConfidence", 0, 0, 100)
	for _, s := range p.list("stance") {
		st, ok := graph.ParseStance(s)
		if !ok {
			p.fail("stance", s, "want one of "+strings.Join(graph.StanceNames(), ", "))
			continue
		}
		f.Stances = append(f.Stances, st)
	}
	f.At = p.date("at")
	f.KnownOn = p.date("knownOn")
	undated := p.one("undated")
	if f.Undated, ok = graph.ParseUndated(undated); !ok {
		p.fail("undated", undated, "want keep or drop")
	}
	f.Evidence = p.evidence()
	for _, s := range p.list("source") {
		if why := graph.ValidID(s); why != "" {
			p.fail("source", s, why)
			continue
		}
		f.Sources = append(f.Sources, s)
	}
	f.IncludeRetracted = p.boolean("includeRetracted")
	return f
}

// evidence reads the minimum evidence level.
func (p *params) evidence() graph.EvidenceLevel {
	s := p.one("evidence")
	if s == "" {
		return ""
	}
	l, ok := graph.ParseEvidenceLevel(s)
	if !ok {
		p.fail("evidence", s, "want quote (verified quotes only), reported-quote (quotes, verified or not) or summary (all)")
	}
	return l
}

// check rejects parameters the route does not know, so a typo is not silently
// ignored.
func (p *params) check(known ...string) {
	for name := range p.v {
		if !slices.Contains(known, name) {
			p.fail(name, "", "unknown parameter; this route takes "+strings.Join(known, ", "))
		}
	}
}

var filterParams = []string{"rel", "kind", "direction", "minConfidence", "stance", "at", "knownOn", "undated", "source",
	"evidence", "format", "gexfVersion", "includeRetracted"}

// ParsePathQuery reads and checks the parameters of the path routes. ranked is
// true for /paths (several ranked paths), false for /paths/shortest.
func ParsePathQuery(v url.Values, lim graph.Limits, ranked bool) (graph.PathQuery, error) {
	p := &params{v: v}
	q := graph.PathQuery{From: p.ref("from", lim.MaxRefLen, true), To: p.ref("to", lim.MaxRefLen, true)}
	q.MaxDepth = p.intIn("maxDepth", min(lim.DefaultDepth, lim.MaxDepth), 1, lim.MaxDepth)
	q.Filter = p.filter(lim)
	if ranked {
		q.Limit = p.intIn("limit", lim.DefaultPaths, 1, lim.MaxPaths)
		p.check(append([]string{"from", "to", "maxDepth", "limit"}, filterParams...)...)
	} else {
		q.All = p.boolean("all")
		q.Limit = 1
		if q.All {
			q.Limit = lim.MaxPaths
		}
		p.check(append([]string{"from", "to", "maxDepth", "all"}, filterParams...)...)
	}
	return q, p.err()
}

// ParseNeighborQuery reads and checks the neighbourhood route's parameters.
func ParseNeighborQuery(id string, v url.Values, lim graph.Limits) (graph.NeighborQuery, error) {
	p := &params{v: v}
	q := graph.NeighborQuery{ID: id}
	if len(id) > lim.MaxRefLen {
		p.fail("id", graph.Clip(id, 40), fmt.Sprintf("longer than %d bytes", lim.MaxRefLen))
	}
	q.Depth = p.intIn("depth", 1, 1, min(4, lim.MaxDepth))
	q.Limit = p.intIn("limit", lim.DefaultLimit, 1, lim.MaxResults)
	q.Filter = p.filter(lim)
	p.check(append([]string{"depth", "limit", "annotate"}, filterParams...)...)
	return q, p.err()
}

// ParseSearchQuery reads and checks the search route's parameters.
func ParseSearchQuery(v url.Values, lim graph.Limits) (graph.SearchQuery, error) {
	p := &params{v: v}
	q := graph.SearchQuery{Q: p.ref("q", lim.MaxRefLen, true), Kinds: p.kinds("kind")}
	q.Limit = p.intIn("limit", 10, 1, 100)
	p.check("q", "kind", "limit")
	return q, p.err()
}

// ParseGraphQuery reads and checks the whole-graph route's parameters.
func ParseGraphQuery(v url.Values, lim graph.Limits) (graph.GraphQuery, error) {
	p := &params{v: v}
	q := graph.GraphQuery{Kinds: p.kinds("kind"), Rels: p.rels("rel")}
	q.Limit = p.intIn("limit", lim.DefaultLimit, 1, lim.MaxResults)
	q.Evidence = p.evidence()
	q.IncludeRetracted = p.boolean("includeRetracted")
	p.check("kind", "rel", "limit", "evidence", "format", "gexfVersion", "includeRetracted", "annotate")
	return q, p.err()
}

// ParseTimelineQuery reads and checks the timeline route's parameters.
func ParseTimelineQuery(v url.Values, lim graph.Limits) (graph.TimelineQuery, error) {
	p := &params{v: v}
	q := graph.TimelineQuery{Entity: p.ref("entity", lim.MaxRefLen, false), From: p.date("from"), To: p.date("to")}
	q.Limit = p.intIn("limit", 500, 1, lim.MaxTimelineNo)
	if q.From != "" && q.To != "" && q.To < q.From {
		p.fail("to", q.To, "before from "+q.From)
	}
	if q.Entity == "" && q.From == "" && q.To == "" && len(p.probs) == 0 {
		p.fail("entity", "", "give an entity, or a window with from and/or to")
	}
	q.IncludeRetracted = p.boolean("includeRetracted")
	p.check("entity", "from", "to", "limit", "includeRetracted")
	return q, p.err()
}
