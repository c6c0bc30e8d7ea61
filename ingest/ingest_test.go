package ingest_test

import (
	"os"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/data"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/ingest"
)

func crocusData(t testing.TB) *graph.DataSet {
	t.Helper()
	d, err := data.Crocus()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func crocus(t testing.TB) *ingest.Gazetteer {
	return ingest.NewGazetteer(ingest.EntriesOf(crocusData(t)))
}

func seedText(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile("../data/crocus/sources/crocus-city-hall-2024-03-25.txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestSeedProposesTheClaim(t *testing.T) {
	g := crocus(t)
	text := seedText(t)
	a := g.Analyze(text, ingest.Meta{SourceID: "source:x", Date: "2024-03-25"})
	rs := []rune(text)
	for _, m := range a.Mentions {
		if string(rs[m.Start:m.End]) != m.Text {
			t.Errorf("mention %q at %d-%d is %q in the text", m.Text, m.Start, m.End, string(rs[m.Start:m.End]))
		}
	}
	found := false
	for _, c := range a.Candidates {
		t.Logf("%s %s -> %s (%s, %d) cue %q", c.Type, c.From, c.To, c.Stance, c.Confidence, c.Cue)
		if string(rs[c.Start:c.End]) != c.Quote {
			t.Errorf("candidate %s: quote is not text[start:end]", c.ID)
		}
		if c.Type == "CLAIMED_RESPONSIBILITY" && c.From == "group:is-k" && c.To == "event:2024-03-22-crocus-city-hall" &&
			c.Stance == graph.Claimed {
			found = true
			if !strings.Contains(c.Quote, "IS-K, an Islamic State affiliate, claimed responsibility") {
				t.Errorf("quote %q is not the sentence of the claim", c.Quote)
			}
		}
	}
	if !found {
		t.Errorf("no CLAIMED_RESPONSIBILITY group:is-k -> the attack (claimed) among %d candidates", len(a.Candidates))
	}
	for _, m := range a.Mentions {
		t.Logf("mention %q %v %v %v", m.Text, deref(m.Entity), m.Options, deref(m.NewEntity))
	}
	for _, n := range a.NewEntities {
		t.Logf("new %+v", n)
	}
}

func deref(s *string) string {
	if s == nil {
		return "-"
	}
	return *s
}
