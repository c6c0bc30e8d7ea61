package graph

import "strings"

// RelType describes one relationship type of the closed vocabulary: the kinds it
// may connect and what it means.
type RelType struct {
	Name string
	From []Kind
	To   []Kind
	Doc  string
}

// Vocabulary is the closed list of relationship types. A type not listed here is
// rejected on import and in queries; its name is safe to splice into Cypher
// because it is matched against this list first.
var Vocabulary = []RelType{
	{"AFFILIATE_OF", kinds(Group), kinds(Group), "a group is a branch, province or pledged affiliate of another"},
	{"SPLIT_FROM", kinds(Group), kinds(Group), "a group, or members of it, broke away from another"},
	{"CLAIMED_RESPONSIBILITY", kinds(Group, Person), kinds(Event), "the actor itself claimed the event (stance claimed)"},
	{"PUBLISHED_CLAIM", kinds(Group), kinds(Event), "a media arm published a claim, photos or video of the event"},
	{"PERPETRATED", kinds(Attacker, Group, Person), kinds(Event),
		"carried out, took part in or led the event; stance says who asserts it"},
	{"MEMBER_OF", kinds(Attacker, Person), kinds(Group), "belongs to or is associated with a group"},
	{"LEADER_OF", kinds(Person), kinds(Group), "led the group"},
	{"OFFICIAL_OF", kinds(Person), kinds(State), "holds or held office in the state"},
	{"HAS_NATIONALITY", kinds(Attacker, Person), kinds(Nationality), "a person's nationality or citizenship"},
	{"NATIONALITY_OF", kinds(Nationality), kinds(State), "the state a nationality belongs to"},
	{"OCCURRED_IN", kinds(Event), kinds(Location, State), "where the event took place"},
	{"LOCATED_IN", kinds(Location), kinds(Location, State), "a place lies within another place or a state"},
	{"TARGETED", kinds(Event, Group), kinds(State, Location, Nationality, Group),
		"the event or group was aimed at this target"},
	{"VICTIMS_FROM", kinds(Event), kinds(State, Nationality),
		"people of this state or nationality were among the victims"},
	{"WARNED_ABOUT", kinds(State, Person, Event), kinds(Event, State),
		"warned in advance of the event, or advised against travel to the state"},
	{"ISSUED", kinds(State, Person, Group), kinds(Event), "issued the statement, warning or order the event stands for"},
	{"PRECEDED", kinds(Event), kinds(Event), "the event came before the other and bears on it"},
	{"DEADLIEST_SINCE", kinds(Event), kinds(Event),
		"the event was the deadliest of its kind since the other, as the source says"},
	{"MOTIVATED_BY", kinds(Event), kinds(Event), "the event was a response to the other, as the source says"},
	{"TRIAL_OF", kinds(Event), kinds(Event), "a court case or verdict about the event"},
	{"PROSECUTED_IN", kinds(Attacker, Person), kinds(Event), "charged, tried or sentenced in the court event"},
	{"MILITARY_INVOLVEMENT_IN", kinds(State), kinds(State, Event, Location),
		"the state's armed forces act in that state, war or region"},
	{"ACCUSED", kinds(State, Person), kinds(State, Group, Person),
		"asserted the other was behind an event (stance alleged unless shown)"},
	{"ATTRIBUTED", kinds(State, Person), kinds(Group, State),
		"a government or official attributed an event to the other (event property)"},
	{"DENIED", kinds(State, Person), kinds(Event, State),
		"denied involvement in the event or rejected the other's claims"},
	{"CRITICIZED", kinds(State, Person), kinds(State, Person), "publicly criticised the other"},
	{"SPOKE_WITH", kinds(Person), kinds(Person), "briefed, called or condoled with the other"},
	{"RESPONDED_TO", kinds(State, Person), kinds(Event), "reacted officially: condemned, mourned, confirmed as terrorism"},
	{"INVESTIGATED", kinds(State), kinds(Event), "detained, charged or indicted suspects over the event"},
	{"DETAINED", kinds(State), kinds(Attacker, Person), "the state's forces detained the person"},
	{"DETAINED_AT", kinds(Attacker, Person), kinds(Location), "where the person was detained"},
	{"DESIGNATED_TERRORIST", kinds(State), kinds(Group, Attacker, Person),
		"the state listed the group or person as terrorist"},
	{"RECRUITED_FROM", kinds(Group), kinds(Nationality, State),
		"the group recruits among this nationality or in this state"},
	{"ACTIVE_IN", kinds(Group), kinds(State, Location), "the group operates or is based in the place"},
	{"TRAVELED_TO", kinds(Attacker, Person), kinds(State, Location), "the person travelled to or visited the place"},
	{"REPORTED_TOLL", kinds(Source), kinds(Event), "a source reported a death or injury figure for the event on a date"},
}

func kinds(ks ...Kind) []Kind { return ks }

var vocabIndex = func() map[string]*RelType {
	m := make(map[string]*RelType, len(Vocabulary))
	for i := range Vocabulary {
		m[Vocabulary[i].Name] = &Vocabulary[i]
	}
	return m
}()

// LookupRel returns the relationship type named s (case-insensitive, "-" or
// " " read as "_").
func LookupRel(s string) (*RelType, bool) {
	if rt, ok := vocabIndex[s]; ok { // the usual case, without allocating
		return rt, true
	}
	name := strings.ToUpper(relSeparators.Replace(strings.TrimSpace(s)))
	rt, ok := vocabIndex[name]
	return rt, ok
}

var relSeparators = strings.NewReplacer("-", "_", " ", "_")

// RelNames lists every relationship type name in vocabulary order.
func RelNames() []string {
	out := make([]string, len(Vocabulary))
	for i, rt := range Vocabulary {
		out[i] = rt.Name
	}
	return out
}

// Allows reports whether the type may connect a node of kind from to one of kind to.
func (rt *RelType) Allows(from, to Kind) bool {
	return has(rt.From, from) && has(rt.To, to)
}

func has(ks []Kind, k Kind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

func joinKinds(ks []Kind) string {
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = string(k)
	}
	return strings.Join(s, "|")
}

// VocabularyMarkdown renders the vocabulary as a Markdown table. docs/vocabulary.md
// is generated from it, and a test fails when the file drifts.
func VocabularyMarkdown() string {
	var b strings.Builder
	b.WriteString("# Vocabulary\n\nGenerated from `graph/kind.go` and `graph/vocab.go` by `go run " +
		"./cmd/actorgraph vocab`; a test fails when this file drifts.\n\n")
	b.WriteString("## Node kinds\n\nEvery node also carries the label `:Entity`. Ids are " +
		"`prefix:slug`.\n\n| kind | id prefix | meaning |\n|---|---|---|\n")
	for _, k := range Kinds {
		b.WriteString("| `" + string(k.Kind) + "` | `" + k.Prefix + ":` | " + k.Doc + " |\n")
	}
	b.WriteString("\n## Relationship types\n\n| type | from | to | meaning |\n|---|---|---|---|\n")
	for _, rt := range Vocabulary {
		// "|" would split a Markdown cell; kinds are listed with commas here.
		b.WriteString("| `" + rt.Name + "` | " + strings.ReplaceAll(joinKinds(rt.From), "|", ", ") + " | " +
			strings.ReplaceAll(joinKinds(rt.To), "|", ", ") + " | " + rt.Doc + " |\n")
	}
	b.WriteString("\n## Stances\n\n| stance | meaning |\n|---|---|\n")
	docs := map[Stance]string{
		Claimed:    "the actor itself says so (a claim of responsibility)",
		Attributed: "a third party, such as a government or investigators, assigns it",
		Alleged:    "a party to the conflict asserts it without public evidence",
		Denied:     "the actor or its side denies it",
		Reported:   "a source states it as fact",
	}
	for _, s := range Stances {
		b.WriteString("| `" + string(s) + "` | " + docs[s] + " |\n")
	}
	b.WriteString("\n## Evidence on every edge\n\n| field | meaning |\n|---|---|\n" +
		"| `evidence` | what the edge rests on: `quote` (a verbatim span of the stored text of " +
		"`quoteSource`, checked on import), `reported-quote` (words the curator says `quoteSource` " +
		"printed; its text is not stored, so they cannot be checked) or `summary` (the curator's own " +
		"words, in `summary`) |\n" +
		"| `sources` | ids of the `Source` nodes the edge rests on (at least one) |\n" +
		"| `quote` | `quote` and `reported-quote` only: words printed by the source named by " +
		"`quoteSource`; never JSON, field names or curator notes |\n" +
		"| `quoteSource` | the source the quote is from, one of `sources` (defaults to the first) |\n" +
		"| `quoteStart`, `quoteEnd` | `quote` only: offsets in Unicode code points of the quote in " +
		"the source's stored text (`text[quoteStart:quoteEnd] == quote`); the import fills them in " +
		"from the first occurrence when absent |\n" +
		"| `quoteSha256` | `quote` only: hex sha256 of the source's whole stored text (UTF-8), also " +
		"stored on the Source as `textSha256` beside `textLength` (code points); filled in when absent |\n" +
		"| `summary` | `summary` only: the curator's own words; a summary has no `quote` |\n" +
		"| `confidence` | 0-100: how sure the curator is the edge holds as stated |\n" +
		"| `stance` | one of the stances above |\n" +
		"| `validFrom`, `validTo` | when the relationship held (YYYY, YYYY-MM or YYYY-MM-DD) |\n" +
		"| `reportedOn` | when it was first reported (date of the source) |\n" +
		"| `inferred`, `reason` | true when the edge is an inference, and why |\n")
	return b.String()
}
