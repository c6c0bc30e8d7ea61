package graph

// Head is what a streamed graph document says before its first element:
// whether the answer was cut at its size limit, and the property keys its
// nodes and edges carry (as stored, in any order), which the XML formats
// declare before the first element.
type Head struct {
	Truncated          bool
	NodeKeys, EdgeKeys []string
}

// Sink receives a graph element by element, as a store reads it: Begin
// once, then every node, then every edge, then End. An error ends the
// document where it is.
type Sink interface {
	Begin(h Head) error
	Node(n *Node) error
	Edge(e *Edge) error
	End() error
}
