package cypher

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// tooLarge words an import that did not fit one transaction: what to use
// instead; the database's own words stay in the cause, for the log.
func tooLarge(err error, d *graph.DataSet) error {
	if !errors.Is(err, graph.ErrTooLarge) {
		return err
	}
	return &graph.TooLargeError{Cause: err, Msg: fmt.Sprintf("the data set (%d nodes, %d edges) does not fit in "+
		"one transaction of this database (it ran out of transaction memory); nothing was written. Load it "+
		"with the CLI: actorgraph import --chunked FILE (commits in chunks), or actorgraph load --bulk "+
		"(offline, into an empty database); or give Neo4j more heap", len(d.Nodes), len(d.Edges))}
}

// Progress is told how many records of the total an import has written.
type Progress = func(done, total int)

// Known looks up the entities a data set refers to but does not define, so
// validation can check kinds and quotes against what is already stored.
func (s *Store) Known(ctx context.Context, d *graph.DataSet) (map[string]graph.Known, error) {
	defined := map[string]bool{}
	for _, n := range d.Nodes {
		defined[n.ID] = true
	}
	want := map[string]bool{}
	for _, e := range d.Edges {
		for _, id := range append([]string{e.Source, e.Target}, e.Sources...) {
			if !defined[id] && graph.ValidID(id) == "" {
				want[id] = true
			}
		}
	}
	known := map[string]graph.Known{}
	if len(want) == 0 {
		return known, nil
	}
	ids := make([]string, 0, len(want))
	for id := range want {
		ids = append(ids, id)
	}
	res, err := s.read(ctx, "import_known", `UNWIND $ids AS id MATCH (n:Entity {id: id})
RETURN n.id AS id, n.kind AS kind, coalesce(n.text, '') AS text`, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	cl := &cols{stmt: "import_known"}
	for _, rec := range res.Records {
		known[get[string](cl, rec, "id")] = graph.Known{
			Kind: graph.Kind(get[string](cl, rec, "kind")), Text: get[string](cl, rec, "text")}
	}
	return known, cl.check()
}

// beginImport gives an import (its look-ups and its write transaction
// together) the import's own, longer limit, unless ctx already has one.
func (s *Store) beginImport(ctx context.Context, doing string) (context.Context, context.CancelFunc) {
	ctx, cancel := graph.WithLimit(ctx, s.opt.ImportTimeout, ImportSetting)
	return graph.Doing(ctx, doing), cancel
}

// Validate checks a data set against itself and the database.
func (s *Store) Validate(ctx context.Context, d *graph.DataSet) error {
	ctx, cancel := s.beginImport(ctx, "checking the data set against the database")
	defer cancel()
	known, err := s.Known(ctx, d)
	if err != nil {
		return err
	}
	return d.Validate(known)
}

// Import validates d, then writes it in one transaction: all of it, or, on any
// failure, nothing. Nodes and edges are merged on their ids, so importing the
// same data twice changes nothing the second time.
func (s *Store) Import(ctx context.Context, d *graph.DataSet, progress Progress) (graph.ImportReport, error) {
	start := time.Now()
	ctx, cancel := s.beginImport(ctx, "importing")
	defer cancel()
	if err := s.Validate(ctx, d); err != nil {
		return graph.ImportReport{}, err
	}
	left, _ := graph.Remaining(ctx)
	if left <= 0 {
		return graph.ImportReport{}, graph.Overran(ctx, "import")
	}
	ctx = context.WithValue(graph.Doing(ctx, "writing the data set"), stmtKey{}, "import")
	sess := s.session(ctx, neo4j.AccessModeWrite, 0)
	defer sess.Close(context.WithoutCancel(ctx))
	tx, err := sess.BeginTransaction(ctx, neo4j.WithTxTimeout(left))
	if err != nil {
		return graph.ImportReport{}, translate(ctx, err)
	}
	w := s.newWriter(ctx, d, progress)
	w.tx = tx
	if err := w.write(ctx, d); err != nil {
		// Rollback may fail too when the connection is gone; the server then
		// drops the transaction itself, so nothing is kept either way.
		_ = tx.Rollback(context.WithoutCancel(ctx))
		return graph.ImportReport{}, tooLarge(translate(ctx, err), d)
	}
	if err := bumpVersion(ctx, tx); err != nil {
		_ = tx.Rollback(context.WithoutCancel(ctx))
		return graph.ImportReport{}, translate(ctx, err)
	}
	if err := tx.Commit(ctx); err != nil {
		return graph.ImportReport{}, tooLarge(translate(ctx, err), d)
	}
	w.report.Seconds = time.Since(start).Seconds()
	return w.report, nil
}
