package cypher

import (
	"context"
	"fmt"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// degreeQuery counts an entity's relationships per type from the degree store.
var degreeQuery = func() string {
	parts := make([]string, len(graph.Vocabulary))
	for i, rt := range graph.Vocabulary {
		parts[i] = fmt.Sprintf("%s: COUNT { (n)-[r:%s]-(m) WHERE r.markingRank <= $clearance AND m.markingRank <= $clearance }", rt.Name, rt.Name)
	}
	return "MATCH (n:Entity {id: $id}) WHERE n.markingRank <= $clearance RETURN n, {" + strings.Join(parts,
		", ") + "} AS degree"
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
