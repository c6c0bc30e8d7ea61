package graph

import "bufio"

// writeD3 writes the D3 force-layout shape:
//
//	{"nodes":[{"id","name","kind",...}],"links":[{"id","source","target","type",...}],"truncated":false,"paths":[...]}
//
// d3.forceLink(body.links).id(d => d.id) resolves the links unchanged. Nodes
// carry aliases, hidden, pathRanks and their properties; links carry the
// evidence, pathRanks and their properties. Properties never take the keys
// d3-force writes (index, x, y, vx, vy, fx, fy).
func writeD3(w *bufio.Writer, d *document) error {
	j := newJSONOut(w)
	g := d.graph
	j.raw(`{"nodes":`)
	j.list(len(g.Nodes), false, false, func(i int) {
		n := &g.Nodes[i]
		j.flatObject(&d3Node{ID: n.ID, Name: n.Name, Kind: n.Kind, Aliases: n.Aliases, Hidden: n.Hidden, PathRanks: d.ranks[n.ID]},
			n.Properties)
	})
	j.raw(`,"links":`)
	j.list(len(g.Edges), false, false, func(i int) {
		e := &g.Edges[i]
		j.flatObject(newEdgeFields(e, d.ranks[e.ID]), e.Properties)
	})
	writeAnswerMembers(j, d)
	j.raw("}\n")
	return j.err
}
