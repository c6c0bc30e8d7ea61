package analytics

import (
	"slices"

	gg "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/iterator"
	"gonum.org/v1/gonum/graph/simple"
)

// compact is a subgraph as gonum's algorithms read it: an undirected,
// weighted graph over nodes 0..n-1 held in slices (each node's neighbours
// in id order, their weights beside them). It implements gonum's
// graph.WeightedUndirected, so gonum's algorithms run on it unchanged; it
// exists because gonum's simple.WeightedUndirectedGraph keeps its edges in
// maps of maps and its From walks a map, which is where gonum's
// Betweenness and Modularize spent most of their time (the profiles are in
// bench/results).
type compact struct {
	nodes []gg.Node   // nodes[i] is simple.Node(i), boxed once
	adj   [][]gg.Node // adj[i]: i's neighbours, in id order
	ids   [][]int64   // ids[i][k] is adj[i][k].ID()
	w     [][]float64 // w[i][k] is the weight of the link i–adj[i][k]
}

var _ gg.WeightedUndirected = (*compact)(nil)

// newCompact is the graph of n nodes and links (each pair once, a < b
// not required), weighing each link by weight(l).
func newCompact(n int, links []arc, weight func(arc) float64) *compact {
	c := &compact{nodes: make([]gg.Node, n), adj: make([][]gg.Node, n), ids: make([][]int64, n), w: make([][]float64, n)}
	for i := range c.nodes {
		c.nodes[i] = simple.Node(i)
	}
	deg := make([]int, n)
	for _, l := range links {
		deg[l.a]++
		deg[l.b]++
	}
	for i := range n {
		c.ids[i] = make([]int64, 0, deg[i])
	}
	// Sorted by (a, b), so appending keeps every list in id order
	// only for the larger end; sort each list after.
	for _, l := range links {
		c.ids[l.a] = append(c.ids[l.a], l.b)
		c.ids[l.b] = append(c.ids[l.b], l.a)
	}
	for i := range n {
		slices.Sort(c.ids[i])
		c.adj[i] = make([]gg.Node, len(c.ids[i]))
		c.w[i] = make([]float64, len(c.ids[i]))
	}
	for _, l := range links {
		x := weight(l)
		k, _ := slices.BinarySearch(c.ids[l.a], l.b)
		c.w[l.a][k] = x
		k, _ = slices.BinarySearch(c.ids[l.b], l.a)
		c.w[l.b][k] = x
	}
	for i := range n {
		for k, j := range c.ids[i] {
			c.adj[i][k] = c.nodes[j]
		}
	}
	return c
}

func (c *compact) has(id int64) bool { return id >= 0 && id < int64(len(c.nodes)) }

// find is where v is in u's neighbours, or -1.
func (c *compact) find(u, v int64) int {
	if !c.has(u) || !c.has(v) {
		return -1
	}
	k, ok := slices.BinarySearch(c.ids[u], v)
	if !ok {
		return -1
	}
	return k
}

// Node implements graph.Graph.
func (c *compact) Node(id int64) gg.Node {
	if !c.has(id) {
		return nil
	}
	return c.nodes[id]
}

// Nodes implements graph.Graph.
func (c *compact) Nodes() gg.Nodes {
	if len(c.nodes) == 0 {
		return gg.Empty
	}
	return iterator.NewOrderedNodes(c.nodes)
}

// From implements graph.Graph.
func (c *compact) From(id int64) gg.Nodes {
	if !c.has(id) || len(c.adj[id]) == 0 {
		return gg.Empty
	}
	return iterator.NewOrderedNodes(c.adj[id])
}

// HasEdgeBetween implements graph.Graph.
func (c *compact) HasEdgeBetween(x, y int64) bool { return c.find(x, y) >= 0 }

// Edge implements graph.Graph.
func (c *compact) Edge(u, v int64) gg.Edge { return c.WeightedEdgeBetween(u, v) }

// EdgeBetween implements graph.Undirected.
func (c *compact) EdgeBetween(x, y int64) gg.Edge { return c.WeightedEdgeBetween(x, y) }

// WeightedEdge implements graph.Weighted.
func (c *compact) WeightedEdge(u, v int64) gg.WeightedEdge { return c.WeightedEdgeBetween(u, v) }

// WeightedEdgeBetween implements graph.WeightedUndirected.
func (c *compact) WeightedEdgeBetween(x, y int64) gg.WeightedEdge {
	k := c.find(x, y)
	if k < 0 {
		return nil
	}
	return simple.WeightedEdge{F: c.nodes[x], T: c.nodes[y], W: c.w[x][k]}
}

// Weight implements graph.Weighted as simple.NewWeightedUndirectedGraph(0, 0)
// does: a node to itself weighs 0, an absent link 0 and not ok.
func (c *compact) Weight(x, y int64) (float64, bool) {
	if x == y && c.has(x) {
		return 0, true
	}
	k := c.find(x, y)
	if k < 0 {
		return 0, false
	}
	return c.w[x][k], true
}
