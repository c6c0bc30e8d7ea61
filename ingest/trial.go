package ingest

import (
	"regexp"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// A follow-up reports a court case about the attack: "X was sentenced to
// life", "found guilty of", "went on trial". The court case is an Event of
// its own: one of the graph's (a trial, verdict or hearing dated near the
// article) or one proposed new Event; the accused are PROSECUTED_IN it and
// it is the TRIAL_OF the article's attack.

var trialCue = regexp.MustCompile(`\b(?:sentenced|convicted|found guilty|acquitted|jailed for|went on trial|stood trial|go on trial|goes on trial|pleaded guilty|pleaded not guilty|were charged|was charged|has been charged|have been charged|indicted)\b`)

var trialWords = set("trial", "verdict", "sentencing", "hearing", "court", "judgment", "judgement", "retrial",
	"sentence", "case")

// trialEvent finds the court case a text reports, or proposes one; "" when
// the text reports none.
func (g *Gazetteer) trialEvent(text []rune, sents []Span, ms []mention, main *mention, meta Meta) (*mention,
	*graph.NewEntity) {
	// A story about a court case says so in its headline or lead; one
	// that mentions a conviction in passing is not one.
	lead := len(text)
	if len(sents) > 2 {
		lead = sents[2].End
	}
	if !trialCue.MatchString(strings.ToLower(string(text[:lead]))) {
		return nil, nil
	}
	pub, hasPub := day(meta.Date)
	for _, m := range ms {
		if m.kind == graph.Event && len(m.ids) == 1 && m.ref == "" && trialLike(g, m.ids[0]) {
			r := m
			return &r, nil
		}
	}
	for _, e := range g.entries {
		if e.Kind != graph.Event || !trialLike(g, e.ID) || !hasPub {
			continue
		}
		if ed, ok := day(e.Date); ok && pub.Sub(ed).Hours() >= -24 && pub.Sub(ed).Hours() <= 24*7 &&
			(main == nil || g.trialOf(e, main)) {
			return &mention{ids: []string{e.ID}, kind: graph.Event, name: e.Name}, nil
		}
	}
	name := "Court case"
	if main != nil {
		name = "Trial over the " + main.name
	}
	if meta.Date != "" {
		name += " (" + meta.Date + ")"
	}
	ne := &graph.NewEntity{Ref: "new:" + graph.Slug(name, 60), Name: name, Kind: graph.Event, Date: meta.Date}
	return &mention{ids: []string{ne.Ref}, kind: graph.Event, name: name}, ne
}

// trialLike: an event named as a court case.
func trialLike(g *Gazetteer, id string) bool {
	e, ok := g.Entry(id)
	if !ok {
		return false
	}
	for _, n := range append([]string{e.Name}, e.Aliases...) {
		for _, w := range strings.Fields(strings.ToLower(n)) {
			if trialWords[strings.Trim(w, ",.()")] {
				return true
			}
		}
	}
	return false
}

// trialOf: the graph's court case names the article's event ("Sentencing of
// the Crocus City Hall attackers").
func (g *Gazetteer) trialOf(e Entry, main *mention) bool {
	m, ok := g.Entry(main.ids[0])
	if !ok {
		return true
	}
	ws := wordSet([]rune(strings.ToLower(e.Name + " " + strings.Join(e.Aliases, " "))))
	for _, t := range words([]rune(m.Name)) {
		w := strings.ToLower(t.text)
		if len(w) > 3 && !eventLex.heads[w] && ws[w] {
			return true
		}
	}
	return false
}

// trialCandidates proposes the court case's TRIAL_OF the article's event,
// from the first sentence that reports the case.
func (g *Gazetteer) trialCandidates(text []rune, sents []Span, trial, main *mention, c *collector) {
	if trial == nil || main == nil || trial.ids[0] == main.ids[0] {
		return
	}
	for _, sp := range sents {
		if !trialCue.MatchString(strings.ToLower(string(text[sp.Start:sp.End]))) {
			continue
		}
		s := &sentence{span: sp, text: text, date: c.meta.Date}
		t, m := *trial, *main
		t.ref, m.ref = "(the court case)", "(the article's event)"
		c.addAll(g.candidate(s, "TRIAL_OF", &t, &m, graph.Reported, sp.Start, "", c.meta))
		return
	}
}
