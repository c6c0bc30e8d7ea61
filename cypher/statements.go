package cypher

import "github.com/actorgraph/actorgraph/graph"

// The statements below are the texts the store runs for the read routes,
// exported so the benchmark's raw-driver side (bench/run) runs the very same
// texts and cannot drift from them.
const (
	// ResolveIDStatement finds an entity by id (parameter $id; column n).
	ResolveIDStatement = "MATCH (n:Entity {id: $id}) RETURN n"
	// SourcesStatement reads the Source nodes edges cite ($ids; column n).
	SourcesStatement = "UNWIND $ids AS id MATCH (n:Source {id: id}) RETURN n"
	// DegreeStatement counts each node's relationships a neighbourhood can
	// show ($ids; columns id, degree): links to Sources are not counted.
	DegreeStatement = "UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN id, COUNT { (n)--(m) WHERE NOT m:Source } AS degree"
	// SearchStatement queries the full-text index ($index, $q, $fetch,
	// $kinds, $key, $limit; columns node, score, exact).
	SearchStatement = `CALL db.index.fulltext.queryNodes($index, $q, {limit: $fetch}) YIELD node, score
WHERE size($kinds) = 0 OR node.kind IN $kinds
RETURN node, score, $key IN node.keys AS exact
ORDER BY exact DESC, score DESC LIMIT $limit`
	// FullTextIndex is the name of the full-text index over entity names.
	FullTextIndex = fullTextIndex
)

// PathStatement is the shortest-path statement the store runs under the
// default filters ($from, $to, $cap; column p). selector is "SHORTEST 1",
// "SHORTEST k" or "ALL SHORTEST".
func PathStatement(selector string, depth int) string {
	return pathQuery(compile(graph.Filter{}), selector, depth)
}

// ExpandStatement is the breadth-first step the neighbours route runs under
// the default filters ($frontier, $cap; columns ae, aid, r, x).
func ExpandStatement() string {
	return expandQuery(compile(graph.Filter{}))
}

// SearchText is the Lucene query the store sends for a name typed by a user.
func SearchText(s string) string {
	return fullTextQuery(s, true)
}

// NodeProps is what the importer stores for a node (for the benchmark's
// raw side, which must write the same rows).
func NodeProps(n graph.Node) map[string]any { return nodeProps(n) }

// EdgeProps is what the importer stores for an edge.
func EdgeProps(e graph.Edge) map[string]any { return edgeProps(e) }
