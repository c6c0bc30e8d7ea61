// Package dataset reads data sets: the JSON format, the nodes.csv /
// edges.csv pair, and (Stream) a set of files streamed record by record with
// the same validation graph.Validate runs on a whole set.
package dataset

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// MaxRecords bounds the records of one data set file, so a hostile file cannot
// exhaust memory before validation says no.
const MaxRecords = 5_000_000

// jsonEdge is the file form of an edge: its Evidence, but confidence is a
// pointer so that a missing value is an error, not a silent 0.
type jsonEdge struct {
	ID     string `json:"id"`
	Type   string `json:"type"`
	Source string `json:"source"`
	Target string `json:"target"`
	graph.Evidence
	Confidence *int           `json:"confidence"`
	Marking    string         `json:"marking"`
	Properties map[string]any `json:"properties"`
}

type jsonNode struct {
	ID         string         `json:"id"`
	Kind       string         `json:"kind"`
	Name       string         `json:"name"`
	Aliases    []string       `json:"aliases"`
	Marking    string         `json:"marking"`
	Properties map[string]any `json:"properties"`
	// TextFile names a file, relative to the data set, holding a Source's text.
	TextFile string `json:"textFile"`
}

type jsonDataSet struct {
	Name        string     `json:"name"`
	Description string     `json:"description"`
	Marking     string     `json:"marking"`
	Nodes       []jsonNode `json:"nodes"`
	Edges       []jsonEdge `json:"edges"`
}

// ReadFile reads a data set: a .json file, or a nodes.csv / edges.csv pair given
// as either file (the other is found beside it). A Source's textFile is read
// relative to the data set's folder.
func ReadFile(path string) (*graph.DataSet, error) {
	if strings.EqualFold(filepath.Ext(path), ".csv") {
		return readCSVPair(path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ParseJSON(f, path, DirReader(filepath.Dir(path)))
}

// TextReader reads a Source's textFile, a path relative to the data set.
type TextReader func(name string) ([]byte, error)

// DirReader reads text files inside dir, and nowhere else.
func DirReader(dir string) TextReader {
	return FSReader(os.DirFS(dir))
}

// FSReader reads text files from fsys (an embedded data set, say).
func FSReader(fsys fs.FS) TextReader {
	return func(name string) ([]byte, error) {
		if !fs.ValidPath(name) {
			return nil, errors.New("must be a path inside the data set's folder")
		}
		return fs.ReadFile(fsys, name)
	}
}

// ParseJSON parses a data set in the JSON format. name is used in error
// messages. readText reads textFile paths; nil forbids textFile (the HTTP
// import reads no files from the server's disk).
func ParseJSON(r io.Reader, name string, readText TextReader) (*graph.DataSet, error) {
	dec := json.NewDecoder(&utf8Reader{r: r})
	dec.DisallowUnknownFields()
	dec.UseNumber()
	var raw jsonDataSet
	if err := dec.Decode(&raw); err != nil {
		return nil, jsonError(name, err)
	}
	if dec.More() {
		return nil, &graph.ValidationError{Problems: []graph.Problem{{Record: name,
			Reason: "unexpected data after the data set object"}}}
	}
	if raw.Nodes == nil && raw.Edges == nil {
		// null, {} or an object without either list: almost surely not what was meant.
		return nil, &graph.ValidationError{Problems: []graph.Problem{{Record: name,
			Reason: "no nodes and no edges; want a JSON object with nodes and/or edges lists"}}}
	}
	if len(raw.Nodes)+len(raw.Edges) > MaxRecords {
		return nil, &graph.ValidationError{Problems: []graph.Problem{{Record: name,
			Reason: fmt.Sprintf("more than %d records; split the file", MaxRecords)}}}
	}
	d := &graph.DataSet{Name: raw.Name, Description: raw.Description, File: name}
	var probs []graph.Problem
	d.Marking, probs = marking(raw.Marking, "marking", probs)
	for i, n := range raw.Nodes {
		rec := fmt.Sprintf("nodes[%d]", i)
		node, p := n.toNode(rec, readText)
		probs = append(probs, p...)
		d.AddNode(node, graph.RecordName(rec, n.ID))
	}
	for i, e := range raw.Edges {
		rec := fmt.Sprintf("edges[%d]", i)
		if e.Confidence == nil {
			probs = append(probs, graph.Problem{Record: graph.RecordName(rec, e.ID), Field: "confidence",
				Reason: "missing; give 0-100"})
		}
		edge, p := e.toEdge(graph.RecordName(rec, e.ID))
		probs = append(probs, p...)
		d.AddEdge(edge, graph.RecordName(rec, e.ID))
	}
	if len(probs) > 0 {
		return nil, graph.PrefixProblems(name, probs)
	}
	return d, nil
}

func (n jsonNode) toNode(rec string, readText TextReader) (graph.Node, []graph.Problem) {
	node := graph.Node{ID: n.ID, Kind: graph.Kind(n.Kind), Name: n.Name, Aliases: n.Aliases,
		Properties: NormalizeProps(n.Properties)}
	if k, ok := graph.ParseKind(n.Kind); ok {
		node.Kind = k
	}
	var probs []graph.Problem
	node.Marking, probs = marking(n.Marking, graph.RecordName(rec, n.ID), probs)
	if n.TextFile == "" {
		return node, probs
	}
	if readText == nil {
		return node, append(probs, graph.Problem{Record: graph.RecordName(rec, n.ID), Field: "textFile",
			Value: n.TextFile, Reason: "files are read only by the command-line import; put the text in properties.text"})
	}
	text, err := readText(n.TextFile)
	if err != nil {
		return node, append(probs, graph.Problem{Record: graph.RecordName(rec, n.ID), Field: "textFile",
			Value: n.TextFile, Reason: "cannot read: " + err.Error()})
	}
	if node.Properties == nil {
		node.Properties = map[string]any{}
	}
	node.Properties["text"] = string(text)
	node.Properties["textFile"] = n.TextFile
	return node, probs
}

func (e jsonEdge) toEdge(rec string) (graph.Edge, []graph.Problem) {
	ev := e.Evidence
	if e.Confidence != nil {
		ev.Confidence = *e.Confidence
	}
	m, probs := marking(e.Marking, rec, nil)
	return graph.Edge{ID: e.ID, Type: e.Type, Source: e.Source, Target: e.Target, Evidence: ev, Marking: m,
		Properties: NormalizeProps(e.Properties)}, probs
}

// marking reads an optional marking field of record rec ("" is none: the
// data set's or the default), adding a problem naming the allowed values
// when it is not one.
func marking(s, rec string, probs []graph.Problem) (graph.Marking, []graph.Problem) {
	if strings.TrimSpace(s) == "" {
		return "", probs
	}
	m, err := graph.ParseMarking(s)
	if err != nil {
		return "", append(probs, graph.Problem{Record: rec, Field: "marking", Value: s,
			Reason: "not a TLP 2.0 marking; want one of clear, green, amber, amber+strict, red"})
	}
	return m, probs
}

// NormalizeProps turns the json.Numbers of decoded properties into int64 or
// float64, as stored (every reader of JSON data sets uses it).
func NormalizeProps(m map[string]any) map[string]any {
	for k, v := range m {
		m[k] = NormalizeValue(v)
	}
	return m
}

// NormalizeValue is NormalizeProps for one value (lists included).
func NormalizeValue(v any) any {
	switch x := v.(type) {
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return i
		}
		if f, err := x.Float64(); err == nil {
			return f
		}
		return x.String()
	case []any:
		for i := range x {
			x[i] = NormalizeValue(x[i])
		}
		return x
	}
	return v
}

func jsonError(name string, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return &graph.ValidationError{Problems: []graph.Problem{{Record: name,
			Reason: fmt.Sprintf("not valid JSON at byte %d: %v", se.Offset, se)}}}
	case errors.As(err, &te):
		return &graph.ValidationError{Problems: []graph.Problem{{Record: name, Field: te.Field,
			Reason: fmt.Sprintf("wrong type at byte %d: want %s, got %s", te.Offset, te.Type, te.Value)}}}
	case strings.HasPrefix(err.Error(), "not valid UTF-8"):
		return &graph.ValidationError{Problems: []graph.Problem{{Record: name, Reason: err.Error() +
			"; save the file as UTF-8"}}}
	case errors.Is(err, io.EOF):
		return &graph.ValidationError{Problems: []graph.Problem{{Record: name,
			Reason: "empty input; want a JSON object with nodes and edges"}}}
	}
	return &graph.ValidationError{Problems: []graph.Problem{{Record: name,
		Reason: "cannot read the data set: " + err.Error()}}}
}

// IsSTIXBundle reports whether the JSON document b is a STIX bundle: an
// object whose top-level "type" is "bundle" (wherever it stands among the
// keys). A data set has no top-level "type".
func IsSTIXBundle(b []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(b))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return false
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return false
		}
		switch key {
		case "type":
			v, err := dec.Token()
			return err == nil && v == "bundle"
		case "nodes", "edges", "name", "description":
			return false // a data set's keys: no need to read on
		}
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			return false
		}
	}
	return false
}
