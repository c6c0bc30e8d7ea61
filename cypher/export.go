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
	g := &graph.Subgraph{Nodes: []graph.Node{}, Edges: []graph.Edge{}}
	err := s.streamWithin(ctx, s.opt.ImportTimeout, "export_nodes", `MATCH (n:Entity) RETURN n`, nil, func(rec *neo4j.Record) {
		g.Nodes = append(g.Nodes, withText(get[dbtype.Node](rec, "n")))
	})
	if err != nil {
		return nil, err
	}
	ids := map[string]string{}
	err = s.streamWithin(ctx, s.opt.ImportTimeout, "export_edges", `MATCH (a:Entity)-[r]->(b:Entity)
RETURN elementId(a) AS ae, a.id AS aid, elementId(b) AS be, b.id AS bid, r`, nil, func(rec *neo4j.Record) {
		ids[get[string](rec, "ae")] = get[string](rec, "aid")
		ids[get[string](rec, "be")] = get[string](rec, "bid")
		g.Edges = append(g.Edges, toEdge(get[dbtype.Relationship](rec, "r"), ids))
	})
	if err != nil {
		return nil, err
	}
	return g, nil
}

// Sources returns the Source nodes among ids with their stored text, for a
// STIX export of a subgraph (its reports carry the text).
func (s *Store) Sources(ctx context.Context, ids []string) ([]graph.Node, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	res, err := s.read(ctx, "sources", `UNWIND $ids AS id MATCH (n:Source {id: id}) RETURN n`, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	out := make([]graph.Node, 0, len(res.Records))
	for _, rec := range res.Records {
		out = append(out, withText(get[dbtype.Node](rec, "n")))
	}
	return out, nil
}

// withText is toNode keeping a Source's text.
func withText(n dbtype.Node) graph.Node {
	out := toNode(n)
	if t, ok := n.Props["text"].(string); ok && t != "" {
		if out.Properties == nil {
			out.Properties = map[string]any{}
		}
		out.Properties["text"] = t
	}
	return out
}
