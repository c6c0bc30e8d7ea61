package cypher

import "github.com/actorgraph/actorgraph/graph"

// PathQueryFor is the statement and parameters (without $from, $to, $cap)
// the store runs for a path query under f.
func PathQueryFor(f graph.Filter, selector string, depth int) (string, map[string]any) {
	m := compile(f)
	return pathQuery(m, selector, depth), m.with()
}

// QPPPathQueryFor is the same question over a quantified path pattern, the
// statement shortest paths used before shortestPath().
func QPPPathQueryFor(f graph.Filter, selector string, depth int) (string, map[string]any) {
	m := compile(f)
	return qppPathQuery(m, selector, depth), m.with()
}

// GraphEdgeKeysStatement is the export's statement for the edges' property
// keys over all types ($ids, $evidence, $retracted).
func GraphEdgeKeysStatement() string { return graphEdgeKeysQuery("") }
