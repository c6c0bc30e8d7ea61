package format

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"sync"

	"github.com/actorgraph/actorgraph/graph"
)

// Writer is a Sink that writes a graph document in one format as its
// elements arrive, holding nothing but a 64 KiB buffer: the streamed export
// of GET /api/v1/graph. Write renders a whole Subgraph or PathAnswer through
// the same element code, so both give the same document for the same graph.
type Writer struct {
	bw    *bufio.Writer
	f     Format
	fw    formatWriter
	d     *document
	phase int // writerNew, writerNodes, writerEdges, writerEnded
	err   error
}

const (
	writerNew = iota
	writerNodes
	writerEdges
	writerEnded
)

// formatWriter is one format's element code. Every method writes to the
// format's output, which keeps the first error.
type formatWriter interface {
	begin()
	node(n *graph.Node)
	edges() // after the last node, before the first edge
	edge(e *graph.Edge)
	end()
	error() error
}

// NewWriter returns a Writer of a plain subgraph (no paths) in format f to w.
// An unknown format, or FormatSTIX, fails before anything is written.
func NewWriter(w io.Writer, f Format) (*Writer, error) {
	return newWriter(w, f, &document{})
}

// bufPool holds the 64 KiB output buffers of finished Writes, so an answer
// does not allocate (and the collector sweep) a fresh one each time.
var bufPool = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 64<<10) }}

func newWriter(w io.Writer, f Format, d *document) (*Writer, error) {
	return newWriterBuf(w, f, d, bufio.NewWriterSize(w, 64<<10))
}

func newWriterBuf(w io.Writer, f Format, d *document, bw *bufio.Writer) (*Writer, error) {
	var fw formatWriter
	switch f {
	case JSON, "":
		fw = &nativeWriter{jsonGraph{j: newJSONOut(bw), d: d}}
	case Cytoscape:
		fw = &cytoscapeWriter{j: newJSONOut(bw), d: d}
	case D3:
		fw = &d3Writer{jsonGraph{j: newJSONOut(bw), d: d}}
	case GraphML:
		fw = &graphmlWriter{x: &xmlOut{w: bw}, d: d}
	case GEXF:
		fw = &gexfWriter{x: &xmlOut{w: bw}, d: d, root: gexf12}
	case GEXF13:
		fw = &gexfWriter{x: &xmlOut{w: bw}, d: d, root: gexf13}
	case STIX:
		return nil, errors.New("format.Write: STIX bundles are written whole (format.Write), not streamed")
	default:
		_, err := Parse(string(f))
		return nil, err
	}
	return &Writer{bw: bw, f: f, fw: fw, d: d}, nil
}

// xmlFormat reports whether f declares its property keys up front.
func xmlFormat(f Format) bool {
	return f == GraphML || f == GEXF || f == GEXF13
}

// DeclaresKeys reports whether the format declares property keys before the
// first element (GraphML, GEXF): only then does Begin need Head's keys.
func (w *Writer) DeclaresKeys() bool { return xmlFormat(w.f) }

func (w *Writer) step(from, to int, what string) error {
	if w.err != nil {
		return w.err
	}
	if w.phase > to || w.phase < from {
		w.err = fmt.Errorf("format.Writer: %s out of order", what)
		return w.err
	}
	return nil
}

func (w *Writer) check() error {
	if w.err == nil {
		w.err = w.fw.error()
	}
	return w.err
}

// Begin writes the document's start. h.NodeKeys and h.EdgeKeys must hold
// every property key the nodes and edges will carry: the XML formats declare
// them here and leave out a property whose key was not declared.
func (w *Writer) Begin(h graph.Head) error {
	if err := w.step(writerNew, writerNew, "Begin"); err != nil {
		return err
	}
	w.d.truncated = h.Truncated
	w.d.nodeKeys, w.d.edgeKeys = storedKeyNames(h.NodeKeys), storedKeyNames(h.EdgeKeys)
	return w.begin()
}

func (w *Writer) begin() error {
	w.phase = writerNodes
	w.fw.begin()
	return w.check()
}

// Node writes one node; every node comes before the first edge.
func (w *Writer) Node(n *graph.Node) error {
	if err := w.step(writerNodes, writerNodes, "Node"); err != nil {
		return err
	}
	w.fw.node(n)
	return w.check()
}

// Edge writes one edge.
func (w *Writer) Edge(e *graph.Edge) error {
	if err := w.step(writerNodes, writerEdges, "Edge"); err != nil {
		return err
	}
	if w.phase == writerNodes {
		w.phase = writerEdges
		w.fw.edges()
	}
	w.fw.edge(e)
	return w.check()
}

// End writes the document's end and flushes it.
func (w *Writer) End() error {
	if err := w.step(writerNodes, writerEdges, "End"); err != nil {
		return err
	}
	if w.phase == writerNodes {
		w.fw.edges()
	}
	w.phase = writerEnded
	w.fw.end()
	if err := w.check(); err != nil {
		return err
	}
	w.err = w.bw.Flush()
	return w.err
}

// storedKeyNames is the written keys that properties with stored keys keys
// may take, sorted: a key as it is unless reserved, else every key of its
// "prop_" chain (see propertyKey) up to the first that is neither reserved
// nor a stored key, since which one an element takes depends on its other
// keys. Without reserved keys among them, exactly keys.
func storedKeyNames(keys []string) []string {
	stored := make(map[string]bool, len(keys))
	for _, k := range keys {
		stored[k] = true
	}
	seen := map[string]bool{}
	for _, k := range keys {
		if !reservedKeys[k] {
			seen[k] = true
			continue
		}
		for {
			k = "prop_" + k
			seen[k] = true
			if !stored[k] && !reservedKeys[k] {
				break
			}
		}
	}
	names := make([]string, 0, len(seen))
	for k := range seen {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// collectKeyNames is the written keys of the writable properties of n
// elements, sorted.
func collectKeyNames(n int, props func(i int) map[string]any) []string {
	seen := map[string]bool{}
	for i := range n {
		for _, p := range flatProperties(props(i)) {
			if _, ok := propertyText(p.value); ok {
				seen[p.key] = true
			}
		}
	}
	names := make([]string, 0, len(seen))
	for name := range seen {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// xmlKeys is the declared property keys of nodes or edges in an XML format:
// the written keys in order, with their declaration ids.
type xmlKeys struct {
	names []string
	ids   map[string]string
}

// keyIDs numbers names with prefix (p0, p1, ... or n.p0, ...).
func keyIDs(prefix string, names []string) xmlKeys {
	k := xmlKeys{names: names, ids: make(map[string]string, len(names))}
	for i, name := range names {
		k.ids[name] = prefix + strconv.Itoa(i)
	}
	return k
}
