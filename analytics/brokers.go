package analytics

import (
	"cmp"
	"slices"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// Broker is an entity on the paths between two others: the share of the
// paths it lies on, the distinct sources cited by the relationships of
// those paths, and the paths themselves (their relationship ids, in order).
type Broker struct {
	ID      string     `json:"id"`
	Name    string     `json:"name"`
	Kind    graph.Kind `json:"kind"`
	Share   float64    `json:"share"`
	Sources int        `json:"sources"`
	Paths   [][]string `json:"paths"`
}

// BrokerAnswer is who connects From to To over a set of paths.
type BrokerAnswer struct {
	From string `json:"from"`
	To   string `json:"to"`
	// Paths is how many paths the shares are of: the ranked simple paths
	// the path search returned (at most the k asked for).
	Paths   int      `json:"paths"`
	Brokers []Broker `json:"brokers"`
	// Truncated says the paths may not be all the simple paths up to
	// maxDepth: the search returned as many as were asked for, or found
	// more than it could rank.
	Truncated bool `json:"truncated"`
	// Reason says why there is no path, when there is none.
	Reason string         `json:"reason,omitempty"`
	Notes  []string       `json:"notes,omitempty"`
	Query  map[string]any `json:"query,omitempty"`
	// Subgraph is the size of the graph the paths span and the filters
	// they were found under.
	Subgraph Summary `json:"subgraph"`
}

// Brokers ranks the entities strictly inside the paths of ans (its ends
// are not brokers) by the share of paths they lie on, then by the sources
// behind those paths, then by id; it keeps the first limit.
func Brokers(ans *graph.PathAnswer, from, to string, limit int) BrokerAnswer {
	out := BrokerAnswer{From: from, To: to, Paths: len(ans.Paths), Brokers: []Broker{}, Truncated: ans.Truncated,
		Reason: ans.Reason, Notes: ans.Notes, Query: ans.Query}
	nodes := make(map[string]graph.Node, len(ans.Nodes))
	for _, n := range ans.Nodes {
		nodes[n.ID] = n
	}
	edges := make(map[string]*graph.Edge, len(ans.Edges))
	for i := range ans.Edges {
		edges[ans.Edges[i].ID] = &ans.Edges[i]
	}
	on := map[string][]int{} // broker id -> the paths it is on
	for i, p := range ans.Paths {
		if len(p.Nodes) < 3 {
			continue
		}
		for _, id := range p.Nodes[1 : len(p.Nodes)-1] {
			if l := on[id]; len(l) == 0 || l[len(l)-1] != i {
				on[id] = append(on[id], i)
			}
		}
	}
	for id, ps := range on {
		n := nodes[id]
		b := Broker{ID: id, Name: n.Name, Kind: n.Kind, Share: float64(len(ps)) / float64(len(ans.Paths))}
		sources := map[string]bool{}
		for _, i := range ps {
			p := ans.Paths[i]
			b.Paths = append(b.Paths, slices.Clone(p.Edges))
			for _, eid := range p.Edges {
				if e := edges[eid]; e != nil {
					for _, s := range e.Sources {
						sources[s] = true
					}
				}
			}
		}
		b.Sources = len(sources)
		out.Brokers = append(out.Brokers, b)
	}
	slices.SortFunc(out.Brokers, func(a, b Broker) int {
		return cmp.Or(cmp.Compare(b.Share, a.Share), cmp.Compare(b.Sources, a.Sources), strings.Compare(a.ID, b.ID))
	})
	if len(out.Brokers) > limit {
		out.Brokers = out.Brokers[:limit]
	}
	return out
}
