package main

import (
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/cypherstmt"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// The raw side runs, over the driver, the very statement texts the store
// runs for each route (exported by cypher/, default filters), in the same
// order and with the same read-access transaction settings, and decodes
// nothing beyond what the next statement needs. The difference is
// actorgraph's own cost: HTTP, validation, mapping, ranking and JSON.
// Each raw call also returns the ids it found (collected after its clock
// stops), which are checked against actorgraph's answer.

func (b *bench) run(q string, params map[string]any) *neo4j.EagerResult {
	params = withClearance(params)
	res, err := neo4j.ExecuteQuery(b.ctx, b.driver, q, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithReadersRouting(), neo4j.ExecuteQueryWithTransactionConfig(neo4j.WithTxTimeout(10*time.Second)))
	must(err)
	return res
}

// withClearance adds the full clearance the store's statements compare
// ($clearance), as the store adds a reader's to every read.
func withClearance(params map[string]any) map[string]any {
	out := map[string]any{"clearance": int64(4)}
	for k, v := range params {
		out[k] = v
	}
	return out
}

// rawPaths is what GET /paths/shortest (selector SHORTEST 1) or /paths
// (SHORTEST 4*limit) runs when a path exists.
func (b *bench) rawPaths(p pair, selector string, cap int) (time.Duration, answer) {
	start := time.Now()
	b.run(cypherstmt.ResolveID, map[string]any{"id": p.From})
	b.run(cypherstmt.ResolveID, map[string]any{"id": p.To})
	res := b.run(cypherstmt.Path(selector, 8), map[string]any{"from": p.From, "to": p.To, "cap": int64(cap)})
	seen := map[string]bool{}
	var ids []string
	for _, rec := range res.Records {
		v, _ := rec.Get("p")
		for _, r := range v.(dbtype.Path).Relationships {
			for _, s := range r.Props["sources"].([]any) {
				if id := s.(string); !seen[id] {
					seen[id] = true
					ids = append(ids, id)
				}
			}
		}
	}
	if len(ids) > 0 {
		b.run(cypherstmt.Sources, map[string]any{"ids": ids})
	}
	took := time.Since(start)
	var ans answer
	for _, rec := range res.Records {
		v, _ := rec.Get("p")
		path := v.(dbtype.Path)
		var seq []string
		for _, n := range path.Nodes {
			ans.addNode(n.Props["id"].(string))
		}
		for _, r := range path.Relationships {
			id := r.Props["id"].(string)
			ans.addEdge(id)
			seq = append(seq, id)
		}
		ans.paths = append(ans.paths, key(seq))
	}
	return took, ans
}

// rawNeighbors is what GET /entities/{id}/neighbors?depth=d runs (limit 200).
func (b *bench) rawNeighbors(id string, depth int) (time.Duration, answer) {
	start := time.Now()
	b.run(cypherstmt.ResolveID, map[string]any{"id": id})
	seen := map[string]bool{id: true}
	frontier := []string{id}
	const maxNodes = 199
	rowCap := int64(maxNodes*4 + 100)
	truncated := false
	var kept []*neo4j.Record // rows whose far node is in the answer
	for d := 0; d < depth && len(frontier) > 0 && !truncated; d++ {
		res := b.run(cypherstmt.Expand(), map[string]any{"frontier": frontier, "cap": rowCap})
		truncated = int64(len(res.Records)) >= rowCap
		var next []string
		for _, rec := range res.Records {
			x, _ := rec.Get("x")
			xid := x.(dbtype.Node).Props["id"].(string)
			if !seen[xid] {
				if len(seen) > maxNodes {
					truncated = true
					continue
				}
				seen[xid] = true
				next = append(next, xid)
			}
			kept = append(kept, rec)
		}
		frontier = next
	}
	ids := make([]string, 0, len(seen))
	for k := range seen {
		ids = append(ids, k)
	}
	b.run(cypherstmt.Degree, map[string]any{"ids": ids})
	took := time.Since(start)
	var ans answer
	for _, n := range ids {
		ans.addNode(n)
	}
	for _, rec := range kept {
		r, _ := rec.Get("r")
		rel := r.(dbtype.Relationship)
		aid, _ := rec.Get("aid")
		x, _ := rec.Get("x")
		if seen[aid.(string)] && seen[x.(dbtype.Node).Props["id"].(string)] {
			ans.addEdge(rel.Props["id"].(string))
		}
	}
	return took, ans
}

// rawSearch is what GET /search?q= runs (limit 10: the store asks for 11
// to know whether there are more).
func (b *bench) rawSearch(text string) (time.Duration, answer) {
	start := time.Now()
	res := b.run(cypherstmt.Search, map[string]any{"index": cypherstmt.FullTextIndex, "q": cypherstmt.SearchText(text),
		"fetch": int64(44), "limit": int64(11), "kinds": []string{}, "key": graph.NormalizeName(text)})
	took := time.Since(start)
	var ans answer
	hits, _ := res.Records[0].Get("hits")
	for i, h := range hits.([]any) {
		if i == 10 {
			break
		}
		ans.addNode(h.(map[string]any)["node"].(dbtype.Node).Props["id"].(string))
	}
	return took, ans
}
