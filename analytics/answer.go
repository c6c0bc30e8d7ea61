package analytics

import (
	"context"
	"fmt"

	"github.com/actorgraph/actorgraph/graph"
)

// CentralityAnswer is the top entities of a subgraph by a metric, with
// the subgraph it was computed over.
type CentralityAnswer struct {
	Subgraph Summary `json:"subgraph"`
	Metric   Metric  `json:"metric"`
	Weight   Weight  `json:"weight"`
	Results  []Score `json:"results"`
	// Estimate is there when the scores are estimated (betweenness from
	// sampled sources), not exact.
	Estimate *Estimate `json:"estimate,omitempty"`
}

// CommunityAnswer is the communities of a subgraph, with the subgraph they
// were found in and how.
type CommunityAnswer struct {
	Subgraph   Summary `json:"subgraph"`
	Algorithm  string  `json:"algorithm"`
	Resolution float64 `json:"resolution"`
	Seed       uint64  `json:"seed"`
	Weight     Weight  `json:"weight"`
	Partition
}

// Rank reads q's subgraph from r and ranks its entities by q.Metric, the
// first q.Limit of them.
func Rank(ctx context.Context, r Reader, q CentralityQuery) (*CentralityAnswer, error) {
	g, sum, err := Read(ctx, r, q.Selection)
	if err != nil {
		return nil, err
	}
	exactMax := q.ExactBetweennessNodes
	if exactMax <= 0 {
		exactMax = DefaultExactBetweennessNodes
	}
	var est *Estimate
	var scores []Score
	switch {
	case q.Metric == Betweenness && q.Samples > 0:
		est = &Estimate{Samples: min(q.Samples, len(g.Nodes))}
	case q.Metric == Betweenness && g.Weight != WeightNone && len(g.Nodes) > MaxWeightedBetweennessNodes:
		return nil, fmt.Errorf("%w: exact weighted betweenness holds the shortest paths between all pairs: at most %d "+
			"entities, the selection has %d; narrow it, ask weight=none, or estimate it with samples=",
			graph.ErrSelectionTooLarge, MaxWeightedBetweennessNodes, len(g.Nodes))
	case q.Metric == Betweenness && len(g.Nodes) > exactMax:
		est = &Estimate{Samples: min(DefaultBetweennessSamples, len(g.Nodes))}
	}
	if est != nil {
		scores, err = SampledBetweenness(ctx, g, est.Samples)
	} else {
		scores, err = Centrality(ctx, g, q.Metric)
	}
	if err != nil {
		return nil, err
	}
	return &CentralityAnswer{Subgraph: sum, Metric: q.Metric, Weight: q.Weight,
		Results: scores[:min(q.Limit, len(scores))], Estimate: est}, nil
}

// Divide reads q's subgraph from r and finds its communities.
func Divide(ctx context.Context, r Reader, q CommunityQuery) (*CommunityAnswer, error) {
	g, sum, err := Read(ctx, r, q.Selection)
	if err != nil {
		return nil, err
	}
	p, err := Communities(ctx, g, q.Resolution, q.Seed)
	if err != nil {
		return nil, err
	}
	return &CommunityAnswer{Subgraph: sum, Algorithm: Louvain, Resolution: q.Resolution, Seed: q.Seed, Weight: q.Weight,
		Partition: p}, nil
}

// PathFinder is where the paths between two entities are found (the store).
type PathFinder interface {
	Paths(ctx context.Context, q graph.PathQuery) (*graph.PathAnswer, error)
}

// FindBrokers asks f for the ranked paths of q and ranks the brokers on them.
func FindBrokers(ctx context.Context, f PathFinder, q BrokerQuery) (*BrokerAnswer, error) {
	ans, err := f.Paths(ctx, q.Paths)
	if err != nil {
		return nil, err
	}
	from, to := q.Paths.From, q.Paths.To
	if id, ok := ans.Query["from"].(string); ok {
		from = id
	}
	if id, ok := ans.Query["to"].(string); ok {
		to = id
	}
	b := Brokers(ans, from, to, q.Limit)
	// As many paths as asked for: there may be more than were ranked.
	b.Truncated = b.Truncated || len(ans.Paths) >= q.Paths.Limit
	b.Subgraph = Summary{Nodes: len(ans.Nodes), Edges: len(ans.Edges), Links: len(ans.Edges),
		Directed: q.Paths.Direction == "out" || q.Paths.Direction == "in", Filters: q.Paths.Filter.Params()}
	return &b, nil
}
