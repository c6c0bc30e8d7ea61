package handlers

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph/analytics"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/gin-gonic/gin"
)

// The analytics routes: centrality and communities over the subgraph
// /api/v1/graph (or, with around=ID, the neighbourhood route) returns for
// the same filters, and the brokers on the ranked paths between two
// entities. The algorithms are package analytics'.

func (a *api) centrality(c *gin.Context) {
	q, err := ParseCentralityQuery(c.Request.URL.Query(), a.lim)
	if err != nil {
		fail(c, err)
		return
	}
	q.MaxEdges, q.ExactBetweennessNodes = a.maxEdges, a.exactBetweenness
	ans, err := analytics.Rank(c.Request.Context(), a.store, q)
	if err != nil {
		fail(c, err)
		return
	}
	a.answer(c, ans)
}

func (a *api) communities(c *gin.Context) {
	q, err := ParseCommunityQuery(c.Request.URL.Query(), a.lim)
	if err != nil {
		fail(c, err)
		return
	}
	q.MaxEdges = a.maxEdges
	ans, err := analytics.Divide(c.Request.Context(), a.store, q)
	if err != nil {
		fail(c, err)
		return
	}
	a.answer(c, ans)
}

func (a *api) brokers(c *gin.Context) {
	q, err := ParseBrokerQuery(c.Request.URL.Query(), a.lim)
	if err != nil {
		fail(c, err)
		return
	}
	ans, err := analytics.FindBrokers(c.Request.Context(), a.store, q)
	if err != nil {
		fail(c, err)
		return
	}
	a.answer(c, ans)
}

// answer sends v as JSON while the request is within its limit (else 504).
func (a *api) answer(c *gin.Context, v any) {
	if err := c.Request.Context().Err(); err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			err = graph.Overran(graph.Doing(c.Request.Context(), "starting to send the answer"), "")
		}
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, v)
}

// neighborhoodOnly are the filters a selection takes only with around=ID:
// the whole graph is chosen by /api/v1/graph's filters alone.
var neighborhoodOnly = []string{"direction", "minConfidence", "stance", "at", "knownOn", "undated", "source"}

// selection reads the subgraph an analytics route runs over and its weight.
func (p *params) selection(lim graph.Limits) analytics.Selection {
	var sel analytics.Selection
	w := p.one("weight")
	var ok bool
	if sel.Weight, ok = analytics.ParseWeight(w); !ok {
		p.fail("weight", w, "want none, confidence (confidence/100) or evidence (quote 1, reported-quote 2/3, summary 1/3)")
	}
	around := p.ref("around", lim.MaxRefLen, false)
	if around == "" {
		if _, ok := p.v["depth"]; ok {
			p.fail("depth", p.one("depth"), "only with around=ID (a neighbourhood)")
		}
		for _, name := range neighborhoodOnly {
			if _, ok := p.v[name]; ok {
				p.fail(name, "", "only with around=ID (a neighbourhood); the whole graph is chosen by kind, rel, evidence and includeRetracted, as /api/v1/graph's is")
			}
		}
		sel.Graph = graph.GraphQuery{Kinds: p.kinds("kind"), Rels: p.rels("rel"), Limit: lim.MaxResults,
			Evidence: p.evidence(), IncludeRetracted: p.boolean("includeRetracted")}
		return sel
	}
	q := graph.NeighborQuery{ID: around, Depth: p.intIn("depth", 2, 1, min(4, lim.MaxDepth)), Limit: lim.MaxResults,
		Filter: p.filter(lim)}
	sel.Around = &q
	return sel
}

// selectionParams are the parameters selection reads.
var selectionParams = []string{"weight", "around", "depth", "rel", "kind", "direction", "minConfidence", "stance", "at",
	"knownOn", "undated", "source", "evidence", "includeRetracted"}

// ParseCentralityQuery reads and checks the centrality route's parameters.
func ParseCentralityQuery(v url.Values, lim graph.Limits) (analytics.CentralityQuery, error) {
	p := &params{v: v}
	q := analytics.CentralityQuery{Selection: p.selection(lim)}
	m := p.one("metric")
	var ok bool
	if q.Metric, ok = analytics.ParseMetric(m); !ok {
		p.fail("metric", m, "required: one of "+strings.Join(analytics.MetricNames(), ", "))
	}
	q.Limit = p.intIn("limit", 20, 1, lim.MaxResults)
	if p.one("samples") != "" {
		if q.Metric != analytics.Betweenness {
			p.fail("samples", p.one("samples"), "only metric=betweenness is estimated from sampled sources")
		}
		q.Samples = p.intIn("samples", 0, 1, 1_000_000)
	}
	p.check(append([]string{"metric", "limit", "samples"}, selectionParams...)...)
	return q, p.err()
}

// maxSeed bounds seed= to the integers a JSON number holds exactly.
const maxSeed = 1<<53 - 1

// ParseCommunityQuery reads and checks the communities route's parameters.
func ParseCommunityQuery(v url.Values, lim graph.Limits) (analytics.CommunityQuery, error) {
	p := &params{v: v}
	q := analytics.CommunityQuery{Selection: p.selection(lim), Algorithm: analytics.Louvain, Resolution: 1, Seed: 1}
	if s := p.one("algorithm"); s != "" && s != analytics.Louvain {
		p.fail("algorithm", s, "want louvain")
	}
	if s := p.one("resolution"); s != "" {
		r, err := strconv.ParseFloat(s, 64)
		if err != nil || !(r > 0 && r <= 100) {
			p.fail("resolution", s, "want a number above 0 and at most 100 (1 is standard modularity; higher finds smaller communities)")
		} else {
			q.Resolution = r
		}
	}
	if s := p.one("seed"); s != "" {
		n, err := strconv.ParseUint(s, 10, 64)
		if err != nil || n > maxSeed {
			p.fail("seed", s, fmt.Sprintf("want a whole number from 0 to %d", uint64(maxSeed)))
		} else {
			q.Seed = n
		}
	}
	p.check(append([]string{"algorithm", "resolution", "seed"}, selectionParams...)...)
	return q, p.err()
}

// ParseBrokerQuery reads and checks the brokers route's parameters: the
// path routes' filters, paths (the ranked paths considered: /api/v1/paths'
// limit, default the most it allows) and limit (the brokers shown).
func ParseBrokerQuery(v url.Values, lim graph.Limits) (analytics.BrokerQuery, error) {
	p := &params{v: v}
	known := []string{"from", "to", "maxDepth", "paths", "limit"}
	for _, name := range filterParams {
		if name != "format" && name != "gexfVersion" {
			known = append(known, name)
		}
	}
	p.check(known...)
	q := analytics.BrokerQuery{Limit: p.intIn("limit", 10, 1, 100)}
	pv := url.Values{}
	for k, vs := range v {
		switch k {
		case "limit":
		case "paths":
			pv["limit"] = vs
		default:
			pv[k] = vs
		}
	}
	if _, ok := v["paths"]; !ok {
		pv.Set("limit", strconv.Itoa(lim.MaxPaths))
	}
	pq, err := ParsePathQuery(pv, lim, true)
	if ve, ok := err.(*graph.ValidationError); ok {
		for _, pr := range ve.Problems {
			if pr.Field == "limit" {
				pr.Field = "paths"
			}
			if slices.Contains(known, pr.Field) {
				p.probs = append(p.probs, pr)
			}
		}
	}
	q.Paths = pq
	return q, p.err()
}
