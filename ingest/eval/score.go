package eval

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/ingest"
)

// analyzer is what is scored: the gazetteer, or a fixed answer in tests.
type analyzer interface {
	Analyze(text string, meta ingest.Meta) graph.Analysis
}

// Evaluate scores the ingest on dir (docs/eval-format.md): base plus
// dir/entities.json make the gazetteer, every NAME.txt with a
// NAME.gold.json is analysed with its publishedOn as the source's date and
// compared with its gold. A gold file that does not follow the format is a
// *GoldError naming the file and the field.
func Evaluate(base []ingest.Entry, dir string) (Report, error) {
	entries, arts, err := load(base, dir)
	if err != nil {
		return Report{}, err
	}
	return score(ingest.NewGazetteer(entries), entries, dir, arts), nil
}

// score analyses and scores every article.
func score(an analyzer, entries []ingest.Entry, dir string, arts []article) Report {
	r := Report{Dir: dir, Articles: len(arts), ByType: map[string]*TypeScore{}}
	names := map[string][]string{}
	for _, e := range entries {
		names[e.ID] = append([]string{e.Name}, e.Aliases...)
	}
	for _, a := range arts {
		s := scorer{r: &r, art: a, known: names}
		s.run(an)
	}
	for _, t := range r.ByType {
		t.finish()
	}
	return r
}

// scorer scores one article into a report.
type scorer struct {
	r     *Report
	art   article
	known map[string][]string // the names of each known id
	rs    []rune
	an    graph.Analysis
	news  map[string]graph.NewEntity // the analysis's new entities by ref
}

func (s *scorer) run(an analyzer) {
	s.rs = []rune(s.art.text)
	s.an = an.Analyze(s.art.text, ingest.Meta{SourceID: "source:eval-" + graph.Slug(s.art.name, 60),
		Date: s.art.gold.PublishedOn})
	s.news = make(map[string]graph.NewEntity, len(s.an.NewEntities))
	for _, ne := range s.an.NewEntities {
		s.news[ne.Ref] = ne
	}
	s.quotes()
	s.mentions()
	s.edges()
	s.newEntities()
}

func (s *scorer) note(edge, detail string, sentences ...string) {
	s.r.Notes = append(s.r.Notes, Finding{Article: s.art.name, Edge: edge, Detail: detail, Sentences: sentences})
}

// quotes counts candidates whose quote is not their span of the text, and
// positive proposals whose quote denies or hedges.
func (s *scorer) quotes() {
	for _, c := range s.an.Candidates {
		edge := c.Type + " " + c.From + " -> " + c.To
		if c.Start < 0 || c.End > len(s.rs) || c.Start > c.End || string(s.rs[c.Start:c.End]) != c.Quote {
			s.r.QuoteErrors++
			s.note(edge, fmt.Sprintf("quote error: the quote is not text[%d:%d]", c.Start, c.End), c.Quote)
		}
		if cue := hedged(c); cue != "" {
			s.r.DeniedButProposed++
			s.note(edge, fmt.Sprintf("denied but proposed: stance %s, the quote says %q", c.Stance, cue), c.Quote)
		}
	}
}

// hedges are the words that, in the sentence of a positive proposal, say it
// may not hold: a denial, a claim not made, a report not verified.
var hedges = []string{
	"denied", "denies", "deny", "not claimed", "no group has claimed", "has not claimed", "have not claimed",
	"did not claim", "not responsible", "could not be verified", "cannot be verified", "could not verify",
	"not independently verified", "unverified", "not confirmed", "unconfirmed",
}

// hedged returns the hedge in a positive proposal's quote, or "". Only the
// clause that holds the candidate's cue counts (clauses end at a sentence
// end or a semicolon): in "Turkey blames Kurdish militants for Istanbul
// bombing; PKK denies any role" the blame is not hedged, while in "the group
// claimed the attack, a claim that could not be verified" it is. When the cue
// is not in the quote, the whole quote counts.
func hedged(c graph.Candidate) string {
	if c.Type == "DENIED" || (c.Stance != graph.Claimed && c.Stance != graph.Attributed && c.Stance != graph.Reported) {
		return ""
	}
	// Words only, so "denied," and "Denied" are "denied".
	words := func(s string) string { return " " + strings.ReplaceAll(graph.Slug(s, len(s)+1), "-", " ") + " " }
	q := words(cueClause(c.Quote, c.Cue))
	for _, h := range hedges {
		if strings.Contains(q, " "+h+" ") {
			return h
		}
	}
	return ""
}

// cueClause returns the clause of quote that holds cue, or quote when cue is
// empty or not found.
func cueClause(quote, cue string) string {
	if cue == "" {
		return quote
	}
	lq := strings.ToLower(quote)
	i := strings.Index(lq, strings.ToLower(cue))
	if i < 0 {
		return quote
	}
	start, end := 0, len(quote)
	for j := i - 1; j >= 0; j-- {
		if clauseEnd(quote, j) {
			start = j + 1
			break
		}
	}
	for j := i + len(cue); j < len(quote); j++ {
		if clauseEnd(quote, j) {
			end = j + 1
			break
		}
	}
	return quote[start:end]
}

// clauseEnd says whether quote[j] ends a clause: a semicolon, or a full
// stop, question or exclamation mark followed by a space or a newline.
func clauseEnd(quote string, j int) bool {
	switch quote[j] {
	case ';', '\n':
		return true
	case '.', '?', '!':
		return j+1 == len(quote) || quote[j+1] == ' ' || quote[j+1] == '\n'
	}
	return false
}

// mentions scores mention linking: a gold mention is linked when a mention
// of the analysis has its entity and contains its text, folded.
func (s *scorer) mentions() {
	for _, g := range s.art.gold.Mentions {
		s.r.MentionRecall.Den++
		if s.linked(g.Text, g.Entity) {
			s.r.MentionRecall.Num++
			continue
		}
		s.note("", fmt.Sprintf("mention %q -> %s not linked", g.Text, g.Entity))
	}
}

func (s *scorer) linked(text, id string) bool {
	want := foldText(text)
	for _, m := range s.an.Mentions {
		if m.Entity != nil && *m.Entity == id && strings.Contains(foldText(m.Text), want) {
			return true
		}
	}
	return false
}

// endMatches reports whether a candidate's end is the gold end: the same
// id, or a new entity the gold new:<slug> or new:event stands for.
func (s *scorer) endMatches(gold, end string) bool {
	if gold == end {
		return true
	}
	ne, ok := s.news[end]
	if !ok || !strings.HasPrefix(gold, "new:") {
		return false
	}
	if gold == newEvent {
		return ne.Kind == graph.Event
	}
	return newRef(ne.Name) == gold
}

// foldText folds a name or a text for comparison: lower case, apostrophes
// dropped, every run of spaces, dashes and underscores one space, trimmed.
func foldText(s string) string {
	var b strings.Builder
	sep := false
	for _, r := range s {
		switch {
		case r == '\'' || r == '\u2019' || r == '\u2018' || r == '`' || r == '\u02bc':
			continue
		case unicode.IsSpace(r) || r == '_' || unicode.Is(unicode.Pd, r) || r == '\u2212':
			sep = true
			continue
		}
		if sep && b.Len() > 0 {
			b.WriteByte(' ')
		}
		sep = false
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}
