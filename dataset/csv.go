package dataset

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// CSV columns. Lists (aliases, sources) are separated by "|"; properties is a
// JSON object. Header rows are required; column order is free.
var (
	NodeColumns = []string{"id", "kind", "name", "aliases", "properties", "marking"}
	EdgeColumns = []string{"id", "type", "source", "target", "sources", "quote", "quoteSource", "confidence",
		"stance", "validFrom", "validTo", "reportedOn", "inferred", "reason", "properties",
		"evidence", "quoteStart", "quoteEnd", "quoteSha256", "summary", "marking"}
)

func readCSVPair(path string) (*graph.DataSet, error) {
	dir := filepath.Dir(path)
	readText := DirReader(dir)
	d := &graph.DataSet{File: dir}
	for _, part := range []string{"nodes.csv", "edges.csv"} {
		f, err := os.Open(filepath.Join(dir, part))
		if err != nil {
			return nil, fmt.Errorf("a CSV data set is nodes.csv and edges.csv in one folder: %w", err)
		}
		var one *graph.DataSet
		if part == "nodes.csv" {
			one, err = ParseNodesCSV(f, filepath.Join(dir, part), readText)
		} else {
			one, err = ParseEdgesCSV(f, filepath.Join(dir, part))
		}
		f.Close()
		if err != nil {
			return nil, err
		}
		d.Merge(one)
	}
	return d, nil
}

type csvTable struct {
	name string
	r    *csv.Reader
	col  map[string]int
}

// openCSV reads the header; required columns must be there, and any column
// not in want is an error (a typo would otherwise drop data silently).
func openCSV(r io.Reader, name string, want, required []string) (*csvTable, error) {
	cr := csv.NewReader(&utf8Reader{r: r})
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, csvError(name, 1, err)
	}
	t := &csvTable{name: name, r: cr, col: map[string]int{}}
	for i, h := range header {
		t.col[strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))] = i
	}
	for _, c := range required {
		if _, ok := t.col[c]; !ok {
			return nil, &graph.ValidationError{Problems: []graph.Problem{{Record: name + ": line 1",
				Reason: fmt.Sprintf("header lacks column %q; want %s", c, strings.Join(want, ","))}}}
		}
	}
	for h := range t.col {
		if !contains(want, h) {
			return nil, &graph.ValidationError{Problems: []graph.Problem{{Record: name + ": line 1",
				Field: h, Reason: "unknown column; want " + strings.Join(want, ",")}}}
		}
	}
	return t, nil
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// next returns the next row as a column lookup and its line, or io.EOF.
func (t *csvTable) next() (func(string) string, int, error) {
	row, err := t.r.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, 0, io.EOF
		}
		// FieldPos is only defined for a record that was read; a ParseError
		// carries its own line.
		return nil, 0, csvError(t.name, 0, err)
	}
	line, _ := t.r.FieldPos(0)
	return func(c string) string {
		if i, ok := t.col[c]; ok && i < len(row) {
			return row[i]
		}
		return ""
	}, line, nil
}

func csvError(name string, line int, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		line = pe.Line
		err = pe.Err
	}
	if errors.Is(err, io.EOF) {
		err = errors.New("empty file; want a header row")
	}
	return &graph.ValidationError{Problems: []graph.Problem{{Record: fmt.Sprintf("%s: line %d", name, line),
		Reason: "bad CSV: " + err.Error()}}}
}

func splitList(s string) []string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	parts := strings.Split(s, "|")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts
}

func parseProps(s string) (map[string]any, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	dec := json.NewDecoder(bytes.NewReader([]byte(s)))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return nil, errors.New("want a JSON object: " + err.Error())
	}
	return NormalizeProps(m), nil
}

// ParseNodesCSV parses nodes.csv. readText reads a Source's textFile (given in
// properties); nil forbids it.
func ParseNodesCSV(r io.Reader, name string, readText TextReader) (*graph.DataSet, error) {
	t, err := openCSV(r, name, NodeColumns, []string{"id", "kind", "name"})
	if err != nil {
		return nil, err
	}
	d := &graph.DataSet{File: name}
	var probs []graph.Problem
	for len(d.Nodes) < MaxRecords {
		get, line, err := t.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		rec := fmt.Sprintf("line %d", line)
		n, p := nodeRow(get, rec, readText)
		probs = append(probs, p...)
		d.AddNode(n, graph.RecordName(rec, n.ID))
	}
	if len(probs) > 0 {
		return nil, graph.PrefixProblems(name, probs)
	}
	return d, nil
}

// ParseEdgesCSV parses edges.csv.
func ParseEdgesCSV(r io.Reader, name string) (*graph.DataSet, error) {
	t, err := openCSV(r, name, EdgeColumns, []string{"type", "source", "target", "evidence", "sources",
		"confidence", "stance"})
	if err != nil {
		return nil, err
	}
	d := &graph.DataSet{File: name}
	var probs []graph.Problem
	for len(d.Edges) < MaxRecords {
		get, line, err := t.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		rec := graph.RecordName(fmt.Sprintf("line %d", line), get("id"))
		e, p := edgeRow(get, rec)
		probs = append(probs, p...)
		d.AddEdge(e, rec)
	}
	if len(probs) > 0 {
		return nil, graph.PrefixProblems(name, probs)
	}
	return d, nil
}

// nodeRow reads one row of nodes.csv into a node; rec names the row.
func nodeRow(get func(string) string, rec string, readText TextReader) (graph.Node, []graph.Problem) {
	var probs []graph.Problem
	props, perr := parseProps(get("properties"))
	if perr != nil {
		probs = append(probs, graph.Problem{Record: rec, Field: "properties", Reason: perr.Error()})
	}
	jn := jsonNode{ID: get("id"), Kind: get("kind"), Name: get("name"), Aliases: splitList(get("aliases")),
		Properties: props, Marking: get("marking")}
	if tf, ok := props["textFile"].(string); ok {
		jn.TextFile = tf
		delete(props, "textFile")
	}
	n, p := jn.toNode(rec, readText)
	return n, append(probs, p...)
}

// edgeRow reads one row of edges.csv into an edge; rec names the row.
func edgeRow(get func(string) string, rec string) (graph.Edge, []graph.Problem) {
	var probs []graph.Problem
	je := jsonEdge{ID: get("id"), Type: get("type"), Source: get("source"), Target: get("target"), Marking: get("marking"),
		Evidence: graph.Evidence{Level: graph.EvidenceLevel(get("evidence")),
			Sources: splitList(get("sources")), Quote: get("quote"),
			QuoteSource: get("quoteSource"), QuoteSHA256: strings.TrimSpace(get("quoteSha256")), Summary: get("summary"),
			Stance: graph.Stance(get("stance")), ValidFrom: get("validFrom"), ValidTo: get("validTo"),
			ReportedOn: get("reportedOn"), Reason: get("reason")}}
	if c, err := strconv.Atoi(strings.TrimSpace(get("confidence"))); err == nil {
		je.Confidence = &c
	} else {
		probs = append(probs, graph.Problem{Record: rec, Field: "confidence", Value: get("confidence"),
			Reason: "want a whole number 0-100"})
	}
	for _, o := range []struct {
		col string
		dst **int
	}{{"quoteStart", &je.QuoteStart}, {"quoteEnd", &je.QuoteEnd}} {
		s := strings.TrimSpace(get(o.col))
		if s == "" {
			continue
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			probs = append(probs, graph.Problem{Record: rec, Field: o.col, Value: s,
				Reason: "want a whole number of code points, 0 or more"})
			continue
		}
		*o.dst = &n
	}
	if s := strings.TrimSpace(get("inferred")); s != "" {
		b, err := strconv.ParseBool(s)
		if err != nil {
			probs = append(probs, graph.Problem{Record: rec, Field: "inferred", Value: s, Reason: "want true or false"})
		}
		je.Inferred = b
	}
	props, perr := parseProps(get("properties"))
	if perr != nil {
		probs = append(probs, graph.Problem{Record: rec, Field: "properties", Reason: perr.Error()})
	}
	je.Properties = props
	e, p := je.toEdge(rec)
	return e, append(probs, p...)
}
