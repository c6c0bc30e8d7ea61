package format

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// TestWriterMatchesWrite: a graph streamed element by element through a
// Writer, with its property keys given as stored (as the store gives them),
// is the same document in every format as Write makes of the whole graph.
func TestWriterMatchesWrite(t *testing.T) {
	g := goldenAnswer().Subgraph
	g.Truncated = true
	raw := func(n int, props func(i int) map[string]any) []string {
		var keys []string
		for i := range n {
			for k := range props(i) {
				keys = append(keys, k)
			}
		}
		return keys
	}
	head := graph.Head{Truncated: true,
		NodeKeys: raw(len(g.Nodes), func(i int) map[string]any { return g.Nodes[i].Properties }),
		EdgeKeys: raw(len(g.Edges), func(i int) map[string]any { return g.Edges[i].Properties })}
	for _, f := range append(All, GEXF13) {
		var want, got bytes.Buffer
		if err := Write(&want, f, &g); err != nil {
			t.Fatal(err)
		}
		w, err := NewWriter(&got, f)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Begin(head); err != nil {
			t.Fatal(err)
		}
		for i := range g.Nodes {
			if err := w.Node(&g.Nodes[i]); err != nil {
				t.Fatal(err)
			}
		}
		for i := range g.Edges {
			if err := w.Edge(&g.Edges[i]); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.End(); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("%s: streamed document differs from Write's:\n got %s\nwant %s", f, got.String(), want.String())
		}
	}
}

// TestWriterEmptyAndOrder: an empty streamed graph is a whole document (lists
// empty, not null), and a node after an edge is refused.
func TestWriterEmptyAndOrder(t *testing.T) {
	var b bytes.Buffer
	w, _ := NewWriter(&b, JSON)
	if err := w.Begin(graph.Head{}); err != nil {
		t.Fatal(err)
	}
	if err := w.End(); err != nil {
		t.Fatal(err)
	}
	if got, want := b.String(), `{"nodes":[],"edges":[],"truncated":false}`+"\n"; got != want {
		t.Errorf("empty graph: got %q, want %q", got, want)
	}
	w, _ = NewWriter(&b, GraphML)
	_ = w.Begin(graph.Head{})
	_ = w.Edge(&graph.Edge{ID: "e", Source: "a", Target: "b", Type: "T"})
	if err := w.Node(&graph.Node{ID: "a"}); err == nil {
		t.Error("a node after an edge: got no error, want one")
	}
}

// TestStoredKeyNames: stored keys that a fixed field takes are declared under
// every name the prop_ rule may give them.
func TestStoredKeyNames(t *testing.T) {
	for _, tc := range []struct{ in, want []string }{
		{[]string{"b", "a", "b"}, []string{"a", "b"}},
		{[]string{"type", "date"}, []string{"date", "prop_type"}},
		{[]string{"type", "prop_type"}, []string{"prop_prop_type", "prop_type"}},
		{nil, []string{}},
	} {
		if got := storedKeyNames(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("storedKeyNames(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
