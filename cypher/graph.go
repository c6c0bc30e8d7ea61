package cypher

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// graphIDsQuery picks the nodes of GET /api/v1/graph: their ids (the only
// part of the answer the store holds), whether the limit cut the answer, and
// the property keys they carry (for the XML formats' declarations).
const graphIDsQuery = `MATCH (n:Entity)
WHERE n.markingRank <= $clearance AND CASE WHEN size($kinds) = 0 THEN n.kind <> 'Source' ELSE n.kind IN $kinds END
WITH n LIMIT $cap
WITH collect(n) AS ns
WITH ns[0..$limit] AS shown, size(ns) > $limit AS truncated
RETURN [m IN shown | m.id] AS ids, truncated,
  COLLECT { UNWIND shown AS m UNWIND keys(m) AS k RETURN DISTINCT k } AS keys`

// graphEdgesMatch selects the relationships among the nodes $ids; types is
// "" or ":A|B" of checked vocabulary names. The hint makes each id one
// seek and one expansion: without it, on a freshly loaded graph whose
// statistics lag, Neo4j planned a scan of the whole id index per id (2,500
// ids of a 2,667-node graph: 6.7M rows, past a 10 s limit), and a plain
// USING INDEX let it keep the scan.
func graphEdgesMatch(types string) string {
	return `UNWIND $ids AS id MATCH (a:Entity {id: id})-[r` + types + `]->(b:Entity) USING INDEX SEEK a:Entity(id)
WHERE b.id IN $ids AND r.markingRank <= $clearance AND ($evidence IS NULL OR r.evidence IN $evidence) AND ($retracted OR ` + notRetracted + `)
`
}

// keyDeclarer is a sink that may do without the property keys in its Head
// (format.Writer in a JSON format): the edge keys then are not read.
type keyDeclarer interface{ DeclaresKeys() bool }

// Graph hands up to q.Limit entities of the given kinds and the
// relationships of the given types among them to sink, row by row as Neo4j
// returns them: Begin, every node, every edge, End. It holds the selected
// node ids and one fetch of records (streamFetchSize), never the subgraph.
//
// The ids, the truncated flag and the property keys come first from
// statements that may be retried; the nodes and edges are then read in one
// transaction that is never retried, since what sink did with a row (wrote
// it to a client) cannot be taken back. An error before sink wrote anything
// can still become an error answer; after that, the caller cuts the answer.
func (s *Store) Graph(ctx context.Context, q graph.GraphQuery, sink graph.Sink) error {
	ctx, cancel := s.begin(ctx, "reading the graph")
	defer cancel()
	sel, err := s.graphSelection(ctx, q)
	if err != nil {
		return err
	}
	types := ""
	if len(q.Rels) > 0 {
		types = ":" + strings.Join(checkedTypes(q.Rels), "|")
	}
	var evidence any // null keeps every edge
	if q.Evidence != "" {
		evidence = evidenceAtLeast(q.Evidence)
	}
	edgeParams := map[string]any{"ids": sel.ids, "evidence": evidence, "retracted": q.IncludeRetracted}
	head := graph.Head{Truncated: sel.truncated, NodeKeys: shownKeys(sel.nodeKeys, nodeFields, "text", importBatchProp)}
	if kd, ok := sink.(keyDeclarer); !ok || kd.DeclaresKeys() {
		if head.EdgeKeys, err = s.graphEdgeKeys(ctx, types, edgeParams); err != nil {
			return err
		}
	}
	return s.readOnce(ctx, func(run runFunc) error {
		if err := sink.Begin(head); err != nil {
			return err
		}
		if err := graphNodes(run, sel.ids, sink); err != nil {
			return err
		}
		if err := graphEdges(run, types, edgeParams, sink); err != nil {
			return err
		}
		return sink.End()
	})
}

// graphSelected is what graphIDsQuery picked: the node ids, whether the
// limit cut the answer, and the stored property keys of the nodes.
type graphSelected struct {
	ids, nodeKeys []string
	truncated     bool
}

// graphSelection picks the nodes of q (graphIDsQuery).
func (s *Store) graphSelection(ctx context.Context, q graph.GraphQuery) (graphSelected, error) {
	kinds := make([]string, len(q.Kinds))
	for i, k := range q.Kinds {
		kinds[i] = string(k)
	}
	res, err := s.read(ctx, "graph_ids", graphIDsQuery,
		map[string]any{"kinds": kinds, "cap": int64(q.Limit + 1), "limit": int64(q.Limit)})
	if err != nil {
		return graphSelected{}, err
	}
	cl := &cols{stmt: "graph_ids"}
	var sel graphSelected
	if len(res.Records) == 1 {
		rec := res.Records[0]
		sel.ids, sel.truncated, sel.nodeKeys = cl.strs(rec, "ids"), get[bool](cl, rec, "truncated"), cl.strs(rec, "keys")
	} else {
		cl.fail(errRowCount(len(res.Records)))
	}
	return sel, cl.check()
}

// graphNodes hands the nodes of ids to sink as run reads them.
func graphNodes(run runFunc, ids []string, sink graph.Sink) error {
	nc := &cols{stmt: "graph_nodes"}
	return run("graph_nodes", `UNWIND $ids AS id MATCH (n:Entity {id: id}) WHERE n.markingRank <= $clearance RETURN n`, map[string]any{"ids": ids},
		func(rec *neo4j.Record) error {
			n := nc.node(rec, "n")
			if err := nc.check(); err != nil {
				return err
			}
			return sink.Node(&n)
		})
}

// graphEdgesReturn is what graphEdges reads of each relationship
// graphEdgesMatch selects: the relationship and its ends' element and our ids.
const graphEdgesReturn = `RETURN elementId(a) AS ae, a.id AS aid, elementId(b) AS be, b.id AS bid, r`

// graphEdges hands the relationships graphEdgesMatch(types) selects with
// params to sink as run reads them.
func graphEdges(run runFunc, types string, params map[string]any, sink graph.Sink) error {
	ec := &cols{stmt: "graph_edges"}
	return run("graph_edges", graphEdgesMatch(types)+graphEdgesReturn, params,
		func(rec *neo4j.Record) error {
			ends := map[string]string{
				get[string](ec, rec, "ae"): get[string](ec, rec, "aid"),
				get[string](ec, rec, "be"): get[string](ec, rec, "bid"),
			}
			e, err := toEdge(get[dbtype.Relationship](ec, rec, "r"), ends)
			if err := ec.check(err); err != nil {
				return err
			}
			return sink.Edge(&e)
		})
}

// graphEdgeKeysQuery collects the property keys of the relationships
// graphEdgesMatch selects.
func graphEdgeKeysQuery(types string) string {
	return graphEdgesMatch(types) + `UNWIND keys(r) AS k RETURN collect(DISTINCT k) AS keys`
}

// graphEdgeKeys is the property keys of the relationships an export will
// write (its XML formats declare them before the first node).
func (s *Store) graphEdgeKeys(ctx context.Context, types string, params map[string]any) ([]string, error) {
	res, err := s.read(ctx, "graph_edge_keys", graphEdgeKeysQuery(types), params)
	if err != nil {
		return nil, err
	}
	cl := &cols{stmt: "graph_edge_keys"}
	var keys []string
	if len(res.Records) == 1 {
		keys = cl.strs(res.Records[0], "keys")
	} else {
		cl.fail(errRowCount(len(res.Records)))
	}
	if err := cl.check(); err != nil {
		return nil, err
	}
	return shownKeys(keys, edgeFields, importBatchProp), nil
}

// shownKeys drops the stored keys that answers show as fixed fields or
// never show (toNode, toEdge).
func shownKeys(keys []string, fields map[string]bool, hidden ...string) []string {
	out := keys[:0]
	for _, k := range keys {
		if !fields[k] && !slices.Contains(hidden, k) {
			out = append(out, k)
		}
	}
	return out
}

// errRowCount is the mapping error of a one-row statement that gave n rows.
func errRowCount(n int) error { return fmt.Errorf("%d rows, want 1", n) }
