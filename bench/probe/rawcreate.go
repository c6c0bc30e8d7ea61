package main

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/cypherstmt"
	"github.com/actorgraph/actorgraph/internal/synth"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// rawVariant is one way of writing a generated graph with plain CREATE.
type rawVariant struct {
	name, about string
	// unindexed writes the labels XEntity:X<Kind>, which no index or
	// constraint covers; otherwise Entity:<Kind>, under the full schema.
	unindexed bool
	// byIndex finds an edge's ends by id through the id index (the
	// importer's edge statement before it used element ids).
	byIndex bool
}

var rawVariants = []rawVariant{
	{"importer", "the importer's CREATE statements (cypher.CreateNodesStatement, " +
		"CreateEdgesStatement): edges' ends by the element ids the node statements returned, with an id check", false, false},
	{"index", "the same nodes; edges' ends by id, two id-index seeks (the importer's edge statement until 2026-11-30)",
		false, true},
	{"no-index", "labels no index or constraint covers (XEntity:X<Kind>); ends by element id, no id check", true, false},
}

// byIndexEdges is the importer's edge statement until 2026-11-30.
func byIndexEdges(typ string) string {
	return `UNWIND $batch AS row
MATCH (a:Entity {id: row[3]}) USING INDEX SEEK a:Entity(id)
MATCH (b:Entity {id: row[4]}) USING INDEX SEEK b:Entity(id)
CREATE (a)-[r:` + typ + `]->(b) SET r = row[2]
RETURN count(*) AS n`
}

// rawCreate writes a BA graph of n nodes rounds times with each variant, in
// one transaction each, and prints where the time goes: the node
// statements, the edge statements and the commit. Every variant's graph must
// hold the data set's counts before its time is printed; it is deleted after.
func rawCreate(ctx context.Context, d neo4j.DriverWithContext, n, rounds int) {
	fmt.Printf("plain CREATE of a %d-node BA graph, one transaction, 5,000 rows a statement, %d "+
		"rounds; load average %s\n\n", n, rounds, loadavg())
	for _, v := range rawVariants {
		fmt.Printf("- %s: %s\n", v.name, v.about)
	}
	fmt.Printf("\n| round | variant | nodes s | edges s | commit s | total s | relationships/s " +
		"|\n|---|---|---|---|---|---|---|\n")
	rates := map[string][]float64{}
	for r := 0; r < rounds; r++ {
		for _, v := range rawVariants {
			tag := fmt.Sprintf("raw%s%d-", v.name[:2], r)
			g, err := synth.Generate(synth.Config{Shape: "ba", Nodes: n, Seed: 11, Tag: tag})
			if err != nil {
				fail(err)
			}
			ds, err := g.DataSet()
			if err != nil {
				fail(err)
			}
			t := writeRaw(ctx, d, v, ds, tag)
			rate := float64(len(ds.Edges)) / t[3]
			rates[v.name] = append(rates[v.name], rate)
			fmt.Printf("| %d | %s | %.2f | %.2f | %.2f | %.2f | %.0f |\n", r, v.name, t[0], t[1], t[2], t[3], rate)
		}
	}
	fmt.Printf("\nmedians (relationships/s):")
	for _, v := range rawVariants {
		x := rates[v.name]
		slices.Sort(x)
		fmt.Printf(" %s %.0f", v.name, x[len(x)/2])
	}
	fmt.Println()
}

// writeRaw writes ds with v and returns the seconds of the node statements,
// the edge statements, the commit and all three.
func writeRaw(ctx context.Context, d neo4j.DriverWithContext, v rawVariant, ds *graph.DataSet, tag string) [4]float64 {
	sess := d.NewSession(ctx, neo4j.SessionConfig{AccessMode: neo4j.AccessModeWrite})
	defer sess.Close(ctx)
	tx, err := sess.BeginTransaction(ctx)
	if err != nil {
		fail(err)
	}
	label := "Entity"
	if v.unindexed {
		label = "XEntity"
	}
	run := func(q string, rows []any, each func(*neo4j.Record)) {
		if len(rows) == 0 {
			return
		}
		for lo := 0; lo < len(rows); lo += 5000 {
			res, err := tx.Run(ctx, q, map[string]any{"batch": rows[lo:min(lo+5000, len(rows))], "importBatch": nil})
			if err != nil {
				fail(err)
			}
			for res.Next(ctx) {
				each(res.Record())
			}
			if err := res.Err(); err != nil {
				fail(err)
			}
		}
	}
	t0 := time.Now()
	byKind := map[graph.Kind][]any{}
	for _, n := range ds.Nodes {
		byKind[n.Kind] = append(byKind[n.Kind], cypherstmt.NodeProps(n))
	}
	elem := map[string]string{}
	for _, k := range graph.Kinds {
		q := cypherstmt.CreateNodes(k.Kind)
		if v.unindexed {
			q = "UNWIND $batch AS p CREATE (n:" + label + ":X" + string(k.Kind) +
				") SET n = p RETURN collect(p.id) AS ids, collect(elementId(n)) AS elems"
		}
		run(q, byKind[k.Kind], func(rec *neo4j.Record) {
			ids, _ := rec.Get("ids")
			es, _ := rec.Get("elems")
			for i, id := range ids.([]any) {
				elem[id.(string)] = es.([]any)[i].(string)
			}
		})
	}
	t1 := time.Now()
	byType := map[string][]any{}
	for _, e := range ds.Edges {
		byType[e.Type] = append(byType[e.Type], []any{elem[e.Source], elem[e.Target],
			cypherstmt.EdgeProps(e), e.Source, e.Target})
	}
	for _, rt := range graph.Vocabulary {
		rows := byType[rt.Name]
		if len(rows) == 0 {
			continue
		}
		q, err := cypherstmt.CreateEdges(rt.Name)
		if err != nil {
			fail(err)
		}
		switch {
		case v.byIndex:
			q = byIndexEdges(rt.Name)
		case v.unindexed:
			q = "UNWIND $batch AS row MATCH (a) WHERE elementId(a) = row[0] MATCH (b) WHERE " +
				"elementId(b) = row[1] CREATE (a)-[r:" + rt.Name + "]->(b) SET r = row[2]"
		}
		run(q, rows, func(*neo4j.Record) {})
	}
	t2 := time.Now()
	if err := tx.Commit(ctx); err != nil {
		fail(err)
	}
	t3 := time.Now()
	checkAndDelete(ctx, d, label, tag, len(ds.Nodes), len(ds.Edges))
	return [4]float64{t1.Sub(t0).Seconds(), t2.Sub(t1).Seconds(), t3.Sub(t2).Seconds(), t3.Sub(t0).Seconds()}
}

// checkAndDelete fails unless the nodes labelled label whose id has tag are
// nodes with rels relationships leaving them, then deletes them.
func checkAndDelete(ctx context.Context, d neo4j.DriverWithContext, label, tag string, nodes, rels int) {
	res, err := neo4j.ExecuteQuery(ctx, d, "MATCH (n:"+label+
		") WHERE n.id CONTAINS $tag RETURN count(n) AS n, sum(COUNT { (n)-->() }) AS r",
		map[string]any{"tag": ":" + tag}, neo4j.EagerResultTransformer)
	if err != nil {
		fail(err)
	}
	gotN, gotR := res.Records[0].Values[0].(int64), res.Records[0].Values[1].(int64)
	if gotN != int64(nodes) || gotR != int64(rels) {
		fail(fmt.Errorf("%s: %d nodes and %d relationships written, want %d and %d", tag, gotN, gotR, nodes, rels))
	}
	sess := d.NewSession(ctx, neo4j.SessionConfig{AccessMode: neo4j.AccessModeWrite})
	defer sess.Close(ctx)
	del, err := sess.Run(ctx, "MATCH (n:"+label+
		") WHERE n.id CONTAINS $tag CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS",
		map[string]any{"tag": ":" + tag})
	if err == nil {
		_, err = del.Consume(ctx)
	}
	if err != nil {
		fail(err)
	}
}

func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	return strings.Join(f[:3], " ")
}
