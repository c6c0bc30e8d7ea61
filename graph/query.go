package graph

import (
	"strings"
	"unicode"
)

// Limits bound what a query may ask for. Every route checks its parameters
// against these before any query runs.
type Limits struct {
	MaxDepth      int // path and neighbourhood depth
	MaxPaths      int // paths in one answer
	MaxResults    int // nodes in a graph answer, search results
	MaxRefLen     int // bytes of an id or name
	DefaultDepth  int
	DefaultLimit  int
	DefaultPaths  int
	MaxTimelineNo int
}

// DefaultLimits are the limits unless configured otherwise.
var DefaultLimits = Limits{MaxDepth: 8, MaxPaths: 50, MaxResults: 5000, MaxRefLen: 300,
	DefaultDepth: 6, DefaultLimit: 200, DefaultPaths: 5, MaxTimelineNo: 5000}

// Filter restricts which edges and nodes a traversal may use.
type Filter struct {
	Rels          []string // relationship types; empty means all
	Kinds         []Kind   // kinds of intermediate / reached nodes; empty means all but Source
	Direction     string   // "both" (default), "out", "in"
	MinConfidence int      // edges below are left out
	Stances       []Stance // only these stances; empty means all
	At            string   // only edges valid on this date
	KnownOn       string   // only edges reported by this date
	Undated       string   // "keep" (default) or "drop": edges with no date under At/KnownOn
	Sources       []string // only edges citing one of these sources
	// Evidence is the weakest evidence level kept: quote keeps verified
	// quotes only, reported-quote adds reported quotes; "" keeps all.
	Evidence EvidenceLevel
	// IncludeRetracted keeps retracted edges, which answers leave out by default.
	IncludeRetracted bool
}

// ParseDirection returns the traversal direction named s: "both" (also for
// ""), "out" or "in".
func ParseDirection(s string) (string, bool) {
	switch s {
	case "":
		return "both", true
	case "both", "out", "in":
		return s, true
	}
	return "", false
}

// ParseUndated returns what a date filter does with undated edges, named s:
// "keep" (also for "") or "drop".
func ParseUndated(s string) (string, bool) {
	switch s {
	case "":
		return "keep", true
	case "keep", "drop":
		return s, true
	}
	return "", false
}

// PathQuery asks for paths between two entities.
type PathQuery struct {
	From, To string // ids or names, resolved by the store
	MaxDepth int
	All      bool // all shortest paths instead of one
	Limit    int  // ranked paths wanted (the /paths route)
	Filter
}

// NeighborQuery asks for the k-hop neighbourhood of an entity.
type NeighborQuery struct {
	ID    string
	Depth int
	Limit int // nodes
	Filter
}

// SearchQuery asks for entities by name or alias.
type SearchQuery struct {
	Q     string
	Kinds []Kind
	Limit int
}

// GraphQuery asks for the (filtered) graph.
type GraphQuery struct {
	Kinds            []Kind
	Rels             []string
	Limit            int
	Evidence         EvidenceLevel // weakest evidence level of the edges kept; "" keeps all
	IncludeRetracted bool
}

// TimelineQuery asks for dated events and edges.
type TimelineQuery struct {
	Entity           string
	From, To         string
	Limit            int
	IncludeRetracted bool
}

// NormalizeName folds a name or alias for matching: lower case, letters and
// digits only, so "ISIS-K", "isis k" and "IS–IS K" all read "isisk".
func NormalizeName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Keys returns the normalized forms a node is found by: its id, the id's slug,
// its name and every alias.
func (n Node) Keys() []string {
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		if k := NormalizeName(s); k != "" && !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	add(n.ID)
	if _, slug, ok := strings.Cut(n.ID, ":"); ok {
		add(slug)
	}
	add(n.Name)
	for _, a := range n.Aliases {
		add(a)
	}
	return out
}
