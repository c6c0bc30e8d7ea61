package handlers

import (
	"context"

	"github.com/actorgraph/actorgraph/format"
	"github.com/actorgraph/actorgraph/graph"
	// Package stix registers the STIX writer that format.Write uses, and
	// streams the whole-graph export.
	"github.com/actorgraph/actorgraph/stix"
	"github.com/gin-gonic/gin"
)

// exportSTIX streams the whole graph as a STIX 2.1 bundle (stix.Stream:
// the store's rows read twice, the objects sorted through a temporary
// file). Nothing is sent before both reads end, so an error until then is
// an error answer; after that the bundle is cut short, as a streamed answer is.
func (a *api) exportSTIX(c *gin.Context) {
	if !noParams(c) {
		return
	}
	ctx := c.Request.Context()
	w := deadlineWriter{ctx: ctx, w: &startWriter{c: c, f: format.STIX, base: "actorgraph"}}
	err := stix.Stream(w, func(sink graph.Sink) error { return a.store.ExportRows(ctx, sink) })
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

// withSources is the graph of v (a *graph.Subgraph or *graph.PathAnswer)
// with the Sources its edges cite, texts included, for the formats that
// carry them (format.Format.CarriesSources: a STIX bundle's reports).
func (a *api) withSources(ctx context.Context, v any) (*graph.Subgraph, error) {
	var g *graph.Subgraph
	switch v := v.(type) {
	case *graph.Subgraph:
		g = v
	case *graph.PathAnswer:
		g = &v.Subgraph
	}
	if g == nil {
		g = &graph.Subgraph{}
	}
	want := map[string]bool{}
	var ids []string
	note := func(id string) {
		if !want[id] {
			want[id] = true
			ids = append(ids, id)
		}
	}
	for _, e := range g.Edges {
		for _, s := range e.Sources {
			note(s)
		}
	}
	for _, n := range g.Nodes {
		if n.Kind == graph.Source {
			note(n.ID)
		}
	}
	sources, err := a.store.Sources(ctx, ids)
	if err != nil {
		return nil, err
	}
	withText := make(map[string]graph.Node, len(sources))
	for _, s := range sources {
		withText[s.ID] = s
	}
	out := &graph.Subgraph{Nodes: make([]graph.Node, 0, len(g.Nodes)+len(sources)), Edges: g.Edges}
	for _, n := range g.Nodes {
		if s, ok := withText[n.ID]; ok {
			n = s
			delete(withText, n.ID)
		}
		out.Nodes = append(out.Nodes, n)
	}
	for _, s := range sources {
		if _, left := withText[s.ID]; left {
			out.Nodes = append(out.Nodes, s)
		}
	}
	return out, nil
}
