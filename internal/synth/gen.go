// Package synth builds deterministic synthetic actor graphs for benchmarks and
// fault tests: Barabási–Albert power-law graphs over every node kind and
// relationship type of the vocabulary, with evidence on every edge, and small
// adversarial fixtures (a complete graph, a long chain, a huge hub,
// disconnected pairs). The same shape, size and seed always give the same files.
//
// A graph is written as nodes.csv and edges.csv (the data-set CSV format of
// package graph) plus pairs.json: pairs of node ids sampled by their true hop
// distance, for the path benchmarks.
package synth

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/actorgraph/actorgraph/graph"
)

// Shapes are the graph shapes Generate knows.
var Shapes = []string{"ba", "k50", "chain", "hub", "pairs"}

// Config says what to generate.
type Config struct {
	Shape string // ba, k50, chain, hub or pairs
	Nodes int    // ba: nodes besides sources; chain: length; hub: leaves; pairs: pairs
	MMin  int    // ba: edges per new node, drawn from MMin..MMax (default 3..5)
	MMax  int
	Seed  uint64
	// PairsPerDistance is how many query pairs to sample per hop distance (default 20).
	PairsPerDistance int
	// Tag goes into every id (group:TAGn0) so several graphs can share a database.
	Tag string
}

// Graph is a generated graph held compactly: kinds per node and edge arrays.
type Graph struct {
	cfg     Config
	rng     *rand.Rand
	kind    []graph.Kind // per entity node (sources are separate)
	src     []int32
	dst     []int32
	typ     []uint8 // index into graph.Vocabulary
	sources int     // Source nodes: source:s0 ... ; REPORTED_TOLL edges are extra
	tolls   [][2]int32
	comp    []int32 // per node: 0 main component, >0 a small detached component
	Pairs   []Pair
}

// Pair is two entities at a known hop distance (-1: not connected).
type Pair struct {
	From     string `json:"from"`
	To       string `json:"to"`
	Distance int    `json:"distance"`
}

// Generate builds the graph cfg describes.
func Generate(cfg Config) (*Graph, error) {
	if cfg.MMin == 0 {
		cfg.MMin, cfg.MMax = 3, 5
	}
	if cfg.MMax < cfg.MMin {
		cfg.MMax = cfg.MMin
	}
	if cfg.PairsPerDistance == 0 {
		cfg.PairsPerDistance = 20
	}
	g := &Graph{cfg: cfg, rng: rand.New(rand.NewPCG(cfg.Seed, 0x61637467))}
	switch cfg.Shape {
	case "ba":
		if cfg.Nodes < 100 {
			return nil, fmt.Errorf("ba needs at least 100 nodes, got %d", cfg.Nodes)
		}
		g.ba()
	case "k50":
		g.complete(50)
	case "chain":
		g.chain(max(cfg.Nodes, 2))
	case "hub":
		g.hub(max(cfg.Nodes, 1))
	case "pairs":
		g.disconnected(max(cfg.Nodes, 1))
	default:
		return nil, fmt.Errorf("unknown shape %q; want one of %v", cfg.Shape, Shapes)
	}
	g.samplePairs()
	return g, nil
}

// NodeCount and EdgeCount say how big the written data set is.
func (g *Graph) NodeCount() int { return len(g.kind) + g.sources }

// EdgeCount is the number of relationships, evidence-only REPORTED_TOLL edges included.
func (g *Graph) EdgeCount() int { return len(g.src) + len(g.tolls) }

// ID is node i's id.
func (g *Graph) ID(i int32) string { return g.kind[i].Prefix() + ":" + g.cfg.Tag + "n" + itoa(int(i)) }

func (g *Graph) sourceID(j int) string { return "source:" + g.cfg.Tag + "s" + itoa(j) }

// kindWeights is the mix of BA nodes after the seed clique (percent).
var kindWeights = []struct {
	k graph.Kind
	w int
}{{graph.Group, 10}, {graph.Attacker, 18}, {graph.Nationality, 4}, {graph.State, 4},
	{graph.Event, 22}, {graph.Person, 24}, {graph.Location, 18}}

func (g *Graph) randomKind() graph.Kind {
	r := g.rng.IntN(100)
	for _, kw := range kindWeights {
		if r < kw.w {
			return kw.k
		}
		r -= kw.w
	}
	return graph.Person
}

// option is a relationship type that joins two kinds, maybe read backwards.
type option struct {
	typ     uint8
	reverse bool
}

var kindIndex = func() map[graph.Kind]int {
	m := map[graph.Kind]int{}
	for i, k := range graph.Kinds {
		m[k.Kind] = i
	}
	return m
}()

// fits lists, for kinds (a, b), the types that may join a to b either way.
var fits = func() [][]([]option) {
	n := len(graph.Kinds)
	out := make([][]([]option), n)
	for i := range out {
		out[i] = make([][]option, n)
		for j := range out[i] {
			a, b := graph.Kinds[i].Kind, graph.Kinds[j].Kind
			for t, rt := range graph.Vocabulary {
				if a == graph.Source || b == graph.Source {
					continue // sources are evidence, joined only by REPORTED_TOLL
				}
				if rt.Allows(a, b) {
					out[i][j] = append(out[i][j], option{uint8(t), false})
				}
				if rt.Allows(b, a) {
					out[i][j] = append(out[i][j], option{uint8(t), true})
				}
			}
		}
	}
	return out
}()

func (g *Graph) options(a, b int32) []option {
	return fits[kindIndex[g.kind[a]]][kindIndex[g.kind[b]]]
}

// link adds an edge between a and b of a type that fits their kinds, or
// reports false when none does.
func (g *Graph) link(a, b int32) bool {
	opts := g.options(a, b)
	if len(opts) == 0 {
		return false
	}
	o := opts[g.rng.IntN(len(opts))]
	if o.reverse {
		a, b = b, a
	}
	g.src, g.dst, g.typ = append(g.src, a), append(g.dst, b), append(g.typ, o.typ)
	return true
}

func (g *Graph) linkType(a, b int32, name string) {
	for t, rt := range graph.Vocabulary {
		if rt.Name == name {
			g.src, g.dst, g.typ = append(g.src, a), append(g.dst, b), append(g.typ, uint8(t))
			return
		}
	}
	panic("synth: unknown type " + name)
}

func (g *Graph) addNode(k graph.Kind, comp int32) int32 {
	g.kind = append(g.kind, k)
	g.comp = append(g.comp, comp)
	return int32(len(g.kind) - 1)
}

// ba grows a Barabási–Albert graph: each new node attaches to m existing
// nodes chosen with probability proportional to degree, m in MMin..MMax.
// Kinds are drawn first; a chosen target whose kind no type fits is redrawn.
// Tails (chains of 6 persons) give pairs at distance 6 and more, and a few
// detached pairs give pairs with no path.
func (g *Graph) ba() {
	n := g.cfg.Nodes
	tails, detached := max(10, n/5000), max(10, n/10000)
	core := n - tails*6 - detached*2
	g.kind = make([]graph.Kind, 0, n)
	g.comp = make([]int32, 0, n)
	avgM := (g.cfg.MMin + g.cfg.MMax) / 2
	g.src = make([]int32, 0, n*avgM+n/10)
	g.dst = make([]int32, 0, cap(g.src))
	g.typ = make([]uint8, 0, cap(g.src))
	rep := make([]int32, 0, 2*n*avgM) // every edge end once: degree-proportional sampling
	seed := g.cfg.MMax + 1
	for i := 0; i < seed; i++ {
		g.addNode(graph.State, 0)
	}
	for i := int32(0); i < int32(seed); i++ {
		for j := i + 1; j < int32(seed); j++ {
			g.link(i, j)
			rep = append(rep, i, j)
		}
	}
	picked := make([]int32, 0, g.cfg.MMax)
	for len(g.kind) < core {
		v := g.addNode(g.randomKind(), 0)
		m := g.cfg.MMin + g.rng.IntN(g.cfg.MMax-g.cfg.MMin+1)
		picked = picked[:0]
		for tries := 0; len(picked) < m && tries < 40*m; tries++ {
			var t int32
			if tries < 30*m {
				t = rep[g.rng.IntN(len(rep))]
			} else {
				t = g.rng.Int32N(v) // uniform fallback for kinds hubs rarely fit
			}
			if slices.Contains(picked, t) || len(g.options(v, t)) == 0 {
				continue
			}
			picked = append(picked, t)
		}
		for _, t := range picked {
			g.link(v, t)
			rep = append(rep, v, t)
		}
	}
	persons := []int32{}
	for i, k := range g.kind {
		if k == graph.Person {
			persons = append(persons, int32(i))
		}
	}
	for t := 0; t < tails; t++ {
		prev := persons[g.rng.IntN(len(persons))]
		for j := 0; j < 6; j++ {
			p := g.addNode(graph.Person, 0)
			g.linkType(prev, p, "SPOKE_WITH")
			prev = p
		}
	}
	for d := 0; d < detached; d++ {
		a := g.addNode(graph.Person, int32(d+1))
		b := g.addNode(graph.Person, int32(d+1))
		g.linkType(a, b, "SPOKE_WITH")
	}
	g.addSources(max(8, n/1000))
}

// addSources adds the evidence sources and a REPORTED_TOLL edge from each to
// an event, so every kind and type occurs.
func (g *Graph) addSources(n int) {
	g.sources = n
	var events []int32
	for i, k := range g.kind {
		if k == graph.Event {
			events = append(events, int32(i))
		}
	}
	if len(events) == 0 {
		return
	}
	for j := 0; j < n; j++ {
		for r := 0; r < 3; r++ {
			g.tolls = append(g.tolls, [2]int32{int32(j), events[g.rng.IntN(len(events))]})
		}
	}
}

// complete is K_n over states: every pair joined once.
func (g *Graph) complete(n int) {
	for i := 0; i < n; i++ {
		g.addNode(graph.State, 0)
	}
	for i := int32(0); i < int32(n); i++ {
		for j := i + 1; j < int32(n); j++ {
			g.link(i, j)
		}
	}
	g.addSources(1)
}

// chain is n persons in a line.
func (g *Graph) chain(n int) {
	g.addNode(graph.Person, 0)
	for i := 1; i < n; i++ {
		p := g.addNode(graph.Person, 0)
		g.linkType(p-1, p, "SPOKE_WITH")
	}
	g.addSources(1)
}

// hub is one group with n attackers, each a MEMBER_OF it.
func (g *Graph) hub(n int) {
	h := g.addNode(graph.Group, 0)
	for i := 0; i < n; i++ {
		a := g.addNode(graph.Attacker, 0)
		g.linkType(a, h, "MEMBER_OF")
	}
	g.addSources(1)
}

// disconnected is n detached pairs of persons.
func (g *Graph) disconnected(n int) {
	for i := 0; i < n; i++ {
		a := g.addNode(graph.Person, int32(i))
		b := g.addNode(graph.Person, int32(i))
		g.linkType(a, b, "SPOKE_WITH")
	}
	g.addSources(1)
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b [20]byte
	p := len(b)
	for i > 0 {
		p--
		b[p] = byte('0' + i%10)
		i /= 10
	}
	return string(b[p:])
}
