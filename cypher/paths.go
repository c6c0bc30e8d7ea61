package cypher

import (
	"context"
	"fmt"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// searchFuncs are the selectors Neo4j answers with its bidirectional
// breadth-first search.
var searchFuncs = map[string]string{"SHORTEST 1": "shortestPath", "ALL SHORTEST": "allShortestPaths"}

// pathQuery renders a shortest-path statement. selector is "SHORTEST 1",
// "SHORTEST k" or "ALL SHORTEST"; depth and k are validated integers.
//
// One shortest path, or all of them, is shortestPath() or
// allShortestPaths(): a search from both ends that meets in the middle. The
// filters are written as all(...) over relationships(p) and over the whole of
// nodes(p) (the ends exempt by identity), which the planner checks during
// the search, so it plans no exhaustive fallback; a predicate on a slice such
// as nodes(p)[1..-1] would bring one back (TestPathStatementsPlanNoFallback).
// On the 1M graph this answers the slowest pairs in ~10 ms where SHORTEST 1
// over a quantified path pattern took ~1 s. SHORTEST k has no such function
// and stays a quantified path pattern.
func pathQuery(m match, selector string, depth int) string {
	fn, ok := searchFuncs[selector]
	if !ok {
		return qppPathQuery(m, selector, depth)
	}
	where := "all(x IN nodes(p) WHERE x:Entity AND (x = a OR x = b OR (" + m.nodePred + ")))"
	if m.edgePred != "" {
		where = "all(r IN relationships(p) WHERE " + m.edgePred + ") AND " + where
	}
	return fmt.Sprintf(`MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = %s((a)%s[%s*..%d]%s(b))
WHERE %s
RETURN p LIMIT $cap`, fn, m.left, m.types, depth, m.right, where)
}

// qppPathQuery renders a shortest-path statement over a quantified path
// pattern: any selector, SHORTEST k included.
func qppPathQuery(m match, selector string, depth int) string {
	return fmt.Sprintf(`MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = %s (a)((:Entity)%s(x:Entity WHERE x = b OR (%s))){1,%d}(b)
RETURN p LIMIT $cap`, selector, m.rel(), m.nodePred, depth)
}

// shortest runs one shortest-path statement and returns the paths found with
// the collector that holds their nodes and edges.
func (s *Store) shortest(ctx context.Context, from, to string, f graph.Filter, depth int, selector string,
	cap int) ([]graph.Path, *collector, error) {
	m := compile(f)
	res, err := s.read(ctx, "paths", pathQuery(m, selector, depth), m.with("from", from, "to", to, "cap", int64(cap)))
	if err != nil {
		return nil, nil, err
	}
	c, cl := newCollector(), &cols{stmt: "paths"}
	var out []graph.Path
	for _, rec := range res.Records {
		out = append(out, c.path(get[dbtype.Path](cl, rec, "p")))
	}
	if err := cl.check(c.err); err != nil {
		return nil, nil, err
	}
	return out, c, nil
}

// Paths answers a path query: the shortest path, all shortest paths, or
// several ranked simple paths, each hop with its evidence; when there is none,
// a reason the analyst can act on.
func (s *Store) Paths(ctx context.Context, q graph.PathQuery) (*graph.PathAnswer, error) {
	ctx, cancel := s.begin(ctx, "finding paths")
	defer cancel()
	from, err := s.Resolve(ctx, q.From)
	if err != nil {
		return nil, err
	}
	to, err := s.Resolve(ctx, q.To)
	if err != nil {
		return nil, err
	}
	if from.ID == to.ID {
		return nil, graph.Invalid("to", q.To, "names the same entity as from ("+from.ID+"); give two different entities")
	}
	selector, cap := "SHORTEST 1", 1
	switch {
	case q.All:
		selector, cap = "ALL SHORTEST", s.opt.Limits.MaxPaths
	case q.Limit > 1:
		// Ask for more than wanted: ranking by evidence reorders paths of equal
		// length, and repeats or cycles are dropped.
		k := min(q.Limit*4, 200)
		selector, cap = fmt.Sprintf("SHORTEST %d", k), k
	}
	paths, c, err := s.shortest(ctx, from.ID, to.ID, q.Filter, q.MaxDepth, selector, cap+1)
	if err != nil {
		return nil, err
	}
	limit := q.Limit
	if q.All {
		limit = s.opt.Limits.MaxPaths
	}
	ans := &graph.PathAnswer{Paths: graph.RankPaths(paths, limit), Query: echo(q, from, to)}
	ans.Truncated = len(paths) > cap
	ans.Subgraph = onPaths(c, ans.Paths, ans.Truncated)
	ans.Notes = undatedNotes(q.Filter, ans.Paths)
	if len(ans.Paths) == 0 {
		ans.Reason, err = s.explain(ctx, q, from, to)
		if err != nil {
			return nil, err
		}
	}
	if ans.Sources, err = s.sourcesOf(ctx, ans.Edges); err != nil {
		return nil, err
	}
	return ans, nil
}

// onPaths keeps the nodes and edges of the ranked paths only.
func onPaths(c *collector, paths []graph.Path, truncated bool) graph.Subgraph {
	keepN, keepE := map[string]bool{}, map[string]bool{}
	for _, p := range paths {
		for _, n := range p.Nodes {
			keepN[n] = true
		}
		for _, e := range p.Edges {
			keepE[e] = true
		}
	}
	g := graph.Subgraph{Nodes: []graph.Node{}, Edges: []graph.Edge{}, Truncated: truncated}
	for _, n := range c.nodes {
		if keepN[n.ID] {
			g.Nodes = append(g.Nodes, n)
		}
	}
	for _, e := range c.edges {
		if keepE[e.ID] {
			g.Edges = append(g.Edges, e)
		}
	}
	return g
}

func echo(q graph.PathQuery, from, to graph.Node) map[string]any {
	m := map[string]any{"from": from.ID, "fromName": from.Name, "to": to.ID, "toName": to.Name,
		"maxDepth": q.MaxDepth, "direction": q.Direction}
	for k, v := range activeFilters(q.Filter) {
		m[k] = v
	}
	return m
}

// undatedNotes says how edges without dates were treated under at / knownOn.
func undatedNotes(f graph.Filter, paths []graph.Path) []string {
	if f.At == "" && f.KnownOn == "" {
		return nil
	}
	verb := "kept (undated=keep; pass undated=drop to leave them out)"
	if f.Undated == "drop" {
		verb = "left out (undated=drop)"
	}
	var notes []string
	if f.KnownOn != "" {
		notes = append(notes, "knownOn="+f.KnownOn+
			": only edges reported on or before that date, and events dated on or before it; edges "+
			"with no reportedOn were "+verb+".")
	}
	if f.At != "" {
		notes = append(notes, "at="+f.At+
			": only edges valid on that date; edges with neither validFrom nor validTo were "+verb+".")
	}
	return notes
}

// sourcesOf returns the Source entities the edges cite, for titles and links.
func (s *Store) sourcesOf(ctx context.Context, edges []graph.Edge) ([]graph.Node, error) {
	seen := map[string]bool{}
	var ids []string
	for _, e := range edges {
		for _, src := range e.Sources {
			if !seen[src] {
				seen[src] = true
				ids = append(ids, src)
			}
		}
	}
	if len(ids) == 0 {
		return []graph.Node{}, nil
	}
	res, err := s.read(ctx, "sources", sourcesStatement, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	out, cl := make([]graph.Node, 0, len(res.Records)), &cols{stmt: "sources"}
	for _, rec := range res.Records {
		out = append(out, cl.node(rec, "n"))
	}
	return out, cl.check()
}
