package cypher

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// BulkWriter writes validated records, one at a time, into neo4j-admin's
// CSV format in a folder: labels Entity and the kind on nodes, each property
// in a typed column (string, string[], long, double, boolean). The
// properties are exactly what an import stores (nodeProps, edgeProps), so a
// bulk-loaded graph answers as an imported one does. neo4j-admin types a
// column per file, so each kind or type gets one file per set of property
// columns its rows have (an import stores 12 and "about 40" alike); rows with
// a line break in a value go to files of their own, the only ones
// neo4j-admin is told may hold multi-line fields. Nothing but open files
// and counts per kind and type is kept.
type BulkWriter struct {
	dir   string
	files map[string]*bulkFile // by kind or type, columns and line breaks
	all   []*bulkFile
	stats map[string]*bulkStats // by "n" or "r" and the kind or type
	cols  []bulkCol             // one row's other columns, reused
	std   []any                 // one row's standard columns, reused
	sig   []byte                // one row's file key, reused
	// marking is the marking of records that carry none; sourceRanks the
	// marking rank of each Source stricter than clear, by id, so that an
	// edge is stored as strictly as its sources (its effective marking).
	marking     graph.Marking
	sourceRanks map[string]int
}

// bulkStandard are the columns every node or relationship file has, with
// their types: the fields nodeProps and edgeProps always or often set. An
// absent one is an empty (unquoted) field. Only other properties make a
// file's set of columns differ, which keeps the files few.
var bulkStandard = map[bool][]bulkCol{
	true: {{key: "aliasText", typ: "string"}, {key: "aliases", typ: "string[]"}, {key: "keyText", typ: "string"},
		{key: "keys", typ: "string[]"}, {key: "kind", typ: "string"}, {key: "name", typ: "string"}},
	false: {{key: "confidence", typ: "long"}, {key: "evidence", typ: "string"}, {key: "id", typ: "string"},
		{key: "inferred", typ: "boolean"}, {key: "quote", typ: "string"}, {key: "quoteEnd", typ: "long"},
		{key: "quoteSha256", typ: "string"}, {key: "quoteSource", typ: "string"}, {key: "quoteStart", typ: "long"},
		{key: "reason", typ: "string"}, {key: "reportedOn", typ: "string"}, {key: "sources", typ: "string[]"},
		{key: "stance", typ: "string"}, {key: "summary", typ: "string"}, {key: "validFrom", typ: "string"},
		{key: "validTo", typ: "string"}},
}

type bulkFile struct {
	name      string
	node      bool
	multiline bool
	keys      []string
	f         *os.File
	w         *bufio.Writer
}

type bulkCol struct {
	key, typ string
	v        any
}

// bulkStats counts, per kind or type, the rows that have each key and the
// keys some row holds as an empty list: neo4j-admin stores no property for
// an empty array, so FinishBulk sets those.
type bulkStats struct {
	node    bool
	label   string
	rows    int
	present map[string]int
	empty   map[string]bool
}

// NewBulkWriter writes into dir, which must exist; records that carry no
// marking get marking ("" is graph.DefaultMarking), as an import gives them
// the store's default.
func NewBulkWriter(dir string, marking graph.Marking) *BulkWriter {
	return &BulkWriter{dir: dir, files: map[string]*bulkFile{}, stats: map[string]*bulkStats{},
		marking: marking, sourceRanks: map[string]int{}}
}

// Node writes a validated node.
func (b *BulkWriter) Node(n graph.Node) error {
	if _, ok := graph.ParseKind(string(n.Kind)); !ok {
		return fmt.Errorf("kind %q is not in the vocabulary", n.Kind)
	}
	if n.Marking == "" {
		n.Marking = b.marking
	}
	if r := n.Marking.Rank(); n.Kind == graph.Source && r > graph.Clear.Rank() {
		b.sourceRanks[n.ID] = r
	}
	p := nodeProps(n)
	delete(p, "id") // the id:ID column stores it
	label := "Entity" + string(BulkArrayDelimiter) + string(n.Kind)
	return b.row(true, string(n.Kind), p, quoteCSV(n.ID), quoteCSV(label))
}

// Edge writes a validated edge.
func (b *BulkWriter) Edge(e graph.Edge) error {
	if _, ok := graph.LookupRel(e.Type); !ok {
		return fmt.Errorf("relationship type %q is not in the vocabulary", e.Type)
	}
	if e.Marking == "" {
		e.Marking = b.marking
	}
	r := e.Marking.Rank()
	for _, src := range e.Sources {
		r = max(r, b.sourceRanks[src])
	}
	e.Marking = graph.MarkingOfRank(r)
	return b.row(false, e.Type, edgeProps(e), quoteCSV(e.Source), quoteCSV(e.Target), e.Type)
}

func (b *BulkWriter) row(node bool, label string, p map[string]any, fixed ...string) error {
	st := b.stat(node, label)
	st.rows++
	std := bulkStandard[node]
	b.cols, b.std = b.cols[:0], append(b.std[:0], make([]any, len(std))...)
	multiline := false
	for k, v := range p {
		st.present[k]++
		t, err := bulkType(v)
		if err != nil {
			return fmt.Errorf("property %q: %w", k, err)
		}
		if t == "" { // an empty list: no property, set by FinishBulk
			st.empty[k] = true
			continue
		}
		multiline = multiline || hasLineBreak(v)
		if i := slices.IndexFunc(std, func(c bulkCol) bool { return c.key == k }); i >= 0 {
			if std[i].typ != t {
				return fmt.Errorf("property %q: a %s where a bulk load writes a %s column; use actorgraph import", k, t, std[i].typ)
			}
			b.std[i] = v
			continue
		}
		b.cols = append(b.cols, bulkCol{k, t, v})
	}
	slices.SortFunc(b.cols, func(x, y bulkCol) int { return strings.Compare(x.key, y.key) })
	b.sig = append(b.sig[:0], fixed[len(fixed)-1]...)
	if multiline {
		b.sig = append(b.sig, "|ml"...)
	}
	for _, c := range b.cols {
		b.sig = append(append(append(append(b.sig, '|'), c.key...), ':'), c.typ...)
	}
	f, ok := b.files[string(b.sig)]
	if !ok {
		var err error
		if f, err = b.open(node, label, multiline, len(fixed)); err != nil {
			return err
		}
		b.files[string(b.sig)] = f
	}
	for i, s := range fixed {
		if i > 0 {
			f.w.WriteByte(',')
		}
		f.w.WriteString(s)
	}
	for i, v := range b.std {
		f.w.WriteByte(',')
		if v == nil {
			continue // absent: no property
		}
		if err := writeBulkValue(f.w, v); err != nil {
			return fmt.Errorf("property %q: %w", std[i].key, err)
		}
	}
	for _, c := range b.cols {
		f.w.WriteByte(',')
		if err := writeBulkValue(f.w, c.v); err != nil {
			return fmt.Errorf("property %q: %w", c.key, err)
		}
	}
	return f.w.WriteByte('\n')
}

func (b *BulkWriter) stat(node bool, label string) *bulkStats {
	key := "r" + label
	if node {
		key = "n" + label
	}
	st, ok := b.stats[key]
	if !ok {
		st = &bulkStats{node: node, label: label, present: map[string]int{}, empty: map[string]bool{}}
		b.stats[key] = st
	}
	return st
}

// open starts a file with the header of the row in b.cols.
func (b *BulkWriter) open(node bool, label string, multiline bool, nfixed int) (*bulkFile, error) {
	header := []string{":START_ID", ":END_ID", ":TYPE"}
	prefix := "rels-"
	if node {
		header, prefix = []string{"id:ID", ":LABEL"}, "nodes-"
	}
	header = header[:nfixed]
	for _, c := range bulkStandard[node] {
		header = append(header, c.key+":"+c.typ)
	}
	keys := make([]string, len(b.cols))
	for i, c := range b.cols {
		if strings.ContainsAny(c.key, ":,\"\n\r") {
			return nil, fmt.Errorf("property name %q cannot be a neo4j-admin column; use actorgraph import", c.key)
		}
		keys[i] = c.key
		header = append(header, c.key+":"+c.typ)
	}
	name := filepath.Join(b.dir, fmt.Sprintf("%s%s-%d.csv", prefix, label, len(b.all)))
	fh, err := os.Create(name)
	if err != nil {
		return nil, err
	}
	f := &bulkFile{name: name, node: node, multiline: multiline, keys: keys, f: fh, w: bufio.NewWriterSize(fh, 64<<10)}
	f.w.WriteString(strings.Join(header, ",") + "\n")
	b.all = append(b.all, f)
	return f, nil
}

// Close flushes the files and says which to give neo4j-admin.
func (b *BulkWriter) Close() (BulkFiles, error) {
	var files BulkFiles
	var first error
	for _, f := range b.all {
		err := f.w.Flush()
		if cerr := f.f.Close(); err == nil {
			err = cerr
		}
		if err != nil && first == nil {
			first = err
		}
		if f.node {
			files.Nodes = append(files.Nodes, f.name)
		} else {
			files.Relationships = append(files.Relationships, f.name)
		}
		if f.multiline {
			files.multiline = append(files.multiline, f.name)
		}
	}
	for _, st := range b.stats {
		for k := range st.empty {
			if st.present[k] == st.rows {
				files.emptyLists = append(files.emptyLists, emptyList{st.node, st.label, k})
			}
		}
	}
	slices.SortFunc(files.emptyLists, func(x, y emptyList) int {
		return strings.Compare(x.labelOrTyp+" "+x.key, y.labelOrTyp+" "+y.key)
	})
	return files, first
}

// hasLineBreak reports whether a string value, or an element of a list,
// holds a line break.
func hasLineBreak(v any) bool {
	switch x := v.(type) {
	case string:
		return strings.ContainsAny(x, "\n\r")
	case []string:
		for _, s := range x {
			if strings.ContainsAny(s, "\n\r") {
				return true
			}
		}
	case []any:
		for _, e := range x {
			if hasLineBreak(e) {
				return true
			}
		}
	}
	return false
}

// writeBulkValue writes one CSV field as bulkValue renders it, without
// building the string first for the common plain string.
func writeBulkValue(w *bufio.Writer, v any) error {
	if x, ok := v.(string); ok {
		w.WriteByte('"')
		for {
			i := strings.IndexByte(x, '"')
			if i < 0 {
				break
			}
			w.WriteString(x[:i+1])
			w.WriteByte('"')
			x = x[i+1:]
		}
		w.WriteString(x)
		return w.WriteByte('"')
	}
	s, err := bulkValue(v)
	if err != nil {
		return err
	}
	_, err = w.WriteString(s)
	return err
}
