package main

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// replicaOptions sets the replicas part's workload: the same seeded mix of
// read requests, a fixed number of them, by a fixed number of closed-loop
// clients, for each replica count.
type replicaOptions struct {
	urls     []string // the replicas' base URLs (the first alone, then all)
	requests int      // requests per round
	clients  int      // concurrent clients
	seed     uint64   // the mix's seed
	rounds   int      // rounds per replica count, in the order 1, R, R, 1, 1, R...
	dir      string   // where replicas-DATE-SIZE.md is written
}

// mixKind is one read route of the mix and its share of the requests.
type mixKind struct {
	name   string
	weight int
	path   func(p pair) string
}

// mixKinds are the read routes the replicas part asks, with their weights
// (out of 100): paths between pairs, neighbourhoods and search, the routes
// a reader of the explorer calls most.
var mixKinds = []mixKind{
	{"shortest path", 35, func(p pair) string {
		return "/api/v1/paths/shortest?" + url.Values{"from": {p.From}, "to": {p.To}, "maxDepth": {"8"}}.Encode()
	}},
	{"k paths (limit 5)", 15, func(p pair) string {
		return "/api/v1/paths?" + url.Values{"from": {p.From}, "to": {p.To}, "maxDepth": {"8"}, "limit": {"5"}}.Encode()
	}},
	{"neighbours depth 1", 20, func(p pair) string { return "/api/v1/entities/" + url.PathEscape(p.From) + "/neighbors?depth=1" }},
	{"neighbours depth 2", 15, func(p pair) string { return "/api/v1/entities/" + url.PathEscape(p.From) + "/neighbors?depth=2" }},
	{"search by name", 15, func(p pair) string { return "/api/v1/search?" + url.Values{"q": {p.fromName}}.Encode() }},
}

// mixRequest is one request of the mix: its route's name and its path.
type mixRequest struct {
	kind string
	path string
}

// requestMix draws n requests from the pairs with a PCG seeded by seed: the
// same seed and pairs give the same requests in the same order, so every
// replica count answers the very same requests.
func requestMix(seed uint64, n int, pairs []pair) []mixRequest {
	if len(pairs) == 0 {
		return nil
	}
	total := 0
	for _, k := range mixKinds {
		total += k.weight
	}
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	out := make([]mixRequest, n)
	for i := range out {
		w := r.IntN(total)
		k := mixKinds[0]
		for _, c := range mixKinds {
			if w < c.weight {
				k = c
				break
			}
			w -= c.weight
		}
		out[i] = mixRequest{kind: k.name, path: k.path(pairs[r.IntN(len(pairs))])}
	}
	return out
}

// replicaOf is the replica request i goes to: round-robin over r replicas.
func replicaOf(i, r int) int { return i % r }

// reply is what a replica answered to one request, without the headers that
// differ by request (X-Request-ID, Date).
type reply struct {
	status      int
	contentType string
	body        []byte
}

// differ says how the replies of one request differ across replicas, or ""
// when every replica answered the same status, content type and bytes.
func differ(replies []reply) string {
	for i := 1; i < len(replies); i++ {
		a, b := replies[0], replies[i]
		switch {
		case a.status != b.status:
			return fmt.Sprintf("replica 1 answered %d, replica %d %d", a.status, i+1, b.status)
		case a.contentType != b.contentType:
			return fmt.Sprintf("replica 1 answered %q, replica %d %q", a.contentType, i+1, b.contentType)
		case !bytes.Equal(a.body, b.body):
			at := 0
			for at < min(len(a.body), len(b.body)) && a.body[at] == b.body[at] {
				at++
			}
			return fmt.Sprintf("bodies differ from byte %d (replica 1: %d bytes, replica %d: %d bytes): %q against %q",
				at, len(a.body), i+1, len(b.body), excerpt(a.body, at), excerpt(b.body, at))
		}
	}
	return ""
}

func excerpt(b []byte, at int) string {
	return string(b[max(0, at-20):min(len(b), at+40)])
}

// fetch GETs path from base and keeps what the comparison needs.
func (b *bench) fetch(base, path string) (reply, error) {
	res, err := b.hc.Get(base + path)
	if err != nil {
		return reply{}, err
	}
	body, err := io.ReadAll(res.Body)
	res.Body.Close()
	return reply{status: res.StatusCode, contentType: res.Header.Get("Content-Type"), body: body}, err
}

// checkReplicas asks every replica every distinct request of the mix and
// returns each request's expected body hash; any request that is not a 200
// or whose replies differ is a mismatch.
func (b *bench) checkReplicas(urls []string, mix []mixRequest) (map[string][32]byte, []string) {
	want := map[string][32]byte{}
	var bad []string
	for _, m := range mix {
		if _, ok := want[m.path]; ok {
			continue
		}
		replies := make([]reply, len(urls))
		for j, u := range urls {
			var err error
			replies[j], err = b.fetch(u, m.path)
			must(err)
		}
		d := differ(replies)
		if d == "" && replies[0].status != http.StatusOK {
			d = fmt.Sprintf("answered %d: %s", replies[0].status, excerpt(replies[0].body, 0))
		}
		if d != "" {
			bad = append(bad, m.path+": "+d)
		}
		want[m.path] = sha256.Sum256(replies[0].body)
	}
	return want, bad
}

// replicaRound is one timed pass of the mix over r replicas.
type replicaRound struct {
	replicas int
	secs     float64
	all      sample
	per      []sample // each replica's latencies
	byKind   map[string]sample
	errs     int64
}

// runRound sends the mix over the first r replicas, round-robin by request
// index, from c clients that each take the next request when theirs is
// answered; an answer whose body is not the one checked is an error.
func (b *bench) runRound(urls []string, r, c int, mix []mixRequest, want map[string][32]byte) replicaRound {
	var next atomic.Int64
	var errs atomic.Int64
	var mu sync.Mutex
	per := make([]sample, r)
	byKind := map[string]sample{}
	var wg sync.WaitGroup
	start := time.Now()
	for range c {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mine := make([]sample, r)
			kinds := map[string]sample{}
			for {
				i := int(next.Add(1)) - 1
				if i >= len(mix) {
					break
				}
				rep := replicaOf(i, r)
				t0 := time.Now()
				got, err := b.fetch(urls[rep], mix[i].path)
				lat := time.Since(t0)
				if err != nil || got.status != http.StatusOK || sha256.Sum256(got.body) != want[mix[i].path] {
					if errs.Add(1) == 1 {
						fmt.Fprintf(stderr, "bench: replica %d, %s: status %d, err %v, or not the checked answer\n",
							rep+1, mix[i].path, got.status, err)
					}
					continue
				}
				mine[rep] = append(mine[rep], lat)
				kinds[mix[i].kind] = append(kinds[mix[i].kind], lat)
			}
			mu.Lock()
			for j := range per {
				per[j] = append(per[j], mine[j]...)
			}
			for k, l := range kinds {
				byKind[k] = append(byKind[k], l...)
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	out := replicaRound{replicas: r, secs: time.Since(start).Seconds(), per: per, byKind: byKind, errs: errs.Load()}
	for _, s := range per {
		out.all = append(out.all, s...)
	}
	return out
}

// roundOrder is the replica counts of each round: 1, R, R, 1, 1, R, ... so
// that drift on a shared machine hits both counts alike.
func roundOrder(rounds, r int) []int {
	var out []int
	for i := range rounds {
		if i%2 == 0 {
			out = append(out, 1, r)
		} else {
			out = append(out, r, 1)
		}
	}
	return out
}

// replicasBench measures answers per second and latency of one replica and
// then of all of them against one Neo4j, after checking that every replica
// answers every request of the mix with the same bytes, and writes the
// results to replicas-DATE-SIZE.md in o.dir itself.
func (b *bench) replicasBench(o replicaOptions) string {
	if len(o.urls) < 2 {
		must(fmt.Errorf("-parts replicas needs -replicas URL1,URL2 (two actorgraph serve on one Neo4j)"))
	}
	ps := b.connected()
	mix := requestMix(o.seed, o.requests, ps)
	if len(mix) == 0 {
		must(fmt.Errorf("replicas: no connected pairs in the data"))
	}
	var sb strings.Builder
	date := time.Now().UTC()
	nodes, rels := b.counts()
	fmt.Fprintf(&sb, "# Replicas: answers per second of 1 and %d `actorgraph serve` on one Neo4j, %s, %s\n\n",
		len(o.urls), b.label, date.Format(time.RFC3339))
	fmt.Fprintf(&sb, "machine: %s cores (nproc), %s; load average at start (/proc/loadavg): %s. "+
		"Neo4j 5.26.30 Community from .neo4j/lib (heap %s, page cache %s), one server; "+
		"the database holds %d nodes and %d relationships (every size loaded).\n\n",
		nproc(), memTotal(), loadavg(), envOr("NEO4J_HEAP", "?"), envOr("NEO4J_PAGECACHE", "?"), nodes, rels)
	fmt.Fprintf(&sb, "**Neo4j, every replica and the load generator share these %s cores**: a second replica "+
		"here measures contention for the same CPU, not scale-out.\n\n", nproc())
	counts := map[string]int{}
	for _, m := range mix {
		counts[m.kind]++
	}
	fmt.Fprintf(&sb, "Workload: %d requests a round (a fixed count, not a duration), %d closed-loop clients, "+
		"the same mix for every replica count (seed %d, %d connected pairs of %s's pairs.json):",
		len(mix), o.clients, o.seed, len(ps), b.label)
	for _, k := range mixKinds {
		fmt.Fprintf(&sb, " %s %d;", k.name, counts[k.name])
	}
	fmt.Fprintf(&sb, " request i goes to replica i mod R (round-robin). Replicas: %s.\n\n", strings.Join(o.urls, ", "))

	// Warm every replica (plans, pools, page cache) and check the answers
	// before any timing counts.
	want, bad := b.checkReplicas(o.urls, mix)
	fmt.Fprintf(&sb, "Answers checked before timing: %d distinct requests asked of each of the %d replicas; "+
		"status, Content-Type and body byte-equal (headers X-Request-ID and Date aside): ", len(want), len(o.urls))
	if len(bad) > 0 {
		b.mismatches += len(bad)
		fmt.Fprintf(&sb, "**%d DIFFER; nothing was timed**. First: %s\n", len(bad), bad[0])
		for _, m := range bad {
			fmt.Fprintln(stderr, "bench: REPLICAS DIFFER:", m)
		}
		return b.writeReplicas(o, date, sb.String())
	}
	fmt.Fprintf(&sb, "**%d/%d identical**. During timing every answer's body is hashed (sha256) and "+
		"compared with the checked one; any other answer is counted as an error and fails the run.\n\n",
		len(want), len(want))

	// One untimed pass over every replica warms what the check alone does
	// not: Neo4j's compiled plans under concurrency, both servers' pools.
	warm := b.runRound(o.urls, len(o.urls), o.clients, mix, want)
	b.mismatches += int(warm.errs)
	fmt.Fprintf(&sb, "Warm-up: one untimed round over all %d replicas (%.1f s, %d errors). Both processes run "+
		"throughout; in a 1-replica round the second gets no requests.\n\n", len(o.urls), warm.secs, warm.errs)

	var runs []replicaRound
	sb.WriteString("| round | replicas | requests | errors | seconds | answers/s total | answers/s per replica | median ms | p95 ms |\n" +
		"|---|---|---|---|---|---|---|---|---|\n")
	for i, r := range roundOrder(o.rounds, len(o.urls)) {
		rr := b.runRound(o.urls, r, o.clients, mix, want)
		if rr.errs > 0 {
			b.mismatches += int(rr.errs)
		}
		runs = append(runs, rr)
		var per []string
		for _, s := range rr.per {
			per = append(per, fmt.Sprintf("%.0f", float64(len(s))/rr.secs))
		}
		fmt.Fprintf(&sb, "| %d | %d | %d | %d | %.2f | %.0f | %s | %s | %s |\n", i+1, r, len(rr.all), rr.errs,
			rr.secs, float64(len(rr.all))/rr.secs, strings.Join(per, " / "), ms(rr.all.q(0.5)), ms(rr.all.q(0.95)))
	}
	sb.WriteString(replicaSummary(runs, len(o.urls)))
	fmt.Fprintf(&sb, "\nload average at the end: %s\n", loadavg())
	return b.writeReplicas(o, date, sb.String())
}

// replicaSummary gives, per replica count, the median round's answers per
// second (total and per replica) and the latency over every round's
// requests.
func replicaSummary(runs []replicaRound, r int) string {
	var sb strings.Builder
	sb.WriteString("\nSummary per replica count: answers/s is the median of its rounds (per replica: the median of " +
		"each replica's rate); latency over every request of its rounds.\n\n" +
		"| replicas | rounds | answers/s total (median) | answers/s per replica (median) | median ms | p95 ms | errors |\n" +
		"|---|---|---|---|---|---|---|\n")
	for _, n := range []int{1, r} {
		var tot []float64
		per := make([][]float64, n)
		var all sample
		var errs int64
		for _, rr := range runs {
			if rr.replicas != n {
				continue
			}
			tot = append(tot, float64(len(rr.all))/rr.secs)
			for j, s := range rr.per {
				per[j] = append(per[j], float64(len(s))/rr.secs)
			}
			all = append(all, rr.all...)
			errs += rr.errs
		}
		var ps []string
		for _, p := range per {
			ps = append(ps, fmt.Sprintf("%.0f", median(p)))
		}
		fmt.Fprintf(&sb, "| %d | %d | %.0f | %s | %s | %s | %d |\n", n, len(tot), median(tot),
			strings.Join(ps, " / "), ms(all.q(0.5)), ms(all.q(0.95)), errs)
	}
	fmt.Fprintf(&sb, "\nLatency by route, over every request of the rounds (median / p95 ms):\n\n"+
		"| route | 1 replica | %d replicas |\n|---|---|---|\n", r)
	for _, k := range mixKinds {
		fmt.Fprintf(&sb, "| %s |", k.name)
		for _, n := range []int{1, r} {
			var l sample
			for _, rr := range runs {
				if rr.replicas == n {
					l = append(l, rr.byKind[k.name]...)
				}
			}
			fmt.Fprintf(&sb, " %s / %s (%d) |", ms(l.q(0.5)), ms(l.q(0.95)), len(l))
		}
		sb.WriteString("\n")
	}
	return sb.String()
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// writeReplicas writes the part's own results file and returns the line
// that points to it.
func (b *bench) writeReplicas(o replicaOptions, date time.Time, md string) string {
	name := filepath.Join(o.dir, fmt.Sprintf("replicas-%s-%s.md", date.Format("20060102-1504"),
		strings.ToLower(b.label)))
	must(os.WriteFile(name, []byte(md), 0o644))
	fmt.Fprintln(stderr, "bench: replicas results written to", name)
	return fmt.Sprintf("\n### Replicas (%s)\n\nwritten to %s\n", b.label, name)
}

// counts is the database's node and relationship count.
func (b *bench) counts() (nodes, rels int64) {
	for _, q := range []struct {
		stmt string
		n    *int64
	}{{"MATCH (n) RETURN count(n) AS n", &nodes}, {"MATCH ()-[r]->() RETURN count(r) AS n", &rels}} {
		res, err := neo4j.ExecuteQuery(b.ctx, b.driver, q.stmt, nil, neo4j.EagerResultTransformer)
		must(err)
		*q.n, _, err = neo4j.GetRecordValue[int64](res.Records[0], "n")
		must(err)
	}
	return nodes, rels
}

func nproc() string {
	out, err := exec.Command("nproc").Output()
	if err != nil {
		return "?"
	}
	return strings.TrimSpace(string(out))
}

func loadavg() string {
	raw, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Join(strings.Fields(string(raw))[:3], " ")
}

func memTotal() string {
	raw, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return "? GiB"
	}
	var kb int64
	fmt.Sscanf(strings.TrimPrefix(strings.SplitN(string(raw), "\n", 2)[0], "MemTotal:"), "%d", &kb)
	return fmt.Sprintf("%d GiB", kb/1024/1024)
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}
