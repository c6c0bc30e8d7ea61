package ingest

import (
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// sceneEvent is the article's event as the subject of a violent verb in a
// sentence that names no other event ("gunmen opened fire at ...").
func (d *doc) sceneEvent(s *sentence, h cueHit) *mention {
	if d == nil || d.main == nil {
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
		if !placeKind(m.kind) || !hasAny(between, " in ", " at ", " near ", " outside ", " on ", " inside ") {
			continue
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
	if from == nil || to == nil || from.kind != graph.Location {
		return nil, nil
	}
	after := lower(s.text, to.End, to.End+6)
	before := lower(s.text, from.Start-6, from.Start)
	if strings.HasPrefix(after, " and") || strings.HasPrefix(after, ", ") && !strings.HasPrefix(after, ", on") || strings.HasSuffix(before, ", ") {
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
func (g *Gazetteer) attribution(s *sentence, h cueHit, speaker, perp *mention, quoteStart int, meta Meta) []graph.Candidate {
	rt, _ := graph.LookupRel("ATTRIBUTED")
	spID, spName := g.end(speaker, rt.From, s.date)
	pID, pName := g.end(perp, rt.To, s.date)
	if spID == "" || pID == "" || spID == pID {
		return nil
	}
	return []graph.Candidate{{Source: meta.SourceID, Type: rt.Name, From: spID, To: pID, FromName: spName, ToName: pName,
		Stance: graph.Attributed, Confidence: confidence(graph.Attributed, meta.Reliability), Quote: string(s.text[quoteStart:s.span.End]),
		Start: quoteStart, End: s.span.End, Cue: string(s.text[h.start:h.end]), Status: graph.Pending, Resolved: resolved(speaker, perp)}}
}
