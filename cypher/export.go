package cypher

import (
	"context"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// Export returns the whole graph, Sources with their stored text (property
// "text"), for a STIX export. It reads under the import's time limit, since
// it walks every node and relationship, and streams the rows so they are not
// held twice.
func (s *Store) Export(ctx context.Context) (*graph.Subgraph, error) {
	ctx, cancel := s.beginImport(ctx, "exporting the whole graph")
	defer cancel()
	g := &graph.Subgraph{Nodes: []graph.Node{}, Edges: []graph.Edge{}}
	nc := &cols{stmt: "export_nodes"}
	err := s.stream(ctx, "export_nodes", exportNodesQuery, nil, func(rec *neo4j.Record) error {
		n, err := withText(get[dbtype.Node](nc, rec, "n"))
		g.Nodes = append(g.Nodes, n)
		return nc.check(err)
	})
	if err != nil {
		return nil, err
	}
	ids := map[string]string{}
	ec := &cols{stmt: "export_edges"}
	err = s.stream(ctx, "export_edges", exportEdgesQuery, nil, func(rec *neo4j.Record) error {
		ids[get[string](ec, rec, "ae")] = get[string](ec, rec, "aid")
		ids[get[string](ec, rec, "be")] = get[string](ec, rec, "bid")
		e, err := toEdge(get[dbtype.Relationship](ec, rec, "r"), ids)
		g.Edges = append(g.Edges, e)
		return ec.check(err)
	})
	if err != nil {
		return nil, err
	}
	return g, nil
}

// The statements of the whole-graph export: every node and relationship
// the reader's clearance shows, Sources with their text.
const (
	exportNodesQuery = `MATCH (n:Entity) WHERE n.markingRank <= $clearance RETURN n`
	exportEdgesQuery = `MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.markingRank <= $clearance AND a.markingRank <= $clearance AND b.markingRank <= $clearance
RETURN elementId(a) AS ae, a.id AS aid, elementId(b) AS be, b.id AS bid, r`
)

// ExportRows hands what Export returns to sink row by row as Neo4j returns
// them (Begin, every node, every edge, End), in one read transaction that
// is never retried, without holding the graph: for a streamed STIX export,
// which reads it twice. It holds one fetch of records (streamFetchSize).
func (s *Store) ExportRows(ctx context.Context, sink graph.Sink) error {
	ctx, cancel := s.beginImport(ctx, "exporting the whole graph")
	defer cancel()
	return s.readOnce(ctx, func(run runFunc) error {
		if err := sink.Begin(graph.Head{}); err != nil {
			return err
		}
		nc := &cols{stmt: "export_nodes"}
		err := run("export_nodes", exportNodesQuery, nil, func(rec *neo4j.Record) error {
			n, err := withText(get[dbtype.Node](nc, rec, "n"))
			if err := nc.check(err); err != nil {
				return err
			}
			return sink.Node(&n)
		})
		if err != nil {
			return err
		}
		ec := &cols{stmt: "export_edges"}
		err = run("export_edges", exportEdgesQuery, nil, func(rec *neo4j.Record) error {
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
		if err != nil {
			return err
		}
		return sink.End()
	})
}

// Sources returns the Source nodes among ids with their stored text, for a
// STIX export of a subgraph (its reports carry the text).
func (s *Store) Sources(ctx context.Context, ids []string) ([]graph.Node, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	ctx, cancel := s.begin(ctx, "reading the sources of the answer")
	defer cancel()
	res, err := s.read(ctx, "sources", sourcesStatement, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	out, cl := make([]graph.Node, 0, len(res.Records)), &cols{stmt: "sources"}
	for _, rec := range res.Records {
		n, err := withText(get[dbtype.Node](cl, rec, "n"))
		if err := cl.check(err); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, nil
}

// withText is toNode keeping a Source's text.
func withText(n dbtype.Node) (graph.Node, error) {
	out, err := toNode(n)
	if err != nil {
		return out, err
	}
	if t, ok := n.Props["text"].(string); ok && t != "" {
		if out.Properties == nil {
			out.Properties = map[string]any{}
		}
		out.Properties["text"] = t
	}
	return out, nil
}
