package cypher

import (
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// Each filter of graph.Filter is three things in this file: its condition
// (compile), its name while in force (activeFilters) and how an explanation
// drops it to see whether it removed the path (without).

// match is a traversal filter rendered as Cypher fragments plus parameters.
// Only names checked against the vocabulary (types) are spliced into text;
// every value travels as a parameter.
type match struct {
	types    string // ":A|B" or ""
	left     string // arrow parts around [r...]
	right    string
	edgePred string // over variable r
	nodePred string // over variable x, a node reached
	params   map[string]any
}

// compile renders f. end is an id exempt from the kind filter (a path's target).
func compile(f graph.Filter) match {
	m := match{params: map[string]any{}, left: "-", right: "-"}
	switch f.Direction {
	case "out":
		m.right = "->"
	case "in":
		m.left = "<-"
	}
	if len(f.Rels) > 0 {
		m.types = ":" + strings.Join(checkedTypes(f.Rels), "|")
	}
	// The reader's clearance ($clearance, added to every read by the
	// store) is no filter a caller chooses: it is in force on every
	// traversal, never named among the filters and never dropped by an
	// explanation, so no answer tells a hidden edge or node exists.
	ep := []string{clearedRel}
	if !f.IncludeRetracted {
		// A retracted edge is kept (nothing is lost) but answers leave it out.
		ep = append(ep, notRetracted)
	}
	if f.MinConfidence > 0 {
		ep = append(ep, "r.confidence >= $minConfidence")
		m.params["minConfidence"] = int64(f.MinConfidence)
	}
	if len(f.Stances) > 0 {
		ep = append(ep, "r.stance IN $stances")
		st := make([]string, len(f.Stances))
		for i, s := range f.Stances {
			st[i] = string(s)
		}
		m.params["stances"] = st
	}
	if len(f.Sources) > 0 {
		ep = append(ep, "any(s IN r.sources WHERE s IN $sources)")
		m.params["sources"] = f.Sources
	}
	if f.Evidence != "" {
		ep = append(ep, "r.evidence IN $evidence")
		m.params["evidence"] = evidenceAtLeast(f.Evidence)
	}
	keep := f.Undated != "drop"
	if f.At != "" {
		ep = append(ep, "(CASE WHEN r.validFrom IS NULL AND r.validTo IS NULL THEN $keepUndated "+
			"ELSE coalesce(r.validFrom <= $at, true) AND coalesce(r.validTo >= $at, true) END)")
		m.params["at"], m.params["keepUndated"] = f.At, keep
	}
	if f.KnownOn != "" {
		ep = append(ep, "(CASE WHEN r.reportedOn IS NULL THEN $keepUndated ELSE r.reportedOn <= $knownOn END)")
		m.params["knownOn"], m.params["keepUndated"] = f.KnownOn, keep
	}
	m.edgePred = strings.Join(ep, " AND ")
	np := []string{"x.markingRank <= $clearance"}
	if len(f.Kinds) > 0 {
		ks := make([]string, len(f.Kinds))
		for i, k := range f.Kinds {
			ks[i] = string(k)
		}
		np = append(np, "x.kind IN $kinds")
		m.params["kinds"] = ks
	} else {
		// By label, not by the kind property: a label is in the node record,
		// so the search reads no property store (kind and label always agree:
		// the importer sets both).
		np = append(np, "NOT x:Source")
	}
	if f.KnownOn != "" {
		// An event that had not happened by then cannot be on a path known then.
		np = append(np, "(x.kind <> 'Event' OR x.date IS NULL OR x.date <= $knownOn)")
	}
	m.nodePred = strings.Join(np, " AND ")
	return m
}

// clearedRel keeps the relationships r the reader is cleared for.
const clearedRel = "r.markingRank <= $clearance"

// notRetracted is the predicate every read uses to leave out retracted edges.
const notRetracted = "coalesce(r.status, '') <> 'retracted'"

// checkedTypes keeps only vocabulary names; queries never see anything else.
func checkedTypes(rels []string) []string {
	out := make([]string, 0, len(rels))
	for _, r := range rels {
		if rt, ok := graph.LookupRel(r); ok {
			out = append(out, rt.Name)
		}
	}
	return out
}

// rel renders the relationship pattern, e.g. -[r:A|B WHERE r.confidence >= $c]->.
func (m match) rel() string {
	pred := ""
	if m.edgePred != "" {
		pred = " WHERE " + m.edgePred
	}
	return m.left + "[r" + m.types + pred + "]" + m.right
}

func (m match) with(kv ...any) map[string]any {
	p := make(map[string]any, len(m.params)+len(kv)/2)
	for k, v := range m.params {
		p[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		p[kv[i].(string)] = kv[i+1]
	}
	return p
}

// evidenceAtLeast lists the stored evidence levels of rank min or higher.
func evidenceAtLeast(min graph.EvidenceLevel) []string {
	var out []string
	for _, l := range min.AtLeast() {
		out = append(out, string(l))
	}
	return out
}

// activeFilters names the filters in force, as query parameters.
func activeFilters(f graph.Filter) map[string]string { return f.Params() }

// without returns f with one named filter removed.
func without(f graph.Filter, name string) graph.Filter {
	switch name {
	case "rel":
		f.Rels = nil
	case "kind":
		f.Kinds = nil
	case "direction":
		f.Direction = "both"
	case "minConfidence":
		f.MinConfidence = 0
	case "stance":
		f.Stances = nil
	case "at":
		f.At = ""
	case "knownOn":
		f.KnownOn = ""
	case "source":
		f.Sources = nil
	case "evidence":
		f.Evidence = ""
	}
	return f
}
