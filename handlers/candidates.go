package handlers

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/gin-gonic/gin"
)

func (a *api) candidates(c *gin.Context) {
	v := c.Request.URL.Query()
	q := graph.CandidateQuery{Source: v.Get("source"), Status: v.Get("status"), Limit: 1000}
	for name := range v {
		if name != "source" && name != "status" && name != "limit" && name != "group" {
			fail(c, graph.Invalid(name, "", "unknown parameter; this route takes source, status, limit and group"))
			return
		}
	}
	group := v.Get("group")
	if group != "" && group != "pair" {
		fail(c, graph.Invalid("group", group, "want pair (candidates grouped by type, from and to), or leave it out"))
		return
	}
	switch q.Status {
	case "", graph.Pending, graph.Accepted, graph.Rejected:
	default:
		fail(c, graph.Invalid("status", q.Status, "want pending, accepted or rejected"))
		return
	}
	if s := v.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 10000 {
			fail(c, graph.Invalid("limit", s, "want 1-10000"))
			return
		}
		q.Limit = n
	}
	cs, err := a.sources.Candidates(c.Request.Context(), q)
	if err != nil {
		fail(c, err)
		return
	}
	if group == "pair" {
		c.JSON(http.StatusOK, gin.H{"groups": graph.GroupCandidates(cs)})
		return
	}
	c.JSON(http.StatusOK, gin.H{"candidates": cs})
}

func (a *api) accept(c *gin.Context) {
	if !a.authorized(c) || !noParams(c) {
		return
	}
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, 1<<20)
	var o graph.CandidateOverride
	if err := optionalJSON(c.Request.Body, &o); err != nil {
		fail(c, err)
		return
	}
	if o.Confidence != nil && (*o.Confidence < 0 || *o.Confidence > 100) {
		fail(c, graph.Invalid("confidence", strconv.Itoa(*o.Confidence), "out of range; want 0-100"))
		return
	}
	cand, e, err := a.sources.Accept(c.Request.Context(), c.Param("id"), o, c.GetString(keyNameKey))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"candidate": cand, "edge": e})
}

func (a *api) reject(c *gin.Context) {
	if !a.authorized(c) || !noParams(c) {
		return
	}
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, 1<<20)
	var body struct {
		Reason string `json:"reason"`
	}
	if err := optionalJSON(c.Request.Body, &body); err != nil {
		fail(c, err)
		return
	}
	cand, err := a.sources.Reject(c.Request.Context(), c.Param("id"), body.Reason, c.GetString(keyNameKey))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"candidate": cand})
}

// strictJSON decodes one JSON object, refusing unknown fields.
func strictJSON(r io.Reader, v any) error {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		if mbe := (*http.MaxBytesError)(nil); errors.As(err, &mbe) {
			return mbe
		}
		if errors.Is(err, io.EOF) {
			return graph.Invalid("body", "", "empty; send a JSON object")
		}
		return graph.Invalid("body", "", "not the JSON object this route takes: "+err.Error())
	}
	if dec.More() {
		return graph.Invalid("body", "", "unexpected data after the JSON object")
	}
	return nil
}

// optionalJSON is strictJSON where an empty body is allowed.
func optionalJSON(r io.Reader, v any) error {
	b, err := io.ReadAll(r)
	if err != nil {
		if mbe := (*http.MaxBytesError)(nil); errors.As(err, &mbe) {
			return mbe
		}
		return err
	}
	if len(b) == 0 {
		return nil
	}
	return strictJSON(bytes.NewReader(b), v)
}
