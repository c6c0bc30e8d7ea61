// Command actorgraph-dev holds the developer's commands that are no part of
// the product: they serve benchmarks and fault tests, and the actorgraph
// binary does not link them.
//
// Usage:
//
//	actorgraph-dev gen [flags]    write (and -load) a synthetic benchmark graph
//
// Run "actorgraph-dev COMMAND --help" for a command's flags.
package main

import (
	"context"
	"fmt"
	"io"

	"github.com/actorgraph/actorgraph/cmd/internal/cli"
)

func main() { cli.Main("actorgraph-dev", run) }

const usage = `actorgraph-dev holds the developer's commands: no part of the product, which
the actorgraph binary does not link.

Usage:
  actorgraph-dev gen [flags]   write (and -load) a synthetic graph for benchmarks and fault tests

Run 'actorgraph-dev COMMAND --help' for the flags of a command.
`

// run is main without the process.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return cli.UsageError("no command given; want gen (see --help)")
	}
	switch args[0] {
	case "gen":
		return genCmd(ctx, args[1:], getenv, stdout, stderr)
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	return cli.UsageError(fmt.Sprintf("unknown command %q; want gen (see --help)", args[0]))
}
