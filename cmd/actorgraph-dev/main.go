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
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/actorgraph/actorgraph/cypher"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(os.Stderr, "actorgraph-dev:", err)
		var ue usageError
		if errors.As(err, &ue) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

const usage = `actorgraph-dev holds the developer's commands: no part of the product, which
the actorgraph binary does not link.

Usage:
  actorgraph-dev gen [flags]   write (and -load) a synthetic graph for benchmarks and fault tests

Run 'actorgraph-dev COMMAND --help' for the flags of a command.
`

// run is main without the process.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usageError{"no command given; want gen (see --help)"}
	}
	switch args[0] {
	case "gen":
		return genCmd(ctx, args[1:], getenv, stdout, stderr)
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	return usageError{fmt.Sprintf("unknown command %q; want gen (see --help)", args[0])}
}

// flags is a command's flag set; its Neo4j flags default to the
// environment variables actorgraph reads.
type flags struct {
	fs      *flag.FlagSet
	summary string
	out     io.Writer
	getenv  func(string) string
	errs    []string
}

func newFlags(name, summary string, getenv func(string) string, out io.Writer) *flags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return &flags{fs: fs, summary: summary, out: out, getenv: getenv}
}

func (f *flags) str(p *string, name, env, def, help string) {
	if v := f.getenv(env); v != "" {
		def = v
	}
	f.fs.StringVar(p, name, def, help+" ["+env+"]")
}

func (f *flags) dur(p *time.Duration, name, env string, def time.Duration, help string) {
	if v := f.getenv(env); v != "" {
		if d, err := time.ParseDuration(v); err == nil {
			def = d
		} else {
			f.errs = append(f.errs, fmt.Sprintf("%s=%q is not a duration (e.g. 10s)", env, v))
		}
	}
	f.fs.DurationVar(p, name, def, help+" ["+env+"]")
}

func (f *flags) parse(args []string) error {
	if err := f.fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(f.out, "%s\n\nFlags (environment variable in brackets; a flag wins):\n", f.summary)
			f.fs.SetOutput(f.out)
			f.fs.PrintDefaults()
			return err
		}
		return usageError{err.Error() + " (see --help)"}
	}
	if len(f.errs) > 0 {
		return usageError{strings.Join(f.errs, "; ")}
	}
	return nil
}

// dbConfig is how to reach Neo4j.
type dbConfig struct {
	uri, user, password, database string
	importTimeout                 time.Duration
}

func (f *flags) db(c *dbConfig) {
	f.str(&c.uri, "neo4j-uri", "NEO4J_URI", "bolt://127.0.0.1:7687", "Neo4j URI: bolt://, bolt+s://, neo4j:// or neo4j+s:// (routing: clusters, Aura)")
	f.str(&c.user, "neo4j-user", "NEO4J_USER", "neo4j", "Neo4j user")
	f.str(&c.password, "neo4j-password", "NEO4J_PASSWORD", "actorgraph", "Neo4j password")
	f.str(&c.database, "neo4j-database", "NEO4J_DATABASE", "", "Neo4j database (empty: the server's default)")
	f.dur(&c.importTimeout, "import-timeout", "ACTORGRAPH_IMPORT_TIMEOUT", 30*time.Minute, "time limit of one import: its look-ups and its write transaction")
}

// openStore connects, ensures the schema and returns a store; close
// releases the driver.
func (c dbConfig) openStore(ctx context.Context) (*cypher.Store, func(), error) {
	d, err := neo4j.NewDriverWithContext(c.uri, neo4j.BasicAuth(c.user, c.password, ""))
	if err != nil {
		return nil, nil, usageError{"neo4j: " + err.Error()}
	}
	closeDriver := func() { d.Close(context.WithoutCancel(ctx)) }
	vctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := d.VerifyConnectivity(vctx); err != nil {
		closeDriver()
		return nil, nil, fmt.Errorf("neo4j is not reachable: %s", strings.Join(strings.Fields(err.Error()), " "))
	}
	s := cypher.New(d, cypher.Options{Database: c.database, ImportTimeout: c.importTimeout})
	if err := s.EnsureSchema(ctx); err != nil {
		closeDriver()
		return nil, nil, err
	}
	return s, closeDriver, nil
}

// problems prints a validation error's problems (the first 50) to stderr.
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
