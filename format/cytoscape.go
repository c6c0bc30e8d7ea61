package format

import (
	"strings"
	"unicode"

	"github.com/actorgraph/actorgraph/graph"
)

// cytoscapeWriter writes the Cytoscape.js shape:
//
//	{"elements":{"nodes":[{"data":{...},"classes":"..."}],"edges":[...]},"truncated":false,"paths":[...]}
//
// body.elements loads unchanged with cytoscape({elements: body.elements}) or
// cy.add(body.elements). A node's data holds id, label (its name), kind,
// aliases, hidden, pathRanks and its properties; its classes are its kind and
// "path" when on a path. An edge's data holds id, source, target, type, label
// (its type), the evidence, pathRanks and its properties; its classes are its
// type, "stance-<stance>", "inferred" and "path" as they apply.
type cytoscapeWriter struct {
	j              *jsonOut
	d              *document
	nNodes, nEdges int
}

func (w *cytoscapeWriter) error() error { return w.j.err }
func (w *cytoscapeWriter) begin()       { w.j.raw(`{"elements":{"nodes":`) }

func (w *cytoscapeWriter) node(n *graph.Node) {
	j := w.j
	ranks := w.d.ranks[n.ID]
	j.item(&w.nNodes)
	j.raw(`{"data":`)
	j.flatObject(&cytoscapeNode{ID: n.ID, Label: n.Name, Kind: n.Kind, Aliases: n.Aliases, Hidden: n.Hidden,
		PathRanks: ranks, Annotations: n.Annotations},
		n.Properties)
	j.raw(`,"classes":`)
	j.value(classes(len(ranks) > 0, string(n.Kind)))
	j.raw("}")
}

func (w *cytoscapeWriter) edges() {
	w.j.closeList(w.nNodes, false)
	w.j.raw(`,"edges":`)
}

func (w *cytoscapeWriter) edge(e *graph.Edge) {
	j := w.j
	ranks := w.d.ranks[e.ID]
	f := newEdgeFields(e, ranks)
	f.Label = e.Type
	j.item(&w.nEdges)
	j.raw(`{"data":`)
	j.flatObject(f, e.Properties)
	stance, inferred := "", ""
	if e.Stance != "" {
		stance = "stance-" + string(e.Stance)
	}
	if e.Inferred {
		inferred = "inferred"
	}
	j.raw(`,"classes":`)
	j.value(classes(len(ranks) > 0, e.Type, stance, inferred))
	j.raw("}")
}

func (w *cytoscapeWriter) end() {
	w.j.closeList(w.nEdges, false)
	w.j.raw("}")
	writeAnswerMembers(w.j, w.d)
	w.j.raw("}\n")
}

// classes joins class names with spaces, dropping empty ones, turning any
// whitespace inside a name into '-' so each stays one class, and adding
// "path" when onPath.
func classes(onPath bool, names ...string) string {
	var b strings.Builder
	add := func(n string) {
		if strings.ContainsFunc(n, unicode.IsSpace) {
			n = strings.Join(strings.Fields(n), "-")
		}
		if n == "" {
			return
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(n)
	}
	for _, n := range names {
		add(n)
	}
	if onPath {
		add("path")
	}
	return b.String()
}
