package main

import (
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// The raw side runs the statements the store runs for each route (copied
// from cypher/, default filters), over the driver, in the same order and
// with the same read-access transaction settings, and decodes nothing
// beyond what the next statement needs. The difference is actorgraph's own
// cost: HTTP, validation, mapping and JSON.
const (
	resolveQ = "MATCH (n:Entity {id: $id}) RETURN n"
	sourcesQ = "UNWIND $ids AS id MATCH (n:Source {id: id}) RETURN n"
	expandQ  = `UNWIND $frontier AS fid
MATCH (a:Entity {id: fid})-[r]-(x:Entity)
WHERE x.kind <> 'Source'
RETURN elementId(a) AS ae, a.id AS aid, r, x LIMIT $cap`
	degreeQ = "UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN id, COUNT { (n)--() } AS degree"
	searchQ = `CALL db.index.fulltext.queryNodes($index, $q, {limit: $fetch}) YIELD node, score
WHERE size($kinds) = 0 OR node.kind IN $kinds
RETURN node, score, $key IN node.keys AS exact
ORDER BY exact DESC, score DESC LIMIT $limit`
)

func pathQ(selector string, depth int) string {
	return fmt.Sprintf(`MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = %s (a)((:Entity)-[r]-(x:Entity WHERE x.id = $to OR (x.kind <> 'Source'))){1,%d}(b)
RETURN p LIMIT $cap`, selector, depth)
}

func (b *bench) run(q string, params map[string]any) *neo4j.EagerResult {
	res, err := neo4j.ExecuteQuery(b.ctx, b.driver, q, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithReadersRouting(), neo4j.ExecuteQueryWithTransactionConfig(neo4j.WithTxTimeout(10*time.Second)))
	must(err)
	return res
}

// rawPaths is what GET /paths/shortest (selector SHORTEST 1) or /paths
// (SHORTEST 4*limit) runs when a path exists.
func (b *bench) rawPaths(p pair, selector string, cap int) time.Duration {
	start := time.Now()
	b.run(resolveQ, map[string]any{"id": p.From})
	b.run(resolveQ, map[string]any{"id": p.To})
	res := b.run(pathQ(selector, 8), map[string]any{"from": p.From, "to": p.To, "cap": int64(cap)})
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
		b.run(sourcesQ, map[string]any{"ids": ids})
	}
	return time.Since(start)
}

// rawNeighbors is what GET /entities/{id}/neighbors?depth=d runs (limit 200).
func (b *bench) rawNeighbors(id string, depth int) time.Duration {
	start := time.Now()
	b.run(resolveQ, map[string]any{"id": id})
	seen := map[string]bool{id: true}
	frontier := []string{id}
	const maxNodes = 199
	rowCap := int64(maxNodes*4 + 100)
	truncated := false
	for d := 0; d < depth && len(frontier) > 0 && !truncated; d++ {
		res := b.run(expandQ, map[string]any{"frontier": frontier, "cap": rowCap})
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
		}
		frontier = next
	}
	ids := make([]string, 0, len(seen))
	for k := range seen {
		ids = append(ids, k)
	}
	b.run(degreeQ, map[string]any{"ids": ids})
	return time.Since(start)
}

// rawSearch is what GET /search?q= runs (limit 10).
func (b *bench) rawSearch(text string) time.Duration {
	start := time.Now()
	b.run(searchQ, map[string]any{"index": "entity_names", "q": luceneQuery(text), "fetch": int64(44), "limit": int64(11),
		"kinds": []string{}, "key": normalize(text)})
	return time.Since(start)
}

func normalize(s string) string {
	var sb strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

// luceneQuery is cypher.fullTextQuery for plain names (no Lucene syntax).
func luceneQuery(s string) string {
	var parts []string
	if key := normalize(s); key != "" {
		parts = append(parts, "keyText:"+key+"^10", "keyText:"+key+"*^4")
	}
	for _, t := range strings.Fields(strings.ToLower(s)) {
		parts = append(parts, t+"^2", t+"*")
		if len([]rune(t)) > 3 {
			parts = append(parts, t+"~1")
		}
	}
	return strings.Join(parts, " ")
}

func (b *bench) connected() []pair {
	var out []pair
	for _, p := range b.pairs {
		if p.Distance > 0 && p.Distance <= 8 {
			out = append(out, p)
		}
	}
	return out
}

func (b *bench) timeGet(path string) time.Duration {
	d, _, err := b.get(path)
	must(err)
	return d
}

// routes measures each API route against the raw driver.
func (b *bench) routes() string {
	ps := b.connected()
	n := len(ps) * b.rounds
	at := func(i int) pair { return ps[i%len(ps)] }
	var rows []row
	for i := 0; i < 10; i++ { // warm both sides: plans, pools, page cache
		p := at(i)
		b.get("/api/v1/paths/shortest?" + url.Values{"from": {p.From}, "to": {p.To}, "maxDepth": {"8"}}.Encode())
		b.rawPaths(p, "SHORTEST 1", 2)
	}
	a, r := alternate(n, func(i int) time.Duration {
		p := at(i)
		return b.timeGet("/api/v1/paths/shortest?" + url.Values{"from": {p.From}, "to": {p.To}, "maxDepth": {"8"}}.Encode())
	}, func(i int) time.Duration { return b.rawPaths(at(i), "SHORTEST 1", 2) })
	rows = append(rows, row{name: "shortest path (maxDepth 8)", a: a, b: r})
	byDist := map[int][2]sample{}
	for i, p := range ps {
		if i < len(a) {
			x := byDist[p.Distance]
			x[0], x[1] = append(x[0], a[i]), append(x[1], r[i])
			byDist[p.Distance] = x
		}
	}
	for _, d := range []int{1, 2, 3, 4, 6} {
		if x, ok := byDist[d]; ok {
			rows = append(rows, row{name: fmt.Sprintf("  shortest, pairs at distance %d", d), a: x[0], b: x[1]})
		}
	}
	a, r = alternate(n, func(i int) time.Duration {
		p := at(i)
		return b.timeGet("/api/v1/paths?" + url.Values{"from": {p.From}, "to": {p.To}, "maxDepth": {"8"}, "limit": {"5"}}.Encode())
	}, func(i int) time.Duration { return b.rawPaths(at(i), "SHORTEST 20", 21) })
	rows = append(rows, row{name: "k paths (limit 5, maxDepth 8)", a: a, b: r})
	for depth := 1; depth <= 4; depth++ {
		a, r = alternate(n, func(i int) time.Duration {
			return b.timeGet(fmt.Sprintf("/api/v1/entities/%s/neighbors?depth=%d", at(i).From, depth))
		}, func(i int) time.Duration { return b.rawNeighbors(at(i).From, depth) })
		rows = append(rows, row{name: fmt.Sprintf("neighbours depth %d (limit 200)", depth), a: a, b: r})
	}
	a, r = alternate(n, func(i int) time.Duration {
		return b.timeGet("/api/v1/search?" + url.Values{"q": {at(i).fromName}}.Encode())
	}, func(i int) time.Duration { return b.rawSearch(at(i).fromName) })
	rows = append(rows, row{name: "search by name", a: a, b: r})
	var none sample
	for _, p := range b.pairs {
		if p.Distance < 0 {
			none = append(none, b.timeGet("/api/v1/paths/shortest?"+url.Values{"from": {p.From}, "to": {p.To}, "maxDepth": {"8"}}.Encode()))
		}
	}
	if len(none) > 0 {
		rows = append(rows, row{name: "shortest, no path (answer with reason)", a: none, note: "A only: the reason runs extra statements"})
	}
	return table(fmt.Sprintf("API route vs raw driver, same statements (%s)", b.label), "A actorgraph", "B driver", rows)
}
