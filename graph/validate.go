package graph

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// Limits on record fields.
const (
	MaxIDLen    = 200
	MaxNameLen  = 500
	MaxQuoteLen = 4000
	MaxAliases  = 200
)

var idPattern = regexp.MustCompile(`^[a-z]+:[a-z0-9][a-z0-9._~-]*$`)

// ImportBatchProp is the stored property of a record an import created: the
// id of the import batch that recorded its creation (its history).
const ImportBatchProp = "importBatch"

// reservedProps are stored as node fields; properties may not set them.
var reservedProps = map[string]bool{"id": true, "kind": true, "name": true, "aliases": true, "keys": true,
	"marking": true, "markingRank": true}

// Known describes an entity already in the database that a data set refers to.
type Known struct {
	Kind Kind
	// Text is a Source's text, for quote checks.
	Text string
	// TextSHA256 is Text's hash, computed once per source rather than per
	// quote; "" means compute it from Text.
	TextSHA256 string
}

// ValidID reports why id is not a well-formed entity id, or "" when it is.
func ValidID(id string) string {
	switch {
	case id == "":
		return "empty; want prefix:slug, e.g. group:is-k"
	case len(id) > MaxIDLen:
		return fmt.Sprintf("longer than %d bytes", MaxIDLen)
	case !wellFormedID(id):
		return "want prefix:slug in lower case (letters, digits, . _ ~ -), e.g. group:is-k"
	}
	if _, ok := KindOfID(id); !ok {
		return "unknown prefix; want one of " + prefixList()
	}
	return ""
}

// wellFormedID is idPattern.MatchString(id), without the regexp: ids are
// checked for every node and both ends of every edge.
func wellFormedID(id string) bool {
	prefix, slug, ok := strings.Cut(id, ":")
	if !ok || prefix == "" || slug == "" {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		if c := prefix[i]; c < 'a' || c > 'z' {
			return false
		}
	}
	for i := 0; i < len(slug); i++ {
		c := slug[i]
		lowerOrDigit := (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
		if !lowerOrDigit && (i == 0 || (c != '.' && c != '_' && c != '~' && c != '-')) {
			return false
		}
	}
	return true
}

func prefixList() string {
	ps := make([]string, len(Kinds))
	for i, k := range Kinds {
		ps[i] = k.Prefix + ":"
	}
	return strings.Join(ps, ", ")
}

// ValidDate reports whether s is a calendar date YYYY-MM-DD.
func ValidDate(s string) bool {
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

// Validate checks every record of the data set, using known for ids it refers
// to but does not define. It fills in defaults (edge ids, quoteSource) and
// returns a ValidationError naming every bad record, field and value.
func (d *DataSet) Validate(known map[string]Known) error {
	var probs []Problem
	probs = append(probs, withRecord("(data set)", checkMarking(d.Marking))...)
	nodes := make(map[string]Known, len(d.Nodes))
	texts := map[string]string{} // textSha256 -> the Source that holds the text
	for i := range d.Nodes {
		n := &d.Nodes[i]
		rec := d.NodeRecord(i)
		p := ValidateNode(n)
		if _, dup := nodes[n.ID]; dup && n.ID != "" {
			p = append(p, DefinedTwice(n.ID))
		}
		text, _ := n.Properties["text"].(string)
		k := Known{Kind: n.Kind, Text: text}
		if n.Kind == Source && text != "" {
			var tp []Problem
			k.TextSHA256, tp = CheckSourceText(n, text, texts)
			p = append(p, tp...)
		}
		probs = append(probs, withRecord(rec, p)...)
		nodes[n.ID] = k
	}
	lookup := func(id string) (Known, bool) {
		if k, ok := nodes[id]; ok {
			return k, true
		}
		k, ok := known[id]
		if ok && k.Text != "" && k.TextSHA256 == "" {
			k.TextSHA256 = TextSHA256(k.Text)
			known[id] = k
		}
		return k, ok
	}
	edges := make(map[string]bool, len(d.Edges))
	for i := range d.Edges {
		e := &d.Edges[i]
		rec := d.EdgeRecord(i)
		if e.ID == "" && e.Type != "" && e.Source != "" && e.Target != "" {
			e.ID = EdgeID(strings.ToUpper(e.Type), e.Source, e.Target)
			rec = RecordName(rec, e.ID)
		}
		p := ValidateEdge(e, lookup)
		if edges[e.ID] {
			p = append(p, SharedEdgeID(e.ID))
		}
		edges[e.ID] = true
		probs = append(probs, withRecord(rec, p)...)
	}
	if len(probs) > 0 {
		return PrefixProblems(d.File, probs)
	}
	return nil
}

func withRecord(rec string, ps []Problem) []Problem {
	for i := range ps {
		ps[i].Record = rec
	}
	return ps
}

// ValidateNode checks one node on its own: id, kind, name, aliases and
// properties (Validate and the streaming reader run it on every node).
func ValidateNode(n *Node) []Problem {
	var p []Problem
	if why := ValidID(n.ID); why != "" {
		p = append(p, Problem{Field: "id", Value: n.ID, Reason: why})
	}
	k, ok := ParseKind(string(n.Kind))
	if !ok {
		p = append(p, Problem{Field: "kind", Value: string(n.Kind), Reason: "unknown kind; want one of " +
			strings.Join(KindNames(), ", ")})
	} else {
		n.Kind = k
		if idk, ok := KindOfID(n.ID); ok && idk != k {
			p = append(p, Problem{Field: "id", Value: n.ID,
				Reason: fmt.Sprintf("prefix says %s but kind is %s; use %s:...", idk, k, k.Prefix())})
		}
	}
	p = append(p, checkText("name", n.Name, MaxNameLen, true)...)
	if len(n.Aliases) > MaxAliases {
		p = append(p, Problem{Field: "aliases", Reason: fmt.Sprintf("more than %d aliases", MaxAliases)})
	}
	for _, a := range n.Aliases {
		p = append(p, checkText("aliases", a, MaxNameLen, true)...)
	}
	p = append(p, checkMarking(n.Marking)...)
	return append(p, checkProps(n.Properties)...)
}

func checkText(field, s string, max int, required bool) []Problem {
	switch {
	case required && strings.TrimSpace(s) == "":
		return []Problem{{Field: field, Reason: "empty"}}
	case !utf8.ValidString(s):
		return []Problem{{Field: field, Value: strings.ToValidUTF8(s, "?"), Reason: "not valid UTF-8"}}
	case len(s) > max:
		return []Problem{{Field: field, Value: s, Reason: fmt.Sprintf("longer than %d bytes", max)}}
	}
	return nil
}

// checkProps allows what Neo4j can store: scalars and lists of one scalar type.
func checkProps(m map[string]any) []Problem {
	var p []Problem
	for _, k := range sortedKeys(m) {
		field := "properties." + k
		if reservedProps[k] {
			p = append(p, Problem{Field: field, Reason: "reserved; set it as a top-level field"})
			continue
		}
		if k == ImportBatchProp {
			p = append(p, Problem{Field: field,
				Reason: "reserved: actorgraph sets it to the import that created the record; leave it out"})
			continue
		}
		if k == "" || !utf8.ValidString(k) || len(k) > 100 {
			p = append(p, Problem{Field: field, Reason: "property names must be 1-100 bytes of UTF-8"})
			continue
		}
		if why := checkValue(m[k]); why != "" {
			p = append(p, Problem{Field: field, Value: fmt.Sprint(m[k]), Reason: why})
			continue
		}
		if IsURLField(k) {
			p = append(p, checkURLValue(field, m[k])...)
		}
	}
	return p
}

func checkValue(v any) string {
	switch x := v.(type) {
	case string:
		if !utf8.ValidString(x) {
			return "not valid UTF-8"
		}
		return ""
	case bool, int64, float64, int:
		return ""
	case nil:
		return "null; leave the property out instead"
	case []any:
		var first string
		for _, e := range x {
			t := fmt.Sprintf("%T", e)
			if why := checkValue(e); why != "" || t == "[]interface {}" {
				return "lists may hold only strings, numbers or booleans"
			}
			if first == "" {
				first = t
			} else if t != first {
				return "a list must hold values of one type"
			}
		}
		return ""
	case []string:
		return ""
	}
	return "objects cannot be stored; flatten to scalars or lists of scalars"
}

// ValidateEdge checks one edge against the vocabulary and, through lookup,
// the nodes it names; it fills in the evidence it can derive.
func ValidateEdge(e *Edge, lookup func(string) (Known, bool)) []Problem {
	var p []Problem
	if e.ID != "" {
		p = append(p, checkText("id", e.ID, MaxIDLen+100, true)...)
	}
	rt, ok := LookupRel(e.Type)
	if !ok {
		p = append(p, Problem{Field: "type", Value: e.Type, Reason: "unknown relationship type; see docs/vocabulary.md"})
	} else {
		e.Type = rt.Name
	}
	from, okFrom := endpoint(&p, "source", e.Source, lookup)
	to, okTo := endpoint(&p, "target", e.Target, lookup)
	if ok && okFrom && okTo && !rt.Allows(from.Kind, to.Kind) {
		p = append(p, Problem{Field: "type", Value: e.Type,
			Reason: fmt.Sprintf("%s may not connect %s to %s; it connects %s to %s",
				rt.Name, from.Kind, to.Kind, joinKinds(rt.From), joinKinds(rt.To))})
	}
	p = append(p, checkMarking(e.Marking)...)
	return append(append(p, validateEvidence(&e.Evidence, lookup)...), checkProps(e.Properties)...)
}

// checkMarking allows no marking ("": the data set's or the default) or a
// TLP 2.0 one.
func checkMarking(m Marking) []Problem {
	if m == "" {
		return nil
	}
	if _, err := ParseMarking(string(m)); err != nil || ParsedMarking(m) != m {
		return []Problem{{Field: "marking", Value: string(m),
			Reason: "not a TLP 2.0 marking; want one of clear, green, amber, amber+strict, red"}}
	}
	return nil
}

func endpoint(p *[]Problem, field, id string, lookup func(string) (Known, bool)) (Known, bool) {
	if why := ValidID(id); why != "" {
		*p = append(*p, Problem{Field: field, Value: id, Reason: why})
		return Known{}, false
	}
	k, ok := lookup(id)
	if !ok {
		*p = append(*p, Problem{Field: field, Value: id,
			Reason: "dangling: no node with this id in the data set or the database"})
	}
	return k, ok
}

func validateEvidence(ev *Evidence, lookup func(string) (Known, bool)) []Problem {
	var p []Problem
	if len(ev.Sources) == 0 {
		p = append(p, Problem{Field: "sources", Reason: "missing evidence: name at least one source id"})
	}
	for _, s := range ev.Sources {
		k, ok := lookup(s)
		switch {
		case !ok:
			p = append(p, Problem{Field: "sources", Value: s, Reason: "no Source with this id in the data set or the database"})
		case k.Kind != Source:
			p = append(p, Problem{Field: "sources", Value: s, Reason: "is a " + string(k.Kind) + ", not a Source"})
		}
	}
	p = append(p, checkLevel(ev, lookup)...)
	if ev.Confidence < 0 || ev.Confidence > 100 {
		p = append(p, Problem{Field: "confidence", Value: itoa(ev.Confidence), Reason: "out of range; want 0-100"})
	}
	if st, ok := ParseStance(string(ev.Stance)); ok {
		ev.Stance = st
	} else {
		p = append(p, Problem{Field: "stance", Value: string(ev.Stance), Reason: "want one of " +
			strings.Join(StanceNames(), ", ")})
	}
	for _, d := range []struct{ field, v string }{{"validFrom", ev.ValidFrom}, {"validTo", ev.ValidTo},
		{"reportedOn", ev.ReportedOn}} {
		if d.v != "" && !ValidDate(d.v) {
			p = append(p, Problem{Field: d.field, Value: d.v, Reason: "not a date; want YYYY-MM-DD"})
		}
	}
	if ev.ValidFrom != "" && ev.ValidTo != "" && ev.ValidTo < ev.ValidFrom {
		p = append(p, Problem{Field: "validTo", Value: ev.ValidTo, Reason: "before validFrom " + ev.ValidFrom})
	}
	if ev.Inferred && strings.TrimSpace(ev.Reason) == "" {
		p = append(p, Problem{Field: "reason", Reason: "an inferred edge must say why (reason)"})
	}
	return p
}

// DefinedTwice and SharedEdgeID are the problems only a whole data set
// shows; Validate and the streaming reader word them alike.
func DefinedTwice(id string) Problem {
	return Problem{Field: "id", Value: id, Reason: "defined twice in this data set"}
}

func SharedEdgeID(id string) Problem {
	return Problem{Field: "id", Value: id, Reason: "two edges share this id; give each an explicit distinct id"}
}

// CheckSourceText sets a Source's text hash and length and refuses a text
// another Source of the data set holds (texts: hash -> the first Source's
// id, kept as a copy). It returns the text's hash.
func CheckSourceText(n *Node, text string, texts map[string]string) (string, []Problem) {
	hash := TextSHA256(text)
	p := setTextHash(n, hash)
	if first, dup := texts[hash]; dup && first != n.ID {
		p = append(p, Problem{Field: "properties.text", Reason: "is the same text as source " + first +
			"; a text is stored once: cite " + first + " instead"})
	} else {
		texts[hash] = strings.Clone(n.ID)
	}
	return hash, p
}

// setTextHash stores a Source's textSha256 and textLength (code points), the
// values quotes are checked against; given values must agree.
func setTextHash(n *Node, hash string) []Problem {
	var p []Problem
	length := int64(TextLength(n.Properties["text"].(string)))
	if v, ok := n.Properties["textSha256"]; ok && fmt.Sprint(v) != hash {
		p = append(p, Problem{Field: "properties.textSha256", Value: fmt.Sprint(v),
			Reason: "is not the sha256 of the text (" + hash + "); leave it out and the import sets it"})
	}
	if v, ok := n.Properties["textLength"]; ok && fmt.Sprint(v) != fmt.Sprint(length) {
		p = append(p, Problem{Field: "properties.textLength", Value: fmt.Sprint(v),
			Reason: fmt.Sprintf("the text has %d code points; leave it out and the import sets it", length)})
	}
	n.Properties["textSha256"], n.Properties["textLength"] = hash, length
	return p
}
