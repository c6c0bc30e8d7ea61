package analytics

import (
	"cmp"
	"context"
	"math/rand/v2"
	"slices"
	"strings"

	"gonum.org/v1/gonum/graph/community"
)

// Louvain is the community algorithm the communities route runs (gonum's
// community.Modularize).
const Louvain = "louvain"

// CentralPerCommunity is how many of each community's most central members
// (by degree in the subgraph, weighted when the graph is) an answer names.
const CentralPerCommunity = 3

// Community is one community of a partition: its members' ids in id order
// and its most central members, most central first.
type Community struct {
	ID      int      `json:"id"`
	Size    int      `json:"size"`
	Members []string `json:"members"`
	Central []string `json:"central"`
}

// Partition is a division of a subgraph into communities, largest first
// (equal sizes by their first member's id), and its modularity at the
// resolution it was found at.
type Partition struct {
	Modularity  float64     `json:"modularity"`
	Communities []Community `json:"communities"`
}

// Communities divides g by the Louvain method at resolution, choosing
// among equal moves with a generator seeded by seed (math/rand/v2's PCG),
// so the same graph, resolution and seed give the same partition. As
// Centrality, it returns the request's ErrTimeout past ctx's deadline.
func Communities(ctx context.Context, g *Graph, resolution float64, seed uint64) (Partition, error) {
	var p Partition
	err := compute(ctx, "finding communities", func() { p = g.louvain(resolution, seed) })
	return p, err
}

func (g *Graph) louvain(resolution float64, seed uint64) Partition {
	var groups [][]int64
	q := 0.0
	if g.Links == 0 {
		// Modularity is undefined without links: every entity is alone.
		for i := range g.Nodes {
			groups = append(groups, []int64{int64(i)})
		}
	} else {
		reduced := community.Modularize(g.strength, resolution, rand.NewPCG(seed, seed))
		comms := reduced.Communities()
		q = community.Q(g.strength, comms, resolution)
		for _, c := range comms {
			ids := make([]int64, len(c))
			for i, n := range c {
				ids[i] = n.ID()
			}
			groups = append(groups, ids)
		}
	}
	deg := g.degree()
	p := Partition{Modularity: q, Communities: make([]Community, 0, len(groups))}
	for _, ids := range groups {
		slices.Sort(ids) // node order is id order
		c := Community{Size: len(ids), Members: make([]string, len(ids))}
		for i, id := range ids {
			c.Members[i] = g.Nodes[id].ID
		}
		central := slices.Clone(ids)
		slices.SortStableFunc(central, func(a, b int64) int { return cmp.Compare(deg[b], deg[a]) })
		for _, id := range central[:min(CentralPerCommunity, len(central))] {
			c.Central = append(c.Central, g.Nodes[id].ID)
		}
		p.Communities = append(p.Communities, c)
	}
	slices.SortFunc(p.Communities, func(a, b Community) int {
		return cmp.Or(cmp.Compare(b.Size, a.Size), strings.Compare(a.Members[0], b.Members[0]))
	})
	for i := range p.Communities {
		p.Communities[i].ID = i
	}
	return p
}

// Membership maps each entity id to its community id in p.
func (p Partition) Membership() map[string]int {
	m := map[string]int{}
	for _, c := range p.Communities {
		for _, id := range c.Members {
			m[id] = c.ID
		}
	}
	return m
}
