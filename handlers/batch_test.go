package handlers_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/ingest"
	"github.com/actorgraph/actorgraph/testkit"
)

// file is one part of a multipart batch.
type file struct{ name, text string }

func batchForm(t *testing.T, files []file, fields map[string]string) (string, http.Header) {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for k, v := range fields {
		_ = w.WriteField(k, v)
	}
	for _, f := range files {
		p, err := w.CreateFormFile("file", f.name)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = p.Write([]byte(f.text))
	}
	_ = w.Close()
	return b.String(), http.Header{"Content-Type": {w.FormDataContentType()}, "X-Api-Key": {srv.APIKey}}
}

func jsonl(lines ...string) (string, http.Header) {
	return strings.Join(lines, "\n") + "\n", http.Header{"Content-Type": {"application/x-ndjson"},
		"X-Api-Key": {srv.APIKey}}
}

func postBatch(t *testing.T, body string, h http.Header) (response, ingest.Batch) {
	t.Helper()
	r := do(t, http.MethodPost, "/api/v1/sources", strings.NewReader(body), h)
	var b ingest.Batch
	r.json(t, &b)
	return r, b
}

// statuses lists each article's status, in order.
func statuses(b ingest.Batch) string {
	var s []string
	for _, a := range b.Articles {
		s = append(s, a.Status)
	}
	return strings.Join(s, ",")
}

// A batch with one bad file stores the others and says what is wrong with
// it; the same batch again finds them stored and changes nothing.
func TestIngestBatchWithABadFile(t *testing.T) {
	reload(t)
	files := []file{
		{"kremlin-call.txt", article},
		{"broken.txt", "Ukraine \xff\xfe denied"},
		{"kyiv.html", "<html><body><p>Kyiv, March 27. Ukraine denied any involvement in the attack " +
			"on Crocus City Hall.</p></body></html>"},
	}
	body, h := batchForm(t, files,
		map[string]string{"meta": `{"kyiv.html":{"title":"Kyiv answers","publishedOn":"2024-03-27"}}`})
	n0, r0 := counts(t)
	r, b := postBatch(t, body, h)
	if r.status != 200 || statuses(b) != "created,error,created" {
		t.Fatalf("got %d with statuses %s, want 200 created,error,created: %s", r.status, statuses(b), clip(r.body))
	}
	bad := b.Articles[1]
	if bad.Error == nil || bad.Source != "" || !contains(bad.Error.Message, "broken.txt") ||
		!contains(bad.Error.Message, "UTF-8") {
		t.Errorf("the bad file's error %+v, want one naming broken.txt and UTF-8", bad.Error)
	}
	if s := b.Summary; s.Articles != 3 || s.Created != 2 || s.Errors != 1 ||
		s.Candidates != b.Articles[0].Candidates+b.Articles[2].Candidates || s.Candidates == 0 {
		t.Errorf("summary %+v does not add up the articles %+v", s, b.Articles)
	}
	if n1, r1 := counts(t); n1 != n0+2 || r1 != r0 {
		t.Errorf("counts %d/%d -> %d/%d; want two new Source nodes and no new relationship", n0, r0, n1, r1)
	}
	var d sourceDoc
	get(t, "/api/v1/sources/"+b.Articles[2].Source).json(t, &d)
	if d.Source.Properties["title"] != "Kyiv answers" ||
		d.Source.Properties["publishedOn"] != "2024-03-27" || contains(d.Text, "<p>") {
		t.Errorf("kyiv.html stored as %+v with text %q; want the meta's title and date and the readable text",
			d.Source.Properties, d.Text)
	}
	get(t, "/api/v1/sources/"+b.Articles[0].Source).json(t, &d)
	if d.Source.Properties["title"] != "kremlin-call" || d.Text != article {
		t.Errorf("kremlin-call.txt stored with title %v; want its file name without extension", d.Source.Properties["title"])
	}

	// The same files again (without the bad one): all existing, nothing written.
	body, h = batchForm(t, []file{files[0], files[2]}, nil)
	r, again := postBatch(t, body, h)
	if n1, r1 := counts(t); r.status != 200 || statuses(again) != "existing,existing" || n1 != n0+2 || r1 != r0 {
		t.Errorf("again: got %d %s, counts %d/%d; want 200 existing,existing and no change", r.status,
			statuses(again), n1, r1)
	}
	if again.Articles[0].Source != b.Articles[0].Source || again.Articles[1].Source != b.Articles[2].Source {
		t.Errorf("again: sources %+v, want the stored ones", again.Articles)
	}
}

// A JSON Lines batch: a bad line gets its own error naming the line; the
// others are ingested; a batch of bad lines only is a 422.
func TestIngestJSONLines(t *testing.T) {
	reload(t)
	body, h := jsonl(
		`{"title":"Kremlin call","publishedOn":"2024-03-26","text":"`+strings.ReplaceAll(article, "\n", `\n`)+`"}`,
		`{"title":"cut short","text":`,
		``,
		`{"title":"bad date","publishedOn":"yesterday","text":"Ukraine denied it."}`,
		`{"title":"Kyiv","text":"Ukraine denied any involvement in the attack on Crocus City Hall."}`)
	n0, _ := counts(t)
	r, b := postBatch(t, body, h)
	if r.status != 200 || statuses(b) != "created,error,error,created" {
		t.Fatalf("got %d %s, want 200 created,error,error,created: %s", r.status, statuses(b), clip(r.body))
	}
	if e := b.Articles[1].Error; b.Articles[1].Name != "line 2" || e == nil || !contains(e.Message,
		"line 2") || !contains(e.Message, "JSON") {
		t.Errorf("line 2: %+v, want an error naming line 2 and the JSON", b.Articles[1])
	}
	if e := b.Articles[2].Error; b.Articles[2].Name != "line 4" || e == nil || !contains(e.Message, "YYYY-MM-DD") {
		t.Errorf("line 4: %+v, want an error naming line 4 and the date", b.Articles[2])
	}
	if n1, _ := counts(t); n1 != n0+2 {
		t.Errorf("nodes %d -> %d, want two new sources", n0, n1)
	}
	body, h = jsonl(`{"text":""}`, `not json`)
	h.Set("Content-Type", "application/jsonl")
	if r, b := postBatch(t, body, h); r.status != 422 || statuses(b) != "error,error" || b.Summary.Errors != 2 {
		t.Errorf("all bad: got %d %s, want 422 error,error", r.status, statuses(b))
	}
}

// A batch past its bounds is a 413 that names the limit and how to split.
func TestIngestBatchTooLarge(t *testing.T) {
	lines := make([]string, 501)
	for i := range lines {
		lines[i] = fmt.Sprintf(`{"text":"Ukraine denied it, %d times."}`, i)
	}
	body, h := jsonl(lines...)
	n0, r0 := counts(t)
	r := do(t, http.MethodPost, "/api/v1/sources", strings.NewReader(body), h)
	var e errorBody
	r.json(t, &e)
	if r.status != 413 || !contains(e.Error.Message, "500") || !contains(e.Error.Message, "split") {
		t.Errorf("501 articles: got %d %q, want 413 naming the limit of 500 and how to split", r.status, e.Error.Message)
	}
	small, err := testkit.StartServer(context.Background(), db, testkit.WithMaxBody(1024))
	if err != nil {
		t.Fatal(err)
	}
	defer small.Close()
	body, h = batchForm(t, []file{{"a.txt", strings.Repeat("Ukraine denied it. ", 40)}, {"b.txt",
		strings.Repeat("Ukraine denied it. ", 40)}}, nil)
	r = doAt(t, small.URL, http.MethodPost, "/api/v1/sources", strings.NewReader(body), h)
	r.json(t, &e)
	if r.status != 413 || !contains(e.Error.Message, "1024 bytes") || !contains(e.Error.Message, "split") {
		t.Errorf("past the body limit: got %d %q, want 413 naming 1024 bytes and how to split", r.status, e.Error.Message)
	}
	if n1, r1 := counts(t); n1 != n0 || r1 != r0 {
		t.Errorf("the graph changed")
	}
}

// A batch analyses its articles ahead, on every core, while the store
// writes them in order: what it stores for each article is what ingesting
// the articles one by one stores, and an article repeated later in the
// batch is found stored, not stored twice.
func TestIngestBatchSameAsOneByOne(t *testing.T) {
	paths, _ := filepath.Glob("../ingest/testdata/eval/dev/*.txt")
	if len(paths) < 6 {
		t.Fatalf("%d articles in ingest/testdata/eval/dev, want at least 6", len(paths))
	}
	var ins []graph.SourceInput
	var lines []string
	for _, p := range paths[:6] {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		in := graph.SourceInput{Title: filepath.Base(p), PublishedOn: "2024-03-26", Text: string(b)}
		ins = append(ins, in)
		j, _ := json.Marshal(in)
		lines = append(lines, string(j))
	}
	lines = append(lines, lines[1])

	// docs is what the store holds for each source, as the API gives it.
	docs := func(ids []string) []sourceDoc {
		var ds []sourceDoc
		for _, id := range ids {
			var d sourceDoc
			if r := get(t, "/api/v1/sources/"+url.PathEscape(id)); r.status != 200 {
				t.Fatalf("source %s: got %d %s", id, r.status, clip(r.body))
			} else {
				r.json(t, &d)
			}
			delete(d.Source.Properties, "ingestedAt") // the one field a second run changes
			ds = append(ds, d)
		}
		return ds
	}

	reload(t)
	body, h := jsonl(lines...)
	r, b := postBatch(t, body, h)
	if want := "created,created,created,created,created,created,existing"; r.status != 200 || statuses(b) != want {
		t.Fatalf("got %d %s, want 200 %s: %s", r.status, statuses(b), want, clip(r.body))
	}
	if b.Articles[6].Source != b.Articles[1].Source {
		t.Errorf("the repeated article is %s, want the stored %s", b.Articles[6].Source, b.Articles[1].Source)
	}
	var ids []string
	for _, a := range b.Articles[:6] {
		ids = append(ids, a.Source)
	}
	batched := docs(ids)

	ctx := context.Background()
	if err := db.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	if err := db.LoadCrocus(ctx); err != nil {
		t.Fatal(err)
	}
	ids = ids[:0]
	for _, in := range ins {
		r := ingestJSON(t, in)
		var d sourceDoc
		r.json(t, &d)
		if r.status != 201 {
			t.Fatalf("%s: got %d %s, want 201", in.Title, r.status, clip(r.body))
		}
		ids = append(ids, d.Source.ID)
	}
	single := docs(ids)
	for i := range single {
		if len(single[i].Candidates) == 0 {
			t.Errorf("%s: no candidates; the comparison would prove nothing", ins[i].Title)
		}
		if !reflect.DeepEqual(batched[i], single[i]) {
			t.Errorf("%s: the batch stored %d mentions, %d new entities, %d candidates; one by one %d, %d, %d, or they differ",
				ins[i].Title, len(batched[i].Mentions), len(batched[i].NewEntities), len(batched[i].Candidates),
				len(single[i].Mentions), len(single[i].NewEntities), len(single[i].Candidates))
		}
	}
}
