package handlers

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"path/filepath"
	"sort"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/ingest"
	"github.com/gin-gonic/gin"
)

// maxBatchArticles bounds the articles of one batch ingest; the body as a
// whole is bounded by Config.MaxBody.
const maxBatchArticles = 500

// multipartMemory is how much of a multipart body is held in memory; the
// rest of its files go to temporary files.
const multipartMemory = 32 << 20

// batchMeta is a file's own fields in a batch's meta part.
type batchMeta struct {
	Title       string `json:"title"`
	URL         string `json:"url"`
	Publisher   string `json:"publisher"`
	PublishedOn string `json:"publishedOn"`
	Language    string `json:"language"`
}

// ingestBatch ingests every article of a batch and answers 200 with one
// result per article, or 422 (the same body) when none could be ingested.
func (a *api) ingestBatch(c *gin.Context, arts []ingest.Article) {
	if len(arts) > maxBatchArticles {
		abort(c, http.StatusRequestEntityTooLarge, "too_large", fmt.Sprintf(
			"the batch has %d articles, more than the limit of %d; split it into requests of at most %d articles",
			len(arts), maxBatchArticles, maxBatchArticles))
		return
	}
	if len(arts) == 0 {
		fail(c, graph.Invalid("body", "", "no article in the batch; send one JSON object per line, or files named file"))
		return
	}
	b, err := ingest.IngestBatch(c.Request.Context(), a.sources, func(ctx context.Context) (*ingest.Gazetteer, error) {
		return a.gaz.get(ctx, a.sources)
	}, arts, c.GetString(keyNameKey), nil)
	if err != nil {
		fail(c, err)
		return
	}
	status := http.StatusOK
	if !b.Ingested() {
		status = http.StatusUnprocessableEntity
	}
	c.JSON(status, b)
}

// batchTooLarge answers a batch body past the limit: 413 naming it.
func (a *api) batchTooLarge(c *gin.Context) {
	abort(c, http.StatusRequestEntityTooLarge, "too_large", fmt.Sprintf(
		"the request body is larger than the limit of %d bytes; split the batch into requests of at "+
			"most %d bytes and %d articles each",
		a.maxBody, a.maxBody, maxBatchArticles))
}

// jsonLines reads a JSON Lines body (see ingest.JSONLines).
func jsonLines(r io.Reader, limit int64) ([]ingest.Article, error) {
	arts, err := ingest.JSONLines(r, "", int(min(limit+1, 1<<31-1)), maxBatchArticles)
	if mbe := (*http.MaxBytesError)(nil); errors.As(err, &mbe) {
		return nil, mbe
	}
	if err != nil {
		return nil, graph.Invalid("body", "", "cannot read the JSON Lines body: "+err.Error())
	}
	return arts, nil
}

// multipartArticles reads a batch of files: each file's title defaults to
// its name without extension; the meta part (a JSON object keyed by file
// name) gives each file its own fields; publisher, publishedOn and language
// form fields apply to every file that gives none, and the marking field
// (a TLP 2.0 marking) to every file.
func multipartArticles(form *multipart.Form) ([]ingest.Article, error) {
	for _, k := range []string{"title", "url"} {
		if len(form.Value[k]) > 0 {
			return nil, graph.Invalid(k, "", "applies to one file; with several, give each file's "+k+
				" in the meta part, keyed by file name")
		}
	}
	var marking graph.Marking
	if v := form.Value["marking"]; len(v) > 0 && v[0] != "" {
		m, err := graph.ParseMarking(v[0])
		if err != nil {
			return nil, graph.Invalid("marking", v[0],
				"not a TLP 2.0 marking; want one of clear, green, amber, amber+strict, red")
		}
		marking = m
	}
	meta, err := readMeta(form)
	if err != nil {
		return nil, err
	}
	files := form.File["file"]
	seen := map[string]bool{}
	arts := make([]ingest.Article, 0, len(files))
	for _, fh := range files {
		name := fh.Filename
		seen[name] = true
		m, ok := meta[name]
		if !ok || m.Title == "" {
			m.Title = strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
		}
		def := func(v *string, k string) {
			if *v == "" && len(form.Value[k]) > 0 {
				*v = form.Value[k][0]
			}
		}
		def(&m.Publisher, "publisher")
		def(&m.PublishedOn, "publishedOn")
		def(&m.Language, "language")
		a := ingest.Article{Name: name, ContentType: fileType(fh)}
		text, err := readPart(fh)
		a.Input, a.Err = graph.SourceInput{Title: m.Title, URL: m.URL, Publisher: m.Publisher,
			PublishedOn: m.PublishedOn, Language: m.Language, Text: text, Marking: marking}, err
		arts = append(arts, a)
	}
	var unknown []string
	for name := range meta {
		if !seen[name] {
			unknown = append(unknown, name)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return nil, graph.Invalid("meta", unknown[0], "names no file of the batch; key meta by the files' names")
	}
	return arts, nil
}

// readMeta reads the optional meta part, a form value or a file.
func readMeta(form *multipart.Form) (map[string]batchMeta, error) {
	var raw string
	switch {
	case len(form.Value["meta"]) > 0:
		raw = form.Value["meta"][0]
	case len(form.File["meta"]) > 0:
		var err error
		if raw, err = readPart(form.File["meta"][0]); err != nil {
			return nil, err
		}
	default:
		return nil, nil
	}
	meta := map[string]batchMeta{}
	if err := strictJSON(strings.NewReader(raw), &meta); err != nil {
		return nil, graph.Invalid("meta", "",
			`not a JSON object of file name -> {title,url,publisher,publishedOn,language}: `+err.Error())
	}
	return meta, nil
}

func readPart(fh *multipart.FileHeader) (string, error) {
	f, err := fh.Open()
	if err != nil {
		return "", err
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	return string(b), err
}

// fileType is a file part's content type, text/html for .html and .htm.
func fileType(fh *multipart.FileHeader) string {
	if ext := strings.ToLower(filepath.Ext(fh.Filename)); ext == ".html" || ext == ".htm" {
		return "text/html"
	}
	return fh.Header.Get("Content-Type")
}

// isBatchForm reports whether a parsed multipart form is a batch: several
// files, or a meta part.
func isBatchForm(form *multipart.Form) bool {
	return len(form.File["file"]) > 1 || len(form.Value["meta"]) > 0 || len(form.File["meta"]) > 0
}
