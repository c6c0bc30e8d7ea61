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
// transaction) with raw UNWIND $batch MERGE statements in one transaction,
// on the same generated graph under fresh ids each time, alternating; then
// re-imports to check that a second import adds nothing.
func (b *bench) importBench(_ string) string {
	nodes := 10_000
	if v := os.Getenv("BENCH_IMPORT_NODES"); v != "" {
		nodes, _ = strconv.Atoi(v)
	}
	rounds := 2
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
	fmt.Fprintf(&sb, "\n### Import: atomic importer vs raw UNWIND $batch MERGE (BA graph of %d nodes)\n\n| round | side | nodes | relationships | seconds | relationships/s | note |\n|---|---|---|---|---|---|---|\n", nodes)
	var aRate, bRate []float64
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
				again, err := store.Import(b.ctx, d, nil)
				must(err)
				note = fmt.Sprintf("validation alone %.1fs; re-import: %d nodes and %d edges created, %d+%d unchanged", validate, again.Nodes.Created, again.Edges.Created, again.Nodes.Unchanged, again.Edges.Unchanged)
				aRate = append(aRate, float64(rep.Edges.Created)/el)
				fmt.Fprintf(&sb, "| %d | A actorgraph Import | %d | %d | %.1f | %.0f | %s |\n", r, rep.Nodes.Created, rep.Edges.Created, el, float64(rep.Edges.Created)/el, note)
			} else {
				rels := b.rawImport(d)
				el := time.Since(start).Seconds()
				bRate = append(bRate, float64(rels)/el)
				fmt.Fprintf(&sb, "| %d | B raw UNWIND MERGE | %d | %d | %.1f | %.0f | |\n", r, len(d.Nodes), rels, el, float64(rels)/el)
			}
			b.deleteTag(tag)
		}
	}
	sort.Float64s(aRate)
	sort.Float64s(bRate)
	fmt.Fprintf(&sb, "\nmedian A %.0f rels/s, median B %.0f rels/s, ratio A/B %.2f\n", med(aRate), med(bRate), med(aRate)/med(bRate))
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

// rawImport writes d with plain UNWIND MERGE statements in one transaction.
func (b *bench) rawImport(d *graph.DataSet) int {
	sess := b.driver.NewSession(b.ctx, neo4j.SessionConfig{AccessMode: neo4j.AccessModeWrite})
	defer sess.Close(b.ctx)
	tx, err := sess.BeginTransaction(b.ctx)
	must(err)
	byKind := map[graph.Kind][]any{}
	for _, n := range d.Nodes {
		p := map[string]any{"id": n.ID, "kind": string(n.Kind), "name": n.Name}
		for k, v := range n.Properties {
			p[k] = v
		}
		// The same stored fields as the importer writes (cypher.nodeProps),
		// so both sides maintain the same full-text index entries.
		aliases := n.Aliases
		if aliases == nil {
			aliases = []string{}
		}
		keys := n.Keys()
		p["aliases"], p["aliasText"] = aliases, strings.Join(n.Aliases, " | ")
		p["keys"], p["keyText"] = keys, strings.Join(keys, " ")
		byKind[n.Kind] = append(byKind[n.Kind], p)
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
		batches("UNWIND $batch AS row MERGE (n:Entity {id: row.id}) SET n = row, n:"+string(k), rows)
	}
	byType := map[string][]any{}
	for _, e := range d.Edges {
		p := map[string]any{"id": e.ID, "evidence": string(e.Evidence.Evidence), "sources": e.Sources, "quote": e.Quote, "quoteSource": e.Sources[0], "confidence": int64(e.Confidence), "stance": string(e.Stance)}
		for k, v := range map[string]string{"validFrom": e.ValidFrom, "validTo": e.ValidTo, "reportedOn": e.ReportedOn} {
			if v != "" {
				p[k] = v
			}
		}
		byType[e.Type] = append(byType[e.Type], map[string]any{"s": e.Source, "t": e.Target, "props": p})
	}
	for t, rows := range byType {
		batches("UNWIND $batch AS row MATCH (a:Entity {id: row.s}) MATCH (b:Entity {id: row.t}) MERGE (a)-[r:"+t+" {id: row.props.id}]->(b) SET r = row.props", rows)
	}
	must(tx.Commit(b.ctx))
	return len(d.Edges)
}

func (b *bench) deleteTag(tag string) {
	sess := b.driver.NewSession(b.ctx, neo4j.SessionConfig{})
	defer sess.Close(b.ctx)
	res, err := sess.Run(b.ctx, "MATCH (n:Entity) WHERE split(n.id, ':')[1] STARTS WITH $tag CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS", map[string]any{"tag": tag})
	must(err)
	_, err = res.Consume(b.ctx)
	must(err)
}
