// Package cypherstmt hands the statement texts package cypher runs to the
// benchmark's raw-driver side (bench/), which must run the very same texts
// and so cannot drift from them. It is internal: the texts are no part of
// cypher's API. Package cypher fills every field in as it is initialised,
// so a program that uses them imports cypher (bench/ does, for its store).
package cypherstmt

import "github.com/actorgraph/actorgraph/graph"

// The read routes' statements.
var (
	// ResolveID finds an entity by id (parameter $id; column n).
	ResolveID string
	// Sources reads the Source nodes edges cite ($ids; column n).
	Sources string
	// Degree counts each node's relationships a neighbourhood can show
	// ($ids; columns id, degree): links to Sources are not counted.
	Degree string
	// Search queries the full-text index ($index, $q, $fetch, $kinds, $key,
	// $limit; columns node, score, exact).
	Search string
	// FullTextIndex is the name of the full-text index over entity names.
	FullTextIndex string
	// Path is the shortest-path statement the store runs under the default
	// filters ($from, $to, $cap; column p). selector is "SHORTEST 1",
	// "SHORTEST k" or "ALL SHORTEST".
	Path func(selector string, depth int) string
	// Expand is the breadth-first step the neighbours route runs under the
	// default filters ($frontier, $cap; columns ae, aid, r, x).
	Expand func() string
	// SearchText is the Lucene query the store sends for a name typed by a
	// user.
	SearchText func(s string) string
)

// The importer's statements and rows.
var (
	// NodeProps is what the importer stores for a node.
	NodeProps func(n graph.Node) map[string]any
	// EdgeProps is what the importer stores for an edge.
	EdgeProps func(e graph.Edge) map[string]any
	// CreateNodes is the statement the importer runs per batch of new nodes
	// of one kind. Parameter $batch: property maps. It returns n, ids and
	// elems (the new nodes' element ids).
	CreateNodes func(kind graph.Kind) string
	// CreateEdges is the statement the importer runs per batch of new edges
	// of type typ (a vocabulary name). Parameter $batch: rows [source
	// element id, target element id, props, source id, target id].
	CreateEdges func(typ string) (string, error)
)
