package curate

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/actorgraph/actorgraph/dataset"
	"github.com/actorgraph/actorgraph/graph"
)

// OutFile is the data set Build writes, inside the data set's folder.
const OutFile = "crocus.json"

// Error lists every problem Build found, one per line.
type Error struct{ Problems []string }

func (e *Error) Error() string {
	return fmt.Sprintf("%d problems:\n  %s", len(e.Problems), strings.Join(e.Problems, "\n  "))
}

// Build reads the curation files and public inputs in fsys (a data set's
// folder) and returns the data set's JSON, after the import's validation and
// the data rules found nothing wrong; otherwise an *Error naming each problem.
func Build(fsys fs.FS) ([]byte, error) {
	c, err := Load(fsys)
	if err != nil {
		return nil, err
	}
	doc, edges, err := c.document()
	if err != nil {
		return nil, err
	}
	// The import's validation locates each verified quote in its source's
	// stored text (offsets, hash); the set is written with them, then read
	// and validated again as the importer will.
	d, err := validate(doc, fsys)
	if err != nil {
		return nil, err
	}
	for i := range edges {
		if ev := d.Edges[i].Evidence; ev.Level == graph.EvidenceQuote {
			edges[i] = append(edges[i], Member{"quoteStart", *ev.QuoteStart}, Member{"quoteEnd", *ev.QuoteEnd},
				Member{"quoteSha256", ev.QuoteSHA256})
		}
	}
	doc.Set("edges", objects(edges))
	if d, err = validate(doc, fsys); err != nil {
		return nil, err
	}
	if err := dataset.Stream([]dataset.StreamInput{{Set: d}}, map[string]graph.Known{}, dataset.StreamSink{
		Node: func(graph.Node) error { return nil }, Edge: func(graph.Edge) error { return nil },
	}); err != nil {
		return nil, err
	}
	if p := CheckRules(NewSet(d, c.Notes())); len(p) > 0 {
		return nil, &Error{p}
	}
	return Marshal(doc)
}

// document assembles the data set: entity nodes, the curator's extra nodes,
// Sources, then the edges (also returned, to add quote locations to).
func (c *Curation) document() (Object, []Object, error) {
	var probs []string
	ids := map[string]string{}
	for _, e := range c.Entities.Entities {
		ids[e.PublicID] = e.ID
	}
	nodes, err := c.entityNodes(ids)
	if err != nil {
		return nil, nil, err
	}
	nodes = append(nodes, c.Nodes...)
	grades := map[string]string{}
	src, err := c.sourceNodes(grades)
	if err != nil {
		return nil, nil, err
	}
	nodes = append(nodes, src...)
	edges := make([]Object, len(c.Edges))
	for i, e := range c.Edges {
		o, err := c.edgeObject(e, grades)
		if err != nil {
			probs = append(probs, fmt.Sprintf("edges.json[%d] (%s): %v", i, e.ID(), err))
		}
		edges[i] = o
	}
	probs = append(probs, c.checkCoverage()...)
	probs = append(probs, c.checkCited()...)
	if len(probs) > 0 {
		return nil, nil, &Error{probs}
	}
	doc := Object{{"name", c.Set.Name}, {"description", c.Set.Description}, {"nodes", objects(nodes)},
		{"edges", objects(edges)}}
	return doc, edges, nil
}

// objects is a list of objects as a JSON list.
func objects(os []Object) []any {
	out := make([]any, len(os))
	for i := range os {
		out[i] = os[i]
	}
	return out
}

// validate writes doc and reads it back as the importer does (graph.ParseJSON,
// texts from fsys, then DataSet.Validate).
func validate(doc Object, fsys fs.FS) (*graph.DataSet, error) {
	b, err := Marshal(doc)
	if err != nil {
		return nil, err
	}
	d, err := dataset.ParseJSON(bytes.NewReader(b), OutFile, dataset.FSReader(fsys))
	if err == nil {
		err = d.Validate(nil)
	}
	var ve *graph.ValidationError
	if errors.As(err, &ve) {
		var p []string
		for _, x := range ve.Problems {
			p = append(p, x.String())
		}
		return nil, &Error{p}
	}
	return d, err
}

// Marshal writes a data set document in crocus.json's form, newline-ended.
func Marshal(doc Object) ([]byte, error) {
	var buf bytes.Buffer
	if err := write(&buf, doc, 0); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}
