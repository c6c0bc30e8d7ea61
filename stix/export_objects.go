package stix

import (
	"sort"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// node builds the object of one node: the STIX fields its kind maps to, and
// every field of ours in x_actorgraph_*.
func (x *exporter) node(n *graph.Node) map[string]any {
	typ := x.typeOf(n)
	o := common(typ, x.stixID(n.ID), x.created(n))
	o["name"] = n.Name
	o["x_actorgraph_id"] = n.ID
	o["x_actorgraph_kind"] = string(n.Kind)
	if len(n.Aliases) > 0 {
		o["x_actorgraph_aliases"] = n.Aliases
	}
	props := make(map[string]any, len(n.Properties))
	for k, v := range n.Properties {
		if k != "text" {
			props[k] = v
		}
	}
	if len(props) > 0 {
		o["x_actorgraph_properties"] = props
	}
	if typ != placeType {
		o["external_references"] = []any{ourRef(n.ID)}
	}
	if refs := markingRefs(n.Marking, foreignRefs(n.Properties)); len(refs) > 0 {
		o["object_marking_refs"] = refs
	}
	switch n.Kind {
	case graph.Group, graph.Attacker:
		o["threat_actor_types"] = []string{"terrorist"}
		if len(n.Aliases) > 0 {
			o["aliases"] = n.Aliases
		}
		if n.Kind == graph.Group {
			o["resource_level"] = "organization"
		} else {
			o["resource_level"] = "individual"
			o["roles"] = []string{"agent"}
		}
	case graph.Person:
		o["identity_class"] = "individual"
		put(o, "description", str(n.Properties, "role"))
	case graph.Nationality:
		o["identity_class"] = "class"
	case graph.State, graph.Location:
		if typ != placeType {
			x.place(n, o)
		}
	case graph.Event:
		if t, ok := timestamp(str(n.Properties, "date")); ok {
			o["first_seen"] = t
			if end, ok := timestamp(str(n.Properties, "endDate")); ok && end >= t {
				o["last_seen"] = end
			} else {
				o["last_seen"] = t
			}
		}
	case graph.Source:
		x.report(n, o)
	}
	return o
}

func (x *exporter) report(n *graph.Node, o map[string]any) {
	if t, ok := n.Properties["title"].(string); ok && strings.TrimSpace(t) != "" && t != n.Name {
		// STIX readers show a report's name: its title. Our name is kept.
		o["name"] = t
		o["x_actorgraph_name"] = n.Name
	}
	o["published"] = o["created"]
	refs := uniqueSorted(x.reportRefs(n.ID))
	if len(refs) == 0 {
		// object_refs may not be empty; a source that supports nothing here
		// refers to its exporter.
		refs = []string{IdentityID}
	}
	o["object_refs"] = refs
	o["report_types"] = []string{"threat-report"}
	ref := ourRef(n.ID)
	put(ref, "url", str(n.Properties, "url"))
	put(ref, "description", str(n.Properties, "publisher"))
	o["external_references"] = []any{ref}
	if text, ok := n.Properties["text"].(string); ok && text != "" {
		o["x_actorgraph_text"] = text
	}
}

// created is a node's created/modified: its own date (events, sources), else
// the earliest reportedOn of its edges, else the epoch; never the current time.
func (x *exporter) created(n *graph.Node) string {
	if t, ok := timestamp(str(n.Properties, "date")); ok {
		return t
	}
	if t, ok := timestamp(x.touched(n.ID)); ok {
		return t
	}
	return epoch
}

// place fills a location: country from iso2 (a State) or by following
// LOCATED_IN to a State; city and administrative_area from our properties;
// coordinates when both are known.
func (x *exporter) place(n *graph.Node, o map[string]any) {
	if c := x.country(n, 0); c != "" {
		o["country"] = c
	}
	if r := regionOf(n); r != "" {
		o["region"] = r
	}
	put(o, "city", str(n.Properties, "city"))
	put(o, "administrative_area", str(n.Properties, "region"))
	if lat, lon, ok := coordinates(n); ok {
		o["latitude"], o["longitude"] = lat, lon
	}
}

// placed reports whether a State or Location can be a valid STIX location.
func (x *exporter) placed(n *graph.Node) bool {
	_, _, coords := coordinates(n)
	return x.country(n, 0) != "" || regionOf(n) != "" || coords
}

func (x *exporter) country(n *graph.Node, depth int) string {
	if n.Kind == graph.State {
		if c := CountryCode(str(n.Properties, "iso2")); c != "" {
			return c
		}
		return CountryCode(n.Name)
	}
	if depth > 8 {
		return ""
	}
	for _, t := range x.within(n.ID) {
		if up := x.up(t); up != nil {
			if c := x.country(up, depth+1); c != "" {
				return c
			}
		}
	}
	return ""
}

func coordinates(n *graph.Node) (float64, float64, bool) {
	lat, ok1 := number(n.Properties["lat"])
	lon, ok2 := number(n.Properties["lon"])
	return lat, lon, ok1 && ok2 && lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180
}

func number(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case int64:
		return float64(x), true
	case int:
		return float64(x), true
	}
	return 0, false
}

func str(m map[string]any, k string) string {
	s, _ := m[k].(string)
	return s
}

func uniqueSorted(xs []string) []string {
	sort.Strings(xs)
	out := xs[:0]
	for i, s := range xs {
		if i == 0 || s != xs[i-1] {
			out = append(out, s)
		}
	}
	return out
}
