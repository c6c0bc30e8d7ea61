package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/cmd/internal/cli"
)

const evalFixture = "../../ingest/testdata/evalfixture"

// TestEvalJSON checks the shape of eval --json: one object per DIR with
// every score, numbers or null, and byType with its counts.
func TestEvalJSON(t *testing.T) {
	out, stderr, err := actorgraph(t, nil, "eval", "--json", evalFixture, evalFixture)
	if err != nil {
		t.Fatalf("%v %s", err, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("got %d lines for two DIRs, want one JSON object each:\n%s", len(lines), out)
	}
	var r map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &r); err != nil {
		t.Fatal(err)
	}
	want := []string{"allRecall", "articles", "byType", "candidateRecall", "deniedButProposed", "dir",
		"mentionRecall", "newEntityKindAccuracy",
		"newEntityPrecision", "newEntityRecall", "precision", "quoteErrors", "stanceAccuracy"}
	got := make([]string, 0, len(r))
	for k := range r {
		got = append(got, k)
	}
	sort.Strings(got)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("keys: got %v, want %v (findings only with --verbose)", got, want)
	}
	if r["dir"] != evalFixture || r["articles"] != 2.0 {
		t.Errorf("got dir %v with %v articles, want %s with 2", r["dir"], r["articles"], evalFixture)
	}
	for _, k := range []string{"mentionRecall", "candidateRecall", "allRecall", "newEntityRecall"} {
		if v, ok := r[k].(float64); !ok || v < 0 || v > 1 {
			t.Errorf("%s: got %v, want a ratio (the fixture has gold for it)", k, r[k])
		}
	}
	byType, _ := r["byType"].(map[string]any)
	claimed, _ := byType["CLAIMED_RESPONSIBILITY"].(map[string]any)
	for _, k := range []string{"gold", "proposed", "correct", "found", "stanceOK", "precision", "recall"} {
		if _, ok := claimed[k]; !ok {
			t.Errorf("byType.CLAIMED_RESPONSIBILITY has no %s: %v", k, claimed)
		}
	}
	if claimed["gold"] != 2.0 {
		t.Errorf("byType.CLAIMED_RESPONSIBILITY.gold: got %v, want 2 (one in each fixture article)", claimed["gold"])
	}
	out, _, err = actorgraph(t, nil, "eval", "--json", "--verbose", evalFixture)
	if err != nil || !strings.Contains(out, `"misses":[`) {
		t.Errorf("--json --verbose: got %v %.200s, want the misses listed", err, out)
	}
}

func TestEvalText(t *testing.T) {
	out, _, err := actorgraph(t, nil, "eval", evalFixture)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{evalFixture + ": 2 articles", "TYPE", "CLAIMED_RESPONSIBILITY", "ALL",
		"candidate recall (sentence)", "quote errors", "--verbose lists them"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	out, _, err = actorgraph(t, nil, "eval", evalFixture, "--verbose")
	if err != nil || !strings.Contains(out, "misses (") || !strings.Contains(out, "false positives (") {
		t.Errorf("--verbose: got %v, want misses and false positives listed:\n%s", err, out)
	}
}

func TestEvalErrors(t *testing.T) {
	_, _, err := actorgraph(t, nil, "eval", filepath.Join(evalFixture, "invalid"))
	if err == nil || cli.ExitCode(err) != 2 || !strings.Contains(err.Error(), "b-depot.gold.json: edges[0].type") {
		t.Errorf("invalid gold: got %v, want exit 2 naming the file and the field", err)
	}
	// A gold mention the article does not contain: mentionRecall 0 whatever
	// the extractor does, and no edges to score.
	dir := t.TempDir()
	for name, body := range map[string]string{
		"a.txt":       "Nothing happened today.",
		"a.gold.json": `{"mentions":[{"text":"Islamic State","entity":"group:islamic-state"}]}`,
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := actorgraph(t, nil, "eval", dir); err != nil {
		t.Errorf("without --check: got %v, want the scores only", err)
	}
	out, _, err := actorgraph(t, nil, "eval", "--check", dir)
	if err == nil || cli.ExitCode(err) != 1 || !strings.Contains(out, "targets missed:") ||
		!strings.Contains(out, "mentionRecall 0.00 (0 of 1), want >= 0.95") {
		t.Errorf("--check: got %v, want exit 1 and the missed targets listed:\n%s", err, out)
	}
}
