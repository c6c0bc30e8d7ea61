package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/actorgraph/actorgraph/cmd/internal/cli"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/handlers"
)

// pathCmd prints the paths between two entities as a table of hops with
// their quotes, or the API's JSON with --json.
func pathCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var db cli.DB
	var asJSON, all bool
	var maxDepth, limit, minConf int
	var rels, kinds, stances, at, knownOn, direction, undated, sources, evidence string
	f := cli.NewFlags("path", "actorgraph path [flags] FROM TO: the shortest or ranked paths between "+
		"two entities, each hop with its evidence.\nFROM and TO are ids (group:is-k) or "+
		"names/aliases (ISIS-K, Tajikistan). Flags may come before or after them.", getenv, stderr)
	f.DB(&db)
	f.BoolVar(&asJSON, "json", false, "print the API's JSON answer")
	f.BoolVar(&all, "all", false, "all shortest paths")
	f.IntVar(&limit, "limit", 1, "ranked paths wanted (more than 1: shortest first, then by evidence)")
	f.IntVar(&maxDepth, "max-depth", 6, "longest path, in hops")
	f.IntVar(&minConf, "min-confidence", 0, "leave out edges below this confidence (0-100)")
	f.StringVar(&rels, "rel", "", "relationship types to follow, comma-separated")
	f.StringVar(&kinds, "kind", "", "node kinds allowed on the way, comma-separated")
	f.StringVar(&stances, "stance", "", "stances to keep, comma-separated (e.g. claimed,attributed,reported)")
	f.StringVar(&at, "at", "", "only edges valid on this date (YYYY-MM-DD)")
	f.StringVar(&knownOn, "known-on", "", "only edges reported by this date (YYYY-MM-DD)")
	f.StringVar(&direction, "direction", "", "both (default), out or in")
	f.StringVar(&undated, "undated", "", "edges with no date under --at/--known-on: keep (default) or drop")
	f.StringVar(&sources, "source", "", "only edges citing these source ids, comma-separated")
	f.StringVar(&evidence, "evidence", "",
		"weakest evidence kept: quote (verified quotes only), reported-quote or summary (all)")
	var pos []string
	for rest := args; ; {
		if err := f.Parse(rest); err != nil {
			return err
		}
		if f.NArg() == 0 {
			break
		}
		pos = append(pos, f.Arg(0))
		rest = f.Args()[1:]
	}
	if len(pos) != 2 {
		return cli.UsageError(fmt.Sprintf("path needs FROM and TO; got %d argument(s)", len(pos)))
	}
	v := url.Values{"from": {pos[0]}, "to": {pos[1]}, "maxDepth": {strconv.Itoa(maxDepth)}}
	for k, s := range map[string]string{"rel": rels, "kind": kinds, "stance": stances, "at": at, "knownOn": knownOn,
		"direction": direction, "undated": undated, "source": sources, "evidence": evidence} {
		if s != "" {
			v.Set(k, s)
		}
	}
	if minConf > 0 {
		v.Set("minConfidence", strconv.Itoa(minConf))
	}
	ranked := limit > 1
	if ranked {
		v.Set("limit", strconv.Itoa(limit))
	} else if all {
		v.Set("all", "true")
	}
	q, err := handlers.ParsePathQuery(v, db.Limits(), ranked)
	if err != nil {
		return cli.UsageError(err.Error())
	}
	driver, err := db.Connect(ctx)
	if err != nil {
		return err
	}
	defer driver.Close(context.WithoutCancel(ctx))
	ans, err := db.Store(driver, nil).Paths(ctx, q)
	if err != nil {
		return err
	}
	if asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(ans)
	}
	printPaths(stdout, ans)
	return nil
}

func printPaths(w io.Writer, ans *graph.PathAnswer) {
	names := map[string]string{}
	for _, n := range ans.Nodes {
		names[n.ID] = n.Name
	}
	for _, n := range ans.Sources {
		names[n.ID] = n.Name
	}
	for _, note := range ans.Notes {
		fmt.Fprintln(w, "note:", note)
	}
	if len(ans.Paths) == 0 {
		fmt.Fprintln(w, ans.Reason)
		return
	}
	for _, p := range ans.Paths {
		fmt.Fprintf(w, "\nPath %d: %s\n", p.Score.Rank, p.Score.Explanation)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "#\tFROM\tRELATIONSHIP\tTO\tEVIDENCE\tCONF\tSTANCE\tSOURCES")
		for i, h := range p.Hops {
			rel := h.Type + " ->"
			if h.Direction == graph.Backward {
				rel = "<- " + h.Type
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%d\t%s\t%s\n", i+1, names[h.From], rel, names[h.To],
				evidenceLabel(h.Level), h.Confidence, h.Stance, strings.Join(h.Sources, ", "))
		}
		tw.Flush()
		for i, h := range p.Hops {
			fmt.Fprintf(w, "  %d. %s\n", i+1, hopEvidence(h))
		}
	}
}

// evidenceLabel is a hop's evidence level in the table.
func evidenceLabel(l graph.EvidenceLevel) string {
	switch l {
	case graph.EvidenceQuote:
		return "quote ✓"
	case graph.EvidenceReportedQuote:
		return "reported"
	case graph.EvidenceSummary:
		return "summary"
	}
	return "unknown"
}

// hopEvidence is the line under the table that shows what a hop rests on,
// saying whether the quote was verified in its source's stored text.
func hopEvidence(h graph.Hop) string {
	switch h.Level {
	case graph.EvidenceQuote:
		span := ""
		if h.QuoteStart != nil && h.QuoteEnd != nil {
			span = fmt.Sprintf(", characters %d-%d", *h.QuoteStart, *h.QuoteEnd)
		}
		return fmt.Sprintf("quote ✓ %q (%s%s; verified in its stored text)", h.Quote, h.QuoteSource, span)
	case graph.EvidenceReportedQuote:
		return fmt.Sprintf("reported %q (%s; its text is not stored, so not checked)", h.Quote, h.QuoteSource)
	case graph.EvidenceSummary:
		return fmt.Sprintf("summary: %s (curator's words, citing %s)", h.Summary, strings.Join(h.Sources, ", "))
	}
	return fmt.Sprintf("%q (%s)", h.Quote, h.QuoteSource)
}
