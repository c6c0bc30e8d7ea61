// Package format writes a graph answer (a graph.Subgraph or graph.PathAnswer)
// in each output format of the graph-returning routes: the native JSON,
// Cytoscape, D3, GraphML and GEXF, whole (Write) or element by element as a
// store streams it (Writer). STIX 2.1 bundles are one more format here, written
// by the writer package stix registers (RegisterSTIX).
package format

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// Format is an output format of a graph-returning route (the format= query
// parameter).
type Format string

// The output formats. FormatJSON is the native shape and the default.
const (
	JSON      Format = "json"
	Cytoscape Format = "cytoscape"
	D3        Format = "d3"
	GraphML   Format = "graphml"
	GEXF      Format = "gexf"
	// FormatGEXF13 is GEXF 1.3, given on request (format=gexf&gexfVersion=1.3);
	// FormatGEXF is GEXF 1.2draft, the version networkx's read_gexf and Gephi
	// read by default.
	GEXF13 Format = "gexf-1.3"
	// STIX is a STIX 2.1 bundle, written whole (not streamed) with the
	// Sources' texts as well as the graph, by the writer package stix
	// registers.
	STIX Format = "stix"
)

// GEXFVersions are the GEXF versions an export can be written in, the
// default first.
var GEXFVersions = []string{"1.2draft", "1.3"}

// WithGEXFVersion returns the format that writes f (which must be
// FormatGEXF) in GEXF version v: "" or "1.2draft" (the default) or "1.3".
func WithGEXFVersion(f Format, v string) (Format, error) {
	if v == "" {
		return f, nil
	}
	if f != GEXF {
		return "", graph.Invalid("gexfVersion", v, "applies to format=gexf only; drop it or add format=gexf")
	}
	switch v {
	case "1.2draft", "1.2":
		return GEXF, nil
	case "1.3":
		return GEXF13, nil
	}
	return "", graph.Invalid("gexfVersion", v, "want 1.2draft (the default, read by networkx and Gephi) or 1.3")
}

// All lists the formats Write writes itself, in a fixed order; Parse also
// accepts STIX, which the writer package stix registers writes.
var All = []Format{JSON, Cytoscape, D3, GraphML, GEXF}

// ParseFormat returns the format named s; the empty string is FormatJSON.
func Parse(s string) (Format, error) {
	if s == "" {
		return JSON, nil
	}
	for _, f := range append(All, STIX) {
		if string(f) == s {
			return f, nil
		}
	}
	return "", graph.Invalid("format", s, "want one of json, cytoscape, d3, graphml, gexf, stix")
}

// ContentType is the media type to answer f with. GraphML and GEXF have no
// registered media type; these are the ones their tools and servers use.
// Gephi and networkx pick a reader by file extension (see Filename), not
// by media type.
func (f Format) ContentType() string {
	switch f {
	case GraphML:
		return "application/graphml+xml; charset=utf-8"
	case GEXF, GEXF13:
		return "application/gexf+xml; charset=utf-8"
	case STIX:
		return "application/stix+json;version=2.1"
	}
	return "application/json; charset=utf-8"
}

// Filename names a download of format f: base (reduced to letters, digits,
// '.', '_' and '-'; "actorgraph" when empty) plus the format's extension,
// e.g. "actorgraph-paths.graphml" or "actorgraph-paths.cytoscape.json".
func (f Format) Filename(base string) string {
	base = strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '_', r == '-':
			return r
		}
		return '-'
	}, base)
	base = strings.Trim(base, ".")
	if base == "" {
		base = "actorgraph"
	}
	switch f {
	case Cytoscape:
		return base + ".cytoscape.json"
	case D3:
		return base + ".d3.json"
	case GraphML:
		return base + ".graphml"
	case GEXF, GEXF13:
		return base + ".gexf"
	case STIX:
		return base + ".stix.json"
	}
	return base + ".json"
}

// Write writes v, a *Subgraph or a *PathAnswer, to w in format f. It streams
// element by element, so its memory does not grow with the size of the
// document beyond the elements v already holds.
//
// FormatJSON is v's own JSON (as json.Marshal gives it, one element a line).
// FormatCytoscape and FormatD3 add each node's and edge's properties to its
// data object beside the fixed fields and carry the rest of a path answer
// (paths, sources, reason, notes, query) as the native shape does.
// FormatGraphML and FormatGEXF write the properties as string attributes,
// declared once per key: scalars as in JSON, lists of scalars joined with
// " | "; nested maps and lists are left out. Of the rest of a path answer
// they keep only truncated and reason.
//
// In every flattened format a property whose key is taken by a fixed field
// or by the target library (reservedKeys) is written as "prop_"+key, or
// "prop_prop_"+key if that is taken too, and so on; other keys are kept.
// Nodes and edges on a path carry the ranks of their paths (pathRanks, and
// the class "path" in Cytoscape).
//
// STIX is v's graph as the registered STIX writer writes it (package stix's
// Write): a path answer's paths are left out.
//
// An unknown format or value fails before anything is written; an error of w
// may leave part of the document written.
func Write(w io.Writer, f Format, v any) error {
	d, err := documentOf(v)
	if err != nil {
		return err
	}
	if f == STIX {
		return writeSTIX(w, d)
	}
	bw := bufPool.Get().(*bufio.Writer)
	bw.Reset(w)
	defer func() {
		bw.Reset(nil) // hold no reference to w
		bufPool.Put(bw)
	}()
	wr, err := newWriterBuf(w, f, d, bw)
	if err != nil {
		return err
	}
	g := d.graph
	d.truncated, d.nilNodes, d.nilEdges = g.Truncated, g.Nodes == nil, g.Edges == nil
	if xmlFormat(f) {
		d.annotations = annotationKeys(g.Nodes)
		d.nodeKeys = collectKeyNames(len(g.Nodes), func(i int) map[string]any { return g.Nodes[i].Properties })
		d.edgeKeys = collectKeyNames(len(g.Edges), func(i int) map[string]any { return g.Edges[i].Properties })
	}
	if err := wr.begin(); err != nil {
		return err
	}
	for i := range g.Nodes {
		if err := wr.Node(&g.Nodes[i]); err != nil {
			return err
		}
	}
	for i := range g.Edges {
		if err := wr.Edge(&g.Edges[i]); err != nil {
			return err
		}
	}
	return wr.End()
}

// document is what every format writer reads: the graph's head (truncated,
// the property keys to declare), and for a path answer the rest of the
// answer and which path ranks each element is on.
type document struct {
	graph              *graph.Subgraph   // nil when streamed
	answer             *graph.PathAnswer // nil for a plain subgraph
	ranks              map[string][]int
	truncated          bool
	nilNodes, nilEdges bool     // the native shape writes a nil list as null
	nodeKeys, edgeKeys []string // written property keys, sorted (XML formats)
	// annotations are the node annotations some node carries, declared as
	// typed attributes by the XML formats (a streamed Writer declares none).
	annotations []string
}

// annotationKeys lists the annotations any of nodes carries, in
// graph.AnnotationNames' order.
func annotationKeys(nodes []graph.Node) []string {
	seen := map[string]bool{}
	for i := range nodes {
		for _, a := range nodes[i].Annotations.List() {
			seen[a.Name] = true
		}
	}
	var out []string
	for _, name := range graph.AnnotationNames {
		if seen[name] {
			out = append(out, name)
		}
	}
	return out
}

// annotationType is an annotation's XML attribute type: scores are
// doubles, a community an int (integer in GEXF).
func annotationType(name, intName string) string {
	if name == "community" {
		return intName
	}
	return "double"
}

// annotationValues are n's declared annotations as attribute values, under
// the id prefix+name.
func annotationValues(n *graph.Node, declared []string, prefix string) []xmlValue {
	var out []xmlValue
	for _, a := range n.Annotations.List() {
		if !slices.Contains(declared, a.Name) {
			continue
		}
		v := ""
		if a.Float != nil {
			v = strconv.FormatFloat(*a.Float, 'g', -1, 64)
		} else {
			v = strconv.Itoa(*a.Int)
		}
		out = append(out, xmlValue{prefix + a.Name, v})
	}
	return out
}

func documentOf(v any) (*document, error) {
	d := &document{}
	switch v := v.(type) {
	case *graph.Subgraph:
		d.graph = v
	case *graph.PathAnswer:
		if v != nil {
			d.graph, d.answer = &v.Subgraph, v
		}
	case graph.Subgraph:
		d.graph = &v
	case graph.PathAnswer:
		d.graph, d.answer = &v.Subgraph, &v
	default:
		return nil, fmt.Errorf("format.Write: cannot write %T, want *graph.Subgraph or *graph.PathAnswer", v)
	}
	if d.graph == nil {
		return nil, fmt.Errorf("format.Write: nil %T", v)
	}
	if d.answer != nil {
		d.ranks = pathRanks(d.answer.Paths)
	}
	return d, nil
}

// pathRanks maps each node and edge id on a path to the ranks of the paths it
// is on, in path order. A path without a rank counts by its position.
func pathRanks(paths []graph.Path) map[string][]int {
	m := map[string][]int{}
	add := func(id string, rank int) {
		if r := m[id]; len(r) == 0 || r[len(r)-1] != rank {
			m[id] = append(r, rank)
		}
	}
	for i, p := range paths {
		rank := p.Score.Rank
		if rank == 0 {
			rank = i + 1
		}
		for _, id := range p.Nodes {
			add(id, rank)
		}
		for _, id := range p.Edges {
			add(id, rank)
		}
	}
	return m
}

// reservedKeys are the data keys a flattened property may not take: the fixed
// fields of every format (the evidence's among them, graph.EvidenceFields),
// Cytoscape's compound "parent" and the fields d3-force writes into nodes and
// links.
var reservedKeys = func() map[string]bool {
	m := map[string]bool{
		"id": true, "name": true, "label": true, "kind": true, "aliases": true, "hidden": true,
		"pathRanks": true, "parent": true, "source": true, "target": true, "type": true,
		"properties": true, "classes": true, "data": true,
		"index": true, "x": true, "y": true, "vx": true, "vy": true, "fx": true, "fy": true,
	}
	for _, f := range graph.EvidenceFields {
		m[f] = true
	}
	return m
}()

// property is one flattened property: the key it is written under and its value.
type property struct {
	key   string
	value any
}

// flatProperties lists props in key order, each under its own key unless
// that is reserved, then under the first of "prop_"+key, "prop_prop_"+key,
// ... that is neither reserved nor another property's key.
func flatProperties(props map[string]any) []property {
	if len(props) == 0 {
		return nil
	}
	keys := make([]string, 0, len(props))
	for k := range props {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]property, 0, len(keys))
	for _, k := range keys {
		out = append(out, property{key: propertyKey(k, props), value: props[k]})
	}
	return out
}

func propertyKey(k string, props map[string]any) string {
	if !reservedKeys[k] {
		return k
	}
	for {
		k = "prop_" + k
		if _, taken := props[k]; !taken && !reservedKeys[k] {
			return k
		}
	}
}

// propertyText is a property value as one attribute string: scalars as in
// JSON (strings unquoted), lists of scalars joined with " | ". It reports
// false for nil, maps, structs and nested lists, which XML formats leave out.
func propertyText(v any) (string, bool) {
	if v == nil {
		return "", false
	}
	rv := reflect.ValueOf(v)
	if (rv.Kind() == reflect.Slice || rv.Kind() == reflect.Array) && rv.Type().Elem().Kind() != reflect.Uint8 {
		parts := make([]string, 0, rv.Len())
		for i := range rv.Len() {
			s, ok := scalarText(rv.Index(i).Interface())
			if !ok {
				return "", false
			}
			parts = append(parts, s)
		}
		return strings.Join(parts, listSeparator), true
	}
	return scalarText(v)
}

func scalarText(v any) (string, bool) {
	if s, ok := v.(string); ok {
		return s, true
	}
	// JSON decides what is a scalar, so a value reads the same here as in the
	// JSON formats (a time.Time as RFC 3339, a Kind as its name).
	b, err := json.Marshal(v)
	if err != nil || len(b) == 0 {
		return "", false
	}
	switch b[0] {
	case '{', '[', 'n':
		return "", false
	case '"':
		var s string
		if json.Unmarshal(b, &s) != nil {
			return "", false
		}
		return s, true
	}
	return string(b), true
}

// listSeparator joins list values (aliases, sources, pathRanks, list
// properties) in the XML formats.
const listSeparator = " | "

func joinStrings(xs []string) string { return strings.Join(xs, listSeparator) }

func joinInts(xs []int) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = strconv.Itoa(x)
	}
	return strings.Join(s, listSeparator)
}
