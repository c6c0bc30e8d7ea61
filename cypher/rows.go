package cypher

import (
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// nodeFields are stored on every node beside its properties; the last three
// exist for lookups only and are never shown.
var nodeFields = map[string]bool{"id": true, "kind": true, "name": true, "aliases": true, "aliasText": true, "keys": true, "keyText": true}

var edgeFields = map[string]bool{"id": true, "sources": true, "quote": true, "quoteSource": true, "confidence": true,
	"stance": true, "validFrom": true, "validTo": true, "reportedOn": true, "inferred": true, "reason": true,
	"evidence": true, "quoteStart": true, "quoteEnd": true, "quoteSha256": true, "summary": true}

// nodeProps is what a node is stored as.
func nodeProps(n graph.Node) map[string]any {
	m := make(map[string]any, len(n.Properties)+7)
	for k, v := range n.Properties {
		m[k] = v
	}
	keys := n.Keys()
	aliases := n.Aliases
	if aliases == nil {
		aliases = []string{}
	}
	m["id"], m["kind"], m["name"], m["aliases"] = n.ID, string(n.Kind), n.Name, aliases
	m["aliasText"] = strings.Join(n.Aliases, " | ")
	m["keys"], m["keyText"] = keys, strings.Join(keys, " ")
	return m
}

// edgeProps is what an edge is stored as; empty optional fields are left out.
func edgeProps(e graph.Edge) map[string]any {
	m := make(map[string]any, len(e.Properties)+11)
	for k, v := range e.Properties {
		m[k] = v
	}
	m["id"], m["sources"], m["evidence"] = e.ID, e.Sources, string(e.Evidence.Evidence)
	m["confidence"], m["stance"] = int64(e.Confidence), string(e.Stance)
	if e.QuoteStart != nil && e.QuoteEnd != nil {
		m["quoteStart"], m["quoteEnd"] = int64(*e.QuoteStart), int64(*e.QuoteEnd)
	}
	for k, v := range map[string]string{"quote": e.Quote, "quoteSource": e.QuoteSource, "quoteSha256": e.QuoteSHA256, "summary": e.Summary,
		"validFrom": e.ValidFrom, "validTo": e.ValidTo, "reportedOn": e.ReportedOn, "reason": e.Reason} {
		if v != "" {
			m[k] = v
		}
	}
	if e.Inferred {
		m["inferred"] = true
	}
	return m
}

func str(m map[string]any, k string) string {
	s, _ := m[k].(string)
	return s
}

// intPtr reads an optional integer property.
func intPtr(v any) *int {
	i, ok := v.(int64)
	if !ok {
		return nil
	}
	n := int(i)
	return &n
}

func strs(v any) []string {
	xs, _ := v.([]any)
	out := make([]string, 0, len(xs))
	for _, x := range xs {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// toNode maps a stored node to a graph.Node. A Source's text is left out of
// answers (it can be long); the import reads it separately.
func toNode(n dbtype.Node) graph.Node {
	p := n.Props
	out := graph.Node{ID: str(p, "id"), Kind: graph.Kind(str(p, "kind")), Name: str(p, "name"), Aliases: strs(p["aliases"])}
	for k, v := range p {
		if nodeFields[k] || k == "text" {
			continue
		}
		if out.Properties == nil {
			out.Properties = map[string]any{}
		}
		out.Properties[k] = v
	}
	return out
}

// toEdge maps a stored relationship to a graph.Edge; ids maps element ids to
// our node ids.
func toEdge(r dbtype.Relationship, ids map[string]string) graph.Edge {
	p := r.Props
	conf, _ := p["confidence"].(int64)
	inferred, _ := p["inferred"].(bool)
	e := graph.Edge{ID: str(p, "id"), Type: r.Type, Source: ids[r.StartElementId], Target: ids[r.EndElementId],
		Evidence: graph.Evidence{Evidence: graph.EvidenceLevel(str(p, "evidence")), Sources: strs(p["sources"]),
			Quote: str(p, "quote"), QuoteSource: str(p, "quoteSource"), QuoteStart: intPtr(p["quoteStart"]),
			QuoteEnd: intPtr(p["quoteEnd"]), QuoteSHA256: str(p, "quoteSha256"), Summary: str(p, "summary"),
			Confidence: int(conf), Stance: graph.Stance(str(p, "stance")), ValidFrom: str(p, "validFrom"),
			ValidTo: str(p, "validTo"), ReportedOn: str(p, "reportedOn"), Inferred: inferred, Reason: str(p, "reason")}}
	for k, v := range p {
		if edgeFields[k] {
			continue
		}
		if e.Properties == nil {
			e.Properties = map[string]any{}
		}
		e.Properties[k] = v
	}
	return e
}

// collector gathers nodes and edges without repeats, in first-seen order.
type collector struct {
	ids   map[string]string // element id -> our id
	nodes []graph.Node
	seenE map[string]bool
	edges []graph.Edge
}

func newCollector() *collector {
	return &collector{ids: map[string]string{}, seenE: map[string]bool{}}
}

func (c *collector) node(n dbtype.Node) string {
	if id, ok := c.ids[n.ElementId]; ok {
		return id
	}

	gn := toNode(n)
	c.ids[n.ElementId] = gn.ID
	c.nodes = append(c.nodes, gn)
	return gn.ID
}

// edge adds r; both its nodes must have been added first.
func (c *collector) edge(r dbtype.Relationship) graph.Edge {
	e := toEdge(r, c.ids)
	if !c.seenE[e.ID] {
		c.seenE[e.ID] = true
		c.edges = append(c.edges, e)
	}
	return e
}

func (c *collector) subgraph() graph.Subgraph {
	g := graph.Subgraph{Nodes: c.nodes, Edges: c.edges}
	if g.Nodes == nil {
		g.Nodes = []graph.Node{}
	}
	if g.Edges == nil {
		g.Edges = []graph.Edge{}
	}
	return g
}

// path adds a Neo4j path and returns it as a graph.Path. The driver lists a
// path's distinct nodes only, so the sequence is walked along the
// relationships: each hop leads to the end of its relationship that is not
// the current node.
func (c *collector) path(p dbtype.Path) graph.Path {
	for _, n := range p.Nodes {
		c.node(n)
	}
	cur := p.Nodes[0].ElementId
	nodes := []string{c.ids[cur]}
	edges := make([]graph.Edge, len(p.Relationships))
	for i, r := range p.Relationships {
		edges[i] = c.edge(r)
		if r.StartElementId == cur {
			cur = r.EndElementId
		} else {
			cur = r.StartElementId
		}
		nodes = append(nodes, c.ids[cur])
	}
	return graph.NewPath(nodes, edges)
}

func get[T neo4j.RecordValue](rec *neo4j.Record, key string) T {
	v, _, _ := neo4j.GetRecordValue[T](rec, key)
	return v
}
