package eval

import (
	"fmt"
	"math"
	"sort"
	"strconv"
)

// Score is a ratio with its counts: Num of Den. It is written to JSON as
// its value rounded to four decimals, or null when Den is 0.
type Score struct{ Num, Den int }

// Value is Num/Den; ok is false when Den is 0 (nothing to score).
func (s Score) Value() (v float64, ok bool) {
	if s.Den == 0 {
		return 0, false
	}
	return float64(s.Num) / float64(s.Den), true
}

// MarshalJSON writes the value, or null.
func (s Score) MarshalJSON() ([]byte, error) {
	v, ok := s.Value()
	if !ok {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, math.Round(v*1e4)/1e4, 'f', -1, 64), nil
}

// Ratio is the value with two decimals, or "-" when there is nothing to score.
func (s Score) Ratio() string {
	v, ok := s.Value()
	if !ok {
		return "-"
	}
	return fmt.Sprintf("%.2f", v)
}

// String is the ratio with its counts: "0.75 (3 of 4)".
func (s Score) String() string { return fmt.Sprintf("%s (%d of %d)", s.Ratio(), s.Num, s.Den) }

// TypeScore is the score of one relationship type over all gold edges of
// that type, whatever their scope.
type TypeScore struct {
	Gold     int `json:"gold"`     // gold edges
	Proposed int `json:"proposed"` // distinct proposals (type, from, to)
	Correct  int `json:"correct"`  // proposals that are gold edges
	Found    int `json:"found"`    // gold edges proposed
	StanceOK int `json:"stanceOK"` // found with the gold stance

	Precision      Score `json:"precision"`
	Recall         Score `json:"recall"`
	StanceAccuracy Score `json:"stanceAccuracy"`
}

func (t *TypeScore) finish() {
	t.Precision = Score{t.Correct, t.Proposed}
	t.Recall = Score{t.Found, t.Gold}
	t.StanceAccuracy = Score{t.StanceOK, t.Found}
}

// Finding is one thing the ingest got wrong in one article: Edge (or the
// mention or entity) and Detail say what, Sentences where. For a false
// positive the sentence is the candidate's quote; for a missed edge, the
// sentences of the article that name both ends, if any.
type Finding struct {
	Article   string   `json:"article"`
	Edge      string   `json:"edge,omitempty"`
	Detail    string   `json:"detail,omitempty"`
	Sentences []string `json:"sentences,omitempty"`
}

// Report is the score of the ingest on one evaluation directory.
type Report struct {
	Dir      string `json:"dir"`
	Articles int    `json:"articles"`

	MentionRecall         Score `json:"mentionRecall"`   // gold mentions linked
	CandidateRecall       Score `json:"candidateRecall"` // scope sentence gold edges proposed
	AllRecall             Score `json:"allRecall"`       // all gold edges proposed
	Precision             Score `json:"precision"`       // distinct proposals that are gold edges
	StanceAccuracy        Score `json:"stanceAccuracy"`  // matched proposals with the gold stance
	NewEntityKindAccuracy Score `json:"newEntityKindAccuracy"`
	NewEntityRecall       Score `json:"newEntityRecall"`
	NewEntityPrecision    Score `json:"newEntityPrecision"`

	// QuoteErrors counts candidates whose quote is not text[start:end].
	QuoteErrors int `json:"quoteErrors"`
	// DeniedButProposed counts positive proposals (claimed, attributed,
	// reported; not DENIED) whose quote holds a denial or hedge.
	DeniedButProposed int `json:"deniedButProposed"`

	ByType map[string]*TypeScore `json:"byType"`

	// Misses are the gold edges not proposed; FalsePositives the proposals
	// that are no gold edge; Notes the rest: wrong stances, unlinked
	// mentions, new entities missed, of the wrong kind or not gold, quote
	// errors and denied-but-proposed candidates.
	Misses         []Finding `json:"misses,omitempty"`
	FalsePositives []Finding `json:"falsePositives,omitempty"`
	Notes          []Finding `json:"notes,omitempty"`
}

// Types lists the relationship types of ByType in name order.
func (r *Report) Types() []string {
	out := make([]string, 0, len(r.ByType))
	for k := range r.ByType {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Total is the sum of ByType.
func (r *Report) Total() TypeScore {
	var t TypeScore
	for _, s := range r.ByType {
		t.Gold += s.Gold
		t.Proposed += s.Proposed
		t.Correct += s.Correct
		t.Found += s.Found
		t.StanceOK += s.StanceOK
	}
	t.finish()
	return t
}

// Target is a score an ingest must reach: Min for a ratio, Max for a count
// (quoteErrors).
type Target struct {
	Score string
	Min   float64
	Max   int
	Count bool // the score is a count that must not exceed Max
}

// Targets are the scores `actorgraph eval --check` and the ingest's test
// require on the test split.
var Targets = []Target{
	{Score: "candidateRecall", Min: 0.7},
	{Score: "allRecall", Min: 0.5},
	{Score: "precision", Min: 0.75},
	{Score: "stanceAccuracy", Min: 0.9},
	{Score: "newEntityKindAccuracy", Min: 0.8},
	{Score: "mentionRecall", Min: 0.95},
	{Score: "quoteErrors", Max: 0, Count: true},
}

// Floors are what the ingest reaches on the test split today, less a
// margin for ties: `make test` fails when a change falls below one, so a
// rule cannot quietly lose what was gained. They are not the Targets,
// which the ingest does not yet meet on the test split (`make eval` says
// which); raise a floor when a change lifts its score.
// Measured 2026-12-07 on the 20 articles of the test split: candidate
// recall 0.47, all-edge recall 0.39, precision 0.65, stance 0.94, new-entity
// kind 0.79, mentions 1.00.
var Floors = []Target{
	{Score: "candidateRecall", Min: 0.46},
	{Score: "allRecall", Min: 0.39},
	{Score: "precision", Min: 0.63},
	{Score: "stanceAccuracy", Min: 0.9},
	{Score: "newEntityKindAccuracy", Min: 0.78},
	{Score: "mentionRecall", Min: 0.95},
	{Score: "quoteErrors", Max: 0, Count: true},
}

// scores names the ratios of a report for targets.
func (r *Report) scores() map[string]Score {
	return map[string]Score{
		"mentionRecall": r.MentionRecall, "candidateRecall": r.CandidateRecall, "allRecall": r.AllRecall,
		"precision": r.Precision, "stanceAccuracy": r.StanceAccuracy, "newEntityKindAccuracy": r.NewEntityKindAccuracy,
		"newEntityRecall": r.NewEntityRecall, "newEntityPrecision": r.NewEntityPrecision,
	}
}

// Missed lists the targets the report does not reach, one line each
// ("precision 0.52 (13 of 25), want >= 0.75"). A ratio with nothing to
// score misses its target.
func (r *Report) Missed(targets []Target) []string {
	var out []string
	counts := map[string]int{"quoteErrors": r.QuoteErrors, "deniedButProposed": r.DeniedButProposed}
	for _, t := range targets {
		if t.Count {
			n, ok := counts[t.Score]
			if !ok || n > t.Max {
				out = append(out, fmt.Sprintf("%s %d, want <= %d", t.Score, n, t.Max))
			}
			continue
		}
		s, ok := r.scores()[t.Score]
		if v, scored := s.Value(); !ok || !scored || v < t.Min {
			out = append(out, fmt.Sprintf("%s %s, want >= %.2f", t.Score, s, t.Min))
		}
	}
	return out
}
