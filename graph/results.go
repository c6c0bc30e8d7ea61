package graph

// KindCount is the number of nodes of one kind.
type KindCount struct {
	Kind  Kind   `json:"kind"`
	Count int64  `json:"count"`
	Doc   string `json:"doc"`
}

// RelCount is the number of relationships of one type, with its definition.
type RelCount struct {
	Type  string `json:"type"`
	Count int64  `json:"count"`
	From  []Kind `json:"from"`
	To    []Kind `json:"to"`
	Doc   string `json:"doc"`
}

// SchemaInfo lists node kinds and relationship types with counts.
type SchemaInfo struct {
	Kinds         []KindCount `json:"kinds"`
	Relationships []RelCount  `json:"relationships"`
	Stances       []string    `json:"stances"`
}

// SearchHit is one entity found by name or alias.
type SearchHit struct {
	ID      string   `json:"id"`
	Kind    Kind     `json:"kind"`
	Name    string   `json:"name"`
	Aliases []string `json:"aliases"`
	Score   float64  `json:"score"`
	// Exact is true when the query equals the name, an alias or the id once
	// case, spaces and dashes are folded.
	Exact bool `json:"exact"`
}

// SearchResult is a ranked list of entities.
type SearchResult struct {
	Results   []SearchHit `json:"results"`
	Truncated bool        `json:"truncated"`
}

// EntityDetail is one entity with its degree per relationship type.
type EntityDetail struct {
	Node
	Degree map[string]int64 `json:"degree"`
}

// TimelineItem is one dated event or edge.
type TimelineItem struct {
	Date string `json:"date"`
	// What is "event" (a dated Event node) or "relationship" (a dated edge).
	What string `json:"what"`
	Node *Node  `json:"node,omitempty"`
	Edge *Edge  `json:"edge,omitempty"`
}

// Timeline is dated items, oldest first, with the nodes they mention.
type Timeline struct {
	Items     []TimelineItem `json:"items"`
	Nodes     []Node         `json:"nodes"`
	Truncated bool           `json:"truncated"`
}

// Counts are created / updated / unchanged records of one import.
type Counts struct {
	Created   int `json:"created"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
}

// ImportReport says what an import changed.
type ImportReport struct {
	Nodes Counts `json:"nodes"`
	Edges Counts `json:"edges"`
	// RelationshipsCreated and NodesCreated are Neo4j's own counters.
	NodesCreated         int     `json:"nodesCreated"`
	RelationshipsCreated int     `json:"relationshipsCreated"`
	Seconds              float64 `json:"seconds"`
	// Skipped counts, by STIX type, the objects of a STIX bundle that have no
	// place in the graph (malware, indicators, relationships to them).
	Skipped map[string]int `json:"skipped,omitempty"`
	// Unresolved are the relationships a lenient STIX import left out because
	// an end is neither in the bundle nor in the graph, one per missing end.
	Unresolved []Problem `json:"unresolved,omitempty"`
	// Withheld are the records of the import left as stored because the
	// import's record is more strictly marked than the stored one: a
	// stricter record never changes what readers of the less strict one
	// see (give it an id of its own to store it beside).
	Withheld []Problem `json:"withheld,omitempty"`
	// OtherMarkings are the marking definitions a STIX bundle's objects
	// refer to that are not TLP ones, by id: kept on the records (as
	// stixMarkingRefs), not enforced.
	OtherMarkings []string `json:"otherMarkings,omitempty"`
}
