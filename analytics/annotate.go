package analytics

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// communityAnnotation is the annotation that names a node's community.
const communityAnnotation = "community"

// ParseAnnotations checks names (annotate=pagerank,community): each a metric
// or "community".
func ParseAnnotations(names []string) ([]string, error) {
	var out []string
	for _, n := range names {
		if _, ok := ParseMetric(n); !ok && n != communityAnnotation {
			return nil, graph.Invalid("annotate", n, "want any of "+strings.Join(graph.AnnotationNames, ", "))
		}
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out, nil
}

// Annotate sets each node of sg's annotations named by names, computed over
// sg itself as the centrality and communities routes compute them
// (unweighted; Louvain at resolution 1, seed 1). A subgraph of more than
// maxEdges relationships is an ErrSelectionTooLarge; past ctx's deadline the
// request's ErrTimeout, with no node annotated.
func Annotate(ctx context.Context, sg *graph.Subgraph, names []string, maxEdges int) error {
	if maxEdges <= 0 {
		maxEdges = DefaultMaxEdges
	}
	if len(sg.Edges) > maxEdges {
		return tooLarge(fmt.Sprintf("annotating %d relationships, more than the %d allowed", len(sg.Edges), maxEdges),
			"a lower limit, kind or rel filters, or without annotate", MaxEdgesSetting)
	}
	g, err := Build(sg, WeightNone)
	if err != nil {
		return err
	}
	at := make(map[string]int, len(sg.Nodes))
	for i, n := range sg.Nodes {
		at[n.ID] = i
	}
	type result struct {
		name   string
		scores []Score
		groups map[string]int
	}
	var results []result
	for _, name := range names {
		if name == communityAnnotation {
			p, err := Communities(ctx, g, 1, 1)
			if err != nil {
				return err
			}
			results = append(results, result{name: name, groups: p.Membership()})
			continue
		}
		scores, err := Centrality(ctx, g, Metric(name))
		if err != nil {
			return err
		}
		results = append(results, result{name: name, scores: scores})
	}
	// Every computation finished: only now is any node annotated.
	for _, r := range results {
		for _, s := range r.scores {
			v := s.Score
			a := &sg.Nodes[at[s.ID]].Annotations
			switch Metric(r.name) {
			case Degree:
				a.Degree = &v
			case Betweenness:
				a.Betweenness = &v
			case Closeness:
				a.Closeness = &v
			case PageRank:
				a.PageRank = &v
			case Eigenvector:
				a.Eigenvector = &v
			}
		}
		for id, c := range r.groups {
			sg.Nodes[at[id]].Community = &c
		}
	}
	return nil
}
