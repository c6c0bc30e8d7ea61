package ingest

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/actorgraph/actorgraph/graph"
)

// sceneEvent is the article's event as the subject of a violent verb in a
// sentence that names no other event ("gunmen opened fire at ...").
func (d *doc) sceneEvent(s *sentence, h cueHit) *mention {
	if d == nil || d.main == nil || !attackerSubject(s, h) || d.otherEventIn(s) || d.otherTime(s) {
		return nil
	}
	// "shot dead by police", "was shot by an officer": the attacker suffered it.
	if after := lower(s.text, h.end, h.end+14); hasAny(" "+after, " by ", " dead", " down") {
		return nil
	}
	for _, m := range s.mentions {
		if m.kind == graph.Event && m.ref == "" && (len(m.ids) != 1 || m.ids[0] != d.main.ids[0]) {
			return nil // the sentence speaks of another event
		}
	}
	m := *d.main
	m.ref = string(s.text[h.start:h.end])
	return &m
}

// attackerSubject reports whether the clause before a violent verb has an
// attacker or the attack itself as its subject ("gunmen opened fire", "a
// bomb exploded", "IS-K fighters stormed"), not police or a bystander.
func attackerSubject(s *sentence, h cueHit) bool {
	lo := max(s.span.Start, h.start-60)
	pre := lower(s.text, lo, h.start)
	if i := strings.LastIndexAny(pre, ",;:"); i >= 0 && len(pre)-i < 45 && strings.Count(pre, ",") == 1 &&
		hasAny(pre[i:], " who ", " which ") {
		pre = pre[:i] // "the bomber, who ...": the subject is before the comma
	}
	if anyWord(pre, attackerWords) != "" {
		return true
	}
	for _, m := range s.mentions {
		if m.End <= h.start && m.Start >= lo && (m.kind == graph.Attacker || m.kind == graph.Group || m.kind == graph.Event) {
			return true
		}
	}
	return false
}

var attackerWords = []string{"gunman", "gunmen", "attacker", "attackers", "bomber", "bombers", "militant", "militants",
	"assailant",
	"assailants", "fighters", "insurgents", "terrorists", "jihadists", "suicide", "bomb", "bombs", "explosion", "explosions", "blast",
	"blasts", "device", "devices", "truck", "van", "car", "vehicle", "lorry", "attack", "attacks", "assault", "shooter", "shooters",
	"hijackers", "kidnappers", "rebels", "extremists", "perpetrators", "man", "men", "stabbing", "bombing", "bombings"}

// implicitObject is the article's event as the object of a cue with
// nothing after it in its clause ("said ISIS-K was responsible.").
func (d *doc) implicitObject(s *sentence, h cueHit, kinds []graph.Kind) *mention {
	if d == nil || d.main == nil || !hasKind(kinds, graph.Event) {
		return nil
	}
	rest := strings.TrimSpace(string(s.text[h.end:min(s.span.End, h.end+12)]))
	if rest != "" && !strings.ContainsAny(rest[:1], ".,;:\"”") && !strings.HasPrefix(rest, "and ") {
		return nil
	}
	m := *d.main
	m.ref = string(s.text[h.start:h.end])
	return &m
}

// placesOf are the places after pos linked to it by in, at, near, outside,
// on or inside, one after the other ("at Crocus City Hall in Krasnogorsk").
func (g *Gazetteer) placesOf(s *sentence, pos int, kinds []graph.Kind) []*mention {
	var out []*mention
	for i := range s.mentions {
		m := &s.mentions[i]
		if m.Start < pos {
			continue
		}
		if m.Start-pos > 80 || len(out) == 2 {
			break
		}
		between := " " + lower(s.text, pos, m.Start)
		if strings.ContainsAny(between, ".;") {
			break
		}
		linked := hasAny(between, " in ", " at ", " near ", " outside ", " on ", " inside ", " into ", " through ")
		// A direct object: "struck the Stade de France, several cafés and the Bataclan".
		// "Quetta's Civil Hospital": the second place lies in the first.
		owned := len(out) > 0 && (strings.TrimSpace(between) == "'s" || strings.TrimSpace(between) == "’s")
		object := len(out) == 0 && m.Start-pos < 30 || len(out) > 0 && hasAny(between+" ", ", ", " and ") || owned
		if len(out) > 0 && m.Start-pos > 25 {
			break // a second place follows the first closely ("at X in Y"), or is another matter
		}
		if len(out) > 0 && strings.HasSuffix(between, ", ") && !clauseEnds(s.text, m.End) {
			break // "stormed the Holey Artisan Bakery, Bangladesh is ...": a new clause
		}
		if !placeKind(m.kind) || !linked && !object || m.kind == graph.State &&
			(peopleNoun(wordAfter(s.text, m.End)) || demonym(m)) ||
			compoundModifier.MatchString(string(s.text[m.End:min(len(s.text), m.End+14)])) {
			continue // "kills 13 U.S. troops", "an attack on British people": the state names people, not a place
		}
		if m.eventCue = false; g.fits(m, kinds, s.date) {
			out = append(out, m)
			pos = m.End
		}
	}
	return out
}

// commaPair reads "<place>, <place>" where the second contains the first
// ("Krasnogorsk, Moscow Oblast"), not a list ("Paris, Brussels and London").
func (g *Gazetteer) commaPair(s *sentence, h cueHit, fromKinds, toKinds []graph.Kind) ([]*mention, *mention) {
	var from, to *mention
	for i := range s.mentions {
		m := &s.mentions[i]
		if m.End <= h.start && h.start-m.End <= 1 {
			from = m
		}
		if m.Start >= h.end && m.Start-h.end <= 2 && to == nil {
			to = m
		}
	}
	if from == nil || to == nil || from.kind != graph.Location || dateline(s.text, from) {
		return nil, nil
	}
	after := lower(s.text, to.End, to.End+6)
	before := lower(s.text, from.Start-6, from.Start)
	if strings.HasPrefix(after, " and") || strings.HasSuffix(before, ", ") || !clauseEnds(s.text, to.End) {
		return nil, nil
	}
	from.eventCue, to.eventCue = false, false
	if !g.fits(from, fromKinds, s.date) || !g.fits(to, toKinds, s.date) {
		return nil, nil
	}
	return []*mention{from}, to
}

// attribution: a government or official saying who carried out an attack
// attributes it to them ("U.S. officials said ISIS-K was responsible").
func (g *Gazetteer) attribution(s *sentence, h cueHit, speaker, perp *mention, quoteStart int,
	meta Meta) []graph.Candidate {
	rt, _ := graph.LookupRel("ATTRIBUTED")
	spID, spName := g.end(speaker, rt.From, s.date)
	pID, pName := g.end(perp, rt.To, s.date)
	if spID == "" || pID == "" || spID == pID {
		return nil
	}
	return []graph.Candidate{{Source: meta.SourceID, Type: rt.Name, From: spID, To: pID, FromName: spName, ToName: pName,
		Stance: graph.Attributed, Confidence: confidence(graph.Attributed,
			meta.Reliability), Quote: string(s.text[quoteStart:s.span.End]),
		Start: quoteStart, End: s.span.End, Cue: string(s.text[h.start:h.end]), Status: graph.Pending, Resolved: resolved(speaker, perp)}}
}

// victimsOf are the nationalities and states counted among the victims: a
// number or quantity right before the mention ("13 U.S. service members",
// "two Britons", "dozens of Afghans") after the cue, or any before a cue
// such as "were among the dead".
func (g *Gazetteer) victimsOf(s *sentence, h cueHit, kinds []graph.Kind) []*mention {
	var out []*mention
	before := strings.HasPrefix(lower(s.text, h.start, h.end), "among") ||
		strings.HasPrefix(lower(s.text, h.start, h.end), "were")
	for i := range s.mentions {
		m := &s.mentions[i]
		if m.kind != graph.Nationality && m.kind != graph.State {
			continue
		}
		if before && (m.End > h.start || h.start-m.End > 60) || !before && (m.Start < h.end || m.Start-h.end > 90) {
			continue
		}
		if !before && !counted(s.text, m.Start) {
			continue
		}
		if strings.HasPrefix(lower(s.text, m.End, m.End+12), " forces") ||
			strings.HasPrefix(lower(s.text, m.End, m.End+12), " police") {
			continue
		}
		if m.eventCue = false; g.fits(m, kinds, s.date) {
			out = append(out, m)
		}
	}
	return out
}

// counted reports whether a number or quantity word stands right before pos.
func counted(text []rune, pos int) bool {
	ws := strings.Fields(lower(text, pos-24, pos))
	for i := len(ws) - 1; i >= 0 && i >= len(ws)-3; i-- {
		w := strings.Trim(ws[i], ",.")
		if strings.IndexFunc(w, func(r rune) bool { return r >= '0' && r <= '9' }) >= 0 || numberWords[w] {
			return true
		}
	}
	return false
}

var numberWords = set("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
	"dozen",
	"dozens", "several", "scores", "hundreds", "many", "some", "most", "including", "among", "both", "thirteen", "fifteen", "twenty")

// possessed reads "<owner>'s <name>" and "its <name>": the owner (to) and
// the mention right after (from); "its" is resolved to the entity named
// before it.
func (g *Gazetteer) possessed(s *sentence, h cueHit, fromKinds, toKinds []graph.Kind) ([]*mention, *mention, int) {
	var from, owner *mention
	qs := s.span.Start
	for i := range s.mentions {
		m := &s.mentions[i]
		// Right after, or past one adjective ("Dhaka's upmarket Gulshan district").
		if m.Start >= h.end && from == nil &&
			(m.Start-h.end <= 2 || lowerWords(string(s.text[h.end:m.Start]), 1) && m.Start-h.end <= 14) {
			from = m
		}
		if m.End <= h.start && h.start-m.End <= 0 {
			owner = m
		}
	}
	if from == nil {
		return nil, nil, qs
	}
	if s.doc != nil && (owner == nil || strings.EqualFold(string(s.text[h.start:h.end]), "its")) {
		// "its Amaq news agency", "the group's Amaq news agency"
		owner, qs = g.resolveSubject(s.doc, s, h.start+len([]rune(strings.TrimSuffix(string(s.text[h.start:h.end]), "'s"))),
			toKinds)
	}
	if owner == nil {
		return nil, nil, qs
	}
	from.eventCue, owner.eventCue = false, false
	if !g.fits(from, fromKinds, s.date) || !g.fits(owner, toKinds, s.date) {
		return nil, nil, qs
	}
	return []*mention{from}, owner, qs
}

// clauseEnds reports whether what follows pos closes a place's apposition
// ("Kunduz, Afghanistan, on Friday", "in Kunduz, Afghanistan."), not a
// clause with the place as its subject ("..., Bangladesh is still arguing").
func clauseEnds(text []rune, pos int) bool {
	rest := lower(text, pos, pos+12)
	if rest == "" || strings.ContainsAny(rest[:1], ",.;:)\"”") {
		return true
	}
	for _, w := range []string{" on ", " in ", " at ", " last ", " this ", " earlier ", " late ", " early ", " and "} {
		if strings.HasPrefix(rest+" ", w) {
			return !strings.HasPrefix(rest, " and") || strings.HasPrefix(rest, " and ")
		}
	}
	return false
}

// namedMember: a group naming the bomber as its own makes him its member
// ("IS-K ... named the bomber as Abdul Rahman al-Logari").
func (g *Gazetteer) namedMember(s *sentence, h cueHit, bomber *mention, quoteStart int, meta Meta) []graph.Candidate {
	gs := g.before(s, h.start, window, []graph.Kind{graph.Group}, false, true)
	if len(gs) == 0 {
		return nil
	}
	grp := gs[0]
	if strings.HasSuffix(lower(s.text, max(s.span.Start, grp.Start-4), grp.Start), "its ") {
		// "its Amaq news agency said a bomber it identified as X": the
		// bomber is the owner's, not the news agency's.
		if s.doc == nil {
			return nil
		}
		owner, _ := g.resolveSubject(s.doc, s, grp.Start, []graph.Kind{graph.Group})
		if owner == nil || owner.kind != graph.Group {
			return nil
		}
		grp = owner
	}
	return g.candidate(s, "MEMBER_OF", bomber, grp, graph.Claimed, quoteStart, string(s.text[h.start:h.end]), meta)
}

// candidate is one proposal of type typ between two mentions, when their
// kinds fit the type.
func (g *Gazetteer) candidate(s *sentence, typ string, from, to *mention, st graph.Stance, quoteStart int, cue string,
	meta Meta) []graph.Candidate {
	rt, ok := graph.LookupRel(typ)
	if !ok {
		return nil
	}
	from.eventCue, to.eventCue = false, false
	fID, fName := g.end(from, rt.From, s.date)
	tID, tName := g.end(to, rt.To, s.date)
	if fID == "" || tID == "" || fID == tID {
		return nil
	}
	return []graph.Candidate{{Source: meta.SourceID, Type: typ, From: fID, To: tID, FromName: fName, ToName: tName,
		Stance:     st,
		Confidence: confidence(st, meta.Reliability), Quote: string(s.text[quoteStart:s.span.End]), Start: quoteStart, End: s.span.End,
		Cue: cue, Status: graph.Pending, Resolved: resolved(from, to)}}
}

// dateline reports whether a mention opens a line in capitals ("NICE,
// France, July 16 -"): where the report was filed, not a fact of the story.
func dateline(text []rune, m *mention) bool {
	if m.Start > 0 && text[m.Start-1] != '\n' {
		return false
	}
	for _, r := range text[m.Start:m.End] {
		if unicode.IsLower(r) {
			return false
		}
	}
	return true
}

// mediaClaims: an armed group's media arm (Amaq) named in a sentence that
// speaks of a claim, a statement or footage published the claim of the
// article's event.
func (g *Gazetteer) mediaClaims(text []rune, ms []mention, sents []Span, d *doc, c *collector) {
	if d == nil || d.main == nil {
		return
	}
	si := 0
	done := map[string]bool{}
	for i := range ms {
		m := &ms[i]
		for si < len(sents) && sents[si].End <= m.Start {
			si++
		}
		if si == len(sents) || m.kind != graph.Group || len(m.ids) != 1 || done[m.ids[0]] || !g.mediaArm(m.ids[0]) {
			continue
		}
		s := &sentence{span: sents[si], text: text, date: c.meta.Date}
		if d.otherEventIn(s) || anyWord(lower(text, s.span.Start, s.span.End), mediaWords) == "" {
			continue
		}
		ev := *d.main
		ev.ref = "(the article's event)"
		done[m.ids[0]] = true
		c.addAll(g.candidate(s, "PUBLISHED_CLAIM", m, &ev, graph.Claimed, s.span.Start, m.Text, c.meta))
		// The claimant it speaks for, named in the same sentence, is the
		// group it belongs to ("Islamic State claimed it through Amaq").
		for j := range ms {
			o := &ms[j]
			if o.kind == graph.Group && len(o.ids) == 1 && o.ids[0] != m.ids[0] && o.Start >= s.span.Start &&
				o.End <= s.span.End && !g.mediaArm(o.ids[0]) {
				c.addAll(g.candidate(s, "AFFILIATE_OF", m, o, graph.Reported, s.span.Start, m.Text, c.meta))
				break
			}
		}
	}
}

var mediaWords = []string{"claim", "claimed", "claims", "statement", "video", "footage", "photograph", "photographs",
	"photo", "photos", "published", "released", "carried", "said", "says", "message", "posted"}

// mediaArm: a group named as a news agency or media outlet ("Amaq News
// Agency", "al-Furqan Media").
func (g *Gazetteer) mediaArm(id string) bool {
	e, ok := g.Entry(id)
	if !ok {
		return false
	}
	for _, n := range append([]string{e.Name}, e.Aliases...) {
		for _, w := range strings.Fields(strings.ToLower(n)) {
			if w == "agency" || w == "media" || w == "news" || w == "amaq" || w == "foundation" {
				return true
			}
		}
	}
	return false
}

// attackersOf: a government or official saying the attackers belonged to a
// group attributes the attack to it ("Khan said the attackers belonged to
// Jamaat-ul-Mujahideen Bangladesh").
var attackersOf = regexp.MustCompile(`\bthe (?:attackers|gunmen|bombers|suspects|perpetrators|attacker|gunman|bomber|suspect|assailants?) (?:belonged to|were members of|was a member of|were from|had links to|had links with|were linked to|was linked to|were trained by|was trained by|had been trained by|were sent by|was sent by) (?:the )?$`)

func (g *Gazetteer) attackersAttribution(text []rune, ms []mention, sents []Span, d *doc, c *collector) {
	for _, sp := range sents {
		s := &sentence{span: sp, text: text, date: c.meta.Date}
		in := mentionsIn(ms, sp)
		for j := range in {
			grp := &in[j]
			if grp.kind != graph.Group || !attackersOf.MatchString(lower(text, max(sp.Start, grp.Start-60), grp.Start)) {
				continue
			}
			s.mentions = in[:j]
			if sp := g.speakerOf1(s, grp); sp != nil {
				c.addAll(g.candidate(s, "ATTRIBUTED", sp, grp, graph.Attributed, s.span.Start, "the attackers belonged to", c.meta))
			}
		}
	}
}

// peopleNouns are the nouns after a state's name that make it a demonym
// ("U.S. troops", "the U.S. embassy").
var peopleNouns = set("people", "troops", "soldiers", "citizens", "nationals", "personnel", "servicemen", "marines",
	"forces",
	"officials", "diplomats", "tourists", "civilians", "officers", "police", "army", "military", "embassy", "consulate")

func peopleNoun(w string) bool { return peopleNouns[strings.ToLower(w)] }

// leaderResponses: an official who speaks, by title, of the article's
// attack or its perpetrators responds to it ("Turkish President Recep Tayyip
// Erdogan said the attackers were trying to create chaos"; "\"We will hold
// accountable anyone who is behind this,\" Prime Minister Habib Essid told
// reporters").
func (g *Gazetteer) leaderResponses(text []rune, ms []mention, sents []Span, d *doc, c *collector) {
	if d == nil || d.main == nil {
		return
	}
	for _, sp := range sents {
		s := &sentence{span: sp, text: text, mentions: mentionsIn(ms, sp), date: c.meta.Date, doc: d}
		if !responseTopic.MatchString(lower(text, sp.Start, sp.End)) || d.otherEventIn(s) || d.otherTime(s) {
			continue
		}
		for j := range s.mentions {
			p := &s.mentions[j]
			if p.kind != graph.Person || len(p.ids) != 1 {
				continue
			}
			pre := strings.Fields(lower(text, max(sp.Start, p.Start-25), p.Start))
			if len(pre) == 0 || !officeTitles[strings.Trim(pre[len(pre)-1], ",")] {
				continue
			}
			spoke := anyWord(lower(text, p.End, min(sp.End, p.End+25)),
				[]string{"said", "says", "told", "vowed", "warned", "added"}) != "" ||
				len(pre) >= 2 && hasAny(" "+strings.Join(pre, " ")+" ", " said ", " says ", " told ")
			if !spoke {
				continue
			}
			ev := *d.main
			ev.ref = "(the article's event)"
			c.addAll(g.candidate(s, "RESPONDED_TO", p, &ev, graph.Reported, s.span.Start, p.Text, c.meta))
		}
	}
}

// officeTitles are the last words of the titles of a state's leaders.
var officeTitles = set("president", "minister", "premier", "chancellor", "king", "queen", "mayor", "governor",
	"secretary", "emir")

var responseTopic = regexp.MustCompile(`\b(the (attackers?|gunm[ae]n|bombers?|perpetrators|terrorists|killers|attacks?|bombings?|blasts?|massacre|assault|shooting)|those (behind|responsible)|behind this|this (attack|act))\b`)

// groupRoles: "X, a suspected IS-K member", "X was an IS-K recruiter", "the
// IS-linked gunman X": a person described by a group's role noun is its
// member; "suspected" or "alleged" makes it an allegation. ("IS-K militant
// X", the role right before the name, is the title frame's.)
func (g *Gazetteer) groupRoles(text []rune, all []mention, sents []Span, c *collector) {
	for _, sp := range sents {
		s := &sentence{span: sp, text: text, date: c.meta.Date}
		ms := mentionsIn(all, sp)
		for j := range ms {
			grp := &ms[j]
			if grp.kind != graph.Group || len(grp.ids) != 1 {
				continue
			}
			role := groupRole.FindString(strings.ToLower(string(text[grp.End:min(sp.End, grp.End+30)])))
			if role == "" {
				continue
			}
			var p *mention
			for k := j - 1; k >= 0 && ms[k].Start >= sp.Start; k-- {
				if copulaAppos.MatchString(lower(text, ms[k].End, grp.Start)) &&
					(ms[k].kind == graph.Person || ms[k].kind == graph.Attacker) {
					p = &ms[k]
				}
				break
			}
			if p == nil && strings.HasPrefix(role, "-") && j+1 < len(ms) && ms[j+1].Start-grp.End <= len([]rune(role))+1 &&
				(ms[j+1].kind == graph.Person || ms[j+1].kind == graph.Attacker) {
				p = &ms[j+1] // "the IS-linked gunman X"
			}
			if p == nil {
				continue
			}
			st := graph.Reported
			if hasAny(lower(text, max(sp.Start, grp.Start-20), grp.End+len([]rune(role))), "suspected", "alleged", "purported") {
				st = graph.Alleged
			} else if anyWord(lower(text, sp.Start, sp.End), speech) != "" {
				st = graph.Attributed // "police said X was an IS-K recruiter"
			}
			s.mentions = ms[j : j+1]
			c.addAll(g.candidate(s, "MEMBER_OF", p, grp, st, sp.Start, strings.TrimSpace(role), c.meta))
		}
	}
}

var groupRole = regexp.MustCompile(`^(-linked|-affiliated|-inspired)? ?(-linked leaders?|member|militant|fighter|operative|recruiter|commander|gunman|bomber|suicide bomber|cell leader|sympathi[sz]er)\b`)

// copulaAppos links a person to the description after it: ", a suspected ",
// " was an ", ", the former ".
var copulaAppos = regexp.MustCompile(`^(,| (is|was|had been|has been|became))( (a|an|the))?( (suspected|alleged|senior|former|known|veteran|self-styled|local|purported|top|key|prominent|leading|regional|high-ranking|notorious))? $`)

// precededBy: "The attack came a week after the bombing of X", "the
// attack followed the Y bombing": the other, earlier event preceded the
// article's.
func (g *Gazetteer) precededBy(text []rune, ms []mention, sents []Span, d *doc, c *collector) {
	if d == nil || d.main == nil || len(d.main.ids) != 1 {
		return
	}
	main, ok := g.Entry(d.main.ids[0])
	if !ok || main.Date == "" {
		return
	}
	for _, sp := range sents {
		low := strings.ToLower(string(text[sp.Start:sp.End]))
		loc := followsRe.FindStringIndex(low)
		if loc == nil {
			continue
		}
		after := sp.Start + len([]rune(low[:loc[1]]))
		s := &sentence{span: sp, text: text, date: c.meta.Date, doc: d}
		for j := range ms {
			m := &ms[j]
			if m.Start < after || m.End > sp.End || m.kind != graph.Event || len(m.ids) != 1 || m.ids[0] == main.ID {
				continue
			}
			if m.Start-after > 60 {
				break
			}
			e, ok := g.Entry(m.ids[0])
			if !ok || e.Date == "" || e.Date >= main.Date {
				continue
			}
			ev := *d.main
			ev.ref = "(the article's event)"
			c.addAll(g.candidate(s, "PRECEDED", m, &ev, graph.Reported, sp.Start, strings.TrimSpace(low[loc[0]:loc[1]]), c.meta))
			break
		}
	}
}

var followsRe = regexp.MustCompile(`\b(attack|bombing|blast|assault|shooting|massacre|it)s? (came|comes|followed|follows)\b([^.;]{0,40}?\bafter\b)?`)
