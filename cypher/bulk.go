package cypher

import (
	"context"
	"fmt"
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
	// multiline are the files with a value holding a line break.
	multiline []string
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
	args := []string{"--array-delimiter=U+001F", "--ignore-empty-strings=false",
		"--bad-tolerance=0", "--skip-bad-relationships=false", "--skip-duplicate-nodes=false"}
	// Fields spanning lines slow the whole import down when allowed
	// everywhere, so only the files holding such rows are named.
	if len(f.multiline) > 0 {
		args = append(args, "--multiline-fields-format=v2", "--multiline-fields="+strings.Join(f.multiline, ","))
	}
	for _, n := range f.Nodes {
		args = append(args, "--nodes="+n)
	}
	for _, r := range f.Relationships {
		args = append(args, "--relationships="+r)
	}
	return args
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
			return "", fmt.Errorf("value %q holds the control character U+001F, which a bulk load "+
				"uses between list elements; use actorgraph import", s)
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
// committed chunks (the graph was just loaded; there is
// nothing to roll back to), then gives the graph a version.
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
		// Two transactions at a time of 10,000 rows (the rows are disjoint
		// nodes or relationships, so the two never wait on each other's
		// locks): 7.1-7.2 s on the bench's 1.1M nodes, against 7.7-8.1 s one
		// at a time of 50,000 (BENCHMARKS.md).
		q := pattern + " WHERE " + prop + " IS NULL CALL { WITH x SET " + prop +
			" = [] } IN 2 CONCURRENT TRANSACTIONS OF 10000 ROWS"
		sess := s.session(ctx, neo4j.AccessModeWrite, 0)
		res, err := sess.Run(ctx, q, nil)
		if err == nil {
			_, err = res.Consume(ctx)
		}
		sess.Close(context.WithoutCancel(ctx))
		if err = translate(ctx, err); err != nil {
			return fmt.Errorf("set empty %s lists: %w", e.key, err)
		}
	}
	// neo4j-admin wrote a new database, without a version: give it one, so
	// the servers' caches of the graph before are read again.
	if err := s.write(ctx, "graph_version", nil, statement{versionBump, nil}); err != nil {
		return fmt.Errorf("set the graph version: %w", err)
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
