package handlers

import (
	"context"
	_ "embed"
	"errors"
	"log/slog"
	"net/http"

	"github.com/actorgraph/actorgraph/analytics"
	"github.com/actorgraph/actorgraph/format"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/gin-gonic/gin"
)

//go:embed openapi.yaml
var openapiYAML []byte

// OpenAPI is the API's OpenAPI 3 document.
func OpenAPI() []byte { return openapiYAML }

type api struct {
	store   Store
	sources SourceStore
	gaz     gazetteer
	ready   *Readiness
	log     *slog.Logger
	lim     graph.Limits
	apiKey  string
	apiKeys map[string]string
	maxBody int64
	metrics *Metrics
	// maxEdges bounds an analytics subgraph (0: analytics.DefaultMaxEdges).
	maxEdges int
	// maxRecords bounds the nodes and edges of one import request.
	maxRecords int
	// exactBetweenness bounds exact betweenness (0: the default).
	exactBetweenness int
}

func (a *api) healthz(c *gin.Context) {
	c.JSON(http.StatusOK, gin.H{"status": "ok"})
}

// readyz answers 503 with the reason while the service cannot answer: the
// database does not answer or refuses our credentials, or start-up (the
// schema, the start-up data set) is not done.
func (a *api) readyz(c *gin.Context) {
	if err := a.store.Ready(c.Request.Context()); err != nil {
		if errors.Is(err, graph.ErrAuth) {
			a.log.ErrorContext(c.Request.Context(), "neo4j authentication failed",
				"err", err, "request_id", c.GetString(requestIDKey))
			c.JSON(http.StatusServiceUnavailable, gin.H{"status": "unavailable", "code": "neo4j_auth",
				"reason": "authentication failed: Neo4j refuses the configured credentials (" + err.Error() +
					"); fix NEO4J_USER / NEO4J_PASSWORD and restart"})
			return
		}
		c.JSON(http.StatusServiceUnavailable,
			gin.H{"status": "unavailable", "code": "unavailable", "reason": "neo4j: " + err.Error()})
		return
	}
	if why := a.ready.Reason(); why != "" {
		c.JSON(http.StatusServiceUnavailable, gin.H{"status": "starting", "code": "starting", "reason": why})
		return
	}
	c.JSON(http.StatusOK, gin.H{"status": "ready"})
}

func (a *api) openapi(c *gin.Context) {
	c.Data(http.StatusOK, "application/yaml; charset=utf-8", openapiYAML)
}

func (a *api) schema(c *gin.Context) {
	if !noParams(c) {
		return
	}
	info, err := a.store.Schema(c.Request.Context())
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, info)
}

func (a *api) search(c *gin.Context) {
	q, err := ParseSearchQuery(c.Request.URL.Query(), a.lim)
	if err != nil {
		fail(c, err)
		return
	}
	res, err := a.store.Search(c.Request.Context(), q)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, res)
}

func (a *api) entity(c *gin.Context) {
	id := c.Param("id")
	if err := checkRef(id, a.lim); err != nil {
		fail(c, err)
		return
	}
	if !noParams(c) {
		return
	}
	d, err := a.store.Entity(c.Request.Context(), id)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, d)
}

func (a *api) neighbors(c *gin.Context) {
	id := c.Param("id")
	if err := checkRef(id, a.lim); err != nil {
		fail(c, err)
		return
	}
	f, ok := outputFormat(c)
	if !ok {
		return
	}
	q, err := ParseNeighborQuery(id, c.Request.URL.Query(), a.lim)
	if err != nil {
		fail(c, err)
		return
	}
	names, ok := a.annotations(c)
	if !ok {
		return
	}
	g, err := a.store.Neighbors(c.Request.Context(), q)
	if err == nil && len(names) > 0 {
		err = analytics.Annotate(c.Request.Context(), g, names, a.maxEdges)
	}
	if err != nil {
		fail(c, err)
		return
	}
	a.render(c, f, "actorgraph-neighbors", g)
}

func (a *api) shortestPaths(c *gin.Context) { a.paths(c, false) }
func (a *api) rankedPaths(c *gin.Context)   { a.paths(c, true) }

func (a *api) paths(c *gin.Context, ranked bool) {
	f, ok := outputFormat(c)
	if !ok {
		return
	}
	q, err := ParsePathQuery(c.Request.URL.Query(), a.lim, ranked)
	if err != nil {
		fail(c, err)
		return
	}
	ans, err := a.store.Paths(c.Request.Context(), q)
	if err != nil {
		fail(c, err)
		return
	}
	a.render(c, f, "actorgraph-paths", ans)
}

func (a *api) graph(c *gin.Context) {
	f, ok := outputFormat(c)
	if !ok {
		return
	}
	q, err := ParseGraphQuery(c.Request.URL.Query(), a.lim)
	if err != nil {
		fail(c, err)
		return
	}
	names, ok := a.annotations(c)
	if !ok {
		return
	}
	if !f.Streams() || len(names) > 0 {
		// A STIX bundle needs the Sources of the whole answer, annotations
		// the whole graph: built in memory.
		sg := &graph.Subgraph{}
		err := a.store.Graph(c.Request.Context(), q, &collector{g: sg})
		if err == nil && len(names) > 0 {
			err = analytics.Annotate(c.Request.Context(), sg, names, a.maxEdges)
		}
		if err != nil {
			fail(c, err)
			return
		}
		a.render(c, f, "actorgraph-graph", sg)
		return
	}
	a.stream(c, f, "actorgraph-graph", func(sink graph.Sink) error {
		return a.store.Graph(c.Request.Context(), q, sink)
	})
}

func (a *api) timeline(c *gin.Context) {
	q, err := ParseTimelineQuery(c.Request.URL.Query(), a.lim)
	if err != nil {
		fail(c, err)
		return
	}
	t, err := a.store.Timeline(c.Request.Context(), q)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, t)
}

// annotations reads annotate= (pagerank,community,...), answering 400 when
// it names something else.
func (a *api) annotations(c *gin.Context) ([]string, bool) {
	p := &params{v: c.Request.URL.Query()}
	names, err := analytics.ParseAnnotations(p.list("annotate"))
	if err == nil {
		err = p.err()
	}
	if err != nil {
		fail(c, err)
		return nil, false
	}
	return names, true
}

// checkRef bounds an id or name taken from the path.
func checkRef(ref string, lim graph.Limits) error {
	v := map[string][]string{"q": {ref}}
	_, err := ParseSearchQuery(v, lim)
	if err != nil {
		return graph.Invalid("id", ref,
			"want an id (group:is-k) or a name of at most "+itoa(int64(lim.MaxRefLen))+" printable bytes")
	}
	return nil
}

// noParams rejects query parameters on routes that take none.
func noParams(c *gin.Context) bool {
	for name := range c.Request.URL.Query() {
		fail(c, graph.Invalid(name, "", "unknown parameter; this route takes none"))
		return false
	}
	return true
}

// outputFormat reads format=, answering 400 when it is unknown.
func outputFormat(c *gin.Context) (format.Format, bool) {
	vs := c.Request.URL.Query()["format"]
	if len(vs) > 1 {
		fail(c, graph.Invalid("format", "", "given more than once; give it once"))
		return "", false
	}
	s := ""
	if len(vs) == 1 {
		s = vs[0]
	}
	f, err := format.Parse(s)
	if err == nil {
		// gexfVersion=1.3 asks for GEXF 1.3 instead of the default 1.2draft.
		f, err = format.WithGEXFVersion(f, c.Query("gexfVersion"))
	}
	if err != nil {
		fail(c, err)
		return "", false
	}
	return f, true
}

// render streams v in format f; other formats than json are downloads. It
// starts only while the request is within its limit (else 504), and stops
// writing when the limit passes. Once the body has started its status cannot
// change: the stream is cut short (the document left unterminated, the
// connection closed without the final chunk) and the access log and
// /metrics record it. A format that carries the cited Sources (STIX) gets
// them from the store first.
func (a *api) render(c *gin.Context, f format.Format, base string, v any) {
	ctx := c.Request.Context()
	if err := ctx.Err(); err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			err = graph.Overran(graph.Doing(ctx, "starting to send the answer"), "")
		}
		fail(c, err)
		return
	}
	if f.CarriesSources() {
		g, err := a.withSources(ctx, v)
		if err != nil {
			fail(c, err)
			return
		}
		v = g
	}
	a.write(c, f, base, v)
}

// write writes v in format f as the answer, as render does once it started.
func (a *api) write(c *gin.Context, f format.Format, base string, v any) {
	ctx := c.Request.Context()
	c.Header("Content-Type", f.ContentType())
	if f != format.JSON {
		c.Header("Content-Disposition", `attachment; filename="`+f.Filename(base)+`"`)
	}
	c.Status(http.StatusOK)
	if err := format.Write(deadlineWriter{ctx: ctx, w: c.Writer}, f, v); err != nil {
		if !c.Writer.Written() {
			// Nothing went out yet: the status can still say what happened.
			c.Writer.Header().Del("Content-Disposition")
			fail(c, err)
			return
		}
		_ = c.Error(err)
		c.Set(streamErrorKey, err.Error())
	}
}
