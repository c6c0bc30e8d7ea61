package graph

import (
	"errors"
	"strings"
	"testing"
)

// evidenceSet is one Source with a text (with non-ASCII letters before the
// quote, so byte and code-point offsets differ), one without, two groups and
// an edge to vary.
func evidenceSet(ev Evidence) *DataSet {
	return &DataSet{Nodes: []Node{
		{ID: "source:text", Kind: Source, Name: "With text",
			Properties: map[string]any{"text": "Ünïcödé first. IS-K claimed the attack. IS-K claimed the attack."}},
		{ID: "source:web", Kind: Source, Name: "Without text"},
		{ID: "group:a", Kind: Group, Name: "A"},
		{ID: "group:b", Kind: Group, Name: "B"},
	}, Edges: []Edge{{Type: "AFFILIATE_OF", Source: "group:a", Target: "group:b", Evidence: ev}}}
}

func ptr(i int) *int { return &i }

func TestEvidenceRules(t *testing.T) {
	text := "Ünïcödé first. IS-K claimed the attack. IS-K claimed the attack."
	hash := TextSHA256(text)
	base := func(lvl EvidenceLevel, src, quote string) Evidence {
		return Evidence{Level: lvl, Sources: []string{src}, Quote: quote, Confidence: 50, Stance: Reported}
	}
	cases := []struct {
		name      string
		ev        Evidence
		wantField string // "" means valid
		wantWhy   string
	}{
		{"verified quote", base(EvidenceQuote, "source:text", "IS-K claimed the attack"), "", ""},
		{"missing level", base("", "source:text", "IS-K claimed the attack"), "evidence", "missing"},
		{"unknown level", base("hearsay", "source:text", "IS-K claimed the attack"), "evidence",
			"want quote, reported-quote or summary"},
		{"quote not in text", base(EvidenceQuote, "source:text", "IS-K denied it"), "quote", "not found verbatim"},
		{"quote of a source without text", base(EvidenceQuote, "source:web", "IS-K claimed"), "quoteSource",
			"no stored text"},
		{"JSON braces", base(EvidenceReportedQuote, "source:web", `{"subject": "ATK"}`), "quote", "looks like JSON"},
		{"JSON field name", base(EvidenceReportedQuote, "source:web",
			`ATK_FARIDUNI", "predicate": "traveled_to`), "quote", "looks like JSON"},
		{"reported quote", base(EvidenceReportedQuote, "source:web", "pressure on Central Asians"), "", ""},
		{"reported with offsets", func() Evidence {
			e := base(EvidenceReportedQuote, "source:web", "pressure")
			e.QuoteStart, e.QuoteEnd = ptr(0), ptr(8)
			return e
		}(), "quoteStart", "only evidence=quote"},
		{"reported with hash", func() Evidence {
			e := base(EvidenceReportedQuote, "source:web", "pressure")
			e.QuoteSHA256 = hash
			return e
		}(), "quoteSha256", "only evidence=quote"},
		{"summary", func() Evidence {
			e := base(EvidenceSummary, "source:web", "")
			e.Summary = "Wikipedia says four attackers were associated with IS-K."
			return e
		}(), "", ""},
		{"summary without words", base(EvidenceSummary, "source:web", ""), "summary", "empty"},
		{"summary with a quote", func() Evidence {
			e := base(EvidenceSummary, "source:web", "IS-K claimed")
			e.Summary = "IS-K claimed it."
			return e
		}(), "quote", "a summary has no quote"},
		{"quoteSource not among sources", func() Evidence {
			e := base(EvidenceReportedQuote, "source:web", "pressure")
			e.QuoteSource = "source:text"
			return e
		}(), "quoteSource", "must be one of the edge's sources"},
		{"right offsets and hash", func() Evidence {
			e := base(EvidenceQuote, "source:text", "IS-K claimed the attack")
			e.QuoteStart, e.QuoteEnd, e.QuoteSHA256 = ptr(40), ptr(63), hash
			return e
		}(), "", ""},
		{"offsets of another span", func() Evidence {
			e := base(EvidenceQuote, "source:text", "IS-K claimed the attack")
			e.QuoteStart, e.QuoteEnd = ptr(41), ptr(64)
			return e
		}(), "quoteStart", "not the quote"},
		{"offsets out of range", func() Evidence {
			e := base(EvidenceQuote, "source:text", "IS-K claimed the attack")
			e.QuoteStart, e.QuoteEnd = ptr(60), ptr(90)
			return e
		}(), "quoteEnd", "outside the text"},
		{"one offset only", func() Evidence {
			e := base(EvidenceQuote, "source:text", "IS-K claimed the attack")
			e.QuoteStart = ptr(15)
			return e
		}(), "quoteStart", "both"},
		{"wrong hash", func() Evidence {
			e := base(EvidenceQuote, "source:text", "IS-K claimed the attack")
			e.QuoteSHA256 = strings.Repeat("0", 64)
			return e
		}(), "quoteSha256", "not the sha256"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := evidenceSet(tc.ev)
			err := d.Validate(nil)
			if tc.wantField == "" {
				if err != nil {
					t.Fatalf("got %v, want valid", err)
				}
				return
			}
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("got %v, want a ValidationError on %s", err, tc.wantField)
			}
			for _, p := range ve.Problems {
				if p.Field == tc.wantField && strings.Contains(p.Reason, tc.wantWhy) && strings.HasPrefix(p.Record, "edges[0]") {
					return
				}
			}
			t.Errorf("got %v, want edges[0] field %s: ...%s...", ve.Problems, tc.wantField, tc.wantWhy)
		})
	}
}

// TestQuoteLocated: a verified quote without offsets gets those of its first
// occurrence, counted in code points, and the text's hash; the Source gets
// its textSha256 and textLength.
func TestQuoteLocated(t *testing.T) {
	d := evidenceSet(Evidence{Level: EvidenceQuote, Sources: []string{"source:text"},
		Quote: "IS-K claimed the attack", Confidence: 50, Stance: Reported})
	if err := d.Validate(nil); err != nil {
		t.Fatal(err)
	}
	ev := d.Edges[0].Evidence
	text := d.Nodes[0].Properties["text"].(string)
	if ev.QuoteStart == nil || ev.QuoteEnd == nil || *ev.QuoteStart != 15 || *ev.QuoteEnd != 38 {
		t.Fatalf("got offsets %v-%v, want 15-38 (code points, first occurrence)", ev.QuoteStart, ev.QuoteEnd)
	}
	if got := string([]rune(text)[*ev.QuoteStart:*ev.QuoteEnd]); got != ev.Quote {
		t.Errorf("text[start:end] = %q, want the quote", got)
	}
	if ev.QuoteSHA256 != TextSHA256(text) || len(ev.QuoteSHA256) != 64 {
		t.Errorf("quoteSha256 = %q, want the text's sha256", ev.QuoteSHA256)
	}
	if got := d.Nodes[0].Properties["textSha256"]; got != ev.QuoteSHA256 {
		t.Errorf("source textSha256 = %v, want %s", got, ev.QuoteSHA256)
	}
	if got := d.Nodes[0].Properties["textLength"]; got != int64(len([]rune(text))) {
		t.Errorf("source textLength = %v, want %d code points", got, len([]rune(text)))
	}
	if _, ok := d.Nodes[1].Properties["textSha256"]; ok {
		t.Errorf("a source without text got a textSha256")
	}
}

// TestQuoteCheckedAgainstStoredText: a quoteSource already in the database is
// checked against the text it has there.
func TestQuoteCheckedAgainstStoredText(t *testing.T) {
	known := map[string]Known{"source:stored": {Kind: Source, Text: "The stored text says IS-K did it."},
		"group:a": {Kind: Group}, "group:b": {Kind: Group}}
	mk := func(q string) *DataSet {
		return &DataSet{Edges: []Edge{{Type: "AFFILIATE_OF", Source: "group:a", Target: "group:b",
			Evidence: Evidence{Level: EvidenceQuote, Sources: []string{"source:stored"}, Quote: q,
				Confidence: 50, Stance: Reported}}}}
	}
	if err := mk("IS-K did it").Validate(known); err != nil {
		t.Errorf("quote in the stored text: got %v, want valid", err)
	}
	if err := mk("IS-K did not").Validate(known); err == nil || !strings.Contains(err.Error(),
		"not found verbatim in the text of source:stored") {
		t.Errorf("quote not in the stored text: got %v, want not found", err)
	}
}

func TestRuneSpan(t *testing.T) {
	for _, tc := range []struct {
		s          string
		start, end int
		want       string
		ok         bool
	}{{"äbc", 0, 1, "ä", true}, {"äbc", 1, 3, "bc", true}, {"äbc", 3, 3, "", true}, {"äbc", 2, 4, "",
		false}, {"äbc", -1, 1, "", false}, {"", 0, 0, "", true}} {
		got, ok := runeSpan(tc.s, tc.start, tc.end)
		if got != tc.want || ok != tc.ok {
			t.Errorf("runeSpan(%q, %d, %d) = %q, %v; want %q, %v", tc.s, tc.start, tc.end, got, ok, tc.want, tc.ok)
		}
	}
}

func TestParseEvidenceLevel(t *testing.T) {
	for s, want := range map[string]EvidenceLevel{"quote": EvidenceQuote,
		"Reported-Quote": EvidenceReportedQuote, "reported": EvidenceReportedQuote, "summary": EvidenceSummary} {
		if got, ok := ParseEvidenceLevel(s); !ok || got != want {
			t.Errorf("ParseEvidenceLevel(%q) = %q, %v; want %q", s, got, ok, want)
		}
	}
	if _, ok := ParseEvidenceLevel("verified"); ok {
		t.Errorf("ParseEvidenceLevel(verified) accepted")
	}
	if !(EvidenceQuote.Rank() > EvidenceReportedQuote.Rank() &&
		EvidenceReportedQuote.Rank() > EvidenceSummary.Rank() && EvidenceSummary.Rank() > EvidenceLevel("").Rank()) {
		t.Errorf("ranks not quote > reported-quote > summary > none")
	}
}

// TestRankPrefersVerifiedEvidence: at equal length, a path whose weakest hop
// is a verified quote ranks above one resting on a reported quote, which
// ranks above one resting on a summary, even when the weaker evidence has
// the higher confidence; and the explanation says so.
func TestRankPrefersVerifiedEvidence(t *testing.T) {
	hop := func(id string, lvl EvidenceLevel, conf int) Edge {
		return Edge{ID: id, Type: "AFFILIATE_OF", Source: "group:a", Target: "group:" + id,
			Evidence: Evidence{Level: lvl, Sources: []string{"source:s"}, Confidence: conf, Stance: Reported}}
	}
	mk := func(name string, lvl2 EvidenceLevel, conf int) Path {
		e1 := hop(name+"1", EvidenceQuote, conf)
		e2 := hop(name+"2", lvl2, conf)
		e2.Source = e1.Target
		return NewPath([]string{"group:a", e1.Target, e2.Target}, []Edge{e1, e2})
	}
	summary := mk("s", EvidenceSummary, 99)
	reported := mk("r", EvidenceReportedQuote, 90)
	verified := mk("v", EvidenceQuote, 40)
	ranked := RankPaths([]Path{summary, reported, verified}, 5)
	var got []string
	for _, p := range ranked {
		got = append(got, string(p.Score.WeakestEvidence))
	}
	if strings.Join(got, ",") != "quote,reported-quote,summary" {
		t.Fatalf("ranked by weakest evidence: got %v, want quote, reported-quote, summary", got)
	}
	if ranked[0].Score.VerifiedHops != 2 || ranked[1].Score.VerifiedHops != 1 {
		t.Errorf("verified hops: got %d, %d; want 2, 1", ranked[0].Score.VerifiedHops, ranked[1].Score.VerifiedHops)
	}
	for _, want := range []string{"weakest evidence a reported quote", "1 of 2 hop(s) verified quotes",
		"a verified quote ranks above a reported quote"} {
		if !strings.Contains(ranked[1].Score.Explanation, want) {
			t.Errorf("explanation %q does not say %q", ranked[1].Score.Explanation, want)
		}
	}
	// A shorter path still wins over a longer verified one.
	short := NewPath([]string{"group:a", "group:x"}, []Edge{hop("x", EvidenceSummary, 10)})
	if r := RankPaths([]Path{verified, short}, 5); r[0].Length != 1 {
		t.Errorf("got a %d-hop path first, want the 1-hop path", r[0].Length)
	}
	if h := ranked[0].Hops[1]; h.Level != EvidenceQuote {
		t.Errorf("hop evidence: got %q, want quote", h.Level)
	}
}

// TestSourceTextStoredOnce: two Sources with the same text are refused before
// anything is written (the database holds a text once, by its sha256).
func TestSourceTextStoredOnce(t *testing.T) {
	text := "The same report, word for word."
	d := &DataSet{Nodes: []Node{
		{ID: "source:one", Kind: Source, Name: "One", Properties: map[string]any{"text": text}},
		{ID: "source:two", Kind: Source, Name: "Two", Properties: map[string]any{"text": text}},
		{ID: "source:three", Kind: Source, Name: "Three", Properties: map[string]any{"text": text + " More."}},
	}}
	err := d.Validate(nil)
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("two sources with one text: got %v, want a ValidationError", err)
	}
	if len(ve.Problems) != 1 || ve.Problems[0].Field != "properties.text" ||
		!strings.Contains(ve.Problems[0].Reason, "same text as source source:one") {
		t.Errorf("problems = %+v, want one on source:two's text naming source:one", ve.Problems)
	}
}

// TestImportBatchPropertyReserved: a data set cannot set the property that
// links a record to the import that created it, on a node or an edge.
func TestImportBatchPropertyReserved(t *testing.T) {
	d := &DataSet{Nodes: []Node{
		{ID: "group:a", Kind: Group, Name: "A", Properties: map[string]any{ImportBatchProp: "import-x"}},
		{ID: "group:b", Kind: Group, Name: "B"},
	}, Edges: []Edge{{Source: "group:a", Target: "group:b", Type: "ALLIED_WITH",
		Properties: map[string]any{ImportBatchProp: "import-y"},
		Evidence:   Evidence{Sources: []string{"src"}, Summary: "s", Confidence: 50, Stance: "asserted"}}}}
	err := d.Validate(nil)
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("got %v, want a ValidationError", err)
	}
	n := 0
	for _, p := range ve.Problems {
		if p.Field == "properties."+ImportBatchProp && strings.Contains(p.Reason, "leave it out") {
			n++
		}
	}
	if n != 2 {
		t.Errorf("problems = %+v, want the node's and the edge's %s named", ve.Problems, ImportBatchProp)
	}
}
