package cypher

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// BulkArrayDelimiter separates array elements (and the labels) in the CSV
// files WriteBulkCSV writes; neo4j-admin is told it with
// --array-delimiter=U+001F. A value holding it cannot be bulk loaded.
const BulkArrayDelimiter = '\x1f'

// BulkFiles are the files WriteBulkCSV wrote, for neo4j-admin database
// import full --nodes=... --relationships=....
type BulkFiles struct {
	Nodes, Relationships []string
	// emptyLists are the list properties some rows hold empty: neo4j-admin
	// reads an empty array field as no property, so FinishBulk sets them.
	emptyLists []emptyList
}

// emptyList is a list property key of one kind (label) or relationship type
// that every row has and some hold empty.
type emptyList struct {
	node       bool
	labelOrTyp string
	key        string
}

// BulkImportArgs are the arguments of `neo4j-admin database import full`
// that read files: every value is taken as written (no empty strings
// dropped, quoted fields may span lines), and any bad row fails the import.
func (f BulkFiles) BulkImportArgs() []string {
	args := []string{"--array-delimiter=U+001F", "--multiline-fields=true", "--ignore-empty-strings=false",
		"--bad-tolerance=0", "--skip-bad-relationships=false", "--skip-duplicate-nodes=false"}
	for _, n := range f.Nodes {
		args = append(args, "--nodes="+n)
	}
	for _, r := range f.Relationships {
		args = append(args, "--relationships="+r)
	}
	return args
}

// WriteBulkCSV writes a validated data set into dir in neo4j-admin's CSV
// format: one nodes file per kind (labels Entity and the kind) and one
// relationships file per type, each property in a typed column (string,
// string[], long, double, boolean). The properties are exactly what an
// import stores (nodeProps, edgeProps), so a bulk-loaded graph answers as an
// imported one does.
func WriteBulkCSV(d *graph.DataSet, dir string) (BulkFiles, error) {
	var files BulkFiles
	byKind := map[graph.Kind][]map[string]any{}
	for _, n := range d.Nodes {
		byKind[n.Kind] = append(byKind[n.Kind], nodeProps(n))
	}
	for _, k := range graph.Kinds {
		rows := byKind[k.Kind]
		if len(rows) == 0 {
			continue
		}
		label := "Entity" + string(BulkArrayDelimiter) + string(k.Kind)
		names, empty, err := writeBulkFile(filepath.Join(dir, "nodes-"+string(k.Kind)), []string{"id:ID", ":LABEL"}, rows, func(p map[string]any) []string {
			return []string{quoteCSV(str(p, "id")), quoteCSV(label)}
		}, map[string]bool{"id": true})
		if err != nil {
			return files, err
		}
		for _, key := range empty {
			files.emptyLists = append(files.emptyLists, emptyList{true, string(k.Kind), key})
		}
		files.Nodes = append(files.Nodes, names...)
	}
	byType := map[string][]map[string]any{}
	for _, e := range d.Edges {
		if _, ok := graph.LookupRel(e.Type); !ok {
			return files, fmt.Errorf("relationship type %q is not in the vocabulary", e.Type)
		}
		p := edgeProps(e)
		p[" start"], p[" end"] = e.Source, e.Target
		byType[e.Type] = append(byType[e.Type], p)
	}
	types := make([]string, 0, len(byType))
	for t := range byType {
		types = append(types, t)
	}
	sort.Strings(types)
	for _, t := range types {
		names, empty, err := writeBulkFile(filepath.Join(dir, "rels-"+t), []string{":START_ID", ":END_ID", ":TYPE"}, byType[t], func(p map[string]any) []string {
			return []string{quoteCSV(str(p, " start")), quoteCSV(str(p, " end")), t}
		}, map[string]bool{" start": true, " end": true})
		if err != nil {
			return files, err
		}
		for _, k := range empty {
			files.emptyLists = append(files.emptyLists, emptyList{false, t, k})
		}
		files.Relationships = append(files.Relationships, names...)
	}
	return files, nil
}

// writeBulkFile writes rows as CSV files named base-N.csv: the fixed
// columns, then one typed column per property key. neo4j-admin types a
// column per file, so rows whose values of a key differ in type (an import
// stores 12 and "about 40" alike) go to different files. It returns the
// files and the list keys every row has and some hold empty.
func writeBulkFile(base string, fixed []string, rows []map[string]any, fixedValues func(map[string]any) []string, skip map[string]bool) ([]string, []string, error) {
	present, empty := map[string]int{}, map[string]bool{}
	type group struct {
		types map[string]string
		rows  []map[string]any
	}
	var groups []*group
	for _, p := range rows {
		rowTypes := map[string]string{}
		for k, v := range p {
			present[k]++
			if skip[k] {
				continue
			}
			t, err := bulkType(v)
			if err != nil {
				return nil, nil, fmt.Errorf("property %q: %w", k, err)
			}
			if t == "" { // an empty list says nothing about its element type
				empty[k] = true
				continue
			}
			rowTypes[k] = t
		}
		var g *group
		for _, c := range groups {
			fits := true
			for k, t := range rowTypes {
				if old, ok := c.types[k]; ok && old != t {
					fits = false
					break
				}
			}
			if fits {
				g = c
				break
			}
		}
		if g == nil {
			g = &group{types: map[string]string{}}
			groups = append(groups, g)
		}
		for k, t := range rowTypes {
			g.types[k] = t
		}
		g.rows = append(g.rows, p)
	}
	var files []string
	for i, g := range groups {
		for _, p := range g.rows { // keys with only empty lists
			for k, v := range p {
				if _, ok := g.types[k]; !ok && !skip[k] {
					if t, _ := bulkType(v); t == "" {
						g.types[k] = "string[]"
					}
				}
			}
		}
		name := fmt.Sprintf("%s-%d.csv", base, i)
		if err := writeCSV(name, fixed, g.types, g.rows, fixedValues); err != nil {
			return nil, nil, err
		}
		files = append(files, name)
	}
	var emptyKeys []string
	for k := range empty {
		if present[k] == len(rows) {
			emptyKeys = append(emptyKeys, k)
		}
	}
	sort.Strings(emptyKeys)
	return files, emptyKeys, nil
}

// writeCSV writes one neo4j-admin CSV file with a column per key of types.
func writeCSV(name string, fixed []string, types map[string]string, rows []map[string]any, fixedValues func(map[string]any) []string) error {
	keys := make([]string, 0, len(types))
	for k := range types {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	header := append([]string{}, fixed...)
	for _, k := range keys {
		if strings.ContainsAny(k, ":,\"\n\r") {
			return fmt.Errorf("property name %q cannot be a neo4j-admin column; use actorgraph import", k)
		}
		header = append(header, k+":"+types[k])
	}
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	w.WriteString(strings.Join(header, ",") + "\n")
	for _, p := range rows {
		cols := fixedValues(p)
		for _, k := range keys {
			v, ok := p[k]
			if !ok {
				cols = append(cols, "") // absent: no property
				continue
			}
			s, err := bulkValue(v)
			if err != nil {
				f.Close()
				return fmt.Errorf("property %q: %w", k, err)
			}
			cols = append(cols, s)
		}
		w.WriteString(strings.Join(cols, ",") + "\n")
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// bulkType names the neo4j-admin column type of a stored value; "" for an
// empty list.
func bulkType(v any) (string, error) {
	switch x := v.(type) {
	case string:
		return "string", nil
	case bool:
		return "boolean", nil
	case int, int64, int32:
		return "long", nil
	case float64, float32:
		return "double", nil // as the driver sends it
	case []string:
		if len(x) == 0 {
			return "", nil
		}
		return "string[]", nil
	case []any:
		if len(x) == 0 {
			return "", nil
		}
		var elem string
		for _, e := range x {
			t, err := bulkType(e)
			if err != nil || strings.HasSuffix(t, "[]") || t == "" || (elem != "" && t != elem) {
				return "", fmt.Errorf("a list of mixed or nested values cannot be bulk loaded; use actorgraph import")
			}
			elem = t
		}
		return elem + "[]", nil
	}
	return "", fmt.Errorf("a %T value cannot be bulk loaded; use actorgraph import", v)
}

// bulkValue renders one CSV field. Strings are always quoted, so an empty
// string stays an empty string; a list joins its elements with
// BulkArrayDelimiter.
func bulkValue(v any) (string, error) {
	switch x := v.(type) {
	case []string:
		return joinBulk(x)
	case []any:
		xs := make([]string, len(x))
		for i, e := range x {
			xs[i] = scalarText(e)
		}
		return joinBulk(xs)
	case string:
		return quoteCSV(x), nil
	}
	return scalarText(v), nil
}

func scalarText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case int:
		return strconv.Itoa(x)
	case int32:
		return strconv.FormatInt(int64(x), 10)
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case float32:
		return strconv.FormatFloat(float64(x), 'g', -1, 32)
	}
	return fmt.Sprint(v)
}

func joinBulk(xs []string) (string, error) {
	for _, s := range xs {
		if strings.ContainsRune(s, BulkArrayDelimiter) {
			return "", fmt.Errorf("value %q holds the control character U+001F, which a bulk load uses between list elements; use actorgraph import", s)
		}
	}
	return quoteCSV(strings.Join(xs, string(BulkArrayDelimiter))), nil
}

func quoteCSV(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// FinishBulk sets the empty list properties neo4j-admin left out (it reads
// an empty array as no property), so a bulk-loaded graph holds what an
// import stores: e.g. aliases [] on an entity without aliases. It runs in
// committed chunks (the graph was just loaded; there is nothing to roll
// back to).
func (s *Store) FinishBulk(ctx context.Context, f BulkFiles) error {
	for _, e := range f.emptyLists {
		pattern := "MATCH (x:" + e.labelOrTyp + ")"
		if !e.node {
			pattern = "MATCH ()-[x:" + e.labelOrTyp + "]->()"
		}
		if _, ok := graph.LookupRel(e.labelOrTyp); !ok && !e.node {
			return fmt.Errorf("relationship type %q is not in the vocabulary", e.labelOrTyp)
		}
		if k, ok := graph.ParseKind(e.labelOrTyp); (!ok || string(k) != e.labelOrTyp) && e.node {
			return fmt.Errorf("kind %q is not in the vocabulary", e.labelOrTyp)
		}
		prop := "x.`" + strings.ReplaceAll(e.key, "`", "``") + "`"
		q := pattern + " WHERE " + prop + " IS NULL CALL { WITH x SET " + prop + " = [] } IN TRANSACTIONS OF 50000 ROWS"
		sess := s.driver.NewSession(ctx, neo4j.SessionConfig{AccessMode: neo4j.AccessModeWrite, DatabaseName: s.opt.Database})
		res, err := sess.Run(ctx, q, nil)
		if err == nil {
			_, err = res.Consume(ctx)
		}
		sess.Close(context.WithoutCancel(ctx))
		if err = translate(ctx, err); err != nil {
			return fmt.Errorf("set empty %s lists: %w", e.key, err)
		}
	}
	return nil
}

// str reads a string from properties this package built itself (nodeProps,
// edgeProps), never from Neo4j's rows: those go through props, which fails
// loudly.
func str(m map[string]any, k string) string {
	s, _ := m[k].(string)
	return s
}
