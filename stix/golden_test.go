package stix

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/synth"
)

// goldenSHA256 are the sha256 digests of the bundles the in-memory Write
// wrote for these graphs before the streamed export existed (captured on
// 2026-12-07 from main at 4dd5901): the streamed export must write the same
// bytes, and Write must keep writing them. The bundles themselves are too
// large to keep (the 10k graph's is 70 MB).
var goldenSHA256 = map[string]string{
	"crocus":        "475ac5f328cbd8a40649b6376cd52ea6fafa665052dcf490f492e18a834fec72",
	"crocus-marked": "09a95cba0c58b694f6d418ee6afe72d930bc51d57c17c1df6d99e91fdbb0e555",
	"ba-10k":        "72210821c050864f3f442bf7793afdadf79b0d1e6721d2d5f4b0d1ecce9595e3",
}

// goldenGraphs are the graphs goldenSHA256 is of: the Crocus set; the same
// with records marked amber, amber+strict and red; a generated 10k graph.
func goldenGraphs(t testing.TB) map[string]*graph.Subgraph {
	t.Helper()
	d := crocus(t)
	marked := markedCrocus(t)
	g, err := synth.Generate(synth.Config{Shape: "ba", Nodes: 10000, Seed: 1, Tag: "10k-"})
	if err != nil {
		t.Fatal(err)
	}
	ba, err := g.DataSet()
	if err != nil {
		t.Fatal(err)
	}
	if err := ba.Validate(nil); err != nil {
		t.Fatal(err)
	}
	return map[string]*graph.Subgraph{
		"crocus":        {Nodes: d.Nodes, Edges: d.Edges},
		"crocus-marked": {Nodes: marked.Nodes, Edges: marked.Edges},
		"ba-10k":        {Nodes: ba.Nodes, Edges: ba.Edges},
	}
}

// markedCrocus is the Crocus set with every third node and edge marked, in
// turn, amber, amber+strict and red.
func markedCrocus(t testing.TB) *graph.DataSet {
	t.Helper()
	d := crocus(t)
	levels := []graph.Marking{graph.Amber, graph.AmberStrict, graph.Red}
	for i := range d.Nodes {
		if i%3 == 0 {
			d.Nodes[i].Marking = levels[(i/3)%3]
		}
	}
	for i := range d.Edges {
		if i%3 == 1 {
			d.Edges[i].Marking = levels[(i/3)%3]
		}
	}
	return d
}

func digest(b []byte) string {
	s := sha256.Sum256(b)
	return fmt.Sprintf("%x", s[:])
}

// TestWriteGolden: Write writes the bytes it wrote before the streamed
// export existed.
func TestWriteGolden(t *testing.T) {
	for name, g := range goldenGraphs(t) {
		b := export(t, g)
		if got := digest(b); got != goldenSHA256[name] {
			t.Errorf("%s: Write's bundle (%d bytes) has sha256 %s, want %s", name, len(b), got, goldenSHA256[name])
		}
		if name == "crocus-marked" && !bytes.Contains(b, []byte(exportIDs[graph.Red])) {
			t.Errorf("%s: no TLP:RED marking definition in the bundle", name)
		}
	}
}

// replay hands g to a sink as a store would: Begin, every node, every edge,
// End; each row a fresh copy, so the writer keeps nothing of it by mistake.
func replay(g *graph.Subgraph, passes *int) func(graph.Sink) error {
	return func(s graph.Sink) error {
		*passes++
		if err := s.Begin(graph.Head{}); err != nil {
			return err
		}
		for _, n := range g.Nodes {
			if err := s.Node(&n); err != nil {
				return err
			}
		}
		for _, e := range g.Edges {
			if err := s.Edge(&e); err != nil {
				return err
			}
		}
		return s.End()
	}
}

// TestStreamGolden: the streamed export writes the bytes Write wrote before
// it existed, for every golden graph.
func TestStreamGolden(t *testing.T) {
	for name, g := range goldenGraphs(t) {
		var buf bytes.Buffer
		passes := 0
		if err := Stream(&buf, replay(g, &passes)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := digest(buf.Bytes()); got != goldenSHA256[name] {
			t.Errorf("%s: the streamed bundle (%d bytes) has sha256 %s, want %s (Write's: %d bytes)", name,
				buf.Len(), got, goldenSHA256[name], len(export(t, g)))
		}
		if passes != 2 {
			t.Errorf("%s: read %d times, want 2", name, passes)
		}
	}
}

// TestStreamSeesAChangedGraph: a second pass with a node the first did not
// have is an error, not a bundle that refers to what it does not hold.
func TestStreamSeesAChangedGraph(t *testing.T) {
	d := crocus(t)
	g := &graph.Subgraph{Nodes: d.Nodes[1:], Edges: d.Edges}
	passes := 0
	first := replay(g, &passes)
	second := replay(&graph.Subgraph{Nodes: d.Nodes, Edges: d.Edges}, &passes)
	var buf bytes.Buffer
	err := Stream(&buf, func(s graph.Sink) error {
		if passes == 0 {
			return first(s)
		}
		return second(s)
	})
	if !errors.Is(err, graph.ErrConflict) || buf.Len() != 0 {
		t.Errorf("got %v and %d bytes, want graph.ErrConflict and nothing written", err, buf.Len())
	}
}

// TestStreamGoldenInSmallRuns: the streamed export writes the same bytes
// when its sort spills many tiny runs merged over several levels and its
// citations are grouped through one-record buffers, and leaves no
// temporary file behind.
func TestStreamGoldenInSmallRuns(t *testing.T) {
	defer func(r, f, g int) { runBytes, fanIn, groupBuffer = r, f, g }(runBytes, fanIn, groupBuffer)
	runBytes, fanIn, groupBuffer = 64<<10, 3, 1
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	for name, g := range goldenGraphs(t) {
		if name == "crocus" {
			runBytes = 2 << 10 // a run of one or two objects
		} else {
			runBytes = 64 << 10
		}
		var buf bytes.Buffer
		passes := 0
		if err := Stream(&buf, replay(g, &passes)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := digest(buf.Bytes()); got != goldenSHA256[name] {
			t.Errorf("%s: the streamed bundle in small runs (%d bytes) has sha256 %s, want %s", name, buf.Len(), got,
				goldenSHA256[name])
		}
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("left %d temporary files or folders behind (%s...)", len(left), left[0].Name())
	}
}
