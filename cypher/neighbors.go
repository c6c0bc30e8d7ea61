package cypher

import (
	"context"
	"fmt"
	"slices"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// expandQuery takes one breadth-first step from a frontier of ids.
func expandQuery(m match) string {
	return fmt.Sprintf(`UNWIND $frontier AS fid
MATCH (a:Entity {id: fid})%s(x:Entity)
WHERE %s
RETURN elementId(a) AS ae, a.id AS aid, r, x LIMIT $cap`, m.rel(), m.nodePred)
}

// bfs walks up to depth levels from start under m, adding at most maxNodes
// nodes besides start; it reports whether it stopped early.
func (s *Store) bfs(ctx context.Context, c *collector, start string, m match,
	depth, maxNodes int) (levels [][]string, truncated bool, err error) {
	seen := map[string]bool{start: true}
	frontier := []string{start}
	for d := 0; d < depth && len(frontier) > 0 && !truncated; d++ {
		rowCap := int64(maxNodes*4 + 100)
		lctx := graph.Doing(ctx, fmt.Sprintf("%s, level %d of %d", graph.DoingOf(ctx), d+1, depth))
		name := fmt.Sprintf("expand-level-%d", d+1)
		res, err := s.read(lctx, name, expandQuery(m), m.with("frontier", frontier, "cap", rowCap))
		if err != nil {
			return nil, false, err
		}
		truncated = int64(len(res.Records)) >= rowCap
		var next []string
		cl := &cols{stmt: name}
		// Each row adds at most a node and an edge: room for them at once
		// rather than by doubling.
		c.nodes = slices.Grow(c.nodes, max(0, min(len(res.Records), maxNodes+1-len(c.nodes))))
		c.edges = slices.Grow(c.edges, len(res.Records))
		for i, rec := range res.Records {
			if i%4096 == 4095 && ctx.Err() != nil {
				return nil, false, graph.Overran(lctx, name)
			}
			c.ids[get[string](cl, rec, "ae")] = get[string](cl, rec, "aid")
			x := get[dbtype.Node](cl, rec, "x")
			xp := props{what: "node", elem: x.ElementId, m: x.Props}
			xid := xp.str("id", true)
			if err := cl.check(xp.err); err != nil {
				return nil, false, err
			}
			if !seen[xid] {
				if len(seen) > maxNodes {
					truncated = true
					continue
				}
				seen[xid] = true
				next = append(next, xid)
			}
			c.node(x)
			c.edge(get[dbtype.Relationship](cl, rec, "r"))
		}
		if err := cl.check(c.err); err != nil {
			return nil, false, err
		}
		levels = append(levels, next)
		frontier = next
	}
	return levels, truncated, nil
}

// Neighbors returns the k-hop neighbourhood of an entity under the filters;
// each node says how many of its relationships the answer leaves out.
func (s *Store) Neighbors(ctx context.Context, q graph.NeighborQuery) (*graph.Subgraph, error) {
	ctx, cancel := s.begin(ctx, "finding the neighbourhood of "+q.ID)
	defer cancel()
	center, err := s.Resolve(ctx, q.ID)
	if err != nil {
		return nil, err
	}
	// The resolved node comes first; bfs learns its element id from the first
	// expansion rows (they name the node they start from) before any row can
	// lead back to it.
	c := newCollector()
	c.nodes = append(c.nodes, center)
	_, truncated, err := s.bfs(ctx, c, center.ID, compile(q.Filter), q.Depth, q.Limit-1)
	if err != nil {
		return nil, err
	}
	g := c.subgraph()
	g.Truncated = truncated
	// Edges whose far end was cut by the node limit are dropped, not dangling.
	shown := map[string]bool{}
	for _, n := range g.Nodes {
		shown[n.ID] = true
	}
	edges := g.Edges[:0]
	for _, e := range g.Edges {
		if shown[e.Source] && shown[e.Target] {
			edges = append(edges, e)
		}
	}
	g.Edges = edges
	return &g, s.hidden(ctx, &g)
}

// hidden sets each node's count of relationships the subgraph does not show,
// among those a neighbourhood can show: links to Source nodes (toll reports)
// are only shown when asked for with kind=Source, so they are not counted.
func (s *Store) hidden(ctx context.Context, g *graph.Subgraph) error {
	ids := make([]string, len(g.Nodes))
	for i, n := range g.Nodes {
		ids[i] = n.ID
	}
	res, err := s.read(ctx, "degree", degreeStatement, map[string]any{"ids": ids})
	if err != nil {
		return err
	}
	degree, cl := map[string]int{}, &cols{stmt: "degree"}
	for _, rec := range res.Records {
		degree[get[string](cl, rec, "id")] = int(get[int64](cl, rec, "degree"))
	}
	if err := cl.check(); err != nil {
		return err
	}
	shownDeg := map[string]int{}
	for _, e := range g.Edges {
		shownDeg[e.Source]++
		shownDeg[e.Target]++
	}
	for i := range g.Nodes {
		h := max(degree[g.Nodes[i].ID]-shownDeg[g.Nodes[i].ID], 0)
		g.Nodes[i].Hidden = &h
	}
	return nil
}
