package format

import "github.com/actorgraph/actorgraph/graph"

// d3Writer writes the D3 force-layout shape:
//
//	{"nodes":[{"id","name","kind",...}],"links":[{"id","source","target","type",...}],"truncated":false,"paths":[...]}
//
// d3.forceLink(body.links).id(d => d.id) resolves the links unchanged. Nodes
// carry aliases, hidden, pathRanks and their properties; links carry the
// evidence, pathRanks and their properties. Properties never take the keys
// d3-force writes (index, x, y, vx, vy, fx, fy).
type d3Writer struct{ jsonGraph }

func (w *d3Writer) node(n *graph.Node) {
	w.j.item(&w.nNodes)
	w.j.flatObject(&d3Node{ID: n.ID, Name: n.Name, Kind: n.Kind, Aliases: n.Aliases, Hidden: n.Hidden,
		PathRanks: w.d.ranks[n.ID], Annotations: n.Annotations},
		n.Properties)
}

func (w *d3Writer) edges() {
	w.j.closeList(w.nNodes, false)
	w.j.raw(`,"links":`)
}

func (w *d3Writer) edge(e *graph.Edge) {
	w.j.item(&w.nEdges)
	w.j.flatObject(newEdgeFields(e, w.d.ranks[e.ID]), e.Properties)
}

func (w *d3Writer) end() {
	w.j.closeList(w.nEdges, false)
	writeAnswerMembers(w.j, w.d)
	w.j.raw("}\n")
}
