package testkit

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/actorgraph/actorgraph/cypher"
	"github.com/actorgraph/actorgraph/data"
	"github.com/actorgraph/actorgraph/dataset"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/handlers"
	"github.com/actorgraph/actorgraph/internal/testhook"
	"github.com/actorgraph/actorgraph/web"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Server is an actorgraph HTTP server (the API and the explorer) over a
// test Neo4j, listening on a loopback port.
type Server struct {
	URL     string // e.g. http://127.0.0.1:41234
	APIKey  string // the key POST /api/v1/import takes
	Store   *cypher.Store
	Metrics *handlers.Metrics
	srv     *httptest.Server
	driver  neo4j.DriverWithContext // its own, when WithOwnDriver
}

// WithImportMaxRecords sets the most records one import request may hold, as
// ACTORGRAPH_IMPORT_MAX_RECORDS does.
func WithImportMaxRecords(n int) Option { return func(c *serverConfig) { c.importMax = n } }

// Option changes how StartServer configures actorgraph.
type Option func(*serverConfig)

type serverConfig struct {
	apiKey           string
	apiKeys          map[string]string
	clearances       map[string]graph.Marking
	maxBody          int64
	timeout          time.Duration
	limits           graph.Limits
	log              io.Writer
	delay            func(statement string) time.Duration
	edges            int
	exactBetweenness int
	// importMax is handlers.Config.ImportMaxRecords.
	importMax int
	own       bool
}

// WithAPIKey sets the import API key (default "testkit-key").
func WithAPIKey(k string) Option { return func(c *serverConfig) { c.apiKey = k } }

// WithAPIKeys adds named keys (name -> key), as ACTORGRAPH_API_KEYS does.
func WithAPIKeys(keys map[string]string) Option { return func(c *serverConfig) { c.apiKeys = keys } }

// WithKeyClearances sets the named keys' read clearances (name ->
// marking), as the third field of ACTORGRAPH_API_KEYS does; a key without
// one has full clearance.
func WithKeyClearances(m map[string]graph.Marking) Option {
	return func(c *serverConfig) { c.clearances = m }
}

// WithMaxBody bounds request bodies, as ACTORGRAPH_MAX_BODY does (default 64 MiB).
func WithMaxBody(n int64) Option { return func(c *serverConfig) { c.maxBody = n } }

// WithQueryTimeout sets the time limit of one request (default 30 s: a test
// machine shared with other work can take seconds to plan a first query,
// and every statement of a request shares the limit).
func WithQueryTimeout(d time.Duration) Option { return func(c *serverConfig) { c.timeout = d } }

// WithLimits sets the query bounds (default graph.DefaultLimits).
func WithLimits(l graph.Limits) Option { return func(c *serverConfig) { c.limits = l } }

// WithStatementDelay holds each read statement of a request back by
// delay(name) before it runs: requests whose statements each finish under
// the limit while their sum does not.
func WithStatementDelay(delay func(statement string) time.Duration) Option {
	return func(c *serverConfig) { c.delay = delay }
}

// WithAnalyticsMaxEdges bounds the subgraphs of the analytics routes, as
// ACTORGRAPH_ANALYTICS_MAX_EDGES does (default analytics.DefaultMaxEdges).
func WithAnalyticsMaxEdges(n int) Option { return func(c *serverConfig) { c.edges = n } }

// WithOwnDriver gives the server a driver of its own (closed by Close),
// as a second `actorgraph serve` on the same Neo4j has: nothing but the
// database is shared with other servers.
func WithOwnDriver() Option { return func(c *serverConfig) { c.own = true } }

// WithExactBetweennessNodes bounds exact betweenness on the centrality
// route, as ACTORGRAPH_ANALYTICS_EXACT_BETWEENNESS_NODES does (default
// analytics.DefaultExactBetweennessNodes).
func WithExactBetweennessNodes(n int) Option { return func(c *serverConfig) { c.exactBetweenness = n } }

// WithLog sends the JSON access log to w (default: discarded).
func WithLog(w io.Writer) Option { return func(c *serverConfig) { c.log = w } }

// NewStore returns a store over n with the schema ensured.
func (n *Neo4j) NewStore(ctx context.Context, opt cypher.Options) (*cypher.Store, error) {
	s := cypher.New(n.Driver, opt)
	return s, s.EnsureSchema(ctx)
}

// StartServer starts actorgraph over n, wired as `actorgraph serve` wires it.
// Close it when done.
func StartServer(ctx context.Context, n *Neo4j, opts ...Option) (*Server, error) {
	c := serverConfig{apiKey: "testkit-key", timeout: 30 * time.Second, limits: graph.DefaultLimits, log: io.Discard}
	for _, o := range opts {
		o(&c)
	}
	metrics := handlers.NewMetrics()
	driver := n.Driver
	if c.own {
		var err error
		if driver, err = neo4j.NewDriverWithContext(n.BoltURL, neo4j.BasicAuth(n.User, n.Password, "")); err != nil {
			return nil, err
		}
	}
	store := cypher.New(driver, cypher.Options{Timeout: c.timeout, Limits: c.limits, Observe: metrics.ObserveQuery})
	if err := store.EnsureSchema(ctx); err != nil {
		if c.own {
			_ = driver.Close(context.Background())
		}
		return nil, err
	}
	router, err := handlers.New(handlers.Config{Store: store, Limits: c.limits, APIKey: c.apiKey,
		APIKeys: c.apiKeys, KeyClearances: c.clearances, MaxBody: c.maxBody, ImportMaxRecords: c.importMax, Metrics: metrics,
		Logger: slog.New(slog.NewJSONHandler(c.log, nil)), Web: web.Handler(), QueryTimeout: c.timeout,
		AnalyticsMaxEdges: c.edges, ExactBetweennessNodes: c.exactBetweenness})
	if err != nil {
		return nil, err
	}
	var h http.Handler = router
	if c.delay != nil {
		// The hook travels in each request's context, which the handlers
		// hand to the store.
		h = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			router.ServeHTTP(w, r.WithContext(testhook.WithStatementDelay(r.Context(), c.delay)))
		})
	}
	srv := httptest.NewServer(h)
	s := &Server{URL: srv.URL, APIKey: c.apiKey, Store: store, Metrics: metrics, srv: srv}
	if c.own {
		s.driver = driver
	}
	return s, nil
}

// Close stops the server (and closes its driver when it has its own).
func (s *Server) Close() {
	s.srv.Close()
	if s.driver != nil {
		_ = s.driver.Close(context.Background())
	}
}

// LoadCrocus imports the bundled Crocus City Hall data set into n.
func (n *Neo4j) LoadCrocus(ctx context.Context) error {
	d, err := data.Crocus()
	if err != nil {
		return err
	}
	_, err = n.Import(ctx, d)
	return err
}

// Load imports a data-set file (JSON, or nodes.csv/edges.csv) into n.
func (n *Neo4j) Load(ctx context.Context, path string) (graph.ImportReport, error) {
	d, err := dataset.ReadFile(path)
	if err != nil {
		return graph.ImportReport{}, err
	}
	return n.Import(ctx, d)
}

// Import validates and imports d into n, all or nothing.
func (n *Neo4j) Import(ctx context.Context, d *graph.DataSet) (graph.ImportReport, error) {
	s, err := n.NewStore(ctx, cypher.Options{})
	if err != nil {
		return graph.ImportReport{}, err
	}
	return s.Import(ctx, d, nil)
}

// Counts returns the number of nodes and relationships in n.
func (n *Neo4j) Counts(ctx context.Context) (nodes, rels int64, err error) {
	return cypher.New(n.Driver, cypher.Options{}).Counts(ctx)
}
