package main

import (
	"os"
	"strings"
	"testing"
)

// TestResultsAreCited: bench/results keeps the files BENCHMARKS.md cites and
// nothing else, and every file it cites is there.
func TestResultsAreCited(t *testing.T) {
	doc, err := os.ReadFile("../../BENCHMARKS.md")
	if err != nil {
		t.Fatal(err)
	}
	ents, err := os.ReadDir("../results")
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, e := range ents {
		have[e.Name()] = true
		if !strings.Contains(string(doc), e.Name()) {
			t.Errorf("bench/results/%s is not cited by BENCHMARKS.md: cite it or remove it", e.Name())
		}
	}
	for _, w := range strings.Fields(string(doc)) {
		i := strings.Index(w, "bench/results/")
		if i < 0 {
			continue
		}
		name := strings.TrimRight(w[i+len("bench/results/"):], "`).,;:'\"]")
		if name != "" && !strings.Contains(name, "DATE") && !have[name] {
			t.Errorf("BENCHMARKS.md cites bench/results/%s, which is not there", name)
		}
	}
}
