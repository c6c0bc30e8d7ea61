package analytics

import (
	"context"
	"fmt"

	"github.com/actorgraph/actorgraph/graph"
)

// MaxEdgesSetting names the setting that bounds an analytics subgraph.
const MaxEdgesSetting = "ACTORGRAPH_ANALYTICS_MAX_EDGES"

// DefaultMaxEdges is the most relationships an analytics subgraph may hold
// unless ACTORGRAPH_ANALYTICS_MAX_EDGES says otherwise: exact betweenness
// over it stays within seconds on one core.
const DefaultMaxEdges = 20_000

// MaxWeightedBetweennessNodes bounds weighted betweenness, which holds the
// shortest paths between all pairs of entities at once.
const MaxWeightedBetweennessNodes = 2_500

// Selection is the subgraph a computation runs over: the graph
// /api/v1/graph returns for Graph's filters, or, with Around, the
// neighbourhood /api/v1/entities/{id}/neighbors returns for its filters.
// Either way Sources are left out unless asked for with kind=Source.
type Selection struct {
	Graph  graph.GraphQuery
	Around *graph.NeighborQuery
	Weight Weight
	// MaxEdges bounds the relationships read (0: DefaultMaxEdges).
	MaxEdges int
}

// Reader is where subgraphs are read from (the store).
type Reader interface {
	Graph(ctx context.Context, q graph.GraphQuery, sink graph.Sink) error
	Neighbors(ctx context.Context, q graph.NeighborQuery) (*graph.Subgraph, error)
}

// Summary says which subgraph an answer was computed over: its size, how
// it was read and the filters that chose it.
type Summary struct {
	Nodes int `json:"nodes"`
	// Edges is the relationships in the subgraph (those /api/v1/graph
	// returns), Links the pairs of entities they join, which the
	// algorithms see.
	Edges    int               `json:"edges"`
	Links    int               `json:"links"`
	Directed bool              `json:"directed"`
	Around   string            `json:"around,omitempty"`
	Depth    int               `json:"depth,omitempty"`
	Filters  map[string]string `json:"filters"`
}

// Read reads sel's subgraph from r and builds it for the algorithms. A
// subgraph cut by its node limit, or holding more than MaxEdges
// relationships, is an ErrSelectionTooLarge whose message says how to narrow it:
// a ranking over part of a selection is never presented as the whole.
func Read(ctx context.Context, r Reader, sel Selection) (*Graph, Summary, error) {
	maxEdges := sel.MaxEdges
	if maxEdges <= 0 {
		maxEdges = DefaultMaxEdges
	}
	var sg *graph.Subgraph
	sum := Summary{}
	if sel.Around != nil {
		q := *sel.Around
		var err error
		if sg, err = r.Neighbors(ctx, q); err != nil {
			return nil, sum, err
		}
		if sg.Truncated {
			return nil, sum, tooLarge(fmt.Sprintf("the %d-hop neighbourhood of %s has more than %d entities", q.Depth, q.ID,
				q.Limit), "a lower depth, rel, kind, minConfidence, knownOn or other filters", "ACTORGRAPH_MAX_RESULTS")
		}
		if len(sg.Edges) > maxEdges {
			return nil, sum, tooLarge(fmt.Sprintf("the %d-hop neighbourhood of %s has %d relationships, more than the %d allowed", q.Depth, q.ID, len(sg.Edges), maxEdges), "a lower depth, rel, kind, minConfidence, knownOn or other filters", MaxEdgesSetting)
		}
		sum.Filters = q.Filter.Params()
		if q.Undated == "drop" {
			sum.Filters["undated"] = "drop"
		}
		if q.IncludeRetracted {
			sum.Filters["includeRetracted"] = "true"
		}
		if len(sg.Nodes) > 0 {
			sum.Around = sg.Nodes[0].ID
		}
		sum.Depth = q.Depth
	} else {
		c := &capped{max: maxEdges, g: &graph.Subgraph{}}
		err := r.Graph(ctx, sel.Graph, c)
		const narrow = "kind or rel filters, evidence, or around=ID&depth= for one entity's neighbourhood"
		switch {
		case c.g.Truncated:
			return nil, sum, tooLarge(fmt.Sprintf("the selected graph has more than %d entities", sel.Graph.Limit), narrow,
				"ACTORGRAPH_MAX_RESULTS")
		case c.over:
			return nil, sum, tooLarge(fmt.Sprintf("the selected graph has more than the %d relationships allowed", maxEdges),
				narrow, MaxEdgesSetting)
		case err != nil:
			return nil, sum, err
		}
		sg = c.g
		sum.Filters = sel.Graph.Params()
	}
	g, err := Build(sg, sel.Weight)
	if err != nil {
		return nil, sum, err
	}
	sum.Nodes, sum.Edges, sum.Links = len(g.Nodes), g.Relationships, g.Links
	if sel.Weight != WeightNone {
		sum.Filters["weight"] = string(sel.Weight)
	}
	return g, sum, nil
}

func tooLarge(what, narrow, setting string) error {
	return fmt.Errorf("%w: %s; narrow it with %s, or raise %s", graph.ErrSelectionTooLarge, what, narrow, setting)
}

// capped is a graph.Sink that keeps a subgraph and stops reading once it
// holds more than max relationships.
type capped struct {
	max  int
	g    *graph.Subgraph
	over bool
}

// errOver stops the read; Read turns it into the ErrSelectionTooLarge answer.
var errOver = fmt.Errorf("%w: too many relationships", graph.ErrSelectionTooLarge)

func (c *capped) Begin(h graph.Head) error {
	if c.g.Truncated = h.Truncated; h.Truncated {
		return errOver // a cut selection is not read at all
	}
	return nil
}
func (c *capped) Node(n *graph.Node) error { c.g.Nodes = append(c.g.Nodes, *n); return nil }
func (c *capped) Edge(e *graph.Edge) error {
	if len(c.g.Edges) >= c.max {
		c.over = true
		return errOver
	}
	c.g.Edges = append(c.g.Edges, *e)
	return nil
}
func (c *capped) End() error { return nil }

// DeclaresKeys says the store need not read the property keys first.
func (c *capped) DeclaresKeys() bool { return false }

// CentralityQuery asks for the top Limit entities of a selection by Metric.
type CentralityQuery struct {
	Selection
	Metric Metric
	Limit  int
	// Samples, when above 0, estimates betweenness from that many sampled
	// sources whatever the subgraph's size (samples=).
	Samples int
	// ExactBetweennessNodes is the most entities exact betweenness is
	// computed over (0: DefaultExactBetweennessNodes); above it,
	// betweenness is estimated from DefaultBetweennessSamples sources.
	ExactBetweennessNodes int
}

// CommunityQuery asks for the communities of a selection.
type CommunityQuery struct {
	Selection
	Algorithm  string // louvain
	Resolution float64
	Seed       uint64
}

// BrokerQuery asks who lies on the paths between two entities: the
// paths are the Paths.Limit best ranked simple paths of the path search
// (/api/v1/paths for the same query), the answer its Limit first brokers.
type BrokerQuery struct {
	Paths graph.PathQuery
	Limit int
}
