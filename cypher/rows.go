package cypher

import (
	"fmt"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// nodeFields are stored on every node beside its properties; the last three
// exist for lookups only and are never shown.
var nodeFields = map[string]bool{"id": true, "kind": true, "name": true, "aliases": true, "aliasText": true,
	"keys": true, "keyText": true, "marking": true, markingRank: true}

// markingRank is the property every read compares with the reader's
// clearance ($clearance): graph.Marking.Rank of the node's marking, or of
// the edge's effective marking (the strictest of its own and its sources').
const markingRank = "markingRank"

// edgeFields are stored on every edge beside its properties: its id and its
// evidence (graph.EvidenceFields).
var edgeFields = func() map[string]bool {
	m := map[string]bool{"id": true, "marking": true, markingRank: true}
	for _, f := range graph.EvidenceFields {
		m[f] = true
	}
	return m
}()

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
	setMarking(m, n.Marking)
	return m
}

// setMarking stores marking mk ("" is graph.DefaultMarking) and its rank.
func setMarking(m map[string]any, mk graph.Marking) {
	if mk == "" {
		mk = graph.DefaultMarking
	}
	m["marking"], m[markingRank] = string(mk), int64(mk.Rank())
}

// storedMarking reads a stored marking: from its rank, which the reads
// compare; a record stored before markings existed is the default.
func storedMarking(m map[string]any) graph.Marking {
	if r, ok := m[markingRank].(int64); ok {
		return graph.MarkingOfRank(int(r))
	}
	return graph.DefaultMarking
}

// edgeProps is what an edge is stored as; empty optional fields are left out.
func edgeProps(e graph.Edge) map[string]any {
	m := make(map[string]any, len(e.Properties)+11)
	for k, v := range e.Properties {
		m[k] = v
	}
	m["id"], m["sources"], m["evidence"] = e.ID, e.Sources, string(e.Level)
	m["confidence"], m["stance"] = int64(e.Confidence), string(e.Stance)
	if e.QuoteStart != nil && e.QuoteEnd != nil {
		m["quoteStart"], m["quoteEnd"] = int64(*e.QuoteStart), int64(*e.QuoteEnd)
	}
	for k, v := range map[string]string{"quote": e.Quote, "quoteSource": e.QuoteSource,
		"quoteSha256": e.QuoteSHA256, "summary": e.Summary,
		"validFrom": e.ValidFrom, "validTo": e.ValidTo, "reportedOn": e.ReportedOn, "reason": e.Reason} {
		if v != "" {
			m[k] = v
		}
	}
	if e.Inferred {
		m["inferred"] = true
	}
	setMarking(m, e.Marking)
	return m
}

// props reads a stored node's or relationship's properties. A property that
// is absent where it is required, or stored with the wrong type, is an error
// (the first one is kept), never a silent zero.
type props struct {
	what string // "node", "relationship", "candidate" for the message
	typ  string // a relationship's type, put before what
	elem string // the element id, when there is one ("4:...:12")
	m    map[string]any
	err  error
}

func (p *props) fail(key, problem string) {
	if p.err == nil {
		// The name is put together here, on failure only: mapping a row
		// that is fine allocates no message.
		what := p.what
		if p.typ != "" {
			what = p.typ + " " + what
		}
		if p.elem != "" {
			what += " " + p.elem
		}
		p.err = fmt.Errorf("%s: property %s %s", what, key, problem)
	}
}

// str reads a string property; required says whether it may be absent.
func (p *props) str(key string, required bool) string {
	v, ok := p.m[key]
	if !ok || v == nil {
		if required {
			p.fail(key, "is missing")
		}
		return ""
	}
	s, ok := v.(string)
	if !ok {
		p.fail(key, fmt.Sprintf("is %T, want a string", v))
	}
	return s
}

// strs reads a list of strings.
func (p *props) strs(key string, required bool) []string {
	v, ok := p.m[key]
	if !ok || v == nil {
		if required {
			p.fail(key, "is missing")
		}
		return []string{}
	}
	xs, ok := v.([]any)
	if !ok {
		p.fail(key, fmt.Sprintf("is %T, want a list of strings", v))
		return []string{}
	}
	out := make([]string, 0, len(xs))
	for i, x := range xs {
		s, ok := x.(string)
		if !ok {
			p.fail(key, fmt.Sprintf("item %d is %T, want a string", i, x))
			continue
		}
		out = append(out, s)
	}
	return out
}

func (p *props) int(key string, required bool) int64 {
	v, ok := p.m[key]
	if !ok || v == nil {
		if required {
			p.fail(key, "is missing")
		}
		return 0
	}
	n, ok := v.(int64)
	if !ok {
		p.fail(key, fmt.Sprintf("is %T, want an integer", v))
	}
	return n
}

// intPtr reads an optional integer property.
func (p *props) intPtr(key string) *int {
	if v, ok := p.m[key]; !ok || v == nil {
		return nil
	}
	n := int(p.int(key, false))
	return &n
}

func (p *props) bool(key string) bool {
	v, ok := p.m[key]
	if !ok || v == nil {
		return false
	}
	b, ok := v.(bool)
	if !ok {
		p.fail(key, fmt.Sprintf("is %T, want a boolean", v))
	}
	return b
}

// toNode maps a stored node to a graph.Node: id, kind and name are required,
// aliases optional. A Source's text is left out of answers (it can be long);
// the import reads it separately.
func toNode(n dbtype.Node) (graph.Node, error) {
	p := props{what: "node", elem: n.ElementId, m: n.Props}
	out := graph.Node{ID: p.str("id", true), Kind: graph.Kind(p.str("kind", true)), Name: p.str("name",
		true), Aliases: p.strs("aliases", false), Marking: storedMarking(n.Props)}
	if p.err != nil {
		return graph.Node{}, p.err
	}
	for k, v := range n.Props {
		if nodeFields[k] || k == "text" || k == importBatchProp {
			continue
		}
		if out.Properties == nil {
			out.Properties = map[string]any{}
		}
		out.Properties[k] = v
	}
	return out, nil
}

// toEdge maps a stored relationship to a graph.Edge; ids maps element ids to
// our node ids. id, sources, confidence and stance are required, and both
// ends must be known; the other evidence fields are optional, but of their
// type when present.
func toEdge(r dbtype.Relationship, ids map[string]string) (graph.Edge, error) {
	p := props{what: "relationship", typ: r.Type, elem: r.ElementId, m: r.Props}
	e := graph.Edge{ID: p.str("id", true), Type: r.Type, Source: ids[r.StartElementId],
		Target: ids[r.EndElementId], Evidence: p.evidence(), Marking: storedMarking(r.Props)}
	if e.Source == "" || e.Target == "" {
		p.fail("(ends)", "lead to a node the answer has not read")
	}
	if p.err != nil {
		return graph.Edge{}, p.err
	}
	for k, v := range r.Props {
		if edgeFields[k] || k == importBatchProp {
			continue
		}
		if e.Properties == nil {
			e.Properties = map[string]any{}
		}
		e.Properties[k] = v
	}
	return e, nil
}

// evidence reads a relationship's evidence. Sources are required; a list
// read is never nil (an empty list at worst), so no writer of an answer has
// to turn a nil list into [] again.
func (p *props) evidence() graph.Evidence {
	return graph.Evidence{Level: graph.EvidenceLevel(p.str("evidence", false)), Sources: p.strs("sources", true),
		Quote: p.str("quote", false), QuoteSource: p.str("quoteSource", false), QuoteStart: p.intPtr("quoteStart"),
		QuoteEnd: p.intPtr("quoteEnd"), QuoteSHA256: p.str("quoteSha256", false), Summary: p.str("summary", false),
		Confidence: int(p.int("confidence", true)), Stance: graph.Stance(p.str("stance", true)),
		ValidFrom: p.str("validFrom", false),
		ValidTo:   p.str("validTo", false), ReportedOn: p.str("reportedOn", false),
		Inferred: p.bool("inferred"), Reason: p.str("reason", false)}
}

// collector gathers nodes and edges without repeats, in first-seen order.
type collector struct {
	err   error             // the first row that could not be mapped
	ids   map[string]string // element id -> our id
	nodes []graph.Node
	seenE map[string]bool
	rels  map[string]int // element id -> index in edges: a relationship read again is not mapped again
	edges []graph.Edge
}

func newCollector() *collector {
	return &collector{ids: map[string]string{}, seenE: map[string]bool{}, rels: map[string]int{}}
}

func (c *collector) node(n dbtype.Node) string {
	if id, ok := c.ids[n.ElementId]; ok {
		return id
	}
	gn, err := toNode(n)
	if err != nil {
		c.fail(err)
		return ""
	}
	c.ids[n.ElementId] = gn.ID
	c.nodes = append(c.nodes, gn)
	return gn.ID
}

// edge adds r; both its nodes must have been added first.
func (c *collector) edge(r dbtype.Relationship) graph.Edge {
	if i, ok := c.rels[r.ElementId]; ok {
		return c.edges[i]
	}
	e, err := toEdge(r, c.ids)
	if err != nil {
		c.fail(err)
		return e
	}
	if !c.seenE[e.ID] {
		c.seenE[e.ID] = true
		c.rels[r.ElementId] = len(c.edges)
		c.edges = append(c.edges, e)
	}
	return e
}

func (c *collector) fail(err error) {
	if c.err == nil {
		c.err = err
	}
}

// check returns the first mapping error, naming the statement whose rows
// were being read.
func (c *collector) check(stmt string) error {
	if c.err == nil {
		return nil
	}
	return fmt.Errorf("statement %s: cannot map its rows: %w", stmt, c.err)
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
	if len(p.Nodes) == 0 {
		c.fail(fmt.Errorf("a path without nodes"))
		return graph.Path{}
	}
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

// cols reads the columns of one statement's records. A missing column, a
// null where a value is required, or a value of the wrong type is an error
// naming the statement (the first one is kept), never a silent zero.
type cols struct {
	stmt string
	err  error
}

func (c *cols) fail(err error) {
	if c.err == nil {
		c.err = err
	}
}

// check returns the first error of the statement's rows or of mapping them.
func (c *cols) check(more ...error) error {
	if c.err != nil {
		return fmt.Errorf("statement %s: cannot map its rows: %w", c.stmt, c.err)
	}
	for _, err := range more {
		if err != nil {
			return fmt.Errorf("statement %s: cannot map its rows: %w", c.stmt, err)
		}
	}
	return nil
}

// get reads a required column.
func get[T neo4j.RecordValue](c *cols, rec *neo4j.Record, key string) T {
	v, isNil, err := neo4j.GetRecordValue[T](rec, key)
	switch {
	case err != nil:
		c.fail(fmt.Errorf("column %s: %w", key, err))
	case isNil:
		c.fail(fmt.Errorf("column %s is null, want a %T", key, v))
	}
	return v
}

// strs reads a required column holding a list of strings.
func (c *cols) strs(rec *neo4j.Record, key string) []string {
	p := &props{what: "column", m: map[string]any{key: get[[]any](c, rec, key)}}
	out := p.strs(key, false)
	c.fail(p.err)
	return out
}

// node reads a required node column as a graph.Node.
func (c *cols) node(rec *neo4j.Record, key string) graph.Node {
	n, err := toNode(get[dbtype.Node](c, rec, key))
	if err != nil && c.err == nil {
		c.fail(err)
	}
	return n
}
