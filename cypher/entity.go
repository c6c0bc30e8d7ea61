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
	rec := res.Records[0]
	d := graph.EntityDetail{Node: toNode(get[dbtype.Node](rec, "n")), Degree: map[string]int64{}}
	for t, v := range get[map[string]any](rec, "degree") {
		if c, _ := v.(int64); c > 0 {
			d.Degree[t] = c
		}
	}
	if d.Aliases == nil {
		d.Aliases = []string{}
	}
	return d, nil
}

// Graph returns up to limit entities of the given kinds and the relationships
// of the given types among them.
func (s *Store) Graph(ctx context.Context, q graph.GraphQuery) (*graph.Subgraph, error) {
	kinds := make([]string, len(q.Kinds))
	for i, k := range q.Kinds {
		kinds[i] = string(k)
	}
	res, err := s.read(ctx, "graph_nodes", `MATCH (n:Entity) WHERE CASE WHEN size($kinds) = 0 THEN n.kind <> 'Source' ELSE n.kind IN $kinds END
RETURN n LIMIT $cap`, map[string]any{"kinds": kinds, "cap": int64(q.Limit + 1)})
	if err != nil {
		return nil, err
	}
	c := newCollector()
	var ids []string
	for i, rec := range res.Records {
		if i == q.Limit {
			break
		}
		ids = append(ids, c.node(get[dbtype.Node](rec, "n")))
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
	err = s.stream(ctx, "graph_edges", `UNWIND $ids AS id MATCH (a:Entity {id: id})-[r`+types+`]->(b:Entity)
WHERE b.id IN $ids AND ($evidence IS NULL OR r.evidence IN $evidence)
RETURN elementId(a) AS ae, a.id AS aid, elementId(b) AS be, b.id AS bid, r`, map[string]any{"ids": ids, "evidence": evidence},
		func(rec *neo4j.Record) {
			c.ids[get[string](rec, "ae")] = get[string](rec, "aid")
			c.ids[get[string](rec, "be")] = get[string](rec, "bid")
			c.edge(get[dbtype.Relationship](rec, "r"))
		})
	if err != nil {
		return nil, err
	}
	g := c.subgraph()
	g.Truncated = len(res.Records) > q.Limit
	return &g, nil
}
