package cypher

import (
	"context"

	"github.com/actorgraph/actorgraph/graph"
)

// stixEntitiesStatement finds entities by the STIX id an earlier import gave
// them (the stixId property of objects from other tools).
const stixEntitiesStatement = `MATCH (n:Entity) WHERE n.stixId IN $ids
RETURN n.stixId AS stixId, n.id AS id, n.kind AS kind`

// STIXEntities returns, for the STIX ids among ids that earlier imports
// stored, the entity each became (id and kind): the ends of a bundle's
// relationships the bundle itself does not hold.
func (s *Store) STIXEntities(ctx context.Context, ids []string) (map[string]graph.Node, error) {
	out := map[string]graph.Node{}
	if len(ids) == 0 {
		return out, nil
	}
	ctx, cancel := s.begin(ctx, "looking up the STIX ids the bundle refers to")
	defer cancel()
	res, err := s.read(ctx, "stix_entities", stixEntitiesStatement, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	cl := &cols{stmt: "stix_entities"}
	for _, rec := range res.Records {
		out[get[string](cl, rec, "stixId")] = graph.Node{ID: get[string](cl, rec, "id"),
			Kind: graph.Kind(get[string](cl, rec, "kind"))}
	}
	return out, cl.check()
}
