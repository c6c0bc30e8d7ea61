package cypher_test

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/cypher"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/testhook"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// delayedStore returns a store over the loaded database, under a request
// limit of limit, and a context under which its statements are held back by
// delay.
func delayedStore(t *testing.T, limit time.Duration, delay func(string) time.Duration) (*cypher.Store,
	context.Context) {
	t.Helper()
	s, err := db.NewStore(context.Background(), cypher.Options{Timeout: limit})
	if err != nil {
		t.Fatal(err)
	}
	return s, testhook.WithStatementDelay(context.Background(), delay)
}

// statementLog records the statements a store ran.
type statementLog struct {
	mu    sync.Mutex
	names []string
}

func (l *statementLog) observe(name string) func(error) {
	l.mu.Lock()
	l.names = append(l.names, name)
	l.mu.Unlock()
	return func(error) {}
}

// TestRequestDeadlineSpansStatements: each statement finishes well under the
// limit (400 ms of 1 s), but a neighbourhood runs five of them (resolve,
// three levels, the degree count): the request must end with a time-out
// within the limit (+0.5 s), not run for their sum.
func TestRequestDeadlineSpansStatements(t *testing.T) {
	const limit, each = time.Second, 400 * time.Millisecond
	// Without the delay the same request answers: what ends it below is the
	// shared deadline, nothing else.
	crocusStore(t)
	plain, _ := delayedStore(t, time.Minute, nil)
	q := graph.NeighborQuery{ID: "group:is-k", Depth: 3, Limit: 500}
	if _, err := plain.Neighbors(context.Background(), q); err != nil {
		t.Fatalf("without a delay: %v", err)
	}
	var log statementLog
	s, err := db.NewStore(context.Background(), cypher.Options{Timeout: limit, Observe: log.observe})
	if err != nil {
		t.Fatal(err)
	}
	ctx := testhook.WithStatementDelay(context.Background(), func(string) time.Duration { return each })
	start := time.Now()
	_, err = s.Neighbors(ctx, q)
	took := time.Since(start)
	if !errors.Is(err, graph.ErrTimeout) {
		t.Fatalf("got %v, want graph.ErrTimeout", err)
	}
	if took > limit+500*time.Millisecond {
		t.Errorf("took %v, want at most the 1s limit + 0.5s", took)
	}
	// Which statement the limit passes in depends on the machine; that the
	// message names the limit, the step and the statement does not.
	for _, want := range []string{"1s limit", "while ", "group:is-k", "(statement ", "ACTORGRAPH_QUERY_TIMEOUT"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	log.mu.Lock()
	defer log.mu.Unlock()
	if len(log.names) >= 5 {
		t.Errorf("ran %d statements (%v); the deadline should have stopped it before the fifth", len(log.names), log.names)
	}
}

// TestExplainUnderDeadline: the no-path explanation runs out of time. It
// must say what could not be determined, never answer "isolated", "reaches
// N" or "not connected" from a check that did not finish, and the answer
// must still come within the limit.
func TestExplainUnderDeadline(t *testing.T) {
	const limit = 4 * time.Second
	// What from=ISIS-K&to=Tajikistan&rel=LEADER_OF parses to.
	q := graph.PathQuery{From: "ISIS-K", To: "Tajikistan", MaxDepth: graph.DefaultLimits.DefaultDepth, Limit: 1,
		Filter: graph.Filter{Rels: []string{"LEADER_OF"}, Direction: "both", Undated: "keep"}}
	// With time enough the question explains in full. This also warms
	// Neo4j's plan cache, so below only the held-back statements are slow,
	// on a busy machine too.
	crocusStore(t)
	plain, _ := delayedStore(t, time.Minute, nil)
	ans, err := plain.Paths(context.Background(), q)
	if err != nil || !regexp.MustCompile(`isolated|reaches \d+`).MatchString(ans.Reason) ||
		strings.Contains(ans.Reason, "could not be determined") {
		t.Fatalf("with time enough: reason %q, err %v; want a full explanation", ans.Reason, err)
	}
	for _, tc := range []struct {
		name  string
		slow  func(name string) bool // which statements after the first path search are held back
		wants []string
		never []string
	}{
		{"reach and relaxations", func(string) bool { return true },
			[]string{"Province reaches could not be determined within 4s",
				"Tajikistan reaches could not be determined within 4s", "could not be determined within 4s",
				"without rel=LEADER_OF"},
			[]string{"isolated", "not connected", "reaches 0", "entities within"}},
		{"relaxations only", func(name string) bool { return name == "paths" },
			[]string{"isolated", "Whether a path exists without rel=LEADER_OF", "could not be determined within 4s"},
			[]string{"not connected", "A path of length"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var searched atomic.Bool
			s, ctx := delayedStore(t, limit, func(name string) time.Duration {
				if name == "paths" && !searched.Load() {
					searched.Store(true) // the path search itself runs at once
					return 0
				}
				if searched.Load() && tc.slow(name) {
					return 3 * limit
				}
				return 0
			})
			start := time.Now()
			ans, err := s.Paths(ctx, q)
			took := time.Since(start)
			if err != nil {
				t.Fatalf("got %v, want an answer that says no path was found and what could not be determined", err)
			}
			if took > limit+500*time.Millisecond {
				t.Errorf("took %v, want at most the limit + 0.5s", took)
			}
			if len(ans.Paths) != 0 {
				t.Fatalf("got %d paths, want none", len(ans.Paths))
			}
			for _, w := range tc.wants {
				if !strings.Contains(ans.Reason, w) {
					t.Errorf("reason %q does not say %q", ans.Reason, w)
				}
			}
			for _, n := range tc.never {
				if strings.Contains(ans.Reason, n) {
					t.Errorf("reason %q says %q, from a check that did not finish", ans.Reason, n)
				}
			}
		})
	}
}

// TestWrongPasswordIsAuthError: the database refusing our credentials is
// graph.ErrAuth (an operator must fix the configuration), not "unavailable".
func TestWrongPasswordIsAuthError(t *testing.T) {
	d, err := neo4j.NewDriverWithContext(db.BoltURL, neo4j.BasicAuth(db.User, "not-the-password", ""))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close(context.Background())
	s := cypher.New(d, cypher.Options{})
	err = s.Ready(context.Background())
	if !errors.Is(err, graph.ErrAuth) || errors.Is(err, graph.ErrUnavailable) {
		t.Fatalf("Ready with a wrong password: got %v, want graph.ErrAuth", err)
	}
	if _, err := s.Search(context.Background(), graph.SearchQuery{Q: "crocus", Limit: 5}); !errors.Is(err, graph.ErrAuth) {
		t.Errorf("Search with a wrong password: got %v, want graph.ErrAuth", err)
	}
}
