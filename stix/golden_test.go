package stix

import (
	"bytes"
	"crypto/sha256"
	"fmt"
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
