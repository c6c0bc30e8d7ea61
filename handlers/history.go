package handlers

import (
	"net/http"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/gin-gonic/gin"
)

func (a *api) entityHistory(c *gin.Context) {
	id := c.Param("id")
	if err := checkRef(id, a.lim); err != nil {
		fail(c, err)
		return
	}
	a.history(c, id, false)
}

func (a *api) edgeHistory(c *gin.Context) {
	id := c.Param("id")
	if id == "" || len(id) > graph.MaxIDLen*3 {
		fail(c, graph.Invalid("id", id,
			"want an edge id, e.g. CLAIMED_RESPONSIBILITY:group:is-k->event:2024-03-22-crocus-city-hall"))
		return
	}
	a.history(c, id, true)
}

func (a *api) history(c *gin.Context, id string, edge bool) {
	if !noParams(c) {
		return
	}
	ch, err := a.sources.History(c.Request.Context(), id, edge)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"changes": ch})
}

// retract marks an edge retracted: kept, with the reason and the key's name,
// and left out of answers unless includeRetracted=true.
func (a *api) retract(c *gin.Context) {
	if !a.authorized(c) || !noParams(c) {
		return
	}
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, 1<<20)
	var body struct {
		Reason string `json:"reason"`
	}
	if err := strictJSON(c.Request.Body, &body); err != nil {
		fail(c, err)
		return
	}
	if strings.TrimSpace(body.Reason) == "" {
		fail(c, graph.Invalid("reason", "", "say why the edge is retracted"))
		return
	}
	e, err := a.sources.Retract(c.Request.Context(), c.Param("id"), body.Reason, c.GetString(keyNameKey))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"edge": e})
}
