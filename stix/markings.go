package stix

import (
	"sort"

	"github.com/actorgraph/actorgraph/graph"
)

// The standard TLP marking definitions, by id. The STIX 2.1 specification
// (section 7.2.1.4) defines TLP 1.0's four, created 2017-01-20; FIRST's TLP
// 2.0 has its own five, created 2022-10-01 with the TLP 2.0 extension
// (tlp2Extension). An import reads all nine; an export writes the
// specification's where TLP 1.0 has the level (white is TLP 2.0's clear)
// and TLP 2.0's for amber+strict, which TLP 1.0 lacks.
var tlpIDs = map[string]graph.Marking{
	"marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9": graph.Clear, // TLP:WHITE
	"marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da": graph.Green,
	"marking-definition--f88d31f6-486f-44da-b317-01333bde0b82": graph.Amber,
	"marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed": graph.Red,

	"marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487": graph.Clear,
	"marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb": graph.Green,
	"marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421": graph.Amber,
	"marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003": graph.AmberStrict,
	"marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1": graph.Red,
}

// tlp2Extension is the extension definition TLP 2.0's marking definitions
// carry their level in (property tlp_2_0).
const tlp2Extension = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d"

// exportIDs are the marking definitions an export refers to, by marking.
var exportIDs = map[graph.Marking]string{
	graph.Clear:       "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9",
	graph.Green:       "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da",
	graph.Amber:       "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82",
	graph.AmberStrict: "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
	graph.Red:         "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed",
}

// markingObject is the standard marking definition an export refers to for m.
func markingObject(m graph.Marking) map[string]any {
	id := exportIDs[m]
	if m == graph.AmberStrict {
		return map[string]any{"type": "marking-definition", "spec_version": "2.1", "id": id,
			"created": "2022-10-01T00:00:00.000Z", "name": "TLP:AMBER+STRICT",
			"extensions": map[string]any{tlp2Extension: map[string]any{
				"extension_type": "property-extension", "tlp_2_0": "amber+strict"}}}
	}
	level := string(m)
	if m == graph.Clear {
		level = "white"
	}
	return map[string]any{"type": "marking-definition", "spec_version": "2.1", "id": id,
		"created": "2017-01-20T00:00:00.000Z", "definition_type": "tlp",
		"name":       "TLP:" + map[string]string{"white": "WHITE", "green": "GREEN", "amber": "AMBER", "red": "RED"}[level],
		"definition": map[string]any{"tlp": level}}
}

// markingRefs are the object_marking_refs of a record marked m carrying
// other (foreign) marking refs besides.
func markingRefs(m graph.Marking, other []string) []string {
	var out []string
	if id, ok := exportIDs[m]; ok {
		out = append(out, id)
	}
	return append(out, other...)
}

// stixMarkingRefs is the property that keeps the marking refs of an
// imported object that are not TLP ones.
const stixMarkingRefs = "stixMarkingRefs"

// markingsOf reads o's object_marking_refs: the strictest TLP marking among
// them ("" when none), and the others by id. A marking definition of the
// bundle itself that states a TLP level (definition_type tlp, or the TLP
// 2.0 extension) counts as that level: honouring it can only hide more.
func (im *importer) markingsOf(o object) (graph.Marking, []string) {
	var m graph.Marking
	var other []string
	for _, ref := range o.strs("object_marking_refs") {
		t, ok := tlpIDs[ref]
		if !ok {
			t, ok = im.declaredTLP(ref)
		}
		if !ok {
			other = append(other, ref)
			im.others[ref] = true
			continue
		}
		if m == "" {
			m = t
		}
		m = m.Stricter(t)
	}
	return m, other
}

// declaredTLP is the TLP level a marking definition of the bundle states.
func (im *importer) declaredTLP(ref string) (graph.Marking, bool) {
	d, ok := im.byID[ref]
	if !ok || d.str("type") != "marking-definition" {
		return "", false
	}
	var level string
	if def, ok := d["definition"].(map[string]any); ok && d.str("definition_type") == "tlp" {
		level, _ = def["tlp"].(string)
	}
	if ext, ok := d["extensions"].(map[string]any); ok {
		if e, ok := ext[tlp2Extension].(map[string]any); ok {
			level, _ = e["tlp_2_0"].(string)
		}
	}
	if level == "" {
		return "", false
	}
	m, err := graph.ParseMarking(level)
	return m, err == nil
}

// markNode sets n's marking from o's refs, keeping foreign ones.
func (im *importer) markNode(o object, n *graph.Node) {
	n.Marking, n.Properties = im.marked(o, n.Properties)
}

// markEdge sets e's marking from o's refs, keeping foreign ones.
func (im *importer) markEdge(o object, e *graph.Edge) {
	e.Marking, e.Properties = im.marked(o, e.Properties)
}

// marked is o's TLP marking, and props with o's other marking refs kept
// under stixMarkingRefs (props made when it is nil and there are some).
func (im *importer) marked(o object, props map[string]any) (graph.Marking, map[string]any) {
	m, other := im.markingsOf(o)
	if len(other) > 0 {
		if props == nil {
			props = map[string]any{}
		}
		props[stixMarkingRefs] = other
	}
	return m, props
}

// markOwnSource marks the Source standing for the bundle as the least
// strict of the relationships citing it: it was named by nothing else.
func (im *importer) markOwnSource() {
	if im.own == "" {
		return
	}
	least, cited := graph.Red, false
	for _, e := range im.d.Edges {
		for _, s := range e.Sources {
			if s != im.own {
				continue
			}
			cited = true
			if e.Marking == "" {
				least = "" // unmarked: the default's, the least strict of all
			} else if least != "" && e.Marking.Rank() < least.Rank() {
				least = e.Marking
			}
		}
	}
	if !cited {
		least = ""
	}
	for i := range im.d.Nodes {
		if im.d.Nodes[i].ID == im.own {
			im.d.Nodes[i].Marking = least
		}
	}
}

// otherMarkings lists the foreign marking refs seen, sorted.
func (im *importer) otherMarkings() []string {
	out := make([]string, 0, len(im.others))
	for id := range im.others {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

// foreignRefs are the foreign marking refs stored on a record.
func foreignRefs(props map[string]any) []string {
	switch v := props[stixMarkingRefs].(type) {
	case []string:
		return v
	case []any:
		out := make([]string, 0, len(v))
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}
