package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/cmd/internal/cli"
	"github.com/actorgraph/actorgraph/data"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/synth"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// freePort finds a port nobody listens on below the kernel's ephemeral
// range (32768-60999), where Docker and outgoing connections take ports:
// the server is stopped and started again, and its ports must stay free
// in between.
func freePort(t *testing.T) string {
	t.Helper()
	for range 100 {
		port := 20000 + rand.IntN(12000)
		l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
		if err == nil {
			l.Close()
			return fmt.Sprint(port)
		}
	}
	t.Fatal("no free port in 20000-32000")
	return ""
}

// TestBulkLoad bulk-loads data sets with neo4j-admin into a local Neo4j run
// from this checkout's jars (its own home and ports): the counts are the
// data set's, the schema is online (names resolve through the full-text
// index), an import of the same data afterwards changes nothing (so bulk
// stores exactly what an import stores), and a non-empty database is
// refused without --overwrite.
func TestBulkLoad(t *testing.T) {
	checkout, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	bolt := freePort(t)
	env := map[string]string{
		"NEO4J_URI": "bolt://127.0.0.1:" + bolt, "NEO4J_PASSWORD": "bulksecret",
		"NEO4J_BOLT_PORT": bolt, "NEO4J_HTTP_PORT": freePort(t), "NEO4J_LOCAL_HOME": t.TempDir(),
		"NEO4J_HEAP": "512m", "NEO4J_PAGECACHE": "256m", "NEO4J_ADMIN_HEAP": "512m",
		"ACTORGRAPH_CHECKOUT": checkout,
	}
	t.Cleanup(func() {
		local, err := newCheckoutNeo4j(checkout, func(k string) string { return env[k] }, os.Stderr)
		if err == nil {
			err = local.stop(context.Background())
		}
		if err != nil {
			t.Errorf("stopping the local Neo4j: %v", err)
		}
	})

	gen := t.TempDir()
	g, err := synth.Generate(synth.Config{Shape: "ba", Nodes: 2000, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	if err := g.Write(gen); err != nil {
		t.Fatal(err)
	}
	wantNodes, wantRels := csvRecords(t, filepath.Join(gen, "nodes.csv")), csvRecords(t, filepath.Join(gen, "edges.csv"))
	out, stderr, err := actorgraph(t, env, "load", "--bulk", gen)
	if err != nil {
		t.Fatalf("load --bulk %s: %v\n%s", gen, err, tail(stderr))
	}
	if want := fmt.Sprintf("bulk-loaded %d nodes, %d relationships", wantNodes, wantRels); !strings.Contains(out, want) {
		t.Errorf("load printed %q, want %q", out, want)
	}
	checkCounts(t, env, wantNodes, wantRels)

	// A bad record anywhere, even the very last, fails the whole load with
	// the import's message, and the database keeps what it held. Both bad
	// records are in one load (each is one of the last edges; every problem
	// is reported), so the server stops and starts again once for both.
	dir := badCopy(t, gen, []badEdge{{target: "state:no-such-node", id: "zz-dangling"}, {}})
	_, stderr, err = actorgraph(t, env, "load", "--bulk", "--overwrite", dir)
	for _, bad := range []struct{ name, want string }{
		{"the last edge but one names a missing node", "dangling: no node with this id"},
		{"the last edge repeats an id", "two edges share this id"},
	} {
		if err == nil || !strings.Contains(stderr, bad.want) || !strings.Contains(stderr, "edges.csv: line ") {
			t.Errorf("%s: load returned %v\n%s\nwant a failure naming edges.csv, the line and %q", bad.name,
				err, tail(stderr), bad.want)
		}
	}
	checkCounts(t, env, wantNodes, wantRels)

	_, _, err = actorgraph(t, env, "load", "--bulk", "crocus")
	if err == nil || !strings.Contains(err.Error(), "--overwrite") || !strings.Contains(err.Error(), "already holds") {
		t.Fatalf("load into a non-empty database: got %v, want a refusal naming --overwrite", err)
	}
	checkCounts(t, env, wantNodes, wantRels)

	// An installed Neo4j (NEO4J_HOME) is run by its own bin/neo4j and
	// bin/neo4j-admin, not by anything in the checkout: here a home whose
	// tools drive the same server, and note how they were called. It
	// replaces the generated graph with the Crocus set (--overwrite).
	home := fakeNeo4jHome(t, checkout, env)
	withHome := map[string]string{"NEO4J_HOME": home, "ACTORGRAPH_CHECKOUT": t.TempDir()}
	for k, v := range env {
		if k != "ACTORGRAPH_CHECKOUT" {
			withHome[k] = v
		}
	}
	crocus, err := data.Crocus()
	if err != nil {
		t.Fatal(err)
	}
	out, stderr, err = actorgraph(t, withHome, "load", "--bulk", "--overwrite", "crocus")
	if err != nil || !strings.Contains(out, fmt.Sprintf("bulk-loaded %d nodes, %d relationships", len(crocus.Nodes),
		len(crocus.Edges))) {
		t.Fatalf("load --bulk --overwrite crocus with NEO4J_HOME: %v; printed %q\n%s", err, out, tail(stderr))
	}
	calls, err := os.ReadFile(filepath.Join(home, "calls.log"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"neo4j stop",
		"neo4j-admin database import full --overwrite-destination=true", "neo4j start"} {
		if !strings.Contains(string(calls), want) {
			t.Errorf("load --bulk with NEO4J_HOME ran %q, want %q among them", calls, want)
		}
	}
	checkCounts(t, env, len(crocus.Nodes), len(crocus.Edges))
	out, stderr, err = actorgraph(t, env, "path", "ISIS-K", "Tajikistan")
	if err != nil || !strings.Contains(out, "Islamic State – Khorasan Province") || !strings.Contains(out, "Tajikistan") {
		t.Errorf("path by names after the bulk load: %v\n%s%s", err, out, stderr)
	}
	out, stderr, err = actorgraph(t, env, "import", "crocus")
	if err != nil || !strings.Contains(out, "nodes 0 created, 0 updated") || !strings.Contains(out,
		"edges 0 created, 0 updated") {
		t.Errorf("import of the bulk-loaded data set: %v; printed %q %s, want 0 created and 0 updated", err, out, stderr)
	}

	// Records that carry no marking get ACTORGRAPH_DEFAULT_MARKING, as an
	// import gives them, and an edge is as strict as its Sources: the
	// Crocus set with its Sources marked amber, loaded with default green.
	for i := range crocus.Nodes {
		if crocus.Nodes[i].Kind == graph.Source {
			crocus.Nodes[i].Marking = graph.Amber
		}
	}
	b, err := json.Marshal(crocus)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "marked.json")
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	green := map[string]string{"ACTORGRAPH_DEFAULT_MARKING": "green"}
	for k, v := range env {
		green[k] = v
	}
	if out, stderr, err = actorgraph(t, green, "load", "--bulk", "--overwrite", file); err != nil {
		t.Fatalf("load --bulk --overwrite %s: %v; printed %q\n%s", file, err, out, tail(stderr))
	}
	for _, m := range []struct{ what, query, want string }{
		{"entities", "MATCH (n:Entity) WHERE NOT n:Source RETURN n.marking AS m, n.markingRank AS r", "green 1"},
		{"sources", "MATCH (n:Source) RETURN n.marking AS m, n.markingRank AS r", "amber 2"},
		{"relationships", "MATCH ()-[x]->() RETURN x.marking AS m, x.markingRank AS r", "amber 2"},
	} {
		if got := markings(t, env, m.query); len(got) != 1 || got[0] != m.want {
			t.Errorf("bulk load with ACTORGRAPH_DEFAULT_MARKING=green: %s are marked %q, want only %q", m.what, got, m.want)
		}
	}
	out, stderr, err = actorgraph(t, green, "import", file)
	if err != nil || !strings.Contains(out, "nodes 0 created, 0 updated") || !strings.Contains(out,
		"edges 0 created, 0 updated") {
		t.Errorf("import of the bulk-loaded marked data set: %v; printed %q %s, want 0 created and 0 updated", err, out,
			stderr)
	}
}

// markings are the distinct "marking rank" pairs query returns (columns m, r).
func markings(t *testing.T, env map[string]string, query string) []string {
	t.Helper()
	ctx := context.Background()
	d, err := neo4j.NewDriverWithContext(env["NEO4J_URI"], neo4j.BasicAuth("neo4j", env["NEO4J_PASSWORD"], ""))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close(ctx)
	res, err := neo4j.ExecuteQuery(ctx, d, query, nil, neo4j.EagerResultTransformer)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	var out []string
	for _, rec := range res.Records {
		m, _ := rec.Get("m")
		r, _ := rec.Get("r")
		if k := fmt.Sprint(m, " ", r); !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}

// fakeNeo4jHome is a NEO4J_HOME whose bin/neo4j and bin/neo4j-admin log
// their arguments to calls.log and drive the checkout's server with env.
func fakeNeo4jHome(t *testing.T, checkout string, env map[string]string) string {
	t.Helper()
	home := t.TempDir()
	if err := os.MkdirAll(filepath.Join(home, "bin"), 0o755); err != nil {
		t.Fatal(err)
	}
	var exports strings.Builder
	for _, k := range []string{"NEO4J_BOLT_PORT", "NEO4J_HTTP_PORT", "NEO4J_PASSWORD", "NEO4J_HEAP",
		"NEO4J_PAGECACHE", "NEO4J_LOCAL_HOME", "NEO4J_ADMIN_HEAP"} {
		fmt.Fprintf(&exports, "export %s=%q\n", k, env[k])
	}
	script := filepath.Join(checkout, "scripts", "neo4j-local.sh")
	tools := map[string]string{
		"neo4j": `exec bash "` + script + `" "$@"`,
		// database import full ARGS... DATABASE -> neo4j-local.sh import ARGS...
		"neo4j-admin": `[[ "$1 $2 $3" == "database import full" && "${@: -1}" == neo4j ]] || { echo "unexpected: $*" >&2; exit 2; }
shift 3
exec bash "` + script + `" import "${@:1:$#-1}"`,
	}
	for name, body := range tools {
		text := "#!/usr/bin/env bash\nset -euo pipefail\n" + exports.String() +
			`echo "` + name + ` $*" >>"` + filepath.Join(home, "calls.log") + `"` + "\n" + body + "\n"
		if err := os.WriteFile(filepath.Join(home, "bin", name), []byte(text), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return home
}

// TestLoadSaysWhereNeo4jIs: with no Neo4j to run, load --bulk names what to
// set, before it reads anything.
func TestLoadSaysWhereNeo4jIs(t *testing.T) {
	for _, tc := range []struct {
		name string
		env  map[string]string
		want []string
	}{
		{"a home without neo4j-admin", map[string]string{"NEO4J_HOME": t.TempDir()}, []string{"NEO4J_HOME",
			"bin/neo4j", "--neo4j-home"}},
		{"a checkout without jars", map[string]string{"ACTORGRAPH_CHECKOUT": t.TempDir()},
			[]string{"no Neo4j", "NEO4J_HOME", "--neo4j-home", "--checkout"}},
	} {
		_, _, err := actorgraph(t, tc.env, "load", "--bulk", "crocus")
		if err == nil || cli.ExitCode(err) != 2 {
			t.Errorf("%s: got %v, want a usage error", tc.name, err)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: %q does not say %q", tc.name, err, w)
			}
		}
	}
}

// badCopy copies a generated folder and appends the first edge again to
// edges.csv, with another id and target where those are not "".
// badEdge is an edge appended to a copy of gen: the data set's first edge
// with its id and target replaced where given (an empty id keeps the first
// edge's, so two edges share it).
type badEdge struct{ id, target string }

// badCopy is a copy of the data set in gen with the bad edges appended, in
// order, after its last edge.
func badCopy(t *testing.T, gen string, bad []badEdge) string {
	t.Helper()
	dir := t.TempDir()
	nodes, err := os.ReadFile(filepath.Join(gen, "nodes.csv"))
	if err != nil {
		t.Fatal(err)
	}
	edges, err := os.ReadFile(filepath.Join(gen, "edges.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitN(string(edges), "\n", 3)
	for _, b := range bad {
		fields := strings.SplitN(lines[1], ",", 5)
		if b.id != "" {
			fields[0] = b.id
		}
		if b.target != "" {
			fields[3] = b.target
		}
		edges = append(edges, []byte(strings.Join(fields, ",")+"\n")...)
	}
	if err := os.WriteFile(filepath.Join(dir, "nodes.csv"), nodes, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "edges.csv"), edges, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func csvRecords(t *testing.T, path string) int {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Count(string(b), "\n") - 1 // header; gen writes one record a line
}

func checkCounts(t *testing.T, env map[string]string, nodes, rels int) {
	t.Helper()
	ctx := context.Background()
	d, err := neo4j.NewDriverWithContext(env["NEO4J_URI"], neo4j.BasicAuth("neo4j", env["NEO4J_PASSWORD"], ""))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close(ctx)
	// The graph's version node is not data: FinishBulk sets it (replicas'
	// caches follow it), so a bulk-loaded database has exactly one.
	res, err := neo4j.ExecuteQuery(ctx, d,
		"CALL { MATCH (n) WHERE NOT n:GraphVersion RETURN count(n) AS n } "+
			"CALL { MATCH ()-[r]->() RETURN count(r) AS r } "+
			"CALL { MATCH (v:GraphVersion {id: 'graph'}) WHERE v.version <> '' RETURN count(v) AS v } RETURN n, r, v",
		nil, neo4j.EagerResultTransformer)
	if err != nil {
		t.Fatal(err)
	}
	n, _ := res.Records[0].Get("n")
	r, _ := res.Records[0].Get("r")
	v, _ := res.Records[0].Get("v")
	if n != int64(nodes) || r != int64(rels) {
		t.Errorf("database holds %v nodes, %v relationships; want %d, %d", n, r, nodes, rels)
	}
	if v != int64(1) {
		t.Errorf("database holds %v graph versions, want 1 (load --bulk sets it)", v)
	}
}

func tail(s string) string {
	lines := strings.Split(s, "\n")
	return strings.Join(lines[max(0, len(lines)-30):], "\n")
}
