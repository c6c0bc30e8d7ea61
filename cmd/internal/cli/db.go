package cli

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/actorgraph/actorgraph/analytics"
	"github.com/actorgraph/actorgraph/cypher"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	neo4jconfig "github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
)

// DB is how to reach Neo4j and the store's bounds; every command that talks
// to it shares it.
type DB struct {
	URI, User, Password, Database string
	Timeout, ImportTimeout        time.Duration
	MaxDepth, MaxResults          int
	MaxEdges                      int // of an analytics subgraph
	ExactBetweennessNodes         int // above it, betweenness is estimated
	// DefaultMarking is the TLP marking of imported records that carry
	// none (ACTORGRAPH_DEFAULT_MARKING, default clear).
	DefaultMarking string
}

// DB binds the Neo4j flags, the time limits and the query bounds to c.
func (f *Flags) DB(c *DB) {
	f.ImportDB(c)
	f.Dur(&c.Timeout, "query-timeout", "ACTORGRAPH_QUERY_TIMEOUT", 10*time.Second,
		"time limit of one read request as a whole: all its statements and the start of its answer "+
			"(a longer one answers 504)")
	f.Num(&c.MaxDepth, "depth-limit", "ACTORGRAPH_MAX_DEPTH", graph.DefaultLimits.MaxDepth,
		"largest maxDepth a path query may ask for (1-12)")
	f.Num(&c.MaxResults, "result-limit", "ACTORGRAPH_MAX_RESULTS", graph.DefaultLimits.MaxResults,
		"most nodes one graph answer may hold")
	f.Num(&c.MaxEdges, "analytics-max-edges", analytics.MaxEdgesSetting, analytics.DefaultMaxEdges,
		"most relationships in the subgraph a centrality, community or broker computation reads "+
			"(a larger one answers 422)")
	f.Num(&c.ExactBetweennessNodes, "analytics-exact-betweenness-nodes", analytics.ExactBetweennessSetting,
		analytics.DefaultExactBetweennessNodes,
		"most entities the centrality route computes exact betweenness over; above it betweenness is "+
			"estimated from sampled sources and the answer says so")
}

// ImportDB binds the flags of a command that only writes: the Neo4j flags
// and the import's time limit. The read limits keep their defaults.
func (f *Flags) ImportDB(c *DB) {
	c.Timeout, c.MaxDepth, c.MaxResults = 10*time.Second, graph.DefaultLimits.MaxDepth, graph.DefaultLimits.MaxResults
	c.MaxEdges = analytics.DefaultMaxEdges
	c.ExactBetweennessNodes = analytics.DefaultExactBetweennessNodes
	f.Str(&c.URI, "neo4j-uri", "NEO4J_URI", "bolt://127.0.0.1:7687",
		"Neo4j URI: bolt://, bolt+s://, neo4j:// or neo4j+s:// (routing: clusters, Aura)")
	f.Str(&c.User, "neo4j-user", "NEO4J_USER", "neo4j", "Neo4j user")
	f.Str(&c.Password, "neo4j-password", "NEO4J_PASSWORD", "actorgraph", "Neo4j password")
	f.Str(&c.Database, "neo4j-database", "NEO4J_DATABASE", "", "Neo4j database (empty: the server's default)")
	f.Dur(&c.ImportTimeout, "import-timeout", "ACTORGRAPH_IMPORT_TIMEOUT", 30*time.Minute,
		"time limit of one import: its look-ups and its write transaction")
	f.Str(&c.DefaultMarking, "default-marking", "ACTORGRAPH_DEFAULT_MARKING", string(graph.DefaultMarking),
		"TLP 2.0 marking of imported records that carry none: clear, green, amber, amber+strict or red")
}

// Check says, as a UsageError, what is wrong with c.
func (c DB) Check() error {
	u, err := url.Parse(c.URI)
	if err != nil || u.Host == "" {
		return UsageError(fmt.Sprintf("NEO4J_URI %q is not a URI; want e.g. bolt://127.0.0.1:7687 or "+
			"neo4j+s://xxxx.databases.neo4j.io", c.URI))
	}
	switch u.Scheme {
	case "bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc":
	default:
		return UsageError(fmt.Sprintf("NEO4J_URI scheme %q is not one of bolt, bolt+s, bolt+ssc, "+
			"neo4j, neo4j+s, neo4j+ssc", u.Scheme))
	}
	if c.Timeout <= 0 {
		return UsageError("query timeout must be positive")
	}
	if c.ImportTimeout <= 0 {
		return UsageError("import timeout must be positive")
	}
	if c.MaxDepth < 1 || c.MaxDepth > 12 {
		return UsageError(fmt.Sprintf("max depth %d is out of range; want 1-12", c.MaxDepth))
	}
	if c.MaxResults < 1 || c.MaxResults > 1_000_000 {
		return UsageError(fmt.Sprintf("max results %d is out of range; want 1-1000000", c.MaxResults))
	}
	if _, err := graph.ParseMarking(c.DefaultMarking); c.DefaultMarking != "" && err != nil {
		return UsageError("ACTORGRAPH_DEFAULT_MARKING: " + err.Error())
	}
	if c.MaxEdges < 1 || c.MaxEdges > 10_000_000 {
		return UsageError(fmt.Sprintf("analytics max edges %d is out of range; want 1-10000000", c.MaxEdges))
	}
	return nil
}

// Limits are the query bounds c sets.
func (c DB) Limits() graph.Limits {
	l := graph.DefaultLimits
	l.MaxDepth, l.MaxResults = c.MaxDepth, c.MaxResults
	l.DefaultDepth = min(l.DefaultDepth, c.MaxDepth)
	return l
}

// Driver opens a driver; it fails fast when Neo4j is down so that callers
// can answer 503 instead of waiting out retries.
func (c DB) Driver() (neo4j.DriverWithContext, error) {
	return neo4j.NewDriverWithContext(c.URI, neo4j.BasicAuth(c.User, c.Password, ""), func(cfg *neo4jconfig.Config) {
		cfg.MaxTransactionRetryTime = 2 * time.Second
		cfg.ConnectionAcquisitionTimeout = 5 * time.Second
		cfg.SocketConnectTimeout = 2 * time.Second
		cfg.MaxConnectionPoolSize = 100
	})
}

// Connect opens a driver and checks Neo4j answers with these credentials.
func (c DB) Connect(ctx context.Context) (neo4j.DriverWithContext, error) {
	if err := c.Check(); err != nil {
		return nil, err
	}
	d, err := c.Driver()
	if err != nil {
		return nil, UsageError("neo4j: " + err.Error())
	}
	if err := Verify(ctx, d); err != nil {
		d.Close(ctx)
		return nil, err
	}
	return d, nil
}

// Verify checks connectivity; a rejected login is a UsageError in one line.
func Verify(ctx context.Context, d neo4j.DriverWithContext) error {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	err := d.VerifyConnectivity(ctx)
	if err == nil {
		return nil
	}
	if IsAuthError(err) {
		return UsageError("neo4j rejected the login: check NEO4J_USER and NEO4J_PASSWORD")
	}
	return fmt.Errorf("neo4j is not reachable: %v", OneLine(err))
}

// IsAuthError reports whether Neo4j refused the credentials.
func IsAuthError(err error) bool {
	var ne *neo4j.Neo4jError
	var ie *neo4j.InvalidAuthenticationError
	return errors.As(err, &ie) || errors.As(err, &ne) && ne.Category() == "Security"
}

// OpenStore connects, ensures the schema and returns a store for a one-shot
// command; close releases the driver.
func (c DB) OpenStore(ctx context.Context) (store *cypher.Store, close func(), err error) {
	driver, err := c.Connect(ctx)
	if err != nil {
		return nil, nil, err
	}
	close = func() { driver.Close(context.WithoutCancel(ctx)) }
	store = c.Store(driver, nil)
	if err := store.EnsureSchema(ctx); err != nil {
		close()
		return nil, nil, err
	}
	return store, close, nil
}

// Store is a store over d with c's settings; observe, when set, sees each
// statement (for metrics).
func (c DB) Store(d neo4j.DriverWithContext, observe func(string) func(error)) *cypher.Store {
	return cypher.New(d, cypher.Options{Database: c.Database, Timeout: c.Timeout, ImportTimeout: c.ImportTimeout,
		Limits: c.Limits(), Observe: observe, DefaultMarking: c.Marking()})
}

// Marking is c's default marking of records that carry none; Check has
// refused a bad one.
func (c DB) Marking() graph.Marking {
	m, err := graph.ParseMarking(c.DefaultMarking)
	if err != nil {
		return graph.DefaultMarking
	}
	return m
}
