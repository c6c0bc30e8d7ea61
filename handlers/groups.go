package handlers

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strconv"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/gin-gonic/gin"
)

// groupBody reads a group route's body twice: once for the group's key,
// once for what the route takes beside it.
func groupBody(c *gin.Context, rest any) (graph.GroupKey, bool) {
	var k graph.GroupKey
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, 1<<20)
	b, err := io.ReadAll(c.Request.Body)
	if err != nil {
		fail(c, err)
		return k, false
	}
	var all map[string]any
	if err := strictJSON(bytes.NewReader(b), &all); err != nil {
		fail(c, err)
		return k, false
	}
	// The key's fields and the route's own are read from the same object;
	// each decoder sees only its fields.
	keyPart, restPart := map[string]any{}, map[string]any{}
	for name, v := range all {
		switch name {
		case "type", "from", "to", "ids":
			keyPart[name] = v
		default:
			restPart[name] = v
		}
	}
	if err := remarshal(keyPart, &k); err != nil {
		fail(c, err)
		return k, false
	}
	if err := remarshal(restPart, rest); err != nil {
		fail(c, err)
		return k, false
	}
	if err := k.Validate(); err != nil {
		fail(c, err)
		return k, false
	}
	return k, true
}

func (a *api) acceptGroup(c *gin.Context) {
	if !a.authorized(c) || !noParams(c) {
		return
	}
	var o graph.CandidateOverride
	k, ok := groupBody(c, &o)
	if !ok {
		return
	}
	if o.Confidence != nil && (*o.Confidence < 0 || *o.Confidence > 100) {
		fail(c, graph.Invalid("confidence", strconv.Itoa(*o.Confidence), "out of range; want 0-100"))
		return
	}
	d, err := a.sources.AcceptGroup(c.Request.Context(), k, o, c.GetString(keyNameKey))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, d)
}

func (a *api) rejectGroup(c *gin.Context) {
	if !a.authorized(c) || !noParams(c) {
		return
	}
	var body struct {
		Reason string `json:"reason"`
	}
	k, ok := groupBody(c, &body)
	if !ok {
		return
	}
	d, err := a.sources.RejectGroup(c.Request.Context(), k, body.Reason, c.GetString(keyNameKey))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, d)
}

// remarshal decodes the fields m holds into v, refusing unknown ones.
func remarshal(m map[string]any, v any) error {
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	return strictJSON(bytes.NewReader(b), v)
}
