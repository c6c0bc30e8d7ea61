package graph

import (
	"context"
	"fmt"
	"strings"
)

// Marking is a Traffic Light Protocol 2.0 sharing marking: how far a record
// may be passed on. A marking is a promise: what a partner shared as AMBER
// or RED never reaches a reader without that clearance, by any route, count
// or explanation.
type Marking string

// The TLP 2.0 markings, least strict first.
const (
	Clear       Marking = "clear"        // TLP:CLEAR, no limit on disclosure
	Green       Marking = "green"        // TLP:GREEN, the community
	Amber       Marking = "amber"        // TLP:AMBER, the organisation and its clients
	AmberStrict Marking = "amber+strict" // TLP:AMBER+STRICT, the organisation only
	Red         Marking = "red"          // TLP:RED, the named recipients only
)

// Markings are the markings in rank order: a reader cleared for one sees
// it and every marking before it.
var Markings = []Marking{Clear, Green, Amber, AmberStrict, Red}

// DefaultMarking is the marking of data that carries none unless configured
// otherwise (ACTORGRAPH_DEFAULT_MARKING): our seed is public news.
const DefaultMarking = Clear

// FullClearance is what a reader cleared for everything may see.
const FullClearance = Red

// Rank is m's place in Markings (0 for clear, 4 for red); a stored record's
// markingRank, compared with a reader's clearance in every read. An unknown
// marking ranks as red: nothing unknown is shown to a reader without full
// clearance.
func (m Marking) Rank() int {
	for i, k := range Markings {
		if k == m {
			return i
		}
	}
	return len(Markings) - 1
}

// MarkingOfRank is the marking of rank r (red past the last).
func MarkingOfRank(r int) Marking {
	if r < 0 {
		return Clear
	}
	if r >= len(Markings) {
		return Red
	}
	return Markings[r]
}

// Stricter is the stricter of m and o.
func (m Marking) Stricter(o Marking) Marking {
	if o.Rank() > m.Rank() {
		return o
	}
	return m
}

// Label is m as TLP writes it, e.g. "TLP:AMBER+STRICT".
func (m Marking) Label() string { return "TLP:" + strings.ToUpper(string(m)) }

// ParseMarking reads a marking: clear, green, amber, amber+strict or red, in
// any case, with or without "TLP:"; "white" (TLP 1.0) reads clear. An error
// names the allowed values.
func ParseMarking(s string) (Marking, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	t = strings.TrimPrefix(t, "tlp:")
	if t == "white" {
		return Clear, nil
	}
	for _, m := range Markings {
		if string(m) == t {
			return m, nil
		}
	}
	return "", fmt.Errorf("marking %q is not a TLP 2.0 marking; want one of clear, green, amber, amber+strict, red", s)
}

type clearanceKey struct{}

// WithClearance makes the store answer ctx's reads with what a reader
// cleared for m may see.
func WithClearance(ctx context.Context, m Marking) context.Context {
	return context.WithValue(ctx, clearanceKey{}, m)
}

// ClearanceOf is the clearance WithClearance put in ctx. Without one it is
// full clearance: the command line's operator, who holds the database's
// password; every HTTP request has one set by the router.
func ClearanceOf(ctx context.Context) Marking {
	if m, ok := ctx.Value(clearanceKey{}).(Marking); ok {
		return m
	}
	return FullClearance
}

// ParsedMarking is m as ParseMarking reads it, "" when it reads none.
func ParsedMarking(m Marking) Marking {
	p, err := ParseMarking(string(m))
	if err != nil {
		return ""
	}
	return p
}

// ApplyMarkings gives every record of d that carries no marking the data
// set's, or def when the data set has none either.
func (d *DataSet) ApplyMarkings(def Marking) {
	if d.Marking != "" {
		def = d.Marking
	}
	for i := range d.Nodes {
		if d.Nodes[i].Marking == "" {
			d.Nodes[i].Marking = def
		}
	}
	for i := range d.Edges {
		if d.Edges[i].Marking == "" {
			d.Edges[i].Marking = def
		}
	}
}
