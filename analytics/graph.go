// Package analytics answers "who matters and who connects" over a subgraph
// of actorgraph: centrality (degree, betweenness, closeness, PageRank,
// eigenvector), communities (Louvain) and the brokers between two entities.
// The algorithms are gonum's graph packages, run over the subgraph the
// store returned for the request's filters; the package knows nothing of
// HTTP or Neo4j.
//
// How a subgraph is read:
//
//   - Undirected. A relationship a->b and one b->a both join a and b;
//     direction is part of a relationship's meaning (NATIONALITY_OF,
//     HAS_NATIONALITY), not of who connects to whom. Every answer says
//     "directed": false.
//   - One link per pair. Parallel relationships between two entities
//     (PERPETRATED and CLAIMED_RESPONSIBILITY between the same two) count
//     once with weight=none; with a weight, the pair's weight is the sum of
//     its relationships' weights, so more evidence makes a stronger tie.
//   - Self-relationships (a->a) are left out.
//
// Weights (weight=):
//
//   - none: every pair weighs 1.
//   - confidence: a relationship weighs confidence/100 (0-1).
//   - evidence: a relationship weighs by its evidence level: a verified
//     quote 1, a reported quote 2/3, a summary 1/3.
//
// A weight is a tie's strength. Degree (strength), PageRank, eigenvector
// and Louvain use it as it is; betweenness and closeness follow shortest
// paths, where a strong tie should be short, so they use the distance
// 1/weight. A relationship of weight 0 (confidence 0) is left out of a
// weighted graph.
package analytics

import (
	"fmt"
	"slices"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// Weight says what a relationship weighs.
type Weight string

// The weights.
const (
	WeightNone       Weight = "none"
	WeightConfidence Weight = "confidence"
	WeightEvidence   Weight = "evidence"
)

// Weights are the weights in the order the documentation lists them.
var Weights = []Weight{WeightNone, WeightConfidence, WeightEvidence}

// ParseWeight returns the weight named s ("" is none).
func ParseWeight(s string) (Weight, bool) {
	if s == "" {
		return WeightNone, true
	}
	w := Weight(s)
	return w, slices.Contains(Weights, w)
}

// evidenceWeight is what weight=evidence gives each level.
var evidenceWeight = map[graph.EvidenceLevel]float64{
	graph.EvidenceQuote:         1,
	graph.EvidenceReportedQuote: 2.0 / 3,
	graph.EvidenceSummary:       1.0 / 3,
}

// Of is what e weighs under w.
func (w Weight) Of(e *graph.Edge) float64 {
	switch w {
	case WeightConfidence:
		return float64(e.Confidence) / 100
	case WeightEvidence:
		return evidenceWeight[e.Level]
	}
	return 1
}

// Graph is a subgraph ready for the algorithms: its entities in id order
// (gonum node i is Nodes[i]) and one undirected link per pair of them.
type Graph struct {
	Nodes  []graph.Node
	Weight Weight
	// Relationships is how many relationships the subgraph held (those
	// /api/v1/graph would return), Links how many pairs they join.
	Relationships, Links int

	index map[string]int64
	// strength holds the tie strengths, distance their inverses (for the
	// shortest-path metrics); unweighted both are 1.
	strength, distance *compact
}

// Link is a pair of entities and its weight, for writing a graph to a
// checker (networkx) exactly as the algorithms saw it.
type Link struct {
	A, B   string
	Weight float64
}

// Build reads sg as the algorithms see it (see the package comment).
func Build(sg *graph.Subgraph, w Weight) (*Graph, error) {
	g := &Graph{Weight: w, index: make(map[string]int64, len(sg.Nodes)), Relationships: len(sg.Edges)}
	g.Nodes = slices.Clone(sg.Nodes)
	slices.SortFunc(g.Nodes, func(a, b graph.Node) int { return strings.Compare(a.ID, b.ID) })
	for i, n := range g.Nodes {
		if _, dup := g.index[n.ID]; dup {
			return nil, fmt.Errorf("analytics: entity %s is in the subgraph twice", n.ID)
		}
		g.index[n.ID] = int64(i)
	}
	sum := map[[2]int64]float64{}
	var order [][2]int64
	for i := range sg.Edges {
		e := &sg.Edges[i]
		a, okA := g.index[e.Source]
		b, okB := g.index[e.Target]
		if !okA || !okB {
			return nil, fmt.Errorf("analytics: relationship %s joins %s and %s, not both in the subgraph", e.ID, e.Source,
				e.Target)
		}
		if a == b {
			continue
		}
		if a > b {
			a, b = b, a
		}
		x := w.Of(e)
		if x <= 0 {
			continue
		}
		k := [2]int64{a, b}
		if _, seen := sum[k]; !seen {
			order = append(order, k)
		}
		if w == WeightNone {
			sum[k] = 1
		} else {
			sum[k] += x
		}
	}
	arcs := make([]arc, len(order))
	for i, k := range order {
		arcs[i] = arc{k[0], k[1], sum[k]}
	}
	g.strength = newCompact(len(g.Nodes), arcs, func(l arc) float64 { return l.w })
	g.distance = newCompact(len(g.Nodes), arcs, func(l arc) float64 { return 1 / l.w })
	g.Links = len(order)
	return g, nil
}

// LinkList is the pairs the algorithms see with their strengths, in id
// order (for writing the graph to a checker such as networkx).
func (g *Graph) LinkList() []Link {
	arcs := g.links()
	out := make([]Link, len(arcs))
	for i, l := range arcs {
		out[i] = Link{A: g.Nodes[l.a].ID, B: g.Nodes[l.b].ID, Weight: l.w}
	}
	return out
}
