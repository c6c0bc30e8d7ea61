package synth

import (
	"path/filepath"
	"reflect"
	"testing"

	"github.com/actorgraph/actorgraph/dataset"
)

// TestDataSetIsWhatWriteWrites: a test that loads DataSet gets the records
// an import of Write's files gets, and they validate as a data set.
func TestDataSetIsWhatWriteWrites(t *testing.T) {
	for _, cfg := range []Config{{Shape: "ba", Nodes: 500, Seed: 2, Tag: "t-"}, {Shape: "k50", Seed: 7},
		{Shape: "hub", Nodes: 30, Seed: 1}} {
		g, err := Generate(cfg)
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		if err := g.Write(dir); err != nil {
			t.Fatal(err)
		}
		want, err := dataset.ReadFile(filepath.Join(dir, "nodes.csv"))
		if err != nil {
			t.Fatal(err)
		}
		got, err := g.DataSet()
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Nodes) != g.NodeCount() || len(got.Edges) != g.EdgeCount() {
			t.Errorf("%s: DataSet has %d nodes, %d edges; want %d, %d", cfg.Shape, len(got.Nodes),
				len(got.Edges), g.NodeCount(), g.EdgeCount())
		}
		if !reflect.DeepEqual(got.Nodes, want.Nodes) || !reflect.DeepEqual(got.Edges, want.Edges) {
			t.Errorf("%s: DataSet differs from the data set Write wrote", cfg.Shape)
		}
		if err := got.Validate(nil); err != nil {
			t.Errorf("%s: DataSet does not validate: %v", cfg.Shape, err)
		}
	}
}
