package cypher

import (
	"context"
	"fmt"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// degreeQuery counts an entity's relationships per type from the degree store.
var degreeQuery = func() string {
	parts := make([]string, len(graph.Vocabulary))
	for i, rt := range graph.Vocabulary {
		parts[i] = fmt.Sprintf("%s: COUNT { (n)-[:%s]-() }", rt.Name, rt.Name)
	}
	return "MATCH (n:Entity {id: $id}) RETURN n, {" + strings.Join(parts, ", ") + "} AS degree"
}()

// Entity returns one entity, found by id or name, with its degree per
// relationship type (types it has none of are left out).
func (s *Store) Entity(ctx context.Context, ref string) (graph.EntityDetail, error) {
	ctx, cancel := s.begin(ctx, "reading entity "+ref)
	defer cancel()
	n, err := s.Resolve(ctx, ref)
	if err != nil {
		return graph.EntityDetail{}, err
	}
	res, err := s.read(ctx, "entity", degreeQuery, map[string]any{"id": n.ID})
	if err != nil {
		return graph.EntityDetail{}, err
	}
	if len(res.Records) == 0 {
		return graph.EntityDetail{}, &graph.UnknownError{Name: ref}
	}
	rec, cl := res.Records[0], &cols{stmt: "entity"}
	d := graph.EntityDetail{Node: cl.node(rec, "n"), Degree: map[string]int64{}}
	for t, v := range get[map[string]any](cl, rec, "degree") {
		c, ok := v.(int64)
		if !ok {
			cl.fail(fmt.Errorf("column degree: %s is %T, want an integer", t, v))
		}
		if c > 0 {
			d.Degree[t] = c
		}
	}
	if err := cl.check(); err != nil {
		return graph.EntityDetail{}, err
	}
	if d.Aliases == nil {
		d.Aliases = []string{}
	}
	return d, nil
}

// Graph returns up to limit entities of the given kinds and the relationships
// of the given types among them.
func (s *Store) Graph(ctx context.Context, q graph.GraphQuery) (*graph.Subgraph, error) {
	ctx, cancel := s.begin(ctx, "reading the graph")
	defer cancel()
	kinds := make([]string, len(q.Kinds))
	for i, k := range q.Kinds {
		kinds[i] = string(k)
	}
	res, err := s.read(ctx, "graph_nodes", `MATCH (n:Entity) WHERE CASE WHEN size($kinds) = 0 THEN n.kind <> 'Source' ELSE n.kind IN $kinds END
RETURN n LIMIT $cap`, map[string]any{"kinds": kinds, "cap": int64(q.Limit + 1)})
	if err != nil {
		return nil, err
	}
	c, cl := newCollector(), &cols{stmt: "graph_nodes"}
	var ids []string
	for i, rec := range res.Records {
		if i == q.Limit {
			break
		}
		if i%4096 == 4095 && ctx.Err() != nil {
			return nil, graph.Overran(ctx, "graph_nodes")
		}
		ids = append(ids, c.node(get[dbtype.Node](cl, rec, "n")))
	}
	if err := cl.check(c.err); err != nil {
		return nil, err
	}
	types := ""
	if len(q.Rels) > 0 {
		types = ":" + strings.Join(checkedTypes(q.Rels), "|")
	}
	var evidence any // null keeps every edge
	if q.Evidence != "" {
		evidence = evidenceAtLeast(q.Evidence)
	}
	// Streamed: a large graph's edges are converted as they arrive rather
	// than held as driver records too (peak memory of big exports).
	ec := &cols{stmt: "graph_edges"}
	err = s.stream(ctx, "graph_edges", `UNWIND $ids AS id MATCH (a:Entity {id: id})-[r`+types+`]->(b:Entity)
WHERE b.id IN $ids AND ($evidence IS NULL OR r.evidence IN $evidence) AND ($retracted OR `+notRetracted+`)
RETURN elementId(a) AS ae, a.id AS aid, elementId(b) AS be, b.id AS bid, r`, map[string]any{"ids": ids, "evidence": evidence, "retracted": q.IncludeRetracted},
		func(rec *neo4j.Record) error {
			c.ids[get[string](ec, rec, "ae")] = get[string](ec, rec, "aid")
			c.ids[get[string](ec, rec, "be")] = get[string](ec, rec, "bid")
			c.edge(get[dbtype.Relationship](ec, rec, "r"))
			return ec.check(c.err)
		})
	if err != nil {
		return nil, err
	}
	g := c.subgraph()
	g.Truncated = len(res.Records) > q.Limit
	return &g, nil
}
