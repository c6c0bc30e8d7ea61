package ingest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"

	"github.com/actorgraph/actorgraph/graph"
)

// Article is one article of a batch: its name (a file name, or "line N" of
// a JSON Lines body), its input and content type, or why it could not be
// read (Err, reported for this article alone).
type Article struct {
	Name        string
	Input       graph.SourceInput
	ContentType string
	Err         error
}

// Article statuses in a batch answer.
const (
	Created  = "created"
	Existing = "existing"
	Failed   = "error"
)

// ArticleResult is what became of one article of a batch.
type ArticleResult struct {
	Index          int           `json:"index"`
	Name           string        `json:"name"`
	Status         string        `json:"status"`
	Source         string        `json:"source,omitempty"`
	Mentions       int           `json:"mentions"`
	NewEntities    int           `json:"newEntities"`
	Candidates     int           `json:"candidates"`
	Corroborations int           `json:"corroborations"`
	Error          *ArticleError `json:"error,omitempty"`
}

// ArticleError says why an article of a batch was not ingested.
type ArticleError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// BatchSummary adds up a batch's results.
type BatchSummary struct {
	Articles       int `json:"articles"`
	Created        int `json:"created"`
	Existing       int `json:"existing"`
	Errors         int `json:"errors"`
	Mentions       int `json:"mentions"`
	NewEntities    int `json:"newEntities"`
	Candidates     int `json:"candidates"`
	Corroborations int `json:"corroborations"`
}

// Batch is the answer to a batch ingest: one result per article, in order.
type Batch struct {
	Articles []ArticleResult `json:"articles"`
	Summary  BatchSummary    `json:"summary"`
}

// Ingested reports whether at least one article was stored or found stored.
func (b Batch) Ingested() bool { return b.Summary.Created+b.Summary.Existing > 0 }

// IngestBatch ingests each article on its own (as Ingest does, idempotent by
// text), with one gazetteer for the whole batch. An article that is not a
// valid article gets its own error and the others go on; any other error
// (the database) stops the batch and is returned with the results so far,
// which a retry finds stored. progress, when set, is told of each result.
// Once one article needs analysing, the ones after it are analysed ahead on
// every core while the store writes, in order.
func IngestBatch(ctx context.Context, st Store, gaz func(context.Context) (*Gazetteer, error), arts []Article,
	key string,
	progress func(ArticleResult)) (Batch, error) {
	ins := make([]graph.SourceInput, len(arts))
	errs := make([]error, len(arts))
	for i, a := range arts {
		if errs[i] = a.Err; errs[i] == nil {
			ins[i], errs[i] = Prepare(a.Input, a.ContentType)
		}
	}
	var g *Gazetteer
	var ahead *lookahead
	stop := make(chan struct{})
	defer close(stop)
	once := func(ctx context.Context) (*Gazetteer, error) {
		if g != nil {
			return g, nil
		}
		var err error
		g, err = gaz(ctx)
		return g, err
	}
	b := Batch{Articles: make([]ArticleResult, 0, len(arts))}
	for i, a := range arts {
		r := ArticleResult{Index: i, Name: a.Name}
		err := errs[i]
		var d graph.SourceDoc
		created := false
		if err == nil {
			var pre func() (graph.Analysis, error)
			if ahead != nil {
				pre = ahead.result(i)
			} else if i+1 < len(arts) {
				// The first article that needs analysing starts the analyses of
				// those after it.
				pre = func() (graph.Analysis, error) {
					g, err := once(ctx)
					if err != nil {
						return graph.Analysis{}, err
					}
					ahead = analyseAhead(g, ins, errs, i+1, key, stop)
					return g.Analyze(ins[i].Text, Meta{SourceID: SourceNode(ins[i], key).ID, Date: ins[i].PublishedOn}), nil
				}
			}
			d, created, err = ingest(ctx, st, once, ins[i], key, pre)
		}
		var ve *graph.ValidationError
		switch {
		case errors.As(err, &ve):
			r.Status, r.Error = Failed, &ArticleError{Code: "invalid", Message: a.Name + ": " + ve.Error()}
		case err != nil:
			return b, err
		default:
			r.Status, r.Source = Existing, d.Source.ID
			if created {
				r.Status = Created
			}
			r.Mentions, r.NewEntities, r.Candidates = len(d.Mentions), len(d.NewEntities), len(d.Candidates)
			for _, c := range d.Candidates {
				if c.Corroborates != nil {
					r.Corroborations++
				}
			}
		}
		b.add(r)
		if progress != nil {
			progress(r)
		}
	}
	return b, nil
}

// lookahead holds the analyses of a batch's articles made ahead of the
// store: one per valid article from first on, each as a new source's.
type lookahead struct {
	first int
	out   []chan graph.Analysis
}

// analyseAhead starts one worker per core over ins[first:]; they stop when
// stop is closed.
func analyseAhead(g *Gazetteer, ins []graph.SourceInput, errs []error, first int, key string,
	stop <-chan struct{}) *lookahead {
	la := &lookahead{first: first, out: make([]chan graph.Analysis, len(ins)-first)}
	jobs := make(chan int)
	for j := range la.out {
		la.out[j] = make(chan graph.Analysis, 1)
	}
	go func() {
		defer close(jobs)
		for j := first; j < len(ins); j++ {
			if errs[j] != nil {
				continue
			}
			select {
			case jobs <- j:
			case <-stop:
				return
			}
		}
	}()
	for range runtime.GOMAXPROCS(0) {
		go func() {
			for j := range jobs {
				in := ins[j]
				la.out[j-first] <- g.Analyze(in.Text, Meta{SourceID: SourceNode(in, key).ID, Date: in.PublishedOn})
			}
		}()
	}
	return la
}

// result is the analysis of article i, waited for when asked.
func (la *lookahead) result(i int) func() (graph.Analysis, error) {
	return func() (graph.Analysis, error) { return <-la.out[i-la.first], nil }
}

func (b *Batch) add(r ArticleResult) {
	b.Articles = append(b.Articles, r)
	s := &b.Summary
	s.Articles++
	switch r.Status {
	case Created:
		s.Created++
	case Existing:
		s.Existing++
	default:
		s.Errors++
	}
	s.Mentions += r.Mentions
	s.NewEntities += r.NewEntities
	s.Candidates += r.Candidates
	s.Corroborations += r.Corroborations
}

// JSONLines reads a JSON Lines reading list: one SourceInput object per line
// (blank lines skipped), each line an article named "line N" (prefixed by
// name when given). A line that is not such an object gets its own error.
// It stops after max+1 articles, so a caller can tell the list is too long;
// an error reading r (a line longer than maxLine bytes) is returned.
func JSONLines(r io.Reader, name string, maxLine, max int) ([]Article, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxLine)
	var arts []Article
	for n := 1; sc.Scan() && len(arts) <= max; n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		a := Article{Name: fmt.Sprintf("line %d", n)}
		if name != "" {
			a.Name = name + " " + a.Name
		}
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&a.Input); err != nil {
			a.Err = graph.Invalid("line", "", "not a JSON object {title,url,publisher,publishedOn,language,text}: "+err.Error())
		} else if dec.More() {
			a.Err = graph.Invalid("line", "", "more than one JSON value on the line; put one article per line")
		}
		arts = append(arts, a)
	}
	return arts, sc.Err()
}
