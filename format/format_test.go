package format

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph"
)

// -update rewrites the golden files under testdata. The flag may be
// registered by another test file of the package too, so it is looked up
// rather than held.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files")
	}
}

func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

const crocusSource = "source:crocus-city-hall-2024-03-25"

// goldenAnswer is a path answer shaped like the Crocus data: IS-K to Ukraine
// over the attack and Russia, with a Source node, evidence on every edge and
// one alleged edge. It is test data, not a record: the ACCUSED edge and its
// quote are made up to exercise the alleged stance and escaping.
func goldenAnswer() *graph.PathAnswer {
	hidden := 12
	edges := []graph.Edge{
		{ID: "CLAIMED_RESPONSIBILITY:group:is-k->event:2024-03-22-crocus-city-hall", Type: "CLAIMED_RESPONSIBILITY",
			Source: "group:is-k", Target: "event:2024-03-22-crocus-city-hall",
			Evidence: graph.Evidence{Level: graph.EvidenceQuote, Sources: []string{crocusSource},
				Quote:       "IS-K, an Islamic State affiliate, claimed responsibility for the assault on Crocus City Hall",
				QuoteSource: crocusSource, QuoteStart: new(1204), QuoteEnd: new(1295),
				QuoteSHA256: graph.TextSHA256("stands for the seed article's text"),
				Confidence:  95, Stance: graph.Claimed, ReportedOn: "2024-03-25"}},
		{ID: "TARGETED:event:2024-03-22-crocus-city-hall->state:ru", Type: "TARGETED",
			Source: "event:2024-03-22-crocus-city-hall", Target: "state:ru",
			Evidence: graph.Evidence{Level: graph.EvidenceQuote, Sources: []string{crocusSource},
				Quote:      "Moscow was rocked by a devastating attack at a rock concert",
				Confidence: 90, Stance: graph.Reported, ValidFrom: "2024-03-22", ReportedOn: "2024-03-25"}},
		{ID: "ACCUSED:state:ru->state:ua", Type: "ACCUSED", Source: "state:ru", Target: "state:ua",
			Evidence: graph.Evidence{Level: graph.EvidenceReportedQuote, Sources: []string{crocusSource},
				Quote:       `Officials spoke of a "Ukrainian trace" <unproven> & denied by Kyiv`,
				QuoteSource: crocusSource, Confidence: 30, Stance: graph.Alleged, ReportedOn: "2024-03-25",
				Inferred: true, Reason: "test data: stands for the claims of a Ukrainian link"},
			Properties: map[string]any{"denied": true}},
		{ID: "REPORTED_TOLL:" + crocusSource + "->event:2024-03-22-crocus-city-hall", Type: "REPORTED_TOLL",
			Source: crocusSource, Target: "event:2024-03-22-crocus-city-hall",
			Evidence: graph.Evidence{Level: graph.EvidenceSummary, Sources: []string{crocusSource},
				Summary:    "The article reports 137 dead & over 100 injured <curator's words>.",
				Confidence: 95, Stance: graph.Reported, ReportedOn: "2024-03-25"},
			Properties: map[string]any{"deaths": 137, "injured": "over 100"}},
	}
	nodes := []graph.Node{
		{ID: "group:is-k", Kind: graph.Group, Name: "Islamic State Khorasan Province",
			Aliases:    []string{"IS-K", "ISIS-K", "ISKP"},
			Properties: map[string]any{"founded": "2015", "activeIn": []any{"Afghanistan", "Pakistan"}}},
		{ID: "event:2024-03-22-crocus-city-hall", Kind: graph.Event, Name: "Crocus City Hall attack",
			Properties: map[string]any{"date": "2024-03-22", "deaths": 137, "place": "Krasnogorsk", "type": "terrorist attack"}},
		{ID: "state:ru", Kind: graph.State, Name: "Russia", Properties: map[string]any{"iso2": "RU"}, Hidden: &hidden},
		{ID: "state:ua", Kind: graph.State, Name: "Ukraine", Properties: map[string]any{"iso2": "UA"}},
		{ID: crocusSource, Kind: graph.Source, Name: "Moscow concert hall attack (2024-03-25)",
			Properties: map[string]any{"date": "2024-03-25", "title": "Moscow concert hall attack"}},
	}
	path := graph.NewPath([]string{"group:is-k", "event:2024-03-22-crocus-city-hall", "state:ru", "state:ua"}, edges[:3])
	return &graph.PathAnswer{
		Subgraph: graph.Subgraph{Nodes: nodes, Edges: edges},
		Paths:    graph.RankPaths([]graph.Path{path}, 5),
		Notes:    []string{"1 path; 1 contested hop"},
		Query:    map[string]any{"from": "group:is-k", "to": "state:ua", "maxDepth": 4},
	}
}

// hostile is a string with everything a format must escape or cannot carry:
// quotes, markup, an emoji, NUL and other controls, a non-character, a line
// break and a broken UTF-8 byte.
const hostile = "q\"uote' <b>&amp; \U0001F9E8 nul\x00 esc\x1b bad\uFFFE line\nbreak \xff end"

// hostileAnswer puts hostile strings in ids, names, aliases, quotes, sources,
// property keys and values, and a property key taken by a fixed field.
func hostileAnswer() *graph.PathAnswer {
	a := &graph.PathAnswer{
		Subgraph: graph.Subgraph{
			Nodes: []graph.Node{
				{ID: `group:"<&>"` + "\x00", Kind: graph.Group, Name: hostile, Aliases: []string{hostile, "a | b"},
					Properties: map[string]any{hostile: hostile, "id": "clash", "prop_id": "taken", "x": 1.5,
						"nested": map[string]any{"a": 1}, "list": []string{"<a>", "&b"}}},
				{ID: "state:\U0001F9E8", Kind: graph.State, Name: "emoji \U0001F9E8 state"},
			},
			Edges: []graph.Edge{{ID: `ACCUSED:"<&>"->` + "\U0001F9E8\x00", Type: "ACCUSED",
				Source: `group:"<&>"` + "\x00", Target: "state:\U0001F9E8",
				Evidence: graph.Evidence{Level: graph.EvidenceReportedQuote,
					Sources: []string{"source:<x>&\"y\"", hostile}, Quote: hostile, Summary: hostile,
					Confidence: 10, Stance: graph.Denied, Reason: hostile},
				Properties: map[string]any{"source": "clash", hostile: []any{1, "two", true}}}},
			Truncated: true,
		},
		Reason: hostile,
	}
	return a
}

func write(t *testing.T, f Format, v any) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, f, v); err != nil {
		t.Fatalf("Write(%s): %v", f, err)
	}
	return buf.Bytes()
}

func TestParseFormat(t *testing.T) {
	tests := []struct {
		in   string
		want Format
	}{
		{"", JSON}, {"json", JSON}, {"cytoscape", Cytoscape}, {"d3", D3},
		{"graphml", GraphML}, {"gexf", GEXF},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseFormat(%q) = %q, %v; want %q, nil", tt.in, got, err, tt.want)
		}
	}
	for _, in := range []string{"xml", "GraphML", "csv", " json"} {
		_, err := Parse(in)
		var ve *graph.ValidationError
		if !errors.As(err, &ve) {
			t.Fatalf("ParseFormat(%q) error = %v, want a *ValidationError", in, err)
		}
		p := ve.Problems[0]
		if p.Field != "format" || p.Value != in || !strings.Contains(p.Reason, "json, cytoscape, d3, graphml, gexf") {
			t.Errorf("ParseFormat(%q) problem = %+v, want field format, value %q and the allowed formats", in, p, in)
		}
	}
}

// allFormats are the formats a Write can be asked for: every format= value
// and GEXF 1.3 (format=gexf&gexfVersion=1.3).
var allFormats = append(append([]Format{}, All...), GEXF13)

func TestWithGEXFVersion(t *testing.T) {
	for _, tt := range []struct {
		f    Format
		v    string
		want Format
	}{
		{GEXF, "", GEXF}, {GEXF, "1.2draft", GEXF}, {GEXF, "1.3", GEXF13},
		{JSON, "", JSON},
	} {
		got, err := WithGEXFVersion(tt.f, tt.v)
		if err != nil || got != tt.want {
			t.Errorf("WithGEXFVersion(%q, %q) = %q, %v; want %q, nil", tt.f, tt.v, got, err, tt.want)
		}
	}
	for _, tt := range []struct {
		f      Format
		v      string
		reason string
	}{{GEXF, "1.1", "want 1.2draft"}, {GraphML, "1.3", "format=gexf only"}} {
		_, err := WithGEXFVersion(tt.f, tt.v)
		var ve *graph.ValidationError
		if !errors.As(err, &ve) || ve.Problems[0].Field != "gexfVersion" ||
			!strings.Contains(ve.Problems[0].Reason, tt.reason) {
			t.Errorf("WithGEXFVersion(%q, %q) error = %v, want a gexfVersion problem saying %q", tt.f, tt.v, err, tt.reason)
		}
	}
}

func TestContentTypeAndFilename(t *testing.T) {
	tests := []struct {
		f            Format
		wantType     string
		wantFilename string
	}{
		{JSON, "application/json; charset=utf-8", "actorgraph-paths.json"},
		{Cytoscape, "application/json; charset=utf-8", "actorgraph-paths.cytoscape.json"},
		{D3, "application/json; charset=utf-8", "actorgraph-paths.d3.json"},
		{GraphML, "application/graphml+xml; charset=utf-8", "actorgraph-paths.graphml"},
		{GEXF, "application/gexf+xml; charset=utf-8", "actorgraph-paths.gexf"},
		{GEXF13, "application/gexf+xml; charset=utf-8", "actorgraph-paths.gexf"},
	}
	for _, tt := range tests {
		if got := tt.f.ContentType(); got != tt.wantType {
			t.Errorf("%s.ContentType() = %q, want %q", tt.f, got, tt.wantType)
		}
		if got := tt.f.Filename("actorgraph-paths"); got != tt.wantFilename {
			t.Errorf("%s.Filename(%q) = %q, want %q", tt.f, "actorgraph-paths", got, tt.wantFilename)
		}
	}
	for base, want := range map[string]string{"": "actorgraph.gexf", `a"b/../c` + "\r\n": "a-b-..-c--.gexf",
		"..": "actorgraph.gexf"} {
		if got := GEXF.Filename(base); got != want {
			t.Errorf("Filename(%q) = %q, want %q", base, got, want)
		}
	}
}

func TestWriteGolden(t *testing.T) {
	for _, f := range allFormats {
		t.Run(string(f), func(t *testing.T) {
			got := write(t, f, goldenAnswer())
			file := filepath.Join("testdata", f.Filename("paths"))
			if f == GEXF13 {
				file = filepath.Join("testdata", "paths.1.3.gexf")
			}
			if updating() {
				if err := os.WriteFile(file, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run go test ./format -run TestWriteGolden -update to write it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("Write(%s) differs from %s (go test ./format -run TestWriteGolden -update "+
					"rewrites it):\ngot:\n%s", f, file, got)
			}
		})
	}
}

// TestNativeJSONIsMarshal checks that the streamed native JSON is json.Marshal's
// output apart from whitespace, nil slices and omitted members included.
func TestNativeJSONIsMarshal(t *testing.T) {
	tests := []struct {
		name string
		v    any
	}{
		{"golden answer", goldenAnswer()},
		{"hostile answer", hostileAnswer()},
		{"empty answer", &graph.PathAnswer{}},
		{"no paths", &graph.PathAnswer{Subgraph: graph.Subgraph{Nodes: []graph.Node{},
			Edges: []graph.Edge{}}, Paths: []graph.Path{}, Reason: "no path within 4 hops"}},
		{"subgraph", &goldenAnswer().Subgraph},
		{"nil slices", &graph.Subgraph{Truncated: true}},
	}
	for _, tt := range tests {
		want, err := json.Marshal(tt.v)
		if err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		if err := json.Compact(&got, write(t, JSON, tt.v)); err != nil {
			t.Fatalf("%s: native JSON does not parse: %v", tt.name, err)
		}
		if !bytes.Equal(got.Bytes(), want) {
			t.Errorf("%s: got\n%s\nwant json.Marshal's\n%s", tt.name, got.Bytes(), want)
		}
	}
}

// ids are the node and edge ids a format carries, in document order.
type ids struct{ nodes, edges []string }

// wantIDs are the ids of g as a reader of format f gets them back.
func wantIDs(f Format, g *graph.Subgraph) ids {
	conv := jsonSafe
	if f == GraphML || f == GEXF || f == GEXF13 {
		conv = xmlSafe
	}
	var w ids
	for _, n := range g.Nodes {
		w.nodes = append(w.nodes, conv(n.ID))
	}
	for _, e := range g.Edges {
		w.edges = append(w.edges, conv(e.ID))
	}
	return w
}

func TestFormatsAgreeOnIDs(t *testing.T) {
	answers := map[string]func() *graph.PathAnswer{"golden": goldenAnswer, "hostile": hostileAnswer}
	for name, answer := range answers {
		for _, f := range allFormats {
			for _, v := range []any{answer(), &answer().Subgraph} {
				doc := parseBack(t, f, write(t, f, v))
				got := ids{doc.nodeIDs(), doc.edgeIDs()}
				if want := wantIDs(f, &answer().Subgraph); !reflect.DeepEqual(got, want) {
					t.Errorf("%s answer as %s (%T): got ids %q, want %q", name, f, v, got, want)
				}
			}
		}
	}
}

// TestHostileStrings checks that names, quotes and property values survive
// each format: exactly in the JSON formats, with what XML 1.0 cannot carry
// replaced by U+FFFD in GraphML and GEXF, whose documents still parse.
func TestHostileStrings(t *testing.T) {
	a := hostileAnswer()
	n, e := a.Nodes[0], a.Edges[0]
	for _, f := range allFormats {
		out := write(t, f, a)
		if !utf8.Valid(out) {
			t.Errorf("%s: output is not valid UTF-8", f)
		}
		doc := parseBack(t, f, out)
		conv := jsonSafe
		if doc.xml {
			conv = xmlSafe
			if bytes.ContainsAny(out, "\x00\x1b") {
				t.Errorf("%s: output holds control characters XML 1.0 forbids", f)
			}
		}
		// prop names where format f puts a property: nested in the native
		// shape, flattened under its written key elsewhere.
		prop := func(original, written string) string {
			if f == JSON {
				return "properties/" + jsonSafe(original)
			}
			return conv(written)
		}
		checks := []struct{ what, got, want string }{
			{"node name", doc.nodeAttr(0, "name"), conv(n.Name)},
			{"edge quote", doc.edgeAttr(0, "quote"), conv(e.Quote)},
			{"edge summary", doc.edgeAttr(0, "summary"), conv(e.Summary)},
			{"edge evidence", doc.edgeAttr(0, "evidence"), "reported-quote"},
			{"edge reason", doc.edgeAttr(0, "reason"), conv(e.Reason)},
			{"node property", doc.nodeAttr(0, prop(hostile, hostile)), conv(hostile)},
			// "id" is taken by a fixed field and "prop_id" by another property.
			{"renamed property", doc.nodeAttr(0, prop("id", "prop_prop_id")), "clash"},
			{"free property", doc.nodeAttr(0, prop("prop_id", "prop_id")), "taken"},
			{"edge property", doc.edgeAttr(0, prop("source", "prop_source")), "clash"},
		}
		if doc.xml {
			checks = append(checks, []struct{ what, got, want string }{
				{"aliases", doc.nodeAttr(0, "aliases"), conv(hostile) + " | a | b"},
				{"sources", doc.edgeAttr(0, "sources"), "source:<x>&\"y\" | " + conv(hostile)},
				{"list property", doc.nodeAttr(0, "list"), "<a> | &b"},
				{"nested property", doc.nodeAttr(0, "nested"), ""},
				{"mixed list", doc.edgeAttr(0, conv(hostile)), "1 | two | true"},
			}...)
		} else {
			checks = append(checks, []struct{ what, got, want string }{
				{"aliases", doc.nodeAttr(0, "aliases"), jsonText([]string{jsonSafe(hostile), "a | b"})},
				{"nested property", doc.nodeAttr(0, prop("nested", "nested")), `{"a":1}`},
			}...)
		}
		for _, c := range checks {
			if c.got != c.want {
				t.Errorf("%s: %s = %q, want %q", f, c.what, c.got, c.want)
			}
		}
	}
}

// TestWriteStreams checks that a large export reaches the writer in pieces
// while it is written, not as one document built in memory.
func TestWriteStreams(t *testing.T) {
	g := bigSubgraph(20000)
	for _, f := range allFormats {
		var w chunkWriter
		if err := Write(&w, f, g); err != nil {
			t.Fatalf("Write(%s): %v", f, err)
		}
		if w.calls < 10 || w.largest > 64<<10 {
			t.Errorf("Write(%s) of %d edges: %d writes of at most %d bytes (%d in all), want many writes of at most 64 KiB",
				f, len(g.Edges), w.calls, w.largest, w.total)
		}
	}
}

func TestWriteErrors(t *testing.T) {
	var nilAnswer *graph.PathAnswer
	tests := []struct {
		name string
		f    Format
		v    any
	}{
		{"unknown value", JSON, 42},
		{"nil answer", JSON, nilAnswer},
		{"nil subgraph", GraphML, (*graph.Subgraph)(nil)},
		{"unknown format", Format("xml"), goldenAnswer()},
	}
	for _, tt := range tests {
		if err := Write(&bytes.Buffer{}, tt.f, tt.v); err == nil {
			t.Errorf("%s: Write(%q, %T) = nil, want an error", tt.name, tt.f, tt.v)
		}
	}
	broken := errors.New("connection reset")
	for _, f := range allFormats {
		if err := Write(failingWriter{broken}, f, bigSubgraph(2000)); !errors.Is(err, broken) {
			t.Errorf("Write(%s) to a failing writer = %v, want %v", f, err, broken)
		}
	}
}

func BenchmarkWrite(b *testing.B) {
	g := bigSubgraph(100000)
	for _, f := range allFormats {
		b.Run(string(f), func(b *testing.B) {
			b.ReportAllocs()
			var w chunkWriter
			for b.Loop() {
				if err := Write(&w, f, g); err != nil {
					b.Fatal(err)
				}
			}
			b.SetBytes(int64(w.total / b.N))
		})
	}
}

// bigSubgraph is a ring of n nodes and n edges with evidence and properties.
func bigSubgraph(n int) *graph.Subgraph {
	g := &graph.Subgraph{Nodes: make([]graph.Node, n), Edges: make([]graph.Edge, n)}
	id := func(i int) string { return "attacker:a" + strconv.Itoa(i%n) }
	for i := range n {
		g.Nodes[i] = graph.Node{ID: id(i), Kind: graph.Attacker, Name: "Attacker " + strconv.Itoa(i),
			Aliases:    []string{"A" + strconv.Itoa(i)},
			Properties: map[string]any{"status": "detained", "born": 1990}}
		g.Edges[i] = graph.Edge{ID: graph.EdgeID("SPOKE_WITH", id(i), id(i+1)), Type: "SPOKE_WITH",
			Source: id(i), Target: id(i + 1),
			Evidence: graph.Evidence{Level: graph.EvidenceReportedQuote, Sources: []string{crocusSource},
				Quote: "a sentence of the source & more", Confidence: 80, Stance: graph.Reported}}
	}
	return g
}

type chunkWriter struct{ calls, largest, total int }

func (w *chunkWriter) Write(p []byte) (int, error) {
	w.calls++
	w.largest = max(w.largest, len(p))
	w.total += len(p)
	return len(p), nil
}

type failingWriter struct{ err error }

func (w failingWriter) Write([]byte) (int, error) { return 0, w.err }

// jsonSafe is s as a JSON reader gets it back: broken UTF-8 replaced.
func jsonSafe(s string) string {
	b, _ := json.Marshal(s)
	var out string
	_ = json.Unmarshal(b, &out)
	return out
}

// xmlSafe is s as an XML reader gets it back: what XML 1.0 cannot carry
// replaced by U+FFFD, one for each character or broken byte.
func xmlSafe(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, width := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && width == 1) || !xmlChar(r) {
			r = utf8.RuneError
		}
		b.WriteRune(r)
		i += width
	}
	return b.String()
}
