package main

import (
	"fmt"

	"github.com/actorgraph/actorgraph/graph"
)

// The MERGE statements the importer ran before it planned each record's
// outcome in Go (cypher/importwrite.go); the store no longer runs them.
// importBench's side C runs them raw, as the measure the planning importer
// is compared with.

// outcomeFields are the outcome codes returned per row by the merge
// statements.
const outcomeFields = `CASE WHEN old IS NULL THEN 'created' WHEN properties(old) = row.props THEN 'unchanged'
    ELSE 'updated' END AS outcome,
  CASE WHEN old IS NULL THEN null ELSE properties(old) END AS before`

// outcomeReturn counts the rows per outcome and lists the changed ones (id
// and state before) for the history.
const outcomeReturn = `RETURN outcome, count(*) AS n,
  collect(CASE WHEN outcome <> 'unchanged' THEN [row.props.id, before] END) AS changed`

// mergeNodes is run per kind; the label comes from the closed kind list.
// Parameter $batch: rows {props}.
func mergeNodes(kind graph.Kind) string {
	return `UNWIND $batch AS row
OPTIONAL MATCH (old:Entity {id: row.props.id})
WITH row, old, ` + outcomeFields + `
MERGE (n:Entity {id: row.props.id})
SET n = row.props, n:` + string(kind) + `
` + outcomeReturn
}

// mergeEdges is run per relationship type (a vocabulary name). Parameter
// $batch: rows {source, target, props}. MERGE (a)-[r:T {id}]->(b) with both
// ends bound expands from the end with fewer relationships, so hubs are not
// walked. (Looking edges
// up through a relationship index per type and CREATEing the missing ones
// was measured slower: 0.62-0.75x on a 200k-relationship import, the index
// writes costing more than the expansion; BENCHMARKS.md.)
func mergeEdges(typ string) string {
	if _, ok := graph.LookupRel(typ); !ok {
		panic(fmt.Sprintf("relationship type %q is not in the vocabulary", typ))
	}
	return `UNWIND $batch AS row
MATCH (a:Entity {id: row.source})
MATCH (b:Entity {id: row.target})
OPTIONAL MATCH (a)-[old:` + typ + ` {id: row.props.id}]->(b)
WITH a, b, row, old, ` + outcomeFields + `
MERGE (a)-[r:` + typ + ` {id: row.props.id}]->(b)
SET r = row.props
` + outcomeReturn
}
