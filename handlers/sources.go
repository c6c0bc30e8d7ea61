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
	"time"

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
	Candidates(ctx context.Context, q graph.CandidateQuery) ([]graph.Candidate, error)
	Accept(ctx context.Context, id string, o graph.CandidateOverride, key string) (graph.Candidate, graph.Edge, error)
	Reject(ctx context.Context, id, reason, key string) (graph.Candidate, error)
}

// gazetteer caches the matcher over the graph's entities; it is rebuilt
// after this server writes and at most gazetteerAge after another one did.
type gazetteer struct {
	mu    sync.Mutex
	g     *ingest.Gazetteer
	built time.Time
	dirty bool
}

const gazetteerAge = time.Minute

func (z *gazetteer) get(ctx context.Context, s SourceStore) (*ingest.Gazetteer, error) {
	z.mu.Lock()
	defer z.mu.Unlock()
	if z.g != nil && !z.dirty && time.Since(z.built) < gazetteerAge {
		return z.g, nil
	}
	entries, err := s.GazetteerEntries(ctx)
	if err != nil {
		return nil, err
	}
	z.g, z.built, z.dirty = ingest.NewGazetteer(entries), time.Now(), false
	return z.g, nil
}

func (z *gazetteer) invalidate() {
	z.mu.Lock()
	z.dirty = true
	z.mu.Unlock()
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
	in, err := readSource(c)
	if err == nil {
		err = in.Validate()
	}
	if err != nil {
		fail(c, err)
		return
	}
	ctx := c.Request.Context()
	id, err := a.sources.SourceByText(ctx, in.Text)
	if err != nil {
		fail(c, err)
		return
	}
	status := http.StatusOK
	var node *graph.Node
	if id == "" {
		status = http.StatusCreated
		n := sourceNode(in, c.GetString(keyNameKey))
		id, node = n.ID, &n
	} else if done, err := a.sources.HasAnalysis(ctx, id); err != nil || done {
		a.answerSource(c, id, status, err)
		return
	}
	g, err := a.gaz.get(ctx, a.sources)
	if err != nil {
		fail(c, err)
		return
	}
	an := g.Analyze(in.Text, ingest.Meta{SourceID: id, Date: in.PublishedOn})
	err = a.sources.SaveSource(ctx, node, id, an, c.GetString(keyNameKey))
	if errors.Is(err, graph.ErrConflict) && node != nil {
		// Another request stored the same text first: answer with its source.
		if id, err = a.sources.SourceByText(ctx, in.Text); err == nil {
			status = http.StatusOK
		}
	}
	a.answerSource(c, id, status, err)
}

func (a *api) answerSource(c *gin.Context, id string, status int, err error) {
	if err != nil {
		fail(c, err)
		return
	}
	d, err := a.sources.Source(c.Request.Context(), id)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(status, d)
}

func sourceNode(in graph.SourceInput, key string) graph.Node {
	sha := graph.TextSHA256(in.Text)
	name := strings.TrimSpace(in.Title)
	if name == "" {
		name = "Untitled source " + sha[:8]
	}
	props := map[string]any{"text": in.Text, "textSha256": sha, "textLength": int64(graph.TextLength(in.Text)),
		"ingestedAt": time.Now().UTC().Format(time.RFC3339)}
	for k, v := range map[string]string{"title": in.Title, "url": in.URL, "publisher": in.Publisher, "publishedOn": in.PublishedOn,
		"language": in.Language, "date": in.PublishedOn, "ingestedBy": key} {
		if v != "" {
			props[k] = v
		}
	}
	return graph.Node{ID: graph.SourceID(in.Title, sha), Kind: graph.Source, Name: name, Aliases: []string{}, Properties: props}
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
		return readable(in, "")
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
			PublishedOn: c.PostForm("publishedOn"), Language: c.PostForm("language"), Text: string(b)}
		ct := fh.Header.Get("Content-Type")
		if ext := strings.ToLower(filepath.Ext(fh.Filename)); ext == ".html" || ext == ".htm" {
			ct = "text/html"
		}
		return readable(in, ct)
	}
	return in, graph.Invalid("Content-Type", c.GetHeader("Content-Type"),
		"want application/json {title,url,publisher,publishedOn,language,text} or multipart/form-data with the article as file")
}

// readable turns HTML into its readable text; the stored text is what
// quotes are checked against.
func readable(in graph.SourceInput, contentType string) (graph.SourceInput, error) {
	if err := in.Validate(); err != nil {
		return in, err
	}
	if !strings.HasPrefix(contentType, "text/html") && !ingest.LooksLikeHTML(in.Text) {
		return in, nil
	}
	text, err := ingest.Readable(strings.NewReader(in.Text))
	if err != nil {
		return in, graph.Invalid("text", "", "not readable HTML: "+err.Error())
	}
	if strings.TrimSpace(text) == "" {
		return in, graph.Invalid("text", "", "the HTML has no readable text (only scripts, styles or markup); send the article's text")
	}
	in.Text = text
	return in, nil
}
