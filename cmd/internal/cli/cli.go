// Package cli is the plumbing actorgraph's binaries share (cmd/actorgraph,
// the product, and cmd/actorgraph-dev, the developer's commands): main's
// exit codes, flags whose defaults come from the environment, how to reach
// Neo4j, and the printing of validation problems. It links no benchmark or
// developer code, so the product binary can use it.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/actorgraph/actorgraph/graph"
)

// Run is a binary's main without the process: arguments, environment and
// output in, an error out.
type Run func(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error

// Main runs run with the process's arguments, environment and output,
// cancelled on SIGINT or SIGTERM, and exits as ExitCode says, printing the
// error after name (nothing for --help).
func Main(name string, run Run) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(os.Stderr, name+":", err)
		os.Exit(ExitCode(err))
	}
}

// UsageError is bad usage or configuration: the command exits 2.
type UsageError string

func (e UsageError) Error() string { return string(e) }

// ExitCode is 2 for bad usage or config (a UsageError), 1 for anything else.
func ExitCode(err error) int {
	var ue UsageError
	if errors.As(err, &ue) {
		return 2
	}
	return 1
}

// Problems prints every validation problem of err (the first 50), one a
// line, and returns a one-line error; any other error it returns as it is.
func Problems(stderr io.Writer, err error) error {
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

// OneLine is err's text with its line breaks and runs of spaces folded.
func OneLine(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}
