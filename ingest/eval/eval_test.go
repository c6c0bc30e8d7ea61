package eval

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/ingest"
)

const fixture = "../testdata/evalfixture"

// canned is an analyzer that answers each article with a fixed analysis,
// so the scorer's numbers are known by hand whatever the extractor does.
type canned struct {
	t     *testing.T
	byArt map[string]func(text string) graph.Analysis // by the text's first word
	metas []ingest.Meta
}

func (c *canned) Analyze(text string, meta ingest.Meta) graph.Analysis {
	c.metas = append(c.metas, meta)
	for prefix, f := range c.byArt {
		if strings.HasPrefix(text, prefix) {
			return f(text)
		}
	}
	c.t.Fatalf("no canned analysis for %.40q", text)
	return graph.Analysis{}
}

// at is the span of the nth (from 0) occurrence of sub in text (ASCII).
func at(t *testing.T, text, sub string, nth int) (int, int) {
	t.Helper()
	from := 0
	for i := 0; ; i++ {
		j := strings.Index(text[from:], sub)
		if j < 0 {
			t.Fatalf("%q has no occurrence %d of %q", text, nth, sub)
		}
		if i == nth {
			return from + j, from + j + len(sub)
		}
		from += j + len(sub)
	}
}

func mention(t *testing.T, text, sub string, nth int, entity, newRef string) graph.Mention {
	s, e := at(t, text, sub, nth)
	m := graph.Mention{Text: sub, Start: s, End: e}
	if entity != "" {
		m.Entity = &entity
	}
	if newRef != "" {
		m.NewEntity = &newRef
	}
	return m
}

func cand(t *testing.T, text, typ, from, to string, st graph.Stance, sentence string) graph.Candidate {
	s, e := at(t, text, sentence, 0)
	return graph.Candidate{Type: typ, From: from, To: to, Stance: st, Quote: sentence, Start: s, End: e, Cue: "cue"}
}

// fixtureAnalyses: in a1 one hit, one hit with the wrong stance, a
// duplicate, a false positive with a wrong quote span, Fixland not linked;
// in a2 a hit through new-entity ends, a denied false positive, a new
// entity of the wrong kind and one not in the gold.
func fixtureAnalyses(t *testing.T) map[string]func(string) graph.Analysis {
	const fixtown, front, bombing = "location:fixtown", "group:fixture-front", "event:2020-01-01-fixtown-bombing"
	return map[string]func(string) graph.Analysis{
		"FIXTOWN": func(x string) graph.Analysis {
			claim := "The Fixture Front claimed responsibility for the Fixtown bombing."
			fp := cand(t, x, "LOCATED_IN", fixtown, "location:fixland", graph.Reported,
				"The Fixture Front is active in Fixland.")
			fp.Start++ // the quote is no longer text[start:end]
			return graph.Analysis{
				Mentions: []graph.Mention{mention(t, x, "Fixture Front", 0, front, ""),
					mention(t, x, "Fixtown bombing", 0, bombing, ""),
					mention(t, x, "Fixture Front", 1, front, ""), mention(t, x, "Omar Zed", 0, "", "new:omar-zed"),
					mention(t, x, "Fixtown", 1, fixtown, "")},
				NewEntities: []graph.NewEntity{{Ref: "new:omar-zed", Name: "Omar Zed", Kind: graph.Attacker}},
				Candidates: []graph.Candidate{
					cand(t, x, "CLAIMED_RESPONSIBILITY", front, bombing, graph.Claimed, claim),
					cand(t, x, "CLAIMED_RESPONSIBILITY", front, bombing, graph.Reported, claim),
					cand(t, x, "DETAINED_AT", "new:omar-zed", fixtown, graph.Attributed,
						"Police detained Omar Zed in Fixtown on Thursday."),
					fp,
				},
			}
		},
		"The Bolt": func(x string) graph.Analysis {
			return graph.Analysis{
				Mentions: []graph.Mention{mention(t, x, "Bolt Brigade", 0, "", "new:bb"),
					mention(t, x, "Fixture Front", 0, front, ""),
					mention(t, x, "Sara Lee", 0, "", "new:sara-lee")},
				NewEntities: []graph.NewEntity{{Ref: "new:bb", Name: "Bolt Brigade", Kind: graph.Group},
					{Ref: "new:sara-lee", Name: "Sara Lee", Kind: graph.Attacker}, {Ref: "new:depot-raid", Name: "depot raid",
						Kind: graph.Event}},
				Candidates: []graph.Candidate{
					cand(t, x, "CLAIMED_RESPONSIBILITY", "new:bb", "new:depot-raid", graph.Claimed,
						"The Bolt Brigade said it carried out the raid on the depot near Kilo Square, which killed two guards."),
					cand(t, x, "PERPETRATED", front, "new:depot-raid", graph.Reported, "The Fixture Front denied it took part."),
				},
			}
		},
	}
}

func TestScoreFixture(t *testing.T) {
	entries, arts, err := load(nil, fixture)
	if err != nil {
		t.Fatal(err)
	}
	an := &canned{t: t, byArt: fixtureAnalyses(t)}
	r := score(an, entries, fixture, arts)
	if r.Articles != 2 {
		t.Errorf("got %d articles, want 2 (notes.txt has no gold)", r.Articles)
	}
	for _, tc := range []struct {
		name      string
		got, want Score
	}{
		{"mentionRecall", r.MentionRecall, Score{3, 4}},
		{"candidateRecall", r.CandidateRecall, Score{2, 3}},
		{"allRecall", r.AllRecall, Score{3, 4}},
		{"precision", r.Precision, Score{3, 5}},
		{"stanceAccuracy", r.StanceAccuracy, Score{2, 3}},
		{"newEntityKindAccuracy", r.NewEntityKindAccuracy, Score{2, 3}},
		{"newEntityRecall", r.NewEntityRecall, Score{3, 4}},
		{"newEntityPrecision", r.NewEntityPrecision, Score{3, 4}},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.name, tc.got, tc.want)
		}
	}
	if r.QuoteErrors != 1 || r.DeniedButProposed != 1 {
		t.Errorf("got %d quote errors and %d denied-but-proposed, want 1 and 1", r.QuoteErrors, r.DeniedButProposed)
	}
	wantTypes := map[string]TypeScore{
		"CLAIMED_RESPONSIBILITY": {Gold: 2, Proposed: 2, Correct: 2, Found: 2, StanceOK: 2},
		"ACTIVE_IN":              {Gold: 1},
		"DETAINED_AT":            {Gold: 1, Proposed: 1, Correct: 1, Found: 1},
		"LOCATED_IN":             {Proposed: 1},
		"PERPETRATED":            {Proposed: 1},
	}
	for typ, w := range wantTypes {
		w.finish()
		if got := r.ByType[typ]; got == nil || *got != w {
			t.Errorf("%s: got %+v, want %+v", typ, got, w)
		}
	}
	if len(r.ByType) != len(wantTypes) {
		t.Errorf("got types %v, want %d", r.Types(), len(wantTypes))
	}
	wantMiss := []Finding{{Article: "a1-fixtown", Edge: "ACTIVE_IN group:fixture-front -> location:fixland",
		Detail: "missed (scope sentence, stance reported)", Sentences: []string{"The Fixture Front is active in Fixland."}}}
	if !reflect.DeepEqual(r.Misses, wantMiss) {
		t.Errorf("misses: got %+v, want %+v", r.Misses, wantMiss)
	}
	if len(r.FalsePositives) != 2 || r.FalsePositives[0].Edge != "LOCATED_IN location:fixtown -> location:fixland" ||
		r.FalsePositives[1].Article != "a2-depot" ||
		r.FalsePositives[1].Sentences[0] != "The Fixture Front denied it took part." {
		t.Errorf("false positives: got %+v, want LOCATED_IN in a1 and PERPETRATED in a2 with their quotes", r.FalsePositives)
	}
	if len(an.metas) != 2 || an.metas[0].Date != "2020-01-02" || an.metas[1].Date != "2020-02-10" {
		t.Errorf("got metas %+v, want each article's publishedOn as its date", an.metas)
	}
}

// TestEvaluateFixture runs the real gazetteer on the fixture: the gold the
// extractor is compared with is the fixture's, whatever it proposes.
func TestEvaluateFixture(t *testing.T) {
	r, err := Evaluate(nil, fixture)
	if err != nil {
		t.Fatal(err)
	}
	if r.Articles != 2 || r.AllRecall.Den != 4 || r.CandidateRecall.Den != 3 || r.MentionRecall.Den != 4 ||
		r.NewEntityRecall.Den != 4 {
		t.Errorf("got %d articles, %d gold edges (%d of sentence scope), %d gold mentions, %d gold new entities; want 2, 4, 3, 4, 4",
			r.Articles, r.AllRecall.Den, r.CandidateRecall.Den, r.MentionRecall.Den, r.NewEntityRecall.Den)
	}
	if r.MentionRecall.Num < 3 {
		t.Errorf("mention recall %v: the fixture's entities.json did not reach the gazetteer", r.MentionRecall)
	}
}

func TestMergeEntitiesKeepsBase(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "entities.json", `{"entities":[{"id":"group:x","aliases":["X Front"],"places":["location:y"]},
		{"id":"location:y","kind":"location","name":"Y"}]}`)
	aliases := make([]string, 1, 4) // room to append in place: the merge must not
	aliases[0] = "Xers"
	base := []ingest.Entry{{ID: "group:x", Kind: graph.Group, Name: "X", Aliases: aliases}}
	got, err := mergeEntities(base, dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || !reflect.DeepEqual(got[0].Aliases, []string{"Xers", "X Front"}) ||
		!reflect.DeepEqual(got[0].Places, []string{"location:y"}) || got[1].Kind != graph.Location {
		t.Errorf("got %+v, want group:x with both aliases and its place, and location:y", got)
	}
	if len(base[0].Aliases) != 1 || aliases[:2][1] != "" {
		t.Errorf("the base entries changed: %+v", base[0].Aliases[:2])
	}
}

func writeFile(t *testing.T, dir, name, body string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}
