package graph

import (
	"os"
	"strings"
	"testing"
)

// TestVocabularyDocCurrent fails when docs/vocabulary.md drifts from the code;
// regenerate it with `make vocab`.
func TestVocabularyDocCurrent(t *testing.T) {
	b, err := os.ReadFile("../docs/vocabulary.md")
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != VocabularyMarkdown() {
		t.Error("docs/vocabulary.md is out of date: run `make vocab`")
	}
}

func TestVocabularyWellFormed(t *testing.T) {
	seen := map[string]bool{}
	for _, rt := range Vocabulary {
		if seen[rt.Name] || rt.Name != strings.ToUpper(rt.Name) || len(rt.From) == 0 || len(rt.To) == 0 || rt.Doc == "" {
			t.Errorf("bad vocabulary entry %+v", rt)
		}
		seen[rt.Name] = true
		for _, k := range append(append([]Kind{}, rt.From...), rt.To...) {
			if k.Prefix() == "" {
				t.Errorf("%s names unknown kind %s", rt.Name, k)
			}
		}
	}
	if rt, ok := LookupRel("perpetrated"); !ok || !rt.Allows(Attacker, Event) || rt.Allows(Event, Attacker) {
		t.Errorf("PERPETRATED lookup or kinds wrong: %+v", rt)
	}
}
