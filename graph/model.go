package graph

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
)

// Node is an entity of the graph. Properties holds everything beyond id, kind,
// name and aliases: scalars or lists of scalars.
type Node struct {
	ID      string   `json:"id"`
	Kind    Kind     `json:"kind"`
	Name    string   `json:"name"`
	Aliases []string `json:"aliases,omitempty"`
	// Marking is the node's TLP marking: in a data set, the record's own
	// ("" takes the data set's, then the configured default); in an answer,
	// the stored one (the least strict record that named the entity).
	Marking    Marking        `json:"marking,omitempty"`
	Properties map[string]any `json:"properties,omitempty"`
	// Hidden, in neighbourhood answers, counts the node's relationships that
	// the answer does not show.
	Hidden *int `json:"hidden,omitempty"`
	// Annotations, when an answer is asked for them (annotate=), are the
	// node's centrality scores and community over the answer's graph.
	Annotations
}

// Annotations are a node's analytics over the graph of the answer it is
// in, each set only when asked for (annotate=pagerank,community,...).
type Annotations struct {
	Degree      *float64 `json:"degree,omitempty"`
	Betweenness *float64 `json:"betweenness,omitempty"`
	Closeness   *float64 `json:"closeness,omitempty"`
	PageRank    *float64 `json:"pagerank,omitempty"`
	Eigenvector *float64 `json:"eigenvector,omitempty"`
	Community   *int     `json:"community,omitempty"`
}

// AnnotationNames are the annotations in the order the formats write them.
var AnnotationNames = []string{"degree", "betweenness", "closeness", "pagerank", "eigenvector", "community"}

// Annotation is one annotation's value: a score (Float) or a community
// (Int), named as in AnnotationNames.
type Annotation struct {
	Name  string
	Float *float64
	Int   *int
}

// List is a's annotations that are set, in AnnotationNames' order.
func (a *Annotations) List() []Annotation {
	var out []Annotation
	for _, v := range []Annotation{{Name: "degree", Float: a.Degree}, {Name: "betweenness", Float: a.Betweenness},
		{Name: "closeness", Float: a.Closeness}, {Name: "pagerank", Float: a.PageRank},
		{Name: "eigenvector", Float: a.Eigenvector}, {Name: "community", Int: a.Community}} {
		if v.Float != nil || v.Int != nil {
			out = append(out, v)
		}
	}
	return out
}

// Evidence is what an edge rests on. Level says which kind: a verified
// quote (Quote is text[QuoteStart:QuoteEnd], in code points, of QuoteSource's
// stored text, whose sha256 is QuoteSHA256), a reported quote (Quote, not
// checkable here), or a summary (Summary, the curator's words; no Quote).
type Evidence struct {
	Level       EvidenceLevel `json:"evidence"`
	Sources     []string      `json:"sources"`
	Quote       string        `json:"quote,omitempty"`
	QuoteSource string        `json:"quoteSource,omitempty"`
	QuoteStart  *int          `json:"quoteStart,omitempty"`
	QuoteEnd    *int          `json:"quoteEnd,omitempty"`
	QuoteSHA256 string        `json:"quoteSha256,omitempty"`
	Summary     string        `json:"summary,omitempty"`
	Confidence  int           `json:"confidence"`
	Stance      Stance        `json:"stance"`
	ValidFrom   string        `json:"validFrom,omitempty"`
	ValidTo     string        `json:"validTo,omitempty"`
	ReportedOn  string        `json:"reportedOn,omitempty"`
	Inferred    bool          `json:"inferred,omitempty"`
	Reason      string        `json:"reason,omitempty"`
}

// EvidenceFields are the JSON names of Evidence's fields, in order: the
// evidence every edge carries beside id, type, source and target. Stores and
// formats that spell the fields out take them from here.
var EvidenceFields = jsonNames(reflect.TypeFor[Evidence]())

// jsonNames are the JSON names of t's fields.
func jsonNames(t reflect.Type) []string {
	names := make([]string, 0, t.NumField())
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		names = append(names, name)
	}
	return names
}

// Edge is a directed relationship of a vocabulary type with its evidence at the
// top level, beside id, type, source and target.
type Edge struct {
	ID     string `json:"id"`
	Type   string `json:"type"`
	Source string `json:"source"`
	Target string `json:"target"`
	Evidence
	// Marking is the edge's TLP marking: in a data set, the record's own
	// ("" takes the data set's, then the configured default); in an answer,
	// the effective one, the strictest of its own and its sources'.
	Marking    Marking        `json:"marking,omitempty"`
	Properties map[string]any `json:"properties,omitempty"`
}

// Subgraph is a set of nodes and the edges among them.
type Subgraph struct {
	Nodes     []Node `json:"nodes"`
	Edges     []Edge `json:"edges"`
	Truncated bool   `json:"truncated"`
}

// EdgeID returns the id an edge gets when the data set gives none.
func EdgeID(typ, source, target string) string {
	return typ + ":" + source + "->" + target
}

// DataSet is a file of nodes (sources among them) and edges to import.
type DataSet struct {
	Name        string `json:"name,omitempty"`
	Description string `json:"description,omitempty"`
	// Marking is the marking of the records that carry none of their own
	// ("": the configured default, ACTORGRAPH_DEFAULT_MARKING).
	Marking Marking `json:"marking,omitempty"`
	Nodes   []Node  `json:"nodes"`
	Edges   []Edge  `json:"edges"`
	// File is where the data set was read from, for error messages.
	File string `json:"-"`
	// nodeRecord and edgeRecord name each record's place in the file
	// ("nodes[3]", "line 7") for error messages.
	nodeRecord []string
	edgeRecord []string
}

// NodeRecord names where node i was read from.
func (d *DataSet) NodeRecord(i int) string {
	if i < len(d.nodeRecord) && d.nodeRecord[i] != "" {
		return d.nodeRecord[i]
	}
	return "nodes[" + itoa(i) + "]"
}

// EdgeRecord names where edge i was read from.
func (d *DataSet) EdgeRecord(i int) string {
	if i < len(d.edgeRecord) && d.edgeRecord[i] != "" {
		return d.edgeRecord[i]
	}
	return "edges[" + itoa(i) + "]"
}

// Merge appends other's records to d, keeping their record names.
func (d *DataSet) Merge(other *DataSet) {
	for i := range other.Nodes {
		d.nodeRecord = append(padTo(d.nodeRecord, len(d.Nodes)), other.File+": "+other.NodeRecord(i))
		d.Nodes = append(d.Nodes, other.Nodes[i])
	}
	for i := range other.Edges {
		d.edgeRecord = append(padTo(d.edgeRecord, len(d.Edges)), other.File+": "+other.EdgeRecord(i))
		d.Edges = append(d.Edges, other.Edges[i])
	}
}

func padTo(xs []string, n int) []string {
	for len(xs) < n {
		xs = append(xs, "")
	}
	return xs
}

func itoa(i int) string {
	const digits = "0123456789"
	if i == 0 {
		return "0"
	}
	var b [20]byte
	p := len(b)
	neg := i < 0
	if neg {
		i = -i
	}
	for i > 0 {
		p--
		b[p] = digits[i%10]
		i /= 10
	}
	if neg {
		p--
		b[p] = '-'
	}
	return string(b[p:])
}

// AddNode appends n, read from record (a place in the file, for error messages).
func (d *DataSet) AddNode(n Node, record string) {
	d.nodeRecord = append(padTo(d.nodeRecord, len(d.Nodes)), record)
	d.Nodes = append(d.Nodes, n)
}

// AddEdge appends e, read from record.
func (d *DataSet) AddEdge(e Edge, record string) {
	d.edgeRecord = append(padTo(d.edgeRecord, len(d.Edges)), record)
	d.Edges = append(d.Edges, e)
}

// MarshalJSON writes a data set in the JSON import format (text inline).
func (d *DataSet) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	type plain DataSet
	err := json.NewEncoder(&buf).Encode((*plain)(d))
	return buf.Bytes(), err
}
