package handlers_test

import (
	"context"
	"math"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/analytics"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/testkit"
)

// graphOf is GET target's graph answer (a /graph or neighbours route).
func graphOf(t *testing.T, target string) graph.Subgraph {
	t.Helper()
	r := get(t, target)
	if r.status != 200 {
		t.Fatalf("GET %s: got %d, want 200: %s", target, r.status, clip(r.body))
	}
	var g graph.Subgraph
	r.json(t, &g)
	if g.Truncated {
		t.Fatalf("GET %s: truncated; the test needs the whole subgraph", target)
	}
	return g
}

func centralityOf(t *testing.T, query string) analytics.CentralityAnswer {
	t.Helper()
	r := get(t, "/api/v1/analytics/centrality?"+query)
	if r.status != 200 {
		t.Fatalf("centrality?%s: got %d, want 200: %s", query, r.status, clip(r.body))
	}
	var a analytics.CentralityAnswer
	r.json(t, &a)
	return a
}

// neighbours is each entity's distinct neighbours in g, self-links aside.
func neighbours(g graph.Subgraph) map[string]map[string]bool {
	m := map[string]map[string]bool{}
	for _, n := range g.Nodes {
		m[n.ID] = map[string]bool{}
	}
	for _, e := range g.Edges {
		if e.Source != e.Target {
			m[e.Source][e.Target], m[e.Target][e.Source] = true, true
		}
	}
	return m
}

func links(g graph.Subgraph) int {
	n := 0
	for _, ns := range neighbours(g) {
		n += len(ns)
	}
	return n / 2
}

// checkSameSubgraph: the answer was computed over exactly the subgraph g
// (what /api/v1/graph or the neighbours route returned for its filters), and
// every degree score is that entity's distinct neighbours in g over n-1.
func checkSameSubgraph(t *testing.T, what string, a analytics.CentralityAnswer, g graph.Subgraph) {
	t.Helper()
	if a.Subgraph.Nodes != len(g.Nodes) || a.Subgraph.Edges != len(g.Edges) || a.Subgraph.Links != links(g) ||
		a.Subgraph.Directed {
		t.Errorf("%s: subgraph %+v, want %d nodes, %d edges, %d links, undirected", what, a.Subgraph, len(g.Nodes),
			len(g.Edges), links(g))
	}
	if a.Metric != analytics.Degree {
		return
	}
	nb := neighbours(g)
	for _, s := range a.Results {
		want := float64(len(nb[s.ID])) / float64(len(g.Nodes)-1)
		if _, in := nb[s.ID]; !in || s.Score != want {
			t.Errorf("%s: %s scores %v, want %d neighbours / %d = %v", what, s.ID, s.Score, len(nb[s.ID]), len(g.Nodes)-1, want)
		}
	}
}

// TestAnalyticsCentralityIsOverTheGraphRoutesSubgraph: the whole graph and
// a kind/rel-filtered one are exactly what /api/v1/graph returns for the
// same filters (Sources left out), degree agrees with the neighbours counted
// from that answer, and the results are ranked.
func TestAnalyticsCentralityIsOverTheGraphRoutesSubgraph(t *testing.T) {
	for _, filters := range []string{"", q("kind", "Group,Attacker,State,Event"),
		q("rel", "MEMBER_OF,AFFILIATE_OF,PERPETRATED"), q("evidence", "quote")} {
		g := graphOf(t, "/api/v1/graph?limit=5000&"+filters)
		a := centralityOf(t, q("metric", "degree", "limit", "5000")+"&"+filters)
		checkSameSubgraph(t, "filters "+filters, a, g)
		if len(a.Results) != len(g.Nodes) {
			t.Errorf("filters %q: %d results, want all %d entities", filters, len(a.Results), len(g.Nodes))
		}
		for i, s := range a.Results {
			if s.Kind == graph.Source {
				t.Errorf("filters %q: Source %s ranked; Sources are left out unless asked for", filters, s.ID)
			}
			if i > 0 && (s.Score > a.Results[i-1].Score || s.Rank < a.Results[i-1].Rank) {
				t.Errorf("filters %q: result %d (%s %v rank %d) above its predecessor", filters, i, s.ID, s.Score, s.Rank)
			}
		}
		for k, v := range map[string]string{"kind": "kind", "rel": "rel", "evidence": "evidence"} {
			if strings.HasPrefix(filters, k+"=") && a.Subgraph.Filters[v] == "" {
				t.Errorf("filters %q: the answer's filters %v do not say %s", filters, a.Subgraph.Filters, v)
			}
		}
	}
}

// TestAnalyticsEveryMetric: each metric answers, top limit, with scores in
// its range; PageRank's sum to 1 over the whole subgraph; the weights are
// echoed and change the weighted metrics.
func TestAnalyticsEveryMetric(t *testing.T) {
	for _, m := range analytics.Metrics {
		a := centralityOf(t, q("metric", string(m), "limit", "5"))
		if len(a.Results) != 5 || a.Metric != m || a.Weight != analytics.WeightNone {
			t.Fatalf("%s: %d results, metric %q, weight %q; want 5, %s, none", m, len(a.Results), a.Metric, a.Weight, m)
		}
		if a.Results[0].Score <= 0 || a.Results[0].Rank != 1 {
			t.Errorf("%s: top result %+v, want a positive score at rank 1", m, a.Results[0])
		}
	}
	all := centralityOf(t, q("metric", "pagerank", "limit", "5000"))
	sum := 0.0
	for _, s := range all.Results {
		sum += s.Score
	}
	if math.Abs(sum-1) > 1e-9 {
		t.Errorf("pagerank scores sum to %v, want 1", sum)
	}
	plain := centralityOf(t, q("metric", "pagerank", "limit", "5000"))
	weighted := centralityOf(t, q("metric", "pagerank", "limit", "5000", "weight", "evidence"))
	if weighted.Weight != analytics.WeightEvidence || weighted.Subgraph.Filters["weight"] != "evidence" {
		t.Errorf("weight=evidence: answer says weight %q, filters %v", weighted.Weight, weighted.Subgraph.Filters)
	}
	score := map[string]float64{}
	for _, s := range plain.Results {
		score[s.ID] = s.Score
	}
	changed := false
	for _, s := range weighted.Results {
		changed = changed || math.Abs(score[s.ID]-s.Score) > 1e-9
	}
	if !changed {
		t.Error("weight=evidence gave every entity the PageRank weight=none gave; summaries weigh less than quotes")
	}
}

// TestAnalyticsAroundKnownOn: around=ID&depth= computes over the
// neighbourhood the neighbours route returns for the same filters, knownOn
// included; an earlier knownOn leaves relationships out.
func TestAnalyticsAroundKnownOn(t *testing.T) {
	var sizes []int
	for _, known := range []string{"", "2024-03-23"} {
		filters := q("depth", "2")
		if known != "" {
			filters += "&" + q("knownOn", known)
		}
		g := graphOf(t, "/api/v1/entities/group:is-k/neighbors?limit=5000&"+filters)
		a := centralityOf(t, q("metric", "degree", "limit", "5000", "around", "ISIS-K")+"&"+filters)
		checkSameSubgraph(t, "around ISIS-K "+filters, a, g)
		if a.Subgraph.Around != "group:is-k" || a.Subgraph.Depth != 2 || a.Subgraph.Filters["knownOn"] != known {
			t.Errorf("%s: subgraph %+v does not say around group:is-k, depth 2, knownOn %q", filters, a.Subgraph, known)
		}
		sizes = append(sizes, a.Subgraph.Edges)
	}
	if sizes[1] >= sizes[0] {
		t.Errorf("knownOn=2024-03-23 kept %d relationships of %d; the later reports should be left out", sizes[1], sizes[0])
	}
}

// TestAnalyticsCommunities: Louvain partitions the subgraph (every entity
// in exactly one community, largest first), names each community's most
// central members among its own, and gives the same answer for the same
// seed.
func TestAnalyticsCommunities(t *testing.T) {
	get2 := func(query string) analytics.CommunityAnswer {
		r := get(t, "/api/v1/analytics/communities?"+query)
		if r.status != 200 {
			t.Fatalf("communities?%s: got %d, want 200: %s", query, r.status, clip(r.body))
		}
		var a analytics.CommunityAnswer
		r.json(t, &a)
		return a
	}
	a := get2(q("algorithm", "louvain", "resolution", "1", "seed", "42"))
	g := graphOf(t, "/api/v1/graph?limit=5000")
	if a.Subgraph.Nodes != len(g.Nodes) || a.Subgraph.Edges != len(g.Edges) {
		t.Errorf("subgraph %+v, want /api/v1/graph's %d nodes and %d edges", a.Subgraph, len(g.Nodes), len(g.Edges))
	}
	if a.Modularity <= 0.1 || a.Modularity >= 1 || len(a.Communities) < 2 {
		t.Errorf("modularity %v in %d communities; the Crocus set falls into several", a.Modularity, len(a.Communities))
	}
	seen := map[string]int{}
	for i, c := range a.Communities {
		if c.Size != len(c.Members) || (i > 0 && c.Size > a.Communities[i-1].Size) || c.ID != i {
			t.Errorf("community %d: id %d, size %d, %d members; want ids in order, largest first", i, c.ID, c.Size,
				len(c.Members))
		}
		for _, m := range c.Members {
			seen[m]++
		}
		for _, m := range c.Central {
			if !slices.Contains(c.Members, m) {
				t.Errorf("community %d: central %s is not a member", c.ID, m)
			}
		}
	}
	for _, n := range g.Nodes {
		if seen[n.ID] != 1 {
			t.Errorf("%s is in %d communities, want 1", n.ID, seen[n.ID])
		}
	}
	if b := get2(q("seed", "42")); !slices.EqualFunc(a.Communities, b.Communities, func(x, y analytics.Community) bool {
		return slices.Equal(x.Members, y.Members)
	}) || a.Modularity != b.Modularity {
		t.Error("the same seed gave a different partition")
	}
	if fine := get2(q("seed", "42", "resolution", "3")); len(fine.Communities) <= len(a.Communities) {
		t.Errorf("resolution 3 gave %d communities, resolution 1 %d; a higher resolution finds smaller ones",
			len(fine.Communities), len(a.Communities))
	}
}

// TestAnalyticsBadInput: unknown metrics, weights, neighbourhood filters
// without around, and bad resolutions are 400s naming the parameter.
func TestAnalyticsBadInput(t *testing.T) {
	for target, field := range map[string]string{
		"/api/v1/analytics/centrality":                                         "metric",
		"/api/v1/analytics/centrality?metric=katz":                             "metric",
		"/api/v1/analytics/centrality?metric=degree&weight=heavy":              "weight",
		"/api/v1/analytics/centrality?metric=degree&knownOn=2024-03-10":        "knownOn",
		"/api/v1/analytics/centrality?metric=degree&depth=2":                   "depth",
		"/api/v1/analytics/centrality?metric=degree&limit=0":                   "limit",
		"/api/v1/analytics/centrality?metric=betweenness&samples=0":            "samples",
		"/api/v1/analytics/centrality?metric=pagerank&samples=10":              "samples",
		"/api/v1/analytics/communities?resolution=-1":                          "resolution",
		"/api/v1/analytics/communities?algorithm=leiden":                       "algorithm",
		"/api/v1/paths/brokers?from=ISIS-K&to=Tajikistan&paths=51":             "paths",
		"/api/v1/paths/brokers?from=ISIS-K&to=Tajikistan&format=graphml":       "format",
		"/api/v1/paths/brokers?from=ISIS-K":                                    "to",
		"/api/v1/analytics/centrality?metric=degree&around=group:is-k&depth=9": "depth",
	} {
		r := get(t, target)
		var e errorBody
		r.json(t, &e)
		if r.status != 400 || !strings.Contains(e.Error.Message, field) {
			t.Errorf("GET %s: got %d %q, want 400 naming %s", target, r.status, e.Error.Message, field)
		}
	}
	r := get(t, "/api/v1/analytics/centrality?metric=degree&around=Atlantis")
	if r.status != 404 {
		t.Errorf("around=Atlantis: got %d, want 404: %s", r.status, clip(r.body))
	}
}

// TestAnalyticsSizeLimit422: above ACTORGRAPH_ANALYTICS_MAX_EDGES the
// answer is a 422 that says how to narrow the selection; a narrower one
// under the limit answers.
func TestAnalyticsSizeLimit422(t *testing.T) {
	small := graphOf(t, "/api/v1/graph?limit=5000&"+q("rel", "HAS_NATIONALITY"))
	whole := graphOf(t, "/api/v1/graph?limit=5000")
	max := len(small.Edges)
	if max == 0 || max >= len(whole.Edges) {
		t.Fatalf("HAS_NATIONALITY has %d of %d relationships; the test needs a proper part", max, len(whole.Edges))
	}
	bounded, err := testkit.StartServer(context.Background(), db, testkit.WithAnalyticsMaxEdges(max))
	if err != nil {
		t.Fatal(err)
	}
	defer bounded.Close()
	for _, target := range []string{
		"/api/v1/analytics/centrality?metric=pagerank",
		"/api/v1/analytics/communities",
		"/api/v1/analytics/centrality?metric=degree&around=ISIS-K&depth=3",
	} {
		r := doAt(t, bounded.URL, http.MethodGet, target, nil, nil)
		var e errorBody
		r.json(t, &e)
		if r.status != http.StatusUnprocessableEntity || e.Error.Code != "selection_too_large" {
			t.Errorf("GET %s: got %d %+v, want 422 selection_too_large", target, r.status, e.Error)
			continue
		}
		for _, want := range []string{"narrow it with", "ACTORGRAPH_ANALYTICS_MAX_EDGES", "relationships"} {
			if !strings.Contains(e.Error.Message, want) {
				t.Errorf("GET %s: message %q does not say %q", target, e.Error.Message, want)
			}
		}
	}
	r := doAt(t, bounded.URL, http.MethodGet, "/api/v1/analytics/centrality?metric=pagerank&rel=HAS_NATIONALITY", nil, nil)
	if r.status != 200 {
		t.Errorf("rel=HAS_NATIONALITY (%d relationships, the limit): got %d, want 200: %s", max, r.status, clip(r.body))
	}
}

// TestAnalyticsDeadline504: with a 1 s limit and every statement held back
// 600 ms, the analytics routes answer 504 within the limit + 0.5 s, naming
// the limit, and never a partial answer.
func TestAnalyticsDeadline504(t *testing.T) {
	const limit = time.Second
	slow, err := testkit.StartServer(context.Background(), db, testkit.WithQueryTimeout(limit),
		testkit.WithStatementDelay(func(string) time.Duration { return 600 * time.Millisecond }))
	if err != nil {
		t.Fatal(err)
	}
	defer slow.Close()
	for _, target := range []string{
		"/api/v1/analytics/centrality?metric=betweenness",
		"/api/v1/analytics/centrality?metric=pagerank&around=ISIS-K&depth=3",
		"/api/v1/analytics/communities",
		"/api/v1/paths/brokers?" + q("from", "ISIS-K", "to", "Tajikistan"),
	} {
		start := time.Now()
		r := doAt(t, slow.URL, http.MethodGet, target, nil, nil)
		took := time.Since(start)
		if r.status != http.StatusGatewayTimeout {
			t.Errorf("GET %s: got %d after %v, want 504: %s", target, r.status, took, clip(r.body))
			continue
		}
		if took > limit+500*time.Millisecond {
			t.Errorf("GET %s: 504 after %v, want within the 1s limit + 0.5s", target, took)
		}
		var e errorBody
		r.json(t, &e)
		for _, want := range []string{"timeout", "1s limit", "while ", "ACTORGRAPH_QUERY_TIMEOUT"} {
			if !strings.Contains(e.Error.Code+" "+e.Error.Message, want) {
				t.Errorf("GET %s: error %+v does not say %q", target, e.Error, want)
			}
		}
	}
}

// TestBrokersISKToTajikistan: the brokers between IS-K and Tajikistan are
// the inner entities of the ranked paths /api/v1/paths gives for the same
// query, each with its share of those paths, the distinct sources behind
// its paths, and the paths themselves.
func TestBrokersISKToTajikistan(t *testing.T) {
	query := q("from", "ISIS-K", "to", "Tajikistan", "maxDepth", "4")
	r := get(t, "/api/v1/paths/brokers?"+query+"&"+q("paths", "20", "limit", "100"))
	if r.status != 200 {
		t.Fatalf("got %d, want 200: %s", r.status, clip(r.body))
	}
	var b analytics.BrokerAnswer
	r.json(t, &b)
	pr := get(t, "/api/v1/paths?"+query+"&limit=20")
	var paths graph.PathAnswer
	pr.json(t, &paths)
	if b.From != "group:is-k" || b.To != "state:tj" || b.Paths != len(paths.Paths) || b.Paths < 2 || len(b.Brokers) == 0 {
		t.Fatalf("from %s to %s over %d paths with %d brokers; want group:is-k to state:tj over /api/v1/paths' %d paths",
			b.From, b.To, b.Paths, len(b.Brokers), len(paths.Paths))
	}
	for _, br := range b.Brokers[:min(5, len(b.Brokers))] {
		t.Logf("broker %s (%s): share %.2f of %d paths, %d sources", br.ID, br.Kind, br.Share, b.Paths, br.Sources)
	}
	sources := map[string][]string{}
	for _, e := range paths.Edges {
		sources[e.ID] = e.Sources
	}
	for i, br := range b.Brokers {
		var want [][]string
		cited := map[string]bool{}
		for _, p := range paths.Paths {
			if slices.Contains(p.Nodes[1:len(p.Nodes)-1], br.ID) {
				want = append(want, p.Edges)
				for _, e := range p.Edges {
					for _, s := range sources[e] {
						cited[s] = true
					}
				}
			}
		}
		if br.ID == b.From || br.ID == b.To {
			t.Errorf("broker %s is an end of the paths", br.ID)
		}
		if br.Share != float64(len(want))/float64(b.Paths) || br.Sources != len(cited) ||
			!slices.EqualFunc(br.Paths, want, slices.Equal) {
			t.Errorf("broker %s: share %v, %d sources, %d paths; want %d/%d, %d sources, the paths through it",
				br.ID, br.Share, br.Sources, len(br.Paths), len(want), b.Paths, len(cited))
		}
		if br.Name == "" || br.Kind == "" {
			t.Errorf("broker %s has no name or kind", br.ID)
		}
		if i > 0 && br.Share > b.Brokers[i-1].Share {
			t.Errorf("broker %s (share %v) ranked below %s (share %v)", br.ID, br.Share, b.Brokers[i-1].ID, b.Brokers[i-1].Share)
		}
	}
	// The attackers' nationality is what ties IS-K's men to their home state.
	if !slices.ContainsFunc(b.Brokers,
		func(br analytics.Broker) bool { return br.Kind == graph.Attacker || br.Kind == graph.Nationality }) {
		t.Errorf("no attacker or nationality among the brokers %v", brokerIDs(b))
	}
	// A filter of the path routes narrows the paths: knownOn before the attack leaves none of its reports.
	early := get(t, "/api/v1/paths/brokers?"+query+"&"+q("knownOn", "2024-03-21"))
	var eb analytics.BrokerAnswer
	early.json(t, &eb)
	if early.status != 200 || eb.Subgraph.Filters["knownOn"] != "2024-03-21" {
		t.Fatalf("knownOn=2024-03-21: got %d, filters %v", early.status, eb.Subgraph.Filters)
	}
	for _, br := range eb.Brokers {
		if br.Kind == graph.Attacker {
			t.Errorf("knownOn=2024-03-21: attacker %s is a broker, but the attackers were reported after the attack", br.ID)
		}
	}
}

func brokerIDs(b analytics.BrokerAnswer) []string {
	var ids []string
	for _, br := range b.Brokers {
		ids = append(ids, br.ID)
	}
	return ids
}

// TestAnnotateGraph: annotate=pagerank,community on /graph gives every node
// the PageRank the centrality route gives it over the same subgraph and a
// community id; GraphML and GEXF declare them as typed attributes; the
// neighbours route takes annotate too; an unknown annotation is a 400.
func TestAnnotateGraph(t *testing.T) {
	r := get(t, "/api/v1/graph?"+q("limit", "5000", "annotate", "pagerank,community"))
	if r.status != 200 {
		t.Fatalf("got %d: %s", r.status, clip(r.body))
	}
	var g graph.Subgraph
	r.json(t, &g)
	rank := centralityOf(t, q("metric", "pagerank", "limit", "5000"))
	want := map[string]float64{}
	for _, s := range rank.Results {
		want[s.ID] = s.Score
	}
	communities := map[int]bool{}
	for _, n := range g.Nodes {
		if n.PageRank == nil || n.Community == nil {
			t.Fatalf("node %s lacks pagerank or community: %+v", n.ID, n.Annotations)
		}
		if math.Abs(*n.PageRank-want[n.ID]) > 1e-9 {
			t.Errorf("node %s: pagerank %v, the centrality route says %v", n.ID, *n.PageRank, want[n.ID])
		}
		communities[*n.Community] = true
	}
	if len(g.Nodes) != rank.Subgraph.Nodes || len(communities) < 2 {
		t.Errorf("%d nodes in %d communities; want the centrality route's %d nodes in several", len(g.Nodes),
			len(communities), rank.Subgraph.Nodes)
	}
	for f, want := range map[string][]string{
		"graphml": {`attr.name="pagerank" attr.type="double"`, `attr.name="community" attr.type="int"`, `<data key="n.pagerank">`},
		"gexf":    {`<attribute id="pagerank" title="pagerank" type="double"/>`, `<attribute id="community" title="community" type="integer"/>`, `<attvalue for="community" value="`},
	} {
		x := get(t, "/api/v1/graph?"+q("limit", "5000", "annotate", "pagerank,community", "format", f))
		for _, w := range want {
			if x.status != 200 || !strings.Contains(string(x.body), w) {
				t.Errorf("format=%s: got %d, body lacks %s", f, x.status, w)
			}
		}
	}
	var nb graph.Subgraph
	get(t, "/api/v1/entities/group:is-k/neighbors?"+q("depth", "2", "annotate", "degree")).json(t, &nb)
	if len(nb.Nodes) == 0 || nb.Nodes[0].Degree == nil || nb.Nodes[0].PageRank != nil {
		t.Errorf("neighbours with annotate=degree: first node %+v, want degree and no pagerank", nb.Nodes)
	}
	if r := get(t, "/api/v1/graph?annotate=katz"); r.status != 400 || !strings.Contains(string(r.body), "annotate") {
		t.Errorf("annotate=katz: got %d %s, want 400 naming annotate", r.status, clip(r.body))
	}
}

// TestAnalyticsSampledBetweenness: exact betweenness carries no estimate;
// samples= estimates it and says from how many sources; above
// ACTORGRAPH_ANALYTICS_EXACT_BETWEENNESS_NODES it is estimated unasked, the
// same answer twice; with every entity a source the estimate is the exact
// ranking.
func TestAnalyticsSampledBetweenness(t *testing.T) {
	exact := centralityOf(t, q("metric", "betweenness", "limit", "5000"))
	if exact.Estimate != nil {
		t.Fatalf("exact betweenness over %d entities says it is estimated: %+v", exact.Subgraph.Nodes, exact.Estimate)
	}
	n := exact.Subgraph.Nodes
	est := centralityOf(t, q("metric", "betweenness", "limit", "5000", "samples", "5"))
	if est.Estimate == nil || est.Estimate.Samples != 5 {
		t.Errorf("samples=5: estimate %+v, want {samples: 5}", est.Estimate)
	}
	all := centralityOf(t, q("metric", "betweenness", "limit", "5000", "samples", "1000000"))
	if all.Estimate == nil || all.Estimate.Samples != n {
		t.Errorf("samples=1000000 over %d entities: estimate %+v, want {samples: %d}", n, all.Estimate, n)
	}
	score := map[string]float64{}
	for _, s := range exact.Results {
		score[s.ID] = s.Score
	}
	for _, s := range all.Results {
		if math.Abs(s.Score-score[s.ID]) > 1e-9*math.Max(score[s.ID], 1e-9) {
			t.Errorf("sampled from every entity, %s scores %v; exact %v", s.ID, s.Score, score[s.ID])
		}
	}
	bounded, err := testkit.StartServer(context.Background(), db, testkit.WithExactBetweennessNodes(n-1))
	if err != nil {
		t.Fatal(err)
	}
	defer bounded.Close()
	var bodies []string
	for range 2 {
		r := doAt(t, bounded.URL, http.MethodGet, "/api/v1/analytics/centrality?metric=betweenness&limit=20", nil, nil)
		var a analytics.CentralityAnswer
		r.json(t, &a)
		if r.status != 200 || a.Estimate == nil || a.Estimate.Samples != min(analytics.DefaultBetweennessSamples, n) {
			t.Errorf("%d entities, exact limit %d: got %d, estimate %+v; want 200 estimated from %d sources",
				n, n-1, r.status, a.Estimate, min(analytics.DefaultBetweennessSamples, n))
		}
		bodies = append(bodies, string(r.body))
	}
	if bodies[0] != bodies[1] {
		t.Error("two estimated answers over the same subgraph differ")
	}
}
