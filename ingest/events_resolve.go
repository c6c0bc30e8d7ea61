package ingest

import (
	"cmp"
	_ "embed"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/actorgraph/actorgraph/graph"
)

//go:embed cues/events.txt
var eventsTxt string

// eventLex holds the word lists of ingest/cues/events.txt.
var eventLex = func() struct{ heads, determiners, others, stops map[string]bool } {
	l := wordLists(eventsTxt)
	return struct{ heads, determiners, others, stops map[string]bool }{l["heads"], l["determiners"], l["others"],
		l["stops"]}
}()

// wordLists reads "name: word word" lines into sets by name.
func wordLists(txt string) map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for _, line := range strings.Split(txt, "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		name, ws, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		name = strings.TrimSpace(name)
		if out[name] == nil {
			out[name] = map[string]bool{}
		}
		for _, w := range strings.Fields(ws) {
			out[name][strings.ToLower(w)] = true
		}
	}
	return out
}

func day(s string) (time.Time, bool) {
	t, err := time.Parse("2006-01-02", s)
	return t, err == nil
}

// mainEvent is the Event of the graph the article is about: the one its
// dates, places and names point to, with enough evidence to say so.
func (g *Gazetteer) mainEvent(text []rune, ms []mention, refs []eventRef, meta Meta) (Entry, bool) {
	return g.mainEventIn(text, ms, refs, meta, false)
}

// mainEventIn is mainEvent scoring the events the index finds, or every
// event of the gazetteer (every, for the test that they agree).
func (g *Gazetteer) mainEventIn(text []rune, ms []mention, refs []eventRef, meta Meta, every bool) (Entry, bool) {
	named := map[string]int{}
	places := map[string]float64{}
	for _, m := range ms {
		if len(m.ids) != 1 {
			continue
		}
		switch m.kind {
		case graph.Event:
			named[m.ids[0]]++
		case graph.Location:
			places[m.ids[0]] = 3
		case graph.State:
			places[m.ids[0]] = 1 // a state says little: many events occurred in it
		}
	}
	pub, hasPub := day(meta.Date)
	textWords := wordSet(text)
	rs := summarize(refs)
	var best Entry
	bestScore, bestStrong := 0.0, false
	ks := g.evIdx.candidates(named, places, textWords, rs, pub, hasPub)
	if every {
		ks = make([]int, len(g.events))
		for k := range ks {
			ks[k] = k
		}
	}
	for _, k := range ks {
		ev := g.events[k]
		e := g.entries[ev.idx]
		nameWords := ev.namesIn(textWords)
		score, strong := eventScore(e, named[e.ID], nameWords, places, rs)
		ed, hasDate := day(e.Date)
		if hasPub && hasDate {
			d := pub.Sub(ed).Hours() / 24
			switch {
			case d < -1:
				score -= 10
				strong = false
			case d <= 10:
				score += 4
				// A date alone points to the event when the text names no
				// place the event did not occur in.
				strong = strong || !otherPlaces(ms, e)
			case d <= 60:
				score += 2
			case d <= 800:
				score++
			}
			if d > 400 && named[e.ID] == 0 && !nameWords && !rs.dated(e) {
				strong = false // years later, a place alone is another event there
			}
		}
		if strong && (score > bestScore || score == bestScore && e.Date > best.Date) {
			best, bestScore, bestStrong = e, score, strong
		}
	}
	return best, bestStrong && bestScore >= 3
}

// refFits reports whether a reference can stand for the main event: no year,
// date or place of its own that says it is another.
func (g *Gazetteer) refFits(r eventRef, main Entry) bool {
	if r.year != "" && !strings.HasPrefix(main.Date, r.year) {
		return false
	}
	if r.monthDay != "" && len(main.Date) == 10 && main.Date[5:] != r.monthDay {
		return false
	}
	for _, p := range r.places {
		if len(p.ids) != 1 || hasString(main.Places, p.ids[0]) {
			continue
		}
		if len(g.eventsAt[p.ids[0]]) > 0 {
			return false // a place where another event occurred
		}
	}
	return true
}

// eventOfRef is the event a reference's own place stands for ("the attack
// on the Bataclan" in an article about another one).
func (g *Gazetteer) eventOfRef(r eventRef, meta Meta) (Entry, bool) {
	for _, p := range r.places {
		m := *p
		m.eventCue = true
		if e, ok := g.eventAt(&m, meta.Date); ok && (r.year == "" || strings.HasPrefix(e.Date, r.year)) {
			return e, true
		}
	}
	return Entry{}, false
}

func hasString(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// proposeEvent names the one new Event the references stand for when the
// graph has none: "<place> <head>" (or "<date> <head>"), dated by the
// reference, a weekday of the text, or the article.
func proposeEvent(text []rune, refs []eventRef, meta Meta) *graph.NewEntity {
	var first *eventRef
	for i := range refs {
		if !refs[i].other {
			first = &refs[i]
			break
		}
	}
	if first == nil {
		return nil
	}
	var place *mention
	for i := range refs {
		if !refs[i].other && len(refs[i].places) > 0 {
			place = refs[i].places[0]
			break
		}
	}
	head := strings.ToLower(string(text[first.head:first.end]))
	date := eventDate(text, refs, meta)
	name := ""
	switch {
	case place != nil:
		name = place.Text + " " + head
	case date != "":
		name = date + " " + head
	default:
		return nil
	}
	ne := &graph.NewEntity{Ref: "new:" + graph.Slug(name, 60), Name: upperFirst(name), Kind: graph.Event, Date: date}
	if place != nil && len(place.ids) == 1 {
		ne.Place = place.ids[0]
	}
	return ne
}

// eventDate is the date the references give (a month and day, a weekday
// before the article's date), else the article's date.
func eventDate(text []rune, refs []eventRef, meta Meta) string {
	pub, ok := day(meta.Date)
	if !ok {
		return ""
	}
	for _, r := range refs {
		if r.other {
			continue
		}
		if r.monthDay != "" {
			y := pub.Year()
			if r.year != "" {
				y = atoiYear(r.year)
			}
			d, err := time.Parse("2006-01-02", itoa4(y)+"-"+r.monthDay)
			if err == nil && d.After(pub) && r.year == "" {
				d = d.AddDate(-1, 0, 0)
			}
			if err == nil {
				return d.Format("2006-01-02")
			}
		}
		if r.hasWeekday {
			return lastWeekday(pub, r.weekday)
		}
	}
	// The first weekday the text gives ("on Monday") dates the event; later
	// ones date what followed.
	low := strings.ToLower(string(text[:min(len(text), 1500)]))
	first, at := time.Weekday(0), -1
	for name, wd := range weekdays {
		for _, p := range []string{"on " + name, "late " + name, "early " + name, name + " night", name + " morning",
			name + " evening"} {
			if i := strings.Index(low, p); i >= 0 && (at < 0 || i < at) {
				first, at = wd, i
			}
		}
	}
	if at >= 0 {
		return lastWeekday(pub, first)
	}
	return meta.Date
}

func lastWeekday(pub time.Time, wd time.Weekday) string {
	d := pub
	for d.Weekday() != wd {
		d = d.AddDate(0, 0, -1)
	}
	return d.Format("2006-01-02")
}

func atoiYear(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

func itoa4(n int) string {
	b := []byte{'0', '0', '0', '0'}
	for i := 3; i >= 0; i-- {
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b)
}

func upperFirst(s string) string {
	r := []rune(s)
	if len(r) > 0 {
		r[0] = unicode.ToUpper(r[0])
	}
	return string(r)
}

// attackLike reports whether an event's names call it an attack (not a
// trial, a warning or a visit), which the reference heads stand for.
func attackLike(e Entry) bool {
	for _, n := range append([]string{e.Name}, e.Aliases...) {
		for _, w := range strings.Fields(strings.ToLower(n)) {
			if eventLex.heads[strings.Trim(w, ",.()")] {
				return true
			}
		}
	}
	return false
}

// otherPlaces reports whether the text names a Location the event did not
// occur in.
func otherPlaces(ms []mention, e Entry) bool {
	for _, m := range ms {
		if m.kind == graph.Location && len(m.ids) == 1 && !hasString(e.Places, m.ids[0]) {
			return true
		}
	}
	return false
}

func wordSet(text []rune) map[string]bool {
	out := map[string]bool{}
	for _, t := range words(text) {
		out[strings.ToLower(t.text)] = true
	}
	return out
}

// eventScore weighs what the text says of one event: its name, the words of
// its names, the dates and places of the references.
func eventScore(e Entry, named int, nameWords bool, places map[string]float64, rs refSummary) (float64, bool) {
	score, strong := 0.0, false
	if named > 0 {
		score += 5 * float64(min(named, 2))
		strong = true
	}
	if nameWords {
		score += 3
		strong = true
	}
	if len(e.Date) == 10 {
		if n := rs.monthDays[e.Date[5:]]; n > 0 {
			score += 4 * float64(n)
			strong = true
		}
		match := rs.years[e.Date[:4]]
		score += float64(match) - 2*float64(rs.yearRefs-match)
	}
	n := 0
	for _, p := range e.Places {
		if w := places[p]; w > 0 && n < 2 {
			score += w
			strong = strong || w >= 3
			n++
		}
	}
	return score, strong
}

// refSummary counts the dates the references give.
type refSummary struct {
	monthDays, years map[string]int
	yearRefs         int
}

func summarize(refs []eventRef) refSummary {
	rs := refSummary{monthDays: map[string]int{}, years: map[string]int{}}
	for _, r := range refs {
		if r.other {
			continue
		}
		if r.monthDay != "" {
			rs.monthDays[r.monthDay]++
		}
		if r.year != "" {
			rs.years[r.year]++
			rs.yearRefs++
		}
	}
	return rs
}

// dated reports whether a reference gives the event's year or day.
func (rs refSummary) dated(e Entry) bool {
	return len(e.Date) == 10 && (rs.years[e.Date[:4]] > 0 || rs.monthDays[e.Date[5:]] > 0)
}

// eventInfo is an attack-like Event of the gazetteer with the content words
// of each of its names.
type eventInfo struct {
	idx     int32
	content [][]string
}

func indexEvents(entries []Entry) []eventInfo {
	var out []eventInfo
	for i, e := range entries {
		if e.Kind != graph.Event || !attackLike(e) {
			continue
		}
		ev := eventInfo{idx: int32(i)}
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			var ws []string
			for _, t := range words([]rune(n)) {
				w := strings.ToLower(t.text)
				if len(w) < 3 || eventLex.heads[w] || eventLex.stops[w] || strings.IndexFunc(w, unicode.IsDigit) >= 0 ||
					w == "terrorist" {
					continue
				}
				ws = append(ws, w)
			}
			if len(ws) >= 2 {
				ev.content = append(ev.content, ws)
			}
		}
		out = append(out, ev)
	}
	return out
}

// namesIn reports whether the text holds every content word (two at least)
// of one of the event's names ("Moscow concert hall attack").
func (ev eventInfo) namesIn(ws map[string]bool) bool {
	for _, c := range ev.content {
		all := true
		for _, w := range c {
			all = all && ws[w]
		}
		if all {
			return true
		}
	}
	return false
}

// eventIndex narrows mainEvent's search to the events that can be strong
// evidence for an article: named in it, with a name's words in it, at a
// place it names, on a month and day it gives, or dated within the days
// before and after its date. An event none of these holds for scores as
// not strong, so it can never be the main event: skipping it leaves the
// answer as scoring every event gives (TestEventIndexAgrees).
type eventIndex struct {
	byID       map[string]int32   // entry id -> position in g.events
	byWord     map[string][]int32 // first content word of a name -> events
	byPlace    map[string][]int32 // OCCURRED_IN place -> events
	byMonthDay map[string][]int32 // "03-22" -> events on that day of any year
	byDay      []dayEvent         // events with a full date, by day
}

type dayEvent struct {
	day int64 // days since 1970-01-01
	ev  int32
}

func newEventIndex(events []eventInfo, entries []Entry) eventIndex {
	x := eventIndex{byID: map[string]int32{}, byWord: map[string][]int32{}, byPlace: map[string][]int32{},
		byMonthDay: map[string][]int32{}}
	for k, ev := range events {
		e := entries[ev.idx]
		x.byID[e.ID] = int32(k)
		seen := map[string]bool{}
		for _, c := range ev.content {
			if !seen[c[0]] {
				seen[c[0]] = true
				x.byWord[c[0]] = append(x.byWord[c[0]], int32(k))
			}
		}
		for _, p := range e.Places {
			x.byPlace[p] = append(x.byPlace[p], int32(k))
		}
		if len(e.Date) == 10 {
			x.byMonthDay[e.Date[5:]] = append(x.byMonthDay[e.Date[5:]], int32(k))
		}
		if t, ok := day(e.Date); ok {
			x.byDay = append(x.byDay, dayEvent{t.Unix() / 86400, int32(k)})
		}
	}
	slices.SortFunc(x.byDay, func(a, b dayEvent) int { return cmp.Compare(a.day, b.day) })
	return x
}

// candidates are the positions in g.events of the events that may be
// strong, in g.events' order (mainEvent breaks ties by that order).
func (x eventIndex) candidates(named map[string]int, places map[string]float64, textWords map[string]bool,
	rs refSummary, pub time.Time, hasPub bool) []int {
	set := map[int32]bool{}
	for id := range named {
		if k, ok := x.byID[id]; ok {
			set[k] = true
		}
	}
	for w := range textWords {
		for _, k := range x.byWord[w] {
			set[k] = true
		}
	}
	for p, w := range places {
		if w >= 3 {
			for _, k := range x.byPlace[p] {
				set[k] = true
			}
		}
	}
	for md := range rs.monthDays {
		for _, k := range x.byMonthDay[md] {
			set[k] = true
		}
	}
	if hasPub {
		// strong by date alone: published from one day before to ten after.
		lo, hi := pub.Unix()/86400-10, pub.Unix()/86400+1
		i, _ := slices.BinarySearchFunc(x.byDay, lo, func(d dayEvent, t int64) int { return cmp.Compare(d.day, t) })
		for ; i < len(x.byDay) && x.byDay[i].day <= hi; i++ {
			set[x.byDay[i].ev] = true
		}
	}
	out := make([]int, 0, len(set))
	for k := range set {
		out = append(out, int(k))
	}
	slices.Sort(out)
	return out
}
