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
	if _, _, err := cli(t, nil, "import", "crocus"); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "article.html")
	html := `<html><head><script>var claim = "IS-K claimed";</script></head><body><h1>Kyiv answers</h1>
<p>Ukraine denied any involvement in the attack on Crocus City Hall.</p></body></html>`
	if err := os.WriteFile(path, []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	out, stderr, err := cli(t, nil, "ingest", path, "--title", "Kyiv answers", "--date", "2024-03-23", "--publisher", "Test Wire")
	if err != nil || !strings.HasPrefix(out, "stored source:kyiv-answers-") || !strings.Contains(out, "DENIED") || !strings.Contains(out, "state:ua") {
		t.Fatalf("first ingest: %v %s\n%s", err, stderr, out)
	}
	out, _, err = cli(t, nil, "ingest", path, "--json")
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
	if _, stderr, err := cli(t, nil, "ingest", empty); err == nil || !strings.Contains(stderr+err.Error(), "no readable text") {
		t.Errorf("all-script HTML: got %v %q, want an error saying there is no readable text", err, stderr)
	}
}
