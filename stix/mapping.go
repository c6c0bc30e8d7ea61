package stix

import "github.com/actorgraph/actorgraph/graph"

// objectType is the STIX type each node kind is exported as.
var objectType = map[graph.Kind]string{
	graph.Group:       "threat-actor",
	graph.Attacker:    "threat-actor",
	graph.Person:      "identity",
	graph.Nationality: "identity",
	graph.State:       "location",
	graph.Location:    "location",
	graph.Event:       "incident",
	graph.Source:      "report",
}

// relMapping is how one of our relationship types is written in STIX.
type relMapping struct {
	stix string
	// reversed: STIX reads the other way (an incident is attributed-to its
	// perpetrator), so source_ref is our target.
	reversed bool
}

// relationshipType maps our types; every other type is related-to, with our
// type in x_actorgraph_type (which every exported relationship carries).
var relationshipType = map[string]relMapping{
	"PERPETRATED":            {"attributed-to", true},
	"CLAIMED_RESPONSIBILITY": {"attributed-to", true},
	"AFFILIATE_OF":           {"part-of", false},
	"MEMBER_OF":              {"part-of", false},
	"ACTIVE_IN":              {"located-at", false},
	"TRAVELED_TO":            {"located-at", false},
	"DETAINED_AT":            {"located-at", false},
	"LOCATED_IN":             {"located-at", false},
	"NATIONALITY_OF":         {"located-at", false},
	"TARGETED":               {"targets", false},
}

func relMappingOf(typ string) relMapping {
	if m, ok := relationshipType[typ]; ok {
		return m
	}
	return relMapping{"related-to", false}
}

// importRule reads a relationship of a bundle without x_actorgraph_type:
// STIX type and the kinds its ends were imported as.
type importRule struct {
	stix string
	from graph.Kind
	to   graph.Kind
	our  string
	swap bool // our source is STIX's target_ref
}

// importRules is the documented table (README, "STIX 2.1"): pairs not listed
// are reported, never guessed.
var importRules = []importRule{
	{"attributed-to", graph.Event, graph.Group, "PERPETRATED", true},
	{"attributed-to", graph.Event, graph.Attacker, "PERPETRATED", true},
	{"attributed-to", graph.Event, graph.Person, "PERPETRATED", true},
	// An intrusion set attributed to a threat actor: the actor stands behind it.
	{"attributed-to", graph.Group, graph.Group, "AFFILIATE_OF", false},
	// A threat actor attributed to a person: that person acts as it.
	{"attributed-to", graph.Attacker, graph.Person, "MEMBER_OF", true},
	{"attributed-to", graph.Group, graph.Person, "MEMBER_OF", true},
	{"part-of", graph.Group, graph.Group, "AFFILIATE_OF", false},
	{"part-of", graph.Attacker, graph.Group, "MEMBER_OF", false},
	{"part-of", graph.Person, graph.Group, "MEMBER_OF", false},
	{"located-at", graph.Group, graph.State, "ACTIVE_IN", false},
	{"located-at", graph.Group, graph.Location, "ACTIVE_IN", false},
	{"located-at", graph.Location, graph.Location, "LOCATED_IN", false},
	{"located-at", graph.Location, graph.State, "LOCATED_IN", false},
	{"located-at", graph.Nationality, graph.State, "NATIONALITY_OF", false},
	{"targets", graph.Event, graph.State, "TARGETED", false},
	{"targets", graph.Event, graph.Location, "TARGETED", false},
	{"targets", graph.Event, graph.Nationality, "TARGETED", false},
	{"targets", graph.Event, graph.Group, "TARGETED", false},
	{"targets", graph.Group, graph.State, "TARGETED", false},
	{"targets", graph.Group, graph.Location, "TARGETED", false},
	{"targets", graph.Group, graph.Nationality, "TARGETED", false},
	{"targets", graph.Group, graph.Group, "TARGETED", false},
}

func lookupRule(stix string, from, to graph.Kind) (importRule, bool) {
	for _, r := range importRules {
		if r.stix == stix && r.from == from && r.to == to {
			return r, true
		}
	}
	return importRule{}, false
}
