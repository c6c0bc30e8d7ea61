package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/ingest"
)

func ingestCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var db dbConfig
	var in graph.SourceInput
	var asJSON bool
	f := newFlags("ingest", "actorgraph ingest [flags] FILE: store an article (plain text, or HTML made readable) as a Source,\nlink its mentions and propose candidate edges for review (GET /api/v1/candidates). The same text twice changes nothing.", getenv, stderr)
	f.db(&db)
	f.fs.StringVar(&in.Title, "title", "", "the article's title")
	f.fs.StringVar(&in.URL, "url", "", "where it was published")
	f.fs.StringVar(&in.Publisher, "publisher", "", "who published it")
	f.fs.StringVar(&in.PublishedOn, "date", "", "when it was published (YYYY-MM-DD)")
	f.fs.StringVar(&in.Language, "language", "", "its language (e.g. en)")
	f.fs.BoolVar(&asJSON, "json", false, "print the API's answer (source, text, mentions, newEntities, candidates) as JSON")
	// Flags may follow FILE (actorgraph ingest FILE --title ...).
	var files []string
	for {
		if err := f.parse(args); err != nil {
			return err
		}
		if f.fs.NArg() == 0 {
			break
		}
		files = append(files, f.fs.Arg(0))
		args = f.fs.Args()[1:]
	}
	if len(files) != 1 {
		return usageError{"ingest needs exactly one FILE (the article, .txt or .html)"}
	}
	path := files[0]
	b, err := os.ReadFile(path)
	if err != nil {
		return usageError{"cannot read " + path + ": " + err.Error()}
	}
	in.Text = string(b)
	ct := ""
	if ext := strings.ToLower(filepath.Ext(path)); ext == ".html" || ext == ".htm" {
		ct = "text/html"
	}
	if in, err = ingest.Prepare(in, ct); err != nil {
		return problems(stderr, err)
	}
	store, closeStore, err := db.openStore(ctx)
	if err != nil {
		return err
	}
	defer closeStore()
	gaz := func(ctx context.Context) (*ingest.Gazetteer, error) {
		entries, err := store.GazetteerEntries(ctx)
		if err != nil {
			return nil, err
		}
		return ingest.NewGazetteer(entries), nil
	}
	d, created, err := ingest.Ingest(ctx, store, gaz, in, getenv("USER"))
	if err != nil {
		return problems(stderr, err)
	}
	if asJSON {
		return json.NewEncoder(stdout).Encode(d)
	}
	printSource(stdout, d, created)
	return nil
}

// printSource prints a stored source's mentions and candidates as tables.
func printSource(w io.Writer, d graph.SourceDoc, created bool) {
	verb := "stored"
	if !created {
		verb = "already stored"
	}
	fmt.Fprintf(w, "%s %s (%d characters): %d mentions, %d new entities, %d candidates\n\n", verb, d.Source.ID,
		graph.TextLength(d.Text), len(d.Mentions), len(d.NewEntities), len(d.Candidates))
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "MENTION\tAT\tENTITY")
	for _, m := range d.Mentions {
		ent := "?"
		switch {
		case m.Entity != nil:
			ent = *m.Entity
		case m.NewEntity != nil:
			ent = *m.NewEntity + " (new)"
		case len(m.Options) > 0:
			ent = "one of " + strings.Join(m.Options, ", ")
		}
		fmt.Fprintf(tw, "%s\t%d-%d\t%s\n", m.Text, m.Start, m.End, ent)
	}
	tw.Flush()
	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "CANDIDATE\tTYPE\tFROM\tTO\tSTANCE\tCONF\tSTATUS\tCORROBORATES")
	for _, c := range d.Candidates {
		cor := "-"
		if c.Corroborates != nil {
			cor = *c.Corroborates
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\n", c.ID, c.Type, c.From, c.To, c.Stance, c.Confidence, c.Status, cor)
	}
	tw.Flush()
}
