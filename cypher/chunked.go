package cypher

import (
	"context"
	"fmt"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// ImportChunked is Import's explicit non-atomic mode, for data sets larger
// than one transaction holds (Neo4j's transaction memory,
// dbms.memory.transaction.total.max): d is validated as a whole first and
// compared with what the database holds (one reading pass), then its
// writes are made chunk records at a time (0 means 50,000), each chunk
// committed in its own transaction, nodes before edges. An error leaves the
// chunks before it committed; because records are matched on ids, running
// the same import again finishes it and ends with exactly the data set.
func (s *Store) ImportChunked(ctx context.Context, d *graph.DataSet, chunk int,
	progress Progress) (graph.ImportReport, error) {
	start := time.Now()
	if chunk <= 0 {
		chunk = 50_000
	}
	if err := s.Validate(ctx, d); err != nil {
		return graph.ImportReport{}, err
	}
	sess := s.session(ctx, neo4j.AccessModeWrite, 0)
	defer sess.Close(context.WithoutCancel(ctx))
	w := s.newWriter(ctx, d, progress)
	steps, err := s.planApart(ctx, sess, w, d)
	if err != nil {
		return graph.ImportReport{}, err
	}
	if err := s.writeChunks(ctx, sess, w, steps, chunk); err != nil {
		return graph.ImportReport{}, err
	}
	w.report.Seconds = time.Since(start).Seconds()
	return w.report, nil
}

// planApart plans d (one reading pass over what the database holds) in a
// transaction of its own, which only reads and is rolled back.
func (s *Store) planApart(ctx context.Context, sess neo4j.SessionWithContext, w *writer,
	d *graph.DataSet) ([]*step, error) {
	tx, err := sess.BeginTransaction(ctx, neo4j.WithTxTimeout(s.opt.ImportTimeout))
	if err != nil {
		return nil, translate(ctx, err)
	}
	w.tx = tx
	steps, err := w.plan(ctx, d)
	_ = tx.Rollback(context.WithoutCancel(ctx)) // it only read
	w.tx = nil
	if err != nil {
		return nil, translate(ctx, err)
	}
	return steps, nil
}

// writeChunks writes steps chunk rows at a time, each chunk committed in a
// transaction of its own; an error names the records committed before it.
func (s *Store) writeChunks(ctx context.Context, sess neo4j.SessionWithContext, w *writer, steps []*step,
	chunk int) error {
	written, inChunk := 0, 0
	commit := func() error {
		if w.tx == nil {
			return nil
		}
		// Each chunk changes the graph on its own: its version with it.
		if err := bumpVersion(ctx, w.tx); err != nil {
			return translate(ctx, err)
		}
		err := w.tx.Commit(ctx)
		w.tx = nil
		if err != nil {
			return translate(ctx, err)
		}
		written += inChunk
		inChunk = 0
		return nil
	}
	fail := func(err error) error {
		if w.tx != nil {
			_ = w.tx.Rollback(context.WithoutCancel(ctx))
		}
		return fmt.Errorf(
			"records %d-%d of the changes (the %d before are committed; run the import again to finish it): %w",
			written+1, written+max(inChunk, 1), written, err)
	}
	for _, st := range steps {
		for lo := 0; lo < len(st.rows); {
			if w.tx == nil {
				var err error
				if w.tx, err = sess.BeginTransaction(ctx, neo4j.WithTxTimeout(s.opt.ImportTimeout)); err != nil {
					return fail(translate(ctx, err))
				}
			}
			hi := min(lo+chunk-inChunk, len(st.rows))
			inChunk += hi - lo
			if err := w.apply(ctx, st, lo, hi); err != nil {
				return fail(translate(ctx, err))
			}
			lo = hi
			if inChunk >= chunk {
				if err := commit(); err != nil {
					return fail(err)
				}
			}
		}
	}
	if err := commit(); err != nil {
		return fail(err)
	}
	return nil
}
