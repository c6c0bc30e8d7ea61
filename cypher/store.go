// Package cypher is actorgraph's Neo4j store: every Cypher statement, the
// schema, the import, row mapping, and the translation of driver errors into
// graph errors.
package cypher

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/testhook"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Options configure a Store.
type Options struct {
	Database string // "" is the server's default database
	// Timeout bounds one request: every statement a Store call runs (and the
	// calls it makes in turn) shares one deadline, Timeout from the start of
	// the call, unless the context already carries a graph.WithLimit deadline
	// (the HTTP API sets one per request). 0 means 10 s.
	Timeout time.Duration
	// ImportTimeout bounds one import, its look-ups and its write
	// transaction together; 0 means 30 min.
	ImportTimeout time.Duration
	// BatchSize is the rows per UNWIND statement on import; 0 means 5000.
	BatchSize int
	Limits    graph.Limits
	// Observe, when set, is called as each statement starts; the function it
	// returns is called with the outcome when the statement ends (for metrics).
	Observe func(name string) func(err error)
	// DefaultMarking is the marking of imported records that carry none
	// (neither their own nor their data set's); "" is graph.DefaultMarking.
	DefaultMarking graph.Marking
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
	if opt.DefaultMarking == "" {
		opt.DefaultMarking = graph.DefaultMarking
	}
	return &Store{driver: driver, opt: opt}
}

// Limits are the store's query bounds.
func (s *Store) Limits() graph.Limits { return s.opt.Limits }

// QuerySetting and ImportSetting name the settings that raise the limits.
const (
	QuerySetting  = "ACTORGRAPH_QUERY_TIMEOUT"
	ImportSetting = "ACTORGRAPH_IMPORT_TIMEOUT"
)

// begin starts a Store call: it puts the request's deadline on ctx (unless
// the caller already did) and says what the call is doing.
func (s *Store) begin(ctx context.Context, doing string) (context.Context, context.CancelFunc) {
	ctx, cancel := graph.WithLimit(ctx, s.opt.Timeout, QuerySetting)
	return graph.Doing(ctx, doing), cancel
}

type stmtKey struct{}

// statement prepares one statement under the request's deadline: it returns
// the time left for the transaction timeout, or the time-out error when none
// is left.
func (s *Store) statement(ctx context.Context, name string) (context.Context, time.Duration, func(error), error) {
	ctx = context.WithValue(ctx, stmtKey{}, name)
	done := func(error) {}
	if s.opt.Observe != nil {
		done = s.opt.Observe(name)
	}
	left, ok := graph.Remaining(ctx)
	if !ok {
		// A call that skipped begin still gets a bound: this statement alone.
		left = s.opt.Timeout
	}
	// A test hook (internal/testhook): it makes a request whose statements
	// each finish under the limit but whose sum does not.
	if delay := testhook.StatementDelay(ctx); delay != nil {
		if d := delay(name); d > 0 {
			t := time.NewTimer(d)
			select {
			case <-t.C:
			case <-ctx.Done():
				t.Stop()
			}
			left -= d
		}
	}
	if err := ctx.Err(); err != nil || left <= 0 {
		if err == nil {
			err = context.DeadlineExceeded
		}
		err = translate(ctx, err)
		done(err)
		return ctx, 0, nil, err
	}
	return ctx, left, done, nil
}

// cleared adds the reader's clearance to a read's parameters: $clearance,
// the highest markingRank the statement may return or count. Every read
// gets it, so a statement that compares it cannot run without it.
func cleared(ctx context.Context, params map[string]any) map[string]any {
	out := make(map[string]any, len(params)+1)
	for k, v := range params {
		out[k] = v
	}
	out["clearance"] = int64(graph.ClearanceOf(ctx).Rank())
	return out
}

// read runs one read-only statement, routed to readers, with the time left
// of the request as its transaction timeout. name labels the statement in
// metrics and errors.
func (s *Store) read(ctx context.Context, name, query string, params map[string]any) (*neo4j.EagerResult, error) {
	ctx, left, done, err := s.statement(ctx, name)
	if err != nil {
		return nil, err
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, left)
		defer cancel()
	}
	res, err := neo4j.ExecuteQuery(ctx, s.driver, query, cleared(ctx, params), neo4j.EagerResultTransformer,
		append(bookmarked(ctx), neo4j.ExecuteQueryWithReadersRouting(),
			neo4j.ExecuteQueryWithDatabase(s.opt.Database),
			neo4j.ExecuteQueryWithTransactionConfig(neo4j.WithTxTimeout(left)))...)
	err = translate(ctx, err)
	done(err)
	return res, err
}

// stream runs one read-only statement like read, but hands each record to fn
// as it arrives instead of collecting them all first, so a large answer is
// not held twice (the driver's records and ours). fn may see a record again
// if the transaction is retried: it must be idempotent. An error from fn
// ends the statement.
func (s *Store) stream(ctx context.Context, name, query string, params map[string]any,
	fn func(*neo4j.Record) error) error {
	ctx, left, done, err := s.statement(ctx, name)
	if err != nil {
		return err
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, left)
		defer cancel()
	}
	sess := s.session(ctx, neo4j.AccessModeRead, 0)
	defer sess.Close(context.WithoutCancel(ctx))
	var mapErr error
	_, err = sess.ExecuteRead(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		res, err := tx.Run(ctx, query, cleared(ctx, params))
		if err != nil {
			return nil, err
		}
		for res.Next(ctx) {
			if mapErr = fn(res.Record()); mapErr != nil {
				return nil, mapErr
			}
		}
		return nil, res.Err()
	}, neo4j.WithTxTimeout(left))
	if mapErr != nil {
		err = mapErr
	} else {
		err = translate(ctx, err)
	}
	done(err)
	return err
}

// streamFetchSize is the records the driver pulls from Neo4j per batch in
// readOnce (the driver's default, made explicit): with the record being
// handed on, it bounds what a streamed answer holds of Neo4j's rows.
const streamFetchSize = 1000

// runFunc runs one statement of a readOnce transaction, handing each record
// to each as it arrives; an error from each ends the statement.
type runFunc func(name, query string, params map[string]any, each func(*neo4j.Record) error) error

// readOnce runs body's statements in one read transaction that is never
// retried, for rows that leave the process as they arrive (a streamed
// answer): a retry would hand them on twice. Each statement is named,
// observed and held back (internal/testhook) as read's are, and the
// transaction's timeout is the time left of the request when it begins.
// An error of each is returned as it is; a driver error is translated.
func (s *Store) readOnce(ctx context.Context, body func(run runFunc) error) error {
	sess := s.session(ctx, neo4j.AccessModeRead, streamFetchSize)
	defer sess.Close(context.WithoutCancel(ctx))
	var tx neo4j.ExplicitTransaction
	defer func() {
		if tx != nil {
			_ = tx.Close(context.WithoutCancel(ctx))
		}
	}()
	run := func(name, query string, params map[string]any, each func(*neo4j.Record) error) error {
		ctx, left, done, err := s.statement(ctx, name)
		if err != nil {
			return err
		}
		if tx == nil {
			// Begun at the first statement, after its delay, so the
			// timeout is what is left then.
			if tx, err = sess.BeginTransaction(ctx, neo4j.WithTxTimeout(left)); err != nil {
				tx = nil
				err = translate(ctx, err)
				done(err)
				return err
			}
		}
		res, err := tx.Run(ctx, query, cleared(ctx, params))
		if err == nil {
			for res.Next(ctx) {
				if err := each(res.Record()); err != nil {
					done(err)
					return err
				}
			}
			err = res.Err()
		}
		err = translate(ctx, err)
		done(err)
		return err
	}
	return body(run)
}

// Ready checks the database answers a query.
func (s *Store) Ready(ctx context.Context) error {
	ctx, cancel := graph.WithLimit(ctx, 3*time.Second, "")
	defer cancel()
	_, err := s.read(graph.Doing(ctx, "checking the database answers"), "ready", "RETURN 1", nil)
	return err
}

// memoryCodes are Neo4j's errors for a transaction that needs more memory
// than it may have: its own limit (db.memory.transaction.max), the pool of
// all transactions (dbms.memory.transaction.total.max) or the heap.
var memoryCodes = map[string]bool{
	"Neo.ClientError.General.TransactionOutOfMemoryError":   true,
	"Neo.TransientError.General.MemoryPoolOutOfMemoryError": true,
	"Neo.TransientError.General.OutOfMemoryError":           true,
}

// translate turns driver errors into graph errors, here and only here. It
// goes by the driver's own error types and Neo4j's status codes
// (Neo.<Classification>.<Category>.<Title>), never by the message text.
func translate(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	name, _ := ctx.Value(stmtKey{}).(string)
	var ne *neo4j.Neo4jError
	if errors.As(err, &ne) {
		switch {
		case ne.Category() == "Transaction" && strings.HasPrefix(ne.Title(), "TransactionTimedOut"),
			ne.Code == "Neo.ClientError.Transaction.Terminated" && ctx.Err() == nil:
			// The server ended the transaction at the time left of the request.
			return graph.Overran(ctx, name)
		case ne.Category() == "Security":
			// Unauthorized, AuthenticationRateLimit, CredentialsExpired,
			// Forbidden...: the configuration is wrong, not the database down.
			return fmt.Errorf("%w: %s: %s", graph.ErrAuth, ne.Code, ne.Msg)
		case strings.HasPrefix(ne.Code, "Neo.ClientError.Transaction.InvalidBookmark"):
			// InvalidBookmark, InvalidBookmarkMixture: a bookmark the client
			// sent back (graph.WithBookmarks) that this database never issued.
			return fmt.Errorf("%w: %s", graph.ErrBookmark, ne.Msg)
		case ne.Code == "Neo.ClientError.Schema.ConstraintValidationFailed":
			return fmt.Errorf("%w: %s", graph.ErrConflict, ne.Msg)
		case memoryCodes[ne.Code]:
			// Neo4j calls two of these transient, but the same transaction
			// needs the same memory again: a retry cannot fix it.
			return fmt.Errorf("%w: neo4j %s: %s", graph.ErrTooLarge, ne.Code, ne.Msg)
		case ne.Classification() == "TransientError", ne.Title() == "DatabaseUnavailable":
			return fmt.Errorf("%w: %s", graph.ErrUnavailable, ne.Msg)
		}
		// A ClientError or DatabaseError we did not expect: our statement or
		// the server is wrong; a 500 logs it in full.
		return fmt.Errorf("statement %s: neo4j %s: %s", name, ne.Code, ne.Msg)
	}
	var tee *neo4j.TokenExpiredError
	if errors.As(err, &tee) {
		return fmt.Errorf("%w: %v", graph.ErrAuth, err)
	}
	// The driver retries a refused or lost connection until the deadline and
	// then reports the deadline: the database is unavailable, not slow.
	var lim *neo4j.TransactionExecutionLimit
	if errors.As(err, &lim) {
		for _, e := range lim.Errors {
			if t := translate(ctx, e); errors.Is(t, graph.ErrUnavailable) || errors.Is(t, graph.ErrAuth) {
				return t
			}
		}
	}
	var ce *neo4j.ConnectivityError
	if errors.As(err, &ce) && ctx.Err() == nil {
		return fmt.Errorf("%w: %v", graph.ErrUnavailable, err)
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded) {
		if cause := context.Cause(ctx); cause != nil && !errors.Is(cause, context.DeadlineExceeded) {
			return cause
		}
		return graph.Overran(ctx, name)
	}
	if errors.Is(err, context.Canceled) || errors.Is(ctx.Err(), context.Canceled) {
		return context.Canceled
	}
	if errors.As(err, &ce) {
		return fmt.Errorf("%w: %v", graph.ErrUnavailable, err)
	}
	var ne2 *net.OpError
	if errors.As(err, &ne2) {
		return fmt.Errorf("%w: %v", graph.ErrUnavailable, err)
	}
	return err
}
