package stix

import (
	"bytes"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// A bundle marked with the specification's and TLP 2.0's ids keeps its
// markings through import and export, and reports foreign marking refs.
func TestMarkingsRoundTrip(t *testing.T) {
	bundle := `{"type":"bundle","id":"bundle--2b5a1f1e-6a7e-4f0e-9d7a-111111111111","objects":[
{"type":"intrusion-set","spec_version":"2.1","id":"intrusion-set--0a1f1e6a-7e4f-4e9d-8a11-111111111111","created":"2024-01-01T00:00:00Z","modified":"2024-01-01T00:00:00Z","name":"Red Group","object_marking_refs":["marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"]},
{"type":"intrusion-set","spec_version":"2.1","id":"intrusion-set--0a1f1e6a-7e4f-4e9d-8a11-222222222222","created":"2024-01-01T00:00:00Z","modified":"2024-01-01T00:00:00Z","name":"Amber Group","object_marking_refs":["marking-definition--f88d31f6-486f-44da-b317-01333bde0b82","marking-definition--0a1f1e6a-7e4f-4e9d-8a11-333333333333"]},
{"type":"intrusion-set","spec_version":"2.1","id":"intrusion-set--0a1f1e6a-7e4f-4e9d-8a11-444444444444","created":"2024-01-01T00:00:00Z","modified":"2024-01-01T00:00:00Z","name":"Strict Group","object_marking_refs":["marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003"]},
{"type":"relationship","spec_version":"2.1","id":"relationship--0a1f1e6a-7e4f-4e9d-8a11-555555555555","created":"2024-01-01T00:00:00Z","modified":"2024-01-01T00:00:00Z","relationship_type":"part-of","source_ref":"intrusion-set--0a1f1e6a-7e4f-4e9d-8a11-222222222222","target_ref":"intrusion-set--0a1f1e6a-7e4f-4e9d-8a11-111111111111","description":"They work together.","object_marking_refs":["marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed"]}]}`
	d, res, err := ReadBytes([]byte(bundle), "marked.json", Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]graph.Marking{"Red Group": graph.Red, "Amber Group": graph.Amber, "Strict Group": graph.AmberStrict}
	for _, n := range d.Nodes {
		if w, ok := want[n.Name]; ok && n.Marking != w {
			t.Errorf("%s: got marking %q, want %q", n.Name, n.Marking, w)
		}
	}
	if len(d.Edges) != 1 || d.Edges[0].Marking != graph.Red {
		t.Fatalf("got edges %+v, want one marked red", d.Edges)
	}
	if len(res.OtherMarkings) != 1 || res.OtherMarkings[0] != "marking-definition--0a1f1e6a-7e4f-4e9d-8a11-333333333333" {
		t.Errorf("other markings: got %v", res.OtherMarkings)
	}
	var out bytes.Buffer
	if err := Write(&out, &graph.Subgraph{Nodes: d.Nodes, Edges: d.Edges}); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{exportIDs[graph.Red], exportIDs[graph.Amber], exportIDs[graph.AmberStrict],
		"marking-definition--0a1f1e6a-7e4f-4e9d-8a11-333333333333"} {
		if !strings.Contains(out.String(), `"`+id+`"`) {
			t.Errorf("the export does not name %s", id)
		}
	}
	if !strings.Contains(out.String(), `"definition":{"tlp":"red"}`) {
		t.Errorf("the export lacks the TLP:RED marking definition")
	}
	again, _, err := ReadBytes(out.Bytes(), "again.json", Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range again.Nodes {
		if w, ok := want[n.Name]; ok && n.Marking != w {
			t.Errorf("after a round trip %s: got marking %q, want %q", n.Name, n.Marking, w)
		}
	}
	if len(again.Edges) != 1 || again.Edges[0].Marking != graph.Red {
		t.Errorf("after a round trip: edges %+v, want one marked red", again.Edges)
	}
}
