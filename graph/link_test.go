package graph_test

import (
	"slices"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// TestLinkNamedEntities: an Event's places are where it occurred and the
// places those lie in, three levels up, each once (a cycle or two routes to
// one place do not repeat it); a State gets its Nationality; edges to
// unknown entities are ignored.
func TestLinkNamedEntities(t *testing.T) {
	es := []graph.NamedEntity{{ID: "event:e", Kind: graph.Event}, {ID: "state:ru", Kind: graph.State},
		{ID: "nationality:russian", Kind: graph.Nationality}, {ID: "location:venue", Kind: graph.Location}}
	e := func(typ, a, b string) graph.Edge { return graph.Edge{Type: typ, Source: a, Target: b} }
	graph.LinkNamedEntities(es, []graph.Edge{
		e("OCCURRED_IN", "event:e", "location:venue"),
		e("LOCATED_IN", "location:venue", "location:town"),
		e("LOCATED_IN", "location:venue", "location:oblast"), // a second route: oblast is one level up
		e("LOCATED_IN", "location:town", "location:oblast"),
		e("LOCATED_IN", "location:oblast", "state:ru"),
		e("LOCATED_IN", "state:ru", "location:oblast"), // a cycle
		e("LOCATED_IN", "state:ru", "location:europe"),
		e("LOCATED_IN", "location:europe", "location:fifth-level"),
		e("NATIONALITY_OF", "nationality:russian", "state:ru"),
		e("OCCURRED_IN", "event:unknown", "location:venue"),
		e("MEMBER_OF", "event:e", "location:other"),
	})
	want := []string{"location:venue", "location:town", "location:oblast", "state:ru", "location:europe"}
	if !slices.Equal(es[0].Places, want) {
		t.Errorf("places %v, want %v", es[0].Places, want)
	}
	if es[1].Nationality != "nationality:russian" || es[1].Places != nil || es[3].Places != nil {
		t.Errorf("got %+v", es)
	}
}
