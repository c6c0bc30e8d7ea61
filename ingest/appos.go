package ingest

import (
	"regexp"
	"sort"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// Appositions say what a name is: "Anis Amri, the Tunisian sought across
// Europe", "Mberesero, a Tanzanian,", "Isnilon Hapilon, the Abu Sayyaf
// commander", "the Algerian militant Mokhtar Belmokhtar", "Lahore, the
// capital of Punjab province", "Msaken, in eastern Tunisia". Each proposes
// the edge its words give, within one sentence.

// apposOpen is what opens a describing apposition after a name.
var apposOpen = regexp.MustCompile(`^\s*,\s+(?:a|an|the)\s+(?:[0-9]+-year-old\s+|[a-z]+-year-old\s+)?(?:dual\s+|former\s+|self-styled\s+|so-called\s+)?$`)

// roleTypes: the role noun after "<entity> " in an apposition and the type it gives.
var roleTypes = map[string]string{"commander": "MEMBER_OF", "member": "MEMBER_OF", "militant": "MEMBER_OF",
	"fighter":   "MEMBER_OF",
	"spokesman": "MEMBER_OF", "operative": "MEMBER_OF", "recruiter": "MEMBER_OF", "leader": "LEADER_OF", "chief": "LEADER_OF",
	"founder": "LEADER_OF", "emir": "LEADER_OF", "head": "LEADER_OF"}

func (g *Gazetteer) appositions(text []rune, ms []mention, sents []Span, main *mention, c *collector) {
	si := 0
	for i := range ms {
		m := &ms[i]
		for si < len(sents) && sents[si].End <= m.Start {
			si++
		}
		if si == len(sents) || len(m.ids) != 1 {
			continue
		}
		s := &sentence{span: sents[si], text: text, date: c.meta.Date}
		switch m.kind {
		case graph.Nationality, graph.State:
			g.nationalityAppos(s, ms, i, c)
		case graph.Group:
			g.roleAppos(s, ms, i, c)
		case graph.Location:
			g.placeAppos(s, ms, i, c)
		case graph.Attacker, graph.Person:
			s.mentions = mentionsIn(ms, sents[si])
			g.perpetratorAppos(s, m, main, c)
		}
	}
}

// mentionsIn is the run of ms (sorted by start) that lies inside sp.
func mentionsIn(ms []mention, sp Span) []mention {
	i := sort.Search(len(ms), func(k int) bool { return ms[k].Start >= sp.Start })
	j := i
	for j < len(ms) && ms[j].End <= sp.End {
		j++
	}
	return ms[i:j]
}

// nationalityAppos: "<person>, a 31-year-old Tunisian", "the Algerian
// militant Mokhtar Belmokhtar", "The truck's Polish driver, Lukasz Urban".
func (g *Gazetteer) nationalityAppos(s *sentence, ms []mention, i int, c *collector) {
	n := &ms[i]
	if n.End > s.span.End || !g.demonym(n) {
		return
	}
	if p := personBefore(s, ms, i); p != nil {
		c.addAll(g.candidate(s, "HAS_NATIONALITY", p, n, graph.Reported, s.span.Start, string(s.text[p.End:n.End]), c.meta))
		return
	}
	// After: up to three lower-case words, an optional comma, then the person.
	for j := i + 1; j < len(ms) && ms[j].Start-n.End <= 40 && ms[j].End <= s.span.End; j++ {
		p := &ms[j]
		gap := string(s.text[n.End:p.Start])
		if !roleWords(gap) {
			return
		}
		if p.kind == graph.Attacker || p.kind == graph.Person {
			c.addAll(g.candidate(s, "HAS_NATIONALITY", p, n, graph.Reported, s.span.Start, string(s.text[n.Start:p.End]),
				c.meta))
		}
		return
	}
}

// personBefore is the person an apposition holding ms[i] describes:
// "<person>, a[n]/the [N-year-old] [dual] <ms[i]>" (and "... <X> and <ms[i]>").
func personBefore(s *sentence, ms []mention, i int) *mention {
	for j := i - 1; j >= 0 && ms[i].Start-ms[j].End <= 50; j-- {
		p := &ms[j]
		if p.Start < s.span.Start {
			return nil
		}
		gap := string(s.text[p.End:ms[i].Start])
		if (p.kind == graph.Nationality || p.kind == graph.State) && strings.TrimSpace(gap) == "and" {
			continue // "a dual Austrian and North Macedonian citizen"
		}
		if (p.kind == graph.Attacker || p.kind == graph.Person) && apposOpen.MatchString(gap) {
			return p
		}
		if !(p.kind == graph.Nationality || p.kind == graph.State) {
			return nil
		}
	}
	return nil
}

// roleAppos: "<person>, the <group> commander" -> MEMBER_OF; "... leader"
// -> LEADER_OF.
func (g *Gazetteer) roleAppos(s *sentence, ms []mention, i int, c *collector) {
	grp := &ms[i]
	next := strings.Fields(lower(s.text, grp.End, grp.End+20))
	if len(next) == 0 {
		return
	}
	typ, ok := roleTypes[strings.Trim(next[0], ",.'")]
	if ok {
		if p := personBefore(s, ms, i); p != nil {
			c.addAll(g.candidate(s, typ, p, grp, graph.Reported, s.span.Start, string(s.text[p.End:grp.End]), c.meta))
		}
	}
	// "Amaq, the news agency linked to Islamic State"
	for j := i - 1; j >= 0 && grp.Start-ms[j].End <= 50; j-- {
		o := &ms[j]
		if o.kind != graph.Group {
			continue
		}
		if groupOf.MatchString(lower(s.text, o.End, grp.Start)) {
			c.addAll(g.candidate(s, "AFFILIATE_OF", o, grp, graph.Reported, s.span.Start,
				strings.TrimSpace(lower(s.text, o.End, grp.Start)), c.meta))
		}
		break
	}
	// "<person>, the commander of the <group>"
	for j := i - 1; j >= 0 && grp.Start-ms[j].End <= 40; j-- {
		p := &ms[j]
		if p.kind != graph.Attacker && p.kind != graph.Person {
			continue
		}
		if m := roleOf.FindStringSubmatch(lower(s.text, p.End, grp.Start)); m != nil {
			c.addAll(g.candidate(s, roleTypes[m[1]], p, grp, graph.Reported, s.span.Start, strings.TrimSpace(m[0]), c.meta))
		}
		return
	}
}

var groupOf = regexp.MustCompile(`^, (?:the|a|an) (?:[a-z-]+ )?(?:news agency|agency|media arm|mouthpiece|outlet|wing|branch|affiliate|faction|offshoot|franchise|province|arm|splinter group|cell) (?:linked to|of|affiliated with|close to|loyal to|tied to)(?: the)? $`)

var roleOf = regexp.MustCompile(`^, (?:the|a|an) (?:(?:former|top|senior|self-styled|overall|military|deputy) )?(commander|leader|chief|founder|head|emir|spokesman|member|militant|fighter|operative|recruiter) (?:of|in|for) (?:the )?(?:[a-z-]+ )?$`)

// placeAppos: "Lahore, the capital of Punjab province", "Msaken, in
// eastern Tunisia" -> LOCATED_IN.
func (g *Gazetteer) placeAppos(s *sentence, ms []mention, i int, c *collector) {
	pl := &ms[i]
	for j := i + 1; j < len(ms) && ms[j].Start-pl.End <= 40 && ms[j].End <= s.span.End; j++ {
		q := &ms[j]
		gap := lower(s.text, pl.End, q.Start)
		if placeApposGap.MatchString(gap) && placeKind(q.kind) {
			c.addAll(g.candidate(s, "LOCATED_IN", pl, q, graph.Reported, s.span.Start, string(s.text[pl.End:q.Start]), c.meta))
		}
		return
	}
}

var placeApposGap = regexp.MustCompile(`^, (?:the (?:capital|main city|largest city|provincial capital|capital city) of(?: the)?|in (?:the )?(?:(?:north|south|east|west|central|northern|southern|eastern|western|north-?eastern|north-?western|south-?eastern|south-?western) )?(?:part of )?) $`)

// lowerWords reports whether gap holds at most n lower-case words (and a
// comma), nothing else.
func lowerWords(gap string, n int) bool {
	ws := strings.Fields(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(gap), ",")))
	if len(ws) > n {
		return false
	}
	for _, w := range ws {
		if w == "" || w[0] < 'a' || w[0] > 'z' || w == "and" || w == "of" {
			return false
		}
	}
	return true
}

func (c *collector) addAll(cs []graph.Candidate) {
	for _, x := range cs {
		c.add(x)
	}
}

// perpRole matches the perpetrator's role around a name: "the gunman, X,",
// "the driver, X", "the bomber as X", "X, the suspected attacker".
var (
	perpBefore = regexp.MustCompile(`(?:^|\s)(?:the|a|an)\s+(?:(suspected|alleged|presumed|purported)\s+)?(?:lone\s+|suicide\s+|main\s+|second\s+|third\s+)?(attacker|gunman|bomber|driver|assailant|shooter|perpetrator|stabber|hijacker|ringleader)s?(?:,\s+|\s+as\s+|\s+)$`)
	perpAfter  = regexp.MustCompile(`^,\s+(?:the|a|an|one of the)\s+(?:[0-9]+-year-old\s+)?(?:(suspected|alleged|presumed|purported)\s+)?(?:lone\s+|suicide\s+|main\s+|two\s+)?(attacker|gunman|bomber|driver|assailant|shooter|perpetrator|stabber|hijacker|ringleader|attackers|gunmen|bombers)\b`)
	// "X, the suspect,", "the suspect, X,": a suspect is an alleged perpetrator.
	suspectAfter  = regexp.MustCompile(`^,\s+(?:the|a|one of the)\s+(?:main\s+|prime\s+|chief\s+)?suspects?\s*[,;.]`)
	suspectBefore = regexp.MustCompile(`(?:^|\s)the\s+(?:main\s+|prime\s+|chief\s+)?suspect,\s+$`)
	// "eight men it presented as the attackers, among them X": a list of
	// the perpetrators, named.
	perpAmong = regexp.MustCompile(`\b(?:as|were|are)\s+the\s+(?:attackers|gunmen|bombers|assailants|perpetrators),\s+(?:among them|including)\s+$`)
)

// The perpetrator identified or sought: "The gunman who killed 38 people
// ... has been identified as X", "Investigators identified X, a Belgian
// national, as the suspected ringleader", "X, the Tunisian sought across
// Europe over Monday's truck attack". Each match's first group is the
// hedge (alleged when set), as in perpBefore and perpAfter.
const perpRoles = `(?:attacker|gunman|bomber|driver|assailant|shooter|perpetrator|stabber|hijacker|ringleader|attackers|gunmen|bombers|assailants)`

var (
	perpSubject = regexp.MustCompile(`^(?:the|a|an)\s+(?:(suspected|alleged|presumed|purported)\s+)?(?:[a-z]+\s+)?` + perpRoles +
		`\b[^.;"]{0,160}?\s(?:has|have|had)?\s*(?:been|was|were|is|are)\s+(?:(?:officially|formally|now)\s+)?(?:identified|named)` +
		`(?:\s+by\s+[a-z ]{1,40})?\s+as\s+$`)
	perpObjectVerb = regexp.MustCompile(`\b(?:identified|named)\s+$`)
	perpObjectAs   = regexp.MustCompile(`^(?:,[^,;"]{1,60},)?\s+as\s+(?:the|a|an|one of the)\s+(?:(suspected|alleged|presumed|purported)\s+)?` +
		`(?:[a-z]+\s+)?` + perpRoles + `\b`)
	perpSought = regexp.MustCompile(`^,\s+(?:the|a|an)\s+(?:[0-9]+-year-old\s+)?(?:[a-z]+\s+){0,2}?(?:man|woman|suspect|militant|national|citizen|` +
		`[a-z]+ian|[a-z]+ese|[a-z]+ish|[a-z]+i)\s+(?:sought|wanted|suspected|accused)\s+(?:[a-z]+\s+){0,3}?(?:over|for|of|in connection with)\s+` +
		`(?:[a-z]+'s\s+|the\s+|last\s+[a-z]+'s\s+)?(?:[a-z-]+\s+){0,2}?(?:attack|attacks|bombing|bombings|shooting|massacre|assault|rampage|blasts?|explosions?)\b`)
)

func perpIdentified(pre, post string) []string {
	if m := perpSubject.FindStringSubmatch(pre); m != nil {
		return m
	}
	if perpObjectVerb.MatchString(pre) {
		if m := perpObjectAs.FindStringSubmatch(post); m != nil {
			return m
		}
	}
	if m := perpSought.FindStringSubmatch(post); m != nil {
		return []string{m[0], "alleged"}
	}
	return nil
}

// perpetratorAppos: a name given the perpetrator's role by apposition did
// the article's event ("The driver, Mohamed Lahouaiej-Bouhlel, ...");
// "suspected" makes it alleged.
func (g *Gazetteer) perpetratorAppos(s *sentence, p *mention, main *mention, c *collector) {
	if main == nil {
		return
	}
	pre := lower(s.text, max(s.span.Start, p.Start-40), p.Start)
	post := lower(s.text, p.End, min(s.span.End, p.End+50))
	m := perpBefore.FindStringSubmatch(pre)
	if m == nil {
		m = perpAfter.FindStringSubmatch(post)
		if m != nil && possessiveAt(s.text, p.End+len([]rune(m[0]))) {
			return // "Hashem Abedi, the bomber's younger brother"
		}
	}
	if m == nil {
		m = perpIdentified(lower(s.text, s.span.Start, p.Start), lower(s.text, p.End, min(s.span.End, p.End+140)))
	}
	if m == nil {
		if x := suspectAfter.FindString(post); x != "" {
			m = []string{strings.TrimRight(x, ",;."), "suspect"}
		} else if x := suspectBefore.FindString(pre); x != "" {
			m = []string{x, "suspect"}
		}
	}
	among := false
	if m == nil {
		if x := perpAmong.FindString(pre); x != "" {
			m, among = []string{x, ""}, true
		}
	}
	if m == nil || s.doc != nil && s.doc.otherEventIn(s) {
		return
	}
	st := graph.Reported
	if m[1] != "" {
		st = graph.Alleged
	}
	if m[1] == "suspect" && g.speakerStance(s, lower(s.text, s.span.Start, s.span.End), p) == graph.Attributed {
		st = graph.Attributed // "X, the suspect, ..., security officials said": their attribution
	}
	if among {
		if ns := g.namerStance(s, cueHit{start: p.Start, end: p.Start}); ns != "" {
			st = ns // "a picture of eight men it presented as the attackers": the group's claim
		}
	}
	ev := *main
	ev.ref = m[0]
	c.addAll(g.candidate(s, "PERPETRATED", p, &ev, st, s.span.Start, strings.TrimSpace(m[0]), c.meta))
}

// demonym reports whether a State or Nationality mention is written as a
// demonym ("Tunisian"), not as the state's name or a seat ("the State
// Department").
func (g *Gazetteer) demonym(m *mention) bool {
	if m.kind == graph.Nationality {
		return true
	}
	e, ok := g.Entry(m.ids[0])
	if !ok {
		return false
	}
	f := string(foldName(m.Text))
	for _, n := range append([]string{e.Name}, e.Aliases...) {
		if string(foldName(n)) == f {
			return false
		}
	}
	for _, mt := range metonyms {
		if string(mt.name) == f || "the "+f == string(mt.name) {
			return false
		}
	}
	return true
}

// roleWords: between a demonym and a name, only a role and its adjectives
// ("the Algerian militant X", "Polish driver, X", "a Malaysian former
// university lecturer").
func roleWords(gap string) bool {
	ws := strings.Fields(strings.TrimSuffix(strings.TrimSpace(gap), ","))
	if len(ws) == 0 || len(ws) > 3 || !roleNouns[ws[len(ws)-1]] {
		return false
	}
	for _, w := range ws[:len(ws)-1] {
		if !roleAdjectives[w] {
			return false
		}
	}
	return true
}

var roleNouns = set("driver", "militant", "national", "citizen", "man", "woman", "suspect", "attacker", "gunman",
	"bomber",
	"assailant", "student", "lecturer", "cleric", "imam", "preacher", "worker", "journalist", "tourist", "refugee", "migrant",
	"convert", "teenager", "resident", "jihadist", "fighter", "commander", "recruiter", "engineer", "doctor", "businessman",
	"extremist", "radical", "preacher", "veteran", "soldier", "shooter")

var roleAdjectives = set("former", "university", "young", "old", "elderly", "dual", "suspected", "alleged",
	"self-styled", "radical",
	"lone", "truck", "lorry", "van", "bus", "taxi", "delivery", "islamist", "jihadist", "british-born", "french-born")
