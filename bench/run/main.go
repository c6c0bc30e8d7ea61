// Command run is actorgraph's side-by-side benchmark: it measures the API of
// a running actorgraph against the raw Neo4j driver running the same Cypher
// and against Neo4j's HTTP Query API, alternating A and B in one run, and
// prints Markdown tables. scripts/bench.sh (make bench) drives it.
//
//	go run ./bench/run -data bench/data/ba-100k -api http://127.0.0.1:18080 -pid PID
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

type bench struct {
	ctx     context.Context
	driver  neo4j.DriverWithContext
	queryV2 string // Neo4j HTTP Query API URL
	user    string
	pass    string
	api     string
	pid     int
	hc      *http.Client
	pairs   []pair
	rounds  int
	label   string
	out     string // the results file (routes writes its shortest p99 beside it)
	// mismatches counts A/B pairs whose answers differed; any makes the
	// run exit non-zero.
	mismatches int
}

var stderr = os.Stderr

type pair struct {
	From     string `json:"from"`
	To       string `json:"to"`
	Distance int    `json:"distance"`
	fromName string
}

func main() {
	var b bench
	var bolt, httpBase, data, out, parts string
	var conDur time.Duration
	flag.StringVar(&bolt, "bolt", "bolt://127.0.0.1:17687", "Neo4j Bolt URL")
	flag.StringVar(&httpBase, "http", "http://127.0.0.1:17474", "Neo4j HTTP base URL (for the Query API)")
	flag.StringVar(&b.user, "user", "neo4j", "Neo4j user")
	flag.StringVar(&b.pass, "password", "benchsecret", "Neo4j password")
	flag.StringVar(&b.api, "api", "http://127.0.0.1:18080", "actorgraph base URL")
	flag.IntVar(&b.pid, "pid", 0, "actorgraph's process id (for RSS)")
	flag.StringVar(&data, "data", "", "graph folder with pairs.json")
	flag.StringVar(&b.label, "label", "", "size label for the tables")
	flag.IntVar(&b.rounds, "rounds", 1, "passes over the pairs per case")
	flag.DurationVar(&conDur, "concurrency-time", 8*time.Second, "time per concurrency level")
	flag.StringVar(&parts, "parts", "routes,queryapi,concurrency,export",
		"what to run: routes, queryapi, concurrency, export, stix, import, plans, replicas, growth, check")
	flag.StringVar(&out, "out", "", "append the Markdown to this file too")
	var ro replicaOptions
	var replicaURLs string
	flag.StringVar(&replicaURLs, "replicas", "", "for -parts replicas: the replicas' base URLs, comma-separated "+
		"(two actorgraph serve on one Neo4j); the first alone, then all")
	flag.IntVar(&ro.requests, "replica-requests", 2000, "for -parts replicas: requests a round")
	flag.IntVar(&ro.clients, "replica-clients", 8, "for -parts replicas: concurrent clients")
	flag.IntVar(&ro.rounds, "replica-rounds", 3, "for -parts replicas: rounds of each replica count")
	flag.Uint64Var(&ro.seed, "replica-seed", 1, "for -parts replicas: the request mix's seed")
	flag.StringVar(&ro.dir, "results", "bench/results", "for -parts replicas: where replicas-DATE-SIZE.md is written")
	var growthSizes string
	flag.StringVar(&growthSizes, "growth", "", "for -parts growth: the two size labels to compare, e.g. 100k,1M")
	flag.Parse()
	b.out = out
	ctx := context.Background()
	var err error
	b.ctx = ctx
	b.queryV2 = strings.TrimRight(httpBase, "/") + "/db/neo4j/query/v2"
	b.hc = &http.Client{Timeout: 120 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	b.driver, err = neo4j.NewDriverWithContext(bolt, neo4j.BasicAuth(b.user, b.pass, ""))
	if err == nil {
		err = b.driver.VerifyConnectivity(ctx)
	}
	must(err)
	defer b.driver.Close(ctx)
	if data != "" {
		must(b.readPairs(filepath.Join(data, "pairs.json")))
	}
	for _, p := range strings.Split(parts, ",") {
		start := time.Now()
		var md string
		switch p {
		case "routes":
			md = b.routes()
		case "queryapi":
			md = b.queryAPI()
		case "concurrency":
			md = b.concurrency(conDur)
		case "export":
			md = b.export()
		case "stix":
			md = b.stixExport()
		case "check": // the pairs were found in the database: the graph is loaded
		case "import":
			md = b.importBench(data)
		case "plans":
			md = b.plansBench()
		case "replicas":
			if replicaURLs != "" {
				ro.urls = strings.Split(replicaURLs, ",")
			}
			md = b.replicasBench(ro)
		case "growth":
			sizes := strings.Split(growthSizes, ",")
			if len(sizes) != 2 || out == "" {
				must(fmt.Errorf("-parts growth needs -growth FROM,TO and -out (the routes parts of " +
					"both sizes wrote their p99 beside it)"))
			}
			md = growth(out, sizes[0], sizes[1])
		default:
			must(fmt.Errorf("unknown part %q", p))
		}
		fmt.Fprintf(os.Stderr, "bench %s %s: %.0fs\n", b.label, p, time.Since(start).Seconds())
		// Each part is written as it ends, so a later failure loses nothing.
		fmt.Print(md)
		if out != "" && md != "" {
			f, err := os.OpenFile(out, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
			must(err)
			f.WriteString(md)
			must(f.Close())
		}
	}
	if b.mismatches > 0 {
		must(fmt.Errorf("%d A/B pairs or replica answers differed (see the tables and bench/results/replicas-*.md); "+
			"their timings were not counted", b.mismatches))
	}
}

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func (b *bench) readPairs(path string) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var f struct{ Pairs []pair }
	if err := json.Unmarshal(raw, &f); err != nil {
		return err
	}
	b.pairs = f.Pairs
	for i := range b.pairs {
		res, err := neo4j.ExecuteQuery(b.ctx, b.driver, "MATCH (n:Entity {id: $id}) RETURN n.name AS name",
			map[string]any{"id": b.pairs[i].From}, neo4j.EagerResultTransformer)
		if err != nil {
			return err
		}
		if len(res.Records) == 0 {
			return fmt.Errorf("%s is not in the database: load the graph first", b.pairs[i].From)
		}
		name, _ := res.Records[0].Get("name")
		b.pairs[i].fromName, _ = name.(string)
	}
	return nil
}

// get fetches an actorgraph URL and reads the whole body.
func (b *bench) get(path string) (time.Duration, int, error) {
	start := time.Now()
	res, err := b.hc.Get(b.api + path)
	if err != nil {
		return 0, 0, err
	}
	n, err := io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode != 200 {
		return 0, int(n), fmt.Errorf("GET %s: %d", path, res.StatusCode)
	}
	return time.Since(start), int(n), err
}

// getBody fetches an actorgraph URL and keeps the body for checking.
func (b *bench) getBody(path string) (time.Duration, []byte, error) {
	start := time.Now()
	res, err := b.hc.Get(b.api + path)
	if err != nil {
		return 0, nil, err
	}
	body, err := io.ReadAll(res.Body)
	res.Body.Close()
	took := time.Since(start)
	if res.StatusCode != 200 {
		return 0, body, fmt.Errorf("GET %s: %d %s", path, res.StatusCode, body)
	}
	return took, body, err
}

// alternate measures a and b n times each, a first on even rounds and b
// first on odd ones, so drift on a noisy machine hits both alike.
func alternate(n int, a, bf func(i int) time.Duration) (sample, sample) {
	var as, bs sample
	for i := 0; i < n; i++ {
		if i%2 == 0 {
			as = append(as, a(i))
			bs = append(bs, bf(i))
		} else {
			bs = append(bs, bf(i))
			as = append(as, a(i))
		}
	}
	return as, bs
}
