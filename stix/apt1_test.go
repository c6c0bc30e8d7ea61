package stix

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// TestReadAPT1 reads the OASIS APT1 example bundle: the intrusion set and
// threat actors become Groups, the individuals Persons, the report a Source
// naming the relationships; what has no place here is counted, and the data
// set passes validation as it stands.
func TestReadAPT1(t *testing.T) {
	b, err := os.ReadFile("testdata/apt1.json")
	if err != nil {
		t.Fatal(err)
	}
	d, res, err := ReadBytes(b, "apt1.json", Options{})
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[graph.Kind]int{}
	names := map[string]graph.Kind{}
	for _, n := range d.Nodes {
		kinds[n.Kind]++
		names[n.Name] = n.Kind
	}
	if kinds[graph.Group] != 6 || kinds[graph.Person] != 4 || kinds[graph.Source] != 1 || len(d.Nodes) != 11 {
		t.Errorf("kinds %v, want 6 Groups (intrusion-set, 5 threat-actors), 4 Persons, 1 Source", kinds)
	}
	if names["APT1"] != graph.Group || names["Wang Dong"] != graph.Person || names["Unit 61398"] != graph.Group {
		t.Errorf("names %v", names)
	}
	types := map[string]int{}
	for _, e := range d.Edges {
		types[e.Type]++
		if e.Level != graph.EvidenceSummary || e.Summary == "" || len(e.Sources) != 1 ||
			!strings.HasPrefix(e.Sources[0], "source:apt1-") {
			t.Errorf("edge %s: evidence %q summary %q sources %v, want a summary citing the APT1 report", e.ID, e.Level,
				e.Summary, e.Sources)
		}
	}
	if types["AFFILIATE_OF"] != 3 || types["MEMBER_OF"] != 4 || len(d.Edges) != 7 {
		t.Errorf("edge types %v, want 3 AFFILIATE_OF (intrusion-set attributed-to threat-actor), 4 MEMBER_OF (threat-actor attributed-to identity)", types)
	}
	want := map[string]int{"malware": 6, "tool": 10, "attack-pattern": 7, "indicator": 12,
		"relationship uses (threat-actor -> malware)": 4, "relationship uses (attack-pattern -> malware)": 2,
		"relationship uses (attack-pattern -> tool)": 10, "relationship indicates (indicator -> malware)": 4,
		"relationship indicates (indicator -> threat-actor)": 3}
	for k, n := range want {
		if res.Skipped[k] != n {
			t.Errorf("skipped[%q] = %d, want %d (all: %v)", k, res.Skipped[k], n, res.Skipped)
		}
	}
	if err := d.Validate(nil); err != nil {
		t.Errorf("the APT1 data set does not validate: %v", err)
	}
}

// TestForeignEvidence: a relationship's description is its evidence, a
// reported quote when it is a quotation, else a summary; never a verified quote.
func TestForeignEvidence(t *testing.T) {
	for desc, want := range map[string]graph.Evidence{
		`“We did it,” the group said.`:  {Level: graph.EvidenceSummary, Summary: `“We did it,” the group said.`},
		`"We carried out the attack"`:   {Level: graph.EvidenceReportedQuote, Quote: "We carried out the attack", QuoteSource: "source:s"},
		"Analysts link the two groups.": {Level: graph.EvidenceSummary, Summary: "Analysts link the two groups."},
		`"a" and "b"`:                   {Level: graph.EvidenceSummary, Summary: `"a" and "b"`},
	} {
		ev := graph.Evidence{Sources: []string{"source:s"}}
		foreignEvidence(object{"description": desc}, &ev, "fallback")
		ev.Sources = nil
		if !reflect.DeepEqual(ev, want) {
			t.Errorf("%q: got %+v, want %+v", desc, ev, want)
		}
	}
	ev := graph.Evidence{Sources: []string{"source:s"}}
	foreignEvidence(object{}, &ev, "The bundle states A part-of B.")
	if ev.Level != graph.EvidenceSummary || ev.Summary != "The bundle states A part-of B." {
		t.Errorf("no description: got %+v, want the importer's summary", ev)
	}
}
