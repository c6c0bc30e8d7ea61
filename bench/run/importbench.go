package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/bench/gen"
	"github.com/actorgraph/actorgraph/cypher"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// importBench compares the atomic importer (validation, outcome counts, one
// transaction) with the importer's own statements (cypher.MergeNodesStatement,
// cypher.MergeEdgesStatement) run raw over the driver in one
// transaction, on the same generated graph under fresh ids each time,
// alternating; each side's graph must then hold exactly the data set's
// nodes and relationships. A re-imports too: the second import must add
// nothing, and its rate is the re-import rate.
func (b *bench) importBench(_ string) string {
	nodes := 10_000
	if v := os.Getenv("BENCH_IMPORT_NODES"); v != "" {
		nodes, _ = strconv.Atoi(v)
	}
	rounds := 2
	if v := os.Getenv("BENCH_IMPORT_ROUNDS"); v != "" {
		rounds, _ = strconv.Atoi(v)
	}
	store := cypher.New(b.driver, cypher.Options{})
	must(store.EnsureSchema(b.ctx))
	dir, err := os.MkdirTemp("", "agimport")
	must(err)
	defer os.RemoveAll(dir)
	load := func(tag string) *graph.DataSet {
		g, err := gen.Generate(gen.Config{Shape: "ba", Nodes: nodes, Seed: 11, Tag: tag})
		must(err)
		out := filepath.Join(dir, tag)
		must(g.Write(out))
		d, err := graph.ReadFile(filepath.Join(out, "nodes.csv"))
		must(err)
		return d
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "\n### Import into an empty graph: atomic importer vs the same statements raw (BA graph of %d nodes)\n\n| round | side | nodes | relationships | seconds | relationships/s | note |\n|---|---|---|---|---|---|---|\n", nodes)
	var aRate, bRate, reRate []float64
	for r := 0; r < rounds; r++ {
		for _, side := range []string{"A", "B"}[r%2:] {
			_ = side
		}
		order := []string{"A", "B"}
		if r%2 == 1 {
			order = []string{"B", "A"}
		}
		for _, side := range order {
			tag := fmt.Sprintf("imp%s%d-", strings.ToLower(side), r)
			d := load(tag)
			start := time.Now()
			note := ""
			if side == "A" {
				vstart := time.Now()
				must(store.Validate(b.ctx, d))
				validate := time.Since(vstart).Seconds()
				d = load(tag) // fresh, as the importer would get it
				start = time.Now()
				rep, err := store.Import(b.ctx, d, nil)
				must(err)
				el := time.Since(start).Seconds()
				b.checkTag(tag, len(d.Nodes), len(d.Edges))
				restart := time.Now()
				again, err := store.Import(b.ctx, d, nil)
				must(err)
				reEl := time.Since(restart).Seconds()
				if again.Nodes.Created+again.Edges.Created+again.Nodes.Updated+again.Edges.Updated != 0 {
					must(fmt.Errorf("re-import changed the graph: %+v", again))
				}
				b.checkTag(tag, len(d.Nodes), len(d.Edges))
				reRate = append(reRate, float64(len(d.Edges))/reEl)
				note = fmt.Sprintf("validation alone %.1fs; re-import %.1fs (%.0f rels/s): %d nodes and %d edges created, %d+%d unchanged; counts checked",
					validate, reEl, float64(len(d.Edges))/reEl, again.Nodes.Created, again.Edges.Created, again.Nodes.Unchanged, again.Edges.Unchanged)
				aRate = append(aRate, float64(rep.Edges.Created)/el)
				fmt.Fprintf(&sb, "| %d | A actorgraph Import | %d | %d | %.1f | %.0f | %s |\n", r, rep.Nodes.Created, rep.Edges.Created, el, float64(rep.Edges.Created)/el, note)
			} else {
				rels := b.rawImport(d)
				el := time.Since(start).Seconds()
				b.checkTag(tag, len(d.Nodes), len(d.Edges))
				bRate = append(bRate, float64(rels)/el)
				fmt.Fprintf(&sb, "| %d | B same statements, raw | %d | %d | %.1f | %.0f | counts checked |\n", r, len(d.Nodes), rels, el, float64(rels)/el)
			}
			b.deleteTag(tag)
		}
	}
	sort.Float64s(aRate)
	sort.Float64s(bRate)
	sort.Float64s(reRate)
	fmt.Fprintf(&sb, "\nmedian A %.0f rels/s, median B %.0f rels/s, ratio A/B %.2f; re-import (adds 0) median %.0f rels/s\n",
		med(aRate), med(bRate), med(aRate)/med(bRate), med(reRate))
	return sb.String()
}

func med(x []float64) float64 {
	if len(x) == 0 {
		return 0
	}
	if len(x)%2 == 0 {
		return (x[len(x)/2-1] + x[len(x)/2]) / 2
	}
	return x[len(x)/2]
}

// rawImport writes d with the importer's statements in one transaction,
// building the rows it sends the way the importer does, without its
// validation and outcome bookkeeping.
func (b *bench) rawImport(d *graph.DataSet) int {
	return b.rawImportWith(d, func(t string) string {
		q, err := cypher.MergeEdgesStatement(t)
		must(err)
		return q
	})
}

// rawImportWith is rawImport with edgeQ giving each type's edge statement.
func (b *bench) rawImportWith(d *graph.DataSet, edgeQ func(typ string) string) int {
	sess := b.driver.NewSession(b.ctx, neo4j.SessionConfig{AccessMode: neo4j.AccessModeWrite})
	defer sess.Close(b.ctx)
	tx, err := sess.BeginTransaction(b.ctx)
	must(err)
	byKind := map[graph.Kind][]any{}
	for _, n := range d.Nodes {
		byKind[n.Kind] = append(byKind[n.Kind], map[string]any{"props": cypher.NodeProps(n)})
	}
	batches := func(q string, rows []any) {
		for lo := 0; lo < len(rows); lo += 5000 {
			res, err := tx.Run(b.ctx, q, map[string]any{"batch": rows[lo:min(lo+5000, len(rows))]})
			must(err)
			_, err = res.Consume(b.ctx)
			must(err)
		}
	}
	for k, rows := range byKind {
		batches(cypher.MergeNodesStatement(k), rows)
	}
	byType := map[string][]any{}
	for _, e := range d.Edges {
		byType[e.Type] = append(byType[e.Type], map[string]any{"source": e.Source, "target": e.Target, "props": cypher.EdgeProps(e)})
	}
	for t, rows := range byType {
		if _, ok := graph.LookupRel(t); !ok {
			must(fmt.Errorf("type %q is not in the vocabulary", t))
		}
		batches(edgeQ(t), rows)
	}
	must(tx.Commit(b.ctx))
	return len(d.Edges)
}

// checkTag fails the run unless the graph holds exactly nodes entities
// and rels relationships under tag.
func (b *bench) checkTag(tag string, nodes, rels int) {
	res := b.run(`MATCH (n:Entity) WHERE split(n.id, ':')[1] STARTS WITH $tag
RETURN count(n) AS nodes, sum(COUNT { (n)-[]->() }) AS rels`, map[string]any{"tag": tag})
	n, _ := res.Records[0].Get("nodes")
	r, _ := res.Records[0].Get("rels")
	if n != int64(nodes) || r != int64(rels) {
		must(fmt.Errorf("import answer check: graph %s holds %v nodes and %v relationships, the data set %d and %d", tag, n, r, nodes, rels))
	}
}

func (b *bench) deleteTag(tag string) {
	sess := b.driver.NewSession(b.ctx, neo4j.SessionConfig{})
	defer sess.Close(b.ctx)
	res, err := sess.Run(b.ctx, "MATCH (n:Entity) WHERE split(n.id, ':')[1] STARTS WITH $tag CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS", map[string]any{"tag": tag})
	must(err)
	_, err = res.Consume(b.ctx)
	must(err)
}
