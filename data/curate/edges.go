package curate

import (
	"fmt"
	"strings"
)

// edgeObject is one curated edge as the data set holds it, its confidence
// capped to the band of its best-graded source. A verified quote's offsets
// and hash are added later, by the import's validation (locate).
func (c *Curation) edgeObject(e Edge, grades map[string]string) (Object, error) {
	best := BestGrade(e.Sources, func(id string) string { return grades[id] })
	if best == "" {
		return nil, fmt.Errorf("cites no graded source (sources %v)", e.Sources)
	}
	if e.QuoteStart != nil || e.QuoteEnd != nil || e.QuoteSHA256 != "" {
		return nil, fmt.Errorf("quoteStart, quoteEnd and quoteSha256 are not curated: the import finds them in the source's text")
	}
	lo, hi := Band(best, string(e.Stance), e.Inferred)
	conf, capped := e.Confidence, ""
	switch {
	case conf > hi:
		capped = fmt.Sprintf("%d -> %d (best source grade %s)", conf, hi, best)
		conf = hi
	case conf < lo:
		return nil, fmt.Errorf("confidence %d is below the band %d-%d of its best source grade %s: "+
			"raise it, or cite what supports it", conf, lo, hi, best)
	}
	o := Object{}
	if e.Key != "" {
		o = append(o, Member{"id", e.ID()})
	}
	o = append(o, Member{"type", e.Type}, Member{"source", e.From}, Member{"target", e.To},
		Member{"sources", e.Sources}, Member{"evidence", string(e.Level)}, Member{"confidence", conf}, Member{"stance", string(e.Stance)})
	for _, m := range []Member{{"validFrom", e.ValidFrom}, {"validTo", e.ValidTo}} {
		if m.Value != "" {
			o = append(o, m)
		}
	}
	o = append(o, Member{"reportedOn", e.ReportedOn})
	if e.Inferred {
		o = append(o, Member{"inferred", true}, Member{"reason", e.Reason})
	}
	props, err := c.edgeProps(e, capped)
	if err != nil {
		return nil, err
	}
	if len(props) > 0 {
		o = append(o, Member{"properties", props})
	}
	o = append(o, Member{"quote", e.Quote})
	switch e.Level {
	case "quote", "reported-quote":
		if e.Summary != "" {
			return nil, fmt.Errorf("evidence %s with a summary: a summary belongs to evidence summary", e.Level)
		}
		o = append(o, Member{"quoteSource", e.QuoteSource})
	default:
		if e.QuoteSource != "" {
			return nil, fmt.Errorf("evidence %s with a quoteSource: only a quote has one", e.Level)
		}
		o = append(o, Member{"summary", e.Summary})
	}
	return o, nil
}

// edgeProps is the curated properties, then what Build derives: the public
// facts read (publicFacts, their alsoSources), the note a figure came from
// (figureBasis) and a capped confidence (confidenceCapped).
func (c *Curation) edgeProps(e Edge, capped string) (Object, error) {
	props := append(Object{}, e.Properties...)
	for _, k := range []string{"publicFacts", "alsoSources", "figureBasis", "confidenceCapped"} {
		if _, ok := props.Get(k); ok {
			return nil, fmt.Errorf("properties.%s is derived by the generator; leave it out", k)
		}
	}
	if len(e.Facts) > 0 && e.FactNote != 0 {
		return nil, fmt.Errorf("give facts or factNote, not both")
	}
	if len(e.Facts) > 0 {
		var facts, also []any
		for _, n := range e.Facts {
			f, err := c.fact(n)
			if err != nil {
				return nil, err
			}
			facts = append(facts, n)
			for _, u := range f.Properties.AlsoSources {
				if !containsAny(also, u) {
					also = append(also, u)
				}
			}
		}
		props = append(props, Member{"publicFacts", facts})
		if len(also) > 0 {
			props = append(props, Member{"alsoSources", also})
		}
	}
	if e.FactNote != 0 {
		if _, err := c.fact(e.FactNote); err != nil {
			return nil, err
		}
		props = append(props, Member{"publicFacts", []any{e.FactNote}},
			Member{"figureBasis", fmt.Sprintf("given in the compilation's note on fact %d", e.FactNote)})
	}
	if capped != "" {
		props = append(props, Member{"confidenceCapped", capped})
	}
	return props, nil
}

// checkCoverage: every public fact is imported by some edge or listed in
// not-imported.json, and no rejected fact is imported.
func (c *Curation) checkCoverage() []string {
	used := map[int]bool{}
	for _, e := range c.Edges {
		for _, n := range e.Facts {
			used[n] = true
		}
		if e.FactNote != 0 {
			used[e.FactNote] = true
		}
	}
	skipped := map[int]string{}
	var out []string
	for _, s := range c.NotImported {
		if s.Fact < 1 || s.Fact > len(c.facts) {
			out = append(out, fmt.Sprintf("not-imported.json: no public fact %d", s.Fact))
		}
		skipped[s.Fact] = s.Reason
		if used[s.Fact] && strings.Contains(s.Reason, "rejected") {
			out = append(out, fmt.Sprintf("public fact %d is listed as rejected but an edge imports it", s.Fact))
		}
	}
	for n := 1; n <= len(c.facts); n++ {
		if _, ok := skipped[n]; !ok && !used[n] {
			out = append(out, fmt.Sprintf("public fact %d is neither imported by an edge (facts) nor "+
				"listed in not-imported.json", n))
		}
	}
	return out
}

// checkCited: every web source in sources.json is cited by some edge.
func (c *Curation) checkCited() []string {
	cited := map[string]bool{}
	for _, e := range c.Edges {
		for _, s := range e.Sources {
			cited[s] = true
		}
		cited[e.From], cited[e.To] = true, true
	}
	var out []string
	for _, w := range c.Sources.Web {
		if !cited[w.ID] {
			out = append(out, fmt.Sprintf("sources.json: %s is cited by no edge; remove it or cite it", w.ID))
		}
	}
	return out
}
