package main

import (
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/cypher"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/cypherstmt"
	"github.com/actorgraph/actorgraph/internal/synth"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// importBench compares the importer (validation, look-ups, per-row
// outcomes, history, one transaction; or ImportChunked when
// BENCH_IMPORT_CHUNK is set) with side B, the importer's CREATE statements
// (cypherstmt.CreateNodes, cypherstmt.CreateEdges) run raw over
// the driver, and side C, the MERGE statements raw, on the same generated
// graph under fresh ids each time, alternating; each side's graph must then
// hold exactly the data set's nodes and relationships. A and C re-import
// too (the importer must add nothing); their rates are the re-import rates.
func (b *bench) importBench(_ string) string {
	nodes := 10_000
	if v := os.Getenv("BENCH_IMPORT_NODES"); v != "" {
		nodes, _ = strconv.Atoi(v)
	}
	rounds := 2
	if v := os.Getenv("BENCH_IMPORT_ROUNDS"); v != "" {
		rounds, _ = strconv.Atoi(v)
	}
	chunk, _ := strconv.Atoi(os.Getenv("BENCH_IMPORT_CHUNK"))
	store := cypher.New(b.driver, cypher.Options{})
	must(store.EnsureSchema(b.ctx))
	load := func(tag string) *graph.DataSet {
		g, err := synth.Generate(synth.Config{Shape: "ba", Nodes: nodes, Seed: 11, Tag: tag})
		must(err)
		d, err := g.DataSet()
		must(err)
		return d
	}
	mode := "atomic (one transaction)"
	if chunk > 0 {
		mode = fmt.Sprintf("--chunked, %d records per transaction", chunk)
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "\n### Import: actorgraph importer vs raw statements (BA graph of %d nodes; "+
		"%s)\n\n| round | side | nodes | relationships | seconds | relationships/s | re-import s | "+
		"re-import rels/s | note |\n|---|---|---|---|---|---|---|---|---|\n", nodes, mode)
	rate := map[string][]float64{}
	reRate := map[string][]float64{}
	for r := 0; r < rounds; r++ {
		order := []string{"A", "B", "C"}
		if r%2 == 1 {
			order = []string{"C", "B", "A"}
		}
		for _, side := range order {
			if v := os.Getenv("BENCH_IMPORT_SIDES"); v != "" && !strings.Contains(v, side) {
				continue
			}
			tag := fmt.Sprintf("imp%s%d-", strings.ToLower(side), r)
			d := load(tag)
			var el, reEl float64
			note := "counts checked"
			switch side {
			case "A":
				vstart := time.Now()
				must(store.Validate(b.ctx, d))
				validate := time.Since(vstart).Seconds()
				d = load(tag) // fresh, as the importer would get it
				imp := func() graph.ImportReport {
					if chunk > 0 {
						rep, err := store.ImportChunked(b.ctx, d, chunk, nil)
						must(err)
						return rep
					}
					rep, err := store.Import(b.ctx, d, nil)
					must(err)
					return rep
				}
				start := time.Now()
				rep := imp()
				el = time.Since(start).Seconds()
				if rep.Edges.Created != len(d.Edges) || rep.Nodes.Created != len(d.Nodes) {
					must(fmt.Errorf("import into an empty graph reported %+v", rep))
				}
				b.checkTag(tag, len(d.Nodes), len(d.Edges))
				restart := time.Now()
				again := imp()
				reEl = time.Since(restart).Seconds()
				if again.Nodes.Created+again.Edges.Created+again.Nodes.Updated+again.Edges.Updated != 0 {
					must(fmt.Errorf("re-import changed the graph: %+v", again))
				}
				note = fmt.Sprintf("validation alone %.1fs; re-import: %d+%d created, %d+%d updated, "+
					"%d+%d unchanged; counts checked",
					validate, again.Nodes.Created, again.Edges.Created, again.Nodes.Updated,
					again.Edges.Updated, again.Nodes.Unchanged, again.Edges.Unchanged)
			case "B":
				start := time.Now()
				b.rawImportWith(d, chunk, cypherstmt.CreateNodes, mustStatement(cypherstmt.CreateEdges), true)
				el = time.Since(start).Seconds()
				note = "CREATE, no look-ups, no outcomes, no history; counts checked (no re-import: CREATE is not idempotent)"
			case "C":
				start := time.Now()
				b.rawImportWith(d, chunk, mergeNodes, mergeEdges, false)
				el = time.Since(start).Seconds()
				b.checkTag(tag, len(d.Nodes), len(d.Edges))
				restart := time.Now()
				b.rawImportWith(d, chunk, mergeNodes, mergeEdges, false)
				reEl = time.Since(restart).Seconds()
				note = "MERGE on ids (the previous importer's statements); counts checked after both"
			}
			b.checkTag(tag, len(d.Nodes), len(d.Edges))
			rels := float64(len(d.Edges))
			rate[side] = append(rate[side], rels/el)
			re, reS := "-", "-"
			if reEl > 0 {
				reRate[side] = append(reRate[side], rels/reEl)
				re, reS = fmt.Sprintf("%.0f", rels/reEl), fmt.Sprintf("%.1f", reEl)
			}
			fmt.Fprintf(&sb, "| %d | %s | %d | %d | %.1f | %.0f | %s | %s | %s |\n", r, sideName[side],
				len(d.Nodes), len(d.Edges), el, rels/el, reS, re, note)
			b.deleteTag(tag)
		}
	}
	for _, m := range []map[string][]float64{rate, reRate} {
		for _, x := range m {
			sort.Float64s(x)
		}
	}
	a, bb, c := med(rate["A"]), med(rate["B"]), med(rate["C"])
	fmt.Fprintf(&sb, "\nmedians (relationships/s), %s: into an empty graph A %.0f, B %.0f, C %.0f "+
		"(A/B %.2f, A/C %.2f); re-import (adds 0) A %.0f, C %.0f (A/C %.2f)\n",
		mode, a, bb, c, a/bb, a/c, med(reRate["A"]), med(reRate["C"]), med(reRate["A"])/med(reRate["C"]))
	fmt.Fprintf(&sb, "\ntarget: into an empty graph >= 50,000 relationships/s: A %.0f (%s; best raw "+
		"B %.0f); re-import >= 20,000/s: A %.0f (%s; raw MERGE C %.0f)\n",
		a, metOr(a >= 50_000), bb, med(reRate["A"]), metOr(med(reRate["A"]) >= 20_000), med(reRate["C"]))
	return sb.String()
}

var sideName = map[string]string{"A": "A actorgraph importer", "B": "B raw CREATE", "C": "C raw MERGE"}

func metOr(ok bool) string {
	if ok {
		return "met"
	}
	return "missed"
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

// rawImportWith writes d with nodeQ's and edgeQ's statements, in one
// transaction or, with chunk > 0, committing every chunk rows, building the
// rows the way the importer does (create: node rows props, edge rows
// [source element id, target element id, props, source, target] with the
// element ids the node statements returned; otherwise maps {source,
// target, props} and {props}), without its look-ups, outcome bookkeeping
// and history.
func (b *bench) rawImportWith(d *graph.DataSet, chunk int, nodeQ func(graph.Kind) string,
	edgeQ func(typ string) string, create bool) {
	sess := b.driver.NewSession(b.ctx, neo4j.SessionConfig{AccessMode: neo4j.AccessModeWrite})
	defer sess.Close(b.ctx)
	tx, err := sess.BeginTransaction(b.ctx)
	must(err)
	inTx := 0
	byKind := map[graph.Kind][]any{}
	for _, n := range d.Nodes {
		if create {
			byKind[n.Kind] = append(byKind[n.Kind], cypherstmt.NodeProps(n))
		} else {
			byKind[n.Kind] = append(byKind[n.Kind], map[string]any{"props": cypherstmt.NodeProps(n)})
		}
	}
	elems := map[string]string{} // create: the new nodes' element ids, which the edge rows carry
	batches := func(q string, rows []any) {
		for lo := 0; lo < len(rows); lo += 5000 {
			if chunk > 0 && inTx >= chunk {
				must(tx.Commit(b.ctx))
				tx, err = sess.BeginTransaction(b.ctx)
				must(err)
				inTx = 0
			}
			hi := min(lo+5000, len(rows))
			// No history on this side: the create statements' $importBatch
			// (the creating import's id) is null, which sets nothing.
			res, err := tx.Run(b.ctx, q, map[string]any{"batch": rows[lo:hi], "importBatch": nil})
			must(err)
			for res.Next(b.ctx) {
				rec := res.Record()
				ids, _ := rec.Get("ids")
				es, ok := rec.Get("elems")
				if !ok {
					continue
				}
				for i, id := range ids.([]any) {
					elems[id.(string)] = es.([]any)[i].(string)
				}
			}
			must(res.Err())
			inTx += hi - lo
		}
	}
	for _, k := range graph.Kinds {
		batches(nodeQ(k.Kind), byKind[k.Kind])
	}
	byType := map[string][]any{}
	for _, e := range d.Edges {
		if create {
			byType[e.Type] = append(byType[e.Type], []any{elems[e.Source], elems[e.Target],
				cypherstmt.EdgeProps(e), e.Source, e.Target})
		} else {
			byType[e.Type] = append(byType[e.Type], map[string]any{"source": e.Source, "target": e.Target,
				"props": cypherstmt.EdgeProps(e)})
		}
	}
	for t, rows := range byType {
		if _, ok := graph.LookupRel(t); !ok {
			must(fmt.Errorf("type %q is not in the vocabulary", t))
		}
		batches(edgeQ(t), rows)
	}
	must(tx.Commit(b.ctx))
}

// checkTag fails the run unless the graph holds exactly nodes entities
// and rels relationships under tag.
func (b *bench) checkTag(tag string, nodes, rels int) {
	res := b.run(`MATCH (n:Entity) WHERE split(n.id, ':')[1] STARTS WITH $tag
RETURN count(n) AS nodes, sum(COUNT { (n)-[]->() }) AS rels`, map[string]any{"tag": tag})
	n, _ := res.Records[0].Get("nodes")
	r, _ := res.Records[0].Get("rels")
	if n != int64(nodes) || r != int64(rels) {
		must(fmt.Errorf("import answer check: graph %s holds %v nodes and %v relationships, the data set %d and %d",
			tag, n, r, nodes, rels))
	}
}

func (b *bench) deleteTag(tag string) {
	sess := b.driver.NewSession(b.ctx, neo4j.SessionConfig{})
	defer sess.Close(b.ctx)
	res, err := sess.Run(b.ctx,
		"MATCH (n:Entity) WHERE split(n.id, ':')[1] STARTS WITH $tag CALL (n) { DETACH DELETE n } IN "+
			"TRANSACTIONS OF 5000 ROWS", map[string]any{"tag": tag})
	must(err)
	_, err = res.Consume(b.ctx)
	must(err)
}

// mustStatement turns a statement builder that refuses a type outside the
// vocabulary into one that stops the benchmark instead.
func mustStatement(stmt func(typ string) (string, error)) func(string) string {
	return func(t string) string {
		q, err := stmt(t)
		must(err)
		return q
	}
}
