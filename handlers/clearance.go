package handlers

import (
	"crypto/subtle"
	"net/http"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/gin-gonic/gin"
)

// DefaultAnonymousClearance is what a request without a key may read unless
// configured otherwise (ACTORGRAPH_ANONYMOUS_CLEARANCE): TLP:CLEAR and GREEN.
const DefaultAnonymousClearance = graph.Green

// readers decides what a request to /api/v1 may read, before any route
// runs: a valid key reads with its clearance (the single
// ACTORGRAPH_API_KEY, and a named key without a third field, with full
// clearance); a wrong key is refused; no key reads with the anonymous
// clearance, or is refused when every route needs a key. Every statement
// of the request then filters by that clearance (graph.WithClearance).
type readers struct {
	apiKey     string
	keys       map[string]string
	clearances map[string]graph.Marking
	anonymous  graph.Marking
	requireKey bool
}

func (rd *readers) middleware(c *gin.Context) {
	key := c.GetHeader("X-API-Key")
	if after, ok := strings.CutPrefix(c.GetHeader("Authorization"), "Bearer "); ok {
		key = after
	}
	clearance := rd.anonymous
	// With no key configured a key sent is nobody's: the request reads as
	// anonymous (and a write route says writes are disabled).
	switch {
	case key != "" && (rd.apiKey != "" || len(rd.keys) > 0):
		m, ok := rd.lookup(key)
		if !ok {
			abort(c, http.StatusForbidden, "forbidden", "the API key is wrong")
			return
		}
		clearance = m
	case rd.requireKey:
		c.Header("WWW-Authenticate", `Bearer realm="actorgraph"`)
		abort(c, http.StatusUnauthorized, "unauthenticated",
			"every route needs an API key here (ACTORGRAPH_REQUIRE_KEY_FOR_READS): send it as "+
				"Authorization: Bearer KEY or X-API-Key: KEY")
		return
	}
	c.Request = c.Request.WithContext(graph.WithClearance(c.Request.Context(), clearance))
	c.Next()
}

// lookup is the clearance of key, and whether it is one of ours.
func (rd *readers) lookup(key string) (graph.Marking, bool) {
	m, found := graph.Marking(""), false
	if rd.apiKey != "" && subtle.ConstantTimeCompare([]byte(key), []byte(rd.apiKey)) == 1 {
		m, found = graph.FullClearance, true
	}
	for name, k := range rd.keys {
		if subtle.ConstantTimeCompare([]byte(key), []byte(k)) == 1 {
			m, found = graph.FullClearance, true
			if c, ok := rd.clearances[name]; ok {
				m = c
			}
		}
	}
	return m, found
}
