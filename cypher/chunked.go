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
// dbms.memory.transaction.total.max): d is validated as a whole first, then
// written chunk records at a time (0 means 50,000), each chunk committed in
// its own transaction with the importer's statements, nodes before edges.
// An error leaves the chunks before it committed; because records are
// merged on ids, running the same import again finishes it and ends with
// exactly the data set.
func (s *Store) ImportChunked(ctx context.Context, d *graph.DataSet, chunk int, progress Progress) (graph.ImportReport, error) {
	start := time.Now()
	if chunk <= 0 {
		chunk = 50_000
	}
	if err := s.Validate(ctx, d); err != nil {
		return graph.ImportReport{}, err
	}
	var rep graph.ImportReport
	total := len(d.Nodes) + len(d.Edges)
	done := 0
	write := func(part *graph.DataSet) error {
		sess := s.driver.NewSession(ctx, neo4j.SessionConfig{AccessMode: neo4j.AccessModeWrite, DatabaseName: s.opt.Database})
		defer sess.Close(context.WithoutCancel(ctx))
		tx, err := sess.BeginTransaction(ctx, neo4j.WithTxTimeout(s.opt.ImportTimeout))
		if err != nil {
			return translate(ctx, err)
		}
		w := &writer{tx: tx, batch: s.opt.BatchSize, done: done, total: total, progress: progress}
		if err := w.write(ctx, part); err != nil {
			_ = tx.Rollback(context.WithoutCancel(ctx))
			return translate(ctx, err)
		}
		if err := tx.Commit(ctx); err != nil {
			return translate(ctx, err)
		}
		done = w.done
		addCounts(&rep.Nodes, w.report.Nodes)
		addCounts(&rep.Edges, w.report.Edges)
		rep.NodesCreated += w.report.NodesCreated
		rep.RelationshipsCreated += w.report.RelationshipsCreated
		return nil
	}
	for lo := 0; lo < len(d.Nodes); lo += chunk {
		if err := write(&graph.DataSet{Nodes: d.Nodes[lo:min(lo+chunk, len(d.Nodes))]}); err != nil {
			return rep, fmt.Errorf("nodes %d-%d (the %d records before are committed; run the import again to finish it): %w",
				lo+1, min(lo+chunk, len(d.Nodes)), done, err)
		}
	}
	for lo := 0; lo < len(d.Edges); lo += chunk {
		if err := write(&graph.DataSet{Edges: d.Edges[lo:min(lo+chunk, len(d.Edges))]}); err != nil {
			return rep, fmt.Errorf("edges %d-%d (the %d records before are committed; run the import again to finish it): %w",
				lo+1, min(lo+chunk, len(d.Edges)), done, err)
		}
	}
	rep.Seconds = time.Since(start).Seconds()
	return rep, nil
}

func addCounts(to *graph.Counts, c graph.Counts) {
	to.Created += c.Created
	to.Updated += c.Updated
	to.Unchanged += c.Unchanged
}
