package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/analytics"
	"github.com/actorgraph/actorgraph/cypher"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	neo4jconfig "github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
)

// dbConfig is how to reach Neo4j; every command that talks to it shares it.
type dbConfig struct {
	uri, user, password, database string
	timeout, importTimeout        time.Duration
	maxDepth, maxResults          int
	maxEdges                      int // of an analytics subgraph
}

// envFlags binds flags whose defaults come from the environment, and says so
// in --help.
type envFlags struct {
	fs     *flag.FlagSet
	usage  func()
	getenv func(string) string
	errs   []string
}

func newFlags(name, summary string, getenv func(string) string, out io.Writer) *envFlags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	// The flag package prints usage on every error; we print it for --help
	// only, so a mistake is answered by one line.
	fs.SetOutput(io.Discard)
	e := &envFlags{fs: fs, getenv: getenv}
	fs.Usage = func() {}
	e.usage = func() {
		fmt.Fprintf(out, "%s\n\nFlags (environment variable in brackets; a flag wins):\n", summary)
		fs.SetOutput(out)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	return e
}

func (e *envFlags) str(p *string, name, env, def, help string) {
	if v := e.getenv(env); v != "" {
		def = v
	}
	e.fs.StringVar(p, name, def, help+" ["+env+"]")
}

func (e *envFlags) dur(p *time.Duration, name, env string, def time.Duration, help string) {
	if v := e.getenv(env); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			e.errs = append(e.errs, fmt.Sprintf("%s=%q is not a duration (e.g. 10s)", env, v))
		} else {
			def = d
		}
	}
	e.fs.DurationVar(p, name, def, help+" ["+env+"]")
}

func (e *envFlags) num(p *int, name, env string, def int, help string) {
	if v := e.getenv(env); v != "" {
		var n int
		if _, err := fmt.Sscan(v, &n); err != nil {
			e.errs = append(e.errs, fmt.Sprintf("%s=%q is not a whole number", env, v))
		} else {
			def = n
		}
	}
	e.fs.IntVar(p, name, def, help+" ["+env+"]")
}

// parse parses args, turning flag errors and bad env values into one line.
func (e *envFlags) parse(args []string) error {
	if err := e.fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			e.usage()
			return err
		}
		return usageError{err.Error() + " (see --help)"}
	}
	if len(e.errs) > 0 {
		return usageError{strings.Join(e.errs, "; ")}
	}
	return nil
}

func (e *envFlags) db(c *dbConfig) {
	e.str(&c.uri, "neo4j-uri", "NEO4J_URI", "bolt://127.0.0.1:7687", "Neo4j URI: bolt://, bolt+s://, neo4j:// or neo4j+s:// (routing: clusters, Aura)")
	e.str(&c.user, "neo4j-user", "NEO4J_USER", "neo4j", "Neo4j user")
	e.str(&c.password, "neo4j-password", "NEO4J_PASSWORD", "actorgraph", "Neo4j password")
	e.str(&c.database, "neo4j-database", "NEO4J_DATABASE", "", "Neo4j database (empty: the server's default)")
	e.dur(&c.timeout, "query-timeout", "ACTORGRAPH_QUERY_TIMEOUT", 10*time.Second, "time limit of one read request as a whole: all its statements and the start of its answer (a longer one answers 504)")
	e.dur(&c.importTimeout, "import-timeout", "ACTORGRAPH_IMPORT_TIMEOUT", 30*time.Minute, "time limit of one import: its look-ups and its write transaction")
	e.num(&c.maxDepth, "depth-limit", "ACTORGRAPH_MAX_DEPTH", graph.DefaultLimits.MaxDepth, "largest maxDepth a path query may ask for (1-12)")
	e.num(&c.maxResults, "result-limit", "ACTORGRAPH_MAX_RESULTS", graph.DefaultLimits.MaxResults, "most nodes one graph answer may hold")
	e.num(&c.maxEdges, "analytics-max-edges", analytics.MaxEdgesSetting, analytics.DefaultMaxEdges, "most relationships in the subgraph a centrality, community or broker computation reads (a larger one answers 422)")
}

func (c dbConfig) check() error {
	u, err := url.Parse(c.uri)
	if err != nil || u.Host == "" {
		return usageError{fmt.Sprintf("NEO4J_URI %q is not a URI; want e.g. bolt://127.0.0.1:7687 or neo4j+s://xxxx.databases.neo4j.io", c.uri)}
	}
	switch u.Scheme {
	case "bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc":
	default:
		return usageError{fmt.Sprintf("NEO4J_URI scheme %q is not one of bolt, bolt+s, bolt+ssc, neo4j, neo4j+s, neo4j+ssc", u.Scheme)}
	}
	if c.timeout <= 0 {
		return usageError{"query timeout must be positive"}
	}
	if c.importTimeout <= 0 {
		return usageError{"import timeout must be positive"}
	}
	if c.maxDepth < 1 || c.maxDepth > 12 {
		return usageError{fmt.Sprintf("max depth %d is out of range; want 1-12", c.maxDepth)}
	}
	if c.maxResults < 1 || c.maxResults > 1_000_000 {
		return usageError{fmt.Sprintf("max results %d is out of range; want 1-1000000", c.maxResults)}
	}
	if c.maxEdges < 1 || c.maxEdges > 10_000_000 {
		return usageError{fmt.Sprintf("analytics max edges %d is out of range; want 1-10000000", c.maxEdges)}
	}
	return nil
}

func (c dbConfig) limits() graph.Limits {
	l := graph.DefaultLimits
	l.MaxDepth, l.MaxResults = c.maxDepth, c.maxResults
	l.DefaultDepth = min(l.DefaultDepth, c.maxDepth)
	return l
}

// driver opens a driver; it fails fast when Neo4j is down so that callers
// can answer 503 instead of waiting out retries.
func (c dbConfig) driver() (neo4j.DriverWithContext, error) {
	return neo4j.NewDriverWithContext(c.uri, neo4j.BasicAuth(c.user, c.password, ""), func(cfg *neo4jconfig.Config) {
		cfg.MaxTransactionRetryTime = 2 * time.Second
		cfg.ConnectionAcquisitionTimeout = 5 * time.Second
		cfg.SocketConnectTimeout = 2 * time.Second
		cfg.MaxConnectionPoolSize = 100
	})
}

// connect opens a driver and checks Neo4j answers with these credentials.
func (c dbConfig) connect(ctx context.Context) (neo4j.DriverWithContext, error) {
	if err := c.check(); err != nil {
		return nil, err
	}
	d, err := c.driver()
	if err != nil {
		return nil, usageError{"neo4j: " + err.Error()}
	}
	if err := verify(ctx, d); err != nil {
		d.Close(ctx)
		return nil, err
	}
	return d, nil
}

// verify checks connectivity; a rejected login is a config error in one line.
func verify(ctx context.Context, d neo4j.DriverWithContext) error {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	err := d.VerifyConnectivity(ctx)
	if err == nil {
		return nil
	}
	if isAuthError(err) {
		return usageError{"neo4j rejected the login: check NEO4J_USER and NEO4J_PASSWORD"}
	}
	return fmt.Errorf("neo4j is not reachable: %v", oneLine(err))
}

func isAuthError(err error) bool {
	var ne *neo4j.Neo4jError
	var ie *neo4j.InvalidAuthenticationError
	return errors.As(err, &ie) || errors.As(err, &ne) && ne.Category() == "Security"
}

func oneLine(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}

// openStore connects, ensures the schema and returns a store for a one-shot
// command; close releases the driver.
func (c dbConfig) openStore(ctx context.Context) (store *cypher.Store, close func(), err error) {
	driver, err := c.connect(ctx)
	if err != nil {
		return nil, nil, err
	}
	close = func() { driver.Close(context.WithoutCancel(ctx)) }
	store = c.store(driver, nil)
	if err := store.EnsureSchema(ctx); err != nil {
		close()
		return nil, nil, err
	}
	return store, close, nil
}

func (c dbConfig) store(d neo4j.DriverWithContext, observe func(string) func(error)) *cypher.Store {
	return cypher.New(d, cypher.Options{Database: c.database, Timeout: c.timeout, ImportTimeout: c.importTimeout, Limits: c.limits(), Observe: observe})
}
