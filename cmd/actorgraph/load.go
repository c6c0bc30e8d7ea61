package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/cmd/internal/cli"
	"github.com/actorgraph/actorgraph/cypher"
	"github.com/actorgraph/actorgraph/dataset"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/stix"
)

// loadCmd bulk-loads a data set into a local Neo4j with neo4j-admin's
// offline importer: validate, write its CSV files, stop the server, import,
// start it, create the schema and wait for the indexes.
func loadCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	o, err := parseLoad(args, getenv, stderr)
	if err != nil {
		return err
	}
	local, err := findNeo4j(o.home, o.checkout, o.db, getenv, stderr)
	if err != nil {
		return err
	}
	inputs, err := streamInputs(o.datasets, o.db.Marking())
	if err != nil {
		return cli.Problems(stderr, err)
	}
	var t loadTimes
	t.start = time.Now()
	if err := local.start(ctx); err != nil {
		return err
	}
	if err := refuseNonEmpty(ctx, o.db, o.overwrite); err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "actorgraph-bulk-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	files, nodes, rels, err := replaceOffline(ctx, local, inputs, dir, o.db.Marking(), &t, stderr)
	if err != nil {
		return err
	}
	if err := finishOnline(ctx, o.db, files, nodes, rels, &t); err != nil {
		return err
	}
	fmt.Fprintln(stdout, t.report(nodes, rels))
	return nil
}

// loadOptions are load's flags and arguments.
type loadOptions struct {
	db             cli.DB
	overwrite      bool
	checkout, home string
	datasets       []string
}

// parseLoad reads load's flags and arguments.
func parseLoad(args []string, getenv func(string) string, stderr io.Writer) (loadOptions, error) {
	var o loadOptions
	var bulk bool
	f := cli.NewFlags("load", "actorgraph load --bulk [flags] DATASET...: replace a local Neo4j's "+
		"database with a data set, through\n"+
		"neo4j-admin database import full (offline, 10-30x faster than import). DATASET is a .json data set, nodes.csv or\n"+
		"edges.csv (the other file is read from the same folder), a folder holding both "+
		"(actorgraph-dev gen writes one), or 'crocus'.\n"+
		"It runs the Neo4j installed at --neo4j-home (its bin/neo4j and bin/neo4j-admin, with its "+
		"own configuration) or, without it,\n"+
		"the checkout's Neo4j from the jars in .neo4j/lib (NEO4J_BOLT_PORT, NEO4J_HTTP_PORT, "+
		"NEO4J_PASSWORD as for make neo4j-start),\n"+
		"and leaves the server running with the data.", getenv, stderr)
	f.DB(&o.db)
	f.BoolVar(&bulk, "bulk", false, "load offline with neo4j-admin (required: the only mode of load)")
	f.BoolVar(&o.overwrite, "overwrite", false, "replace a database that already holds data (everything in it is lost)")
	f.Str(&o.home, "neo4j-home", "NEO4J_HOME", "",
		"folder of a Neo4j 5 installation (bin/neo4j, bin/neo4j-admin) to load into; empty: the checkout's")
	f.Str(&o.checkout, "checkout", "ACTORGRAPH_CHECKOUT", ".",
		"without --neo4j-home: the actorgraph checkout whose .neo4j/ (jars, home) runs the server")
	if err := f.Parse(args); err != nil {
		return o, err
	}
	if !bulk {
		return o, cli.UsageError("load needs --bulk (it replaces the database offline); " +
			"to add to a running database use actorgraph import")
	}
	if f.NArg() == 0 {
		return o, cli.UsageError("load needs at least one DATASET " +
			"(a .json data set, nodes.csv/edges.csv, a folder holding them, or crocus)")
	}
	if getenv("NEO4J_URI") == "" && getenv("NEO4J_BOLT_PORT") != "" {
		o.db.URI = "bolt://127.0.0.1:" + getenv("NEO4J_BOLT_PORT")
	}
	o.datasets = f.Args()
	return o, nil
}

// replaceOffline validates the inputs into neo4j-admin's CSV files in dir
// while the server stops, imports them in its place and starts it again.
// It returns the files and the number of nodes and relationships.
func replaceOffline(ctx context.Context, local offlineNeo4j, inputs []dataset.StreamInput, dir string,
	marking graph.Marking, t *loadTimes, stderr io.Writer) (cypher.BulkFiles, int64, int64, error) {
	// The server stops while the data set is validated (stopping flushes
	// its pages: seconds a large load need not wait for). Nothing is
	// written to the database until validation has passed; when it fails,
	// the server is started again with its data as it was.
	stopped := make(chan error, 1)
	go func() { stopped <- local.stop(ctx) }()
	files, nodes, rels, err := writeBulk(inputs, dir, marking)
	t.prepared = time.Now()
	stopErr := <-stopped
	t.stopped = time.Now()
	if err != nil {
		if stopErr == nil {
			if serr := local.start(ctx); serr != nil {
				fmt.Fprintf(stderr, "actorgraph: the server did not start again after the failed validation: %v\n", serr)
			}
		}
		return files, 0, 0, cli.Problems(stderr, err)
	}
	if stopErr != nil {
		return files, 0, 0, stopErr
	}
	importErr := local.importFull(ctx, append([]string{"--overwrite-destination=true"}, files.BulkImportArgs()...))
	t.imported = time.Now()
	// Start again whatever happened. Validation has passed, so neo4j-admin
	// fails only on the machine's account (disk, memory); it then says the
	// store it was writing is likely unusable, and the start below says so.
	if err := local.start(ctx); err != nil {
		return files, 0, 0, err
	}
	t.started = time.Now()
	if importErr != nil {
		return files, 0, 0, fmt.Errorf("neo4j-admin database import failed (see its output above): %w", importErr)
	}
	return files, nodes, rels, nil
}

// finishOnline completes a bulk load on the started server: the empty
// lists neo4j-admin left out, the schema and its indexes; then it checks
// the database holds nodes nodes and rels relationships.
func finishOnline(ctx context.Context, db cli.DB, files cypher.BulkFiles, nodes, rels int64, t *loadTimes) error {
	driver, err := db.Connect(ctx)
	if err != nil {
		return err
	}
	defer driver.Close(context.WithoutCancel(ctx))
	store := db.Store(driver, nil)
	// The empty lists first: set while indexes fill, they took longer
	// (on 1M nodes, 41 s and 57 s against 26 s before any index exists).
	if err := store.FinishBulk(ctx, files); err != nil {
		return err
	}
	t.finished = time.Now()
	if err := store.CreateSchema(ctx); err != nil {
		return err
	}
	t.schema = time.Now()
	if err := store.AwaitIndexes(ctx); err != nil {
		return err
	}
	t.indexed = time.Now()
	gotNodes, gotRels, err := store.Counts(ctx)
	if err != nil {
		return err
	}
	if gotNodes != nodes || gotRels != rels {
		return fmt.Errorf("after the bulk load the database holds %d nodes and %d relationships; the data set has %d and %d",
			gotNodes, gotRels, nodes, rels)
	}
	return nil
}

// loadTimes are the moments a bulk load passed each step.
type loadTimes struct {
	start, prepared, stopped, imported, started, schema, finished, indexed time.Time
}

// report says how long the load took and where the time went; its first
// part is what scripts/bench.sh reads. "schema and indexes" runs from the
// server's start to every index online, the empty lists included.
func (t loadTimes) report(nodes, rels int64) string {
	total := time.Since(t.start)
	admin := t.imported.Sub(t.stopped)
	sec := func(a, b time.Time) float64 { return b.Sub(a).Seconds() }
	return fmt.Sprintf("bulk-loaded %d nodes, %d relationships in %.1fs (neo4j-admin %.1fs, schema and indexes %.1fs; "+
		"validate and write CSV %.1fs, stop (beyond validation) %.1fs, start %.1fs, empty lists "+
		"%.1fs, create schema %.1fs, await indexes %.1fs; "+
		"total/neo4j-admin %.2f%s)",
		nodes, rels, total.Seconds(), admin.Seconds(), sec(t.started, t.indexed),
		sec(t.start, t.prepared), sec(t.prepared, t.stopped), sec(t.imported, t.started),
		sec(t.started, t.finished), sec(t.finished, t.schema), sec(t.schema, t.indexed),
		total.Seconds()/admin.Seconds(), peakRSS())
}

// peakRSS is this process's own peak resident memory (not neo4j-admin's or
// the server's), where Linux tells it.
func peakRSS() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return ""
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			if err == nil {
				return fmt.Sprintf(", actorgraph peak RSS %d MB", kb/1024)
			}
		}
	}
	return ""
}

// writeBulk validates the inputs record by record, as an import into an
// empty database would (every reference must be inside them), and writes
// each record into neo4j-admin's CSV files in dir as it passes. It returns
// the files and the number of nodes and relationships. Records that carry
// no marking get marking (ACTORGRAPH_DEFAULT_MARKING), as an import gives
// them.
func writeBulk(inputs []dataset.StreamInput, dir string, marking graph.Marking) (cypher.BulkFiles, int64, int64,
	error) {
	w := cypher.NewBulkWriter(dir, marking)
	var nodes, rels int64
	err := dataset.Stream(inputs, map[string]graph.Known{}, dataset.StreamSink{
		Node: func(n graph.Node) error { nodes++; return w.Node(n) },
		Edge: func(e graph.Edge) error { rels++; return w.Edge(e) },
	})
	files, cerr := w.Close()
	if err == nil && cerr != nil {
		err = fmt.Errorf("nothing loaded: %w", cerr)
	}
	return files, nodes, rels, err
}

// streamInputs names what to stream: a folder, or a nodes.csv or edges.csv
// (the other beside it), is read record by record; a .json data set or
// bundle, or crocus, is read whole, and its records that carry no marking
// get its own (or marking, when it has none), as an import gives them.
func streamInputs(args []string, marking graph.Marking) ([]dataset.StreamInput, error) {
	var out []dataset.StreamInput
	for _, a := range args {
		if st, err := os.Stat(a); err == nil && st.IsDir() {
			out = append(out, dataset.StreamInput{Dir: a})
			continue
		}
		if strings.EqualFold(filepath.Ext(a), ".csv") {
			out = append(out, dataset.StreamInput{Dir: filepath.Dir(a)})
			continue
		}
		d, _, err := readDataSets([]string{a}, stix.Options{})
		if err != nil {
			return nil, err
		}
		d.ApplyMarkings(marking)
		out = append(out, dataset.StreamInput{Set: d})
	}
	return out, nil
}

// refuseNonEmpty fails when the database holds anything and overwrite is off.
func refuseNonEmpty(ctx context.Context, db cli.DB, overwrite bool) error {
	driver, err := db.Connect(ctx)
	if err != nil {
		return err
	}
	defer driver.Close(context.WithoutCancel(ctx))
	nodes, rels, err := db.Store(driver, nil).Counts(ctx)
	if err != nil {
		return err
	}
	if (nodes > 0 || rels > 0) && !overwrite {
		return cli.UsageError(fmt.Sprintf("nothing loaded: the database at %s already holds %d nodes "+
			"and %d relationships, and a bulk load replaces all of it; "+
			"pass --overwrite to replace it, or use actorgraph import to add to it", db.URI, nodes, rels))
	}
	return nil
}
