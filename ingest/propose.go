package ingest

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"github.com/actorgraph/actorgraph/graph"
)

// Meta is what ingest knows of the source besides its text.
type Meta struct {
	// SourceID names the source in candidate ids.
	SourceID string
	// Date (YYYY-MM-DD) picks the event meant by "the attack on <place>"
	// when several occurred there: the latest on or before it.
	Date string
	// Reliability of the source, 0-1; 0 means 0.75 (an ordinary outlet).
	Reliability float64
}

// Analyze finds the mentions, new-entity proposals and candidate edges of text.
func (g *Gazetteer) Analyze(text string, meta Meta) graph.Analysis {
	rs := []rune(text)
	f := fold(rs, true)
	ms, news := g.mentions(rs, f)
	ms = mergeMentions(ms, g.metonymMentions(rs, f, ms))
	sents := Sentences(rs)
	a := graph.Analysis{Mentions: make([]graph.Mention, 0, len(ms)), NewEntities: news, Candidates: []graph.Candidate{}}
	for _, m := range ms {
		if !m.seat {
			a.Mentions = append(a.Mentions, m.Mention)
		}
	}
	if a.NewEntities == nil {
		a.NewEntities = []graph.NewEntity{}
	}
	scene := g.eventScene(rs, ms, sents, meta)
	if scene.proposed != nil {
		a.NewEntities = append(a.NewEntities, *scene.proposed)
	}
	ms = mergeMentions(ms, scene.refs)
	c := collector{a: &a, meta: meta, seen: map[string]bool{}}
	trial, trialNew := g.trialEvent(rs, sents, ms, scene.main, meta)
	if trialNew != nil {
		a.NewEntities = append(a.NewEntities, *trialNew)
	}
	d := &doc{text: rs, ms: ms, sents: sents, main: scene.main, others: scene.others, trial: trial}
	if scene.main != nil {
		if e, ok := g.Entry(scene.main.ids[0]); ok {
			d.mainDate = e.Date
		} else if scene.proposed != nil {
			d.mainDate = scene.proposed.Date
		}
	}
	g.trialCandidates(rs, sents, trial, scene.main, &c)
	hits := findCues(rs, f)
	mi, hi := 0, 0
	for _, sp := range sents {
		for mi < len(ms) && ms[mi].Start < sp.Start {
			mi++
		}
		mj := mi
		for mj < len(ms) && ms[mj].End <= sp.End {
			mj++
		}
		for hi < len(hits) && hits[hi].start < sp.Start {
			hi++
		}
		hj := hi
		for hj < len(hits) && hits[hj].end <= sp.End {
			hj++
		}
		s := &sentence{span: sp, text: rs, mentions: ms[mi:mj], date: meta.Date, doc: d}
		g.sceneCandidates(s, scene, &c)
		if hj == hi {
			continue
		}
		sh := append([]cueHit(nil), hits[hi:hj]...)
		// Longer cues first, so "claimed responsibility for" wins over "claimed".
		sort.SliceStable(sh, func(i, j int) bool { return sh[i].end-sh[i].start > sh[j].end-sh[j].start })
		for _, h := range sh {
			if overlaps(s.mentions, h) {
				continue
			}
			for _, ri := range cues.rules[h.cue] {
				r := &rules[ri]
				if r.verbal && notAVerb(rs, h, r) && !appositionThat.MatchString(lower(rs, sp.Start, h.start)) {
					continue
				}
				for _, cand := range g.propose(s, h, r, meta) {
					c.add(cand)
				}
			}
		}
	}
	g.appositions(rs, ms, sents, scene.main, &c)
	g.mediaClaims(rs, ms, sents, d, &c)
	g.attackersAttribution(rs, ms, sents, d, &c)
	g.leaderResponses(rs, ms, sents, d, &c)
	g.groupRoles(rs, ms, sents, &c)
	g.precededBy(rs, ms, sents, d, &c)

	perpetratorsAreAttackers(&a, rs, sents)
	return a
}

var perpetratorContext = []string{"suspect", "suspects", "attacker", "attackers", "gunman", "gunmen", "bomber",
	"bombers",
	"assailant", "assailants", "ringleader", "cell", "accused", "convicted", "sentenced", "charged", "acquitted", "perpetrator",
	"perpetrators", "masterminded", "mastermind", "plotted", "blew himself up", "opened fire", "stabbed", "carried out the attack",
	"guilty", "suspected"}

// hasTitle reports whether a word of s is a title or role ("spokesman").
func hasTitle(s string) bool {
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if lex().titles.has(w) {
			return true
		}
	}
	return false
}

// afterName splits what follows a name in its sentence into its apposition
// (", a spokesman for the ministry,"; "" without one) and the first word
// after it, folded.
func afterName(text []rune, end, sentEnd int) (appos, verb string) {
	rest := lower(text, end, sentEnd)
	if strings.HasPrefix(rest, ", ") {
		if i := strings.Index(rest[2:], ","); i >= 0 && i < 80 {
			appos, rest = rest[2:2+i], rest[2+i+1:]
		}
	}
	if ws := strings.Fields(rest); len(ws) > 0 {
		verb = strings.Trim(ws[0], ",;:")
	}
	return appos, verb
}

// perpetratorsAreAttackers: a new person the text says carried out an
// attack is proposed as an Attacker ("The driver, X, ..." and "X opened
// fire" say more than "X, 31,").
func perpetratorsAreAttackers(a *graph.Analysis, text []rune, sents []Span) {
	perp := map[string]bool{}
	for _, c := range a.Candidates {
		if c.Type == "PERPETRATED" && strings.HasPrefix(c.From, "new:") {
			perp[c.From] = true
		}
	}
	// A new person named in a sentence about suspects, attackers or their
	// trial, without a title of office, is one of them.
	titled := map[string]bool{}
	si := 0
	for _, m := range a.Mentions {
		if m.NewEntity == nil {
			continue
		}
		for si < len(sents) && sents[si].End <= m.Start {
			si++
		}
		if si == len(sents) {
			break
		}
		if ws := strings.Fields(lower(text, m.Start-25, m.Start)); len(ws) > 0 && lex().titles.has(ws[len(ws)-1]) {
			titled[*m.NewEntity] = true
		}
		// "X, a spokesman for the ministry, said the attacker ...": the
		// speaker, or a name with an office, is not the attacker.
		if appos, verb := afterName(text, m.End, sents[si].End); hasTitle(appos) || lex().speech.has(verb) {
			titled[*m.NewEntity] = true
		}
		if anyWord(lower(text, sents[si].Start, sents[si].End), perpetratorContext) != "" {
			perp[*m.NewEntity] = perp[*m.NewEntity] || !titled[*m.NewEntity]
		}
	}
	for i := range a.NewEntities {
		if n := &a.NewEntities[i]; n.Kind == graph.Person && perp[n.Ref] {
			n.Kind = graph.Attacker
		}
	}
}

// collector numbers candidates and keeps one per type, ends and sentence.
type collector struct {
	a    *graph.Analysis
	meta Meta
	seen map[string]bool
}

func (c *collector) add(cand graph.Candidate) {
	k := cand.Type + "|" + cand.From + "|" + cand.To + "|" + fmt.Sprint(cand.Start)
	if c.seen[k] {
		return
	}
	c.seen[k] = true
	cand.ID = fmt.Sprintf("cand:%s-%d", candPrefix(c.meta.SourceID), len(c.a.Candidates)+1)
	c.a.Candidates = append(c.a.Candidates, cand)
}

// mergeMentions adds the reference mentions to ms, in text order.
func mergeMentions(ms, refs []mention) []mention {
	if len(refs) == 0 {
		return ms
	}
	out := append(append(make([]mention, 0, len(ms)+len(refs)), ms...), refs...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// notAVerb reports whether a verb cue stands where no verb of an active
// clause can: after an article ("the claim", "a plan") or, for a subject-
// first frame, after a form of "be" ("Abaaoud was killed").
func notAVerb(text []rune, h cueHit, r *rule) bool {
	prev := strings.Fields(lower(text, h.start-40, h.start))
	n := len(prev)
	if n == 0 {
		return false
	}
	last := prev[n-1]
	if eventLex.determiners[last] || strings.HasSuffix(last, "'s") || possessiveAt(text, h.start-3) {
		return true
	}
	if last == "to" && r.mode != passive {
		return true // an infinitive: "vowed to hunt down ... helped to carry out"
	}
	if after := lower(text, h.end, h.end+6); (r.mode == svo || r.mode == scene) && strings.HasPrefix(after, " dead") {
		return true // "was found shot dead", "shot dead by police": the victim
	}
	if n >= 2 && (prev[n-2] == "a" || prev[n-2] == "an" || prev[n-2] == "the") && strings.HasSuffix(last, "ed") {
		return true // "a planned visit"
	}
	if strings.HasSuffix(strings.TrimSpace(string(text[max(0, h.start-3):h.start])), ",") &&
		strings.HasSuffix(lower(text, h.start, h.end), "ed") && r.mode == svo && !r.patient {
		return true // ", blamed variously on": a participle, not the subject's verb
	}
	if r.mode != svo && r.mode != objectIn && r.mode != scene || r.patient ||
		strings.HasSuffix(lower(text, h.start, h.end), "ing") {
		return false // "was blaming it on" is active
	}
	for i := n - 1; i >= 0 && i >= n-3; i-- {
		w := prev[i]
		if beForms[w] {
			// "a lorry was driven into the crowd", "a bomb was detonated":
			// a weapon suffers the verb, the attack still happened there.
			return r.mode != scene || i == 0 || !weaponNouns[prev[i-1]]
		}
		if !strings.HasSuffix(w, "ly") && !adverbs[w] {
			return false
		}
	}
	return false
}

var weaponNouns = set("bomb", "bombs", "device", "devices", "explosives", "truck", "lorry", "van", "car", "vehicle",
	"grenade", "grenades")

var beForms = set("was", "were", "been", "being", "is", "are", "be")
var adverbs = set("also", "later", "not", "then", "never", "already", "subsequently", "reportedly", "allegedly",
	"since", "just", "all")

func candPrefix(sourceID string) string {
	s := strings.TrimPrefix(sourceID, "source:")
	if len(s) > 40 {
		s = s[len(s)-40:]
	}
	if s == "" {
		s = "text"
	}
	return s
}

// propose applies one rule at one cue of a sentence.
func (g *Gazetteer) propose(s *sentence, h cueHit, r *rule, meta Meta) []graph.Candidate {
	rt, ok := graph.LookupRel(r.typ)
	if !ok {
		return nil
	}
	var froms, tos []*mention
	var to *mention
	quoteStart := s.span.Start
	if r.needs != "" && !strings.Contains(lower(s.text, s.span.Start, s.span.End), r.needs) {
		return nil
	}
	gap := window
	if r.near > 0 {
		gap = r.near
	}
	switch r.mode {
	case svo:
		to = g.after(s, h.end, gap, rt.To, r)
		if rt.Name == "LOCATED_IN" && to != nil {
			// "the Reina nightclub in Istanbul's Ortakoy district": in the district.
			to = g.districtOf(s, to)
		}
		if to == nil {
			to = s.doc.objectIt(s, h.end, rt.To)
		}
		if to == nil {
			to = refInside(s, h, rt.To)
		}
		if to == nil && r.implicit {
			to = s.doc.implicitObject(s, h, rt.To)
		}
		if to == nil && r.trial && s.doc != nil && s.doc.trial != nil {
			m := *s.doc.trial
			m.ref = string(s.text[h.start:h.end])
			to = &m
		}
		if to == nil && r.main && s.doc != nil && s.doc.main != nil && hasKind(rt.To, graph.Event) && !s.doc.otherEventIn(s) {
			m := *s.doc.main
			m.ref = string(s.text[h.start:h.end])
			to = &m
		}
		if to != nil {
			froms, quoteStart = g.subject(s, h, gap, rt.From, r)
		}
	case passive:
		tos = g.before(s, h.start, gap, rt.To, r.multi, false)
		if len(tos) > 0 {
			to = tos[0]
		}
		if to == nil && r.main && s.doc != nil && s.doc.main != nil && hasKind(rt.To, graph.Event) && !s.doc.otherEventIn(s) {
			m := *s.doc.main // "the attackers belonged to X": the article's attack
			m.ref = string(s.text[h.start:h.end])
			to = &m
		}
		if f := g.after(s, h.end, gap, rt.From, r); f != nil {
			froms = []*mention{f}
		}
	case objectIn:
		if f := g.after(s, h.end, 3, rt.From, r); f != nil {
			froms = []*mention{f}
			to = g.afterPrep(s, f.End, rt.To)
		}
	case namedAs:
		// "named the bomber as X", or a cue that holds its "as" ("named him as X").
		if f := g.after(s, h.end, window, rt.From, r); f != nil && (strings.Contains(lower(s.text, h.end, f.Start), " as") ||
			strings.HasSuffix(lower(s.text, h.start, h.end), " as")) && (!r.perp || namesPerpetrator(s, h, f)) {
			froms = []*mention{f}
			if r.multi {
				froms = g.listFrom(s, f, rt.From) // "named as X and Y"
			}
			to = g.eventOf(s, rt.To)
			if to == nil && s.doc != nil && s.doc.main != nil && !s.doc.otherEventIn(s) {
				m := *s.doc.main // "officials have named him as X": the attacker of the article's event
				m.ref = string(s.text[h.start:h.end])
				to = &m
			}
		}
	case scene:
		if f := s.doc.sceneEvent(s, h); f != nil {
			froms = []*mention{f}
			tos = g.placesOf(s, h.end, rt.To)
			if len(tos) > 0 {
				to = tos[0]
			}
		}
	case victims:
		if s.doc != nil && s.doc.main != nil {
			ev := *s.doc.main
			ev.ref = string(s.text[h.start:h.end])
			froms = []*mention{&ev}
			tos = g.victimsOf(s, h, rt.To)
			if len(tos) > 0 {
				to = tos[0]
			}
		}
	case comma:
		froms, to = g.commaPair(s, h, rt.From, rt.To)
	case possessive:
		froms, to, quoteStart = g.possessed(s, h, rt.From, rt.To)
	case title:
		to = g.nearestBefore(s, h.start, 4, rt.To)
		if to == nil && s.doc != nil {
			// "the group's leader, Abu Bakr al-Baghdadi"
			if m, qs := g.resolveSubject(s.doc, s, h.start, rt.To); m != nil {
				to, quoteStart = m, qs
			}
		}
		if f := g.after(s, h.end, 2, rt.From, r); f != nil {
			froms = []*mention{f}
			if to == nil && rt.Name == "OFFICIAL_OF" && s.doc != nil && opensTitle(s.text, s.span.Start, h.start) &&
				!strings.Contains(lower(s.text, h.start, h.end), "spokes") { // groups have spokesmen too
				// "Prime Minister Theresa May" in a British story: the
				// state the text named last, a guess the stance marks.
				if to, quoteStart = s.doc.mainState(g, s); to != nil {
					to.ref = string(s.text[h.start:h.end])
				}
			}
		} else if to != nil && closesApposition(s.text, h.end) {
			// "Ruwan Wijewardene, Sri Lanka's defence minister, told":
			// the title follows the name it describes.
			if p := g.appositionHead(s, to.Start, rt.From); p != nil {
				froms = []*mention{p}
			}
		}
	case adjective:
		to = g.nearestBefore(s, h.start, 2, rt.To)
		if to == nil {
			to = g.nationalityOf(s, h.start, rt.To)
		}
		if to == nil {
			to = g.possessorBefore(s, h.start, rt.To)
		}
		if to != nil {
			froms = g.before(s, to.Start, 40, rt.From, r.multi, false)
			if len(froms) == 0 {
				gap := 3
				if knownAs.MatchString(lower(s.text, h.end, min(s.span.End, h.end+12))) {
					gap = 12 // "Islamic State's Afghan branch, known as IS-K"
				}
				if f := g.after(s, h.end, gap, rt.From, r); f != nil {
					froms = []*mention{f}
				}
			}
		}
	}
	if to != nil && len(froms) == 0 && rt.Name == "PERPETRATED" && r.mode == svo {
		return g.stateBehind(s, h, r, meta)
	}
	if to == nil || len(froms) == 0 {
		return nil
	}
	if rt.Name == "DENIED" && hasAny(" "+lower(s.text, h.start, h.end), " not ", " no ") {
		if sp := g.speakerOf1(s, froms[0]); sp != nil && sp.End <= froms[0].Start &&
			spokeBetween(s.text, sp.End, froms[0].Start) {
			return nil // "Putin said Ukraine was not involved": Putin's word, not Ukraine's denial
		}
	}
	stance, ok := g.stance(s, h, r, froms[0])
	if !ok {
		return nil
	}
	var speaker *mention
	if r.stance == "" && stance == graph.Attributed {
		speaker = g.speakerOf1(s, froms[0])
	}
	if len(tos) == 0 {
		tos = []*mention{to}
	}
	typ := rt.Name
	if typ == "PERPETRATED" && stance == graph.Claimed && froms[0].kind == graph.Group && r.mode != passive {
		typ = "CLAIMED_RESPONSIBILITY" // "the group said it carried out the attack" is its claim
	}
	if typ == "MEMBER_OF" && strings.HasPrefix(lower(s.text, h.start, h.end), "commander") &&
		strings.HasSuffix(lower(s.text, h.start-4, h.start), "the ") {
		typ = "LEADER_OF" // "X, the commander of the Syrian Democratic Forces": its head, not "a commander of"
	}
	if typ == "ACCUSED" && to != nil && to.kind == graph.Group &&
		(froms[0].kind == graph.State || froms[0].kind == graph.Person ||
			froms[0].kind == graph.Nationality) {
		// A government blaming a group for an attack attributes it; states
		// accuse states. "Kenyan officials blamed X": Kenya's government.
		typ, stance = "ATTRIBUTED", graph.Attributed
	}
	var out []graph.Candidate
	for _, pair := range pairs(froms, tos) {
		from, to := pair[0], pair[1]
		toID, toName := g.end(to, rt.To, s.date)
		fromID, fromName := g.end(from, rt.From, s.date)
		if fromID == "" || toID == "" || fromID == toID || g.otherYear(s, to, toID) {
			continue
		}
		out = append(out, graph.Candidate{Source: meta.SourceID, Type: typ, From: fromID, To: toID, FromName: fromName,
			ToName: toName,
			Stance: stance, Confidence: confidence(stance, meta.Reliability), Quote: string(s.text[quoteStart:s.span.End]),
			Start: quoteStart, End: s.span.End, Cue: string(s.text[h.start:h.end]), Status: graph.Pending,
			Resolved: resolved(from, to)})
		if speaker != nil && rt.Name == "PERPETRATED" {
			out = append(out, g.attribution(s, h, speaker, from, quoteStart, meta)...)
		}
		if r.mode == namedAs && stance == graph.Claimed {
			out = append(out, g.namedMember(s, h, from, quoteStart, meta)...)
		}
		if rt.Name == "DETAINED_AT" && r.patient {
			out = append(out, g.detainedBySpeaker(s, h, from, quoteStart, meta)...)
		}
	}
	return out
}

// detainedBySpeaker: "X was arrested in Y, the FSB said": the state whose
// agency tells of the arrest made it.
func (g *Gazetteer) detainedBySpeaker(s *sentence, h cueHit, held *mention, quoteStart int,
	meta Meta) []graph.Candidate {
	sp := g.speakerOf1(s, held)
	if sp == nil || sp.Start < h.end || demonym(sp) && !stateVoice(s.text, sp.End) {
		return nil
	}
	if id, _ := g.end(sp, []graph.Kind{graph.State}, s.date); id == "" {
		return nil
	}
	return g.candidate(s, "DETAINED", sp, held, graph.Reported, quoteStart, string(s.text[h.start:h.end]), meta)
}

// refInside is an event reference the cue itself holds ("called the
// attacks an act of war").
func refInside(s *sentence, h cueHit, kinds []graph.Kind) *mention {
	if !hasKind(kinds, graph.Event) {
		return nil
	}
	for i := range s.mentions {
		m := &s.mentions[i]
		if m.ref != "" && m.Start >= h.start && m.End <= h.end {
			return m
		}
	}
	return nil
}

// subject is the from end of a subject-first cue: a pronoun or role noun
// right before it resolved to what it stands for ("the group said it
// carried out"), else the nearest fitting mention before it. quoteStart is
// where the quote must begin to hold the mention.
func (g *Gazetteer) subject(s *sentence, h cueHit, gap int, kinds []graph.Kind, r *rule) ([]*mention, int) {
	if m := g.owner(s, h, kinds, r); m != nil {
		return []*mention{m}, s.span.Start
	}
	if r.near > 0 && r.near <= 2 {
		// "in Krasnogorsk, in western Russia": a tight cue's subject may
		// itself follow a preposition.
		if m := g.nearestBefore(s, h.start, r.near, kinds); m != nil {
			return []*mention{m}, s.span.Start
		}
	}
	if m, ok := g.antecedent(s, h, kinds); ok {
		// "X, which split from Y"; "X, a faction that broke away from Y";
		// "the car bombing ..., which killed 21 cadets": a thing did it.
		if m == nil || r.patient {
			return nil, s.span.Start
		}
		return []*mention{m}, s.span.Start
	}
	if s.doc != nil {
		if m, qs := g.resolveSubject(s.doc, s, h.start, kinds); m != nil {
			return []*mention{m}, qs
		}
	}
	froms := g.before(s, h.start, gap, kinds, true, true) // "A and B flew to": both
	if len(froms) > 0 && !speechActs[r.typ] && spokeBetween(s.text, froms[0].End, h.start) &&
		!parentheticalSpeech(lower(s.text, froms[0].End, h.start)) {
		return nil, s.span.Start // "Khan said the attackers belonged to": Khan is the speaker
	}
	return froms, s.span.Start
}

// antecedent is what a relative pronoun right before a cue stands for:
// the mention before ", which", ", who" or ", a faction that", when it
// fits kinds (nil when it does not). ok is false without such a pronoun.
func (g *Gazetteer) antecedent(s *sentence, h cueHit, kinds []graph.Kind) (m *mention, ok bool) {
	pos := h.start
	w, ws := lastWord(s.text, s.span.Start, pos)
	if relativeAux[w] {
		pos = ws
		w, ws = lastWord(s.text, s.span.Start, pos)
	}
	if w != "which" && w != "who" && w != "that" {
		return nil, false
	}
	pre := string(s.text[s.span.Start:ws])
	comma := strings.LastIndex(pre, ",")
	if comma < 0 {
		return nil, w == "which"
	}
	if tail := strings.TrimSpace(pre[comma+1:]); tail != "" {
		// ", a faction that": an apposition that the clause describes.
		f := strings.Fields(tail)
		if len(f) > 6 || f[0] != "a" && f[0] != "an" && f[0] != "the" {
			return nil, w == "which"
		}
	}
	end := s.span.Start + len([]rune(pre[:comma]))
	for i := len(s.mentions) - 1; i >= 0; i-- {
		c := &s.mentions[i]
		if c.End > end {
			continue
		}
		if c.End == end && g.fits(c, kinds, s.date) {
			return c, true
		}
		break
	}
	return nil, w == "which"
}

// appositionThat ends a clause's text before its verb with an apposition's
// relative "that" (", a faction that broke away"), not a determiner.
var appositionThat = regexp.MustCompile(`, (a|an|the)( [a-z-]+){1,5} that (had |has |have )?$`)

// relativeAux may stand between a relative pronoun and its verb.
var relativeAux = set("had", "has", "have", "later", "then", "also", "once", "first")

// districtOf is the district a place's possessive names right after it
// ("Istanbul's Ortakoy district"), else the place.
func (g *Gazetteer) districtOf(s *sentence, to *mention) *mention {
	for i := range s.mentions {
		m := &s.mentions[i]
		if m.Start <= to.End {
			continue
		}
		gp := string(s.text[to.End:m.Start])
		if (gp == "'s " || gp == "’s ") && districtNouns[wordAfter(s.text, m.End)] &&
			g.fits(m, []graph.Kind{graph.Location}, s.date) {
			return m
		}
		break
	}
	return to
}

var districtNouns = set("district", "neighbourhood", "neighborhood", "quarter", "suburb", "area", "borough")

// privateDemonym: "a Syrian woman detained over the blast" names a person
// of that people, not the state acting.
func privateDemonym(text []rune, m *mention, kinds []graph.Kind) bool {
	return hasKind(kinds, graph.State) && !hasKind(kinds, graph.Nationality) && demonym(m) &&
		personNouns[strings.ToLower(wordAfter(text, m.End))]
}

var personNouns = set("woman", "women", "man", "men", "national", "nationals", "citizen", "citizens", "student",
	"students",
	"worker", "workers", "tourist", "tourists", "couple", "teenager", "boy", "girl", "child", "children", "family",
	"families", "migrant", "migrants", "refugee", "refugees", "resident", "residents", "doctor", "driver", "suspect",
	"suspects", "gunman", "gunmen", "bomber", "attacker", "attackers", "journalist", "businessman", "engineer")

// owner is the possessor or adjective right before a noun cue, its
// subject wherever the phrase stands: "revenge for Kenya's military
// presence in Somalia", "punishment for Russian airstrikes in Syria".
func (g *Gazetteer) owner(s *sentence, h cueHit, kinds []graph.Kind, r *rule) *mention {
	if r.verbal || r.patient {
		return nil
	}
	for i := len(s.mentions) - 1; i >= 0; i-- {
		m := &s.mentions[i]
		if m.End > h.start {
			continue
		}
		switch string(s.text[m.End:h.start]) {
		case "'s ", "’s ", "' ", "’ ", " ":
			if g.fits(m, kinds, s.date) {
				return m
			}
		}
		return nil
	}
	return nil
}

// otherYear reports whether an event end that the sentence does not name
// (a place standing for the event there) is dated in a year the
// sentence contradicts ("killed 67 people at the Westgate mall in 2013").
func (g *Gazetteer) otherYear(s *sentence, to *mention, id string) bool {
	if to.kind == graph.Event {
		return false // named, or a reference whose own year was checked
	}
	e, ok := g.Entry(id)
	if !ok || e.Kind != graph.Event || len(e.Date) < 4 {
		return false
	}
	years := 0
	for _, t := range words(s.text[s.span.Start:s.span.End]) {
		if isYear(t.text) {
			if t.text == e.Date[:4] {
				return false
			}
			years++
		}
	}
	return years > 0
}

// speechActs are the types whose from end is who speaks.
var speechActs = set("ACCUSED", "DENIED", "ATTRIBUTED", "CRITICIZED", "WARNED_ABOUT", "RESPONDED_TO",
	"CLAIMED_RESPONSIBILITY",
	"PUBLISHED_CLAIM", "SPOKE_WITH", "DESIGNATED_TERRORIST")

// parentheticalSpeech: the only verb of speech between a subject and its
// verb is an aside in a relative clause ("an explosives expert who they
// said had belonged to the ELN"), not the subject speaking.
var parentheticalRe = regexp.MustCompile(`\b(who|whom|which|that) (they|he|she|police|officials|investigators|prosecutors) (said|say|says|believe|believed)\b`)

func parentheticalSpeech(between string) bool {
	rest := []rune(parentheticalRe.ReplaceAllString(between, ""))
	return parentheticalRe.MatchString(between) && !spokeBetween(rest, 0, len(rest))
}

// spokeBetween reports whether a verb of speech stands in text[a:b].
func spokeBetween(text []rune, a, b int) bool {
	return anyWord(lower(text, a, b),
		[]string{"said", "says", "told", "added", "stated", "announced", "confirmed", "saying"}) != ""
}

// afterPrep is the mention of kinds after "in", "at" or "near" that
// follows pos, past an apposition ("Hashem Abedi, his brother, in Tripoli").
func (g *Gazetteer) afterPrep(s *sentence, pos int, kinds []graph.Kind) *mention {
	for i := range s.mentions {
		m := &s.mentions[i]
		if m.Start < pos {
			continue
		}
		between := lower(s.text, pos, m.Start)
		if m.Start-pos > 60 || strings.ContainsAny(between, ".;") {
			return nil
		}
		if !(strings.HasSuffix(between, " in ") || strings.HasSuffix(between, " at ") ||
			strings.HasSuffix(between, " near ")) {
			continue
		}
		m.eventCue = false
		if g.fits(m, kinds, s.date) {
			return m
		}
		return nil
	}
	return nil
}

// eventOf is the event a sentence names: an Event mention, or a place where
// one event occurred when the sentence speaks of an attack.
func (g *Gazetteer) eventOf(s *sentence, kinds []graph.Kind) *mention {
	attack := anyWord(lower(s.text, s.span.Start, s.span.End),
		append(eventWords, "bomber", "gunman", "gunmen", "attacker")) != ""
	for _, want := range []bool{true, false} {
		for i := range s.mentions {
			m := &s.mentions[i]
			if (m.kind == graph.Event) != want {
				continue
			}
			m.eventCue = attack
			if g.fits(m, kinds, s.date) {
				return m
			}
		}
	}
	return nil
}

// end is the id and name a mention stands for at an end that takes kinds:
// the entity, the new-entity ref, a State's Nationality, or the event that
// occurred at a place ("the assault on Crocus City Hall").
func (g *Gazetteer) end(m *mention, kinds []graph.Kind, date string) (string, string) {
	if len(m.ids) != 1 {
		return "", ""
	}
	if m.seat && hasKind(kinds, graph.Location) {
		return "", ""
	}
	if hasKind(kinds, m.kind) {
		return m.ids[0], m.name
	}
	if st, ok := g.capitalState(m, kinds); ok {
		return st.ID, st.Name
	}
	if m.kind == graph.State && hasKind(kinds, graph.Nationality) {
		if n, ok := g.Entry(g.natOf[m.ids[0]]); ok {
			return n.ID, n.Name
		}
	}
	if m.kind == graph.Nationality && hasKind(kinds, graph.State) {
		if st, ok := g.Entry(g.stateOf[m.ids[0]]); ok {
			return st.ID, st.Name
		}
	}
	if ev, ok := g.eventAt(m, date); ok && hasKind(kinds, graph.Event) {
		return ev.ID, ev.Name
	}
	return "", ""
}

// fits reports whether a mention can stand at an end that takes kinds.
func (g *Gazetteer) fits(m *mention, kinds []graph.Kind, date string) bool {
	if m.kind == "" {
		return false
	}
	id, _ := g.end(m, kinds, date)
	return id != ""
}

func hasKind(ks []graph.Kind, k graph.Kind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

// eventAt is the event a place stands for when the words before it name an
// attack on it; when several occurred there, the latest on or before the
// source's date.
func (g *Gazetteer) eventAt(m *mention, date string) (Entry, bool) {
	if !m.eventCue || len(m.ids) != 1 {
		return Entry{}, false
	}
	evs := g.eventsAt[m.ids[0]]
	var best Entry
	found := false
	for _, i := range evs {
		e := g.entries[i]
		if date != "" && e.Date > date {
			continue
		}
		if !found || e.Date > best.Date {
			best, found = e, true
		}
	}
	return best, found && (len(evs) == 1 || best.Date != "")
}

// after is the nearest mention after pos within gap that fits kinds.
func (g *Gazetteer) after(s *sentence, pos, gap int, kinds []graph.Kind, r *rule) *mention {
	for i := range s.mentions {
		m := &s.mentions[i]
		if m.Start < pos {
			continue
		}
		start := m.Start
		if m.ref != "" && m.from >= pos && m.from < start {
			start = m.from // a reference's phrase: "claimed Thursday's suicide car bombing"
		}
		if start-pos > gap || strings.ContainsRune(string(s.text[pos:m.Start]), '\n') {
			return nil
		}
		if r.verbal && strings.Contains(string(s.text[pos:m.Start]), ",") &&
			anyWord(lower(s.text, m.End, m.End+12), speech) != "" {
			return nil // "detained 14 people in Austria, Nehammer said": the speaker is no object
		}
		if (r.typ == "OCCURRED_IN" || r.typ == "LOCATED_IN") && (m.kind == graph.State || m.kind == graph.Nationality) &&
			peopleNoun(wordAfter(s.text, m.End)) {
			return nil // "the deadliest attack on Indian forces": people, not a place
		}
		if compoundModifier.MatchString(string(s.text[m.End:min(len(s.text), m.End+14)])) {
			continue // "active in Indian-administered Kashmir": India modifies the place
		}
		if possessiveAt(s.text, m.End) && !g.fits(m, kinds, s.date) {
			continue // "a front for Pakistan's Lashkar-e-Taiba": whose, then what
		}
		m.eventCue = r.attack || eventWordBetween(s.text, pos, m.Start)
		if g.fits(m, kinds, s.date) {
			return m
		}
		if !r.verbal && m.ref == "" {
			return nil // "the chief minister of Balochistan": a noun's object is the name right after it
		}
	}
	return nil
}

// compoundModifier follows a name that modifies the noun after it.
var compoundModifier = regexp.MustCompile(`^-(administered|controlled|held|occupied|based|backed|led|linked|allied|aligned|funded|run) `)

// nearestBefore is the nearest mention ending within gap before pos that fits kinds.
func (g *Gazetteer) nearestBefore(s *sentence, pos, gap int, kinds []graph.Kind) *mention {
	for i := len(s.mentions) - 1; i >= 0; i-- {
		m := &s.mentions[i]
		if m.End > pos {
			continue
		}
		gp := s.text[m.End:pos]
		if strings.ContainsRune(string(gp), '\n') {
			return nil
		}
		if pos-m.End > gap && !(strings.HasPrefix(string(gp), "'s") && pos-m.End <= gap+2) &&
			!capitalAdjective.MatchString(string(gp)) {
			return nil
		}
		m.eventCue = false
		if g.fits(m, kinds, s.date) {
			return m
		}
		if m.kind == graph.Nationality && i > 0 && string(s.text[s.mentions[i-1].End:m.Start]) == " " {
			// "the Syrian Kurdish town of Kobani": a people's adjective
			// without a state of its own after the one that has one.
			if p := &s.mentions[i-1]; (p.kind == graph.Nationality || p.kind == graph.State) && g.fits(p, kinds, s.date) {
				return p
			}
		}
		return nil
	}
	return nil
}

// appositionHead is the mention an apposition starting at pos describes:
// the one ending right before it, past ", " or ", the " ("X, Russia's
// envoy", "X, the Russian envoy").
func (g *Gazetteer) appositionHead(s *sentence, pos int, kinds []graph.Kind) *mention {
	for i := len(s.mentions) - 1; i >= 0; i-- {
		m := &s.mentions[i]
		if m.End > pos {
			continue
		}
		if gap := lower(s.text, m.End, pos); gap != ", " && gap != ", the " {
			return nil
		}
		m.eventCue = false
		if g.fits(m, kinds, s.date) {
			return m
		}
		return nil
	}
	return nil
}

// closesApposition reports whether a comma or a closing bracket follows pos:
// the title ends an apposition ("X, Russia's envoy, said") and is not the
// subject of a verb ("X was arrested, France's interior minister said").
func closesApposition(text []rune, pos int) bool {
	return pos < len(text) && (text[pos] == ',' || text[pos] == ')')
}

// stateBehind: "Putin said Ukraine was behind the attack". A state cannot
// perpetrate an attack in the vocabulary; the speaker accuses it.
func (g *Gazetteer) stateBehind(s *sentence, h cueHit, r *rule, meta Meta) []graph.Candidate {
	if !hasAny(lower(s.text, h.start, h.end), "behind", "responsib", "a hand in", "masterm", "orchestrat") {
		return nil // "Philippine troops have killed X, Lorenzana said": no accusation
	}
	st := g.nearestBefore(s, h.start, 2, []graph.Kind{graph.State})
	if st == nil || demonym(st) {
		return nil
	}
	sp := g.speakerOf1(s, st)
	if sp == nil {
		return nil
	}
	if _, ok := g.stance(s, h, r, st); !ok {
		return nil // "Putin said Ukraine was not behind ..."
	}
	return g.candidate(s, "ACCUSED", sp, st, graph.Alleged, s.span.Start, string(s.text[h.start:h.end]), meta)
}

// partOf is a possessive's part of a group, standing as the subject:
// "'s Afghan affiliate", "'s local branch".
var partOf = regexp.MustCompile(`^['’]s (?:\pL+ ){0,2}(?:affiliate|branch|wing|offshoot|faction|franchise|arm|province|cell|chapter)s? *$`)

// possessorBefore is the owner of a noun cue past its adjective: "Islamic
// State's Afghan affiliate", "Islamic State's regional branch" (a demonym
// or one lower-case word between the possessive and the cue).
func (g *Gazetteer) possessorBefore(s *sentence, pos int, kinds []graph.Kind) *mention {
	i := len(s.mentions) - 1
	for i >= 0 && s.mentions[i].End > pos {
		i--
	}
	if i >= 0 && pos-s.mentions[i].End <= 1 && demonym(&s.mentions[i]) {
		pos = s.mentions[i].Start // "Afghan"
		i--
	}
	if i < 0 || !possessedAdjective.MatchString(string(s.text[s.mentions[i].End:pos])) {
		return nil
	}
	m := &s.mentions[i]
	m.eventCue = false
	if !g.fits(m, kinds, s.date) {
		return nil
	}
	return m
}

// possessedAdjective is what stands between a possessor and the noun or
// demonym it owns: "'s ", "'s regional ".
var possessedAdjective = regexp.MustCompile(`^['’]s( \p{Ll}+)? $`)

// knownAs opens the name an apposition gives: ", known as", " known as".
var knownAs = regexp.MustCompile(`^,? (known|also known) as `)

// capitalAdjective is one capitalised word between a demonym and its noun
// ("the Syrian Kurdish town of Kobani", "the Iraqi Defence Minister").
var capitalAdjective = regexp.MustCompile(`^ \p{Lu}\p{Ll}+ $`)

// before is the from end: the nearest fitting mention before pos, skipping
// an apposition (", an Islamic State affiliate,"), and with multi the whole
// list it stands in ("A, B and C").
// namesPerpetrator: between a bare naming verb and its "as" (at most six
// words) stands a perpetrator word ("identified two of the bombers as X"),
// or the verb is passive and its subject is one ("One of them was later
// identified as X" after a sentence about the gunmen).
func namesPerpetrator(s *sentence, h cueHit, f *mention) bool {
	if strings.HasSuffix(lower(s.text, h.start, h.end), " as") {
		// "a suicide bomber it identified as X": the perpetrator word
		// stands right before the relative clause.
		pre := strings.Fields(lower(s.text, max(s.span.Start, h.start-30), h.start))
		return anyWord(strings.Join(pre[max(0, len(pre)-3):], " "), perpetratorContext) != ""
	}
	mid := lower(s.text, h.end, f.Start)
	i := strings.Index(mid, " as ")
	if i < 0 || len(strings.Fields(mid[:i])) > 6 {
		return false
	}
	if between := mid[:i]; strings.TrimSpace(between) != "" {
		return anyWord(between, perpetratorContext) != "" ||
			anyWord(between, []string{"one of them", "both", "the brothers"}) != ""
	}
	pre := strings.Fields(lower(s.text, max(s.span.Start, h.start-50), h.start))
	if n := len(pre); n == 0 || !beForms[pre[n-1]] && (n < 2 || !beForms[pre[n-2]]) {
		return false
	}
	subj := strings.Join(pre, " ")
	return anyWord(subj, perpetratorContext) != "" ||
		anyWord(subj, []string{"one of them", "the second", "the third", "the other"}) != ""
}

// clauseSubject is the sentence's first mention when it opens the sentence
// (after at most a title or two: "Prime Minister Nawaz Sharif"), with no
// comma or clause before it; nil otherwise.
func clauseSubject(s *sentence) *mention {
	if len(s.mentions) == 0 {
		return nil
	}
	m := &s.mentions[0]
	pre := string(s.text[s.span.Start:m.Start])
	if strings.ContainsAny(pre, ",;:\"") || len(strings.Fields(pre)) > 3 {
		return nil
	}
	for _, w := range strings.Fields(pre) {
		if !lex().titles.has(w) && !lex().stopwords.has(w) {
			return nil
		}
	}
	return m
}

func (g *Gazetteer) before(s *sentence, pos, gap int, kinds []graph.Kind, multi, skipAppos bool) []*mention {
	limit := pos
	if skipAppos {
		pre := strings.TrimRight(string(s.text[s.span.Start:pos]), " ")
		for _, adv := range []string{" also", " later", " then", " too", " however", " meanwhile", " subsequently"} {
			pre = strings.TrimSuffix(pre, adv)
		}
		if strings.HasSuffix(pre, ",") {
			// The outermost apposition: "X, the commander of Y, of which Z is part, also rejected".
			if first := strings.Index(pre, ","); first > 0 && first < len(pre)-1 && describes(pre[first+1:]) {
				limit = s.span.Start + len([]rune(pre[:first]))
			}
		}
		// "Sharif cancelled a planned visit to the United Kingdom and
		// chaired a security meeting": the second verb's subject is the
		// clause's, named at the sentence's start.
		if strings.HasSuffix(pre, " and") && limit == pos {
			if m0 := clauseSubject(s); m0 != nil && m0.End < pos && (m0.kind == graph.Person || m0.kind == graph.Attacker) {
				limit = m0.End
			}
		}
		if strings.HasSuffix(pre, ",") && limit == pos {
			inner := strings.LastIndex(pre[:len(pre)-1], ",")
			// ", an Islamic State affiliate," describes the subject before it;
			// ", ISIS-K," names the one the words before it describe.
			if inner > 0 && describes(pre[inner+1:]) {
				limit = s.span.Start + len([]rune(pre[:inner]))
			}
		}
	}
	var out []*mention
	for i := len(s.mentions) - 1; i >= 0; i-- {
		m := &s.mentions[i]
		if m.End > limit {
			continue
		}
		if len(out) == 0 {
			if limit-m.End > gap && pos-m.End > gap || strings.ContainsRune(string(s.text[m.End:pos]), '\n') {
				break
			}
			m.eventCue = false
			fits := g.fits(m, kinds, s.date)
			if !fits && possessiveAt(s.text, m.End) {
				break // "Kenya's military presence in": Kenya is whose it is
			}
			if possessiveAt(s.text, m.End) && partOf.MatchString(lower(s.text, m.End, pos)) {
				break // "Islamic State's Afghan affiliate claimed": the affiliate did, unnamed
			}
			if !fits && pos-m.End <= 2 && len(m.ids) == 1 && !strings.HasPrefix(m.ids[0], "new:") &&
				!afterTimePrep(s.text, s.span.Start, m.Start) {
				// "after the attack pointed at": the object of a preposition is no subject
				break // "PKK denies any role": the subject right before the verb does not fit
			}
			if fits && !governed(s.text, s.span.Start, m.Start) && !privateDemonym(s.text, m, kinds) {
				out = append(out, m)
				if !multi {
					break
				}
			}
			continue
		}
		last := out[len(out)-1]
		between := strings.TrimSpace(string(s.text[m.End:last.Start]))
		if between != "," && between != "and" && between != ", and" && between != "&" &&
			!coordinatedAppos.MatchString(between) || !g.fits(m, kinds, s.date) {
			break
		}
		out = append(out, m)
	}
	return out
}

// coordinatedAppos is a second subject introduced by its role: "Nawaz
// Sharif and the army chief, General Raheel Sharif, both flew".
var coordinatedAppos = regexp.MustCompile(`^,? ?and the [a-z][a-z ]*,( [A-Z][a-z]+\.?)*$`)

// governed reports whether the mention at pos is the object of a
// preposition ("linked to al-Qaeda", "by Islamic State"), so no subject.
func governed(text []rune, lo, pos int) bool {
	ws := strings.Fields(lower(text, max(lo, pos-24), pos))
	if len(ws) == 0 {
		return false
	}
	n := len(ws)
	if n >= 2 && (ws[n-1] == "in" || ws[n-1] == "of") && agencyNouns[ws[n-2]] {
		return false // "police in Russia detained", "authorities of Tajikistan said": the state acts
	}
	return governors[ws[n-1]]
}

// afterTimePrep reports whether the mention at pos is the object of a
// preposition, or of one that opens an adverbial phrase ("after the
// attack", "since the bombing").
func afterTimePrep(text []rune, lo, pos int) bool {
	w, b := lastWord(text, lo, pos)
	if w == "the" || w == "a" || w == "an" || w == "this" || w == "that" || w == "its" {
		w, _ = lastWord(text, lo, b)
	}
	return timePreps[w] || governed(text, lo, pos)
}

var timePreps = set("after", "before", "since", "during", "following", "amid")

var agencyNouns = set("police", "authorities", "officials", "prosecutors", "investigators", "security", "forces",
	"troops", "government", "governments", "intelligence")

var governors = set("to", "by", "of", "with", "from", "for", "against", "about", "into", "toward", "towards", "than",
	"like", "via", "in", "near", "across", "inside", "outside", "throughout")

// describes reports whether an apposition is a description ("an Islamic
// State affiliate", "who leads it") rather than a name.
func describes(appos string) bool {
	w := strings.Fields(strings.ToLower(appos))
	if len(w) == 0 {
		return false
	}
	return eventLex.determiners[w[0]] || w[0] == "who" || w[0] == "which" || w[0] == "whose" || w[0] == "itself" ||
		w[0] == "one" || w[0] == "both" || w[0] == "all" || w[0] == "now" || w[0] == "then" || w[0] == "once" ||
		w[0] == "through" || w[0] == "via" || w[0] == "in" && len(w) > 1 && (w[1] == "a" || w[1] == "its" || w[1] == "an")
}

var eventWords = []string{"attack", "assault", "bombing", "shooting", "massacre", "siege", "raid", "attacks",
	"bombings", "carnage", "atrocity"}

func eventWordBetween(text []rune, a, b int) bool {
	if b-a > 40 || b < a {
		return false
	}
	return anyWord(lower(text, a, b), eventWords) != "" || anyWord(lower(text, a-30, a), eventWords) != ""
}

// nationalityOf handles "a Tajik national" where "Tajik" is a state's
// demonym: the state's mention right before the cue.
func (g *Gazetteer) nationalityOf(s *sentence, pos int, kinds []graph.Kind) *mention {
	return nil
}

// stance decides the candidate's stance from the cue, who speaks and the
// words around it; ok is false when the sentence negates or hedges a claim.
func (g *Gazetteer) stance(s *sentence, h cueHit, r *rule, from *mention) (graph.Stance, bool) {
	pre := clauseTail(lower(s.text, max(s.span.Start, h.start-50), h.start))
	sent := lower(s.text, s.span.Start, s.span.End)
	cue := lower(s.text, h.start, h.end)
	// A relation inside a noun phrase ("Baisaran, near the town of
	// Pahalgam", "Russian President X") is no clause's: a negated verb
	// before it ("does not settle who planned the killings in") leaves it.
	phrase := (r.near > 0 && r.near <= 2) || r.mode == title || r.mode == comma || r.mode == possessive
	if r.typ != "DENIED" && !phrase {
		if anyWord(pre, negators) != "" || strings.HasPrefix(cue, "no ") {
			return "", false
		}
	}
	hedged := anyWord(pre, hedges) != "" && !onlyMonthMay(s.text, max(s.span.Start, h.start-50), h.start) ||
		anyWord(cue, hedges) != "" // "was probably behind": the hedge inside the cue
	// "the man suspected of killing four people at X": who did it is
	// hedged, not where it happened.
	if hedged && r.mode == scene && hasWord(pre, "suspected") &&
		anyWord(strings.ReplaceAll(pre, "suspected", ""), hedges) == "" {
		hedged = false
	}
	if hedged && r.stance == graph.Claimed {
		return "", false
	}
	st := r.stance
	if st == "" && from.speaker {
		st = graph.Claimed // the actor says it of itself
	}
	if st == "" && r.mode == namedAs {
		st = g.namerStance(s, h)
	}
	if st == "" {
		st = g.speakerStance(s, sent, from)
	}
	if hasAny(sent, "without evidence", "without providing evidence", "offered no evidence", "provided no evidence",
		"no evidence") && st != graph.Denied && st != graph.Claimed {
		st = graph.Alleged
	}
	if hedged && st != graph.Denied {
		st = graph.Alleged
	}
	return st, true
}

// clauseTail is what of pre belongs to the cue's clause: "No group claimed
// it, but suspicion fell on": the negation is the first clause's.
// A colon opens a clause of its own ("not contradictory: X's leader").
func clauseTail(pre string) string {
	for _, b := range []string{" but ", "; ", ": ", ", while ", ", whereas "} {
		if i := strings.LastIndex(pre, b); i >= 0 {
			pre = pre[i+len(b):]
		}
	}
	return pre
}

// onlyMonthMay reports whether the only hedge in text[a:b] is "May" the
// month or a name ("May 24", "Theresa May"), written capitalised.
func onlyMonthMay(text []rune, a, b int) bool {
	low := lower(text, a, b)
	for _, h := range hedges {
		if h != "may" && hasWord(low, h) {
			return false
		}
	}
	return !strings.Contains(" "+strings.Map(keepLetters, string(text[a:b]))+" ", " may ")
}

func keepLetters(r rune) rune {
	if unicode.IsLetter(r) {
		return r
	}
	return ' '
}

func hasAny(s string, xs ...string) bool {
	for _, x := range xs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

var officials = []string{"investigators", "prosecutors", "officials", "authorities", "police", "government", "ministry",
	"investigative committee", "security service", "intelligence", "fsb", "fbi", "court", "judge", "the state department", "the kremlin"}
var speech = []string{"said", "says", "told", "announced", "stated", "according to", "confirmed", "reported",
	"concluded", "found", "believe", "believed",
	"described", "describes", "regards", "regarded"}

// speakerStance: the actor itself speaking claims; a government or
// investigators attribute; otherwise the source reports.
func (g *Gazetteer) speakerStance(s *sentence, sent string, from *mention) graph.Stance {
	if anyWord(sent, speech) == "" {
		return graph.Reported
	}
	if from.kind == graph.Group && strings.HasSuffix(lower(s.text, max(s.span.Start, from.Start-14), from.Start),
		"according to ") {
		return graph.Claimed // "According to IS-K, its fighters carried out the attack"
	}
	if sp := g.speakerOf1(s, from); sp != nil {
		if sp.kind == graph.Group {
			return graph.Claimed // "Al-Mourabitoun said it had carried out the assault together with AQIM"
		}
		return graph.Attributed
	}
	if anyWord(sent, officials) != "" {
		return graph.Attributed
	}
	if follow := lower(s.text, from.End, from.End+20); anyWord(follow, speech) != "" {
		return graph.Claimed
	}
	return graph.Reported
}

// namerStance: who names a perpetrator claims it when a group names its own
// ("IS-K claimed ... and named the bomber as X"), attributes it when a
// government, police or officials do; "" when the sentence does not say.
func (g *Gazetteer) namerStance(s *sentence, h cueHit) graph.Stance {
	if len(g.before(s, h.start, window, []graph.Kind{graph.Group}, false, true)) > 0 {
		return graph.Claimed
	}
	// "the group said two of its members, whom it named as X and Y, ...":
	// the group names its own.
	if pre := lower(s.text, s.span.Start, h.start); hasAny(pre, "the group said", "the group says", "its members",
		"its fighters") {
		return graph.Claimed
	}
	// "A statement on its Amaq news agency said a suicide bomber it
	// identified as X": the group's own statement names its bomber.
	if pre := lower(s.text, s.span.Start, h.start); hasAny(pre, "statement", "news agency", "propaganda") {
		for i := range s.mentions {
			if m := &s.mentions[i]; m.End <= h.start && m.kind == graph.Group {
				return graph.Claimed
			}
		}
	}
	// "The group named the bomber as X", "a suicide bomber it identified
	// as X" after a group's statement: the group names its own.
	if s.doc != nil {
		if m, _ := g.resolveSubject(s.doc, s, h.start, []graph.Kind{graph.Group}); m != nil && m.kind == graph.Group {
			return graph.Claimed
		}
	}
	if len(g.before(s, h.start, window, []graph.Kind{graph.State, graph.Person}, false, true)) > 0 ||
		anyWord(lower(s.text, s.span.Start, h.start), officials) != "" {
		return graph.Attributed
	}
	return ""
}

// listFrom is first and the mentions that follow it as a list ("X, Y and
// Z"), each of one of kinds.
func (g *Gazetteer) listFrom(s *sentence, first *mention, kinds []graph.Kind) []*mention {
	out := []*mention{first}
	last := first
	for i := range s.mentions {
		m := &s.mentions[i]
		if m.Start < last.End {
			continue
		}
		between := string(s.text[last.End:m.Start])
		if between != ", " && between != " and " && between != ", and " || !g.fits(m, kinds, s.date) {
			break
		}
		out = append(out, m)
		last = m
	}
	return out
}

// speakerOf1 is the State or Person the sentence quotes ("US officials
// said", "according to Putin"), other than from.
func (g *Gazetteer) speakerOf1(s *sentence, from *mention) *mention {
	for i := range s.mentions {
		m := &s.mentions[i]
		if m == from || len(m.ids) != 1 || m.ids[0] == from.ids[0] {
			continue
		}
		// "Afghan leaders said": a people's name before its state's
		// officials speaks for the state.
		voice := m.kind == graph.Nationality && stateVoice(s.text, m.End)
		if m.Start > from.End && hasAny(lower(s.text, from.End, m.Start), " but ", ";", " while ", " whereas ") {
			continue // "IS claimed it ..., but Afghan leaders said": another clause's speaker
		}
		if m.kind == graph.State || m.kind == graph.Person || voice {
			follow := lower(s.text, m.End, m.End+25)
			if anyWord(follow, speech) != "" || strings.HasSuffix(lower(s.text, m.Start-14, m.Start), "according to ") {
				return m
			}
		}
		// An armed group as the subject of a verb of speech, past its
		// apposition ("Al-Mourabitoun, the Saharan jihadist group led by
		// X, said it had ..."): the group speaks.
		if m.kind == graph.Group && m.Start-s.span.Start < 3 {
			if _, verb := afterName(s.text, m.End, s.span.End); lex().speech.has(verb) {
				return m
			}
		}
	}
	return nil
}

// confidence from the stance and the source's reliability.
func confidence(st graph.Stance, rel float64) int {
	base := map[graph.Stance]float64{graph.Claimed: 80, graph.Attributed: 70, graph.Reported: 65, graph.Denied: 60,
		graph.Alleged: 40}[st]
	if rel <= 0 || rel > 1 {
		rel = 0.75
	}
	return int(math.Round(base * (0.6 + 0.4*rel/0.75) * 0.9 / 0.9))
}

func pairs(froms, tos []*mention) [][2]*mention {
	var out [][2]*mention
	for _, f := range froms {
		for _, t := range tos {
			out = append(out, [2]*mention{f, t})
		}
	}
	return out
}

// overlaps reports whether a cue lies partly inside a mention ("attacks on"
// in "the Paris attacks on Saturday").
func overlaps(ms []mention, h cueHit) bool {
	for _, m := range ms {
		if len(m.ids) == 1 && strings.HasPrefix(m.ids[0], "new:") || m.ref != "" {
			continue // a cue outweighs a guessed proper noun ("Secretary of State") or holds a reference ("called the attacks")
		}
		if m.Start < h.end && h.start < m.End {
			return true
		}
	}
	return false
}
