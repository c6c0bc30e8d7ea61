package stix

import (
	"bufio"
	"crypto/sha256"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/actorgraph/actorgraph/format"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/google/uuid"
)

// Package format chooses the STIX format (format.STIX) like the others;
// this package writes it.
func init() { format.RegisterSTIX(Write) }

// Write writes g as a STIX 2.1 bundle to w, one object a line, sorted by
// STIX id, so the same graph always gives the same bytes (no field holds the
// current time). Source nodes in g become reports and supply the
// external_references of the relationships they support; a Source's text
// (property "text") is written as x_actorgraph_text so a re-import can check
// quotes. Edges whose sources are not in g still name them in
// x_actorgraph_sources and external_references (by id only).
func Write(w io.Writer, g *graph.Subgraph) error {
	x, m := newExporter(g)
	bw := bufio.NewWriterSize(w, 64<<10)
	objs := x.index(g, m)
	sum := sha256.New()
	for _, o := range objs {
		io.WriteString(sum, o.id)
	}
	bundle := "bundle--" + uuid.NewSHA1(Namespace, sum.Sum(nil)).String()
	fmt.Fprintf(bw, "{\"type\":\"bundle\",\"id\":%q,\"objects\":[\n", bundle)
	var b []byte
	for i, o := range objs {
		var err error
		if b, err = appendObject(b[:0], o.build()); err != nil {
			return fmt.Errorf("stix: %s: %w", o.id, err)
		}
		if i > 0 {
			bw.WriteString(",\n")
		}
		if _, err := bw.Write(b); err != nil {
			return err
		}
	}
	bw.WriteString("\n]}\n")
	return bw.Flush()
}

// pending is one object of the bundle, built only when it is written.
type pending struct {
	id    string
	build func() map[string]any
}

// exporter builds the objects of an export. What an object needs of the
// rest of the graph it asks of a lookup: the whole graph held in memory
// (Write), or the compact index of a streamed export (Stream).
type exporter struct {
	lookup
}

// lookup is what building one object needs of the rest of the graph.
type lookup interface {
	// stixID is the STIX id of our node id, "" when the node is not exported.
	stixID(id string) string
	// up is the node id for following LOCATED_IN and naming a source: its
	// kind, name and the properties placing it or describing a source; nil
	// when it is not exported.
	up(id string) *graph.Node
	// within lists the LOCATED_IN targets of a node.
	within(id string) []string
	// touched is the earliest reportedOn of a node's edges, or "".
	touched(id string) string
	// reportRefs are the STIX ids a source supports (unsorted, maybe repeated).
	reportRefs(id string) []string
}

// whole is the lookup of a graph held in memory.
type whole struct {
	nodes   map[string]*graph.Node
	ids     map[string]string   // our node id -> STIX id
	locIn   map[string][]string // LOCATED_IN targets per node
	touches map[string]string   // node id -> earliest reportedOn of its edges
	reports map[string][]string // source id -> STIX ids it supports
}

func (m *whole) stixID(id string) string       { return m.ids[id] }
func (m *whole) up(id string) *graph.Node      { return m.nodes[id] }
func (m *whole) within(id string) []string     { return m.locIn[id] }
func (m *whole) touched(id string) string      { return m.touches[id] }
func (m *whole) reportRefs(id string) []string { return m.reports[id] }

// g is the graph Write is writing; newExporter's exporter is over it.
func newExporter(g *graph.Subgraph) (*exporter, *whole) {
	m := &whole{nodes: make(map[string]*graph.Node, len(g.Nodes)), ids: make(map[string]string, len(g.Nodes)),
		locIn: map[string][]string{}, touches: map[string]string{}, reports: map[string][]string{}}
	x := &exporter{m}
	for i := range g.Nodes {
		n := &g.Nodes[i]
		m.nodes[n.ID] = n
	}
	for _, e := range g.Edges {
		if e.Type == "LOCATED_IN" {
			m.locIn[e.Source] = append(m.locIn[e.Source], e.Target)
		}
		if e.ReportedOn != "" {
			for _, id := range []string{e.Source, e.Target} {
				if t, ok := m.touches[id]; !ok || e.ReportedOn < t {
					m.touches[id] = e.ReportedOn
				}
			}
		}
	}
	// After LOCATED_IN is known: whether a Location is placed decides its type.
	for i := range g.Nodes {
		n := &g.Nodes[i]
		m.ids[n.ID] = ID(x.typeOf(n), n.ID)
	}
	return x, m
}

// index lists every object of g with its id, sorted by id.
func (x *exporter) index(g *graph.Subgraph, m *whole) []pending {
	out := make([]pending, 0, len(g.Nodes)+len(g.Edges)+2)
	out = append(out, pending{IdentityID, identityObject}, pending{ExtensionID, extensionObject})
	used := map[graph.Marking]bool{}
	for i := range g.Edges {
		e := &g.Edges[i]
		if m.ids[e.Source] == "" || m.ids[e.Target] == "" {
			continue // an edge to a node outside g cannot be written as a relationship
		}
		used[e.Marking] = true
		ourID, id := relationshipIDs(e)
		for _, s := range e.Sources {
			m.reports[s] = append(m.reports[s], id, m.ids[e.Source], m.ids[e.Target])
		}
		out = append(out, pending{id, func() map[string]any { return x.relationship(e, ourID, id) }})
	}
	for i := range g.Nodes {
		n := &g.Nodes[i]
		used[n.Marking] = true
		out = append(out, pending{m.ids[n.ID], func() map[string]any { return x.node(n) }})
	}
	// The marking definitions the objects refer to, so the bundle stands alone.
	for _, mk := range graph.Markings {
		if used[mk] {
			out = append(out, pending{exportIDs[mk], func() map[string]any { return markingObject(mk) }})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out
}

// relationshipIDs are an edge's id and its relationship's STIX id. An edge
// of a data set not yet validated may have no id: it gets the one the
// import would give it.
func relationshipIDs(e *graph.Edge) (ourID, id string) {
	ourID = e.ID
	if ourID == "" {
		ourID = graph.EdgeID(e.Type, e.Source, e.Target)
	}
	return ourID, ID("relationship", ourID)
}

// typeOf is n's STIX type: a State or Location with no ISO country, region
// or coordinates cannot be a valid STIX location, so it is a place of our
// own (new-sdo).
func (x *exporter) typeOf(n *graph.Node) string {
	if (n.Kind == graph.Location || n.Kind == graph.State) && !x.placed(n) {
		return placeType
	}
	if t, ok := objectType[n.Kind]; ok {
		return t
	}
	return placeType
}

// placeType is the custom object of an unplaced Location.
const placeType = "x-actorgraph-place"

func identityObject() map[string]any {
	return map[string]any{"type": "identity", "spec_version": "2.1", "id": IdentityID, "created": epoch, "modified": epoch,
		"name": "actorgraph", "identity_class": "system",
		"description": "actorgraph, which exported this bundle from its graph of actors behind political violence"}
}

func extensionObject() map[string]any {
	return map[string]any{"type": "extension-definition", "spec_version": "2.1", "id": ExtensionID,
		"created_by_ref": IdentityID, "created": epoch, "modified": epoch,
		"name": "actorgraph properties", "version": "1.0.0",
		"description":          "actorgraph's own fields, so a re-import loses nothing; see the README's STIX section",
		"schema":               "https://github.com/actorgraph/actorgraph#stix-21",
		"extension_types":      []string{"toplevel-property-extension", "new-sdo"},
		"extension_properties": extensionProperties}
}

// extensionProperties are every top-level property the extension adds.
var extensionProperties = []string{
	"first_seen", "last_seen",
	"x_actorgraph_aliases", "x_actorgraph_confidence", "x_actorgraph_evidence", "x_actorgraph_id",
	"x_actorgraph_inferred", "x_actorgraph_kind", "x_actorgraph_name", "x_actorgraph_properties", "x_actorgraph_quote",
	"x_actorgraph_quote_end", "x_actorgraph_quote_sha256", "x_actorgraph_quote_source", "x_actorgraph_quote_start",
	"x_actorgraph_reason", "x_actorgraph_reported_on", "x_actorgraph_source", "x_actorgraph_sources",
	"x_actorgraph_stance", "x_actorgraph_summary", "x_actorgraph_target", "x_actorgraph_text", "x_actorgraph_type",
	"x_actorgraph_valid_from", "x_actorgraph_valid_to",
}

// common are the fields every exported object of ours has.
func common(typ, id, created string) map[string]any {
	ext := "toplevel-property-extension"
	if typ == placeType {
		ext = "new-sdo"
	}
	return map[string]any{"type": typ, "spec_version": "2.1", "id": id, "created": created, "modified": created,
		"created_by_ref": IdentityID,
		"extensions":     map[string]any{ExtensionID: map[string]any{"extension_type": ext}}}
}

func ourRef(id string) map[string]any {
	return map[string]any{"source_name": "actorgraph", "external_id": id}
}

// nonEmpty drops text properties our data leaves empty.
func put(o map[string]any, k string, v string) {
	if strings.TrimSpace(v) != "" {
		o[k] = v
	}
}
