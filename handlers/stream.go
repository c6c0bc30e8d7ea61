package handlers

import (
	"io"
	"net/http"

	"github.com/actorgraph/actorgraph/format"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/gin-gonic/gin"
)

// stream answers with a document the store writes row by row (produce hands
// a format.Writer in format f to the store). Its headers and 200 go out with
// the first bytes, when the writer first fills its buffer or ends: an error
// before that, the time limit included, is an error answer as from render.
// After it the status cannot change: the document is cut short and the
// access log and /metrics record it, as render does.
func (a *api) stream(c *gin.Context, f format.Format, base string, produce func(graph.Sink) error) {
	ctx := c.Request.Context()
	sink, err := format.NewWriter(deadlineWriter{ctx: ctx, w: &startWriter{c: c, f: f, base: base}}, f)
	if err == nil {
		err = produce(sink)
	}
	if err == nil {
		return
	}
	if !c.Writer.Written() {
		c.Writer.Header().Del("Content-Disposition")
		c.Writer.Header().Del("Content-Type")
		fail(c, err)
		return
	}
	_ = c.Error(err)
	c.Set(streamErrorKey, err.Error())
}

// startWriter writes to the response, setting its headers and status first.
type startWriter struct {
	c       *gin.Context
	f       format.Format
	base    string
	started bool
}

func (s *startWriter) Write(p []byte) (int, error) {
	if !s.started {
		s.started = true
		s.c.Header("Content-Type", s.f.ContentType())
		if s.f != format.JSON {
			s.c.Header("Content-Disposition", `attachment; filename="`+s.f.Filename(s.base)+`"`)
		}
		s.c.Status(http.StatusOK)
	}
	return s.c.Writer.Write(p)
}

var _ io.Writer = (*startWriter)(nil)

// collector is a graph.Sink that keeps the whole graph, for the answers that
// need all of it before their first byte (a STIX bundle).
type collector struct{ g *graph.Subgraph }

func (c *collector) Begin(h graph.Head) error {
	c.g.Truncated, c.g.Nodes, c.g.Edges = h.Truncated, []graph.Node{}, []graph.Edge{}
	return nil
}
func (c *collector) Node(n *graph.Node) error { c.g.Nodes = append(c.g.Nodes, *n); return nil }
func (c *collector) Edge(e *graph.Edge) error { c.g.Edges = append(c.g.Edges, *e); return nil }
func (c *collector) End() error               { return nil }

// DeclaresKeys is false: the property keys come with the elements.
func (c *collector) DeclaresKeys() bool { return false }
