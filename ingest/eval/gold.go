// Package eval scores the ingest on a directory of articles with gold
// annotations, in the format of docs/eval-format.md: mention linking,
// candidate edges (recall, precision, stance), new-entity proposals, and
// the quotes the candidates carry.
package eval

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/ingest"
)

// GoldError is an evaluation directory that does not follow the format: the
// file, the field (empty for the file as a whole) and what is wrong.
type GoldError struct {
	File, Field, Msg string
}

func (e *GoldError) Error() string {
	if e.Field == "" {
		return e.File + ": " + e.Msg
	}
	return e.File + ": " + e.Field + ": " + e.Msg
}

// gold is what an analyst records from one article (NAME.gold.json).
type gold struct {
	PublishedOn string `json:"publishedOn"`
	Mentions    []struct {
		Text   string `json:"text"`
		Entity string `json:"entity"`
	} `json:"mentions"`
	// NewEntities is nil when the file has no newEntities key: such an
	// article is not scored on new entities.
	NewEntities *[]goldEntity `json:"newEntities"`
	Edges       []goldEdge    `json:"edges"`
}

type goldEntity struct {
	Name string     `json:"name"`
	Kind graph.Kind `json:"kind"`
}

type goldEdge struct {
	Type   string       `json:"type"`
	From   string       `json:"from"`
	To     string       `json:"to"`
	Stance graph.Stance `json:"stance"`
	Scope  string       `json:"scope"`
}

func (e goldEdge) String() string { return e.Type + " " + e.From + " -> " + e.To }

// newEvent is the gold end for the one Event an article is about when the
// gazetteer does not hold it.
const newEvent = "new:event"

// article is one NAME.txt with its gold.
type article struct {
	name string
	text string
	gold gold
}

// load reads dir: the entries (base plus entities.json, merged by id) and
// every article that has a gold file, in name order, each gold validated.
func load(base []ingest.Entry, dir string) ([]ingest.Entry, []article, error) {
	entries, err := mergeEntities(base, dir)
	if err != nil {
		return nil, nil, err
	}
	kinds := make(map[string]graph.Kind, len(entries))
	for _, e := range entries {
		kinds[e.ID] = e.Kind
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return nil, nil, err
	}
	var arts []article
	for _, f := range files {
		gpath := strings.TrimSuffix(f, ".txt") + ".gold.json"
		b, err := os.ReadFile(gpath)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, nil, err
		}
		var g gold
		if err := decode(gpath, b, &g); err != nil {
			return nil, nil, err
		}
		if err := g.validate(gpath, kinds); err != nil {
			return nil, nil, err
		}
		text, err := os.ReadFile(f)
		if err != nil {
			return nil, nil, err
		}
		arts = append(arts, article{name: strings.TrimSuffix(filepath.Base(f), ".txt"), text: string(text), gold: g})
	}
	if len(arts) == 0 {
		return nil, nil, &GoldError{File: dir, Msg: "no article with a gold file (NAME.txt beside NAME.gold.json)"}
	}
	return entries, arts, nil
}

// decode unmarshals a JSON file, naming the file, and the field or line, when
// it cannot.
func decode(path string, b []byte, v any) error {
	err := json.Unmarshal(b, v)
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &syn):
		line := 1 + strings.Count(string(b[:min(int(syn.Offset), len(b))]), "\n")
		return &GoldError{File: path, Msg: fmt.Sprintf("invalid JSON on line %d: %v", line, syn)}
	case errors.As(err, &typ):
		return &GoldError{File: path, Field: typ.Field, Msg: fmt.Sprintf("want a JSON %s, got %s", typ.Type, typ.Value)}
	}
	return &GoldError{File: path, Msg: "invalid JSON: " + err.Error()}
}

// mergeEntities returns base plus dir/entities.json (optional), merged by id:
// a known id gains the file's aliases and places, and its demonym, date and
// nationality when given. base is not changed.
func mergeEntities(base []ingest.Entry, dir string) ([]ingest.Entry, error) {
	path := filepath.Join(dir, "entities.json")
	entries := slices.Clone(base)
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return entries, nil
	}
	if err != nil {
		return nil, err
	}
	var extra struct {
		Entities []ingest.Entry `json:"entities"`
	}
	if err := decode(path, b, &extra); err != nil {
		return nil, err
	}
	at := make(map[string]int, len(entries))
	for i, e := range entries {
		at[e.ID] = i
	}
	for i, x := range extra.Entities {
		field := fmt.Sprintf("entities[%d]", i)
		j, ok := at[x.ID]
		if ok {
			e := &entries[j]
			// New slices: appending to the base's would write into the caller's arrays.
			e.Aliases = slices.Concat(e.Aliases, x.Aliases)
			e.Places = slices.Concat(e.Places, x.Places)
			e.Demonym = cmp(x.Demonym, e.Demonym)
			e.Date = cmp(x.Date, e.Date)
			e.Nationality = cmp(x.Nationality, e.Nationality)
			continue
		}
		if x.ID == "" || x.Name == "" {
			return nil, &GoldError{File: path, Field: field, Msg: "an entity needs an id and a name"}
		}
		k, ok := graph.ParseKind(string(x.Kind))
		if !ok || k == graph.Source {
			return nil, &GoldError{File: path, Field: field + ".kind", Msg: fmt.Sprintf("unknown kind %q", x.Kind)}
		}
		x.Kind = k
		at[x.ID] = len(entries)
		entries = append(entries, x)
	}
	return entries, nil
}

// cmp is the first non-empty string.
func cmp(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// validate checks a gold file against the known entities: every id resolves,
// every type is of the vocabulary and allows its ends' kinds, every stance,
// scope, kind and date is one the format has, no edge is listed twice.
func (g *gold) validate(file string, known map[string]graph.Kind) error {
	bad := func(field, format string, args ...any) error {
		return &GoldError{File: file, Field: field, Msg: fmt.Sprintf(format, args...)}
	}
	if g.PublishedOn != "" {
		if _, err := time.Parse(time.DateOnly, g.PublishedOn); err != nil {
			return bad("publishedOn", "%q is not a date (YYYY-MM-DD)", g.PublishedOn)
		}
	}
	for i, m := range g.Mentions {
		if strings.TrimSpace(m.Text) == "" {
			return bad(fmt.Sprintf("mentions[%d].text", i), "empty")
		}
		if _, ok := known[m.Entity]; !ok {
			return bad(fmt.Sprintf("mentions[%d].entity", i), "%q is neither in the Crocus set nor in entities.json", m.Entity)
		}
	}
	ends := map[string]graph.Kind{newEvent: graph.Event}
	for i, ne := range g.newEntities() {
		field := fmt.Sprintf("newEntities[%d]", i)
		k, ok := graph.ParseKind(string(ne.Kind))
		if !ok || k == graph.Source {
			return bad(field+".kind", "unknown kind %q; want one of %s", ne.Kind, entityKinds())
		}
		(*g.NewEntities)[i].Kind = k
		ref := newRef(ne.Name)
		if ref == "new:" {
			return bad(field+".name", "%q has no letter or digit", ne.Name)
		}
		if _, dup := ends[ref]; dup {
			return bad(field+".name", "%q is listed twice (as %s)", ne.Name, ref)
		}
		ends[ref] = k
	}
	kindOf := func(field, id string) (graph.Kind, error) {
		if k, ok := known[id]; ok {
			return k, nil
		}
		if k, ok := ends[id]; ok {
			return k, nil
		}
		return "", bad(field, "%q is not in the Crocus set nor in entities.json, nor a new:<slug> of newEntities, nor new:event", id)
	}
	seen := map[string]int{}
	for i, e := range g.Edges {
		field := fmt.Sprintf("edges[%d]", i)
		if err := g.validateEdge(i, field, kindOf, bad); err != nil {
			return err
		}
		e = g.Edges[i]
		if j, dup := seen[e.String()]; dup {
			return bad(field, "the same edge as edges[%d] (%s)", j, e)
		}
		seen[e.String()] = i
	}
	return nil
}

func (g *gold) validateEdge(i int, field string, kindOf func(field, id string) (graph.Kind, error),
	bad func(string, string, ...any) error) error {
	e := &g.Edges[i]
	rt, ok := graph.LookupRel(e.Type)
	if !ok {
		return bad(field+".type", "unknown relationship type %q (docs/vocabulary.md)", e.Type)
	}
	e.Type = rt.Name
	from, err := kindOf(field+".from", e.From)
	if err != nil {
		return err
	}
	to, err := kindOf(field+".to", e.To)
	if err != nil {
		return err
	}
	if !rt.Allows(from, to) {
		return bad(field, "%s cannot connect a %s to a %s", rt.Name, from, to)
	}
	st, ok := graph.ParseStance(string(e.Stance))
	if !ok {
		return bad(field+".stance", "unknown stance %q; want claimed, attributed, alleged, denied or reported", e.Stance)
	}
	e.Stance = st
	switch e.Scope {
	case "":
		e.Scope = "sentence"
	case "sentence", "context":
	default:
		return bad(field+".scope", "unknown scope %q; want sentence or context", e.Scope)
	}
	return nil
}

func (g *gold) newEntities() []goldEntity {
	if g.NewEntities == nil {
		return nil
	}
	return *g.NewEntities
}

// newRef is the gold end of a new entity named name.
func newRef(name string) string { return "new:" + graph.Slug(name, 1000) }

// entityKinds lists the kinds a new entity may have: every kind but Source.
func entityKinds() string {
	var out []string
	for _, k := range graph.KindNames() {
		if k != string(graph.Source) {
			out = append(out, k)
		}
	}
	return strings.Join(out, ", ")
}
