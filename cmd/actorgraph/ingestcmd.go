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

	"github.com/actorgraph/actorgraph/cmd/internal/cli"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/ingest"
)

func ingestCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var db cli.DB
	var in graph.SourceInput
	var asJSON bool
	var lists []string
	f := cli.NewFlags("ingest",
		"actorgraph ingest [flags] FILE|DIR...: store articles (plain text, or HTML made readable) as Sources,\n"+
			"link their mentions and propose candidate edges for review (GET /api/v1/candidates). The "+
			"same text twice changes nothing.\n"+
			"A DIR stands for its .txt, .html, .htm and .md files (sorted); --jsonl FILE reads one article object per line.\n"+
			"With several articles, each is ingested on its own, progress goes to stderr and a summary table to stdout;\n"+
			"a bad article is reported and the rest go on, and the exit status is non-zero if any failed.", getenv, stderr)
	f.DB(&db)
	f.StringVar(&in.Title, "title", "", "the article's title (one FILE only; several take their file names)")
	f.StringVar(&in.URL, "url", "", "where it was published (one FILE only)")
	f.StringVar(&in.Publisher, "publisher", "", "who published it (every article that gives none)")
	f.StringVar(&in.PublishedOn, "date", "", "when it was published (YYYY-MM-DD; every article that gives none)")
	f.StringVar(&in.Language, "language", "", "its language (e.g. en)")
	f.Func("jsonl", "a JSON Lines file of articles {title,url,publisher,publishedOn,language,text}, "+
		"one per line (repeatable)", func(v string) error {
		lists = append(lists, v)
		return nil
	})
	f.BoolVar(&asJSON, "json", false,
		"print the API's answer as JSON (one article: source, text, mentions, newEntities, "+
			"candidates; several: articles and summary)")
	// Flags may follow FILE (actorgraph ingest FILE --title ...).
	var paths []string
	for {
		if err := f.Parse(args); err != nil {
			return err
		}
		if f.NArg() == 0 {
			break
		}
		paths = append(paths, f.Arg(0))
		args = f.Args()[1:]
	}
	files, err := articleFiles(paths)
	if err != nil {
		return err
	}
	if len(files) == 0 && len(lists) == 0 {
		return cli.UsageError("ingest needs a FILE, a DIR or --jsonl FILE (articles, .txt or .html)")
	}
	store, closeStore, err := db.OpenStore(ctx)
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
	if len(files) == 1 && len(lists) == 0 {
		return ingestOne(ctx, store, gaz, in, files[0], getenv("USER"), asJSON, stdout, stderr)
	}
	if in.Title != "" || in.URL != "" {
		return cli.UsageError("--title and --url name one article; with several, each takes its file " +
			"name (or give titles in a --jsonl file)")
	}
	arts, err := readArticles(files, lists, in)
	if err != nil {
		return err
	}
	return ingestMany(ctx, store, gaz, arts, getenv("USER"), asJSON, stdout, stderr)
}

// ingestOne ingests one file and prints its source as tables (or JSON).
func ingestOne(ctx context.Context, st ingest.Store, gaz func(context.Context) (*ingest.Gazetteer, error),
	in graph.SourceInput,
	path, key string, asJSON bool, stdout, stderr io.Writer) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return cli.UsageError("cannot read " + path + ": " + err.Error())
	}
	in.Text = string(b)
	if in, err = ingest.Prepare(in, contentType(path)); err != nil {
		return cli.Problems(stderr, err)
	}
	d, created, err := ingest.Ingest(ctx, st, gaz, in, key)
	if err != nil {
		return cli.Problems(stderr, err)
	}
	if asJSON {
		return json.NewEncoder(stdout).Encode(d)
	}
	printSource(stdout, d, created)
	return nil
}

// contentType is text/html for .html and .htm files, else "" (plain text,
// or HTML by its look).
func contentType(path string) string {
	if ext := strings.ToLower(filepath.Ext(path)); ext == ".html" || ext == ".htm" {
		return "text/html"
	}
	return ""
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
