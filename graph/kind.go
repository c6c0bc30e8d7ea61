// Package graph is actorgraph's domain: the node kinds, the closed relationship
// vocabulary, nodes, edges and their evidence, paths, validation and sentinel
// errors. It imports nothing of Gin or Neo4j, and no package of ours.
package graph

import (
	"fmt"
	"sort"
	"strings"
)

// Kind is a node kind. Each node carries exactly one kind label plus :Entity.
type Kind string

// The node kinds.
const (
	Group       Kind = "Group"
	Attacker    Kind = "Attacker"
	Nationality Kind = "Nationality"
	State       Kind = "State"
	Event       Kind = "Event"
	Person      Kind = "Person"
	Location    Kind = "Location"
	Source      Kind = "Source"
)

// KindInfo documents a kind: its id prefix and what it stands for.
type KindInfo struct {
	Kind   Kind
	Prefix string
	Doc    string
}

// Kinds lists every node kind in a fixed order.
var Kinds = []KindInfo{
	{Group, "group", "an armed group, movement or its media arm (IS-K, Islamic State, Amaq)"},
	{Attacker, "attacker", "a person reported as a perpetrator of an attack"},
	{Nationality, "nationality", "a nationality or ethnic-national group (Tajik)"},
	{State, "state", "a sovereign state (Russia, Tajikistan)"},
	{Event, "event", "a dated happening: an attack, a warning, an operation, a trial"},
	{Person, "person", "an official or other person who acted or spoke but did not attack"},
	{Location, "location", "a place: a venue, a town, a region"},
	{Source, "source", "a document facts are read from; its text lets quotes be checked"},
}

// ParseKind returns the kind named s, case-insensitively.
func ParseKind(s string) (Kind, bool) {
	for _, k := range Kinds {
		if strings.EqualFold(string(k.Kind), s) {
			return k.Kind, true
		}
	}
	return "", false
}

// Prefix is the id prefix of nodes of kind k ("group" for Group).
func (k Kind) Prefix() string {
	for _, ki := range Kinds {
		if ki.Kind == k {
			return ki.Prefix
		}
	}
	return ""
}

// KindNames lists the kind names, for error messages.
func KindNames() []string {
	out := make([]string, len(Kinds))
	for i, k := range Kinds {
		out[i] = string(k.Kind)
	}
	return out
}

// KindOfID returns the kind an id's prefix names ("group:is-k" is a Group).
func KindOfID(id string) (Kind, bool) {
	prefix, _, ok := strings.Cut(id, ":")
	if !ok {
		return "", false
	}
	for _, k := range Kinds {
		if k.Prefix == prefix {
			return k.Kind, true
		}
	}
	return "", false
}

// Stance says who stands behind an assertion.
type Stance string

// The stances. Claimed: the actor itself says so. Attributed: a third party
// (a government, investigators) assigns it. Alleged: a party to a conflict
// asserts it without public evidence. Denied: the actor or its side denies it.
// Reported: stated by a source as fact.
const (
	Claimed    Stance = "claimed"
	Attributed Stance = "attributed"
	Alleged    Stance = "alleged"
	Denied     Stance = "denied"
	Reported   Stance = "reported"
)

// Stances lists every stance.
var Stances = []Stance{Claimed, Attributed, Alleged, Denied, Reported}

// ParseStance returns the stance named s.
func ParseStance(s string) (Stance, bool) {
	for _, st := range Stances {
		if strings.EqualFold(string(st), s) {
			return st, true
		}
	}
	return "", false
}

// StanceNames lists the stances, for messages.
func StanceNames() []string {
	out := make([]string, len(Stances))
	for i, s := range Stances {
		out[i] = string(s)
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func quoteList(xs []string) string {
	return fmt.Sprintf("%s", strings.Join(xs, ", "))
}
