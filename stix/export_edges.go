package stix

import (
	"github.com/actorgraph/actorgraph/graph"
)

// relationship builds the STIX relationship of one edge: the mapped type,
// the evidence in STIX's own fields where it has them (description,
// confidence, labels, start_time/stop_time, created from reportedOn,
// external_references to the supporting sources) and all of it, exactly, in
// x_actorgraph_*.
func (x *exporter) relationship(e *graph.Edge, ourID, id string) map[string]any {
	created, ok := timestamp(e.ReportedOn)
	if !ok {
		created = epoch
	}
	m := relMappingOf(e.Type)
	o := common("relationship", id, created)
	o["relationship_type"] = m.stix
	o["source_ref"], o["target_ref"] = x.stixID(e.Source), x.stixID(e.Target)
	if m.reversed {
		o["source_ref"], o["target_ref"] = o["target_ref"], o["source_ref"]
	}
	o["confidence"] = e.Confidence
	o["labels"] = []string{"stance:" + string(e.Stance)}
	o["x_actorgraph_id"] = ourID
	o["x_actorgraph_type"] = e.Type
	o["x_actorgraph_source"], o["x_actorgraph_target"] = e.Source, e.Target
	o["x_actorgraph_stance"] = string(e.Stance)
	o["x_actorgraph_sources"] = nonNil(e.Sources)
	put(o, "description", description(&e.Evidence))
	writeEvidence(o, &e.Evidence)
	from, fromOK := timestamp(e.ValidFrom)
	if fromOK {
		o["start_time"] = from
	}
	// STIX wants stop_time later than start_time; a one-day validity keeps
	// its end in x_actorgraph_valid_to only.
	if to, ok := timestamp(e.ValidTo); ok && (!fromOK || to > from) {
		o["stop_time"] = to
	}
	put(o, "x_actorgraph_valid_from", e.ValidFrom)
	put(o, "x_actorgraph_valid_to", e.ValidTo)
	put(o, "x_actorgraph_reported_on", e.ReportedOn)
	if e.Inferred {
		o["x_actorgraph_inferred"] = true
	}
	put(o, "x_actorgraph_reason", e.Reason)
	if len(e.Properties) > 0 {
		o["x_actorgraph_properties"] = e.Properties
	}
	refs := []any{ourRef(ourID)}
	for _, s := range e.Sources {
		refs = append(refs, x.sourceRef(s))
	}
	o["external_references"] = refs
	if refs := markingRefs(e.Marking, foreignRefs(e.Properties)); len(refs) > 0 {
		o["object_marking_refs"] = refs
	}
	return o
}

// sourceRef is the external reference of a supporting source: its publisher
// and url when the source is in the export, and always our id.
func (x *exporter) sourceRef(id string) map[string]any {
	ref := map[string]any{"source_name": "actorgraph", "external_id": id}
	if n := x.up(id); n != nil {
		put(ref, "source_name", str(n.Properties, "publisher"))
		put(ref, "url", str(n.Properties, "url"))
		put(ref, "description", n.Name)
	}
	return ref
}

func nonNil(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}
