package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/actorgraph/actorgraph/cmd/internal/cli"
	"github.com/actorgraph/actorgraph/cypher"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/stix"
)

func importCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var db cli.DB
	closeAll := func() {}
	var dryRun, asJSON, chunked, lenient bool
	var chunk int
	f := cli.NewFlags("import",
		"actorgraph import [flags] FILE...: load data sets into Neo4j, all or nothing, merged on "+
			"ids.\nFILE is a .json data set or STIX 2.1 bundle, or nodes.csv / edges.csv (the other "+
			"file is read from the same folder), or 'crocus' for the bundled set.", getenv, stderr)
	f.DB(&db)
	f.BoolVar(&dryRun, "dry-run", false, "validate against the data set and the database, write nothing")
	f.BoolVar(&asJSON, "json", false, "print the report as JSON")
	f.BoolVar(&chunked, "chunked", false,
		"not atomic: validate everything, then commit --chunk records at a time (for data sets "+
			"larger than one transaction holds); an interrupted import is finished by running it again")
	f.IntVar(&chunk, "chunk", 50_000, "records per committed chunk with --chunked")
	f.BoolVar(&lenient, "lenient", false,
		"STIX bundles: leave out (and list) relationships whose source_ref or target_ref is neither in the "+
			"bundle nor in the graph, instead of refusing the bundle")
	if err := f.Parse(args); err != nil {
		return err
	}
	if f.NArg() == 0 {
		return cli.UsageError("import needs at least one FILE (a .json data set, nodes.csv/edges.csv, or crocus)")
	}
	// The store is opened when a bundle refers to STIX ids it does not hold
	// (to find them in the graph), else after reading.
	var store *cypher.Store
	open := func() error {
		if store != nil {
			return nil
		}
		s, closeStore, err := db.OpenStore(ctx)
		if err != nil {
			return err
		}
		store, closeAll = s, closeStore
		return nil
	}
	opt := stix.Options{Lenient: lenient, Resolve: func(ids []string) (map[string]graph.Node, error) {
		if err := open(); err != nil {
			return nil, err
		}
		return store.STIXEntities(ctx, ids)
	}}
	d, res, err := readDataSets(f.Args(), opt)
	defer func() { closeAll() }()
	if err != nil {
		return cli.Problems(stderr, err)
	}
	if err := open(); err != nil {
		return err
	}
	skipped := res.Skipped
	printSkipped(stderr, skipped)
	for _, p := range res.Unresolved {
		fmt.Fprintf(stderr, "left out (--lenient): %s\n", p)
	}
	if dryRun {
		if err := store.Validate(ctx, d); err != nil {
			return cli.Problems(stderr, err)
		}
		fmt.Fprintf(stdout, "valid: %d nodes, %d edges; nothing written (dry run)\n", len(d.Nodes), len(d.Edges))
		return nil
	}
	bar := newProgress(stderr)
	var rep graph.ImportReport
	if chunked {
		rep, err = store.ImportChunked(ctx, d, chunk, bar.update)
	} else {
		rep, err = store.Import(ctx, d, bar.update)
	}
	bar.done()
	if err != nil {
		return cli.Problems(stderr, err)
	}
	if len(skipped) > 0 {
		rep.Skipped = skipped
	}
	rep.Unresolved = res.Unresolved
	if asJSON {
		return json.NewEncoder(stdout).Encode(rep)
	}
	fmt.Fprintf(stdout, "imported in %.1fs: nodes %d created, %d updated, %d unchanged; edges %d "+
		"created, %d updated, %d unchanged\n",
		rep.Seconds, rep.Nodes.Created, rep.Nodes.Updated, rep.Nodes.Unchanged, rep.Edges.Created,
		rep.Edges.Updated, rep.Edges.Unchanged)
	return nil
}

// printSkipped says what a STIX bundle held that the graph has no place for.
func printSkipped(w io.Writer, skipped map[string]int) {
	keys := make([]string, 0, len(skipped))
	for k := range skipped {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(w, "not imported (no place in the graph): %d %s\n", skipped[k], k)
	}
}

// progress draws a bar on a terminal and nothing elsewhere.
type progress struct {
	w    io.Writer
	tty  bool
	last int
}

func newProgress(w io.Writer) *progress {
	p := &progress{w: w}
	if f, ok := w.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			p.tty = true
		}
	}
	return p
}

func (p *progress) update(done, total int) {
	if !p.tty || total == 0 {
		return
	}
	pct := done * 100 / total
	if pct == p.last && done != total {
		return
	}
	p.last = pct
	n := pct * 30 / 100
	fmt.Fprintf(p.w, "\r[%s%s] %3d%% %d/%d records", strings.Repeat("#", n), strings.Repeat(".", 30-n), pct, done, total)
}

func (p *progress) done() {
	if p.tty && p.last > 0 {
		fmt.Fprintln(p.w)
	}
}
