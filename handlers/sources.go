package handlers

import (
	"context"
	"net/http"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/gin-gonic/gin"
)

// SourceStore is what the source, candidate and history routes ask. The
// routes exist when the Store also implements it.
type SourceStore interface {
	Source(ctx context.Context, id string) (graph.SourceDoc, error)
}

func (a *api) source(c *gin.Context) {
	id := c.Param("id")
	if why := graph.ValidID(id); why != "" {
		fail(c, graph.Invalid("id", id, why))
		return
	}
	if k, _ := graph.KindOfID(id); k != graph.Source {
		fail(c, graph.Invalid("id", id, "not a source id; want source:..."))
		return
	}
	if !noParams(c) {
		return
	}
	d, err := a.sources.Source(c.Request.Context(), id)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, d)
}
