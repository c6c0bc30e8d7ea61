package format

import (
	"bufio"
	"bytes"
	"encoding/json"

	"github.com/actorgraph/actorgraph/graph"
)

// jsonOut writes a JSON document piece by piece and keeps the first error.
// Values go through one encoder and scratch buffer, reused, so an element
// costs few allocations.
type jsonOut struct {
	w       *bufio.Writer
	err     error
	scratch bytes.Buffer
	enc     *json.Encoder
}

func newJSONOut(w *bufio.Writer) *jsonOut {
	j := &jsonOut{w: w}
	j.enc = json.NewEncoder(&j.scratch) // escapes HTML as json.Marshal does
	return j
}

func (j *jsonOut) raw(s string) {
	if j.err == nil {
		_, j.err = j.w.WriteString(s)
	}
}

// encode returns v as json.Marshal encodes it, in the scratch buffer.
func (j *jsonOut) encode(v any) []byte {
	j.scratch.Reset()
	if err := j.enc.Encode(v); err != nil {
		if j.err == nil {
			j.err = err
		}
		return nil
	}
	b := j.scratch.Bytes()
	return b[:len(b)-1] // Encode ends each value with a newline
}

// value writes v as json.Marshal encodes it.
func (j *jsonOut) value(v any) {
	b := j.encode(v)
	if j.err == nil {
		_, j.err = j.w.Write(b)
	}
}

// key writes a member name and its colon, after a comma unless first.
func (j *jsonOut) key(name string, first bool) {
	if !first {
		j.raw(",")
	}
	j.value(name)
	j.raw(":")
}

// list writes n elements as a JSON array, one element a line; a nil slice is
// null when nullable, as json.Marshal writes it.
func (j *jsonOut) list(n int, isNil, nullable bool, each func(i int)) {
	switch {
	case isNil && nullable:
		j.raw("null")
		return
	case n == 0:
		j.raw("[]")
		return
	}
	j.raw("[\n")
	for i := range n {
		if i > 0 {
			j.raw(",\n")
		}
		each(i)
		if j.err != nil {
			return
		}
	}
	j.raw("\n]")
}

// item starts the next element of a list written element by element, whose
// count so far is *n.
func (j *jsonOut) item(n *int) {
	if *n == 0 {
		j.raw("[\n")
	} else {
		j.raw(",\n")
	}
	*n++
}

// closeList ends a list item began, of n elements; an empty one is [] or,
// when null, null.
func (j *jsonOut) closeList(n int, null bool) {
	switch {
	case n > 0:
		j.raw("\n]")
	case null:
		j.raw("null")
	default:
		j.raw("[]")
	}
}

// flatObject writes fixed, a struct of the fixed fields, with props
// flattened into it after them under their written keys.
func (j *jsonOut) flatObject(fixed any, props map[string]any) {
	b := j.encode(fixed)
	if j.err != nil {
		return
	}
	if len(props) == 0 {
		_, j.err = j.w.Write(b)
		return
	}
	_, j.err = j.w.Write(b[:len(b)-1]) // all but the closing brace
	for _, p := range flatProperties(props) {
		j.key(p.key, false)
		j.value(p.value)
	}
	j.raw("}")
}

// cytoscapeNode and d3Node are the fixed fields of a node in the Cytoscape
// and D3 shapes.
type (
	cytoscapeNode struct {
		ID        string     `json:"id"`
		Label     string     `json:"label"`
		Kind      graph.Kind `json:"kind"`
		Aliases   []string   `json:"aliases,omitempty"`
		Hidden    *int       `json:"hidden,omitempty"`
		PathRanks []int      `json:"pathRanks,omitempty"`
		graph.Annotations
	}
	d3Node struct {
		ID        string     `json:"id"`
		Name      string     `json:"name"`
		Kind      graph.Kind `json:"kind"`
		Aliases   []string   `json:"aliases,omitempty"`
		Hidden    *int       `json:"hidden,omitempty"`
		PathRanks []int      `json:"pathRanks,omitempty"`
		graph.Annotations
	}
)

// edgeFields are the fixed fields of an edge in the Cytoscape and D3 shapes:
// the edge's Evidence, with inferred always
// written (false too, so a style or filter can test it) and reason after it,
// as Evidence orders them, then the path ranks (label only in Cytoscape).
type edgeFields struct {
	ID     string `json:"id"`
	Source string `json:"source"`
	Target string `json:"target"`
	Type   string `json:"type"`
	Label  string `json:"label,omitempty"`
	graph.Evidence
	// Inferred and Reason shadow Evidence's own, whose inferred is left out
	// when false.
	Inferred  bool   `json:"inferred"`
	Reason    string `json:"reason,omitempty"`
	PathRanks []int  `json:"pathRanks,omitempty"`
}

func newEdgeFields(e *graph.Edge, ranks []int) *edgeFields {
	return &edgeFields{ID: e.ID, Source: e.Source, Target: e.Target, Type: e.Type, Evidence: e.Evidence,
		Inferred: e.Inferred, Reason: e.Reason, PathRanks: ranks}
}

// nativeWriter writes the native shape: the same JSON as json.Marshal(v),
// with a line break between elements.
type nativeWriter struct{ jsonGraph }

// jsonGraph is what the JSON shapes that open with {"nodes": share: the
// output, the document's keys and the elements written so far.
type jsonGraph struct {
	j              *jsonOut
	d              *document
	nNodes, nEdges int
}

func (w *jsonGraph) error() error { return w.j.err }
func (w *jsonGraph) begin()       { w.j.raw(`{"nodes":`) }

func (w *nativeWriter) node(n *graph.Node) { w.j.item(&w.nNodes); w.j.value(n) }
func (w *nativeWriter) edge(e *graph.Edge) { w.j.item(&w.nEdges); w.j.value(e) }

func (w *nativeWriter) edges() {
	w.j.closeList(w.nNodes, w.d.nilNodes)
	w.j.raw(`,"edges":`)
}

func (w *nativeWriter) end() {
	j := w.j
	j.closeList(w.nEdges, w.d.nilEdges)
	j.raw(`,"truncated":`)
	j.value(w.d.truncated)
	if a := w.d.answer; a != nil {
		j.raw(`,"paths":`)
		j.list(len(a.Paths), a.Paths == nil, true, func(i int) { j.value(&a.Paths[i]) })
		answerTail(j, a)
	}
	j.raw("}\n")
}

// graphMembers are the members of a path answer written element by element;
// answerTail writes the others.
var graphMembers = map[string]bool{"nodes": true, "edges": true, "truncated": true, "paths": true}

// answerTail writes the members of a path answer after its paths (sources,
// reason, notes, query and any added later) as json.Marshal writes them, in
// their order, each after a comma.
func answerTail(j *jsonOut, a *graph.PathAnswer) {
	if j.err != nil {
		return
	}
	rest := *a
	rest.Subgraph, rest.Paths = graph.Subgraph{}, nil
	b, err := json.Marshal(&rest)
	if err != nil {
		j.err = err
		return
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	if _, err := dec.Token(); err != nil { // the opening brace
		j.err = err
		return
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			j.err = err
			return
		}
		name, _ := tok.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			j.err = err
			return
		}
		if !graphMembers[name] {
			j.key(name, false)
			j.raw(string(raw))
		}
	}
}

// writeAnswerMembers writes truncated and, for a path answer, the paths (an
// empty list rather than null) and the members after them, as the Cytoscape
// and D3 shapes carry them after the graph.
func writeAnswerMembers(j *jsonOut, d *document) {
	j.key("truncated", false)
	j.value(d.truncated)
	if a := d.answer; a != nil {
		j.key("paths", false)
		j.list(len(a.Paths), false, false, func(i int) { j.value(&a.Paths[i]) })
		answerTail(j, a)
	}
}
