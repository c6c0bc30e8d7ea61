package analytics

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"

	gg "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/path"
	"gonum.org/v1/gonum/graph/traverse"
)

// DefaultExactBetweennessNodes is the most entities the centrality route
// computes exact betweenness over unless
// ACTORGRAPH_ANALYTICS_EXACT_BETWEENNESS_NODES says otherwise; above it,
// betweenness is estimated from DefaultBetweennessSamples sampled sources.
// gonum's exact Betweenness takes about 5 s at 2,000 entities and 8,000
// links on one core here and grows as entities × links (bench/results).
const DefaultExactBetweennessNodes = 2_000

// ExactBetweennessSetting names the setting that bounds exact betweenness.
const ExactBetweennessSetting = "ACTORGRAPH_ANALYTICS_EXACT_BETWEENNESS_NODES"

// DefaultBetweennessSamples is how many sources an estimated betweenness
// starts its shortest paths from unless samples= says otherwise.
const DefaultBetweennessSamples = 1_000

// SampleSeed seeds the choice of sampled sources (math/rand/v2's PCG), so
// an estimate over the same graph with the same k is always the same.
const SampleSeed = 1

// Estimate says a score was estimated, and from how many sources.
type Estimate struct {
	Samples int `json:"samples"`
}

// SampledBetweenness estimates every entity's betweenness from k sources
// drawn without replacement (seeded by SampleSeed): Brandes' dependency
// accumulation from each source, scaled by n/k and normalised as
// Betweenness is, so it is an unbiased estimate of the exact score
// (Brandes and Pich 2007) and exact when k is n. gonum has no sampled
// betweenness and its Betweenness takes no sources, so the shortest paths
// are gonum's (traverse.BreadthFirst unweighted, path.DijkstraFrom
// weighted) and the path counting and accumulation over them is ours.
func SampledBetweenness(ctx context.Context, g *Graph, k int) ([]Score, error) {
	var scores []float64
	err := compute(ctx, "estimating betweenness centrality", func() { scores = g.sampledBetweenness(k) })
	if err != nil {
		return nil, err
	}
	return g.ranked(scores), nil
}

func (g *Graph) sampledBetweenness(k int) []float64 {
	n := len(g.Nodes)
	cb := make([]float64, n)
	if n <= 2 {
		return cb
	}
	k = min(max(k, 1), n)
	sources := rand.New(rand.NewPCG(SampleSeed, SampleSeed)).Perm(n)[:k]
	var (
		dist  = make([]float64, n)
		sigma = make([]float64, n)
		delta = make([]float64, n)
		order = make([]int64, 0, n)
	)
	weighted := g.Weight != WeightNone
	for _, s := range sources {
		for i := range dist {
			dist[i], sigma[i], delta[i] = math.Inf(1), 0, 0
		}
		order = order[:0]
		if weighted {
			sp := path.DijkstraFrom(g.distance.nodes[s], g.distance)
			for j := range int64(n) {
				if d := sp.WeightTo(j); !math.IsInf(d, 1) {
					dist[j] = d
					order = append(order, j)
				}
			}
			slices.SortStableFunc(order, func(a, b int64) int {
				switch {
				case dist[a] < dist[b]:
					return -1
				case dist[a] > dist[b]:
					return 1
				}
				return 0
			})
		} else {
			var bf traverse.BreadthFirst
			bf.Walk(g.strength, g.strength.nodes[s], func(v gg.Node, depth int) bool {
				dist[v.ID()] = float64(depth)
				order = append(order, v.ID())
				return false
			})
		}
		// pred says u precedes v on a shortest path from s.
		pred := func(u, v int64, k int) bool {
			if !weighted {
				return dist[u]+1 == dist[v]
			}
			d := dist[u] + g.distance.w[v][k]
			return math.Abs(d-dist[v]) <= 1e-12*math.Max(d, dist[v])
		}
		sigma[s] = 1
		for _, v := range order[1:] {
			for k, u := range g.distance.ids[v] {
				if pred(u, v, k) {
					sigma[v] += sigma[u]
				}
			}
		}
		for i := len(order) - 1; i > 0; i-- {
			w := order[i]
			for k, v := range g.distance.ids[w] {
				if pred(v, w, k) {
					delta[v] += sigma[v] / sigma[w] * (1 + delta[w])
				}
			}
			cb[w] += delta[w]
		}
	}
	// As betweenness: ordered pairs, each unordered pair twice, over
	// (n-1)(n-2); k of n sources stand for all n.
	scale := float64(n) / float64(k) / (float64(n-1) * float64(n-2))
	for i := range cb {
		cb[i] *= scale
	}
	return cb
}

// TopOverlap is the share of a's first k entities that are among b's
// first k (a and b ranked, highest first).
func TopOverlap(a, b []Score, k int) float64 {
	k = min(k, len(a), len(b))
	if k == 0 {
		return 0
	}
	in := map[string]bool{}
	for _, s := range b[:k] {
		in[s.ID] = true
	}
	n := 0
	for _, s := range a[:k] {
		if in[s.ID] {
			n++
		}
	}
	return float64(n) / float64(k)
}
