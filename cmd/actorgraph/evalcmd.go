package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/actorgraph/actorgraph/cmd/internal/cli"
	"github.com/actorgraph/actorgraph/data"
	"github.com/actorgraph/actorgraph/ingest"
	"github.com/actorgraph/actorgraph/ingest/eval"
)

// targetsMissed is the error of eval --check when a DIR misses a target:
// exit status 1, where a bad DIR or gold file is 2.
type targetsMissed struct{ msg string }

func (e targetsMissed) Error() string { return e.msg }

func evalCmd(_ context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var asJSON, verbose, check bool
	f := cli.NewFlags("eval", "actorgraph eval [--json] [--verbose] [--check] DIR...: score the "+
		"ingest on evaluation directories\n(docs/eval-format.md): per relationship type the gold "+
		"edges, proposals, precision, recall and stance\naccuracy, and the overall recalls, "+
		"precision and new-entity scores.", getenv, stderr)
	f.BoolVar(&asJSON, "json", false,
		"print one JSON object per DIR (the scores; with --verbose also misses, falsePositives, notes)")
	f.BoolVar(&verbose, "verbose", false,
		"list every miss and false positive with its sentence, and every other error (stance, mention, new entity, quote)")
	f.BoolVar(&check, "check", false,
		"exit 1 when a DIR misses a target of the test split (candidateRecall, precision, ...), naming it")
	var dirs []string
	// Flags may follow DIR (actorgraph eval DIR --json).
	for {
		if err := f.Parse(args); err != nil {
			return err
		}
		if f.NArg() == 0 {
			break
		}
		dirs = append(dirs, f.Arg(0))
		args = f.Args()[1:]
	}
	if len(dirs) == 0 {
		return cli.UsageError("eval needs at least one DIR (an evaluation directory, e.g. ingest/testdata/eval/dev)")
	}
	d, err := data.Crocus()
	if err != nil {
		return err
	}
	base := ingest.EntriesOf(d)
	var missed []string
	for i, dir := range dirs {
		r, err := eval.Evaluate(base, dir)
		if err != nil {
			return cli.UsageError(err.Error())
		}
		if asJSON {
			if !verbose {
				r.Misses, r.FalsePositives, r.Notes = nil, nil, nil
			}
			if err := json.NewEncoder(stdout).Encode(r); err != nil {
				return err
			}
		} else {
			if i > 0 {
				fmt.Fprintln(stdout)
			}
			printReport(stdout, &r, verbose)
		}
		if check {
			for _, m := range r.Missed(eval.Targets) {
				missed = append(missed, dir+": "+m)
			}
		}
	}
	if len(missed) == 0 {
		return nil
	}
	if asJSON { // stdout is JSON only: the error names them
		return targetsMissed{fmt.Sprintf("%d targets missed: %s", len(missed), strings.Join(missed, "; "))}
	}
	fmt.Fprintf(stdout, "\ntargets missed:\n  %s\n", strings.Join(missed, "\n  "))
	return targetsMissed{fmt.Sprintf("%d targets missed (listed above)", len(missed))}
}

// printReport prints a report: the table per type, the overall scores, and
// with verbose every finding.
func printReport(w io.Writer, r *eval.Report, verbose bool) {
	fmt.Fprintf(w, "%s: %d articles\n\n", r.Dir, r.Articles)
	const format = "%-24s %5v %8v %9v %7v %7v\n"
	fmt.Fprintf(w, format, "TYPE", "GOLD", "PROPOSED", "PRECISION", "RECALL", "STANCE")
	row := func(name string, t eval.TypeScore) {
		fmt.Fprintf(w, format, name, t.Gold, t.Proposed, t.Precision.Ratio(), t.Recall.Ratio(), t.StanceAccuracy.Ratio())
	}
	for _, k := range r.Types() {
		row(k, *r.ByType[k])
	}
	row("ALL", r.Total())
	fmt.Fprintln(w)
	for _, l := range []struct {
		name string
		s    eval.Score
	}{
		{"mention recall", r.MentionRecall}, {"candidate recall (sentence)", r.CandidateRecall},
		{"recall (all edges)", r.AllRecall}, {"precision", r.Precision}, {"stance accuracy", r.StanceAccuracy},
		{"new entity kind accuracy", r.NewEntityKindAccuracy}, {"new entity recall", r.NewEntityRecall},
		{"new entity precision", r.NewEntityPrecision},
	} {
		fmt.Fprintf(w, "%-28s %s\n", l.name, l.s)
	}
	fmt.Fprintf(w, "%-28s %d\n%-28s %d\n", "quote errors", r.QuoteErrors, "denied but proposed", r.DeniedButProposed)
	if !verbose {
		fmt.Fprintf(w, "%d misses, %d false positives, %d other findings (--verbose lists them)\n",
			len(r.Misses), len(r.FalsePositives), len(r.Notes))
		return
	}
	printFindings(w, "misses", r.Misses)
	printFindings(w, "false positives", r.FalsePositives)
	printFindings(w, "other findings", r.Notes)
}

func printFindings(w io.Writer, title string, fs []eval.Finding) {
	fmt.Fprintf(w, "\n%s (%d):\n", title, len(fs))
	for _, f := range fs {
		fmt.Fprintf(w, "  %s: %s", f.Article, f.Edge)
		if f.Edge != "" && f.Detail != "" {
			fmt.Fprint(w, ": ")
		}
		fmt.Fprintln(w, f.Detail)
		for _, s := range f.Sentences {
			fmt.Fprintf(w, "      %q\n", s)
		}
	}
}
