package data

import (
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/data/curate"
	"github.com/actorgraph/actorgraph/graph"
)

// edge returns the shipped edge with this id (type:source->target[#key]).
func edge(t *testing.T, d *curate.Set, id string) *graph.Edge {
	t.Helper()
	for i := range d.Edges {
		if curate.EdgeName(d.Edges[i]) == id {
			return &d.Edges[i]
		}
	}
	t.Fatalf("no edge %s in the shipped set", id)
	return nil
}

const (
	attack     = "event:2024-03-22-crocus-city-hall"
	seedSource = "source:seed-2024-03-25"
)

// TestDataRulesCatchPlantedViolations plants one violation of each rule in a
// fresh copy of the shipped set and checks that rule reports it (and that the
// rule had nothing to say before).
func TestDataRulesCatchPlantedViolations(t *testing.T) {
	cases := []struct {
		rule  string
		plant func(t *testing.T, d *curate.Set)
		want  string
	}{
		{"reportedOn", func(t *testing.T, d *curate.Set) {
			// the review's edge 160: a 2015 date on a page of 2016-08-04
			edge(t, d, "RESPONDED_TO:state:ru->event:2015-10-31-metrojet-9268-bombing").ReportedOn = "2015-11-17"
		}, "before the date 2016-08-04 of its earliest source source:web-sputnik-africa-metrojet"},
		{"stanceTypeKind", func(t *testing.T, d *curate.Set) {
			// the review's edge 20: a motive stated as fact
			edge(t, d, "MOTIVATED_BY:"+attack+"->event:2015-09-30-russian-intervention-in-syria").Stance = "reported"
		}, "MOTIVATED_BY wants one of"},
		{"stanceTypeKind", func(t *testing.T, d *curate.Set) {
			// the review's edges 42/47/52/57: association turned into membership
			edge(t, d, "MEMBER_OF:attacker:dalerdzhon-mirzoyev->group:is-k").Stance = "reported"
		}, "membership is claimed, attributed or alleged"},
		{"stanceTypeKind", func(t *testing.T, d *curate.Set) {
			edge(t, d, "CLAIMED_RESPONSIBILITY:group:is-k->"+attack).Stance = "reported"
		}, "CLAIMED_RESPONSIBILITY wants one of"},
		{"stanceTypeKind", func(t *testing.T, d *curate.Set) {
			// the review's edge 21: a Source cannot respond to an event
			edge(t, d, "CLAIMED_RESPONSIBILITY:group:is-k->"+attack).Source = seedSource
		}, "cannot connect Source to Event"},
		{"stanceTypeKind", func(t *testing.T, d *curate.Set) {
			edge(t, d, "ACCUSED:person:nikolai-patrushev->state:ua").Confidence = 60
		}, "allegation at confidence 60"},
		{"confidenceBand", func(t *testing.T, d *curate.Set) {
			// the review's edges 68/75/99/111/122: one aggregator at 75-85
			edge(t, d, "TRAVELED_TO:attacker:shamsidin-fariduni->state:tr").Confidence = 75
		}, "confidence 75 outside 25-65 (best source grade D)"},
		{"confidenceBand", func(t *testing.T, d *curate.Set) {
			// the review's 30 sources left on a default reliability
			delete(d.Node("source:web-pledgetimes-fariduni").Properties, "reliabilityGrade")
		}, `source:web-pledgetimes-fariduni: reliabilityGrade ""`},
		{"aliasesUnique", func(t *testing.T, d *curate.Set) {
			// the review's "Moscow attack": it also names 2002 and 2010
			d.Node(attack).Aliases = append(d.Node(attack).Aliases, "Moscow attack")
			n := d.Node("event:2010-03-29-moscow-metro-bombings")
			n.Aliases = append(n.Aliases, "Moscow Attack!")
		}, `"Moscow Attack!" names both`},
		{"quotesAreWords", func(t *testing.T, d *curate.Set) {
			e := edge(t, d, "PROSECUTED_IN:attacker:dalerdzhon-mirzoyev->event:2026-03-12-crocus-verdict")
			e.Evidence.Level, e.Quote, e.QuoteSource, e.Summary = graph.EvidenceReportedQuote,
				`"subject": "ATK_MIRZOYEV", "subject_kind": "Attacker"`, "source:web-news-ru-verdict", ""
		}, "quote looks like JSON"},
		{"quotesAreWords", func(t *testing.T, d *curate.Set) {
			e := edge(t, d, "DEADLIEST_SINCE:"+attack+"->event:2004-09-01-beslan-school-siege")
			e.Evidence.Level, e.QuoteSource, e.Summary = graph.EvidenceReportedQuote, "source:web-wiki-gravy-crocus", ""
			e.Quote = d.Notes[0]
		}, "quote is a compiler's note"},
		{"quotesAreWords", func(t *testing.T, d *curate.Set) {
			e := edge(t, d, "LOCATED_IN:location:crocus-city-hall->location:krasnogorsk")
			e.Quote = "Crocus City Hall"
		}, "a summary has its sentence in summary and no quote"},
		{"verifiedQuotes", func(t *testing.T, d *curate.Set) {
			*edge(t, d, "CLAIMED_RESPONSIBILITY:group:is-k->"+attack).QuoteStart += 1
		}, "not the quote"},
		{"verifiedQuotes", func(t *testing.T, d *curate.Set) {
			e := edge(t, d, "DENIED:person:mykhailo-podolyak->"+attack)
			e.QuoteSHA256 = strings.Repeat("0", 64)
		}, "quoteSha256 is not the sha256"},
		{"verifiedQuotes", func(t *testing.T, d *curate.Set) {
			n := d.Node("source:web-anews-podolyak")
			n.Properties["text"] = n.Properties["text"].(string) + " (edited)"
		}, "quoteSha256 is not the sha256 of source:web-anews-podolyak"},
		{"reportedQuoteSource", func(t *testing.T, d *curate.Set) {
			e := edge(t, d, "RESPONDED_TO:person:john-kirby->"+attack)
			e.QuoteSource = "source:public-facts"
		}, `reported quote's source "source:public-facts"`},
	}
	fns := map[string]func(*curate.Set) []string{}
	for _, r := range curate.Rules {
		fns[r.Name] = r.Check
	}
	for _, c := range cases {
		t.Run(c.rule+"/"+c.want, func(t *testing.T) {
			d := loadCrocus(t)
			fn := fns[c.rule]
			if before := fn(d); len(before) != 0 {
				t.Fatalf("shipped set already breaks %s: %v", c.rule, before)
			}
			c.plant(t, d)
			got := fn(d)
			for _, p := range got {
				if strings.Contains(p, c.want) {
					return
				}
			}
			t.Errorf("planted violation not reported: want a problem containing %q, got %v", c.want, got)
		})
	}
}
