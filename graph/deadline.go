package graph

import (
	"context"
	"fmt"
	"time"
)

// A request has one time limit, shared by every statement it runs, the
// mapping of their rows and the start of rendering. WithLimit puts it on the
// context once; Doing labels what the request is busy with, so the error
// when the limit passes can say where it was.

type limitKey struct{}

type doingKey struct{}

// limit is a request's time budget.
type limit struct {
	d        time.Duration
	deadline time.Time
	setting  string // the setting that raises it, e.g. ACTORGRAPH_QUERY_TIMEOUT
}

// WithLimit gives ctx a deadline d from now, named by the setting that
// raises it. A context that already carries a limit keeps it: a request has
// one deadline however many store calls it makes.
func WithLimit(ctx context.Context, d time.Duration, setting string) (context.Context, context.CancelFunc) {
	if _, ok := ctx.Value(limitKey{}).(*limit); ok {
		return ctx, func() {}
	}
	l := &limit{d: d, deadline: time.Now().Add(d), setting: setting}
	ctx = context.WithValue(ctx, limitKey{}, l)
	return context.WithDeadline(ctx, l.deadline)
}

// Remaining is the time left of ctx's limit; ok is false when it has none.
func Remaining(ctx context.Context) (left time.Duration, ok bool) {
	l, ok := ctx.Value(limitKey{}).(*limit)
	if !ok {
		return 0, false
	}
	return time.Until(l.deadline), true
}

// LimitOf is ctx's whole time limit (0 when it has none).
func LimitOf(ctx context.Context) time.Duration {
	if l, ok := ctx.Value(limitKey{}).(*limit); ok {
		return l.d
	}
	return 0
}

// Doing labels what the request is busy with ("finding paths").
func Doing(ctx context.Context, what string) context.Context {
	return context.WithValue(ctx, doingKey{}, what)
}

// DoingOf is what ctx says the request is busy with.
func DoingOf(ctx context.Context) string {
	s, _ := ctx.Value(doingKey{}).(string)
	return s
}

// Overran is the ErrTimeout a request gets when it runs past its limit
// during statement: it names the limit, what was being done and what to
// change.
func Overran(ctx context.Context, statement string) error {
	l, _ := ctx.Value(limitKey{}).(*limit)
	if l == nil {
		return fmt.Errorf("%w: statement %s ran past its time limit; narrow the request (a lower "+
			"maxDepth or limit, rel or kind filters)", ErrTimeout, statement)
	}
	what := DoingOf(ctx)
	if what == "" {
		what = "answering"
	}
	where := ""
	if statement != "" {
		where = " (statement " + statement + ")"
	}
	raise := ""
	if l.setting != "" {
		raise = " or raise " + l.setting
	}
	return fmt.Errorf("%w: the request ran past its %s limit while %s%s; narrow the request (a lower "+
		"maxDepth or limit, rel or kind filters)%s",
		ErrTimeout, Seconds(l.d), what, where, raise)
}

// Seconds writes a limit the way an operator sets it: "10s", "1.5s", "30m0s".
func Seconds(d time.Duration) string {
	return d.String()
}
