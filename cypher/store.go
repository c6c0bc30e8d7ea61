// Package cypher is actorgraph's Neo4j store: every Cypher statement, the
// schema, the import, row mapping, and the translation of driver errors into
// graph errors.
package cypher

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Options configure a Store.
type Options struct {
	Database string        // "" is the server's default database
	Timeout  time.Duration // per read transaction; 0 means 10 s
	// ImportTimeout bounds one import transaction; 0 means 30 min.
	ImportTimeout time.Duration
	// BatchSize is the rows per UNWIND statement on import; 0 means 5000.
	BatchSize int
	Limits    graph.Limits
	// Observe, when set, is called as each statement starts; the function it
	// returns is called with the outcome when the statement ends (for metrics).
	Observe func(name string) func(err error)
}

// Store answers graph questions from Neo4j.
type Store struct {
	driver neo4j.DriverWithContext
	opt    Options
}

// New returns a Store over driver.
func New(driver neo4j.DriverWithContext, opt Options) *Store {
	if opt.Timeout <= 0 {
		opt.Timeout = 10 * time.Second
	}
	if opt.ImportTimeout <= 0 {
		opt.ImportTimeout = 30 * time.Minute
	}
	if opt.BatchSize <= 0 {
		opt.BatchSize = 5000
	}
	if opt.Limits.MaxDepth == 0 {
		opt.Limits = graph.DefaultLimits
	}
	return &Store{driver: driver, opt: opt}
}

// Limits are the store's query bounds.
func (s *Store) Limits() graph.Limits { return s.opt.Limits }

// read runs one read-only statement with the transaction timeout, routed to
// readers. name labels the statement in metrics.
func (s *Store) read(ctx context.Context, name, query string, params map[string]any) (*neo4j.EagerResult, error) {
	return s.readWithin(ctx, s.opt.Timeout, name, query, params)
}

// readWithin is read with its own time limit (imports look up what they
// refer to under the import's limit, not a query's).
func (s *Store) readWithin(ctx context.Context, timeout time.Duration, name, query string, params map[string]any) (*neo4j.EagerResult, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout+time.Second)
	defer cancel()
	done := func(error) {}
	if s.opt.Observe != nil {
		done = s.opt.Observe(name)
	}
	res, err := neo4j.ExecuteQuery(ctx, s.driver, query, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithReadersRouting(),
		neo4j.ExecuteQueryWithDatabase(s.opt.Database),
		neo4j.ExecuteQueryWithTransactionConfig(neo4j.WithTxTimeout(timeout)))
	err = translate(ctx, err)
	done(err)
	return res, err
}

// stream runs one read-only statement like read, but hands each record to fn
// as it arrives instead of collecting them all first, so a large answer is
// not held twice (the driver's records and ours). fn may see a record again
// if the transaction is retried: it must be idempotent.
func (s *Store) stream(ctx context.Context, name, query string, params map[string]any, fn func(*neo4j.Record)) error {
	return s.streamWithin(ctx, s.opt.Timeout, name, query, params, fn)
}

// streamWithin is stream with its own time limit (a whole-graph export runs
// under the import's limit, not a query's).
func (s *Store) streamWithin(ctx context.Context, timeout time.Duration, name, query string, params map[string]any, fn func(*neo4j.Record)) error {
	ctx, cancel := context.WithTimeout(ctx, timeout+time.Second)
	defer cancel()
	done := func(error) {}
	if s.opt.Observe != nil {
		done = s.opt.Observe(name)
	}
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{AccessMode: neo4j.AccessModeRead, DatabaseName: s.opt.Database})
	defer sess.Close(context.WithoutCancel(ctx))
	_, err := sess.ExecuteRead(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		res, err := tx.Run(ctx, query, params)
		if err != nil {
			return nil, err
		}
		for res.Next(ctx) {
			fn(res.Record())
		}
		return nil, res.Err()
	}, neo4j.WithTxTimeout(timeout))
	err = translate(ctx, err)
	done(err)
	return err
}

// Ready checks the database answers a query.
func (s *Store) Ready(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	_, err := s.read(ctx, "ready", "RETURN 1", nil)
	return err
}

// translate turns driver errors into graph errors, here and only here.
func translate(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	var ne *neo4j.Neo4jError
	if errors.As(err, &ne) {
		switch {
		case strings.Contains(ne.Code, "TransactionTimedOut"), strings.Contains(ne.Code, "Transaction.Terminated") && ctx.Err() == nil:
			return fmt.Errorf("%w: the query ran past its time limit; narrow the request (a lower maxDepth or limit, rel or kind filters) or raise ACTORGRAPH_QUERY_TIMEOUT", graph.ErrTimeout)
		case strings.HasPrefix(ne.Code, "Neo.ClientError.Schema.ConstraintValidationFailed"):
			return fmt.Errorf("%w: %s", graph.ErrConflict, ne.Msg)
		case strings.HasPrefix(ne.Code, "Neo.TransientError"), strings.Contains(ne.Code, "DatabaseUnavailable"):
			return fmt.Errorf("%w: %s", graph.ErrUnavailable, ne.Msg)
		case strings.HasPrefix(ne.Code, "Neo.ClientError.Security"):
			return fmt.Errorf("%w: %s", graph.ErrUnavailable, ne.Msg)
		}
		return fmt.Errorf("neo4j %s: %s", ne.Code, ne.Msg)
	}
	// The driver retries a refused or lost connection until the deadline and
	// then reports the deadline: the database is unavailable, not slow.
	var lim *neo4j.TransactionExecutionLimit
	if errors.As(err, &lim) {
		for _, e := range lim.Errors {
			if neo4j.IsConnectivityError(e) {
				return fmt.Errorf("%w: %v", graph.ErrUnavailable, e)
			}
		}
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded) {
		if cause := context.Cause(ctx); cause != nil && !errors.Is(cause, context.DeadlineExceeded) {
			return cause
		}
		return fmt.Errorf("%w: the query ran past its time limit", graph.ErrTimeout)
	}
	if errors.Is(err, context.Canceled) {
		return context.Canceled
	}
	var ce *neo4j.ConnectivityError
	if errors.As(err, &ce) || neo4j.IsConnectivityError(err) || strings.Contains(err.Error(), "connect") {
		return fmt.Errorf("%w: %v", graph.ErrUnavailable, err)
	}
	var ue *neo4j.UsageError
	if errors.As(err, &ue) {
		return err
	}
	return err
}
