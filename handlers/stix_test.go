package handlers_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

type stixBundle struct {
	Type    string           `json:"type"`
	Objects []map[string]any `json:"objects"`
}

func exportSTIX(t *testing.T) []byte {
	t.Helper()
	r := get(t, "/api/v1/export/stix")
	if r.status != 200 || r.header.Get("Content-Type") != "application/stix+json;version=2.1" {
		t.Fatalf("export: got %d %s %s", r.status, r.header.Get("Content-Type"), clip(r.body))
	}
	return r.body
}

func importBody(t *testing.T, body []byte) (response, graph.ImportReport) {
	t.Helper()
	r := do(t, http.MethodPost, "/api/v1/import", bytes.NewReader(body), http.Header{"Content-Type": {"application/json"}, "X-Api-Key": {srv.APIKey}})
	var rep graph.ImportReport
	if r.status == 200 {
		r.json(t, &rep)
	}
	return r, rep
}

// TestSTIXRoundTrip exports the whole graph as STIX, imports the bundle back
// and checks that it adds nothing, changes nothing (every stored property of
// every node and edge compared by the import's unchanged count) and that a
// second export is byte-identical.
func TestSTIXRoundTrip(t *testing.T) {
	nodes, rels := counts(t)
	first := exportSTIX(t)
	var b stixBundle
	if err := json.Unmarshal(first, &b); err != nil {
		t.Fatal(err)
	}
	if want := int(nodes+rels) + 2; b.Type != "bundle" || len(b.Objects) != want {
		t.Fatalf("bundle of %d objects, want %d (every node and relationship, the identity and the extension-definition)", len(b.Objects), want)
	}
	r, rep := importBody(t, first)
	if r.status != 200 {
		t.Fatalf("import of our own export: %d %s", r.status, clip(r.body))
	}
	if rep.Nodes.Created+rep.Nodes.Updated+rep.Edges.Created+rep.Edges.Updated != 0 ||
		rep.Nodes.Unchanged != int(nodes) || rep.Edges.Unchanged != int(rels) || len(rep.Skipped) != 0 {
		t.Errorf("round trip report %+v, want all %d nodes and %d edges unchanged, nothing skipped", rep, nodes, rels)
	}
	if n2, r2 := counts(t); n2 != nodes || r2 != rels {
		t.Errorf("after the round trip: %d nodes %d relationships, want %d and %d", n2, r2, nodes, rels)
	}
	if second := exportSTIX(t); !bytes.Equal(first, second) {
		t.Errorf("the export after the round trip differs from the first (%d and %d bytes)", len(first), len(second))
	}
}

// TestFormatSTIXCarriesSourceTexts: a path answer as STIX holds a report, with
// its text, for every source its hops cite.
func TestFormatSTIXCarriesSourceTexts(t *testing.T) {
	r := get(t, "/api/v1/paths/shortest?"+q("from", "ISIS-K", "to", "Tajikistan", "format", "stix"))
	if r.status != 200 || !contains(r.header.Get("Content-Disposition"), "actorgraph-paths.stix.json") {
		t.Fatalf("got %d %v %s", r.status, r.header, clip(r.body))
	}
	var b stixBundle
	r.json(t, &b)
	texts := sourceTexts(t)
	cited, reports, rels := map[string]bool{}, map[string]string{}, 0
	for _, o := range b.Objects {
		switch o["type"] {
		case "relationship":
			rels++
			for _, s := range o["x_actorgraph_sources"].([]any) {
				cited[s.(string)] = true
			}
		case "report":
			text, _ := o["x_actorgraph_text"].(string)
			reports[o["x_actorgraph_id"].(string)] = text
		}
	}
	if rels == 0 || len(cited) == 0 {
		t.Fatalf("no relationships or sources in the path's bundle: %s", clip(r.body))
	}
	for s := range cited {
		if text, ok := reports[s]; !ok || text != texts[s] {
			t.Errorf("source %s: report present %v with %d characters of text, want its stored text (%d)", s, ok, len(text), len(texts[s]))
		}
	}
}
