package analytics

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/actorgraph/actorgraph/graph"
	"gonum.org/v1/gonum/floats"
	gg "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/path"
	"gonum.org/v1/gonum/graph/simple"
	"gonum.org/v1/gonum/graph/traverse"
)

// Metric is a centrality measure.
type Metric string

// The metrics, each normalised as networkx normalises it by default (so
// its answers can be checked against networkx's; n is the number of
// entities in the subgraph):
//
//   - degree: a node's links (weighted: the sum of their weights) / (n-1);
//     networkx's degree_centrality, and G.degree(weight=) / (n-1) weighted.
//   - betweenness: the share of shortest paths between other pairs through
//     the node, summed over unordered pairs and divided by (n-1)(n-2)/2;
//     networkx's betweenness_centrality(normalized=True).
//   - closeness: (r-1)/Σd × (r-1)/(n-1) over the r nodes the node reaches
//     (itself included), 0 when it reaches none; networkx's
//     closeness_centrality with its default wf_improved=True.
//   - pagerank: damping 0.85, a node without links spreads its rank evenly;
//     the scores sum to 1; networkx's pagerank.
//   - eigenvector: the principal eigenvector of the adjacency (weight)
//     matrix, positive, of Euclidean norm 1; networkx's
//     eigenvector_centrality / eigenvector_centrality_numpy.
const (
	Degree      Metric = "degree"
	Betweenness Metric = "betweenness"
	Closeness   Metric = "closeness"
	PageRank    Metric = "pagerank"
	Eigenvector Metric = "eigenvector"
)

// Metrics are the metrics in the order the documentation lists them.
var Metrics = []Metric{Degree, Betweenness, Closeness, PageRank, Eigenvector}

// ParseMetric returns the metric named s.
func ParseMetric(s string) (Metric, bool) {
	m := Metric(s)
	return m, slices.Contains(Metrics, m)
}

// MetricNames are the metrics' names, for messages.
func MetricNames() []string {
	out := make([]string, len(Metrics))
	for i, m := range Metrics {
		out[i] = string(m)
	}
	return out
}

// Damping is PageRank's damping factor (networkx's default).
const Damping = 0.85

// tolerance is where the iterative metrics stop: the 2-norm of an
// iteration's change (PageRank) or its largest relative change
// (eigenvector). Far below the 1e-6 the networkx comparison holds them to.
const tolerance = 1e-12

// Score is one entity's score under a metric, and its rank (1 is the
// highest; equal scores share a rank).
type Score struct {
	ID    string     `json:"id"`
	Name  string     `json:"name"`
	Kind  graph.Kind `json:"kind"`
	Score float64    `json:"score"`
	Rank  int        `json:"rank"`
}

// Centrality scores every entity of g under m, ranked (highest first, ties
// by id). It runs until done or ctx's deadline passes; then it returns the
// ErrTimeout that names the request's limit, never a partial ranking.
func Centrality(ctx context.Context, g *Graph, m Metric) ([]Score, error) {
	var scores []float64
	err := compute(ctx, "computing "+string(m)+" centrality", func() {
		scores = g.scores(m)
	})
	if err != nil {
		return nil, err
	}
	return g.ranked(scores), nil
}

// Scores is every entity's score under m, in the order of g.Nodes.
func (g *Graph) scores(m Metric) []float64 {
	if len(g.Nodes) == 0 {
		return nil // gonum's matrices refuse a zero dimension
	}
	switch m {
	case Degree:
		return g.degree()
	case Betweenness:
		return g.betweenness()
	case Closeness:
		return g.closeness()
	case PageRank:
		return g.pageRank()
	case Eigenvector:
		return g.eigenvector()
	}
	panic("analytics: unknown metric " + string(m))
}

// byIndex turns gonum's map of scores into a slice in the order of g.Nodes
// (nodes gonum leaves out score 0).
func (g *Graph) byIndex(m map[int64]float64) []float64 {
	out := make([]float64, len(g.Nodes))
	for id, v := range m {
		out[id] = v
	}
	return out
}

func (g *Graph) degree() []float64 {
	out := make([]float64, len(g.Nodes))
	n := len(g.Nodes)
	if n < 2 {
		return out
	}
	for i := range out {
		if g.Weight == WeightNone {
			out[i] = float64(len(g.strength.adj[i]))
		} else {
			for _, w := range g.strength.w[i] {
				out[i] += w
			}
		}
		out[i] /= float64(n - 1)
	}
	return out
}

func (g *Graph) betweenness() []float64 {
	var raw map[int64]float64
	if g.Weight == WeightNone {
		raw = network.Betweenness(g.strength)
	} else {
		raw = network.BetweennessWeighted(g.distance, path.DijkstraAllPaths(g.distance))
	}
	out := g.byIndex(raw)
	n := float64(len(g.Nodes))
	if n <= 2 {
		return out
	}
	// gonum sums over ordered pairs (s, t), each unordered pair twice.
	for i := range out {
		out[i] /= (n - 1) * (n - 2)
	}
	return out
}

func (g *Graph) closeness() []float64 {
	n := len(g.Nodes)
	out := make([]float64, n)
	if n < 2 {
		return out
	}
	// One single-source search per node (not all pairs at once), so
	// memory stays linear in the subgraph: breadth-first unweighted,
	// Dijkstra weighted. The searches are independent: they are shared
	// among GOMAXPROCS goroutines, each node's score written by one.
	workers := min(runtime.GOMAXPROCS(0), n)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < n; i += workers {
				sum, reached := g.distances(int64(i))
				if sum > 0 {
					r := float64(reached)
					out[i] = r / sum * r / float64(n-1)
				}
			}
		})
	}
	wg.Wait()
	return out
}

// distances is the sum of the shortest-path distances from node i to the
// nodes it reaches, and how many it reaches (itself not counted).
func (g *Graph) distances(i int64) (sum float64, reached int) {
	if g.Weight == WeightNone {
		var bf traverse.BreadthFirst
		bf.Walk(g.strength, simple.Node(i), func(v gg.Node, depth int) bool {
			if v.ID() != i {
				sum += float64(depth)
				reached++
			}
			return false
		})
		return sum, reached
	}
	sp := path.DijkstraFrom(simple.Node(i), g.distance)
	for j := range int64(len(g.Nodes)) {
		if d := sp.WeightTo(j); j != i && !math.IsInf(d, 1) {
			sum += d
			reached++
		}
	}
	return sum, reached
}

func (g *Graph) pageRank() []float64 {
	// PageRank walks arcs: each link is an arc both ways.
	d := simple.NewWeightedDirectedGraph(0, 0)
	for i := range g.Nodes {
		d.AddNode(simple.Node(i))
	}
	for _, l := range g.links() {
		d.SetWeightedEdge(d.NewWeightedEdge(simple.Node(l.a), simple.Node(l.b), l.w))
		d.SetWeightedEdge(d.NewWeightedEdge(simple.Node(l.b), simple.Node(l.a), l.w))
	}
	return g.byIndex(network.PageRankSparse(d, Damping, tolerance))
}

// eigenvector is the principal eigenvector of the weight matrix A by power
// iteration on A+I from the all-ones vector, as networkx's
// eigenvector_centrality does (the shift keeps a bipartite graph's ±λ from
// stalling it). gonum's network package has no eigenvector centrality.
func (g *Graph) eigenvector() []float64 {
	n := len(g.Nodes)
	if n == 0 {
		return nil
	}
	links := g.links()
	x, next := make([]float64, n), make([]float64, n)
	for i := range x {
		x[i] = 1 / float64(n)
	}
	for range 100_000 {
		copy(next, x)
		for _, l := range links {
			next[l.a] += l.w * x[l.b]
			next[l.b] += l.w * x[l.a]
		}
		norm := floats.Norm(next, 2)
		if norm == 0 {
			break
		}
		floats.Scale(1/norm, next)
		x, next = next, x
		if floats.Distance(x, next, math.Inf(1)) < tolerance*floats.Max(x) {
			break
		}
	}
	return x
}

type arc struct {
	a, b int64
	w    float64
}

// links are g's pairs with their strengths.
func (g *Graph) links() []arc {
	var out []arc
	for i := range g.Nodes {
		for k, j := range g.strength.ids[i] {
			if int64(i) < j {
				out = append(out, arc{int64(i), j, g.strength.w[i][k]})
			}
		}
	}
	// Each node's neighbours are in id order, so out is sorted by (a, b).
	return out
}

// ranked orders g's entities by score, highest first, ties by id, equal
// scores sharing a rank.
func (g *Graph) ranked(scores []float64) []Score {
	out := make([]Score, len(g.Nodes))
	for i, n := range g.Nodes {
		out[i] = Score{ID: n.ID, Name: n.Name, Kind: n.Kind, Score: scores[i]}
	}
	slices.SortStableFunc(out, func(a, b Score) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), strings.Compare(a.ID, b.ID))
	})
	for i := range out {
		out[i].Rank = i + 1
		if i > 0 && out[i].Score == out[i-1].Score {
			out[i].Rank = out[i-1].Rank
		}
	}
	return out
}

// compute runs f, the computation of what, within ctx's deadline. gonum's
// algorithms take no context: past the deadline compute answers the
// request's ErrTimeout at once and leaves f to finish unseen, so no partial
// result is ever returned.
func compute(ctx context.Context, what string, f func()) error {
	ctx = graph.Doing(ctx, what)
	if err := ctx.Err(); err != nil {
		return overran(ctx, err)
	}
	done := make(chan error, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- fmt.Errorf("analytics: %s failed: %v", what, p)
			}
		}()
		f()
		done <- nil
	}()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return overran(ctx, ctx.Err())
	}
}

func overran(ctx context.Context, err error) error {
	if err == context.DeadlineExceeded {
		return graph.Overran(ctx, "")
	}
	return err
}
