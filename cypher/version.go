package cypher

import (
	"context"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// The graph's version is one node, (:GraphVersion {id: 'graph'}), whose
// version (a random UUID) every transaction that changes entities, aliases
// or edges replaces before it commits: imports (each chunk of a chunked
// one), accepting candidates, retracting edges, the end of a bulk load. A
// cache of graph content (the handlers' ingest gazetteer) is kept under the
// version it was read at and read again when the stored one differs, so
// every server on the database, and the CLI writing to it directly, agree.
// A database without the node (a fresh one, or emptied by hand) has no
// version: caches treat that as unknown and read again.
const (
	versionBump = `MERGE (v:GraphVersion {id: 'graph'})
SET v.version = randomUUID(), v.changes = coalesce(v.changes, 0) + 1`
	versionQuery = `OPTIONAL MATCH (v:GraphVersion {id: 'graph'}) RETURN coalesce(v.version, '') AS version`
)

// txRunner is a transaction a statement can run in (explicit or managed).
type txRunner interface {
	Run(ctx context.Context, cypher string, params map[string]any) (neo4j.ResultWithContext, error)
}

// bumpVersion gives the graph a new version in tx. It runs last in its
// transaction: the version node's lock is then held only until the commit,
// so concurrent writers queue on it briefly and never deadlock over it.
func bumpVersion(ctx context.Context, tx txRunner) error {
	res, err := tx.Run(ctx, versionBump, nil)
	if err == nil {
		_, err = res.Consume(ctx)
	}
	return err
}

// GraphVersion is the graph's stored version, "" when the database holds
// none (then it is unknown: a cache must not trust what it holds).
func (s *Store) GraphVersion(ctx context.Context) (string, error) {
	ctx, cancel := s.begin(ctx, "reading the graph version")
	defer cancel()
	res, err := s.read(ctx, "graph_version", versionQuery, nil)
	if err != nil {
		return "", err
	}
	cl := &cols{stmt: "graph_version"}
	if len(res.Records) != 1 {
		return "", nil
	}
	v := get[string](cl, res.Records[0], "version")
	return v, cl.check()
}

// bookmarkManager hands a request's graph.Bookmarks to the driver: every
// transaction of the request starts from them and leaves its own.
type bookmarkManager struct{ b *graph.Bookmarks }

func (m bookmarkManager) UpdateBookmarks(_ context.Context, previous, next neo4j.Bookmarks) error {
	m.b.Replace(neo4j.BookmarksToRawValues(previous), neo4j.BookmarksToRawValues(next))
	return nil
}

func (m bookmarkManager) GetBookmarks(context.Context) (neo4j.Bookmarks, error) {
	return neo4j.BookmarksFromRawValues(m.b.List()...), nil
}

// session opens a session in mode on the store's database, with the
// request's bookmarks when ctx carries them (graph.WithBookmarks).
func (s *Store) session(ctx context.Context, mode neo4j.AccessMode, fetch int) neo4j.SessionWithContext {
	cfg := neo4j.SessionConfig{AccessMode: mode, DatabaseName: s.opt.Database, FetchSize: fetch}
	if b := graph.BookmarksOf(ctx); b != nil {
		cfg.BookmarkManager = bookmarkManager{b}
	}
	return s.driver.NewSession(ctx, cfg)
}

// bookmarked is ExecuteQuery's option for the request's bookmarks, if any:
// without them, ExecuteQuery keeps the driver's own bookmark manager.
func bookmarked(ctx context.Context) []neo4j.ExecuteQueryConfigurationOption {
	if b := graph.BookmarksOf(ctx); b != nil {
		return []neo4j.ExecuteQueryConfigurationOption{neo4j.ExecuteQueryWithBookmarkManager(bookmarkManager{b})}
	}
	return nil
}
