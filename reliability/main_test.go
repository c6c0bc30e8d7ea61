// Package reliability holds actorgraph's fault, cancel, timeout, hostile-input
// and authorization tests, each against a real Neo4j (testcontainers) and an
// actorgraph server wired as `actorgraph serve` wires it. The long fault test
// (Neo4j killed during a load) is scripts/soak.sh (`make soak`).
package reliability

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/synth"
	"github.com/actorgraph/actorgraph/testkit"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

var (
	db  *testkit.Neo4j
	srv *testkit.Server // default limits, 30 s request limit
	// slow is the same API with a 2 s query timeout, maxDepth up to 12 and
	// answers up to 1M nodes (the highest limits an operator may configure),
	// for the pathological queries.
	slow *testkit.Server
)

// hubSize is the degree of the hub fixture: one group with that many members
// (as `actorgraph-dev gen -shape hub -nodes 100k`).
const hubSize = 100_000

// hubCypher writes the hub fixture directly: the importer validates and
// merges row by row (about 2k relationships/s on this machine), which would
// spend most of the test budget on one fixture. Nodes and edges carry what
// the store reads: ids, kinds, names, keys and evidence.
var hubCypher = []string{`CREATE (h:Entity:Group {id: 'group:hn0', kind: 'Group', name: 'Hub Group', aliases: [], keys: ['grouphn0', 'hn0', 'hubgroup'], keyText: 'grouphn0 hn0 hubgroup', aliasText: ''})
CREATE (:Entity:Source {id: 'source:hs0', kind: 'Source', name: 'Hub source', aliases: [], keys: ['sourcehs0'], keyText: 'sourcehs0', aliasText: '', text: 'The members joined the hub group.',
  textSha256: 'ff90f132e912b32a7c55f85dbcb4048728e2f1bab70824a0eaaf0f74a03220b0', textLength: 33})`,
	`MATCH (h:Entity {id: 'group:hn0'})
UNWIND range(1, $n) AS i
CALL (h, i) {
  CREATE (a:Entity:Attacker {id: 'attacker:hn' + i, kind: 'Attacker', name: 'Member ' + i, aliases: [], keys: ['attackerhn' + i], keyText: 'attackerhn' + i, aliasText: ''})
  CREATE (a)-[:MEMBER_OF {id: 'hub' + i, evidence: 'quote', sources: ['source:hs0'], quote: 'The members joined the hub group.', quoteSource: 'source:hs0',
    quoteStart: 0, quoteEnd: 33, quoteSha256: 'ff90f132e912b32a7c55f85dbcb4048728e2f1bab70824a0eaaf0f74a03220b0',
    confidence: 50 + i % 50, stance: 'reported', reportedOn: '2020-01-' + right('0' + toString(1 + i % 28), 2)}]->(h)
} IN TRANSACTIONS OF 10000 ROWS`}

func TestMain(m *testing.M) {
	os.Exit(testkit.RunMain(m, func(ctx context.Context, n *testkit.Neo4j) error {
		db = n
		if err := n.LoadCrocus(ctx); err != nil {
			return err
		}
		k50, err := synth.Generate(synth.Config{Shape: "k50", Seed: 7, Tag: "k"})
		if err != nil {
			return err
		}
		d, err := k50.DataSet()
		if err != nil {
			return err
		}
		if _, err := n.Import(ctx, d); err != nil {
			return fmt.Errorf("load k50: %w", err)
		}
		if err := writeHub(ctx, n); err != nil {
			return fmt.Errorf("hub: %w", err)
		}
		if srv, err = testkit.StartServer(ctx, n); err != nil {
			return err
		}
		lim := graph.DefaultLimits
		lim.MaxDepth, lim.MaxResults = 12, 1_000_000
		slow, err = testkit.StartServer(ctx, n, testkit.WithQueryTimeout(2*time.Second), testkit.WithLimits(lim))
		return err
	}))
}

// reply is what a request got back.
type reply struct {
	status int
	body   []byte
}

// errorBody is {"error":{"code","message"}}.
type errorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

var client = &http.Client{Timeout: 60 * time.Second}

func do(t *testing.T, req *http.Request) reply {
	t.Helper()
	res, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, clip(req.URL.String()), err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return reply{res.StatusCode, b}
}

func get(t *testing.T, base, path string) reply {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, base+path, nil)
	if err != nil {
		t.Fatalf("GET %s: %v", clip(path), err)
	}
	return do(t, req)
}

// checkError asserts a JSON error body with a code and a message.
func checkError(t *testing.T, what string, r reply) {
	t.Helper()
	var e errorBody
	if err := json.Unmarshal(r.body, &e); err != nil {
		t.Errorf("%s: status %d, body is not JSON: %v: %s", what, r.status, err, clip(string(r.body)))
		return
	}
	if e.Error.Code == "" || strings.TrimSpace(e.Error.Message) == "" {
		t.Errorf("%s: status %d, error body lacks code or message: %s", what, r.status, clip(string(r.body)))
	}
}

func counts(t *testing.T) (int64, int64) {
	t.Helper()
	n, r, err := db.Counts(context.Background())
	if err != nil {
		t.Fatalf("counts: %v", err)
	}
	return n, r
}

func clip(s string) string {
	if len(s) > 160 {
		return s[:160] + "…"
	}
	return s
}

func writeHub(ctx context.Context, n *testkit.Neo4j) error {
	sess := n.Driver.NewSession(ctx, neo4j.SessionConfig{})
	defer sess.Close(ctx)
	// CALL ... IN TRANSACTIONS needs an auto-commit transaction: Run.
	for _, q := range hubCypher {
		res, err := sess.Run(ctx, q, map[string]any{"n": hubSize})
		if err == nil {
			_, err = res.Consume(ctx)
		}
		if err != nil {
			return err
		}
	}
	return nil
}
