package ingest_test

import (
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"

	"github.com/actorgraph/actorgraph/ingest"
)

// TestAnalyzeConcurrently: one gazetteer analyses many articles at once (a
// batch analyses ahead on every core, the server serves requests in
// parallel) and each answer is the one a lone analysis gives. Run with
// -race it also shows Analyze writes nothing shared.
func TestAnalyzeConcurrently(t *testing.T) {
	g := crocus(t)
	paths, _ := filepath.Glob("testdata/eval/dev/*.txt")
	if len(paths) < 8 {
		t.Fatalf("%d articles in testdata/eval/dev, want at least 8", len(paths))
	}
	texts := []string{seedText(t)}
	for _, p := range paths[:8] {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	want := make([]any, len(texts))
	for i, tx := range texts {
		want[i] = g.Analyze(tx, ingest.Meta{SourceID: "source:x", Date: "2024-03-25"})
	}
	got := make([]any, len(texts))
	var wg sync.WaitGroup
	for i, tx := range texts {
		wg.Go(func() { got[i] = g.Analyze(tx, ingest.Meta{SourceID: "source:x", Date: "2024-03-25"}) })
	}
	wg.Wait()
	for i := range texts {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("article %d: analysed alongside others, the answer differs from a lone analysis", i)
		}
	}
}
