package stix

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/google/uuid"
)

// Stream writes the bundle Write writes for the graph read hands over,
// byte for byte, without holding the graph or the bundle. read is called
// twice; each call hands every node, then every edge, to its sink (Begin,
// Node..., Edge..., End), the same rows both times.
//
// The first pass keeps a compact index: each node's number, STIX type and
// earliest reportedOn of its edges (about 40 bytes a node), the LOCATED_IN
// edges, the name and country code of States and Locations, the publisher
// and url of Sources; each Source's supporting relationships go to a
// temporary file (citations). The second pass builds each object and hands
// it to a bounded external sort on disk (spill), which writes the objects in
// STIX id order. Nothing is written to w before both passes end, so an error
// until then can still be an error answer.
func Stream(w io.Writer, read func(graph.Sink) error) error {
	sp, err := newSpill()
	if err != nil {
		return err
	}
	defer sp.remove()
	cites, err := newCitations(sp.dir)
	if err != nil {
		return err
	}
	defer cites.close()
	ix := newStreamIndex(cites)
	x := &exporter{ix}
	if err := read(&indexPass{ix: ix, x: x}); err != nil {
		return err
	}
	if err := read(&objectPass{ix: ix, x: x, sp: sp}); err != nil {
		return err
	}
	// The fixed objects and the marking definitions the objects refer to.
	if err := sp.add(IdentityID, identityObject()); err != nil {
		return err
	}
	if err := sp.add(ExtensionID, extensionObject()); err != nil {
		return err
	}
	for _, m := range graph.Markings {
		if ix.used[m] {
			if err := sp.add(exportIDs[m], markingObject(m)); err != nil {
				return err
			}
		}
	}
	return sp.copyOut(w)
}

// streamIndex is the lookup of a streamed export: what the first pass keeps.
type streamIndex struct {
	pos     map[string]int32 // node id -> node number
	ids     []string         // our id, by node number
	types   []uint8          // STIX type (a types code), by node number
	touches []string         // earliest reportedOn, by node number
	places  map[string]*place
	sources map[string]*graph.Node
	locIn   map[string][]string
	cites   *citations
	err     error // of reading the citations while building a report
	used    map[graph.Marking]bool
	typeOf  map[string]uint8 // STIX type -> code
	typeNs  []string         // code -> STIX type
	dates   map[string]string
}

// place is what the index keeps of a State or Location: what following
// LOCATED_IN needs (its country code, for a State) and whether it places
// itself (a region or coordinates of its own).
type place struct {
	kind graph.Kind
	name string
	code string
	self bool
}

func newStreamIndex(c *citations) *streamIndex {
	return &streamIndex{pos: map[string]int32{}, places: map[string]*place{}, sources: map[string]*graph.Node{},
		locIn: map[string][]string{}, cites: c, used: map[graph.Marking]bool{}, typeOf: map[string]uint8{},
		dates: map[string]string{}}
}

// code is the number of a STIX type.
func (ix *streamIndex) code(typ string) uint8 {
	c, ok := ix.typeOf[typ]
	if !ok {
		c = uint8(len(ix.typeNs))
		ix.typeOf[typ] = c
		ix.typeNs = append(ix.typeNs, typ)
	}
	return c
}

func (ix *streamIndex) stixID(id string) string {
	i, ok := ix.pos[id]
	if !ok {
		return ""
	}
	return ID(ix.typeNs[ix.types[i]], id)
}

func (ix *streamIndex) up(id string) *graph.Node {
	if p := ix.places[id]; p != nil {
		n := &graph.Node{ID: id, Kind: p.kind, Name: p.name}
		if p.code != "" {
			// country reads a State's code from iso2: CountryCode(code) is code.
			n.Properties = map[string]any{"iso2": p.code}
		}
		return n
	}
	if n := ix.sources[id]; n != nil {
		return n
	}
	if _, ok := ix.pos[id]; ok {
		// Neither State nor Location: only its own LOCATED_IN matter.
		return &graph.Node{ID: id}
	}
	return nil
}

func (ix *streamIndex) within(id string) []string { return ix.locIn[id] }

func (ix *streamIndex) touched(id string) string {
	if i, ok := ix.pos[id]; ok {
		return ix.touches[i]
	}
	return ""
}

func (ix *streamIndex) reportRefs(id string) []string {
	var out []string
	err := ix.cites.of(id, func(u [16]byte, a, b int32) {
		out = append(out, "relationship--"+uuid.UUID(u).String(),
			ID(ix.typeNs[ix.types[a]], ix.ids[a]), ID(ix.typeNs[ix.types[b]], ix.ids[b]))
	})
	if err != nil && ix.err == nil {
		ix.err = err
	}
	return out
}

// indexPass is the first pass: it fills the index.
type indexPass struct {
	ix    *streamIndex
	x     *exporter
	edges bool
}

func (p *indexPass) Begin(graph.Head) error { return nil }

func (p *indexPass) Node(n *graph.Node) error {
	ix := p.ix
	if p.edges {
		return errors.New("stix: a node after the edges")
	}
	if _, dup := ix.pos[n.ID]; dup {
		return fmt.Errorf("stix: node %s handed over twice", n.ID)
	}
	ix.pos[n.ID] = int32(len(ix.ids))
	ix.ids = append(ix.ids, n.ID)
	ix.touches = append(ix.touches, "")
	ix.used[n.Marking] = true
	typ := placeType // of a State or Location: decided at End, when LOCATED_IN is known
	switch n.Kind {
	case graph.State, graph.Location:
		pl := &place{kind: n.Kind, name: n.Name}
		if n.Kind == graph.State {
			pl.code = p.x.country(n, 0)
		}
		_, _, coords := coordinates(n)
		pl.self = regionOf(n) != "" || coords
		ix.places[n.ID] = pl
	case graph.Source:
		c := &graph.Node{ID: n.ID, Kind: n.Kind, Name: n.Name}
		for _, k := range []string{"publisher", "url"} {
			if v, ok := n.Properties[k]; ok {
				if c.Properties == nil {
					c.Properties = map[string]any{}
				}
				c.Properties[k] = v
			}
		}
		ix.sources[n.ID] = c
		typ = p.x.typeOf(n)
	default:
		typ = p.x.typeOf(n)
	}
	ix.types = append(ix.types, ix.code(typ))
	return nil
}

func (p *indexPass) Edge(e *graph.Edge) error {
	ix := p.ix
	p.edges = true
	if e.Type == "LOCATED_IN" {
		ix.locIn[e.Source] = append(ix.locIn[e.Source], e.Target)
	}
	if e.ReportedOn != "" {
		for _, id := range []string{e.Source, e.Target} {
			if i, ok := ix.pos[id]; ok && (ix.touches[i] == "" || e.ReportedOn < ix.touches[i]) {
				ix.touches[i] = ix.date(e.ReportedOn)
			}
		}
	}
	a, okA := ix.pos[e.Source]
	b, okB := ix.pos[e.Target]
	if !okA || !okB {
		return nil // not written, as Write skips it
	}
	ix.used[e.Marking] = true
	if len(e.Sources) == 0 {
		return nil
	}
	ourID, _ := relationshipIDs(e)
	u := uuid.NewSHA1(Namespace, []byte("relationship|"+ourID))
	for _, s := range e.Sources {
		if err := ix.cites.add(s, u, a, b); err != nil {
			return err
		}
	}
	return nil
}

// date is s, kept once however many nodes it is the earliest date of.
func (ix *streamIndex) date(s string) string {
	if d, ok := ix.dates[s]; ok {
		return d
	}
	d := strings.Clone(s)
	ix.dates[d] = d
	return d
}

// End types the States and Locations, whether one is placed following
// LOCATED_IN, known only now (as typeOf does), and groups the citations.
func (p *indexPass) End() error {
	for id, pl := range p.ix.places {
		typ := placeType
		if pl.self || p.x.country(p.ix.up(id), 0) != "" {
			typ = objectType[pl.kind]
		}
		p.ix.types[p.ix.pos[id]] = p.ix.code(typ)
	}
	return p.ix.cites.group()
}

// errChanged is the error of a second pass that saw another graph.
var errChanged = fmt.Errorf("%w: the graph changed while it was being exported; export it again", graph.ErrConflict)

// objectPass is the second pass: it builds every object into the spill.
type objectPass struct {
	ix    *streamIndex
	x     *exporter
	sp    *spill
	nodes int
}

func (p *objectPass) Begin(graph.Head) error { return nil }

func (p *objectPass) Node(n *graph.Node) error {
	if _, ok := p.ix.pos[n.ID]; !ok {
		return errChanged
	}
	p.nodes++
	o := p.x.node(n)
	if p.ix.err != nil {
		return p.ix.err
	}
	return p.sp.add(p.ix.stixID(n.ID), o)
}

func (p *objectPass) Edge(e *graph.Edge) error {
	if p.ix.stixID(e.Source) == "" || p.ix.stixID(e.Target) == "" {
		return nil
	}
	ourID, id := relationshipIDs(e)
	return p.sp.add(id, p.x.relationship(e, ourID, id))
}

func (p *objectPass) End() error {
	if p.nodes != len(p.ix.ids) {
		return errChanged
	}
	return nil
}
