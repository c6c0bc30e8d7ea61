package dataset

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

const streamNodes = `id,kind,name,aliases,properties
group:a,Group,A,Alpha|The A,
state:b,State,B,,"{""iso"":""BB""}"
source:s,Source,S,,"{""text"":""A met B in the city.""}"
`

const streamEdges = `id,type,source,target,sources,quote,confidence,stance,evidence,summary
e1,ACTIVE_IN,group:a,state:b,source:s,A met B,80,reported,quote,
e2,ACTIVE_IN,group:a,state:b,source:s,,70,claimed,summary,A is active in B
`

func writePair(t *testing.T, nodes, edges string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range map[string]string{"nodes.csv": nodes, "edges.csv": edges} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// streamAll streams dir with hash and returns what reached the sink.
func streamAll(t *testing.T, dir string, hash func(string) uint64) ([]graph.Node, []graph.Edge, error) {
	t.Helper()
	var nodes []graph.Node
	var edges []graph.Edge
	err := stream([]StreamInput{{Dir: dir}}, map[string]graph.Known{}, StreamSink{
		Node: func(n graph.Node) error { nodes = append(nodes, n); return nil },
		Edge: func(e graph.Edge) error { edges = append(edges, e); return nil },
	}, hash)
	return nodes, edges, err
}

func reasons(err error) []string {
	ve, _ := err.(*graph.ValidationError)
	if ve == nil {
		return nil
	}
	var out []string
	for _, p := range ve.Problems {
		out = append(out, p.Field+": "+p.Reason)
	}
	return out
}

// TestStreamAgreesWithValidate: streaming a CSV folder hands on the records
// Validate fills in (quote offsets, the text's hash) and reports a bad data
// set with the problems Validate reports, in the same words.
func TestStreamAgreesWithValidate(t *testing.T) {
	dir := writePair(t, streamNodes, streamEdges)
	nodes, edges, err := streamAll(t, dir, func(s string) uint64 { return uint64(len(s)) })
	if err != nil {
		t.Fatal(err)
	}
	d, err := ReadFile(filepath.Join(dir, "nodes.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Validate(map[string]graph.Known{}); err != nil {
		t.Fatal(err)
	}
	if len(nodes) != len(d.Nodes) || len(edges) != len(d.Edges) {
		t.Fatalf("streamed %d nodes, %d edges; Validate has %d, %d", len(nodes), len(edges), len(d.Nodes), len(d.Edges))
	}
	if got, want := nodes[2].Properties["textSha256"], d.Nodes[2].Properties["textSha256"]; got != want || got == nil {
		t.Errorf("source textSha256 %v, want %v", got, want)
	}
	if e := edges[0]; e.QuoteStart == nil || *e.QuoteStart != *d.Edges[0].QuoteStart ||
		e.QuoteSHA256 != d.Edges[0].QuoteSHA256 {
		t.Errorf("edge e1 streamed as %+v, want the offsets and hash Validate fills in", e.Evidence)
	}

	bad := []struct{ name, nodes, edges, want string }{
		{"dangling target in the last edge", streamNodes, streamEdges +
			"e3,ACTIVE_IN,group:a,state:zz,source:s,,60,claimed,summary,said so\n", "dangling"},
		{"duplicate edge id", streamNodes, streamEdges +
			"e1,ACTIVE_IN,group:a,state:b,source:s,,60,claimed,summary,said so\n", "two edges share this id"},
		{"kinds a type may not connect", streamNodes, streamEdges +
			"e3,ACTIVE_IN,state:b,group:a,source:s,,60,claimed,summary,said so\n", "may not connect"},
		{"source not a Source", streamNodes, streamEdges +
			"e3,ACTIVE_IN,group:a,state:b,group:a,,60,claimed,summary,said so\n", "not a Source"},
		{"quote not in the text", streamNodes, streamEdges +
			"e3,ACTIVE_IN,group:a,state:b,source:s,never said,60,claimed,quote,\n", "not found verbatim"},
		{"node defined twice", streamNodes + "group:a,Group,A again,,\n", streamEdges, "defined twice"},
		{"unknown kind", streamNodes + "group:c,Gang,C,,\n", streamEdges, "unknown kind"},
		{"two Sources with one text", streamNodes +
			"source:t,Source,T,,\"{\"\"text\"\":\"\"A met B in the city.\"\"}\"\n", streamEdges, "same text as source source:s"},
	}
	for _, tc := range bad {
		dir := writePair(t, tc.nodes, tc.edges)
		_, _, err := streamAll(t, dir, func(s string) uint64 { return uint64(len(s)) })
		d, rerr := ReadFile(filepath.Join(dir, "nodes.csv"))
		if rerr != nil {
			t.Fatal(rerr)
		}
		verr := d.Validate(map[string]graph.Known{})
		got, want := strings.Join(reasons(err), "\n"), strings.Join(reasons(verr), "\n")
		if got == "" || got != want || !strings.Contains(got, tc.want) {
			t.Errorf("%s: Stream reported\n%s\nValidate reported\n%s\nwant the same, naming %q", tc.name, got, want, tc.want)
		}
		if err != nil && !strings.Contains(err.Error(), filepath.Join(dir, "")) {
			t.Errorf("%s: %v does not name the file", tc.name, err)
		}
	}
}

// TestStreamEdgeIDsExact: edge ids are kept as hashes, so ids whose hashes
// collide must be compared exactly: different ids pass, equal ids fail.
func TestStreamEdgeIDsExact(t *testing.T) {
	collide := func(string) uint64 { return 7 } // every id collides
	dir := writePair(t, streamNodes, streamEdges+"e3,ACTIVE_IN,group:a,state:b,source:s,,60,claimed,summary,said so\n")
	if _, edges, err := streamAll(t, dir, collide); err != nil || len(edges) != 3 {
		t.Fatalf("distinct ids with one hash: got %d edges, %v; want 3 and no error", len(edges), err)
	}
	dir = writePair(t, streamNodes, streamEdges+"e2,ACTIVE_IN,group:a,state:b,source:s,,60,claimed,summary,said so\n")
	_, _, err := streamAll(t, dir, collide)
	if r := reasons(err); len(r) != 1 || !strings.Contains(r[0], "two edges share this id") ||
		!strings.Contains(err.Error(), "line 4 (e2)") {
		t.Fatalf("a repeated id: got %v, want one problem at line 4 (e2)", err)
	}
}

// TestStreamSinkError: a sink that fails stops the stream with its error.
func TestStreamSinkError(t *testing.T) {
	dir := writePair(t, streamNodes, streamEdges)
	boom := errors.New("disk full")
	calls := 0
	err := Stream([]StreamInput{{Dir: dir}}, map[string]graph.Known{}, StreamSink{
		Node: func(graph.Node) error { return nil },
		Edge: func(graph.Edge) error { calls++; return boom },
	})
	if !errors.Is(err, boom) || calls != 1 {
		t.Fatalf("got %v after %d edges, want the sink's error after the first", err, calls)
	}
}
