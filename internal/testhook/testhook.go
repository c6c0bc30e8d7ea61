// Package testhook carries the hooks our tests put into the store through a
// context, so that they are no part of any package's public API: only
// packages of this module (testkit, the tests of cypher) can set them.
package testhook

import (
	"context"
	"time"
)

type delayKey struct{}

// WithStatementDelay returns ctx with a statement delay: the store holds
// each read statement run under ctx back by delay(name) before running it
// (requests whose statements each finish under the limit while their sum
// does not).
func WithStatementDelay(ctx context.Context, delay func(statement string) time.Duration) context.Context {
	if delay == nil {
		return ctx
	}
	return context.WithValue(ctx, delayKey{}, delay)
}

// StatementDelay is the delay WithStatementDelay put on ctx, or nil.
func StatementDelay(ctx context.Context) func(statement string) time.Duration {
	d, _ := ctx.Value(delayKey{}).(func(string) time.Duration)
	return d
}
