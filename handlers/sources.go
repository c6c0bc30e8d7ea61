package handlers

import (
	"context"
	"errors"
	"io"
	"mime"
	"net/http"
	"path/filepath"
	"strings"
	"sync"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/ingest"
	"github.com/gin-gonic/gin"
)

// SourceStore is what the source, candidate and history routes ask. The
// routes exist when the Store also implements it.
type SourceStore interface {
	Source(ctx context.Context, id string) (graph.SourceDoc, error)
	SourceByText(ctx context.Context, text string) (string, error)
	HasAnalysis(ctx context.Context, id string) (bool, error)
	SaveSource(ctx context.Context, node *graph.Node, id string, a graph.Analysis, key string) error
	GazetteerEntries(ctx context.Context) ([]graph.NamedEntity, error)
	// GraphVersion changes with every write of entities, aliases or edges,
	// by any server or the CLI; "" is unknown.
	GraphVersion(ctx context.Context) (string, error)
	Candidates(ctx context.Context, q graph.CandidateQuery) ([]graph.Candidate, error)
	Accept(ctx context.Context, id string, o graph.CandidateOverride, key string) (graph.Candidate, graph.Edge, error)
	Reject(ctx context.Context, id, reason, key string) (graph.Candidate, error)
	AcceptGroup(ctx context.Context, k graph.GroupKey, o graph.CandidateOverride, key string) (graph.GroupDecision, error)
	RejectGroup(ctx context.Context, k graph.GroupKey, reason, key string) (graph.GroupDecision, error)
	History(ctx context.Context, ref string, edge bool) ([]graph.Change, error)
	Retract(ctx context.Context, id, reason, key string) (graph.Edge, error)
}

// gazetteer caches the matcher over the graph's entities under the graph
// version it was read at. Each ingest reads the stored version (one small
// query) and rebuilds the matcher when it differs or is unknown, so a write
// through any server, or the CLI, is seen by the next ingest on every one.
// There is one matcher per clearance: it holds only the names a reader of
// that clearance may see.
type gazetteer struct {
	mu sync.Mutex
	by map[graph.Marking]cachedGazetteer
}

type cachedGazetteer struct {
	g       *ingest.Gazetteer
	version string
}

func (z *gazetteer) get(ctx context.Context, s SourceStore) (*ingest.Gazetteer, error) {
	// The version is read before the entries: a write between the two
	// leaves entries newer than the version they are kept under, which the
	// next request reads again; never older.
	v, err := s.GraphVersion(ctx)
	if err != nil {
		return nil, err
	}
	cl := graph.ClearanceOf(ctx)
	z.mu.Lock()
	defer z.mu.Unlock()
	if c, ok := z.by[cl]; ok && v != "" && v == c.version {
		return c.g, nil
	}
	entries, err := s.GazetteerEntries(ctx)
	if err != nil {
		return nil, err
	}
	if z.by == nil {
		z.by = map[graph.Marking]cachedGazetteer{}
	}
	c := cachedGazetteer{g: ingest.NewGazetteer(entries), version: v}
	z.by[cl] = c
	return c.g, nil
}

func (a *api) source(c *gin.Context) {
	id := c.Param("id")
	if why := graph.ValidID(id); why != "" {
		fail(c, graph.Invalid("id", id, why))
		return
	}
	if k, _ := graph.KindOfID(id); k != graph.Source {
		fail(c, graph.Invalid("id", id, "not a source id; want source:..."))
		return
	}
	if !noParams(c) {
		return
	}
	d, err := a.sources.Source(c.Request.Context(), id)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, d)
}

// ingestSource stores an article, links its mentions and proposes candidate
// edges: 201, or 200 when the same text is already stored.
func (a *api) ingestSource(c *gin.Context) {
	if !a.authorized(c) || !noParams(c) {
		return
	}
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, a.maxBody)
	if a.batch(c) {
		return
	}
	in, err := readSource(c)
	if err != nil {
		fail(c, err)
		return
	}
	d, created, err := ingest.Ingest(c.Request.Context(), a.sources, func(ctx context.Context) (*ingest.Gazetteer, error) {
		return a.gaz.get(ctx, a.sources)
	}, in, c.GetString(keyNameKey))
	if err != nil {
		fail(c, err)
		return
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
	}
	c.JSON(status, d)
}

// batch answers a batch ingest (a JSON Lines body, or a multipart form with
// several files or a meta part) and reports whether the request was one.
func (a *api) batch(c *gin.Context) bool {
	mt, _, _ := mime.ParseMediaType(c.GetHeader("Content-Type"))
	var arts []ingest.Article
	var err error
	switch mt {
	case "application/x-ndjson", "application/jsonl":
		arts, err = jsonLines(c.Request.Body, a.maxBody)
	case "multipart/form-data":
		err = c.Request.ParseMultipartForm(multipartMemory)
		if mbe := (*http.MaxBytesError)(nil); err != nil && !errors.As(err, &mbe) || err == nil &&
			!isBatchForm(c.Request.MultipartForm) {
			// One article (or an unreadable form): answered as before.
			return false
		}
		if err == nil {
			arts, err = multipartArticles(c.Request.MultipartForm)
		}
	default:
		return false
	}
	if mbe := (*http.MaxBytesError)(nil); errors.As(err, &mbe) {
		a.batchTooLarge(c)
		return true
	}
	if err != nil {
		fail(c, err)
		return true
	}
	a.ingestBatch(c, arts)
	return true
}

// readSource reads the article: JSON, or a multipart form with the text in
// a file (plain text, or HTML made readable) and the rest as form values.
func readSource(c *gin.Context) (graph.SourceInput, error) {
	var in graph.SourceInput
	mt, _, _ := mime.ParseMediaType(c.GetHeader("Content-Type"))
	switch mt {
	case "application/json":
		if err := strictJSON(c.Request.Body, &in); err != nil {
			return in, err
		}
		return ingest.Prepare(in, "")
	case "multipart/form-data":
		fh, err := c.FormFile("file")
		if err != nil {
			if mbe := (*http.MaxBytesError)(nil); errors.As(err, &mbe) {
				return in, mbe
			}
			return in, graph.Invalid("file", "", "a multipart form needs the article as a file named file")
		}
		f, err := fh.Open()
		if err != nil {
			return in, err
		}
		defer f.Close()
		b, err := io.ReadAll(f)
		if err != nil {
			return in, err
		}
		in = graph.SourceInput{Title: c.PostForm("title"), URL: c.PostForm("url"), Publisher: c.PostForm("publisher"),
			PublishedOn: c.PostForm("publishedOn"), Language: c.PostForm("language"), Text: string(b),
			Marking: graph.Marking(c.PostForm("marking"))}
		ct := fh.Header.Get("Content-Type")
		if ext := strings.ToLower(filepath.Ext(fh.Filename)); ext == ".html" || ext == ".htm" {
			ct = "text/html"
		}
		return ingest.Prepare(in, ct)
	}
	return in, graph.Invalid("Content-Type", c.GetHeader("Content-Type"),
		"want application/json {title,url,publisher,publishedOn,language,text}, multipart/form-data "+
			"with the article(s) as file, or application/x-ndjson with one such object per line")
}
