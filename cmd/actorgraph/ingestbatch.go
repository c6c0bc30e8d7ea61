package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/actorgraph/actorgraph/cmd/internal/cli"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/ingest"
)

// articleExts are the files a DIR stands for.
var articleExts = []string{".txt", ".html", ".htm", ".md"}

// articleFiles expands paths: a file stands for itself, a directory for its
// article files (not its subdirectories), sorted by name.
func articleFiles(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, cli.UsageError("cannot read " + p + ": " + err.Error())
		}
		if !fi.IsDir() {
			out = append(out, p)
			continue
		}
		ents, err := os.ReadDir(p)
		if err != nil {
			return nil, cli.UsageError("cannot read " + p + ": " + err.Error())
		}
		var in []string
		for _, e := range ents {
			if !e.IsDir() && slices.Contains(articleExts, strings.ToLower(filepath.Ext(e.Name()))) {
				in = append(in, filepath.Join(p, e.Name()))
			}
		}
		if len(in) == 0 {
			return nil, cli.UsageError(p + " holds no article (" + strings.Join(articleExts, ", ") + " files)")
		}
		slices.Sort(in)
		out = append(out, in...)
	}
	return out, nil
}

// readArticles reads the files (each titled by its name without extension)
// and the JSON Lines lists; def's publisher, date and language apply to each
// article that gives none. A file that cannot be read is that article's error.
func readArticles(files, lists []string, def graph.SourceInput) ([]ingest.Article, error) {
	var arts []ingest.Article
	for _, p := range files {
		a := ingest.Article{Name: p, ContentType: contentType(p),
			Input: graph.SourceInput{Title: strings.TrimSuffix(filepath.Base(p), filepath.Ext(p))}}
		if b, err := os.ReadFile(p); err != nil {
			a.Err = graph.Invalid("file", p, "cannot read it: "+err.Error())
		} else {
			a.Input.Text = string(b)
		}
		arts = append(arts, a)
	}
	for _, p := range lists {
		f, err := os.Open(p)
		if err != nil {
			return nil, cli.UsageError("cannot read " + p + ": " + err.Error())
		}
		got, err := ingest.JSONLines(f, p, graph.MaxSourceText*4+1<<20, 1<<30)
		f.Close()
		if err != nil {
			return nil, cli.UsageError("cannot read " + p + ": " + err.Error())
		}
		arts = append(arts, got...)
	}
	for i := range arts {
		in := &arts[i].Input
		for _, d := range []struct {
			dst *string
			v   string
		}{{&in.Publisher, def.Publisher}, {&in.PublishedOn, def.PublishedOn}, {&in.Language, def.Language}} {
			if *d.dst == "" {
				*d.dst = d.v
			}
		}
	}
	return arts, nil
}

// ingestMany ingests the articles one by one, with progress on stderr and a
// summary table (or the API's batch answer as JSON) on stdout.
func ingestMany(ctx context.Context, st ingest.Store, gaz func(context.Context) (*ingest.Gazetteer, error),
	arts []ingest.Article,
	key string, asJSON bool, stdout, stderr io.Writer) error {
	b, err := ingest.IngestBatch(ctx, st, gaz, arts, key, func(r ingest.ArticleResult) {
		fmt.Fprintf(stderr, "[%d/%d] %s\n", r.Index+1, len(arts), progressLine(r))
	})
	if err != nil {
		return fmt.Errorf("stopped after %d of %d articles (those are stored; running again skips them): %w",
			len(b.Articles), len(arts), err)
	}
	if asJSON {
		if err := json.NewEncoder(stdout).Encode(b); err != nil {
			return err
		}
	} else {
		printBatch(stdout, b)
	}
	if n := b.Summary.Errors; n > 0 {
		return fmt.Errorf("%d of %d articles failed (see above); the others are stored", n, len(arts))
	}
	return nil
}

// progressLine is "name: created, 42 mentions, 3 new entities, 7 candidates
// (2 corroborate)", or "name: error: why".
func progressLine(r ingest.ArticleResult) string {
	if r.Error != nil {
		return r.Name + ": error: " + strings.TrimPrefix(r.Error.Message, r.Name+": ")
	}
	return fmt.Sprintf("%s: %s, %d mentions, %d new entities, %d candidates (%d corroborate)",
		r.Name, r.Status, r.Mentions, r.NewEntities, r.Candidates, r.Corroborations)
}

// printBatch prints one row per article and the totals.
func printBatch(w io.Writer, b ingest.Batch) {
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "#\tARTICLE\tSTATUS\tSOURCE\tMENTIONS\tNEW\tCANDIDATES\tCORROBORATE")
	for _, r := range b.Articles {
		src := r.Source
		if r.Error != nil {
			src = strings.TrimPrefix(r.Error.Message, r.Name+": ")
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%d\t%d\t%d\t%d\n", r.Index+1, r.Name, r.Status, src, r.Mentions,
			r.NewEntities, r.Candidates, r.Corroborations)
	}
	s := b.Summary
	fmt.Fprintf(tw, "\tTOTAL %d\t%d created, %d existing, %d errors\t\t%d\t%d\t%d\t%d\n", s.Articles,
		s.Created, s.Existing, s.Errors,
		s.Mentions, s.NewEntities, s.Candidates, s.Corroborations)
	tw.Flush()
}
