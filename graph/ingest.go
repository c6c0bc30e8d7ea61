package graph

import (
	"context"
	"strings"
	"unicode/utf8"
)

// Candidate statuses.
const (
	Pending  = "pending"
	Accepted = "accepted"
	Rejected = "rejected"
)

// Mention is a span of a source's text that names an entity: Entity when one
// entity has the matched name, Options when several share it, NewEntity (a
// "new:<slug>" ref) when the span is a proper noun the graph does not know.
// Start and End are Unicode code point offsets into the text.
type Mention struct {
	Text      string   `json:"text"`
	Start     int      `json:"start"`
	End       int      `json:"end"`
	Entity    *string  `json:"entity"`
	Options   []string `json:"options"`
	NewEntity *string  `json:"newEntity"`
}

// NewEntity is a proper noun of a source that matches no entity, proposed as
// a new one: a country or city of the world gazetteer (its kind, canonical
// name and a suggested ID), or a name typed by the words around it. Ref is
// "new:" and the slug of Name, the same in every article. Country is a
// proposed city's state id; Similar lists entities of the graph whose names
// look like this one (possibly the same; nothing is merged).
type NewEntity struct {
	Ref      string   `json:"ref"`
	Name     string   `json:"name"`
	Kind     Kind     `json:"kind"`
	Mentions int      `json:"mentions"`
	ID       string   `json:"id,omitempty"`
	Country  string   `json:"country,omitempty"`
	Similar  []string `json:"similar,omitempty"`
	// Date and Place (an id) of a proposed Event that the article refers
	// to but the graph does not hold.
	Date  string `json:"date,omitempty"`
	Place string `json:"place,omitempty"`
}

// Candidate is an edge proposed from one sentence of a source. From and To
// are entity ids or new-entity refs; Quote is the sentence, text[Start:End]
// in code points. Corroborates names the stored edge with the same type and
// ends; Edge names the edge written when the candidate was accepted.
type Candidate struct {
	ID           string  `json:"id"`
	Source       string  `json:"source"`
	Type         string  `json:"type"`
	From         string  `json:"from"`
	To           string  `json:"to"`
	FromName     string  `json:"fromName"`
	ToName       string  `json:"toName"`
	Stance       Stance  `json:"stance"`
	Confidence   int     `json:"confidence"`
	Quote        string  `json:"quote"`
	Start        int     `json:"start"`
	End          int     `json:"end"`
	Cue          string  `json:"cue"`
	Status       string  `json:"status"`
	Corroborates *string `json:"corroborates"`
	Edge         *string `json:"edge"`
	Reason       string  `json:"reason,omitempty"`
	// Resolved maps each phrase the candidate rests on that refers to an
	// entity without naming it ("the attack", "the group") to its id.
	Resolved map[string]string `json:"resolved,omitempty"`
}

// SourceDoc is a stored source with its text and what ingest found in it.
type SourceDoc struct {
	Source      Node        `json:"source"`
	Text        string      `json:"text"`
	Mentions    []Mention   `json:"mentions"`
	NewEntities []NewEntity `json:"newEntities"`
	Candidates  []Candidate `json:"candidates"`
}

// Analysis is what ingest finds in a text.
type Analysis struct {
	Mentions    []Mention
	NewEntities []NewEntity
	Candidates  []Candidate
}

// SourceInput is an article to ingest.
type SourceInput struct {
	Title       string `json:"title"`
	URL         string `json:"url"`
	Publisher   string `json:"publisher"`
	PublishedOn string `json:"publishedOn"`
	Language    string `json:"language"`
	Text        string `json:"text"`
	// Marking is the article's TLP marking ("": ACTORGRAPH_DEFAULT_MARKING);
	// the edges accepted from it are marked at least as strictly.
	Marking Marking `json:"marking,omitempty"`
}

// MaxSourceText bounds an ingested text (code points).
const MaxSourceText = 2_000_000

// Validate checks an article before it is stored: text present, UTF-8, not
// binary, not too long; date and URL well formed.
func (in *SourceInput) Validate() error {
	var p []Problem
	switch {
	case !utf8.ValidString(in.Text):
		p = append(p, Problem{Field: "text", Reason: "not valid UTF-8; send the text as UTF-8"})
	case strings.TrimSpace(in.Text) == "":
		p = append(p, Problem{Field: "text", Reason: "empty or only whitespace; send the article's text"})
	case strings.ContainsRune(in.Text, 0) || controlShare(in.Text) > 0.01:
		p = append(p, Problem{Field: "text", Reason: "looks binary (NUL or control bytes); send plain text or HTML"})
	case utf8.RuneCountInString(in.Text) > MaxSourceText:
		p = append(p, Problem{Field: "text", Reason: "longer than " + itoa(MaxSourceText) + " characters; split the article"})
	}
	for _, f := range []struct{ name, v string }{{"title", in.Title}, {"url", in.URL}, {"publisher",
		in.Publisher}, {"language", in.Language}} {
		p = append(p, checkText(f.name, f.v, MaxNameLen, false)...)
	}
	if in.URL != "" && utf8.ValidString(in.URL) {
		if why := CheckURL(in.URL); why != "" {
			p = append(p, Problem{Field: "url", Value: in.URL, Reason: why})
		}
	}
	if in.PublishedOn != "" && !ValidDate(in.PublishedOn) {
		p = append(p, Problem{Field: "publishedOn", Value: in.PublishedOn, Reason: "not a date; want YYYY-MM-DD"})
	}
	if in.Marking != "" {
		if m, err := ParseMarking(string(in.Marking)); err != nil {
			p = append(p, Problem{Field: "marking", Value: string(in.Marking),
				Reason: "not a TLP 2.0 marking; want one of clear, green, amber, amber+strict, red"})
		} else {
			in.Marking = m
		}
	}
	if len(p) > 0 {
		return &ValidationError{Problems: p}
	}
	return nil
}

func controlShare(s string) float64 {
	n, bad := 0, 0
	for _, r := range s {
		n++
		if r < 0x20 && r != '\n' && r != '\r' && r != '\t' || r == 0x7f || r == utf8.RuneError {
			bad++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(bad) / float64(n)
}

// SourceID is the id a source with this title and text gets: a slug of the
// title and the start of the text's hash, so two articles never share one.
func SourceID(title, sha string) string {
	slug := Slug(title, 60)
	if slug == "" {
		return "source:sha-" + sha[:16]
	}
	return "source:" + slug + "-" + sha[:8]
}

// Slug lower-cases s and keeps letters and digits of ASCII, joined by '-',
// at most max bytes.
func Slug(s string, max int) string {
	var b strings.Builder
	dash := false
loop:
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
		if b.Len() >= max {
			break loop
		}
	}
	return strings.TrimRight(b.String(), "-")
}

// CandidateOverride is what a reviewer may change when accepting a candidate.
type CandidateOverride struct {
	Type        string                     `json:"type"`
	From        string                     `json:"from"`
	To          string                     `json:"to"`
	Stance      string                     `json:"stance"`
	Confidence  *int                       `json:"confidence"`
	ValidFrom   string                     `json:"validFrom"`
	ValidTo     string                     `json:"validTo"`
	NewEntities map[string]NewEntityDetail `json:"newEntities"`
}

// NewEntityDetail names and kinds a new entity an accepted candidate creates.
type NewEntityDetail struct {
	Kind    string   `json:"kind"`
	Name    string   `json:"name"`
	Aliases []string `json:"aliases"`
}

// Change is one recorded write to an entity or edge.
type Change struct {
	At        string         `json:"at"`
	Key       string         `json:"key"`
	Action    string         `json:"action"`
	Target    string         `json:"target,omitempty"`
	Before    map[string]any `json:"before"`
	After     map[string]any `json:"after"`
	Candidate *string        `json:"candidate"`
	Source    *string        `json:"source"`
	Reason    string         `json:"reason,omitempty"`
}

// NamedEntity is an entity as the ingest matcher knows it: its names, a
// Nationality's or State's demonym, an Event's date and the places it
// occurred in (OCCURRED_IN), and a State's Nationality (NATIONALITY_OF).
type NamedEntity struct {
	ID          string
	Kind        Kind
	Name        string
	Aliases     []string
	Demonym     string
	Places      []string
	Date        string
	Nationality string
}

// CandidateQuery selects candidates for review.
type CandidateQuery struct {
	Source string
	Status string
	Limit  int
}

type keyCtx struct{}

// WithKey returns a context that carries the name of the API key a write is
// made with, for the history of what it changes.
func WithKey(ctx context.Context, name string) context.Context {
	return context.WithValue(ctx, keyCtx{}, name)
}

// KeyOf is the key name WithKey put in ctx ("" when none).
func KeyOf(ctx context.Context) string {
	s, _ := ctx.Value(keyCtx{}).(string)
	return s
}

// LinkNamedEntities fills in what the edges tell the matcher about es: an
// Event's Places (where it OCCURRED_IN, with the places those lie in,
// LOCATED_IN three levels up: Crocus City Hall, Krasnogorsk, Moscow
// Oblast) and a State's Nationality (NATIONALITY_OF). Edges of other types,
// or whose ends are not in es, are ignored. The data-set reader and the
// store both build their entries with it, so they agree.
func LinkNamedEntities(es []NamedEntity, edges []Edge) {
	idx := make(map[string]int, len(es))
	for i, e := range es {
		idx[e.ID] = i
	}
	occurred := map[int][]string{}
	within := map[string][]string{}
	for _, ed := range edges {
		switch ed.Type {
		case "OCCURRED_IN":
			if i, ok := idx[ed.Source]; ok {
				occurred[i] = append(occurred[i], ed.Target)
			}
		case "LOCATED_IN":
			within[ed.Source] = append(within[ed.Source], ed.Target)
		case "NATIONALITY_OF":
			if i, ok := idx[ed.Target]; ok {
				es[i].Nationality = ed.Source
			}
		}
	}
	for i, places := range occurred {
		es[i].Places = enclosing(places, within)
	}
}

// enclosing is places with the places they lie in, three levels up, each
// once, nearest first.
func enclosing(places []string, within map[string][]string) []string {
	seen := map[string]bool{}
	out := []string{}
	level := places
	for depth := 0; depth < 4 && len(level) > 0; depth++ {
		var next []string
		for _, p := range level {
			if !seen[p] {
				seen[p] = true
				out = append(out, p)
				next = append(next, within[p]...)
			}
		}
		level = next
	}
	return out
}
