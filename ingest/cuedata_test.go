package ingest

import (
	"strings"
	"testing"
)

func TestInflect(t *testing.T) {
	irr := verbForms(irregularTSV)
	for v, want := range map[string]string{
		"claim":  "claim claims claimed claiming",
		"deny":   "deny denies denied denying",
		"stab":   "stab stabs stabbed stabbing",
		"take":   "take took taken takes taking",
		"carry":  "carry carries carried carrying",
		"detain": "detain detains detained detaining",
		"storm":  "storm storms stormed storming",
		"place":  "place places placed placing",
		"open":   "open opens opened opening",
		"edit":   "edit edits edited editing",
		"plan":   "plan plans planned planning",
		"occur":  "occur occurs occured occuring occurred occurring",
		"offer":  "offer offers offered offering offerred offerring",
		"acquit": "acquit acquits acquited acquiting acquitted acquitting",
	} {
		if got := strings.Join(inflect(v, irr), " "); got != want {
			t.Errorf("inflect(%q) = %q, want %q", v, got, want)
		}
	}
}

func TestCueTableErrors(t *testing.T) {
	irr, sets := verbForms(irregularTSV), cameoSets(cameoTSV)
	for row, want := range map[string]string{
		"CLAIMED\tsvo\tclaimed\t\tclaimed":                 "unknown relationship type",
		"DENIED\tsideways\tdenied\t\tdenied":               "unknown frame",
		"DENIED\tsvo\tmaybe\t\tdenied":                     "unknown stance",
		"DENIED\tsvo\tdenied\tnear=x\tdenied":              "near=",
		"DENIED\tsvo\tdenied\tloud\tdenied":                "unknown option",
		"DENIED\tsvo\tdenied\t\t@NOSUCH/000":               "no CAMEO verb set",
		"DENIED\tsvo\tdenied\tdenied":                      "columns",
		"ACCUSED\tsvo\talleged\t\t@BLAME/112 !CHARGE of x": "",
	} {
		rs, err := parseRules(row+"\n", irr, sets)
		switch {
		case want == "" && err != nil:
			t.Errorf("%q: %v", row, err)
		case want == "":
			for _, c := range rs[0].cues {
				if strings.HasPrefix(c, "charg") || !strings.HasSuffix(c, " of x") {
					t.Errorf("%q: cue %q", row, c)
				}
			}
		case err == nil || !strings.Contains(err.Error(), want):
			t.Errorf("%q: error %v, want one saying %q", row, err, want)
		}
	}
}

// TestCueTableLoads: the shipped table parses, and its CAMEO sets expand to
// the verbs they hold ("accused" from BLAME/112).
func TestCueTableLoads(t *testing.T) {
	found := false
	for _, r := range rules {
		for _, c := range r.cues {
			if r.typ == "ACCUSED" && c == "accused" {
				found = true
			}
		}
	}
	if len(rules) < 200 || !found {
		t.Errorf("%d rules, ACCUSED 'accused' found: %v", len(rules), found)
	}
}
