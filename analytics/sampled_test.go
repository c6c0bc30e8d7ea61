package analytics

import (
	"context"
	"fmt"
	"math"
	"testing"

	"github.com/actorgraph/actorgraph/data"
	"github.com/actorgraph/actorgraph/internal/synth"
)

func generated(t *testing.T, n int) *Graph {
	t.Helper()
	gen, err := synth.Generate(synth.Config{Shape: "ba", Nodes: n, Seed: 1, Tag: "s"})
	if err != nil {
		t.Fatal(err)
	}
	d, err := gen.DataSet()
	if err != nil {
		t.Fatal(err)
	}
	g, err := Build(entities(t, d), WeightNone)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// TestSampledBetweennessAllSourcesIsExact: with every entity a source the
// estimate is gonum's exact betweenness, unweighted and weighted.
func TestSampledBetweennessAllSourcesIsExact(t *testing.T) {
	crocus, err := data.Crocus()
	if err != nil {
		t.Fatal(err)
	}
	graphs := map[string]*Graph{"ba-300": generated(t, 300)}
	for _, w := range []Weight{WeightConfidence, WeightEvidence} {
		g, err := Build(entities(t, crocus), w)
		if err != nil {
			t.Fatal(err)
		}
		graphs["crocus-"+string(w)] = g
	}
	for name, g := range graphs {
		exact := g.betweenness()
		est := g.sampledBetweenness(len(g.Nodes))
		nonzero := 0
		for i := range exact {
			if d := math.Abs(est[i] - exact[i]); d > 1e-9*math.Max(exact[i], 1e-9) {
				t.Errorf("%s: %s sampled from every source %v, exact %v", name, g.Nodes[i].ID, est[i], exact[i])
			}
			if exact[i] > 0 {
				nonzero++
			}
		}
		if nonzero == 0 {
			t.Errorf("%s: no entity has betweenness: nothing compared", name)
		}
	}
}

// TestSampledBetweennessTopOverlap: sampled from 300 of 1,000 sources,
// the top 20 shares at least 18 entities with the exact top 20, and the
// same k gives the same answer.
func TestSampledBetweennessTopOverlap(t *testing.T) {
	g := generated(t, 1000)
	ctx := context.Background()
	exact, err := Centrality(ctx, g, Betweenness)
	if err != nil {
		t.Fatal(err)
	}
	est, err := SampledBetweenness(ctx, g, 300)
	if err != nil {
		t.Fatal(err)
	}
	if got := TopOverlap(exact, est, 20); got < 0.9 {
		t.Errorf("top-20 overlap %.2f, want >= 0.9\nexact %v\nsampled %v", got, top(exact, 20), top(est, 20))
	}
	again, err := SampledBetweenness(ctx, g, 300)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(again) != fmt.Sprint(est) {
		t.Error("two estimates with the same k differ")
	}
}

func top(s []Score, k int) []string {
	var out []string
	for _, x := range s[:min(k, len(s))] {
		out = append(out, x.ID)
	}
	return out
}
