package format

import (
	"slices"
	"strconv"

	"github.com/actorgraph/actorgraph/graph"
)

// xmlKey is an attribute of the XML formats: its declaration id, its name
// and its type.
type xmlKey struct{ id, name, typ string }

// GraphML keys of the fixed fields, in declaration order.
var (
	graphmlGraphKeys = []xmlKey{{"g.truncated", "truncated", "boolean"}, {"g.reason", "reason", "string"}}
	graphmlNodeKeys  = []xmlKey{
		{"n.kind", "kind", "string"}, {"n.name", "name", "string"}, {"n.aliases", "aliases", "string"},
		{"n.hidden", "hidden", "int"}, {"n.pathRanks", "pathRanks", "string"},
	}
	graphmlEdgeKeys = []xmlKey{
		{"e.type", "type", "string"}, {"e.confidence", "confidence", "int"}, {"e.stance", "stance", "string"},
		{"e.evidence", "evidence", "string"}, {"e.quote", "quote", "string"}, {"e.summary", "summary", "string"},
		{"e.sources", "sources", "string"}, {"e.quoteSource", "quoteSource", "string"},
		{"e.quoteStart", "quoteStart", "int"}, {"e.quoteEnd", "quoteEnd", "int"}, {"e.quoteSha256", "quoteSha256", "string"},
		{"e.validFrom", "validFrom", "string"}, {"e.validTo", "validTo", "string"},
		{"e.reportedOn", "reportedOn", "string"}, {"e.inferred", "inferred", "boolean"},
		{"e.reason", "reason", "string"}, {"e.pathRanks", "pathRanks", "string"},
	}
)

// edgeKeyIDs maps an edge attribute name to its GraphML key id.
var edgeKeyIDs = func() map[string]string {
	m := map[string]string{}
	for _, k := range graphmlEdgeKeys {
		m[k.name] = k.id
	}
	return m
}()

// graphmlWriter writes a GraphML document (edgedefault="directed") that
// networkx.read_graphml, Gephi and yEd read. Every attribute has a <key>:
// graph truncated and reason; node kind, name, aliases (joined by " | "),
// hidden (int) and pathRanks; edge type, confidence (int), stance, evidence
// (quote, reported-quote or summary), quote, summary, sources (joined by
// " | "), quoteSource, quoteStart and quoteEnd (int, code points), quoteSha256,
// validFrom, validTo, reportedOn,
// inferred (boolean), reason and pathRanks; then one string key per
// property key found (ids n.p0, n.p1, ... and e.p0, ...). Edges keep their ids.
type graphmlWriter struct {
	x                    *xmlOut
	d                    *document
	nodeProps, edgeProps xmlKeys
}

func (w *graphmlWriter) error() error { return w.x.err }

func (w *graphmlWriter) begin() {
	x, d := w.x, w.d
	w.nodeProps, w.edgeProps = keyIDs("n.p", d.nodeKeys), keyIDs("e.p", d.edgeKeys)
	x.raw(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"` +
		` xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">` + "\n")
	graphmlKeys(x, "graph", graphmlGraphKeys, xmlKeys{})
	nodeKeys := graphmlNodeKeys
	for _, name := range d.annotations {
		nodeKeys = append(slices.Clip(nodeKeys), xmlKey{"n." + name, name, annotationType(name, "int")})
	}
	graphmlKeys(x, "node", nodeKeys, w.nodeProps)
	graphmlKeys(x, "edge", graphmlEdgeKeys, w.edgeProps)
	x.raw(`  <graph id="actorgraph" edgedefault="directed">` + "\n")
	graphmlData(x, "    ", "g.truncated", strconv.FormatBool(d.truncated))
	if d.answer != nil && d.answer.Reason != "" {
		graphmlData(x, "    ", "g.reason", d.answer.Reason)
	}
}

func (w *graphmlWriter) node(n *graph.Node) {
	graphmlNode(w.x, n, w.d.ranks[n.ID], annotationValues(n, w.d.annotations, "n."), w.nodeProps)
}
func (w *graphmlWriter) edges()             {}
func (w *graphmlWriter) edge(e *graph.Edge) { graphmlEdge(w.x, e, w.d.ranks[e.ID], w.edgeProps) }
func (w *graphmlWriter) end()               { w.x.raw("  </graph>\n</graphml>\n") }

func graphmlKeys(x *xmlOut, domain string, fixed []xmlKey, props xmlKeys) {
	key := func(k xmlKey) {
		x.raw("  <key")
		x.attr("id", k.id)
		x.attr("for", domain)
		x.attr("attr.name", k.name)
		x.attr("attr.type", k.typ)
		x.raw("/>\n")
	}
	for _, k := range fixed {
		key(k)
	}
	for _, name := range props.names {
		key(xmlKey{props.ids[name], name, "string"})
	}
}

func graphmlData(x *xmlOut, indent, key, value string) {
	x.raw(indent)
	x.raw(`<data key="`)
	x.raw(key)
	x.raw(`">`)
	x.text(value)
	x.raw("</data>\n")
}

func graphmlNode(x *xmlOut, n *graph.Node, ranks []int, annotations []xmlValue, props xmlKeys) {
	const in = "      "
	x.raw("    <node")
	x.attr("id", n.ID)
	x.raw(">\n")
	graphmlData(x, in, "n.kind", string(n.Kind))
	graphmlData(x, in, "n.name", n.Name)
	if len(n.Aliases) > 0 {
		graphmlData(x, in, "n.aliases", joinStrings(n.Aliases))
	}
	if n.Hidden != nil {
		graphmlData(x, in, "n.hidden", strconv.Itoa(*n.Hidden))
	}
	if len(ranks) > 0 {
		graphmlData(x, in, "n.pathRanks", joinInts(ranks))
	}
	for _, a := range annotations {
		graphmlData(x, in, a.name, a.value)
	}
	graphmlProperties(x, in, n.Properties, props)
	x.raw("    </node>\n")
}

func graphmlEdge(x *xmlOut, e *graph.Edge, ranks []int, props xmlKeys) {
	const in = "      "
	x.raw("    <edge")
	x.attr("id", e.ID)
	x.attr("source", e.Source)
	x.attr("target", e.Target)
	x.raw(">\n")
	graphmlData(x, in, "e.type", e.Type)
	for _, f := range evidenceAttrs(&e.Evidence) {
		graphmlData(x, in, edgeKeyIDs[f.name], f.value)
	}
	if len(ranks) > 0 {
		graphmlData(x, in, "e.pathRanks", joinInts(ranks))
	}
	graphmlProperties(x, in, e.Properties, props)
	x.raw("    </edge>\n")
}

func graphmlProperties(x *xmlOut, indent string, m map[string]any, props xmlKeys) {
	for _, p := range flatProperties(m) {
		id, declared := props.ids[p.key]
		if s, ok := propertyText(p.value); ok && declared {
			graphmlData(x, indent, id, s)
		}
	}
}

// xmlValue is one attribute value of an element in the XML formats.
type xmlValue struct{ name, value string }

// evidenceAttrs lists an edge's evidence as XML attribute values: confidence,
// stance, evidence, sources and inferred always, the rest (quote or summary,
// the quote's offsets and text hash) when set.
func evidenceAttrs(ev *graph.Evidence) []xmlValue {
	out := []xmlValue{
		{"confidence", strconv.Itoa(ev.Confidence)},
		{"stance", string(ev.Stance)},
		{"evidence", string(ev.Level)},
	}
	add := func(name, v string) {
		if v != "" {
			out = append(out, xmlValue{name, v})
		}
	}
	add("quote", ev.Quote)
	add("summary", ev.Summary)
	out = append(out, xmlValue{"sources", joinStrings(ev.Sources)})
	add("quoteSource", ev.QuoteSource)
	if ev.QuoteStart != nil && ev.QuoteEnd != nil {
		add("quoteStart", strconv.Itoa(*ev.QuoteStart))
		add("quoteEnd", strconv.Itoa(*ev.QuoteEnd))
	}
	add("quoteSha256", ev.QuoteSHA256)
	add("validFrom", ev.ValidFrom)
	add("validTo", ev.ValidTo)
	add("reportedOn", ev.ReportedOn)
	out = append(out, xmlValue{"inferred", strconv.FormatBool(ev.Inferred)})
	add("reason", ev.Reason)
	return out
}
