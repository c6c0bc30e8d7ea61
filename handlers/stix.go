package handlers

import (
	"net/http"

	"github.com/actorgraph/actorgraph/format"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/stix"
	"github.com/gin-gonic/gin"
)

// exportSTIX streams the whole graph as a STIX 2.1 bundle.
func (a *api) exportSTIX(c *gin.Context) {
	if !noParams(c) {
		return
	}
	g, err := a.store.Export(c.Request.Context())
	if err != nil {
		fail(c, err)
		return
	}
	writeSTIX(c, "actorgraph", g)
}

// renderSTIX writes the graph of v (a *graph.Subgraph or *graph.PathAnswer)
// as a STIX bundle, with the Sources its edges cite, texts included, as
// reports.
func (a *api) renderSTIX(c *gin.Context, base string, v any) {
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
	sources, err := a.store.Sources(c.Request.Context(), ids)
	if err != nil {
		fail(c, err)
		return
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
	writeSTIX(c, base, out)
}

func writeSTIX(c *gin.Context, base string, g *graph.Subgraph) {
	c.Header("Content-Type", format.STIX.ContentType())
	c.Header("Content-Disposition", `attachment; filename="`+format.STIX.Filename(base)+`"`)
	c.Status(http.StatusOK)
	if err := stix.Write(c.Writer, g); err != nil {
		// Headers are gone; all that is left is to log and cut the body short.
		_ = c.Error(err)
	}
}
