package handlers_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/cypher"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/handlers"
	"github.com/actorgraph/actorgraph/stix"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
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
	r := do(t, http.MethodPost, "/api/v1/import", bytes.NewReader(body),
		http.Header{"Content-Type": {"application/json"}, "X-Api-Key": {srv.APIKey}})
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
	// The seed is all TLP:CLEAR: one marking-definition besides.
	if want := int(nodes+rels) + 3; b.Type != "bundle" || len(b.Objects) != want {
		t.Fatalf("bundle of %d objects, want %d (every node and relationship, the identity, the "+
			"extension-definition and the TLP:CLEAR marking-definition)", len(b.Objects), want)
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
			t.Errorf("source %s: report present %v with %d characters of text, want its stored text (%d)",
				s, ok, len(text), len(texts[s]))
		}
	}
}

// TestImportAPT1 imports the OASIS APT1 example bundle (as shipped with
// stix2-validator): its intrusion-set, threat-actors, identities, report and
// the relationships among them land; malware, tools, attack patterns and
// indicators are counted as skipped; a path query runs over it.
func TestImportAPT1(t *testing.T) {
	ctx := context.Background()
	body, err := os.ReadFile("../stix/testdata/apt1.json")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_, _ = neo4j.ExecuteQuery(ctx, db.Driver,
			"MATCH (n:Entity) WHERE n.stixId IS NOT NULL DETACH DELETE n", nil, neo4j.EagerResultTransformer)
	})
	nodes, rels := counts(t)
	r, rep := importBody(t, body)
	if r.status != 200 {
		t.Fatalf("APT1 import: %d %s", r.status, clip(r.body))
	}
	// 1 intrusion-set + 5 threat-actors (Groups), 4 individuals (Persons),
	// 1 report (Source); 3 intrusion-set->threat-actor and 4
	// threat-actor->identity relationships.
	if rep.Nodes.Created != 11 || rep.Edges.Created != 7 {
		t.Errorf("created %d nodes and %d edges, want 11 and 7 (report %+v)", rep.Nodes.Created, rep.Edges.Created, rep)
	}
	for typ, n := range map[string]int{"malware": 6, "tool": 10, "attack-pattern": 7, "indicator": 12} {
		if rep.Skipped[typ] != n {
			t.Errorf("skipped[%s] = %d, want %d (skipped %v)", typ, rep.Skipped[typ], n, rep.Skipped)
		}
	}
	if n2, r2 := counts(t); n2 != nodes+11 || r2 != rels+7 {
		t.Errorf("graph grew to %d nodes %d relationships, want %d and %d", n2, r2, nodes+11, rels+7)
	}
	// Wang Dong is the person behind Ugly Gorilla, a threat actor to which the
	// APT1 intrusion set is attributed.
	// (Ugly Gorilla has the alias Wang Dong too: the person is found by kind.)
	var found graph.SearchResult
	get(t, "/api/v1/search?"+q("q", "Wang Dong", "kind", "Person")).json(t, &found)
	if len(found.Results) != 1 {
		t.Fatalf("search for the person Wang Dong: %+v, want one", found)
	}
	var ans graph.PathAnswer
	pr := get(t, "/api/v1/paths/shortest?"+q("from", found.Results[0].ID, "to", "APT1"))
	pr.json(t, &ans)
	if pr.status != 200 || len(ans.Paths) != 1 || ans.Paths[0].Length != 2 {
		t.Fatalf("Wang Dong -> APT1: got %d %s, want one path of 2 hops", pr.status, clip(pr.body))
	}
	for _, h := range ans.Paths[0].Hops {
		if len(h.Sources) == 0 {
			t.Errorf("hop %+v has no source", h)
		}
	}
	// Idempotent: the same bundle again adds nothing.
	if _, again := importBody(t, body); again.Nodes.Created+again.Edges.Created != 0 {
		t.Errorf("second import created %+v %+v, want nothing", again.Nodes, again.Edges)
	}
}

// TestExportSTIXIsWritesBundle: the streamed GET /api/v1/export/stix
// answers, byte for byte, the bundle the in-memory writer makes of the
// store's whole graph at the reader's clearance: anonymous (green) and
// full, with amber and red records in the database.
func TestExportSTIXIsWritesBundle(t *testing.T) {
	reload(t)
	r := do(t, http.MethodPost, "/api/v1/import", strings.NewReader(markedSet),
		http.Header{"Content-Type": {"application/json"}, "X-Api-Key": {srv.APIKey}})
	if r.status != http.StatusOK {
		t.Fatalf("import: %d %s", r.status, clip(r.body))
	}
	store := cypher.New(db.Driver, cypher.Options{})
	for _, c := range []struct {
		who    string
		header http.Header
		m      graph.Marking
	}{
		{"anonymous", nil, handlers.DefaultAnonymousClearance},
		{"full clearance", http.Header{"X-Api-Key": {srv.APIKey}}, graph.FullClearance},
	} {
		got := do(t, http.MethodGet, "/api/v1/export/stix", nil, c.header)
		g, err := store.Export(graph.WithClearance(context.Background(), c.m))
		if err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		if err := stix.Write(&want, g); err != nil {
			t.Fatal(err)
		}
		if got.status != http.StatusOK || !bytes.Equal(got.body, want.Bytes()) {
			t.Errorf("%s: got %d, %d bytes, want the %d bytes stix.Write makes of Export's graph", c.who,
				got.status, len(got.body), want.Len())
		}
		red := bytes.Contains(got.body, []byte("marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed"))
		if red != (c.m == graph.FullClearance) {
			t.Errorf("%s: TLP:RED in the bundle: %v", c.who, red)
		}
	}
}
