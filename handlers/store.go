// Package handlers is actorgraph's HTTP API on Gin: it parses and validates
// input, asks a Store, maps errors to status codes in one table, and renders
// the requested format. It never imports the Neo4j store.
package handlers

import (
	"context"

	"github.com/actorgraph/actorgraph/graph"
)

// Store is what the API asks questions of.
type Store interface {
	Ready(ctx context.Context) error
	Schema(ctx context.Context) (graph.SchemaInfo, error)
	Search(ctx context.Context, q graph.SearchQuery) (graph.SearchResult, error)
	Entity(ctx context.Context, ref string) (graph.EntityDetail, error)
	Neighbors(ctx context.Context, q graph.NeighborQuery) (*graph.Subgraph, error)
	Paths(ctx context.Context, q graph.PathQuery) (*graph.PathAnswer, error)
	// Graph hands the (filtered) graph to sink row by row as the database
	// returns it (Begin, nodes, edges, End), without holding it; an error
	// after sink has written anything ends the document where it is.
	Graph(ctx context.Context, q graph.GraphQuery, sink graph.Sink) error
	Timeline(ctx context.Context, q graph.TimelineQuery) (*graph.Timeline, error)
	Import(ctx context.Context, d *graph.DataSet, progress func(done, total int)) (graph.ImportReport, error)
	// Export is the whole graph with the Sources' texts.
	Export(ctx context.Context) (*graph.Subgraph, error)
	// ExportRows hands Export's graph to sink row by row (Begin, nodes,
	// edges, End) without holding it, for the streamed STIX export, which
	// calls it twice.
	ExportRows(ctx context.Context, sink graph.Sink) error
	// Sources are the Source nodes among ids with their texts.
	Sources(ctx context.Context, ids []string) ([]graph.Node, error)
	// STIXEntities are the entities earlier imports gave these STIX ids (id
	// and kind), for the ends of a bundle's relationships it does not hold.
	STIXEntities(ctx context.Context, stixIDs []string) (map[string]graph.Node, error)
}
