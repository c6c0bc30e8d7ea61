package ingest

import (
	_ "embed"
	"fmt"
	"strings"
	"unicode"

	"github.com/actorgraph/actorgraph/graph"
)

// Statements run over sentences: "It said its fighters carried out the
// attack", "the group said", a quotation closed by its speaker in the next
// sentence. A subject given as a pronoun or a role noun is resolved to the
// nearest entity of a fitting kind in the sentence or the two before it;
// first-person words inside a quotation to its speaker. The quote is then
// the consecutive sentences from the one that names the entity.

//go:embed cues/subjects.txt
var subjectsTxt string

// subjectLex maps a pronoun or role noun to the kinds it can stand for.
var subjectLex = func() map[string][]graph.Kind {
	out := map[string][]graph.Kind{}
	for name, ws := range wordListsOrdered(subjectsTxt) {
		var kinds []graph.Kind
		for _, k := range strings.Split(name, ",") {
			kinds = append(kinds, graph.Kind(strings.TrimSpace(k)))
		}
		for _, w := range ws {
			out[w] = append(out[w], kinds...)
		}
	}
	return out
}()

// wordListsOrdered reads "name: phrase | phrase" lines.
func wordListsOrdered(txt string) map[string][]string {
	out := map[string][]string{}
	for _, line := range strings.Split(txt, "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		name, ps, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		for _, p := range strings.Split(ps, "|") {
			if p = strings.ToLower(strings.TrimSpace(p)); p != "" {
				out[strings.TrimSpace(name)] = append(out[strings.TrimSpace(name)], p)
			}
		}
	}
	return out
}

// doc is the whole text as the candidate finder sees it.
type doc struct {
	text  []rune
	ms    []mention
	sents []Span
	main  *mention // the article's event, when references resolved to one
	// others are the event phrases that speak of another event ("a year
	// in which bombings in Istanbul and Ankara ... had killed scores").
	others []Span
	trial  *mention // the court case a follow-up reports
	// mainDate is the main event's date (YYYY-MM-DD, or shorter), "" when
	// unknown.
	mainDate string
}

var monthNames = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September",
	"October", "November", "December"}

// otherTime reports whether a sentence dates what it tells in another
// month or year than the article's event ("the two men who attacked the
// Bardo museum in March", "killed 67 people there in 2013").
func (d *doc) otherTime(s *sentence) bool {
	if len(d.mainDate) < 4 {
		return false
	}
	toks := words(s.text[s.span.Start:s.span.End])
	for i, t := range toks {
		if isYear(t.text) && t.text != d.mainDate[:4] {
			return true
		}
		if len(d.mainDate) < 7 || i == 0 {
			continue
		}
		if p := strings.ToLower(toks[i-1].text); p != "in" && p != "last" && p != "since" {
			continue
		}
		for m, name := range monthNames {
			if t.text == name && fmt.Sprintf("%02d", m+1) != d.mainDate[5:7] {
				return true
			}
		}
	}
	return false
}

// otherEventIn reports whether a sentence speaks of another event than the
// article's: a reference that did not resolve to it.
func (d *doc) otherEventIn(s *sentence) bool {
	for _, o := range d.others {
		if o.Start >= s.span.Start && o.End <= s.span.End {
			return true
		}
	}
	return false
}

// objectIt is the article's event standing for "it" or "them" right after a
// cue ("Islamic State claimed it within hours").
func (d *doc) objectIt(s *sentence, pos int, kinds []graph.Kind) *mention {
	if d == nil || d.main == nil || !hasKind(kinds, graph.Event) {
		return nil
	}
	next := strings.Fields(lower(s.text, pos, pos+8))
	if len(next) == 0 || next[0] != "it" && next[0] != "them" {
		return nil
	}
	m := *d.main
	m.ref = next[0]
	return &m
}

// sentenceAt is the index of the sentence holding pos.
func (d *doc) sentenceAt(pos int) int {
	for i, s := range d.sents {
		if pos < s.End {
			return i
		}
	}
	return len(d.sents) - 1
}

// auxiliaries stand between a subject and its verb.
var auxiliaries = set("has", "have", "had", "was", "were", "is", "are", "also", "already", "later", "reportedly",
	"allegedly",
	"previously", "then", "quickly", "swiftly", "itself", "themselves", "himself", "would", "will", "could", "did", "does",
	"subsequently", "earlier", "officially", "publicly", "formally", "again", "since", "now", "swiftly", "promptly")

// subjectPhrase is the pronoun or role noun standing right before pos (past
// auxiliaries and adverbs), with where it starts.
func subjectPhrase(text []rune, lo, pos int) (string, int) {
	toks := words(text[lo:pos])
	end := len(toks)
	for end > 0 && auxiliaries[strings.ToLower(toks[end-1].text)] {
		end--
	}
	for n := 4; n >= 1; n-- {
		if end-n < 0 {
			continue
		}
		ws := make([]string, n)
		for i := range ws {
			ws[i] = strings.ToLower(toks[end-n+i].text)
		}
		p := strings.Join(ws, " ")
		if _, ok := subjectLex[p]; ok {
			return p, lo + toks[end-n].start
		}
	}
	return "", 0
}

// resolveSubject finds the entity a pronoun or role noun before the cue
// stands for: the nearest earlier mention of a kind both the phrase and the
// end allow, in this sentence or the two before. It returns the mention and
// the start of the sentence that names it.
func (g *Gazetteer) resolveSubject(d *doc, s *sentence, pos int, kinds []graph.Kind) (*mention, int) {
	if pos < s.span.Start {
		return nil, 0 // a cue that starts before its sentence names no subject in it
	}
	phrase, at := subjectPhrase(s.text, max(s.span.Start, pos-60), pos)
	if phrase == "" {
		return nil, 0
	}
	if phrase == "we" || phrase == "our fighters" || phrase == "our brothers" || phrase == "i" {
		return g.speakerOf(d, s, kinds)
	}
	allowed := subjectLex[phrase]
	if m, ok := g.speechSubject(d, s, at, allowed, kinds); ok {
		return m, s.span.Start
	}
	ref := string(s.text[at : at+len([]rune(phrase))])
	// In the phrase's own sentence the nearest earlier mention; in the two
	// before it, the first (the subject: "Islamic State issued a statement
	// through Amaq. The group said ...").
	si := d.sentenceAt(at)
	for j := si; j >= 0 && j >= si-2; j-- {
		if j != si && domesticAgency[phrase] && hasKind(kinds, graph.State) {
			// "Police have arrested two people": the police of the country the
			// story happens in, not of the last state it named ("An American
			// and a Briton were among the dead"); "Belgian police" say whose.
			if m, _ := d.mainState(g, s); m != nil && g.fits(m, kinds, s.date) {
				r := *m
				r.ref = ref
				return &r, s.span.Start
			}
			return nil, 0
		}
		var pick *mention
		for i := range d.ms {
			m := &d.ms[i]
			if m.Start < d.sents[j].Start || m.End > d.sents[j].End || m.End > at {
				continue
			}
			adjective := m.kind == graph.Nationality && hasKind(allowed, graph.State) && string(s.text[m.End:at]) == " "
			if len(m.ids) != 1 || !hasKind(allowed, m.kind) && !adjective { // "Belgian police": Belgium's
				continue
			}
			if m.kind == graph.Group && g.mediaArm(m.ids[0]) && !hasAny(phrase, "agency", "outlet", "media") {
				continue // "Amaq, the news agency linked to Islamic State ... The militants": not the agency
			}
			m.eventCue = false
			if !g.fits(m, kinds, s.date) {
				continue
			}
			pick = m
			if j != si {
				break
			}
		}
		if pick != nil {
			r := *pick
			r.ref = ref
			return &r, d.sents[j].Start
		}
	}
	if m := g.onlyGroupBefore(d, at, allowed, kinds, s.date); m != nil {
		r := *m
		r.ref = ref
		return &r, s.span.Start
	}
	return nil, 0
}

// domesticAgency phrases name a country's own police and investigators.
var domesticAgency = set("police", "the police", "investigators", "prosecutors", "security forces", "security services",
	"counter-terrorism police")

// onlyGroupBefore is the one armed group an article has named before pos,
// however far back, when it has named no other: "the group" in the fifth
// paragraph of a story about one group. The quote stays the phrase's own
// sentence; the candidate's resolved phrase says whom it stands for.
func (g *Gazetteer) onlyGroupBefore(d *doc, pos int, allowed, kinds []graph.Kind, date string) *mention {
	if !hasKind(allowed, graph.Group) {
		return nil
	}
	var pick *mention
	for i := range d.ms {
		m := &d.ms[i]
		if m.End > pos {
			break
		}
		if m.kind != graph.Group || len(m.ids) != 1 || g.mediaArm(m.ids[0]) {
			continue
		}
		if pick != nil && pick.ids[0] != m.ids[0] {
			return nil
		}
		if pick == nil {
			pick = m
		}
	}
	if pick == nil {
		return nil
	}
	pick.eventCue = false
	if !g.fits(pick, kinds, date) {
		return nil
	}
	return pick
}

// speakerOf is who speaks a quotation the sentence stands in: the mention
// next to "said" after its closing quote (in this sentence or the two after)
// or before its opening one.
func (g *Gazetteer) speakerOf(d *doc, s *sentence, kinds []graph.Kind) (*mention, int) {
	si := d.sentenceAt(s.span.Start)
	for j := si; j < len(d.sents) && j <= si+2; j++ {
		sp := d.sents[j]
		t := string(d.text[sp.Start:sp.End])
		c := lastCloseQuote(t)
		if c < 0 {
			continue
		}
		after := sp.Start + len([]rune(t[:c])) + 1
		if !hasAny(strings.ToLower(string(d.text[after:sp.End])), "said", "says", "told", "added", "stated", "claimed",
			"announced") {
			continue
		}
		m := g.firstFitting(d, after, sp.End, kinds)
		ph, at := rolePhraseAfter(d.text, after, sp.End)
		if m != nil && (ph == "" || m.Start < at) {
			r := *m
			r.ref, r.speaker = "we", true
			return &r, s.span.Start
		}
		if ph != "" {
			sub := &sentence{span: Span{s.span.Start, sp.End}, text: d.text, date: s.date}
			if m, start := g.resolveSubject(d, sub, at+len([]rune(ph)), kinds); m != nil {
				m.speaker = true
				return m, min(start, s.span.Start)
			}
		}
		return nil, 0
	}
	return nil, 0
}

func lastCloseQuote(t string) int {
	i := strings.LastIndexAny(t, "\"\u201d")
	if i <= 0 {
		return -1
	}
	return len([]rune(t[:i]))
}

// firstFitting is the first single-id mention in [a, b) that fits kinds.
func (g *Gazetteer) firstFitting(d *doc, a, b int, kinds []graph.Kind) *mention {
	for i := range d.ms {
		m := &d.ms[i]
		if m.Start < a || m.End > b || len(m.ids) != 1 {
			continue
		}
		m.eventCue = false
		if g.fits(m, kinds, "") {
			return m
		}
	}
	return nil
}

// rolePhraseAfter finds a role noun such as "the group" in [a, b).
func rolePhraseAfter(text []rune, a, b int) (string, int) {
	f := fold(text[a:b], true)
	low := string(f.r)
	best, at := "", -1
	for p := range subjectLex {
		if !strings.HasPrefix(p, "the ") {
			continue
		}
		if i := strings.Index(low, p); i >= 0 && (at < 0 || i < at || i == at && len(p) > len(best)) {
			best, at = p, i
		}
	}
	if at < 0 {
		return "", 0
	}
	return best, a + int(f.pos[len([]rune(low[:at]))])
}

var speechVerbs = set("said", "says", "claimed", "claims", "announced", "announces", "added", "stated", "insisted",
	"confirmed", "declared",
	"saying", "warned", "told")

// speechSubject handles "the group said it ...", "IS-K claimed it ...": the
// pronoun after a verb of speech is the speech's subject.
func (g *Gazetteer) speechSubject(d *doc, s *sentence, at int, allowed, kinds []graph.Kind) (*mention, bool) {
	toks := words(s.text[s.span.Start:at])
	n := len(toks)
	// Past "that" and what may stand between a verb of speech and it: "said
	// in a message circulated online that", "said on Tuesday that".
	if n > 0 && strings.EqualFold(toks[n-1].text, "that") {
		n--
		for k := 0; k < 8 && n > 0 && !speechVerbs[strings.ToLower(toks[n-1].text)]; k++ {
			n--
		}
	}
	for k := 0; k < 2 && n > 0 && !speechVerbs[strings.ToLower(toks[n-1].text)]; k++ {
		if !speechFill[strings.ToLower(toks[n-1].text)] {
			return nil, false
		}
		n--
	}
	if n == 0 || !speechVerbs[strings.ToLower(toks[n-1].text)] {
		return nil, false
	}
	verb := s.span.Start + toks[n-1].start
	both := intersect(allowed, kinds)
	if ph, _ := subjectPhrase(s.text, s.span.Start, verb); ph != "" {
		if ph == "it" || ph == "they" {
			return nil, false
		}
		if m, _ := g.resolveSubject(d, s, verb, kinds); m != nil {
			m.speaker = true
			return m, true
		}
		return nil, false
	}
	// The subject of the verb of speech, past an apposition ("Al-Mourabitoun,
	// the group led by X, said it had carried out the assault").
	if ms := g.before(s, verb, 120, both, false, true); len(ms) > 0 {
		r := *ms[0]
		r.speaker = true
		return &r, true
	}
	return nil, false
}

// speechFill are the words between a verb of speech and its "that".
var speechFill = set("that", "in", "a", "an", "the", "statement", "on", "monday", "tuesday", "wednesday", "thursday",
	"friday", "saturday", "sunday", "later", "also", "online", "message", "posted", "video", "telegram", "its", "channel")

func intersect(a, b []graph.Kind) []graph.Kind {
	var out []graph.Kind
	for _, k := range a {
		if hasKind(b, k) {
			out = append(out, k)
		}
	}
	return out
}

// mainState is the State the article names most (counting its
// demonyms), the state of an official whose title names none ("Prime
// Minister Theresa May" in a British story); nil when two tie.
func (d *doc) mainState(g *Gazetteer, s *sentence) (*mention, int) {
	count := map[string]int{}
	first := map[string]*mention{}
	for i := range d.ms {
		m := &d.ms[i]
		if len(m.ids) != 1 || m.seat || m.kind != graph.State && m.kind != graph.Nationality {
			continue
		}
		if demonym(m) && !stateVoice(d.text, m.End) {
			continue // "a Syrian woman", "the Syrian town": not the state's voice
		}
		id, _ := g.end(m, []graph.Kind{graph.State}, s.date)
		if id == "" {
			continue
		}
		count[id]++
		if first[id] == nil {
			first[id] = m
		}
	}
	// The state the article's event occurred in counts twice: its officials
	// are the ones a story names without their country.
	if d.main != nil {
		if e, ok := g.Entry(d.main.ids[0]); ok {
			for _, p := range e.Places {
				if count[p] > 0 {
					count[p] += 2
				}
			}
		}
	}
	// The dateline's city ("BOGOTA, Jan 21 -") says where the story is
	// told from: its country's officials need no country.
	if iso := datelineCountry(d.text); iso != "" && count["state:"+iso] > 0 {
		count["state:"+iso] += 3
	}
	best, n, tie := "", 0, false
	for id, c := range count {
		switch {
		case c > n:
			best, n, tie = id, c, false
		case c == n:
			tie = true
		}
	}
	if best == "" || tie || n < 2 {
		return nil, s.span.Start
	}
	r := *first[best]
	r.ref = "(the article's state)"
	return &r, s.span.Start
}

// stateNouns follow a demonym that speaks or acts for its state ("Turkish
// officials", "the French interior minister").
var stateNouns = append([]string{"troops", "forces", "army", "military", "soldiers", "president", "prime minister",
	"minister",
	"interior", "foreign", "defence", "defense", "security", "embassy", "officer", "leader", "leaders", "state", "air force", "navy",
	"counterpart", "spokesman", "spokeswoman", "special forces"}, officials...)

// demonym reports whether a mention is a people's adjective ("Syrian"):
// a Nationality, or a State named by its demonym.
func demonym(m *mention) bool {
	if m.kind == graph.Nationality {
		return true
	}
	t := strings.ToLower(m.Text)
	if t == strings.ToLower(m.name) {
		return false
	}
	for _, suf := range []string{"an", "ish", "ese", "i", "ch", "ss"} {
		if strings.HasSuffix(t, suf) {
			return true
		}
	}
	return false
}

// stateVoice reports whether the words after a demonym ending at end name
// its state's institutions.
func stateVoice(text []rune, end int) bool {
	next := strings.TrimSpace(lower(text, end, min(len(text), end+24)))
	for _, w := range stateNouns {
		if strings.HasPrefix(next, w) && (len(next) == len(w) || !unicode.IsLetter(rune(next[len(w)]))) {
			return true
		}
	}
	return false
}

// startsClause reports whether pos opens its clause: the sentence's start,
// or after a comma, "and" or "but" ("..., and President Uhuru Kenyatta said").
func startsClause(text []rune, start, pos int) bool {
	pre := strings.TrimSpace(lower(text, max(start, pos-6), pos))
	k := pos
	for k > start && (text[k-1] == ' ' || text[k-1] == '\t') {
		k--
	}
	pre = strings.TrimRight(pre, "\"”")
	return pos-start < 3 || strings.HasSuffix(pre, ",") || strings.HasSuffix(pre, "!") || strings.HasSuffix(pre, "?") ||
		strings.HasSuffix(pre, " and") || strings.HasSuffix(pre, " but") ||
		k > start && text[k-1] == '\n'
}

// titleModifiers are the words a title may open with ("Deputy Prime
// Minister", "Vice President").
var titleModifiers = set("deputy", "vice", "acting", "first", "state", "interior", "foreign", "defence", "defense",
	"the")

// opensTitle reports whether a title at pos, after any of its modifiers,
// opens its clause or follows an inverted verb of speech ("...," said
// Prime Minister Narendra Modi).
func opensTitle(text []rune, start, pos int) bool {
	for {
		w, ws := lastWord(text, start, pos)
		if w == "" {
			break
		}
		if titleModifiers[w] {
			pos = ws
			continue
		}
		if titleOpeners[w] {
			return true
		}
		break
	}
	return startsClause(text, start, pos)
}

// titleOpeners may stand right before a title that names no country: an
// inverted verb of speech ("said Prime Minister Narendra Modi"), the
// verb or preposition whose object the official is ("told President
// Vladimir Putin", "a message to Prime Minister Nawaz Sharif"), or the day
// that opens the clause ("On Tuesday President Rodrigo Duterte flew").
var titleOpeners = set("said", "says", "told", "tells", "to", "by", "monday", "tuesday", "wednesday", "thursday",
	"friday", "saturday", "sunday", "later", "then")

// lastWord is the lower-cased word ending before pos (spaces skipped)
// and where it starts; "" when punctuation comes first.
func lastWord(text []rune, start, pos int) (string, int) {
	e := pos
	for e > start && (text[e-1] == ' ' || text[e-1] == '\t') {
		e--
	}
	b := e
	for b > start && unicode.IsLetter(text[b-1]) {
		b--
	}
	return strings.ToLower(string(text[b:e])), b
}

// datelineCountry is the country (iso2) of the dateline's city: the first
// line of the text's first 600 characters opening with capitals and a comma ("BOGOTA,
// Jan 21 (Staff report) -"); "" without one or when no world city has the
// name.
func datelineCountry(text []rune) string {
	for start := 0; start < len(text) && start < 600; start++ {
		if start > 0 && text[start-1] != '\n' {
			continue
		}
		end := start
		for end < len(text) && end-start < 40 &&
			(unicode.IsUpper(text[end]) || text[end] == ' ' || text[end] == '.' || text[end] == '-' || text[end] == '\'') {
			end++
		}
		if end == start || end >= len(text) || text[end] != ',' {
			continue
		}
		if name := strings.TrimSpace(string(text[start:end])); len([]rune(name)) >= 3 {
			return worldData().cityCountry(name)
		}
	}
	return ""
}
