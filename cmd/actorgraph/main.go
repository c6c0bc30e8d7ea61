// Command actorgraph serves and queries the actor graph: who is connected to
// whom in political violence, with the evidence of every hop, over Neo4j.
//
// Usage:
//
//	actorgraph serve  [flags]            serve the HTTP API and the explorer
//	actorgraph import [flags] FILE...    load data sets (JSON, or nodes.csv + edges.csv)
//	actorgraph load --bulk DATASET...    replace the local Neo4j's database offline (neo4j-admin)
//	actorgraph export --stix FILE        write the whole graph as a STIX 2.1 bundle
//	actorgraph ingest [flags] FILE|DIR... store articles, link their mentions, propose edges
//	actorgraph path   [flags] FROM TO    print the paths between two entities
//	actorgraph eval   [flags] DIR...     score the ingest on evaluation directories
//	actorgraph vocab                     print the vocabulary as Markdown
//
// The developer's commands (gen: synthetic benchmark graphs) are in
// cmd/actorgraph-dev, which this binary does not link.
//
// Run "actorgraph COMMAND --help" for a command's flags; every flag has an
// environment variable, and flags win.
package main

import (
	"context"
	"fmt"
	"io"

	"github.com/actorgraph/actorgraph/cmd/internal/cli"
	"github.com/actorgraph/actorgraph/graph"
)

func main() { cli.Main("actorgraph", run) }

const usage = `actorgraph answers relationship questions about the actors behind political
violence, with the evidence of every hop, over Neo4j.

Usage:
  actorgraph serve  [flags]          serve the HTTP API and the explorer (default :8080)
  actorgraph import [flags] FILE...  load data sets: a .json data set or STIX 2.1 bundle,
                                     or a folder's nodes.csv + edges.csv (name either file)
  actorgraph load --bulk DATASET...  replace the local Neo4j's database with a data set, offline
                                     through neo4j-admin (10-30x faster than import)
  actorgraph export --stix FILE      write the whole graph as a STIX 2.1 bundle (- for stdout)
  actorgraph ingest [flags] FILE|DIR...  store articles (text or HTML; a DIR's .txt/.html/.htm/.md,
                                     --jsonl FILE: one per line), link their mentions and propose
                                     candidate edges for review (--json: the API's answer)
  actorgraph path   [flags] FROM TO  print the paths between two entities with their evidence
  actorgraph brokers [flags] FROM TO print who lies on the most of the paths between two entities
  actorgraph centrality [flags]      print the top entities by degree, betweenness, closeness,
                                     pagerank or eigenvector (--metric, --limit, --around)
  actorgraph eval   [flags] DIR...   score the ingest on evaluation directories (docs/eval-format.md)
  actorgraph vocab                   print the node kinds and relationship types (Markdown)

Run 'actorgraph COMMAND --help' for the flags of a command. Every flag can be
set by the environment variable shown with it; a flag wins over its variable.
`

// run is main without the process: arguments, environment and output in,
// an error out.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return cli.UsageError("no command given; want serve, import, export, ingest, path, brokers, centrality, " +
			"eval or vocab (see --help)")
	}
	switch args[0] {
	case "serve":
		return serve(ctx, args[1:], getenv, stdout, stderr)
	case "import":
		return importCmd(ctx, args[1:], getenv, stdout, stderr)
	case "ingest":
		return ingestCmd(ctx, args[1:], getenv, stdout, stderr)
	case "export":
		return exportCmd(ctx, args[1:], getenv, stdout, stderr)
	case "path":
		return pathCmd(ctx, args[1:], getenv, stdout, stderr)
	case "brokers":
		return brokersCmd(ctx, args[1:], getenv, stdout, stderr)
	case "centrality":
		return centralityCmd(ctx, args[1:], getenv, stdout, stderr)
	case "load":
		return loadCmd(ctx, args[1:], getenv, stdout, stderr)
	case "eval":
		return evalCmd(ctx, args[1:], getenv, stdout, stderr)
	case "gen":
		return cli.UsageError("gen is a developer's command, in actorgraph-dev: go run " +
			"./cmd/actorgraph-dev gen (see its --help)")
	case "vocab":
		_, err := io.WriteString(stdout, graph.VocabularyMarkdown())
		return err
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	return cli.UsageError(fmt.Sprintf("unknown command %q; want serve, import, export, ingest, path, "+
		"brokers, centrality, eval or vocab (see --help)", args[0]))
}
