package stix

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/google/uuid"
)

// imported are the object types Read maps into the graph: each is checked
// against what the STIX 2.1 specification requires of it before anything of
// the bundle is imported.
var imported = map[string]bool{"threat-actor": true, "intrusion-set": true, "identity": true, "location": true,
	"incident": true, "campaign": true, "report": true, "relationship": true, placeType: true}

// named are the imported types whose name the specification requires.
var named = map[string]bool{"threat-actor": true, "intrusion-set": true, "identity": true, "incident": true,
	"campaign": true, "report": true}

// stixTimestamp is the specification's timestamp: RFC 3339 in UTC (Z), with
// optional fractional seconds.
var stixTimestamp = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$`)

// timestampReason is what a bad timestamp is told.
const timestampReason = "not a STIX timestamp; want RFC 3339 in UTC, e.g. 2024-03-22T18:00:00Z or " +
	"2024-03-22T18:00:00.000Z"

// checkObjects returns one problem per property wrong in the bundle's
// objects: every object's id must be type--UUID with the object's own type,
// and the imported types must carry what the specification requires.
func checkObjects(name string, objs []object) []graph.Problem {
	var probs []graph.Problem
	for i, o := range objs {
		rec := fmt.Sprintf("%s: objects[%d]", name, i)
		if id := o.str("id"); id != "" {
			rec += " (" + id + ")"
		}
		add := func(field, value, reason string) {
			probs = append(probs, graph.Problem{Record: rec, Field: field, Value: value, Reason: reason})
		}
		typ, ok := o["type"].(string)
		if !ok || typ == "" {
			add("type", "", "missing; every STIX object needs its type")
		}
		if why := checkIdentifier(o["id"], typ); why != "" {
			add("id", fmt.Sprint(o["id"]), why)
		}
		if !imported[typ] {
			continue
		}
		if v, ok := o["spec_version"].(string); v != "2.1" {
			add("spec_version", strOf(o["spec_version"], ok), `missing or not "2.1"; this importer reads STIX 2.1`)
		}
		created, cok := checkTime(o, "created", true, add)
		modified, mok := checkTime(o, "modified", true, add)
		if cok && mok && modified.Before(created) {
			add("modified", o.str("modified"), "earlier than created; STIX requires modified >= created")
		}
		for _, k := range []string{"published", "first_seen", "last_seen", "start_time", "stop_time"} {
			checkTime(o, k, typ == "report" && k == "published", add)
		}
		if named[typ] && strings.TrimSpace(o.str("name")) == "" {
			add("name", "", "missing or empty; STIX 2.1 requires the name of a "+typ)
		}
		checkTypeRequired(o, typ, add)
		checkReferences(o, add)
	}
	return probs
}

// checkTypeRequired checks the properties a type needs beyond the common ones.
func checkTypeRequired(o object, typ string, add func(field, value, reason string)) {
	switch typ {
	case "relationship":
		if strings.TrimSpace(o.str("relationship_type")) == "" {
			add("relationship_type", "", "missing or empty; STIX 2.1 requires it of a relationship")
		}
		for _, k := range []string{"source_ref", "target_ref"} {
			v, present := o[k]
			if !present {
				add(k, "", "missing; STIX 2.1 requires it of a relationship")
			} else if why := checkIdentifier(v, ""); why != "" {
				add(k, fmt.Sprint(v), why)
			}
		}
	case "location":
		_, lat := o["latitude"]
		_, lon := o["longitude"]
		if o.str("region") == "" && o.str("country") == "" && !(lat && lon) {
			add("country", "", "a location needs region, country, or latitude and longitude (STIX 2.1)")
		}
	case "report":
		if refs, ok := o["object_refs"].([]any); !ok || len(refs) == 0 {
			add("object_refs", "", "missing or empty; STIX 2.1 requires a report to reference objects")
		}
	}
}

// checkReferences checks the links of external_references: only http(s)
// URLs are stored.
func checkReferences(o object, add func(field, value, reason string)) {
	xs, present := o["external_references"]
	if !present {
		return
	}
	list, ok := xs.([]any)
	if !ok {
		add("external_references", "", "want a list of external references")
		return
	}
	for j, x := range list {
		m, ok := x.(map[string]any)
		if !ok {
			add(fmt.Sprintf("external_references[%d]", j), "", "want an object")
			continue
		}
		if u, present := m["url"]; present {
			s, _ := u.(string)
			if why := graph.CheckURL(s); why != "" {
				add(fmt.Sprintf("external_references[%d].url", j), s, why)
			}
		}
	}
}

// checkIdentifier says why v is not a STIX identifier (type--UUID, the type
// being want when want is given).
func checkIdentifier(v any, want string) string {
	s, ok := v.(string)
	if !ok || s == "" {
		return "missing; want type--UUID, e.g. intrusion-set--4e1c5e5c-0b2a-4c4f-9a6f-2d8b6f0a7c11"
	}
	typ, u, found := strings.Cut(s, "--")
	if !found || typ == "" {
		return "not a STIX identifier; want type--UUID"
	}
	if _, err := uuid.Parse(u); err != nil || len(u) != 36 {
		return "the part after -- is not a UUID (8-4-4-4-12 hex digits)"
	}
	if want != "" && typ != want {
		return fmt.Sprintf("the id's type %q is not the object's type %q", typ, want)
	}
	return ""
}

// checkTime checks the timestamp property k of o; ok is false when it is
// absent or bad.
func checkTime(o object, k string, required bool, add func(field, value, reason string)) (time.Time, bool) {
	v, present := o[k]
	if !present {
		if required {
			add(k, "", "missing; STIX 2.1 requires it ("+timestampReason[len("not a STIX timestamp; "):]+")")
		}
		return time.Time{}, false
	}
	s, _ := v.(string)
	if !stixTimestamp.MatchString(s) {
		add(k, fmt.Sprint(v), timestampReason)
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		add(k, s, "not a real date and time ("+err.Error()+")")
		return time.Time{}, false
	}
	return t, true
}

func strOf(v any, isString bool) string {
	if v == nil {
		return ""
	}
	if isString {
		return v.(string)
	}
	return fmt.Sprint(v)
}
