package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/cmd/internal/cli"
	"github.com/actorgraph/actorgraph/data"
	"github.com/actorgraph/actorgraph/testkit"
)

var db *testkit.Neo4j

func TestMain(m *testing.M) { testkit.Main(m, &db) }

// actorgraph runs the command as main would, against the test Neo4j unless env
// overrides a variable.
func actorgraph(t *testing.T, env map[string]string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	// A generous request limit: the first queries on a fresh, shared test
	// machine can take seconds each to plan, and a request's statements
	// share one limit.
	base := map[string]string{"NEO4J_URI": db.BoltURL, "NEO4J_USER": db.User, "NEO4J_PASSWORD": db.Password,
		"ACTORGRAPH_QUERY_TIMEOUT": "60s"}
	getenv := func(k string) string {
		if v, ok := env[k]; ok {
			return v
		}
		return base[k]
	}
	var out, errw bytes.Buffer
	err = run(context.Background(), args, getenv, &out, &errw)
	return out.String(), errw.String(), err
}

func TestBadConfigIsOneLine(t *testing.T) {
	for _, tc := range []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"unknown flag", nil, []string{"serve", "--bogus"}, "flag provided but not defined"},
		{"malformed uri", map[string]string{"NEO4J_URI": "http//nowhere"}, []string{"serve"}, "is not a URI"},
		{"wrong scheme", map[string]string{"NEO4J_URI": "http://127.0.0.1:7474"}, []string{"import", "crocus"}, "scheme"},
		{"bad duration", map[string]string{"ACTORGRAPH_QUERY_TIMEOUT": "soon"}, []string{"serve"}, "not a duration"},
		{"depth out of range", nil, []string{"serve", "--depth-limit", "99"}, "out of range"},
		{"wrong password", map[string]string{"NEO4J_PASSWORD": "wrong"}, []string{"serve", "--addr",
			"127.0.0.1:0"}, "rejected the login"},
		{"unknown command", nil, []string{"frobnicate"}, "unknown command"},
		{"path needs two", nil, []string{"path", "ISIS-K"}, "needs FROM and TO"},
		{"bad api keys", map[string]string{"ACTORGRAPH_API_KEYS": "alice"}, []string{"serve"}, "not name:key"},
		{"ingest needs a file", nil, []string{"ingest"}, "ingest needs a FILE, a DIR or --jsonl FILE"},
		{"export needs a file", nil, []string{"export"}, "needs --stix FILE"},
		{"eval needs a dir", nil, []string{"eval"}, "at least one DIR"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, stderr, err := actorgraph(t, tc.env, tc.args...)
			if err == nil || cli.ExitCode(err) == 0 {
				t.Fatalf("got no error, want one")
			}
			if !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("got %q, want one line containing %q", err, tc.want)
			}
			if stderr != "" {
				t.Errorf("printed more than the reason: %q", stderr)
			}
		})
	}
}

func TestImportCrocusTwice(t *testing.T) {
	ctx := context.Background()
	if err := db.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	d, err := data.Crocus()
	if err != nil {
		t.Fatal(err)
	}
	out, _, err := actorgraph(t, nil, "import", "crocus")
	if err != nil || !strings.Contains(out, fmt.Sprintf("nodes %d created", len(d.Nodes))) ||
		!strings.Contains(out, fmt.Sprintf("edges %d created", len(d.Edges))) {
		t.Fatalf("first import: %v %q", err, out)
	}
	out, _, err = actorgraph(t, nil, "import", "crocus")
	if err != nil || !strings.Contains(out, "nodes 0 created") || !strings.Contains(out, "edges 0 created") {
		t.Fatalf("second import: %v %q, want 0 created", err, out)
	}
}

// TestExportImportSTIX: export --stix writes the graph as a bundle, the same
// bytes twice, and import reads it back adding and changing nothing.
func TestExportImportSTIX(t *testing.T) {
	ctx := context.Background()
	if err := db.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	if _, _, err := actorgraph(t, nil, "import", "crocus"); err != nil {
		t.Fatal(err)
	}
	nodes, rels, _ := db.Counts(ctx)
	dir := t.TempDir()
	first, second := filepath.Join(dir, "a.stix.json"), filepath.Join(dir, "b.stix.json")
	for _, f := range []string{first, second} {
		out, _, err := actorgraph(t, nil, "export", "--stix", f)
		if err != nil || !strings.Contains(out, fmt.Sprintf("%d nodes and %d relationships", nodes, rels)) {
			t.Fatalf("export: %v %q, want %d nodes and %d relationships", err, out, nodes, rels)
		}
	}
	a, _ := os.ReadFile(first)
	b, _ := os.ReadFile(second)
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Fatalf("two exports of the same graph differ (%d and %d bytes)", len(a), len(b))
	}
	out, stderr, err := actorgraph(t, nil, "import", first)
	if err != nil || !strings.Contains(out, "nodes 0 created, 0 updated") || !strings.Contains(out,
		"edges 0 created, 0 updated") || stderr != "" {
		t.Errorf("import of the export: %v %q %q, want nothing created or updated and nothing skipped", err, out, stderr)
	}
	if n, r, _ := db.Counts(ctx); n != nodes || r != rels {
		t.Errorf("counts %d/%d after the round trip, want %d/%d", n, r, nodes, rels)
	}
}

// TestImportBadRecord: one bad record among many exits non-zero naming the
// record, and nothing is written.
func TestImportBadRecord(t *testing.T) {
	ctx := context.Background()
	if err := db.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile("../../data/crocus/crocus.json")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir), os.DirFS("../../data/crocus")); err != nil {
		t.Fatal(err)
	}
	bad := bytes.Replace(b, []byte(`"type": "NATIONALITY_OF"`), []byte(`"type": "NATIONALITY_OFF"`), 1)
	if bytes.Equal(bad, b) {
		t.Fatal("fixture: no NATIONALITY_OF edge to break")
	}
	path := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(path, bad, 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, err := actorgraph(t, nil, "import", path)
	if err == nil || !strings.Contains(stderr, "bad.json: edges[") || !strings.Contains(stderr, "NATIONALITY_OFF") {
		t.Errorf("got %v, stderr %q; want an error naming the file, the record and the type", err, stderr)
	}
	if n, r, _ := db.Counts(ctx); n != 0 || r != 0 {
		t.Errorf("counts %d/%d after a rejected import, want 0/0", n, r)
	}
}

func TestPathTable(t *testing.T) {
	ctx := context.Background()
	if err := db.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	if err := db.LoadCrocus(ctx); err != nil {
		t.Fatal(err)
	}
	out, _, err := actorgraph(t, nil, "path", "ISIS-K", "Tajikistan", "--source", "source:seed-2024-03-25")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Crocus City Hall attack", "CLAIMED_RESPONSIBILITY",
		"radicalized citizens of Tajikistan", "EVIDENCE", "quote ✓ \"", "verified in its stored text"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	// With verified quotes only, every hop shown is one; or, when there is
	// no such path, the reason names the evidence filter.
	out, _, err = actorgraph(t, nil, "path", "ISIS-K", "Tajikistan", "--evidence", "quote", "--limit", "3")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out, "EVIDENCE") {
		if strings.Contains(out, "reported \"") || strings.Contains(out, "summary: ") || !strings.Contains(out, "quote ✓") {
			t.Errorf("--evidence quote shows a hop that is not a verified quote:\n%s", out)
		}
	} else if !strings.Contains(out, "without evidence=quote") {
		t.Errorf("got %q, want verified hops or a reason naming evidence=quote", out)
	}
	out, _, err = actorgraph(t, nil, "path", "--known-on", "2024-03-07", "--source",
		"source:seed-2024-03-25", "ISIS-K", "Tajikistan")
	if err != nil || !strings.Contains(out, "without knownOn=2024-03-07") {
		t.Errorf("got %v %q, want the reason naming knownOn", err, out)
	}
}

// TestAnalyticsTables: `actorgraph centrality` prints the ranking with the
// subgraph it was computed over; `actorgraph brokers` the brokers with their
// shares; both agree with the API's JSON (--json).
func TestAnalyticsTables(t *testing.T) {
	ctx := context.Background()
	if err := db.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	if err := db.LoadCrocus(ctx); err != nil {
		t.Fatal(err)
	}
	out, _, err := actorgraph(t, nil, "centrality", "--metric", "pagerank", "--limit", "20")
	if err != nil {
		t.Fatal(err)
	}
	js, _, err := actorgraph(t, nil, "centrality", "--metric", "pagerank", "--limit", "20", "--json")
	if err != nil {
		t.Fatal(err)
	}
	var c struct {
		Subgraph struct{ Nodes, Edges int }
		Results  []struct {
			ID   string
			Name string
			Rank int
		}
	}
	if err := json.Unmarshal([]byte(js), &c); err != nil || len(c.Results) != 20 {
		t.Fatalf("--json: %v, %d results; want 20:\n%s", err, len(c.Results), js)
	}
	t.Logf("actorgraph centrality --metric pagerank --limit 20:\n%s", out)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 22 || !strings.Contains(lines[0],
		fmt.Sprintf("%d entities, %d relationships", c.Subgraph.Nodes, c.Subgraph.Edges)) ||
		!strings.HasPrefix(lines[1], "RANK") {
		t.Fatalf("want a summary line, a header and 20 rows:\n%s", out)
	}
	for i, r := range c.Results {
		if f := strings.Fields(lines[i+2]); f[0] != strconv.Itoa(r.Rank) || !strings.Contains(lines[i+2], r.ID) ||
			!strings.Contains(lines[i+2], r.Name) {
			t.Errorf("row %d %q, want rank %d %s (%s)", i+1, lines[i+2], r.Rank, r.Name, r.ID)
		}
	}
	out, _, err = actorgraph(t, nil, "brokers", "ISIS-K", "Tajikistan", "--max-depth", "4", "--limit", "5")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("actorgraph brokers ISIS-K Tajikistan --max-depth 4 --limit 5:\n%s", out)
	for _, want := range []string{"Brokers between group:is-k and state:tj over", "SHARE", "Tajik", "%"} {
		if !strings.Contains(out, want) {
			t.Errorf("brokers table lacks %q:\n%s", want, out)
		}
	}
	if _, _, err := actorgraph(t, nil, "centrality", "--metric", "katz"); err == nil ||
		!strings.Contains(err.Error(), "metric") {
		t.Errorf("--metric katz: got %v, want an error naming metric", err)
	}
	if _, _, err := actorgraph(t, nil, "brokers", "ISIS-K"); err == nil ||
		!strings.Contains(err.Error(), "needs FROM and TO") {
		t.Errorf("brokers with one entity: got %v, want 'needs FROM and TO'", err)
	}
}
