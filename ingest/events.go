package ingest

import (
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/actorgraph/actorgraph/graph"
)

// An article is usually about one event and rarely names it: "the attack",
// "Monday's blasts in Kabul", "the March 22 concert hall attack". These
// references are resolved to the article's main event, an Event of the
// graph chosen by the dates, places and names in the text, or, when the
// graph has none that fits, to one proposed new Event.

// eventRef is a phrase that refers to an event without naming it.
type eventRef struct {
	start, end int // the whole phrase, determiner to head
	head       int // where the head noun starts
	headline   bool
	places     []*mention // places inside the phrase ("the Kabul attack", "the attack in Kabul")
	pre        []*mention // the places before the head
	other      bool       // "a previous attack", "the 2015 attack": another event
	year       string
	monthDay   string // MM-DD named in the phrase
	weekday    time.Weekday
	hasWeekday bool
}

// eventScene is what Analyze needs of the resolution: the reference
// mentions, the event they stand for and the new Event proposed, if any.
type eventScene struct {
	refs     []mention
	main     *mention // a mention standing for the main event (nil: none)
	proposed *graph.NewEntity
	byRef    []eventRef
	others   []Span // references to another event, or none known
}

func (g *Gazetteer) eventScene(text []rune, ms []mention, sents []Span, meta Meta) eventScene {
	toks := words(text)
	refs := findEventRefs(text, toks, ms, sents)
	var sc eventScene
	main, ok := g.mainEvent(text, ms, refs, meta)
	if len(refs) == 0 {
		if ok {
			// Named but never referred to: the article's event all the same.
			sc.main = &mention{ids: []string{main.ID}, kind: graph.Event, name: main.Name}
		}
		return sc
	}
	var id, name string
	if ok {
		id, name = main.ID, main.Name
	} else {
		ne := proposeEvent(text, refs, meta)
		if ne == nil {
			return sc
		}
		sc.proposed = ne
		id, name = ne.Ref, ne.Name
	}
	for _, r := range refs {
		rid, rname := id, name
		if r.other {
			sc.others = append(sc.others, Span{r.start, r.end})
			continue
		}
		if ok && !g.refFits(r, main) {
			sc.others = append(sc.others, Span{r.start, r.end})
			if alt, found := g.eventOfRef(r, meta); found {
				rid, rname = alt.ID, alt.Name
			} else {
				continue
			}
		}
		m := mention{Mention: graph.Mention{Text: string(text[r.start:r.end]), Start: r.head, End: r.end,
			Options: []string{}},
			ids: []string{rid}, kind: graph.Event, name: rname, ref: string(text[r.start:r.end]), from: r.start}
		sc.refs = append(sc.refs, m)
		sc.byRef = append(sc.byRef, r)
	}
	if len(sc.refs) > 0 {
		sc.main = &sc.refs[0]
		if sc.proposed != nil {
			sc.proposed.Mentions = len(sc.refs)
		}
	}
	return sc
}

// findEventRefs finds the phrases of the text that refer to an event: a head
// noun of the event list after a determiner, a possessive ("Friday's") or a
// cue, with the modifiers between.
func findEventRefs(text []rune, toks []token, ms []mention, sents []Span) []eventRef {
	var out []eventRef
	mi := 0
	for k, t := range toks {
		w := strings.ToLower(t.text)
		if !eventLex.heads[w] {
			continue
		}
		for mi < len(ms) && ms[mi].End <= t.start {
			mi++
		}
		if mi < len(ms) && ms[mi].Start <= t.start {
			continue // inside a name: "the Paris attacks" as an alias
		}
		headline := inHeadline(text, sents, t.start)
		r, ok := refBefore(text, toks, k, ms, headline)
		if !ok {
			continue
		}
		r.headline = headline
		r.places = append(r.places, r.pre...)
		r.places = append(r.places, placesAfter(text, t.end, ms)...)
		out = append(out, r)
	}
	return out
}

// refBefore walks back from the head at toks[k] over the phrase's modifiers
// to its determiner.
func refBefore(text []rune, toks []token, k int, ms []mention, headline bool) (eventRef, bool) {
	head := toks[k]
	r := eventRef{start: head.start, end: head.end, head: head.start}
	found := false
	for j := k - 1; j >= 0 && j >= k-7; j-- {
		t := toks[j]
		if !onlyModSpace(text, t.end, toks[j+1].start) {
			break
		}
		w := strings.ToLower(t.text)
		if eventLex.others[w] {
			r.other = true
		}
		if eventLex.determiners[w] || possessiveAt(text, t.end) {
			r.start = t.start
			found = true
			if day, ok := weekdays[w]; ok {
				r.weekday, r.hasWeekday = day, true
			}
			if m := mentionAt(ms, t.start); m != nil && placeKind(m.kind) {
				r.pre = append(r.pre, m) // "Kabul's attack"
			}
			break
		}
		if isYear(w) {
			r.year = w
		}
		if mo, ok := months[strings.TrimSuffix(w, ".")]; ok && j+1 < k {
			if d := dayNumber(toks[j+1].text); d != "" {
				r.monthDay = mo + "-" + d
			}
		}
		if d := dayNumber(w); d != "" && j+1 < k {
			if mo, ok := months[strings.ToLower(strings.TrimSuffix(toks[j+1].text, "."))]; ok {
				r.monthDay = mo + "-" + d
			}
		}
		if m := mentionAt(ms, t.start); m != nil {
			if placeKind(m.kind) {
				r.pre = append(r.pre, m)
			}
			continue
		}
		if eventLex.stops[w] || verbForm[w] {
			break // "Somalia's al-Shabaab claims assault": the verb ends the phrase
		}
	}
	if !found && !headline {
		// Headline grammar and cues drop the article: "claims assault on hotel".
		prev := strings.TrimSpace(lower(text, head.start-30, head.start))
		if k == 0 || !(strings.HasSuffix(prev, "claims") || strings.HasSuffix(prev, "claimed") ||
			strings.HasSuffix(prev, "responsibility for") ||
			strings.HasSuffix(prev, "denies") || strings.HasSuffix(prev, "condemns")) {
			return r, false
		}
	}
	return r, true
}

// onlyModSpace: a modifier and the next word are joined by a space or a
// hyphen, not by punctuation.
func onlyModSpace(text []rune, a, b int) bool {
	if possessiveAt(text, a) {
		a += 2 // "Friday's attack"
	}
	if b-a < 1 || b-a > 2 {
		return false
	}
	for _, c := range text[a:b] {
		if c != ' ' && c != '-' {
			return false
		}
	}
	return true
}

// possessiveAt reports whether "'s" stands at pos.
func possessiveAt(text []rune, pos int) bool {
	return pos+1 < len(text) && (text[pos] == '\'' || text[pos] == '\u2019') &&
		(text[pos+1] == 's' || text[pos+1] == 'S') &&
		(pos+2 == len(text) || !isWord(text[pos+2]))
}

func mentionAt(ms []mention, start int) *mention {
	for i := range ms {
		if ms[i].Start <= start && start < ms[i].End {
			return &ms[i]
		}
	}
	return nil
}

// verbForm holds the first words of the verb cues (claims, denied, ...),
// which no event phrase holds.
var verbForm = func() map[string]bool {
	out := map[string]bool{}
	for _, r := range rules {
		if !r.verbal {
			continue
		}
		for _, c := range r.cues {
			w, _, _ := strings.Cut(c, " ")
			if !eventLex.heads[w] {
				out[w] = true
			}
		}
	}
	return out
}()

func placeKind(k graph.Kind) bool { return k == graph.Location || k == graph.State }

// placesAfter are the places of "on/in/at/near/outside X" right after the head.
func placesAfter(text []rune, pos int, ms []mention) []*mention {
	var out []*mention
	for i := range ms {
		m := &ms[i]
		if m.Start < pos || len(out) > 1 {
			continue
		}
		if m.Start-pos > 45 {
			break
		}
		between := lower(text, pos, m.Start)
		if strings.ContainsAny(between, ".;,") && !strings.HasSuffix(strings.TrimSpace(between), ",") {
			break
		}
		if !placeKind(m.kind) {
			continue
		}
		for _, p := range []string{" in ", " at ", " on ", " near ", " outside ", " against "} {
			if strings.HasPrefix(between+" ", p) || strings.Contains(" "+between, p) && len(between) < 30 {
				out = append(out, m)
				pos = m.End
				break
			}
		}
	}
	return out
}

// inHeadline reports whether pos lies in the first sentence of the text
// when it ends without a full stop (a headline).
func inHeadline(text []rune, sents []Span, pos int) bool {
	if len(sents) == 0 || pos >= sents[0].End {
		return false
	}
	last := text[sents[0].End-1]
	return last != '.' && last != '"' && last != '\u201d'
}

func isYear(w string) bool {
	return len(w) == 4 && (strings.HasPrefix(w, "19") || strings.HasPrefix(w, "20")) &&
		strings.IndexFunc(w, func(r rune) bool { return !unicode.IsDigit(r) }) < 0
}

func dayNumber(w string) string {
	w = strings.TrimRight(strings.ToLower(w), "stndrh.,")
	if len(w) == 0 || len(w) > 2 || strings.IndexFunc(w, func(r rune) bool { return !unicode.IsDigit(r) }) >= 0 {
		return ""
	}
	if len(w) == 1 {
		w = "0" + w
	}
	if w > "31" || w == "00" {
		return ""
	}
	return w
}

var months = map[string]string{"january": "01", "jan": "01", "february": "02", "feb": "02", "march": "03", "mar": "03",
	"april": "04", "apr": "04", "may": "05", "june": "06", "jun": "06", "july": "07", "jul": "07", "august": "08", "aug": "08",
	"september": "09", "sept": "09", "sep": "09", "october": "10", "oct": "10", "november": "11", "nov": "11", "december": "12", "dec": "12"}

var weekdays = map[string]time.Weekday{"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday,
	"wednesday": time.Wednesday, "thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday}

// resolved lists the ends that were references, for the reviewer.
func resolved(ms ...*mention) map[string]string {
	var out map[string]string
	for _, m := range ms {
		if m == nil || m.ref == "" || len(m.ids) != 1 {
			continue
		}
		if out == nil {
			out = map[string]string{}
		}
		out[m.ref] = m.ids[0]
	}
	return out
}

// sceneCandidates proposes what a reference says by itself: "the Kabul
// attack" occurred in Kabul.
func (g *Gazetteer) sceneCandidates(s *sentence, sc eventScene, c *collector) {
	g.namedPlaces(s, c)
	g.knownPlaces(s, c)
	for i := range sc.refs {
		m := &sc.refs[i]
		if m.Start < s.span.Start || m.End > s.span.End {
			continue
		}
		for _, p := range sc.byRef[i].pre {
			if len(p.ids) != 1 {
				continue
			}
			c.add(graph.Candidate{Source: c.meta.SourceID, Type: "OCCURRED_IN", From: m.ids[0], To: p.ids[0], FromName: m.name,
				ToName: p.name,
				Stance: graph.Reported, Confidence: confidence(graph.Reported,
					c.meta.Reliability), Quote: string(s.text[s.span.Start:s.span.End]),
				Start: s.span.Start, End: s.span.End, Cue: m.ref, Status: graph.Pending, Resolved: resolved(m)})
		}
	}
}

// knownPlaces: a sentence about the article's event that names one of the
// places the event is known to have occurred in says it occurred there ("It
// was the first attack on a foreign embassy in Afghanistan"): a candidate
// that corroborates the stored place, quoting the sentence.
func (g *Gazetteer) knownPlaces(s *sentence, c *collector) {
	d := s.doc
	if d == nil || d.main == nil || len(d.main.ids) != 1 || d.otherEventIn(s) || d.otherTime(s) {
		return
	}
	e, ok := g.Entry(d.main.ids[0])
	if !ok || e.Kind != graph.Event || len(e.Places) == 0 {
		return
	}
	about := anyWord(lower(s.text, s.span.Start, s.span.End), eventWords) != ""
	for i := range s.mentions {
		m := &s.mentions[i]
		if len(m.ids) == 1 && m.ids[0] == e.ID {
			about = true
		}
	}
	if !about {
		return
	}
	for i := range s.mentions {
		p := &s.mentions[i]
		if len(p.ids) != 1 || !slices.Contains(e.Places, p.ids[0]) || p.kind != graph.Location && p.kind != graph.State ||
			demonym(p) || peopleNoun(wordAfter(s.text, p.End)) ||
			compoundModifier.MatchString(string(s.text[p.End:min(len(s.text), p.End+14)])) ||
			possessiveAt(s.text, p.End) || !placePreposition(lower(s.text, max(s.span.Start, p.Start-12), p.Start)) ||
			seatedBody(lower(s.text, max(s.span.Start, p.Start-30), p.Start)) {
			continue // "Turkey's Kurds", "Dhaka and Islamic State tell": no place of the event
		}
		ev := *d.main
		ev.ref = "(the article's event)"
		c.addAll(g.candidate(s, "OCCURRED_IN", &ev, p, graph.Reported, s.span.Start, p.Text, c.meta))
	}
}

// seatedBody reports whether the words before a place end with a body and
// its seat's preposition ("the U.S. Embassy in", "police in", "a court in"):
// where the body sits, not where the event occurred.
func seatedBody(pre string) bool {
	f := strings.Fields(pre)
	if n := len(f); n > 0 && f[n-1] == "the" {
		f = f[:n-1]
	}
	if n := len(f); n < 2 || (f[n-1] != "in" && f[n-1] != "at") {
		return false
	}
	return seatNouns[strings.Trim(f[len(f)-2], ",.")]
}

var seatNouns = set("embassy", "consulate", "ministry", "office", "offices", "police", "officials", "authorities",
	"court",
	"prosecutors", "investigators", "residents", "correspondent", "headquarters", "government", "parliament", "mission")

// placePreposition reports whether the words before a place end with a
// preposition of place ("in the", "at", "near").
func placePreposition(pre string) bool {
	f := strings.Fields(pre)
	if n := len(f); n > 0 && f[n-1] == "the" {
		f = f[:n-1]
	}
	if len(f) == 0 {
		return false
	}
	switch f[len(f)-1] {
	case "in", "at", "near", "outside", "across", "inside":
		return true
	}
	return false
}

// namedPlaces: an event's name that holds one of its places says where it
// occurred ("the Paris attacks", "Kerman blasts", "St Petersburg metro
// bombing").
func (g *Gazetteer) namedPlaces(s *sentence, c *collector) {
	for i := range s.mentions {
		m := &s.mentions[i]
		if m.kind != graph.Event || m.ref != "" || len(m.ids) != 1 {
			continue
		}
		e, ok := g.Entry(m.ids[0])
		if !ok {
			continue
		}
		name := " " + string(foldName(m.Text)) + " "
		for _, pid := range e.Places {
			p, ok := g.Entry(pid)
			if !ok {
				continue
			}
			for _, n := range append(append([]string{p.Name}, p.Aliases...), shortNames(p)...) {
				if f := string(foldName(n)); len(f) > 2 && strings.Contains(name, " "+f+" ") {
					pm := mention{ids: []string{p.ID}, kind: p.Kind, name: p.Name}
					c.addAll(g.candidate(s, "OCCURRED_IN", m, &pm, graph.Reported, s.span.Start, m.Text, c.meta))
					break
				}
			}
		}
	}
}
