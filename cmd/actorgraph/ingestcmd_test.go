package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

func TestIngestTable(t *testing.T) {
	ctx := context.Background()
	if err := db.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	if _, _, err := actorgraph(t, nil, "import", "crocus"); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "article.html")
	html := `<html><head><script>var claim = "IS-K claimed";</script></head><body><h1>Kyiv answers</h1>
<p>Ukraine denied any involvement in the attack on Crocus City Hall.</p></body></html>`
	if err := os.WriteFile(path, []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	out, stderr, err := actorgraph(t, nil, "ingest", path, "--title", "Kyiv answers", "--date",
		"2024-03-23", "--publisher", "Test Wire")
	if err != nil || !strings.HasPrefix(out, "stored source:kyiv-answers-") || !strings.Contains(out,
		"DENIED") || !strings.Contains(out, "state:ua") {
		t.Fatalf("first ingest: %v %s\n%s", err, stderr, out)
	}
	out, _, err = actorgraph(t, nil, "ingest", path, "--json")
	var d graph.SourceDoc
	if err != nil || json.Unmarshal([]byte(out), &d) != nil {
		t.Fatalf("--json: %v %s", err, out)
	}
	if strings.Contains(d.Text, "var claim") || !strings.Contains(d.Text, "Ukraine denied") || len(d.Candidates) == 0 {
		t.Errorf("stored text %q with %d candidates; want the readable text without the script", d.Text, len(d.Candidates))
	}
	empty := filepath.Join(t.TempDir(), "empty.html")
	if err := os.WriteFile(empty, []byte("<script>x()</script>"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, stderr, err := actorgraph(t, nil, "ingest", empty); err == nil || !strings.Contains(stderr+
		err.Error(), "no readable text") {
		t.Errorf("all-script HTML: got %v %q, want an error saying there is no readable text", err, stderr)
	}
}

// Many articles at once: a directory (its article files, sorted) and a
// JSON Lines file; the bad ones are reported, the others stored, and the
// run fails; the same run again finds every good one stored.
func TestIngestReadingList(t *testing.T) {
	ctx := context.Background()
	if err := db.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	if _, _, err := actorgraph(t, nil, "import", "crocus"); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for name, text := range map[string]string{
		"b-kyiv.html":  "<html><body><p>Ukraine denied any involvement in the attack on Crocus City Hall.</p></body></html>",
		"a-claim.txt":  "Islamic State claimed responsibility for the attack on Crocus City Hall.",
		"c-broken.txt": "Ukraine \xff\xfe denied",
		"notes.csv":    "not,an,article",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	list := filepath.Join(t.TempDir(), "list.jsonl")
	if err := os.WriteFile(list,
		[]byte(`{"title":"Moscow","text":"Russia blamed Ukraine for the attack on Crocus City Hall."}`+"\n"+
			`{"title":`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, stderr, err := actorgraph(t, nil, "ingest", dir, "--jsonl", list, "--date", "2024-03-24")
	if err == nil || !strings.Contains(err.Error(), "2 of 5 articles failed") {
		t.Errorf("got error %v, want one saying 2 of 5 articles failed", err)
	}
	for _, want := range []string{
		"[1/5] " + filepath.Join(dir, "a-claim.txt") + ": created, ",
		"[2/5] " + filepath.Join(dir, "b-kyiv.html") + ": created, ",
		"[3/5] " + filepath.Join(dir, "c-broken.txt") + ": error: text: not valid UTF-8",
		"[4/5] " + list + " line 1: created, ",
		"[5/5] " + list + " line 2: error: ",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("progress lacks %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(stderr, "notes.csv") || !strings.Contains(out, "TOTAL 5") || !strings.Contains(out,
		"3 created, 0 existing, 2 errors") {
		t.Errorf("summary:\n%s", out)
	}
	out, _, err = actorgraph(t, nil, "ingest", filepath.Join(dir, "a-claim.txt"), filepath.Join(dir,
		"b-kyiv.html"), "--json")
	var b struct {
		Articles []struct{ Status, Source string }
		Summary  struct{ Existing int }
	}
	if err != nil || json.Unmarshal([]byte(out), &b) != nil || b.Summary.Existing != 2 || len(b.Articles) != 2 ||
		!strings.HasPrefix(b.Articles[0].Source, "source:a-claim-") {
		t.Errorf("again with --json: %v %s; want both existing, titled by file name", err, out)
	}
}
