package graph

import (
	"context"
	"errors"
	"slices"
	"sync"
)

// ErrBookmark is the database refusing a bookmark a client sent back: not
// one it issued, or one of another database.
var ErrBookmark = errors.New("bookmark refused")

// Bookmarks are the causal-consistency bookmarks of one request: the
// database's opaque tokens for the transactions the client has seen (sent
// back by the client), replaced by the token of each transaction the
// request commits. A statement run with them waits until the server it runs
// on has caught up with them. Safe for concurrent use.
type Bookmarks struct {
	mu      sync.Mutex
	list    []string
	updated bool
}

// NewBookmarks holds the bookmarks a client sent (none is fine).
func NewBookmarks(initial []string) *Bookmarks {
	return &Bookmarks{list: slices.Clone(initial)}
}

// List is the bookmarks held now.
func (b *Bookmarks) List() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return slices.Clone(b.list)
}

// Replace drops previous (the bookmarks a transaction started from) and
// adds next (the one it ended with).
func (b *Bookmarks) Replace(previous, next []string) {
	if len(next) == 0 {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.list = slices.DeleteFunc(b.list, func(s string) bool {
		return slices.Contains(previous, s) || slices.Contains(next, s)
	})
	b.list = append(b.list, next...)
	b.updated = true
}

// Updated reports whether a transaction of the request has ended with a
// bookmark since NewBookmarks.
func (b *Bookmarks) Updated() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.updated
}

type bookmarksKey struct{}

// WithBookmarks makes the store run every statement of ctx with b.
func WithBookmarks(ctx context.Context, b *Bookmarks) context.Context {
	return context.WithValue(ctx, bookmarksKey{}, b)
}

// BookmarksOf is the Bookmarks WithBookmarks put in ctx, nil when none.
func BookmarksOf(ctx context.Context) *Bookmarks {
	b, _ := ctx.Value(bookmarksKey{}).(*Bookmarks)
	return b
}
