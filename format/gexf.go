package format

import (
	"slices"
	"strconv"

	"github.com/actorgraph/actorgraph/graph"
)

// GEXF attributes of the fixed fields, in declaration order. A node's name
// is its label and an edge's type its label, so neither is an attribute.
var (
	gexfNodeAttrs = []xmlKey{
		{"kind", "kind", "string"}, {"aliases", "aliases", "string"},
		{"hidden", "hidden", "integer"}, {"pathRanks", "pathRanks", "string"},
	}
	gexfEdgeAttrs = []xmlKey{
		{"confidence", "confidence", "integer"}, {"stance", "stance", "string"},
		{"evidence", "evidence", "string"}, {"quote", "quote", "string"}, {"summary", "summary", "string"},
		{"sources", "sources", "string"}, {"quoteSource", "quoteSource", "string"},
		{"quoteStart", "quoteStart", "integer"}, {"quoteEnd", "quoteEnd", "integer"},
		{"quoteSha256", "quoteSha256", "string"}, {"validFrom", "validFrom", "string"},
		{"validTo", "validTo", "string"}, {"reportedOn", "reportedOn", "string"},
		{"inferred", "inferred", "boolean"}, {"reason", "reason", "string"},
		{"pathRanks", "pathRanks", "string"},
	}
)

// The GEXF versions written: the root element's namespace, schema and
// version attribute are all that differ for what we write.
const (
	gexf12 = `<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"` +
		` xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">`
	gexf13 = `<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"` +
		` xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">`
)

// gexfWriter writes a GEXF document (static, directed) with the root element
// root: 1.2draft, which Gephi and networkx.read_gexf(path) read by default,
// or 1.3 (networkx.read_gexf(path, version="1.3")). Nodes have their name as
// label; edges their id, source, target and type as label. Declared
// attributes: node kind, aliases (joined by " | "), hidden (integer) and
// pathRanks; edge confidence (integer), stance, evidence (quote,
// reported-quote or summary), quote, summary, sources (joined by " | "),
// quoteSource, quoteStart and quoteEnd (integer, code points), quoteSha256,
// validFrom, validTo, reportedOn, inferred (boolean),
// reason and pathRanks; then one string attribute per property key found
// (ids p0, p1, ... per class). The meta description says when the answer was
// truncated and why a path answer has no paths.
type gexfWriter struct {
	x                    *xmlOut
	d                    *document
	root                 string
	nodeProps, edgeProps xmlKeys
}

func (w *gexfWriter) error() error { return w.x.err }

func (w *gexfWriter) begin() {
	x := w.x
	w.nodeProps, w.edgeProps = keyIDs("p", w.d.nodeKeys), keyIDs("p", w.d.edgeKeys)
	x.raw(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + w.root + "\n" +
		"  <meta>\n    <creator>actorgraph</creator>\n")
	if desc := gexfDescription(w.d); desc != "" {
		x.raw("    <description>")
		x.text(desc)
		x.raw("</description>\n")
	}
	x.raw("  </meta>\n" + `  <graph mode="static" defaultedgetype="directed">` + "\n")
	nodeAttrs := gexfNodeAttrs
	for _, name := range w.d.annotations {
		nodeAttrs = append(slices.Clip(nodeAttrs), xmlKey{name, name, annotationType(name, "integer")})
	}
	gexfAttributes(x, "node", nodeAttrs, w.nodeProps)
	gexfAttributes(x, "edge", gexfEdgeAttrs, w.edgeProps)
	x.raw("    <nodes>\n")
}

func (w *gexfWriter) node(n *graph.Node) {
	gexfNode(w.x, n, w.d.ranks[n.ID], annotationValues(n, w.d.annotations, ""), w.nodeProps)
}
func (w *gexfWriter) edges()             { w.x.raw("    </nodes>\n    <edges>\n") }
func (w *gexfWriter) edge(e *graph.Edge) { gexfEdge(w.x, e, w.d.ranks[e.ID], w.edgeProps) }
func (w *gexfWriter) end()               { w.x.raw("    </edges>\n  </graph>\n</gexf>\n") }

func gexfDescription(d *document) string {
	var desc string
	if d.truncated {
		desc = "truncated: the answer was cut at its size limit."
	}
	if d.answer != nil && d.answer.Reason != "" {
		if desc != "" {
			desc += " "
		}
		desc += "reason: " + d.answer.Reason
	}
	return desc
}

func gexfAttributes(x *xmlOut, class string, fixed []xmlKey, props xmlKeys) {
	x.raw(`    <attributes class="` + class + `">` + "\n")
	attr := func(k xmlKey) {
		x.raw("      <attribute")
		x.attr("id", k.id)
		x.attr("title", k.name)
		x.attr("type", k.typ)
		x.raw("/>\n")
	}
	for _, k := range fixed {
		attr(k)
	}
	for _, name := range props.names {
		attr(xmlKey{props.ids[name], name, "string"})
	}
	x.raw("    </attributes>\n")
}

// gexfValues writes an element's attvalues.
func gexfValues(x *xmlOut, values []xmlValue) {
	x.raw("        <attvalues>\n")
	for _, v := range values {
		x.raw("          <attvalue")
		x.attr("for", v.name)
		x.attr("value", v.value)
		x.raw("/>\n")
	}
	x.raw("        </attvalues>\n")
}

func gexfNode(x *xmlOut, n *graph.Node, ranks []int, annotations []xmlValue, props xmlKeys) {
	x.raw("      <node")
	x.attr("id", n.ID)
	x.attr("label", n.Name)
	x.raw(">\n")
	values := []xmlValue{{"kind", string(n.Kind)}}
	if len(n.Aliases) > 0 {
		values = append(values, xmlValue{"aliases", joinStrings(n.Aliases)})
	}
	if n.Hidden != nil {
		values = append(values, xmlValue{"hidden", strconv.Itoa(*n.Hidden)})
	}
	if len(ranks) > 0 {
		values = append(values, xmlValue{"pathRanks", joinInts(ranks)})
	}
	values = append(values, annotations...)
	gexfValues(x, appendProperties(values, n.Properties, props))
	x.raw("      </node>\n")
}

func gexfEdge(x *xmlOut, e *graph.Edge, ranks []int, props xmlKeys) {
	x.raw("      <edge")
	x.attr("id", e.ID)
	x.attr("source", e.Source)
	x.attr("target", e.Target)
	x.attr("label", e.Type)
	x.raw(">\n")
	values := evidenceAttrs(&e.Evidence)
	if len(ranks) > 0 {
		values = append(values, xmlValue{"pathRanks", joinInts(ranks)})
	}
	gexfValues(x, appendProperties(values, e.Properties, props))
	x.raw("      </edge>\n")
}

// appendProperties appends m's writable properties as values for their
// declared ids.
func appendProperties(values []xmlValue, m map[string]any, props xmlKeys) []xmlValue {
	for _, p := range flatProperties(m) {
		id, declared := props.ids[p.key]
		if s, ok := propertyText(p.value); ok && declared {
			values = append(values, xmlValue{id, s})
		}
	}
	return values
}
