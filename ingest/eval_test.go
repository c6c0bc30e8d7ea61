package ingest_test

import (
	"os"
	"testing"

	"github.com/actorgraph/actorgraph/ingest"
	"github.com/actorgraph/actorgraph/ingest/eval"
)

// The evaluation sets (docs/eval-format.md): testdata/eval/dev, which the
// rules are tuned on, and testdata/eval/test, which is only scored. Before
// the split the six articles of testdata/eval itself are the dev set.
// `make eval` prints the scores and the dev set's misses and checks the
// test set against eval.Targets (the targets, not all met yet);
// this test holds the test set to eval.Floors, what the ingest reaches
// today, so that no change loses it.

func TestEvalTargets(t *testing.T) {
	const dir = "testdata/eval/test"
	if _, err := os.Stat(dir); err != nil {
		t.Fatalf("the test split %s is missing (%v): the targets are checked on it", dir, err)
	}
	r, err := eval.Evaluate(ingest.EntriesOf(crocusData(t)), dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range r.Missed(eval.Floors) {
		t.Errorf("%s: %s (a floor: the ingest reached it before this change)", dir, m)
	}
	// The scores only: the misses of the test split are not for tuning
	// (actorgraph eval --verbose lists them).
	t.Logf("%d articles; candidate recall %v, all %v, precision %v, stance %v, new entity kind %v, mentions %v, quote errors %d",
		r.Articles, r.CandidateRecall, r.AllRecall, r.Precision, r.StanceAccuracy, r.NewEntityKindAccuracy, r.MentionRecall, r.QuoteErrors)
	for _, m := range r.Missed(eval.Targets) {
		t.Logf("target not met yet: %s", m)
	}
}

// TestEvalDevIsValid checks that the dev set's gold follows the format, so
// `make eval` can score it.
func TestEvalDevIsValid(t *testing.T) {
	dir := "testdata/eval/dev"
	if _, err := os.Stat(dir); err != nil {
		dir = "testdata/eval"
	}
	r, err := eval.Evaluate(ingest.EntriesOf(crocusData(t)), dir)
	if err != nil {
		t.Fatal(err)
	}
	if r.Articles < 6 || r.AllRecall.Den == 0 || r.MentionRecall.Den == 0 {
		t.Errorf("%s: %d articles, %d gold edges, %d gold mentions; want at least 6 articles with edges and mentions",
			dir, r.Articles, r.AllRecall.Den, r.MentionRecall.Den)
	}
	if r.QuoteErrors != 0 {
		t.Errorf("%s: %d candidates whose quote is not text[start:end]", dir, r.QuoteErrors)
	}
}
