package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/internal/cypherstmt"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// A plan alternative for the shortest path between two bound entities
// (issue 14, item 5). Each runs over the driver with the same parameters;
// its answer is the length of the path it found.
type plan struct {
	name string
	// same is true when the statement keeps the store's filters, so its
	// path length must equal the store's; a bound (no filters) may differ.
	same bool
	run  func(b *bench, p pair) (time.Duration, int)
}

// pathWithin is the store's statement shape with its default filters and a
// depth cap; kindPred is the node predicate over x.
func pathWithin(kindPred string, depth int) string {
	return fmt.Sprintf(`MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = SHORTEST 1 (a)((:Entity)-[r WHERE coalesce(r.status, '') <> 'retracted']-(x:Entity WHERE %s)){1,%d}(b)
RETURN p LIMIT $cap`, kindPred, depth)
}

func (b *bench) pathLen(q string, p pair) (time.Duration, int) {
	start := time.Now()
	res := b.run(q, map[string]any{"from": p.From, "to": p.To, "cap": int64(2)})
	took := time.Since(start)
	if len(res.Records) == 0 {
		return took, -1
	}
	v, _ := res.Records[0].Get("p")
	return took, len(v.(dbtype.Path).Relationships)
}

var plans = []plan{
	{"store: shortestPath(), filters as all(...) over the path (cypher.PathStatement)", true, func(b *bench,
		p pair) (time.Duration, int) {
		return b.pathLen(cypherstmt.Path("SHORTEST 1", 8), p)
	}},
	{"previous store statement: SHORTEST 1 over a QPP {1,8}, node kind by label", true, func(b *bench,
		p pair) (time.Duration, int) {
		return b.pathLen(pathWithin("x = b OR NOT x:Source", 8), p)
	}},
	{"QPP with per-distance depth caps: {1,2}, then {1,4}, then {1,8}", true, func(b *bench, p pair) (time.Duration, int) {
		var total time.Duration
		for _, d := range []int{2, 4, 8} {
			took, l := b.pathLen(pathWithin("x = b OR NOT x:Source", d), p)
			total += took
			if l > 0 {
				return total, l
			}
		}
		return total, -1
	}},
	{"bound: shortestPath(), no filters at all (not the same question)", false, func(b *bench,
		p pair) (time.Duration, int) {
		return b.pathLen(`MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = shortestPath((a)-[*..8]-(b))
RETURN p LIMIT $cap`, p)
	}},
	{"bound: SHORTEST 1 over a QPP, no filters at all (not the same question)", false, func(b *bench,
		p pair) (time.Duration, int) {
		return b.pathLen(`MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = SHORTEST 1 (a)((:Entity)-[r]-(x:Entity)){1,8}(b)
RETURN p LIMIT $cap`, p)
	}},
}

// plansBench runs every plan for every connected pair (b.rounds passes,
// the order rotating each pair), after one warm-up pass that plans every
// statement, and reports each plan's latency by hop distance. A filtered
// plan whose path length differs from the store's is not timed and makes
// the run fail.
func (b *bench) plansBench() string {
	ps := b.connected()
	for _, p := range ps[:min(len(ps), 5)] {
		for _, pl := range plans {
			pl.run(b, p)
		}
	}
	byDist := map[int][]sample{}
	differ := make([]int, len(plans))
	for r := 0; r < b.rounds; r++ {
		for i, p := range ps {
			took := make([]time.Duration, len(plans))
			lens := make([]int, len(plans))
			for k := range plans {
				j := (k + i) % len(plans)
				took[j], lens[j] = plans[j].run(b, p)
			}
			if byDist[p.Distance] == nil {
				byDist[p.Distance] = make([]sample, len(plans))
			}
			for j, pl := range plans {
				if lens[j] != lens[0] {
					differ[j]++
					if pl.same {
						b.mismatches++
						fmt.Fprintf(stderr,
							"bench: ANSWERS DIFFER: %s -> %s: %q found length %d, the store %d\n", p.From, p.To, pl.name, lens[j], lens[0])
						continue
					}
				}
				byDist[p.Distance][j] = append(byDist[p.Distance][j], took[j])
			}
		}
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "\n### Shortest-path plan alternatives (%s), raw driver, %d round(s) after a warm-up pass\n\n",
		b.label, b.rounds)
	sb.WriteString("| distance | plan | n | median ms | p95 | p99 | p99 / store's p99 | answers " +
		"|\n|---|---|---|---|---|---|---|---|\n")
	for _, d := range []int{1, 2, 3, 4, 6} {
		s := byDist[d]
		if s == nil {
			continue
		}
		for j, pl := range plans {
			ratio := ""
			if s[0].q(0.99) > 0 {
				ratio = fmt.Sprintf("%.2f", float64(s[j].q(0.99))/float64(s[0].q(0.99)))
			}
			note := "same length as the store's"
			if !pl.same {
				note = fmt.Sprintf("bound; %d of all pairs found a different length", differ[j])
			}
			fmt.Fprintf(&sb, "| %d | %s | %d | %s | %s | %s | %s | %s |\n", d, pl.name, len(s[j]),
				ms(s[j].q(0.5)), ms(s[j].q(0.95)), ms(s[j].q(0.99)), ratio, note)
		}
	}
	return sb.String()
}

// shortestP99 is what routes() records for the growth table: the route's
// and the raw statements' p99 by distance, in milliseconds.
type shortestP99 struct {
	Label string             `json:"label"`
	Route map[string]float64 `json:"route"`
	Raw   map[string]float64 `json:"raw"`
	// Hits are the db hits (PROFILE, whole plan) of the store's statement
	// by distance: the median and the largest over the pairs.
	Hits map[string][2]int64 `json:"hits"`
	// MaxDegree is the largest number of relationships on one entity of
	// this size's graph.
	MaxDegree int64 `json:"maxDegree"`
}

// searchWork is how much the database did for one pair's shortest path:
// the db hits PROFILE counts over the store's whole plan.
func (b *bench) searchWork(p pair) int64 {
	res := b.run("PROFILE "+cypherstmt.Path("SHORTEST 1", 8), map[string]any{"from": p.From, "to": p.To, "cap": int64(2)})
	var sum func(neo4j.ProfiledPlan) int64
	sum = func(pl neo4j.ProfiledPlan) int64 {
		if pl == nil {
			return 0
		}
		n := pl.DbHits()
		for _, c := range pl.Children() {
			n += sum(c)
		}
		return n
	}
	n := sum(res.Summary.Profile())
	if n == 0 {
		must(fmt.Errorf("PROFILE of the shortest path %s -> %s reported no db hits", p.From, p.To))
	}
	return n
}

// maxDegree is the largest degree among the entities whose id carries the
// size's tag (every size shares one database, as separate components).
func (b *bench) maxDegree(tag string) int64 {
	res := b.run(`MATCH (n:Entity) WHERE n.id CONTAINS $tag RETURN max(COUNT { (n)--() }) AS d`,
		map[string]any{"tag": ":" + tag + "-"})
	d, _ := res.Records[0].Get("d")
	n, _ := d.(int64)
	return n
}

func p99File(out, label string) string { return out + ".shortest-" + label + ".json" }

func writeP99(out string, v shortestP99) {
	if out == "" {
		return
	}
	data, err := json.Marshal(v)
	must(err)
	must(os.WriteFile(p99File(out, v.Label), data, 0o644))
}

// growth compares the shortest-path p99 by distance of two sizes measured
// earlier in this run (their routes parts wrote p99 files beside out).
func growth(out, from, to string) string {
	read := func(label string) shortestP99 {
		var v shortestP99
		data, err := os.ReadFile(p99File(out, label))
		must(err)
		must(json.Unmarshal(data, &v))
		return v
	}
	a, z := read(from), read(to)
	var sb strings.Builder
	fmt.Fprintf(&sb, "\n### Shortest-path p99 growth, %s -> %s (target, for 100k -> 1M: grows <= 3x)\n\n", from, to)
	fmt.Fprintf(&sb, "| distance | route p99 %s ms | route p99 %s ms | growth | raw p99 %s | raw p99 "+
		"%s | growth | met? | db hits median / max %s | %s | max growth "+
		"|\n|---|---|---|---|---|---|---|---|---|---|---|\n", from, to, from, to, from, to)
	for _, d := range []string{"1", "2", "3", "4", "6"} {
		ra, rz := a.Route[d], z.Route[d]
		if ra == 0 || rz == 0 {
			continue
		}
		met := "yes"
		if rz/ra > 3 {
			met = "no"
		}
		ha, hz := a.Hits[d], z.Hits[d]
		hg := "-"
		if ha[1] > 0 {
			hg = fmt.Sprintf("%.2fx", float64(hz[1])/float64(ha[1]))
		}
		fmt.Fprintf(&sb, "| %s | %.2f | %.2f | %.2fx | %.2f | %.2f | %.2fx | %s | %d / %d | %d / %d | %s |\n",
			d, ra, rz, rz/ra, a.Raw[d], z.Raw[d], z.Raw[d]/a.Raw[d], met, ha[0], ha[1], hz[0], hz[1], hg)
	}
	fmt.Fprintf(&sb, "\nWhat the search does: db hits are PROFILE's count of the store's statement "+
		"over its whole plan, per pair (median and largest at each distance). "+
		"The largest degree of one entity is %d at %s and %d at %s (%.2fx).\n", a.MaxDegree, from,
		z.MaxDegree, to, float64(z.MaxDegree)/float64(max(a.MaxDegree, 1)))
	return sb.String()
}
