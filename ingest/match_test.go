package ingest_test

import (
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/ingest"
)

func small() *ingest.Gazetteer {
	return ingest.NewGazetteer([]ingest.Entry{
		{ID: "group:is-k", Kind: graph.Group, Name: "Islamic State – Khorasan Province",
			Aliases: []string{"IS-K", "ISKP", "Islamic State Khorasan"}},
		{ID: "group:islamic-state", Kind: graph.Group, Name: "Islamic State", Aliases: []string{"IS", "ISIS"}},
		{ID: "state:ir", Kind: graph.State, Name: "Iran"},
		{ID: "state:us", Kind: graph.State, Name: "United States", Aliases: []string{"US"}},
		{ID: "state:tj", Kind: graph.State, Name: "Tajikistan", Nationality: "nationality:tajik"},
		{ID: "nationality:tajik", Kind: graph.Nationality, Name: "Tajik", Demonym: "Tajik"},
		{ID: "person:a-smith", Kind: graph.Person, Name: "Anna Smith"},
		{ID: "person:b-smith", Kind: graph.Person, Name: "Bob Smith"},
		{ID: "location:crocus-city-hall", Kind: graph.Location, Name: "Crocus City Hall"},
		{ID: "event:crocus", Kind: graph.Event, Name: "Crocus City Hall attack",
			Places: []string{"location:crocus-city-hall"}, Date: "2024-03-22"},
	})
}

type got struct {
	text, entity string
	options      int
}

func mentions(g *ingest.Gazetteer, text string) []got {
	var out []got
	for _, m := range g.Analyze(text, ingest.Meta{}).Mentions {
		e := ""
		if m.Entity != nil {
			e = *m.Entity
		}
		if m.NewEntity != nil {
			e = *m.NewEntity
		}
		out = append(out, got{m.Text, e, len(m.Options)})
	}
	return out
}

func TestMentions(t *testing.T) {
	g := small()
	for _, tc := range []struct {
		text string
		want []got
	}{
		// longest first: the province, not the state inside it
		{"The islamic state  khorasan province struck.", []got{{"islamic state  khorasan province", "group:is-k", 0}}},
		{"IS–K and ISKP?", []got{{"IS–K", "group:is-k", 0}, {"ISKP", "group:is-k", 0}}},
		// acronyms match in capitals only: "is" and "us" are words
		{"This is what IS did to us, the US said.", []got{{"IS", "group:islamic-state", 0}, {"US", "state:us", 0}}},
		// word boundaries and possessives
		{"Iran's leaders; Iranium is not Iran.", []got{{"Iran", "state:ir", 0}, {"Iran", "state:ir", 0}}},
		// demonyms: Tajik names the nationality (strong), Iranian the state
		{"A Tajik man and an Iranian official.", []got{{"Tajik", "nationality:tajik", 0}, {"Iranian", "state:ir", 0}}},
		// two people share the surname: options, not a guess
		{"Smith said so.", []got{{"Smith", "", 2}}},
		{"Anna Smith said so.", []got{{"Anna Smith", "person:a-smith", 0}}},
	} {
		g := mentions(g, tc.text)
		if len(g) != len(tc.want) {
			t.Errorf("%q: got %v, want %v", tc.text, g, tc.want)
			continue
		}
		for i := range g {
			if g[i] != tc.want[i] {
				t.Errorf("%q: got %v, want %v", tc.text, g, tc.want)
				break
			}
		}
	}
}

func TestOffsetsAreCodePoints(t *testing.T) {
	g := small()
	text := "Ёжик — «Islamic State» 🙂 and ISKP."
	rs := []rune(text)
	for _, m := range g.Analyze(text, ingest.Meta{}).Mentions {
		if string(rs[m.Start:m.End]) != m.Text {
			t.Errorf("%q at %d-%d is %q", m.Text, m.Start, m.End, string(rs[m.Start:m.End]))
		}
	}
}

func TestNewEntityKinds(t *testing.T) {
	g := small()
	text := "Foreign Minister Sergei Lavrov spoke. Fighting spread to the city of Karachevsk. The Freedom Front denied it. Belgium protested. Omar Farouk left."
	want := map[string]graph.Kind{"Sergei Lavrov": graph.Person, "Karachevsk": graph.Location,
		"Freedom Front": graph.Group, "Belgium": graph.State, "Omar Farouk": graph.Person}
	gotK := map[string]graph.Kind{}
	for _, n := range g.Analyze(text, ingest.Meta{}).NewEntities {
		gotK[n.Name] = n.Kind
	}
	for name, k := range want {
		if gotK[name] != k {
			t.Errorf("%s: got kind %q, want %s (all: %v)", name, gotK[name], k, gotK)
		}
	}
	if _, ok := gotK["Fighting"]; ok {
		t.Errorf("a sentence's first word became an entity: %v", gotK)
	}
}

func candidates(g *ingest.Gazetteer, text string) map[string]graph.Stance {
	out := map[string]graph.Stance{}
	for _, c := range g.Analyze(text, ingest.Meta{Date: "2024-03-25"}).Candidates {
		out[c.Type+" "+c.From+" "+c.To] = c.Stance
	}
	return out
}

func TestCandidatesAndNegation(t *testing.T) {
	g := small()
	claim := "CLAIMED_RESPONSIBILITY group:is-k event:crocus"
	for _, tc := range []struct {
		text string
		want graph.Stance // "" means no claim must be proposed
	}{
		{"ISKP claimed responsibility for the attack on Crocus City Hall.", graph.Claimed},
		{"ISKP, an Islamic State affiliate, claimed responsibility for the assault on Crocus City Hall.", graph.Claimed},
		{"ISKP did not claim responsibility for the attack on Crocus City Hall.", ""},
		{"No group claimed responsibility for the attack on Crocus City Hall, and ISKP did not comment.", ""},
		{"It is unclear whether ISKP claimed responsibility for the attack on Crocus City Hall.", ""},
	} {
		c := candidates(g, tc.text)
		if c[claim] != tc.want {
			t.Errorf("%q: claim stance %q, want %q (all %v)", tc.text, c[claim], tc.want, c)
		}
	}
	c := candidates(g, "Anna Smith, a Tajik national, was detained by Iranian police with Bob Smith. Anna Smith and Bob Smith were detained by Iranian police.")
	for _, k := range []string{"HAS_NATIONALITY person:a-smith nationality:tajik", "DETAINED state:ir person:a-smith"} {
		if _, ok := c[k]; !ok {
			t.Errorf("missing %s in %v", k, c)
		}
	}
	c = candidates(g, "Iran denied any involvement in the attack on Crocus City Hall.")
	if c["DENIED state:ir event:crocus"] != graph.Denied {
		t.Errorf("denial: got %v", c)
	}
}
