package synth

import "slices"

// Distances are the hop distances pairs are sampled at; -1 means no path.
var Distances = []int{1, 2, 3, 4, 6, -1}

// adjacency is the undirected graph in compressed-sparse-row form. Sources
// and their REPORTED_TOLL edges are left out: path queries never pass
// through a Source.
type adjacency struct {
	off []int32
	nbr []int32
}

func (g *Graph) adjacency() adjacency {
	n := len(g.kind)
	off := make([]int32, n+1)
	for i := range g.src {
		off[g.src[i]+1]++
		off[g.dst[i]+1]++
	}
	for i := 1; i <= n; i++ {
		off[i] += off[i-1]
	}
	nbr := make([]int32, off[n])
	fill := slices.Clone(off[:n])
	for i := range g.src {
		a, b := g.src[i], g.dst[i]
		nbr[fill[a]] = b
		fill[a]++
		nbr[fill[b]] = a
		fill[b]++
	}
	return adjacency{off, nbr}
}

// bfs fills dist with hop distances from s (-1 unreached), up to limit hops.
func (a adjacency) bfs(s int32, dist []int32, queue []int32, limit int32) []int32 {
	for i := range dist {
		dist[i] = -1
	}
	dist[s] = 0
	queue = append(queue[:0], s)
	for h := 0; h < len(queue); h++ {
		v := queue[h]
		if dist[v] >= limit {
			continue
		}
		for _, w := range a.nbr[a.off[v]:a.off[v+1]] {
			if dist[w] < 0 {
				dist[w] = dist[v] + 1
				queue = append(queue, w)
			}
		}
	}
	return queue
}

// samplePairs picks PairsPerDistance pairs at each of Distances, by breadth-
// first search from random starts, with the graph's own seeded generator.
// A distance the graph does not have (K50 has only 1) is skipped.
func (g *Graph) samplePairs() {
	n := int32(len(g.kind))
	if n < 2 {
		return
	}
	adj := g.adjacency()
	dist := make([]int32, n)
	var queue []int32
	want := g.cfg.PairsPerDistance
	got := map[int]int{}
	var byDist [7][]int32
	for attempt := 0; attempt < 40*want; attempt++ {
		done := true
		for _, d := range Distances {
			if d > 0 && got[d] < want {
				done = false
			}
		}
		if done {
			break
		}
		s := g.rng.Int32N(n)
		queue = adj.bfs(s, dist, queue, 6)
		for d := range byDist {
			byDist[d] = byDist[d][:0]
		}
		for _, v := range queue {
			byDist[dist[v]] = append(byDist[dist[v]], v)
		}
		for _, d := range Distances {
			if d <= 0 || got[d] >= want || len(byDist[d]) == 0 {
				continue
			}
			t := byDist[d][g.rng.IntN(len(byDist[d]))]
			g.Pairs = append(g.Pairs, Pair{From: g.ID(s), To: g.ID(t), Distance: d})
			got[d]++
		}
	}
	// No path: a start and a node of another component.
	var detached []int32
	for i, c := range g.comp {
		if c > 0 {
			detached = append(detached, int32(i))
		}
	}
	for attempt := 0; attempt < 40*want && got[-1] < want && len(detached) > 0; attempt++ {
		s, t := g.rng.Int32N(n), detached[g.rng.IntN(len(detached))]
		if g.comp[s] == g.comp[t] {
			continue
		}
		g.Pairs = append(g.Pairs, Pair{From: g.ID(s), To: g.ID(t), Distance: -1})
		got[-1]++
	}
	if g.cfg.Shape == "chain" {
		g.Pairs = append(g.Pairs, Pair{From: g.ID(0), To: g.ID(n - 1), Distance: int(n - 1)})
	}
}
