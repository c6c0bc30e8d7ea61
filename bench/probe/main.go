// Command probe runs two one-off shortest-path investigations against a
// bench Neo4j (scripts/bench.sh with BENCH_KEEP=1), for BENCHMARKS.md:
//
//	probe [-bolt URL] [-password PW] profile FROM TO
//	    PROFILE, twice each, of the store's shortest-path statement and of
//	    the one it replaced (SHORTEST 1 over a quantified path pattern):
//	    time, path length and the plan with rows, db hits and memory.
//	probe [-bolt URL] [-password PW] kcap PAIRS.json
//	    for every connected pair: the ranked-paths statement (SHORTEST 20)
//	    against the same capped at the shortest length +1 and +2 (after a
//	    shortestPath() to learn that length): times, and whether the capped
//	    answers have the same path lengths.
//	probe [-bolt URL] [-password PW] rawcreate NODES ROUNDS
//	    the online import's ceiling: plain CREATE of a BA graph of NODES
//	    nodes, with the importer's statements, with edges matched by element
//	    id, and under labels no index covers; seconds of the node and edge
//	    statements and of the commit (bench/probe/rawcreate.go).
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"slices"
	"strconv"
	"time"

	_ "github.com/actorgraph/actorgraph/cypher" // fills internal/cypherstmt with the store's statements
	"github.com/actorgraph/actorgraph/internal/cypherstmt"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// previous is the shortest-path statement the store ran before
// shortestPath(), under the default filters.
const previous = `MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = SHORTEST 1 (a)((:Entity)-[r WHERE coalesce(r.status, '') <> 'retracted']-(x:Entity WHERE x = b OR (NOT x:Source))){1,8}(b)
RETURN p LIMIT $cap`

func main() {
	bolt := flag.String("bolt", "bolt://127.0.0.1:17687", "the bench Neo4j's Bolt URL")
	pw := flag.String("password", "benchsecret", "its neo4j password")
	flag.Parse()
	ctx := context.Background()
	d, err := neo4j.NewDriverWithContext(*bolt, neo4j.BasicAuth("neo4j", *pw, ""))
	if err == nil {
		err = d.VerifyConnectivity(ctx)
	}
	if err != nil {
		fail(err)
	}
	defer d.Close(ctx)
	args := flag.Args()
	switch {
	case len(args) == 3 && args[0] == "profile":
		profile(ctx, d, args[1], args[2])
	case len(args) == 2 && args[0] == "kcap":
		kcap(ctx, d, args[1])
	case len(args) == 3 && args[0] == "rawcreate":
		n, err1 := strconv.Atoi(args[1])
		rounds, err2 := strconv.Atoi(args[2])
		if err1 != nil || err2 != nil || n < 10 || rounds < 1 {
			fail(fmt.Errorf("rawcreate NODES ROUNDS: want a node count >= 10 and rounds >= 1, got %q %q", args[1], args[2]))
		}
		rawCreate(ctx, d, n, rounds)
	default:
		fail(fmt.Errorf("usage: probe [-bolt URL] [-password PW] profile FROM TO | kcap PAIRS.json | rawcreate NODES ROUNDS"))
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "probe:", err)
	os.Exit(1)
}

func run(ctx context.Context, d neo4j.DriverWithContext, q, from, to string, cap int) (*neo4j.EagerResult,
	time.Duration) {
	start := time.Now()
	res, err := neo4j.ExecuteQuery(ctx, d, q,
		map[string]any{"from": from, "to": to, "cap": int64(cap), "clearance": int64(4)},
		neo4j.EagerResultTransformer)
	if err != nil {
		fail(err)
	}
	return res, time.Since(start)
}

// lengths are the sorted path lengths of a result's column p.
func lengths(res *neo4j.EagerResult) []int {
	var out []int
	for _, rec := range res.Records {
		v, _ := rec.Get("p")
		out = append(out, len(v.(neo4j.Path).Relationships))
	}
	slices.Sort(out)
	return out
}

func profile(ctx context.Context, d neo4j.DriverWithContext, from, to string) {
	for _, st := range []struct{ name, q string }{
		{"store (cypher.PathStatement)", cypherstmt.Path("SHORTEST 1", 8)},
		{"previous (SHORTEST 1 over a QPP)", previous},
	} {
		fmt.Printf("## %s\n\n%s\n\n", st.name, st.q)
		for i := 1; i <= 2; i++ {
			res, took := run(ctx, d, "PROFILE "+st.q, from, to, 2)
			fmt.Printf("run %d: %v, path lengths %v\n", i, took.Round(10*time.Microsecond), lengths(res))
			if i == 2 {
				var show func(p neo4j.ProfiledPlan, indent string)
				show = func(p neo4j.ProfiledPlan, indent string) {
					fmt.Printf("%s%s rows=%d dbHits=%d memoryBytes=%v %.300v\n", indent, p.Operator(),
						p.Records(), p.DbHits(), p.Arguments()["Memory"], p.Arguments()["Details"])
					for _, c := range p.Children() {
						show(c, indent+"  ")
					}
				}
				show(res.Summary.Profile(), "  ")
			}
		}
		fmt.Println()
	}
}

func kcap(ctx context.Context, d neo4j.DriverWithContext, file string) {
	data, err := os.ReadFile(file)
	if err != nil {
		fail(err)
	}
	var f struct {
		Pairs []struct {
			From, To string
			Distance int
		}
	}
	if err := json.Unmarshal(data, &f); err != nil {
		fail(err)
	}
	var full, cap1, cap2 []time.Duration
	same1, same2, n := 0, 0, 0
	fmt.Println("| distance | shortest | SHORTEST 20 {1,8} ms | lengths | capped L+1 ms | same | " +
		"capped L+2 ms | same |\n|---|---|---|---|---|---|---|---|")
	for _, p := range f.Pairs {
		if p.Distance < 1 {
			continue
		}
		res, t0 := run(ctx, d, cypherstmt.Path("SHORTEST 1", 8), p.From, p.To, 2)
		l := lengths(res)
		if len(l) == 0 {
			fail(fmt.Errorf("%s -> %s: no path at distance %d", p.From, p.To, p.Distance))
		}
		res, t1 := run(ctx, d, cypherstmt.Path("SHORTEST 20", 8), p.From, p.To, 21)
		want := lengths(res)
		res, t2 := run(ctx, d, cypherstmt.Path("SHORTEST 20", min(l[0]+1, 8)), p.From, p.To, 21)
		s1 := slices.Equal(want, lengths(res))
		res, t3 := run(ctx, d, cypherstmt.Path("SHORTEST 20", min(l[0]+2, 8)), p.From, p.To, 21)
		s2 := slices.Equal(want, lengths(res))
		full, cap1, cap2 = append(full, t1), append(cap1, t0+t2), append(cap2, t0+t3)
		n++
		if s1 {
			same1++
		}
		if s2 {
			same2++
		}
		ms := func(t time.Duration) string { return fmt.Sprintf("%.1f", t.Seconds()*1000) }
		fmt.Printf("| %d | %d | %s | %v | %s | %v | %s | %v |\n", p.Distance, l[0], ms(t1), want, ms(t0+t2),
			s1, ms(t0+t3), s2)
	}
	q := func(x []time.Duration, f float64) time.Duration {
		slices.Sort(x)
		return x[int(f*float64(len(x)-1))].Round(time.Millisecond)
	}
	fmt.Printf("\n%d pairs. median / p99: SHORTEST 20 {1,8} %v / %v; capped at L+1 (with the "+
		"shortestPath() first) %v / %v, same lengths for %d; capped at L+2 %v / %v, same lengths for %d\n",
		n, q(full, .5), q(full, .99), q(cap1, .5), q(cap1, .99), same1, q(cap2, .5), q(cap2, .99), same2)
}
