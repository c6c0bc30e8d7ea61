package cypher

import (
	"fmt"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/cypherstmt"
)

// The statements below are the texts the store runs for the read routes.
const (
	// resolveIDStatement finds an entity by id (parameter $id; column n).
	resolveIDStatement = "MATCH (n:Entity {id: $id}) WHERE n.markingRank <= $clearance RETURN n"
	// sourcesStatement reads the Source nodes edges cite ($ids; column n).
	sourcesStatement = "UNWIND $ids AS id MATCH (n:Source {id: id}) WHERE n.markingRank <= $clearance RETURN n"
	// degreeStatement counts each node's relationships a neighbourhood can
	// show ($ids; columns id, degree): links to Sources are not counted.
	degreeStatement = "UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN id, COUNT { (n)-[r]-(m) WHERE " +
		"NOT m:Source AND r.markingRank <= $clearance AND m.markingRank <= $clearance } AS degree"
	// searchStatement queries the full-text index ($index, $q, $fetch,
	// $kinds, $key, $limit; columns fetched, the hits the index gave, and
	// hits, the first $limit of them the reader may see, each a map of
	// node, score and exact). The clearance and kind filters run on what
	// the index gave before the limit, and fetched tells the caller
	// whether the index had more: hidden records that rank higher must not
	// crowd out visible ones (the caller asks again with a larger $fetch).
	searchStatement = `CALL db.index.fulltext.queryNodes($index, $q, {limit: $fetch}) YIELD node, score
WITH count(*) AS fetched, collect(CASE WHEN node.markingRank <= $clearance
  AND (size($kinds) = 0 OR node.kind IN $kinds)
  THEN {node: node, score: score, exact: $key IN node.keys} END) AS hits
RETURN fetched, hits[..$limit] AS hits`
)

// The benchmark's raw-driver side (bench/) runs the very texts the store
// runs, so that it cannot drift from them; it reads them from
// internal/cypherstmt, which keeps them out of this package's API.
func init() {
	cypherstmt.ResolveID = resolveIDStatement
	cypherstmt.Sources = sourcesStatement
	cypherstmt.Degree = degreeStatement
	cypherstmt.Search = searchStatement
	cypherstmt.FullTextIndex = fullTextIndex
	cypherstmt.Path = func(selector string, depth int) string {
		return pathQuery(compile(graph.Filter{}), selector, depth)
	}
	cypherstmt.Expand = func() string { return expandQuery(compile(graph.Filter{})) }
	cypherstmt.SearchText = func(s string) string { return fullTextQuery(s, true) }
	cypherstmt.NodeProps = nodeProps
	cypherstmt.EdgeProps = edgeProps
	cypherstmt.CreateNodes = createNodes
	cypherstmt.CreateEdges = func(typ string) (string, error) {
		if err := checkRel(typ); err != nil {
			return "", err
		}
		return createEdges(typ), nil
	}
}

// checkRel fails unless typ is a relationship type of the vocabulary: a
// type is written into the statement, so it must never come from elsewhere.
func checkRel(typ string) error {
	if _, ok := graph.LookupRel(typ); !ok {
		return fmt.Errorf("relationship type %q is not in the vocabulary", typ)
	}
	return nil
}
