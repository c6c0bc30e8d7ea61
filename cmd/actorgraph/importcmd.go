package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

func importCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var db dbConfig
	var dryRun, asJSON, chunked bool
	var chunk int
	f := newFlags("import", "actorgraph import [flags] FILE...: load data sets into Neo4j, all or nothing, merged on ids.\nFILE is a .json data set or STIX 2.1 bundle, or nodes.csv / edges.csv (the other file is read from the same folder), or 'crocus' for the bundled set.", getenv, stderr)
	f.db(&db)
	f.fs.BoolVar(&dryRun, "dry-run", false, "validate against the data set and the database, write nothing")
	f.fs.BoolVar(&asJSON, "json", false, "print the report as JSON")
	f.fs.BoolVar(&chunked, "chunked", false, "not atomic: validate everything, then commit --chunk records at a time (for data sets larger than one transaction holds); an interrupted import is finished by running it again")
	f.fs.IntVar(&chunk, "chunk", 50_000, "records per committed chunk with --chunked")
	if err := f.parse(args); err != nil {
		return err
	}
	if f.fs.NArg() == 0 {
		return usageError{"import needs at least one FILE (a .json data set, nodes.csv/edges.csv, or crocus)"}
	}
	d, skipped, err := readDataSets(f.fs.Args())
	if err != nil {
		return problems(stderr, err)
	}
	store, closeStore, err := db.openStore(ctx)
	if err != nil {
		return err
	}
	defer closeStore()
	printSkipped(stderr, skipped)
	if dryRun {
		if err := store.Validate(ctx, d); err != nil {
			return problems(stderr, err)
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
		return problems(stderr, err)
	}
	if len(skipped) > 0 {
		rep.Skipped = skipped
	}
	if asJSON {
		return json.NewEncoder(stdout).Encode(rep)
	}
	fmt.Fprintf(stdout, "imported in %.1fs: nodes %d created, %d updated, %d unchanged; edges %d created, %d updated, %d unchanged\n",
		rep.Seconds, rep.Nodes.Created, rep.Nodes.Updated, rep.Nodes.Unchanged, rep.Edges.Created, rep.Edges.Updated, rep.Edges.Unchanged)
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

// problems prints every validation problem, one a line, and returns a one-line error.
func problems(stderr io.Writer, err error) error {
	var ve *graph.ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	const show = 50
	for i, p := range ve.Problems {
		if i == show {
			fmt.Fprintf(stderr, "... and %d more\n", len(ve.Problems)-show)
			break
		}
		fmt.Fprintln(stderr, p.String())
	}
	return fmt.Errorf("nothing imported: %d problem(s) in the data set", len(ve.Problems))
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
