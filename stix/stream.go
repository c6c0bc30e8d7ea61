package stix

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/google/uuid"
)

// Stream writes the bundle Write writes for the graph read hands over,
// byte for byte, without holding the graph or the bundle. read is called
// twice; each call hands every node, then every edge, to its sink (Begin,
// Node..., Edge..., End), the same rows both times.
//
// The first pass keeps a compact index: each node's id and STIX type, the
// earliest reportedOn of its edges, the LOCATED_IN edges, the kind, name and
// placing properties of States and Locations, the publisher and url of
// Sources, and each Source's supporting relationships as 16-byte uuids and
// node numbers (about 40 bytes a node and 30 an edge citation). The second
// pass builds each object and writes it to a temporary file, keeping its
// STIX id in 16 bytes and where it sits in the file; the ids are then sorted
// and the objects copied out in that order. Nothing is written to w before
// both passes end, so an error until then can still be an error answer.
func Stream(w io.Writer, read func(graph.Sink) error) error {
	ix := newStreamIndex()
	x := &exporter{ix}
	if err := read(&indexPass{ix: ix, x: x}); err != nil {
		return err
	}
	sp, err := newSpill()
	if err != nil {
		return err
	}
	defer sp.remove()
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
	nodes   map[string]*graph.Node
	locIn   map[string][]string
	reports map[string]*citations
	used    map[graph.Marking]bool
	typeOf  map[string]uint8 // STIX type -> code
	typeNs  []string         // code -> STIX type
}

// citations are the relationships citing one source and their ends.
type citations struct {
	rels  [][16]byte // relationship uuids
	nodes []int32    // node numbers of their ends
}

func newStreamIndex() *streamIndex {
	return &streamIndex{pos: map[string]int32{}, nodes: map[string]*graph.Node{}, locIn: map[string][]string{},
		reports: map[string]*citations{}, used: map[graph.Marking]bool{}, typeOf: map[string]uint8{}}
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
	if n := ix.nodes[id]; n != nil {
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
	c := ix.reports[id]
	if c == nil {
		return nil
	}
	out := make([]string, 0, len(c.rels)+len(c.nodes))
	for _, u := range c.rels {
		out = append(out, "relationship--"+uuid.UUID(u).String())
	}
	for _, i := range c.nodes {
		out = append(out, ID(ix.typeNs[ix.types[i]], ix.ids[i]))
	}
	return out
}

// kept are the properties the index keeps of a State or Location (what
// places it) and of a Source (what names it in external references).
var kept = map[graph.Kind][]string{
	graph.State:    {"iso2", "lat", "lon", "stixRegion"},
	graph.Location: {"iso2", "lat", "lon", "stixRegion"},
	graph.Source:   {"publisher", "url"},
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
	var typ string
	if keys, ok := kept[n.Kind]; ok {
		c := &graph.Node{ID: n.ID, Kind: n.Kind, Name: n.Name}
		for _, k := range keys {
			if v, ok := n.Properties[k]; ok {
				if c.Properties == nil {
					c.Properties = map[string]any{}
				}
				c.Properties[k] = v
			}
		}
		ix.nodes[n.ID] = c
	}
	if n.Kind != graph.State && n.Kind != graph.Location {
		typ = p.x.typeOf(n)
	} else {
		typ = placeType // decided at End, when LOCATED_IN is known
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
				ix.touches[i] = strings.Clone(e.ReportedOn)
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
		c := ix.reports[s]
		if c == nil {
			c = &citations{}
			ix.reports[strings.Clone(s)] = c
		}
		c.rels = append(c.rels, u)
		c.nodes = append(c.nodes, a, b)
	}
	return nil
}

// End types the States and Locations: whether one is placed follows
// LOCATED_IN, known only now.
func (p *indexPass) End() error {
	for id, n := range p.ix.nodes {
		if n.Kind == graph.State || n.Kind == graph.Location {
			p.ix.types[p.ix.pos[id]] = p.ix.code(p.x.typeOf(n))
		}
	}
	return nil
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
	return p.sp.add(p.ix.stixID(n.ID), p.x.node(n))
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

// spill holds the built objects in a temporary file, and their ids.
type spill struct {
	f     *os.File
	bw    *bufio.Writer
	off   int64
	objs  []spilled
	buf   []byte
	types map[string]uint8
	names []string
}

// spilled is one object in the spill: its STIX id (type and uuid) and
// where its bytes are.
type spilled struct {
	u   [16]byte
	typ uint8
	n   uint32
	off int64
}

func newSpill() (*spill, error) {
	f, err := os.CreateTemp("", "actorgraph-stix-*.spill")
	if err != nil {
		return nil, fmt.Errorf("stix: a temporary file for the export: %w", err)
	}
	return &spill{f: f, bw: bufio.NewWriterSize(f, 256<<10), types: map[string]uint8{}}, nil
}

func (sp *spill) remove() {
	sp.f.Close()
	os.Remove(sp.f.Name())
}

// add builds o and spills it under id.
func (sp *spill) add(id string, o map[string]any) error {
	typ, u, ok := strings.Cut(id, "--")
	parsed, err := uuid.Parse(u)
	if !ok || err != nil {
		return fmt.Errorf("stix: %s: not a STIX id", id)
	}
	c, ok := sp.types[typ]
	if !ok {
		c = uint8(len(sp.names))
		sp.types[typ] = c
		sp.names = append(sp.names, typ)
	}
	if sp.buf, err = appendObject(sp.buf[:0], o); err != nil {
		return fmt.Errorf("stix: %s: %w", id, err)
	}
	if _, err := sp.bw.Write(sp.buf); err != nil {
		return fmt.Errorf("stix: writing the export's temporary file: %w", err)
	}
	sp.objs = append(sp.objs, spilled{u: parsed, typ: c, n: uint32(len(sp.buf)), off: sp.off})
	sp.off += int64(len(sp.buf))
	return nil
}

// copyOut writes the bundle: its id, then the objects sorted by STIX id.
// Two ids of different types compare as their types followed by "--" do
// (no type holds "--"), and two of one type as their uuids' bytes do.
func (sp *spill) copyOut(w io.Writer) error {
	if err := sp.bw.Flush(); err != nil {
		return fmt.Errorf("stix: writing the export's temporary file: %w", err)
	}
	rank := make([]int, len(sp.names))
	order := make([]int, len(sp.names))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(sp.names[a]+"--", sp.names[b]+"--") })
	for r, c := range order {
		rank[c] = r
	}
	slices.SortFunc(sp.objs, func(a, b spilled) int {
		if a.typ != b.typ {
			return rank[a.typ] - rank[b.typ]
		}
		return bytes.Compare(a.u[:], b.u[:])
	})
	sum := sha256.New()
	for _, o := range sp.objs {
		io.WriteString(sum, sp.names[o.typ]+"--"+uuid.UUID(o.u).String())
	}
	bundle := "bundle--" + uuid.NewSHA1(Namespace, sum.Sum(nil)).String()
	bw := bufio.NewWriterSize(w, 64<<10)
	fmt.Fprintf(bw, "{\"type\":\"bundle\",\"id\":%q,\"objects\":[\n", bundle)
	for i, o := range sp.objs {
		sp.buf = slices.Grow(sp.buf[:0], int(o.n))[:o.n]
		if _, err := sp.f.ReadAt(sp.buf, o.off); err != nil {
			return fmt.Errorf("stix: reading the export's temporary file: %w", err)
		}
		if i > 0 {
			bw.WriteString(",\n")
		}
		if _, err := bw.Write(sp.buf); err != nil {
			return err
		}
	}
	bw.WriteString("\n]}\n")
	return bw.Flush()
}
