package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/actorgraph/actorgraph/analytics"
	"github.com/actorgraph/actorgraph/cmd/internal/cli"
	"github.com/actorgraph/actorgraph/cypher"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/handlers"
)

// filterFlags are the filters the analytics commands share with path, as
// the query parameters they set.
type filterFlags map[string]*string

func addFilterFlags(f *cli.Flags, names ...string) filterFlags {
	help := map[string][2]string{
		"rel":           {"rel", "relationship types to follow, comma-separated"},
		"kind":          {"kind", "node kinds kept, comma-separated (Sources only when named)"},
		"stance":        {"stance", "stances to keep, comma-separated (e.g. claimed,attributed,reported)"},
		"at":            {"at", "only edges valid on this date (YYYY-MM-DD)"},
		"knownOn":       {"known-on", "only edges reported by this date (YYYY-MM-DD)"},
		"direction":     {"direction", "both (default), out or in"},
		"undated":       {"undated", "edges with no date under --at/--known-on: keep (default) or drop"},
		"source":        {"source", "only edges citing these source ids, comma-separated"},
		"evidence":      {"evidence", "weakest evidence kept: quote (verified quotes only), reported-quote or summary (all)"},
		"minConfidence": {"min-confidence", "leave out edges below this confidence (0-100)"},
	}
	ff := filterFlags{}
	for _, n := range names {
		ff[n] = new(string)
		f.StringVar(ff[n], help[n][0], "", help[n][1])
	}
	return ff
}

func (ff filterFlags) set(v url.Values) {
	for k, p := range ff {
		if *p != "" {
			v.Set(k, *p)
		}
	}
}

// positional parses args, flags before or after the positional arguments.
func positional(f *cli.Flags, args []string) ([]string, error) {
	var pos []string
	for rest := args; ; {
		if err := f.Parse(rest); err != nil {
			return nil, err
		}
		if f.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, f.Arg(0))
		rest = f.Args()[1:]
	}
}

// brokersCmd prints who lies between two entities as a table.
func brokersCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var db cli.DB
	var asJSON bool
	var maxDepth, paths, limit int
	f := cli.NewFlags("brokers", "actorgraph brokers [flags] FROM TO: the entities on the most of the best ranked paths between two entities,\neach with its share of the paths and the sources behind them. Flags may come before or after FROM and TO.", getenv, stderr)
	f.DB(&db)
	f.BoolVar(&asJSON, "json", false, "print the API's JSON answer")
	f.IntVar(&maxDepth, "max-depth", 6, "longest path, in hops")
	f.IntVar(&paths, "paths", 50, "ranked paths considered (1-50)")
	f.IntVar(&limit, "limit", 10, "brokers shown (1-100)")
	ff := addFilterFlags(f, "rel", "kind", "stance", "at", "knownOn", "direction", "undated", "source", "evidence",
		"minConfidence")
	pos, err := positional(f, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return cli.UsageError(fmt.Sprintf("brokers needs FROM and TO; got %d argument(s)", len(pos)))
	}
	v := url.Values{"from": {pos[0]}, "to": {pos[1]}, "maxDepth": {strconv.Itoa(maxDepth)},
		"paths": {strconv.Itoa(paths)}, "limit": {strconv.Itoa(limit)}}
	ff.set(v)
	q, err := handlers.ParseBrokerQuery(v, db.Limits())
	if err != nil {
		return cli.UsageError(err.Error())
	}
	var ans *analytics.BrokerAnswer
	if err := withStore(ctx, db, func(ctx context.Context, st *cypher.Store) (err error) {
		ans, err = analytics.FindBrokers(ctx, st, q)
		return err
	}); err != nil {
		return err
	}
	if asJSON {
		return printJSON(stdout, ans)
	}
	printBrokers(stdout, ans)
	return nil
}

func printBrokers(w io.Writer, ans *analytics.BrokerAnswer) {
	if ans.Paths == 0 {
		fmt.Fprintf(w, "no path from %s to %s: %s\n", ans.From, ans.To, ans.Reason)
		return
	}
	more := ""
	if ans.Truncated {
		more = " (the best ranked; there may be more)"
	}
	fmt.Fprintf(w, "Brokers between %s and %s over %d paths%s, %s\n", ans.From, ans.To, ans.Paths, more,
		filtersLine(ans.Subgraph.Filters))
	for _, n := range ans.Notes {
		fmt.Fprintln(w, "note:", n)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "#\tBROKER\tKIND\tID\tSHARE\tPATHS\tSOURCES")
	for i, b := range ans.Brokers {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%.0f%%\t%d\t%d\n", i+1, b.Name, b.Kind, b.ID, 100*b.Share, len(b.Paths), b.Sources)
	}
	tw.Flush()
}

// centralityCmd prints the top entities by a centrality as a table.
func centralityCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var db cli.DB
	var asJSON bool
	var limit, depth int
	var metric, weight, around string
	f := cli.NewFlags("centrality",
		"actorgraph centrality [flags]: the top entities of the graph (or of --around's neighbourhood) by a centrality,\ncomputed over the subgraph GET /api/v1/graph (or the neighbours route) returns for the same filters.", getenv, stderr)
	f.DB(&db)
	f.BoolVar(&asJSON, "json", false, "print the API's JSON answer")
	f.StringVar(&metric, "metric", "pagerank", "degree, betweenness, closeness, pagerank or eigenvector")
	f.StringVar(&weight, "weight", "none",
		"none, confidence (confidence/100) or evidence (quote 1, reported-quote 2/3, summary 1/3)")
	f.IntVar(&limit, "limit", 20, "entities shown")
	f.StringVar(&around, "around", "", "an entity (id or name): rank its neighbourhood instead of the whole graph")
	f.IntVar(&depth, "depth", 2, "with --around: the neighbourhood's depth (1-4)")
	ff := addFilterFlags(f, "rel", "kind", "evidence", "stance", "at", "knownOn", "direction", "undated", "source",
		"minConfidence")
	pos, err := positional(f, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return cli.UsageError(fmt.Sprintf("centrality takes no arguments, got %q (use --around for an entity)",
			strings.Join(pos, " ")))
	}
	v := url.Values{"metric": {metric}, "weight": {weight}, "limit": {strconv.Itoa(limit)}}
	if around != "" {
		v.Set("around", around)
		v.Set("depth", strconv.Itoa(depth))
	}
	ff.set(v)
	q, err := handlers.ParseCentralityQuery(v, db.Limits())
	if err != nil {
		return cli.UsageError(err.Error())
	}
	q.MaxEdges, q.ExactBetweennessNodes = db.MaxEdges, db.ExactBetweennessNodes
	var ans *analytics.CentralityAnswer
	if err := withStore(ctx, db, func(ctx context.Context, st *cypher.Store) (err error) {
		ans, err = analytics.Rank(ctx, st, q)
		return err
	}); err != nil {
		return err
	}
	if asJSON {
		return printJSON(stdout, ans)
	}
	s := ans.Subgraph
	where := "the graph"
	if s.Around != "" {
		where = fmt.Sprintf("the %d-hop neighbourhood of %s", s.Depth, s.Around)
	}
	fmt.Fprintf(stdout, "%s (weight %s) over %s: %d entities, %d relationships (%d linked pairs), read undirected, %s\n",
		ans.Metric, ans.Weight, where, s.Nodes, s.Edges, s.Links, filtersLine(s.Filters))
	if ans.Estimate != nil {
		fmt.Fprintf(stdout, "betweenness estimated from %d sampled sources, not exact\n", ans.Estimate.Samples)
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "RANK\tNAME\tKIND\tID\tSCORE")
	for _, r := range ans.Results {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%.6g\n", r.Rank, r.Name, r.Kind, r.ID, r.Score)
	}
	return tw.Flush()
}

// withStore runs f against the store db names, within the read time limit.
func withStore(ctx context.Context, db cli.DB, f func(context.Context, *cypher.Store) error) error {
	driver, err := db.Connect(ctx)
	if err != nil {
		return err
	}
	defer driver.Close(context.WithoutCancel(ctx))
	ctx, cancel := graph.WithLimit(ctx, db.Timeout, "ACTORGRAPH_QUERY_TIMEOUT")
	defer cancel()
	return f(ctx, db.Store(driver, nil))
}

// filtersLine says which filters chose a subgraph.
func filtersLine(f map[string]string) string {
	if len(f) == 0 {
		return "no filters"
	}
	keys := make([]string, 0, len(f))
	for k := range f {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + f[k]
	}
	return "filters " + strings.Join(parts, " ")
}

func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
