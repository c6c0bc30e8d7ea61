package eval

import (
	"errors"
	"github.com/actorgraph/actorgraph/graph"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestInvalidFixture(t *testing.T) {
	_, err := Evaluate(nil, filepath.Join(fixture, "invalid"))
	var ge *GoldError
	if !errors.As(err, &ge) || !strings.HasSuffix(ge.File, "b-depot.gold.json") || ge.Field != "edges[0].type" || !strings.Contains(ge.Msg, `"FUNDED"`) {
		t.Fatalf("got %v, want a GoldError naming b-depot.gold.json, edges[0].type and FUNDED", err)
	}
}

func TestInvalidGold(t *testing.T) {
	const ok = `{"type":"CLAIMED_RESPONSIBILITY","from":"group:fixture-front","to":"new:event","stance":"claimed"}`
	for _, tc := range []struct {
		name, gold, file, want string
	}{
		{"bad JSON", `{"edges": [`, "a.gold.json", "invalid JSON on line 1"},
		{"wrong JSON type", `{"edges": {}}`, "a.gold.json", "edges: want a JSON"},
		{"unknown type", `{"edges":[` + strings.Replace(ok, "CLAIMED_RESPONSIBILITY", "FUNDED", 1) + `]}`, "a.gold.json", "edges[0].type: unknown relationship type"},
		{"unknown from", `{"edges":[` + strings.Replace(ok, "group:fixture-front", "group:nobody", 1) + `]}`, "a.gold.json", `edges[0].from: "group:nobody" is not`},
		{"new end not listed", `{"edges":[` + strings.Replace(ok, "new:event", "new:raid", 1) + `]}`, "a.gold.json", `edges[0].to: "new:raid"`},
		{"kinds not allowed", `{"edges":[` + strings.Replace(ok, "new:event", "location:fixtown", 1) + `]}`, "a.gold.json", "edges[0]: CLAIMED_RESPONSIBILITY cannot connect a Group to a Location"},
		{"unknown stance", `{"edges":[` + strings.Replace(ok, `"claimed"`, `"rumoured"`, 1) + `]}`, "a.gold.json", "edges[0].stance"},
		{"unknown scope", `{"edges":[` + strings.Replace(ok, "}", `,"scope":"paragraph"}`, 1) + `]}`, "a.gold.json", "edges[0].scope"},
		{"duplicate edge", `{"edges":[` + ok + "," + ok + `]}`, "a.gold.json", "edges[1]: the same edge as edges[0]"},
		{"unknown mention entity", `{"mentions":[{"text":"X","entity":"group:nobody"}]}`, "a.gold.json", "mentions[0].entity"},
		{"unknown new kind", `{"newEntities":[{"name":"Raid","kind":"Raid"}]}`, "a.gold.json", "newEntities[0].kind"},
		{"bad date", `{"publishedOn":"23 April 2019"}`, "a.gold.json", "publishedOn"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			b, err := os.ReadFile(filepath.Join(fixture, "entities.json"))
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, dir, "entities.json", string(b))
			writeFile(t, dir, "a.txt", "The Fixture Front claimed the raid.")
			writeFile(t, dir, "a.gold.json", tc.gold)
			_, err = Evaluate(nil, dir)
			if err == nil || !strings.Contains(err.Error(), tc.file+": "+tc.want) {
				t.Errorf("got %v, want an error with %q", err, tc.file+": "+tc.want)
			}
		})
	}
}

func TestInvalidDir(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "entities.json", `{"entities":[{"id":"group:x","name":"X","kind":"Gang"}]}`)
	writeFile(t, dir, "a.txt", "X.")
	writeFile(t, dir, "a.gold.json", `{}`)
	if _, err := Evaluate(nil, dir); err == nil || !strings.Contains(err.Error(), "entities.json: entities[0].kind") {
		t.Errorf("got %v, want the entities.json field named", err)
	}
	empty := t.TempDir()
	writeFile(t, empty, "a.txt", "No gold.")
	if _, err := Evaluate(nil, empty); err == nil || !strings.Contains(err.Error(), "no article with a gold file") {
		t.Errorf("got %v, want no article with a gold file", err)
	}
}

func TestMissed(t *testing.T) {
	r := Report{CandidateRecall: Score{7, 10}, AllRecall: Score{1, 2}, Precision: Score{2, 4},
		StanceAccuracy:        Score{9, 10},
		NewEntityKindAccuracy: Score{}, MentionRecall: Score{19, 20}, QuoteErrors: 2}
	got := r.Missed(Targets)
	want := []string{"precision 0.50 (2 of 4), want >= 0.75", "newEntityKindAccuracy - (0 of 0), want >= 0.80",
		"quoteErrors 2, want <= 0"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got %q, want %q", got, want)
	}
	r.Precision, r.NewEntityKindAccuracy, r.QuoteErrors = Score{3, 4}, Score{4, 5}, 0
	if got := r.Missed(Targets); len(got) != 0 {
		t.Errorf("a report at every target: got %q missed", got)
	}
}

func TestHedgedClause(t *testing.T) {
	for _, tc := range []struct {
		quote, cue, want string
	}{
		{"Turkey blames Kurdish militants for Istanbul bombing; PKK denies any role", "blames", ""},
		{"Turkey blames Kurdish militants for Istanbul bombing; PKK denies any role", "", "denies"},
		{"Pakistan denied involvement in the attack. Its prime minister, Shehbaz Sharif, offered help.", "prime minister",
			""},
		{"The group claimed the attack, a claim that could not be verified.", "claimed", "could not be verified"},
		{"Police say the group is not responsible. It claimed the attack.", "no such cue", "not responsible"},
	} {
		c := graph.Candidate{Type: "CLAIMED_RESPONSIBILITY", Stance: graph.Claimed, Quote: tc.quote, Cue: tc.cue}
		if got := hedged(c); got != tc.want {
			t.Errorf("hedged(%q, cue %q) = %q, want %q", tc.quote, tc.cue, got, tc.want)
		}
	}
}
