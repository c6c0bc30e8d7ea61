package cypher

import (
	"context"
	"sort"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// timelineQuery finds dated events and dated relationships, for one entity
// (its own date, its edges, the events it touches) or for a date window.
const timelineQuery = `CALL {
  MATCH (e:Event) WHERE e.date IS NOT NULL AND e.markingRank <= $clearance
    AND ($entity IS NULL OR e.id = $entity OR EXISTS { (e)-[t WHERE t.markingRank <= $clearance]-(:Entity {id: $entity}) })
    AND ($from IS NULL OR e.date >= $from) AND ($to IS NULL OR e.date <= $to)
  RETURN e.date AS date, 'event' AS what, e AS node, null AS r, null AS a, null AS b
  UNION ALL
  MATCH (a:Entity)-[r]->(b:Entity)
  WHERE r.markingRank <= $clearance AND a.markingRank <= $clearance AND b.markingRank <= $clearance
    AND ($entity IS NULL OR a.id = $entity OR b.id = $entity) AND ($retracted OR coalesce(r.status, '') <> 'retracted')
  WITH a, b, r, coalesce(r.validFrom, r.reportedOn) AS date
  WHERE date IS NOT NULL AND ($from IS NULL OR date >= $from) AND ($to IS NULL OR date <= $to)
  RETURN date, 'relationship' AS what, null AS node, r, a, b
}
RETURN date, what, node, r, a, b ORDER BY date, what DESC LIMIT $cap`

// Timeline lists dated events and edges, oldest first, each edge with its
// evidence and the nodes it joins.
func (s *Store) Timeline(ctx context.Context, q graph.TimelineQuery) (*graph.Timeline, error) {
	ctx, cancel := s.begin(ctx, "listing the timeline")
	defer cancel()
	params := map[string]any{"entity": nil, "from": nil, "to": nil, "cap": int64(q.Limit + 1),
		"retracted": q.IncludeRetracted}
	if q.Entity != "" {
		n, err := s.Resolve(ctx, q.Entity)
		if err != nil {
			return nil, err
		}
		params["entity"] = n.ID
	}
	if q.From != "" {
		params["from"] = q.From
	}
	if q.To != "" {
		params["to"] = q.To
	}
	res, err := s.read(ctx, "timeline", timelineQuery, params)
	if err != nil {
		return nil, err
	}
	c, cl := newCollector(), &cols{stmt: "timeline"}
	t := &graph.Timeline{Items: []graph.TimelineItem{}}
	for i, rec := range res.Records {
		if i == q.Limit {
			t.Truncated = true
			break
		}
		item := graph.TimelineItem{Date: get[string](cl, rec, "date"), What: get[string](cl, rec, "what")}
		if item.What == "event" {
			node := get[dbtype.Node](cl, rec, "node")
			c.node(node)
			n, _ := toNode(node) // c.node kept any error
			item.Node = &n
		} else {
			c.node(get[dbtype.Node](cl, rec, "a"))
			c.node(get[dbtype.Node](cl, rec, "b"))
			e := c.edge(get[dbtype.Relationship](cl, rec, "r"))
			item.Edge = &e
		}
		if err := cl.check(c.err); err != nil {
			return nil, err
		}
		t.Items = append(t.Items, item)
	}
	t.Nodes = c.nodes
	if t.Nodes == nil {
		t.Nodes = []graph.Node{}
	}
	sort.SliceStable(t.Items, func(i, j int) bool { return t.Items[i].Date < t.Items[j].Date })
	return t, nil
}
