package handlers

import (
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

const (
	requestIDKey  = "requestID"
	errorClassKey = "errorClass"
	loggerKey     = "logger"
)

// Config wires the API.
type Config struct {
	Store  Store
	Limits graph.Limits
	// APIKey guards POST /api/v1/import; empty disables imports over HTTP.
	APIKey string
	// APIKeys are named keys (name -> key); the name is recorded in the
	// history of every change the key makes.
	APIKeys map[string]string
	// KeyClearances are the named keys' read clearances (name -> marking;
	// a key without one has full clearance), from ParseKeyClearances.
	KeyClearances map[string]graph.Marking
	// AnonymousClearance is what a request without a key may read
	// (ACTORGRAPH_ANONYMOUS_CLEARANCE); "" is DefaultAnonymousClearance.
	AnonymousClearance graph.Marking
	// RequireKeyForReads makes every /api/v1 route need a key
	// (ACTORGRAPH_REQUIRE_KEY_FOR_READS).
	RequireKeyForReads bool
	// MaxBody bounds request bodies (imports); 0 means 64 MiB.
	MaxBody int64
	// ImportMaxRecords bounds the records (nodes and edges) of one import
	// request, which is written in one transaction: past it the request is
	// answered 413, before the database is asked; 0 means
	// DefaultImportMaxRecords.
	ImportMaxRecords int
	Logger           *slog.Logger
	Metrics          *Metrics
	// TrustedProxies are the proxies whose X-Forwarded-For is believed; nil trusts none.
	TrustedProxies []string
	// Web serves the explorer page and its assets; nil serves none.
	Web http.Handler
	// QueryTimeout bounds each GET request as a whole: every statement it
	// runs, the mapping of their rows and the start of rendering share one
	// deadline (past it: 504). 0 leaves each store call to its own limit.
	QueryTimeout time.Duration
	// AnalyticsMaxEdges bounds the relationships of the subgraph an
	// analytics route computes over (ACTORGRAPH_ANALYTICS_MAX_EDGES); 0 is
	// analytics.DefaultMaxEdges.
	AnalyticsMaxEdges int
	// ExactBetweennessNodes is the most entities the centrality route
	// computes exact betweenness over (ACTORGRAPH_ANALYTICS_EXACT_BETWEENNESS_NODES);
	// 0 is analytics.DefaultExactBetweennessNodes.
	ExactBetweennessNodes int
	// Readiness gates /readyz during start-up; nil is ready once the
	// database answers.
	Readiness *Readiness
}

// DefaultImportMaxRecords is the default of Config.ImportMaxRecords. One
// import transaction must fit Neo4j's transaction memory (70 % of the heap by
// default): with a 2 GiB heap 125,000 records (25k nodes, 100k relationships
// and their history) fit and 250,000 did not (BENCHMARKS.md), so 100,000
// leaves room; a smaller heap wants a smaller limit.
const DefaultImportMaxRecords = 100_000

// New returns the API's router.
func New(cfg Config) (*gin.Engine, error) {
	if cfg.Limits.MaxDepth == 0 {
		cfg.Limits = graph.DefaultLimits
	}
	if cfg.MaxBody == 0 {
		cfg.MaxBody = 64 << 20
	}
	if cfg.ImportMaxRecords <= 0 {
		cfg.ImportMaxRecords = DefaultImportMaxRecords
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Metrics == nil {
		cfg.Metrics = NewMetrics()
	}
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.ContextWithFallback = true
	r.HandleMethodNotAllowed = true
	if err := r.SetTrustedProxies(cfg.TrustedProxies); err != nil {
		return nil, err
	}
	r.Use(func(c *gin.Context) { c.Set(loggerKey, cfg.Logger) }, requestID, accessLog(cfg.Logger), cfg.Metrics.middleware,
		gin.CustomRecovery(recovered), strictQuery)
	a := &api{store: cfg.Store, ready: cfg.Readiness, log: cfg.Logger, lim: cfg.Limits, apiKey: cfg.APIKey,
		apiKeys: cfg.APIKeys, maxBody: cfg.MaxBody, maxRecords: cfg.ImportMaxRecords, metrics: cfg.Metrics,
		maxEdges: cfg.AnalyticsMaxEdges, exactBetweenness: cfg.ExactBetweennessNodes}
	r.GET("/healthz", a.healthz)
	r.GET("/readyz", a.readyz)
	r.GET("/metrics", gin.WrapH(promhttp.HandlerFor(cfg.Metrics.Registry, promhttp.HandlerOpts{})))
	r.GET("/openapi.yaml", a.openapi)
	if cfg.AnonymousClearance == "" {
		cfg.AnonymousClearance = DefaultAnonymousClearance
	}
	rd := &readers{apiKey: cfg.APIKey, keys: cfg.APIKeys, clearances: cfg.KeyClearances,
		anonymous: cfg.AnonymousClearance, requireKey: cfg.RequireKeyForReads}
	v1 := r.Group("/api/v1", rd.middleware, bookmarks, limit(cfg.QueryTimeout))
	v1.GET("/schema", a.schema)
	v1.GET("/search", a.search)
	v1.GET("/entities/:id", a.entity)
	v1.GET("/entities/:id/neighbors", a.neighbors)
	v1.GET("/paths/shortest", a.shortestPaths)
	v1.GET("/paths", a.rankedPaths)
	v1.GET("/paths/brokers", a.brokers)
	v1.GET("/analytics/centrality", a.centrality)
	v1.GET("/analytics/communities", a.communities)
	v1.GET("/graph", a.graph)
	v1.GET("/timeline", a.timeline)
	v1.POST("/import", a.importData)
	v1.GET("/export/stix", a.exportSTIX)
	if ss, ok := cfg.Store.(SourceStore); ok {
		a.sources = ss
		v1.GET("/sources/:id", a.source)
		v1.POST("/sources", a.ingestSource)
		v1.GET("/candidates", a.candidates)
		v1.POST("/candidates/:id/accept", a.accept)
		v1.POST("/candidates/groups/accept", a.acceptGroup)
		v1.POST("/candidates/groups/reject", a.rejectGroup)
		v1.POST("/candidates/:id/reject", a.reject)
		v1.GET("/entities/:id/history", a.entityHistory)
		v1.GET("/edges/:id/history", a.edgeHistory)
		v1.POST("/edges/:id/retract", a.retract)
	}
	r.NoMethod(func(c *gin.Context) {
		abort(c, http.StatusMethodNotAllowed, "method_not_allowed", c.Request.Method+" is not allowed on "+c.Request.URL.Path)
	})
	r.NoRoute(func(c *gin.Context) {
		// The explorer owns every GET path outside /api, so Gin's router needs
		// no catch-all that would collide with the API's routes.
		if cfg.Web != nil && !strings.HasPrefix(c.Request.URL.Path, "/api/") &&
			(c.Request.Method == http.MethodGet || c.Request.Method == http.MethodHead) {
			cfg.Web.ServeHTTP(c.Writer, c.Request)
			return
		}
		abort(c, http.StatusNotFound, "no_route", "no route "+c.Request.Method+" "+c.Request.URL.Path+"; see /openapi.yaml")
	})
	return r, nil
}

// strictQuery rejects a query string Go would partly drop (a ';', a bad
// escape), so no parameter is ignored without the caller knowing.
func strictQuery(c *gin.Context) {
	if _, err := url.ParseQuery(c.Request.URL.RawQuery); err != nil {
		abort(c, http.StatusBadRequest, "invalid", "malformed query string: "+err.Error()+
			"; separate parameters with & and percent-encode the rest")
		return
	}
	c.Next()
}

func recovered(c *gin.Context, err any) {
	logger(c).ErrorContext(c.Request.Context(), "panic", "err", err, "path", c.Request.URL.Path, "request_id",
		c.GetString(requestIDKey))
	abort(c, http.StatusInternalServerError, "internal", "internal error; the request id is in the X-Request-ID header")
}

// requestID keeps a caller's X-Request-ID when it is sane, else makes one.
func requestID(c *gin.Context) {
	id := c.GetHeader("X-Request-ID")
	if id == "" || len(id) > 64 || strings.ContainsFunc(id, func(r rune) bool { return r < '!' || r > '~' }) {
		var b [8]byte
		_, _ = rand.Read(b[:])
		id = hex.EncodeToString(b[:])
	}
	c.Set(requestIDKey, id)
	c.Header("X-Request-ID", id)
	c.Next()
}

// accessLog logs every request. A response cut short after its status went
// out is logged at warn level with its stream_error, and its connection is
// then closed without ending the body properly, so the client can tell.
func accessLog(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		level, attrs := slog.LevelInfo, []slog.Attr(nil)
		streamErr := c.GetString(streamErrorKey)
		if streamErr != "" {
			level, attrs = slog.LevelWarn, append(attrs, slog.String("stream_error", streamErr))
		}
		if !log.Enabled(c.Request.Context(), level) {
			// ACTORGRAPH_LOG_LEVEL=warn: the attributes below are not built.
			if streamErr != "" {
				panic(http.ErrAbortHandler)
			}
			return
		}
		log.LogAttrs(c.Request.Context(), level, "request", append(attrs,
			slog.String("method", c.Request.Method),
			slog.String("path", c.Request.URL.Path),
			slog.String("route", c.FullPath()),
			slog.Int("status", c.Writer.Status()),
			slog.Int("bytes", c.Writer.Size()),
			slog.Float64("ms", float64(time.Since(start).Microseconds())/1000),
			slog.String("client", c.ClientIP()),
			slog.String("request_id", c.GetString(requestIDKey)))...)
		if streamErr != "" {
			// net/http closes the connection and does not log this panic.
			panic(http.ErrAbortHandler)
		}
	}
}
