package ingest

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/graph"
)

// Store keeps sources and what ingest found in them (cypher.Store is one).
type Store interface {
	SourceByText(ctx context.Context, text string) (string, error)
	HasAnalysis(ctx context.Context, id string) (bool, error)
	SaveSource(ctx context.Context, node *graph.Node, id string, a graph.Analysis, key string) error
	Source(ctx context.Context, id string) (graph.SourceDoc, error)
}

// Ingest stores an article and what Analyze finds in it, and returns the
// stored source. created is false when the same text (by sha256) was already
// stored: then nothing is written, except the analysis of a source imported
// from a data set and never analysed. key names who ingests it.
func Ingest(ctx context.Context, st Store, gaz func(context.Context) (*Gazetteer, error), in graph.SourceInput,
	key string) (graph.SourceDoc, bool, error) {
	return ingest(ctx, st, gaz, in, key, nil)
}

// ingest is Ingest; ahead, when set, gives the analysis of a new source
// made beforehand (with the id SourceNode gives it), so a batch can analyse
// while the store writes.
func ingest(ctx context.Context, st Store, gaz func(context.Context) (*Gazetteer, error), in graph.SourceInput,
	key string,
	ahead func() (graph.Analysis, error)) (graph.SourceDoc, bool, error) {
	if err := in.Validate(); err != nil {
		return graph.SourceDoc{}, false, err
	}
	id, err := st.SourceByText(ctx, in.Text)
	if err != nil {
		return graph.SourceDoc{}, false, err
	}
	var node *graph.Node
	if id == "" {
		n := SourceNode(in, key)
		id, node = n.ID, &n
	} else if done, err := st.HasAnalysis(ctx, id); err != nil || done {
		if err != nil {
			return graph.SourceDoc{}, false, err
		}
		d, err := st.Source(ctx, id)
		return d, false, err
	}
	var a graph.Analysis
	if node != nil && ahead != nil {
		if a, err = ahead(); err != nil {
			return graph.SourceDoc{}, false, err
		}
	} else {
		g, err := gaz(ctx)
		if err != nil {
			return graph.SourceDoc{}, false, err
		}
		a = g.Analyze(in.Text, Meta{SourceID: id, Date: in.PublishedOn})
	}
	err = st.SaveSource(ctx, node, id, a, key)
	if errors.Is(err, graph.ErrConflict) && node != nil {
		// Another request stored the same text first: answer with its source.
		if id, err = st.SourceByText(ctx, in.Text); err == nil {
			node = nil
		}
	}
	if err != nil {
		return graph.SourceDoc{}, false, err
	}
	d, err := st.Source(ctx, id)
	return d, node != nil, err
}

// SourceNode is the Source node an article is stored as.
func SourceNode(in graph.SourceInput, key string) graph.Node {
	sha := graph.TextSHA256(in.Text)
	name := strings.TrimSpace(in.Title)
	if name == "" {
		name = "Untitled source " + sha[:8]
	}
	props := map[string]any{"text": in.Text, "textSha256": sha, "textLength": int64(graph.TextLength(in.Text)),
		"ingestedAt": time.Now().UTC().Format(time.RFC3339)}
	for k, v := range map[string]string{"title": in.Title, "url": in.URL, "publisher": in.Publisher,
		"publishedOn": in.PublishedOn,
		"language":    in.Language, "date": in.PublishedOn, "ingestedBy": key} {
		if v != "" {
			props[k] = v
		}
	}
	return graph.Node{ID: graph.SourceID(in.Title, sha), Kind: graph.Source, Name: name, Aliases: []string{},
		Marking: in.Marking, Properties: props}
}

// Prepare checks an article's raw text and turns HTML (by contentType, or
// by its look) into its readable text, which is what is stored and what
// quotes are checked against.
func Prepare(in graph.SourceInput, contentType string) (graph.SourceInput, error) {
	if err := in.Validate(); err != nil {
		return in, err
	}
	if !strings.HasPrefix(contentType, "text/html") && !LooksLikeHTML(in.Text) {
		return in, nil
	}
	text, err := Readable(strings.NewReader(in.Text))
	if err != nil {
		return in, graph.Invalid("text", "", "not readable HTML: "+err.Error())
	}
	if strings.TrimSpace(text) == "" {
		return in, graph.Invalid("text", "",
			"the HTML has no readable text (only scripts, styles or markup); send the article's text")
	}
	in.Text = text
	return in, nil
}
