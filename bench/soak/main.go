// Command soak kills Neo4j under load and checks that actorgraph survives it:
// the service never exits, answers 503 (never 500) while the database is
// down, is ready again within 5 s of Neo4j, and an import interrupted by the
// kill (checked: it did not answer 200 before the kill, and left no row
// behind) and then re-run leaves exactly the data set's rows (none lost,
// none doubled). 503 (database unavailable) and 504 (time limit) answers
// are counted apart, before the kill, while Neo4j is down and after it is
// back; any 5xx while Neo4j is healthy is a failure. scripts/soak.sh
// (make soak) starts the pieces on a fresh database and runs it.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/actorgraph/actorgraph/internal/synth"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

var (
	api       = flag.String("api", "http://127.0.0.1:28080", "actorgraph base URL")
	pid       = flag.Int("pid", 0, "actorgraph's process id")
	container = flag.String("container", "actorgraph-soak-neo4j", "the Neo4j container to kill")
	neo4jHTTP = flag.String("neo4j-http", "http://127.0.0.1:27474", "Neo4j's HTTP address (to see when it is back)")
	bolt      = flag.String("bolt", "bolt://127.0.0.1:27687", "Neo4j Bolt URL (for the final counts)")
	password  = flag.String("password", "soaksecret", "Neo4j password")
	key       = flag.String("key", "soak-key", "actorgraph API key")
	duration  = flag.Duration("duration", 60*time.Second, "load duration")
	clients   = flag.Int("clients", 8, "concurrent clients")
)

var failures atomic.Int64

func fail(format string, args ...any) {
	failures.Add(1)
	fmt.Fprintf(os.Stderr, "FAIL: "+format+"\n", args...)
}

func main() {
	flag.Parse()
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "soak")
	defer os.RemoveAll(dir)
	g, err := synth.Generate(synth.Config{Shape: "ba", Nodes: 10_000, Seed: 3, Tag: "soak-"})
	check(err)
	check(g.Write(dir))
	hc := &http.Client{Timeout: 30 * time.Second}

	if n, r := soakCounts(ctx); n != 0 || r != 0 {
		fail("the database already holds %d soak nodes and %d relationships: the interrupted import "+
			"could not be told apart; start from an empty database", n, r)
	}
	// phase is where the fault is: a status is counted per phase, so a 503
	// or 504 while Neo4j is down is told apart from one while it is healthy.
	var phase atomic.Value
	phase.Store("before the kill")
	var statuses sync.Map // "phase: code" -> *atomic.Int64
	count := func(code int) string {
		p := phase.Load().(string)
		v, _ := statuses.LoadOrStore(fmt.Sprintf("%s: %d", p, code), new(atomic.Int64))
		v.(*atomic.Int64).Add(1)
		return p
	}
	routes := []string{"/api/v1/search?q=isis", "/api/v1/entities/group:is-k",
		"/api/v1/entities/group:is-k/neighbors?depth=2",
		"/api/v1/paths/shortest?from=group:is-k&to=state:tj", "/api/v1/paths?from=group:is-k&to=state:ru", "/readyz"}
	stop := time.Now().Add(*duration)
	var wg sync.WaitGroup
	var sent atomic.Int64
	for c := 0; c < *clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			for i := c; time.Now().Before(stop) && sent.Add(1) < 200_000; i++ {
				res, err := hc.Get(*api + routes[i%len(routes)])
				if err != nil {
					fail("GET %s: %v (did actorgraph exit?)", routes[i%len(routes)], err)
					time.Sleep(100 * time.Millisecond)
					continue
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
				p := count(res.StatusCode)
				switch {
				case res.StatusCode >= 500 && res.StatusCode != 503 && res.StatusCode != 504:
					fail("GET %s: %d", routes[i%len(routes)], res.StatusCode)
				case res.StatusCode >= 500 && p == "before the kill":
					fail("GET %s: %d while Neo4j is healthy", routes[i%len(routes)], res.StatusCode)
				}
				time.Sleep(5 * time.Millisecond)
			}
		}(c)
	}

	// The fault: an import starts, Neo4j is killed during it, and comes back.
	time.Sleep(5 * time.Second)
	type answer struct {
		code int
		at   time.Time
	}
	importDone := make(chan answer, 1)
	go func() { c := postImport(hc, dir); importDone <- answer{c, time.Now()} }()
	// Kill while the import writes: once Neo4j lists a transaction running
	// the importer's node statement (the first of its ~20 write statements),
	// not after a fixed wait, which a fast import outruns.
	waitForImportWrites(ctx, importDone)
	fmt.Println("killing", *container)
	phase.Store("Neo4j down")
	killing := time.Now()
	check(exec.Command("docker", "kill", *container).Run())
	interrupted := <-importDone
	fmt.Printf("interrupted import answered %d, %v after the kill was sent\n", interrupted.code,
		interrupted.at.Sub(killing).Round(time.Millisecond))
	if interrupted.code == 200 || interrupted.at.Before(killing) {
		fail("the import was not interrupted: it answered %d before the kill; make it larger or kill sooner",
			interrupted.code)
	}
	time.Sleep(10 * time.Second)
	r := get(hc, "/readyz")
	if r != 503 {
		fail("/readyz while Neo4j is down: %d, want 503", r)
	}
	fmt.Println("starting", *container, "after", time.Since(killing).Round(time.Second))
	check(exec.Command("docker", "start", *container).Run())
	for get(hc, *neo4jHTTP+"/") != 200 {
		time.Sleep(100 * time.Millisecond)
	}
	neo4jBack := time.Now()
	for get(hc, "/readyz") != 200 && time.Since(neo4jBack) < 60*time.Second {
		time.Sleep(100 * time.Millisecond)
	}
	ready := time.Since(neo4jBack)
	phase.Store("after Neo4j is back")
	fmt.Printf("actorgraph ready %v after Neo4j answered HTTP\n", ready.Round(10*time.Millisecond))
	if ready > 5*time.Second {
		fail("ready %v after Neo4j, want within 5 s", ready)
	}
	// All or nothing: the interrupted import left no row.
	if n, r := soakCounts(ctx); n != 0 || r != 0 {
		fail("the interrupted import left %d nodes and %d relationships, want none", n, r)
	}
	// The re-run import must complete and leave exactly the data set.
	var code int
	for try := 0; try < 10; try++ {
		if code = postImport(hc, dir); code == 200 {
			break
		}
		time.Sleep(2 * time.Second)
	}
	if code != 200 {
		fail("re-run import: %d", code)
	}
	wg.Wait()
	if *pid != 0 && syscall.Kill(*pid, 0) != nil {
		fail("actorgraph (pid %d) is gone", *pid)
	}
	nodes, rels := soakCounts(ctx)
	fmt.Printf("soak rows in Neo4j: %d nodes, %d relationships; data set: %d nodes, %d relationships\n",
		nodes, rels, g.NodeCount(), g.EdgeCount())
	if nodes != int64(g.NodeCount()) || rels != int64(g.EdgeCount()) {
		fail("after the re-run import: %d nodes, %d relationships; want %d, %d", nodes, rels, g.NodeCount(), g.EdgeCount())
	}
	statuses.Range(func(k, v any) bool {
		fmt.Printf("status %v: %d\n", k, v.(*atomic.Int64).Load())
		return true
	})
	for _, p := range []string{"before the kill", "Neo4j down", "after Neo4j is back"} {
		var n503, n504 int64
		if v, ok := statuses.Load(p + ": 503"); ok {
			n503 = v.(*atomic.Int64).Load()
		}
		if v, ok := statuses.Load(p + ": 504"); ok {
			n504 = v.(*atomic.Int64).Load()
		}
		fmt.Printf("%s: %d answered 503 (unavailable), %d answered 504 (time limit)\n", p, n503, n504)
	}
	if failures.Load() > 0 {
		fmt.Printf("soak: %d failure(s)\n", failures.Load())
		os.Exit(1)
	}
	fmt.Println("soak: ok")
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "soak:", err)
		os.Exit(1)
	}
}

func get(hc *http.Client, path string) int {
	u := path
	if _, err := url.ParseRequestURI(path); err != nil || path[0] == '/' {
		u = *api + path
	}
	res, err := hc.Get(u)
	if err != nil {
		return 0
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res.StatusCode
}

func postImport(hc *http.Client, dir string) int {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for _, name := range []string{"nodes", "edges"} {
		fw, _ := w.CreateFormFile(name, name+".csv")
		b, err := os.ReadFile(filepath.Join(dir, name+".csv"))
		check(err)
		fw.Write(b)
	}
	w.Close()
	req, _ := http.NewRequest(http.MethodPost, *api+"/api/v1/import", &buf)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("X-API-Key", *key)
	c := &http.Client{Timeout: 10 * time.Minute}
	res, err := c.Do(req)
	if err != nil {
		fmt.Println("import:", err)
		return 0
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode >= 500 && res.StatusCode != 503 {
		fail("import answered %d: %s", res.StatusCode, b)
	}
	return res.StatusCode
}

// waitForImportWrites returns once Neo4j runs a transaction whose current
// statement creates Entity nodes; it fails the soak when the import answers
// first or nothing shows within 30 s.
func waitForImportWrites[T any](ctx context.Context, done chan T) {
	d, err := neo4j.NewDriverWithContext(*bolt, neo4j.BasicAuth("neo4j", *password, ""))
	check(err)
	defer d.Close(ctx)
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		select {
		case a := <-done:
			done <- a
			fail("the import answered before Neo4j showed it writing (%v)", a)
			return
		default:
		}
		// The text searched for is a parameter, so this statement does not
		// find itself.
		res, err := neo4j.ExecuteQuery(ctx, d,
			`SHOW TRANSACTIONS YIELD currentQuery WHERE currentQuery CONTAINS $s RETURN count(*) AS n`,
			map[string]any{"s": "CREATE (n:Entity:"}, neo4j.EagerResultTransformer)
		check(err)
		if n, _ := res.Records[0].Get("n"); n.(int64) > 0 {
			return
		}
	}
	fail("Neo4j showed no import writing within 30 s of the import's start")
}

func soakCounts(ctx context.Context) (int64, int64) {
	d, err := neo4j.NewDriverWithContext(*bolt, neo4j.BasicAuth("neo4j", *password, ""))
	check(err)
	defer d.Close(ctx)
	res, err := neo4j.ExecuteQuery(ctx, d, `MATCH (n:Entity) WHERE split(n.id, ':')[1] STARTS WITH 'soak-'
WITH collect(n) AS ns
RETURN size(ns) AS nodes, COUNT { MATCH (a:Entity)-[r]->() WHERE split(a.id, ':')[1] STARTS WITH 'soak-' } AS rels`,
		nil, neo4j.EagerResultTransformer)
	check(err)
	n, _ := res.Records[0].Get("nodes")
	r, _ := res.Records[0].Get("rels")
	return n.(int64), r.(int64)
}
