package cypherstmt_test

import (
	"strings"
	"testing"

	_ "github.com/actorgraph/actorgraph/cypher"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/cypherstmt"
)

// TestCypherFillsEverything: a program that imports cypher gets every
// statement the benchmark's raw side runs, and they are the store's.
func TestCypherFillsEverything(t *testing.T) {
	for name, s := range map[string]string{"ResolveID": cypherstmt.ResolveID, "Sources": cypherstmt.Sources,
		"Degree": cypherstmt.Degree, "Search": cypherstmt.Search, "FullTextIndex": cypherstmt.FullTextIndex} {
		if s == "" {
			t.Errorf("%s is empty after importing cypher", name)
		}
	}
	if cypherstmt.Path == nil || cypherstmt.Expand == nil || cypherstmt.SearchText == nil || cypherstmt.NodeProps == nil ||
		cypherstmt.EdgeProps == nil || cypherstmt.CreateNodes == nil || cypherstmt.CreateEdges == nil {
		t.Fatal("a statement function is nil after importing cypher")
	}
	if p := cypherstmt.Path("SHORTEST 1", 8); !strings.Contains(p, "$from") || !strings.Contains(p, "$to") {
		t.Errorf("Path = %q, want a statement over $from and $to", p)
	}
	if !strings.Contains(cypherstmt.CreateNodes(graph.Group), "$batch") {
		t.Errorf("CreateNodes(Group) = %q, want a statement over $batch", cypherstmt.CreateNodes(graph.Group))
	}
	if q, err := cypherstmt.CreateEdges("MEMBER_OF"); err != nil || !strings.Contains(q, "MEMBER_OF") {
		t.Errorf("statement for MEMBER_OF: %q, %v", q, err)
	}
	if _, err := cypherstmt.CreateEdges("NOT_A_TYPE) DETACH DELETE (x"); err == nil {
		t.Error("a type outside the vocabulary was accepted")
	}
}
