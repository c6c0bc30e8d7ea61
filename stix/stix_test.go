package stix

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/data"
	"github.com/actorgraph/actorgraph/dataset"
	"github.com/actorgraph/actorgraph/format"
	"github.com/actorgraph/actorgraph/graph"
)

// crocus is the bundled data set as an import leaves it (validated, so edge
// ids and quote sources are filled in).
func crocus(t testing.TB) *graph.DataSet {
	t.Helper()
	d, err := data.Crocus()
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Validate(nil); err != nil {
		t.Fatal(err)
	}
	return d
}

func export(t testing.TB, g *graph.Subgraph) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, g); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestWriteIsDeterministic(t *testing.T) {
	d := crocus(t)
	first := export(t, &graph.Subgraph{Nodes: d.Nodes, Edges: d.Edges})
	// The same graph in another order, as another query might return it.
	r := rand.New(rand.NewPCG(1, 2))
	nodes, edges := append([]graph.Node(nil), d.Nodes...), append([]graph.Edge(nil), d.Edges...)
	r.Shuffle(len(nodes), func(i, j int) { nodes[i], nodes[j] = nodes[j], nodes[i] })
	r.Shuffle(len(edges), func(i, j int) { edges[i], edges[j] = edges[j], edges[i] })
	second := export(t, &graph.Subgraph{Nodes: nodes, Edges: edges})
	if !bytes.Equal(first, second) {
		t.Fatalf("two exports of the same graph differ (%d and %d bytes)", len(first), len(second))
	}
	var b struct {
		Objects []map[string]any `json:"objects"`
	}
	if err := json.Unmarshal(first, &b); err != nil {
		t.Fatal(err)
	}
	if want := len(d.Nodes) + len(d.Edges) + 2; len(b.Objects) != want {
		t.Errorf("got %d objects, want %d (nodes + edges + identity + extension-definition)", len(b.Objects), want)
	}
	prev := ""
	for _, o := range b.Objects {
		id, _ := o["id"].(string)
		if id <= prev {
			t.Fatalf("objects not sorted by id: %s after %s", id, prev)
		}
		prev = id
		// created comes from the data (reportedOn, dates) or the epoch, never the clock.
		if c, _ := o["created"].(string); c > "2027" {
			t.Errorf("%s created %s: later than any date in the data", id, c)
		}
	}
}

// TestFormatWriteIsWrite: format.Write chooses STIX like any format and
// writes the bundle this package's Write writes.
func TestFormatWriteIsWrite(t *testing.T) {
	d := crocus(t)
	g := &graph.Subgraph{Nodes: d.Nodes, Edges: d.Edges}
	var buf bytes.Buffer
	if err := format.Write(&buf, format.STIX, g); err != nil {
		t.Fatal(err)
	}
	if want := export(t, g); !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("format.Write(STIX): %d bytes, want stix.Write's %d", buf.Len(), len(want))
	}
	if _, err := format.NewWriter(&buf, format.STIX); err == nil {
		t.Error("format.NewWriter(STIX): no error, want one (a bundle is written whole)")
	}
}

func TestIDsAreUUIDv5OfOurIDs(t *testing.T) {
	got := ID("threat-actor", "group:is-k")
	if got != ID("threat-actor", "group:is-k") || got == ID("threat-actor", "group:is") {
		t.Fatalf("ID is not a function of the type and our id: %s", got)
	}
	if !strings.HasPrefix(got, "threat-actor--") || got[len("threat-actor--")+14] != '5' {
		t.Errorf("ID = %s, want threat-actor--<UUID version 5>", got)
	}
}

// TestRoundTrip exports the Crocus set, reads the bundle back and compares
// every field of every node and edge.
func TestRoundTrip(t *testing.T) {
	d := crocus(t)
	back, res, err := ReadBytes(export(t, &graph.Subgraph{Nodes: d.Nodes, Edges: d.Edges}), "crocus.stix.json", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Skipped) != 0 {
		t.Errorf("skipped %v, want nothing", res.Skipped)
	}
	compareNodes(t, d.Nodes, back.Nodes)
	compareEdges(t, d.Edges, back.Edges)
}

func compareNodes(t *testing.T, want, got []graph.Node) {
	t.Helper()
	byID := map[string]graph.Node{}
	for _, n := range got {
		byID[n.ID] = n
	}
	if len(got) != len(want) {
		t.Errorf("got %d nodes, want %d", len(got), len(want))
	}
	for _, w := range want {
		g, ok := byID[w.ID]
		if !ok {
			t.Errorf("node %s lost", w.ID)
			continue
		}
		// An empty list or map is stored as none.
		if len(w.Aliases) == 0 && len(g.Aliases) == 0 {
			w.Aliases, g.Aliases = nil, nil
		}
		if len(w.Properties) == 0 && len(g.Properties) == 0 {
			w.Properties, g.Properties = nil, nil
		}
		if !reflect.DeepEqual(g, w) {
			t.Errorf("node %s:\n got %+v\nwant %+v", w.ID, g, w)
		}
	}
}

func compareEdges(t *testing.T, want, got []graph.Edge) {
	t.Helper()
	byID := map[string]graph.Edge{}
	for _, e := range got {
		byID[e.ID] = e
	}
	if len(got) != len(want) {
		t.Errorf("got %d edges, want %d", len(got), len(want))
	}
	for _, w := range want {
		g, ok := byID[w.ID]
		if !ok {
			t.Errorf("edge %s lost", w.ID)
			continue
		}
		if len(w.Properties) == 0 && len(g.Properties) == 0 {
			w.Properties, g.Properties = nil, nil
		}
		if !reflect.DeepEqual(g, w) {
			t.Errorf("edge %s:\n got %+v\nwant %+v", w.ID, g, w)
		}
	}
}

func TestCountryCode(t *testing.T) {
	for in, want := range map[string]string{"RU": "RU", "ru": "RU", "Russia": "RU", "Russian Federation": "RU",
		"United States": "US", "united states of america": "US", "Tajikistan": "TJ", "Iran": "IR",
		"Syria": "SY", "United Kingdom": "GB", "Narnia": "", "XX": ""} {
		if got := CountryCode(in); got != want {
			t.Errorf("CountryCode(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestReadLocations(t *testing.T) {
	b := `{"type":"bundle","id":"bundle--0f0c6a40-1c1b-4bd0-9a5c-1e1d8a1e0c11","objects":[
{"type":"location","spec_version":"2.1","id":"location--4f8a4b3c-5f0e-4b6e-9c45-0a5d1c0e8b21","created":"2024-01-01T00:00:00Z","modified":"2024-01-01T00:00:00Z","name":"Russia","country":"Russian Federation"},
{"type":"location","spec_version":"2.1","id":"location--5f8a4b3c-5f0e-4b6e-9c45-0a5d1c0e8b22","created":"2024-01-01T00:00:00Z","modified":"2024-01-01T00:00:00Z","name":"Kazan","city":"Kazan","country":"Russia"}]}`
	d, _, err := ReadBytes([]byte(b), "t", Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]graph.Node{}
	for _, n := range d.Nodes {
		got[n.ID] = n
	}
	if s, ok := got["state:ru"]; !ok || s.Kind != graph.State || s.Properties["iso2"] != "RU" {
		t.Errorf("the country location is %+v, want State state:ru with iso2 RU (nodes %v)", s, got)
	}
	if l := got["location:kazan-5f8a4b3c5f0e"]; l.Kind != graph.Location || l.Properties["country"] != "RU" ||
		l.Properties["city"] != "Kazan" {
		t.Errorf("the city is %+v, want a Location in RU", l)
	}
}

func TestReadRejects(t *testing.T) {
	for name, in := range map[string]string{
		"not JSON":   `{"type":"bundle",`,
		"not bundle": `{"type":"report","id":"report--1"}`,
		"no objects": `{"type":"bundle","id":"bundle--1","objects":[]}`,
		"bad id":     `{"type":"bundle","id":"bundle--1","objects":[{"type":"identity","id":"x"}]}`,
		"bad UTF-8":  "{\"type\":\"bundle\",\"objects\":[{\"name\":\"\xff\"}]}",
	} {
		if _, _, err := ReadBytes([]byte(in), "body", Options{}); err == nil {
			t.Errorf("%s: no error", name)
		} else if ve := (*graph.ValidationError)(nil); !errors.As(err, &ve) {
			t.Errorf("%s: %T %v, want a *graph.ValidationError", name, err, err)
		}
	}
}

func TestIsSTIXBundle(t *testing.T) {
	apt1, err := os.ReadFile("testdata/apt1.json")
	if err != nil {
		t.Fatal(err)
	}
	d := crocus(t)
	ours := export(t, &graph.Subgraph{Nodes: d.Nodes[:3]})
	js, _ := json.Marshal(d)
	for name, tt := range map[string]struct {
		in   []byte
		want bool
	}{"apt1": {apt1, true}, "ours": {ours, true}, "data set": {js, false},
		"type later": {[]byte(`{"objects":[{"type":"x"}],"type":"bundle"}`), true}, "not JSON": {[]byte("nodes"), false}} {
		if got := dataset.IsSTIXBundle(tt.in); got != tt.want {
			t.Errorf("%s: IsSTIXBundle = %v, want %v", name, got, tt.want)
		}
	}
}

// BenchmarkWrite measures the STIX export of the generated 10k graph beside
// the native JSON export of the same graph (issue: STIX within 1.5x of JSON).
func BenchmarkWrite(b *testing.B) {
	g := bigGraph(b, 10000)
	b.Run("stix", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := Write(discard{}, g); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("json", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := format.Write(discard{}, format.JSON, g); err != nil {
				b.Fatal(err)
			}
		}
	})
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
