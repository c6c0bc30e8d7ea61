package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/cmd/internal/cli"
	"github.com/actorgraph/actorgraph/cypher"
	"github.com/actorgraph/actorgraph/data"
	"github.com/actorgraph/actorgraph/dataset"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/handlers"
	"github.com/actorgraph/actorgraph/stix"
	"github.com/actorgraph/actorgraph/web"
)

type serveConfig struct {
	db                      cli.DB
	addr, apiKey, loadEmpty string
	apiKeys                 string
	anonymousClearance      string
	requireKeyForReads      bool
	proxies, logLevel       string
	pprofAddr               string
	maxBody                 int
	importMaxRecords        int
	shutdownGrace           time.Duration
}

// serve runs the HTTP API and the explorer until ctx ends, then shuts down
// within the grace period.
func serve(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	c, err := parseServe(args, getenv, stderr)
	if err != nil {
		return err
	}
	keys, err := handlers.ParseAPIKeys(c.apiKeys)
	if err != nil {
		return cli.UsageError(err.Error())
	}
	clearances, err := handlers.ParseKeyClearances(c.apiKeys)
	if err != nil {
		return cli.UsageError(err.Error())
	}
	anonymous, err := graph.ParseMarking(c.anonymousClearance)
	if err != nil {
		return cli.UsageError("ACTORGRAPH_ANONYMOUS_CLEARANCE: " + err.Error())
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(c.logLevel)); err != nil {
		return cli.UsageError(fmt.Sprintf("log level %q: want debug, info, warn or error", c.logLevel))
	}
	log := slog.New(slog.NewJSONHandler(stdout, &slog.HandlerOptions{Level: level}))
	slog.SetDefault(log)

	driver, err := c.db.Driver()
	if err != nil {
		return cli.UsageError("neo4j: " + err.Error())
	}
	defer driver.Close(context.WithoutCancel(ctx))
	// A rejected login is a config error: stop now. An unreachable database is
	// not: serve, answer 503 on /readyz, and set up once it is back.
	if err := cli.Verify(ctx, driver); err != nil {
		var ue cli.UsageError
		if errors.As(err, &ue) {
			return err
		}
		log.Warn("neo4j not reachable yet; serving, /readyz answers 503 until it is", "err", cli.OneLine(err))
	}
	metrics := handlers.NewMetrics()
	store := c.db.Store(driver, metrics.ObserveQuery)
	// /readyz answers 503 until the schema is ensured and the start-up data
	// set is loaded: before that, the API would answer from an empty graph.
	gate := handlers.NewReadiness("ensuring the schema")
	router, err := handlers.New(handlers.Config{Store: store, Limits: c.db.Limits(), APIKey: c.apiKey, APIKeys: keys,
		KeyClearances: clearances, AnonymousClearance: anonymous, RequireKeyForReads: c.requireKeyForReads,
		MaxBody: int64(c.maxBody), ImportMaxRecords: c.importMaxRecords, Logger: log, Metrics: metrics,
		TrustedProxies: splitComma(c.proxies), Web: web.Handler(),
		QueryTimeout: c.db.Timeout, Readiness: gate, AnalyticsMaxEdges: c.db.MaxEdges,
		ExactBetweennessNodes: c.db.ExactBetweennessNodes})
	if err != nil {
		return cli.UsageError("trusted proxies: " + err.Error())
	}
	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		return cli.UsageError(fmt.Sprintf("cannot listen on %s: %v", c.addr, err))
	}
	if err := servePprof(ctx, log, c.pprofAddr); err != nil {
		return err
	}
	srv := &http.Server{Handler: router, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 120 * time.Second}
	go bootstrap(ctx, log, store, c.loadEmpty, gate)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.Info("serving", "addr", ln.Addr().String(), "neo4j", c.db.URI, "explorer", "http://"+displayAddr(ln.Addr()))
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down", "grace", c.shutdownGrace.String())
	sctx, cancel := context.WithTimeout(context.Background(), c.shutdownGrace)
	defer cancel()
	return srv.Shutdown(sctx)
}

// parseServe reads serve's flags and checks the Neo4j settings.
func parseServe(args []string, getenv func(string) string, stderr io.Writer) (serveConfig, error) {
	var c serveConfig
	f := cli.NewFlags("serve", "actorgraph serve: the HTTP API (/api/v1, /openapi.yaml, /healthz, "+
		"/readyz, /metrics) and the explorer at /.", getenv, stderr)
	f.DB(&c.db)
	f.Str(&c.addr, "addr", "ACTORGRAPH_ADDR", ":8080", "listen address")
	f.Str(&c.apiKey, "api-key", "ACTORGRAPH_API_KEY", "",
		"key that the write routes (import, sources, accept/reject, retract) require (empty and no "+
			"api-keys: HTTP writes disabled)")
	f.Str(&c.apiKeys, "api-keys", "ACTORGRAPH_API_KEYS", "",
		"named keys, name:key or name:key:clearance,... (the name goes into the history of every change; "+
			"the clearance, a TLP marking, bounds what the key reads: none is full clearance)")
	f.Str(&c.anonymousClearance, "anonymous-clearance", "ACTORGRAPH_ANONYMOUS_CLEARANCE",
		string(handlers.DefaultAnonymousClearance),
		"the TLP marking a request without a key may read up to: clear, green, amber, amber+strict or red")
	f.Flag(&c.requireKeyForReads, "require-key-for-reads", "ACTORGRAPH_REQUIRE_KEY_FOR_READS", false,
		"every /api/v1 route needs an API key (401 without one)")
	f.Str(&c.loadEmpty, "load-if-empty", "ACTORGRAPH_LOAD_IF_EMPTY", "",
		"data set to load when the database has no entities: a file, or 'crocus' for the bundled set")
	f.Str(&c.proxies, "trusted-proxies", "ACTORGRAPH_TRUSTED_PROXIES", "",
		"comma-separated proxy addresses/CIDRs whose X-Forwarded-For is trusted (empty: none)")
	f.Str(&c.logLevel, "log-level", "ACTORGRAPH_LOG_LEVEL", "info", "debug, info, warn or error")
	f.Str(&c.pprofAddr, "pprof-addr", "ACTORGRAPH_PPROF_ADDR", "",
		"serve Go's profiler (/debug/pprof/) on this address, e.g. 127.0.0.1:6060 (empty: off; never expose it)")
	f.Num(&c.maxBody, "max-body", "ACTORGRAPH_MAX_BODY", 64<<20, "largest request body in bytes (imports)")
	f.Num(&c.importMaxRecords, "import-max-records", "ACTORGRAPH_IMPORT_MAX_RECORDS", handlers.DefaultImportMaxRecords,
		"most records (nodes + edges) of one POST /api/v1/import, written in one transaction; larger sets "+
			"answer 413 (use actorgraph import --chunked or load --bulk)")
	f.Dur(&c.shutdownGrace, "shutdown-grace", "ACTORGRAPH_SHUTDOWN_GRACE", 10*time.Second,
		"how long in-flight requests may finish on SIGTERM/SIGINT")
	if err := f.Parse(args); err != nil {
		return c, err
	}
	if f.NArg() > 0 {
		return c, cli.UsageError("serve takes no arguments, only flags; got " + strings.Join(f.Args(), " "))
	}
	if err := c.db.Check(); err != nil {
		return c, err
	}
	return c, nil
}

func displayAddr(a net.Addr) string {
	s := a.String()
	if strings.HasPrefix(s, "[::]") {
		return "localhost" + strings.TrimPrefix(s, "[::]")
	}
	return s
}

func splitComma(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// beforeLoad runs just before the start-up data set is imported (a test
// hook: it holds the load back while a test looks at /readyz).
var beforeLoad = func(ctx context.Context) {}

// bootstrap ensures the schema and loads the start-up data set once Neo4j
// answers, retrying while it does not; then it opens the readiness gate.
func bootstrap(ctx context.Context, log *slog.Logger, store *cypher.Store, load string, gate *handlers.Readiness) {
	for attempt := 0; ; attempt++ {
		err := setup(ctx, log, store, load, gate)
		if err == nil {
			gate.Ready()
			log.Info("ready")
			return
		}
		if ctx.Err() != nil {
			return
		}
		var stop errStop
		if errors.As(err, &stop) {
			gate.NotReady(stop.reason)
			return
		}
		gate.NotReady(gate.Reason() + ": waiting for neo4j: " + cli.OneLine(err))
		if attempt%10 == 0 {
			log.Warn("database setup waiting for neo4j", "err", cli.OneLine(err))
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Second):
		}
	}
}

// setup ensures the schema and loads the start-up data set, saying on gate
// which step it is at. A data set that cannot be loaded (bad file, invalid
// data) is logged and leaves the gate saying so: retrying will not mend it.
func setup(ctx context.Context, log *slog.Logger, store *cypher.Store, load string, gate *handlers.Readiness) error {
	gate.NotReady("ensuring the schema")
	if err := store.EnsureSchema(ctx); err != nil {
		return err
	}
	log.Info("schema ensured")
	if load == "" {
		return nil
	}
	gate.NotReady("loading data set " + load + ": counting what the database holds")
	nodes, _, err := store.Counts(ctx)
	if err != nil || nodes > 0 {
		if nodes > 0 {
			log.Info("database has data; not loading", "nodes", nodes, "dataset", load)
		}
		return err
	}
	d, _, err := readDataSets([]string{load}, stix.Options{})
	if err != nil {
		log.Error("cannot read the start-up data set", "dataset", load, "err", err)
		return errStop{"loading data set " + load + " failed: " + cli.OneLine(err)}
	}
	gate.NotReady(fmt.Sprintf("loading data set %s: importing %d nodes and %d edges", load, len(d.Nodes), len(d.Edges)))
	beforeLoad(ctx)
	rep, err := store.Import(ctx, d, nil)
	if err != nil {
		var ve *graph.ValidationError
		if errors.As(err, &ve) {
			log.Error("start-up data set is invalid", "dataset", load, "err", err)
			return errStop{"loading data set " + load + " failed: " + cli.OneLine(err)}
		}
		return err
	}
	log.Info("loaded data set", "dataset", load, "nodes_created", rep.Nodes.Created, "edges_created",
		rep.Edges.Created, "seconds", rep.Seconds)
	return nil
}

// errStop ends start-up without readiness: retrying will not mend it.
type errStop struct{ reason string }

func (e errStop) Error() string { return e.reason }

// readDataSets reads and merges data-set files; "crocus" names the bundled
// set; opt is how STIX bundles among them are read.
func readDataSets(paths []string, opt stix.Options) (*graph.DataSet, *stix.Result, error) {
	all := &graph.DataSet{File: strings.Join(paths, ", ")}
	res := &stix.Result{Skipped: map[string]int{}}
	for _, p := range paths {
		var d *graph.DataSet
		var err error
		if p == "crocus" {
			d, err = data.Crocus()
		} else {
			d, err = readFile(p, opt, res)
		}
		if err != nil {
			return nil, nil, err
		}
		all.Merge(d)
	}
	return all, res, nil
}

// readFile reads a data set file, or a STIX 2.1 bundle (a .json file whose
// top-level "type" is "bundle"), adding what a bundle could not map to all.
func readFile(path string, opt stix.Options, all *stix.Result) (*graph.DataSet, error) {
	if !strings.EqualFold(filepath.Ext(path), ".json") {
		return dataset.ReadFile(path)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if !dataset.IsSTIXBundle(b) {
		return dataset.ReadFile(path)
	}
	d, res, err := stix.ReadBytes(b, path, opt)
	if err != nil {
		return nil, err
	}
	for k, n := range res.Skipped {
		all.Skipped[k] += n
	}
	all.Unresolved = append(all.Unresolved, res.Unresolved...)
	return d, nil
}
