package stix

import (
	"fmt"
	"strings"

	"github.com/actorgraph/actorgraph/dataset"
	"github.com/actorgraph/actorgraph/graph"
)

// foreignFields copies the STIX fields a kind has a place for.
func foreignFields(o object, n *graph.Node) {
	p := n.Properties
	switch n.Kind {
	case graph.State:
		p["iso2"] = CountryCode(o.str("country"))
		if n.Name == "" {
			n.Name = CountryName(p["iso2"].(string))
		}
	case graph.Location:
		put(p, "city", o.str("city"))
		put(p, "region", o.str("administrative_area"))
		put(p, "stixRegion", o.str("region"))
		if c := CountryCode(o.str("country")); c != "" {
			p["country"] = c
		}
		if lat, ok := number(dataset.NormalizeValue(o["latitude"])); ok {
			p["lat"] = lat
		}
		if lon, ok := number(dataset.NormalizeValue(o["longitude"])); ok {
			p["lon"] = lon
		}
	case graph.Event:
		put(p, "date", date(o.str("first_seen")))
		if end := date(o.str("last_seen")); end != "" && end != p["date"] {
			p["endDate"] = end
		}
	case graph.Source:
		n.Name = o.str("name")
		put(p, "title", o.str("name"))
		put(p, "date", date(o.str("published")))
		for _, r := range refs(o) {
			if u := r.str("url"); u != "" {
				p["url"] = u
				put(p, "publisher", r.str("source_name"))
				break
			}
		}
		put(p, "text", o.str("x_actorgraph_text"))
	case graph.Group, graph.Attacker:
		if ts := o.strs("threat_actor_types"); len(ts) > 0 {
			p["threatActorTypes"] = anyList(ts)
		}
		put(p, "resourceLevel", o.str("resource_level"))
	case graph.Person:
		put(p, "role", o.str("contact_information"))
	}
}

func anyList(xs []string) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

// edge imports one relationship, or counts it as skipped: when an end was not
// imported, or when no x_actorgraph_type and no row of the table maps it.
func (im *importer) edge(i int, o object) {
	src, tgt := im.ours[o.str("source_ref")], im.ours[o.str("target_ref")]
	what := fmt.Sprintf("relationship %s (%s -> %s)", o.str("relationship_type"),
		typeOfRef(o.str("source_ref")), typeOfRef(o.str("target_ref")))
	if im.unresolved(i, o) {
		im.res.skip("relationship (an end neither in the bundle nor in the graph)")
		return
	}
	if src == "" || tgt == "" {
		// An end the bundle holds but the graph has no place for (malware...).
		im.res.skip(what)
		return
	}
	e, ok := im.restoreEdge(o, src, tgt)
	if !ok {
		rule, found := lookupRule(o.str("relationship_type"), im.kinds[src], im.kinds[tgt])
		if !found {
			im.res.skip(fmt.Sprintf("relationship %s (%s -> %s)", o.str("relationship_type"), im.kinds[src], im.kinds[tgt]))
			return
		}
		if rule.swap {
			src, tgt = tgt, src
		}
		e = im.foreignEdge(o, rule.our, src, tgt)
		if !foreignEvidence(o, &e.Evidence, im.summary(o, rule.our, src, tgt)) {
			im.res.skip(what + " without evidence")
			return
		}
	}
	if im.edgeID == nil {
		im.edgeID = map[string]bool{}
	}
	if im.edgeID[e.ID] {
		im.res.skip("relationship (duplicate)")
		return
	}
	im.edgeID[e.ID] = true
	im.markEdge(o, &e)
	im.d.AddEdge(e, im.name+": "+o.str("id"))
}

// unresolved notes, for each end of relationship o (objects[i]) that is
// neither in the bundle nor found in the graph, a problem naming it.
func (im *importer) unresolved(i int, o object) bool {
	bad := false
	for _, k := range []string{"source_ref", "target_ref"} {
		ref := o.str(k)
		if _, in := im.byID[ref]; in || im.ours[ref] != "" {
			continue
		}
		bad = true
		im.res.Unresolved = append(im.res.Unresolved, graph.Problem{
			Record: fmt.Sprintf("%s: objects[%d] (%s)", im.name, i, o.str("id")), Field: k, Value: ref,
			Reason: "refers to an object neither in the bundle nor in the graph; add it to the bundle, " +
				"import it first, or import with lenient=true to leave this relationship out"})
	}
	return bad
}

func typeOfRef(id string) string {
	t, _, _ := strings.Cut(id, "--")
	return t
}

// restoreEdge rebuilds an edge of ours from its x_actorgraph_* fields.
func (im *importer) restoreEdge(o object, src, tgt string) (graph.Edge, bool) {
	typ := o.str("x_actorgraph_type")
	rt, ok := graph.LookupRel(typ)
	if !ok || o.str("x_actorgraph_id") == "" {
		return graph.Edge{}, false
	}
	if s, t := o.str("x_actorgraph_source"), o.str("x_actorgraph_target"); s != "" && t != "" {
		src, tgt = s, t
	} else if relMappingOf(rt.Name).reversed {
		src, tgt = tgt, src
	}
	e := graph.Edge{ID: o.str("x_actorgraph_id"), Type: rt.Name, Source: src, Target: tgt}
	e.Sources = o.strs("x_actorgraph_sources")
	e.Confidence = confidence(o)
	e.Stance = graph.Stance(o.str("x_actorgraph_stance"))
	e.ValidFrom, e.ValidTo = o.str("x_actorgraph_valid_from"), o.str("x_actorgraph_valid_to")
	e.ReportedOn = o.str("x_actorgraph_reported_on")
	e.Inferred, _ = o["x_actorgraph_inferred"].(bool)
	e.Reason = o.str("x_actorgraph_reason")
	readEvidence(o, &e.Evidence)
	if p, ok := o["x_actorgraph_properties"].(map[string]any); ok && len(p) > 0 {
		e.Properties = dataset.NormalizeProps(p)
	}
	return e, true
}

func confidence(o object) int {
	if c, ok := number(dataset.NormalizeValue(o["confidence"])); ok && c >= 0 && c <= 100 {
		return int(c)
	}
	return 0
}

// foreignEdge makes an edge of a relationship from another tool: its sources
// are the reports that name it (or our sources it references), else the
// bundle itself as a Source.
func (im *importer) foreignEdge(o object, typ, src, tgt string) graph.Edge {
	e := graph.Edge{ID: graph.EdgeID(typ, src, tgt), Type: typ, Source: src, Target: tgt,
		Properties: map[string]any{"stixId": o.str("id")}}
	if im.edgeID[e.ID] {
		_, u, _ := strings.Cut(o.str("id"), "--")
		e.ID += "~" + strings.ReplaceAll(u, "-", "")[:12]
	}
	e.Sources = append([]string(nil), im.refs[o.str("id")]...)
	for _, r := range refs(o) {
		if id := r.str("external_id"); r.str("source_name") == "actorgraph" && im.kinds[id] == graph.Source {
			e.Sources = append(e.Sources, id)
		}
	}
	if len(e.Sources) == 0 {
		e.Sources = []string{im.ownSource()}
	}
	e.Confidence = confidence(o)
	e.Stance = graph.Reported
	for _, l := range o.strs("labels") {
		if st, ok := graph.ParseStance(strings.TrimPrefix(l, "stance:")); ok && strings.HasPrefix(l, "stance:") {
			e.Stance = st
		}
	}
	e.ValidFrom, e.ValidTo = date(o.str("start_time")), date(o.str("stop_time"))
	e.ReportedOn = date(o.str("created"))
	return e
}

// ownSource is the Source standing for the bundle, for relationships no
// report names.
func (im *importer) ownSource() string {
	if im.own != "" {
		return im.own
	}
	_, u, _ := strings.Cut(im.bundle, "--")
	im.own = "source:stix-bundle-" + slug(u)
	if u == "" {
		im.own = "source:stix-bundle-" + slug(im.name)
	}
	title := "STIX bundle " + im.bundle
	if im.bundle == "" {
		title = "STIX bundle " + im.name
	}
	im.add("bundle--"+u, graph.Node{ID: im.own, Kind: graph.Source, Name: title,
		Properties: map[string]any{"title": title, "stixId": im.bundle}})
	return im.own
}

// summary is the importer's own words for a relationship with no
// description: what the bundle asserted, in STIX terms.
func (im *importer) summary(o object, typ, src, tgt string) string {
	name := func(stixID string) string {
		if n := im.byID[stixID].str("name"); n != "" {
			return n
		}
		return stixID
	}
	return fmt.Sprintf("The STIX bundle %s states %s %s %s (%s, read as %s).", im.bundle,
		name(o.str("source_ref")), o.str("relationship_type"), name(o.str("target_ref")), o.str("id"), typ)
}
