package ingest_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/ingest"
)

// The forms real reporting takes, each against the Crocus set: the event
// referred to, not named; tenses, aspects, passives and headline grammar;
// subjects given as a pronoun or a role noun; a quotation closed by its
// speaker. Each case names an edge that must be proposed (with its stance)
// or must not be.

const crocusEvent = "event:2024-03-22-crocus-city-hall"

const amaqNames = "Islamic State claimed the attack on Crocus City Hall. A statement on its Amaq news agency said a suicide bomber it identified as Muhammad al-Uyghuri detonated an explosive vest among the crowd."

const policeText = "MOSCOW, March 24 - Gunmen attacked Crocus City Hall in Krasnogorsk, Russia, on Friday, killing 137 people. The United States said it had warned Russia of an attack. Police have arrested Dalerdzhon Mirzoyev."

type grammarCase struct {
	text string
	want string       // "TYPE from to"
	st   graph.Stance // "" means want must NOT be proposed
}

func TestRealGrammar(t *testing.T) {
	g := crocus(t)
	claimIS := "CLAIMED_RESPONSIBILITY group:islamic-state " + crocusEvent
	claimISK := "CLAIMED_RESPONSIBILITY group:is-k " + crocusEvent
	for _, tc := range []grammarCase{
		// Event references resolved to the article's event by date and place.
		{"Islamic State has claimed responsibility for the attack.", claimIS, graph.Claimed},
		{"Friday's attack on the concert hall in Krasnogorsk killed 137 people. Islamic State claimed it within hours.",
			claimIS, graph.Claimed},
		{"The Islamic State group has already taken responsibility for Friday's assault.", claimIS, graph.Claimed},
		{"IS-K claims assault on Moscow concert hall", claimISK, graph.Claimed},
		// A group's statement naming its bomber in a relative clause: the
		// group claims him as its member, not its news agency.
		{amaqNames, "PERPETRATED new:muhammad-al-uyghuri " + crocusEvent, graph.Claimed},
		{amaqNames, "MEMBER_OF new:muhammad-al-uyghuri group:islamic-state", graph.Claimed},
		{amaqNames, "MEMBER_OF new:muhammad-al-uyghuri group:amaq", ""},
		// The group owning the attacker claims the attack ("one of its soldiers").
		{"Islamic State says Crocus City Hall attacker was one of its \"soldiers\"", claimIS, graph.Claimed},
		{"Islamic State said the Crocus City Hall attacker was one of its fighters.", claimIS, graph.Claimed},
		// "the group" far from its name stands for the one group the article has named.
		{"IS-K claimed the attack on Crocus City Hall. Gunmen opened fire on concert-goers. The building burned for hours. Firefighters worked through the night. The group named the bomber as Abu Dara Kuli.",
			"PERPETRATED new:abu-dara-kuli " + crocusEvent, graph.Claimed},
		{"IS-K claimed the attack on Crocus City Hall. Islamic State praised it. The building burned for hours. Firefighters worked through the night. The group named the bomber as Abu Dara Kuli.",
			"PERPETRATED new:abu-dara-kuli " + crocusEvent, graph.Reported}, // two groups named: whose word it is stays open
		// "their" soldiers; a role noun refers to the armed group, not its news agency.
		{"Hours later Amaq, the news agency linked to Islamic State, released a video. The militants had already claimed that the attacker was one of their soldiers.", claimIS, graph.Claimed},
		{"Hours later Amaq, the news agency linked to Islamic State, released a video. The militants had already claimed that the attacker was one of their soldiers.", "CLAIMED_RESPONSIBILITY group:amaq " + crocusEvent, ""},
		{"Responsibility for the massacre was claimed by Islamic State.", claimIS, graph.Claimed},
		{"The attack, claimed by Islamic State, killed 137 people.", claimIS, graph.Claimed},
		{"Tajikistan denied involvement in the attack.", "DENIED state:tj " + crocusEvent, graph.Denied},
		// Two peoples' adjectives before a place noun: the one with a state places it.
		{"Police raided a flat in the Russian Chechen city of Grozny.", "LOCATED_IN new:grozny state:ru", graph.Reported},
		// Bare "police" are the police of the country the story happens in,
		// not of the last state named; "Tajik police" are Tajikistan's.
		{policeText, "DETAINED state:ru attacker:dalerdzhon-mirzoyev", graph.Reported},
		{policeText, "DETAINED state:us attacker:dalerdzhon-mirzoyev", ""},
		{"Gunmen attacked Crocus City Hall in Krasnogorsk, Russia, on Friday. Tajik police have arrested Dalerdzhon Mirzoyev.", "DETAINED state:tj attacker:dalerdzhon-mirzoyev", graph.Reported},
		// The actor's own name for its target inside a cue.
		{"Russia struck what it called terrorist infrastructure in Ukraine.", "MILITARY_INVOLVEMENT_IN state:ru state:ua",
			graph.Reported},
		{"Russia launched strikes on Ukraine.", "MILITARY_INVOLVEMENT_IN state:ru state:ua", graph.Reported},
		// Being somewhere is having gone there.
		{"Vladimir Putin, who was in Moscow on the day of the attack, laid flowers at the hall.",
			"TRAVELED_TO person:vladimir-putin location:moscow", graph.Reported},
		// An adverbial phrase between subject and verb: its object is no subject.
		{"Russian officials had in the first hours after the attack pointed at Ukraine.", "ACCUSED state:ru state:ua",
			graph.Alleged},
		{"Ukraine has denied any role in the attack.", "DENIED state:ua " + crocusEvent, graph.Denied},
		// The unnamed affiliate claims, not its parent.
		{"Islamic State's Afghan affiliate claimed responsibility for Friday's attack on Crocus City Hall.", claimIS, ""},
		// A possessor past its adjective owns the branch; "known as" names it.
		{"IS-K, Islamic State's Afghan affiliate, claimed the attack.", "AFFILIATE_OF group:is-k group:islamic-state",
			graph.Reported},
		{"Islamic State's Afghan branch, known as IS-K, claimed the attack.", "AFFILIATE_OF group:is-k group:islamic-state",
			graph.Reported},
		// Suspicion and blame without a speaker: alleged; "attributed to":
		// attributed. A negation in the clause before "but" is not the cue's.
		{"IS-K is believed to be behind the attack on Crocus City Hall.", "PERPETRATED group:is-k " + crocusEvent,
			graph.Alleged},
		{"The attack on Crocus City Hall was blamed on IS-K.", "PERPETRATED group:is-k " + crocusEvent, graph.Alleged},
		{"The attack on Crocus City Hall has been attributed to IS-K.", "PERPETRATED group:is-k " + crocusEvent,
			graph.Attributed},
		{"Gunmen attacked Crocus City Hall. No group claimed it, but suspicion fell on IS-K.",
			"PERPETRATED group:is-k " + crocusEvent, graph.Alleged},
		{"Islamic State did not claim the attack but IS-K claimed it on Crocus City Hall.", claimISK, graph.Claimed},
		{"According to IS-K, its fighters carried out the attack on Crocus City Hall.", claimISK, graph.Claimed},
		{"Islamic State did not claim the attack but IS-K claimed it on Crocus City Hall.", claimIS, ""},
		// An arrest told by the state's agency, or made "by" its police.
		{"Gunmen attacked Crocus City Hall. Dalerdzhon Mirzoyev was arrested in the Bryansk region, the FSB said.",
			"DETAINED state:ru attacker:dalerdzhon-mirzoyev", graph.Reported},
		{"Gunmen attacked Crocus City Hall. Dalerdzhon Mirzoyev was taken into custody by Russian police.",
			"DETAINED state:ru attacker:dalerdzhon-mirzoyev", graph.Reported},
		// Citizenship, origin and travel in other words.
		{"Dalerdzhon Mirzoyev, who holds Tajik citizenship, was detained.",
			"HAS_NATIONALITY attacker:dalerdzhon-mirzoyev nationality:tajik", graph.Reported},
		{"Dalerdzhon Mirzoyev, originally from Tajikistan, was detained.",
			"HAS_NATIONALITY attacker:dalerdzhon-mirzoyev nationality:tajik", graph.Reported},
		{"Dalerdzhon Mirzoyev had returned from Turkey weeks before the attack.",
			"TRAVELED_TO attacker:dalerdzhon-mirzoyev state:tr", graph.Reported},
		{"Dalerdzhon Mirzoyev had spent time in Turkey.", "TRAVELED_TO attacker:dalerdzhon-mirzoyev state:tr",
			graph.Reported},
		// A leader's response with the event implied.
		{"Gunmen attacked Crocus City Hall. Putin declared a national day of mourning.",
			"RESPONDED_TO person:vladimir-putin " + crocusEvent, graph.Reported},
		{"Gunmen attacked Crocus City Hall. Putin addressed the nation on Saturday.",
			"RESPONDED_TO person:vladimir-putin " + crocusEvent, graph.Reported},
		{"Gunmen attacked Crocus City Hall. Putin promised that all those responsible would be punished.",
			"RESPONDED_TO person:vladimir-putin " + crocusEvent, graph.Reported},
		// Denials without "deny": no part, no role, not involved, not behind.
		{"Ukraine said it played no part in the attack at Crocus City Hall.", "DENIED state:ua " + crocusEvent, graph.Denied},
		{"Tajikistan said it was not involved in the attack on Crocus City Hall.", "DENIED state:tj " + crocusEvent,
			graph.Denied},
		{"Ukraine denied being behind the attack on Crocus City Hall.", "DENIED state:ua " + crocusEvent, graph.Denied},
		// Someone else's word that a state was or was not involved: an
		// accusation, or nothing; never the state's own denial.
		{"Putin said Ukraine was behind the attack on Crocus City Hall.", "ACCUSED person:vladimir-putin state:ua",
			graph.Alleged},
		{"Ukraine was behind the attack on Crocus City Hall, the Kremlin said.", "ACCUSED state:ru state:ua", graph.Alleged},
		{"Putin said Ukraine was not behind the attack on Crocus City Hall.", "ACCUSED person:vladimir-putin state:ua", ""},
		{"Ukraine said it had no role in the attack on Crocus City Hall, Zelensky said.", "DENIED state:ua " + crocusEvent,
			graph.Denied},
		// "not involved in any way": the article's event, not the state
		// named later in the sentence.
		{"Gunmen attacked Crocus City Hall. Ukraine \"was not involved in any way\" and had no reason to think Tajikistan was, Kyiv said.",
			"DENIED state:ua state:tj", ""},
		{"Gunmen attacked Crocus City Hall. Ukraine \"was not involved in any way\" and had no reason to think Tajikistan was, Kyiv said.",
			"DENIED state:ua " + crocusEvent, graph.Denied},
		// Governments by their seat.
		{"The Kremlin accused Ukraine of involvement in the attack.", "ACCUSED state:ru state:ua", graph.Alleged},
		{"Kyiv denied any involvement in the attack.", "DENIED state:ua " + crocusEvent, graph.Denied},
		// Subjects as pronouns and role nouns; a group saying it carried out
		// an attack claims it.
		{"Islamic State published a statement on Friday night. It said its fighters carried out the attack.", claimIS,
			graph.Claimed},
		{"Islamic State released a statement. The group said it was behind the attack.", claimIS, graph.Claimed},
		// A quotation closed by its speaker in the next sentence.
		{"Islamic State issued a statement through Amaq on Saturday. \"We carried out the attack on the hall. Our fighters withdrew safely,\" the group said in the statement posted by Amaq.",
			claimIS, graph.Claimed},
		{"\"Our brothers carried out the attack,\" said Islamic State.", claimIS, graph.Claimed},
		// The attack described, not named: where the killing or the driving
		// happened is where the article's event occurred; a state before
		// "troops" is not a place; "suspected of" hedges who, not where.
		{"The man suspected of killing 137 people at Crocus City Hall was detained.",
			"OCCURRED_IN " + crocusEvent + " location:crocus-city-hall", graph.Reported},
		// Where a body sits is not where the event occurred.
		{"The U.S. Embassy in Moscow warned on March 7 of an imminent attack.",
			"OCCURRED_IN " + crocusEvent + " location:moscow", ""},
		{"Gunmen attacked the hall. Police in Moscow said the attack killed 137 people.",
			"OCCURRED_IN " + crocusEvent + " location:moscow", ""},
		{"The massacre occurred in Krasnogorsk on Friday.", "OCCURRED_IN " + crocusEvent + " location:krasnogorsk",
			graph.Reported},
		{"Gunmen opened fire at Crocus City Hall on Friday.", "OCCURRED_IN " + crocusEvent + " location:crocus-city-hall",
			graph.Reported},
		{"Hours later a van was driven into a crowd in Krasnogorsk.", "OCCURRED_IN " + crocusEvent + " location:krasnogorsk",
			graph.Reported},
		{"The gunmen killed 13 U.S. troops and scores of civilians.", "OCCURRED_IN " + crocusEvent + " state:ru", ""},
		// A leader's response, the second verb's subject the clause's.
		{"President Vladimir Putin cancelled a planned visit to Tajikistan and chaired a security meeting on Saturday.",
			"RESPONDED_TO person:vladimir-putin " + crocusEvent, graph.Reported},
		{"President Vladimir Putin, who was in Moscow on the day of the attack, laid flowers at the hall.",
			"RESPONDED_TO person:vladimir-putin " + crocusEvent, graph.Reported},
		{"President Vladimir Putin thanked the police and soldiers who took part in the search.",
			"RESPONDED_TO person:vladimir-putin " + crocusEvent, graph.Reported},
		// A bare naming verb names a perpetrator only with a perpetrator
		// word between it and its "as", or as the passive's subject.
		{"Investigators identified two of the gunmen as Dalerdzhon Mirzoyev and another man.",
			"PERPETRATED attacker:dalerdzhon-mirzoyev " + crocusEvent, graph.Attributed},
		{"Four gunmen stormed the hall. One of them was later identified as Dalerdzhon Mirzoyev.",
			"PERPETRATED attacker:dalerdzhon-mirzoyev " + crocusEvent, graph.Reported},
		{"The court named Dalerdzhon Mirzoyev as a defendant in the case over the attack.",
			"PERPETRATED attacker:dalerdzhon-mirzoyev " + crocusEvent, ""},
		// A group sharing the attack, the attackers' group, a group naming
		// its own.
		{"Islamic State, the group behind many attacks, said it had carried out the attack together with IS-K.",
			"PERPETRATED group:is-k " + crocusEvent, graph.Claimed},
		{"Russian investigators said the attackers belonged to IS-K.", "PERPETRATED group:is-k " + crocusEvent,
			graph.Attributed},
		{"Islamic State claimed the attack on Friday. The group named the gunman as Dalerdzhon Mirzoyev.",
			"PERPETRATED attacker:dalerdzhon-mirzoyev " + crocusEvent, graph.Claimed},
		// "who they said" is an aside, not the subject speaking.
		{"Police named Dalerdzhon Mirzoyev, 32, a former worker who they said had belonged to IS-K for a year.",
			"MEMBER_OF attacker:dalerdzhon-mirzoyev group:is-k", graph.Attributed},
		// People are no place; a scene dated in another month is another event.
		{"It was the deadliest attack on Russian people in two decades.", "OCCURRED_IN " + crocusEvent + " state:ru", ""},
		{"The gunmen were trained with the two men who attacked a hall in Krasnogorsk in June.",
			"OCCURRED_IN " + crocusEvent + " location:krasnogorsk", ""},
		{"The gunmen attacked the hall in Krasnogorsk in March.", "OCCURRED_IN " + crocusEvent + " location:krasnogorsk",
			graph.Reported},
		// A sentence about the event naming a place it is known to have
		// occurred in, after a preposition of place.
		{"Security was tightened across Russia after the attack.", "OCCURRED_IN " + crocusEvent + " state:ru",
			graph.Reported},
		{"The attack inflamed tensions between the government and Russia's Muslims.",
			"OCCURRED_IN " + crocusEvent + " state:ru", ""},
		// "issued a claim": the article's event; "through its agency" is an aside.
		{"Then Islamic State, through its Amaq news agency, issued a claim of its own, saying one of its fighters had targeted a gathering.", claimIS, graph.Claimed},
		{"Then Islamic State, through its Amaq news agency, issued a claim of its own, saying one of its fighters had targeted a gathering.",
			"CLAIMED_RESPONSIBILITY group:amaq " + crocusEvent, ""},
		// A leader speaking, by title, of the attack or its perpetrators
		// responds to it; a militant speaking does not.
		{"Russian President Vladimir Putin said in a written statement that the attackers were trying to create chaos.",
			"RESPONDED_TO person:vladimir-putin " + crocusEvent, graph.Reported},
		{"\"We will hold accountable anyone who is behind this,\" President Vladimir Putin told reporters.",
			"RESPONDED_TO person:vladimir-putin " + crocusEvent, graph.Reported},
		{"IS-K, the group led by the militant Vladimir Putin, said it had carried out the attack.",
			"RESPONDED_TO person:vladimir-putin " + crocusEvent, ""},
		// A person described by a group's role noun is its member.
		{"Police said Dalerdzhon Mirzoyev was an IS-K recruiter.", "MEMBER_OF attacker:dalerdzhon-mirzoyev group:is-k",
			graph.Attributed},
		{"Dalerdzhon Mirzoyev, a suspected IS-K member, was detained.", "MEMBER_OF attacker:dalerdzhon-mirzoyev group:is-k",
			graph.Alleged},
		{"Dalerdzhon Mirzoyev, a top IS-K commander, was killed.", "MEMBER_OF attacker:dalerdzhon-mirzoyev group:is-k",
			graph.Reported},
		{"The IS-K-linked gunman Dalerdzhon Mirzoyev was detained.", "MEMBER_OF attacker:dalerdzhon-mirzoyev group:is-k",
			graph.Reported},
		{"Dalerdzhon Mirzoyev had been recruited by IS-K.", "MEMBER_OF attacker:dalerdzhon-mirzoyev group:is-k",
			graph.Reported},
		{"President Vladimir Putin said IS-K militants attacked the hall.", "MEMBER_OF person:vladimir-putin group:is-k", ""},
		// A state's security agency acts for the state.
		{"The FSB detained Dalerdzhon Mirzoyev on Saturday.", "DETAINED state:ru attacker:dalerdzhon-mirzoyev",
			graph.Reported},
		{"FSB director Boris Ivanov briefed reporters.", "OFFICIAL_OF new:boris-ivanov state:ru", graph.Reported},
		{"Authorities in Tajikistan arrested Dalerdzhon Mirzoyev.", "DETAINED state:tj attacker:dalerdzhon-mirzoyev",
			graph.Reported},
		// "The attack came ... after" an earlier event: it preceded this one.
		{"Gunmen attacked Crocus City Hall on Friday, killing 137 people. The attack came less than three months after the 2024 Kerman bombings.",
			"PRECEDED event:2024-01-03-kerman-bombings " + crocusEvent, graph.Reported},
		{"Gunmen attacked Crocus City Hall on Friday, killing 137 people. The 2024 Kerman bombings came after a warning.",
			"PRECEDED event:2024-01-03-kerman-bombings " + crocusEvent, ""},
		// Negation and hedging: no positive claim.
		{"Islamic State has not claimed the attack.", claimIS, ""},
		{"Officials said it was too early to say whether Islamic State was behind the attack.",
			"PERPETRATED group:islamic-state " + crocusEvent, ""},
		{"It is unclear whether Islamic State claimed responsibility for the attack.", claimIS, ""},
		{"An unverified statement said Islamic State claimed responsibility for the attack.", claimIS, ""},
		{"Islamic State purportedly claimed responsibility for the attack.", claimIS, ""},
		{"Investigators have ruled out that Islamic State carried out the attack.",
			"PERPETRATED group:islamic-state " + crocusEvent, ""},
		{"IS-K was probably behind the attack on Crocus City Hall.", "PERPETRATED group:is-k " + crocusEvent, graph.Alleged},
		{"IS-K was also behind the attack on Crocus City Hall.", "PERPETRATED group:is-k " + crocusEvent, graph.Reported},
		{"IS-K was not behind the attack on Crocus City Hall.", "PERPETRATED group:is-k " + crocusEvent, ""},
		// A rally is not a claim; a reporting verb is not an accusation.
		{"Islamic State supporters held a rally in Moscow, where officials said that the attack had shocked the city.",
			claimIS, ""},
		{"Russia said that Ukraine had opened a window on the border.", "ACCUSED state:ru state:ua", ""},
	} {
		got := map[string]graph.Stance{}
		a := g.Analyze(tc.text, ingest.Meta{SourceID: "source:t", Date: "2024-03-25"})
		for _, c := range a.Candidates {
			got[c.Type+" "+c.From+" "+c.To] = c.Stance
			if string([]rune(tc.text)[c.Start:c.End]) != c.Quote {
				t.Errorf("%q: quote %q is not the span %d-%d", tc.text, c.Quote, c.Start, c.End)
			}
		}
		st, ok := got[tc.want]
		switch {
		case tc.st == "" && ok && st != graph.Denied && st != graph.Alleged:
			t.Errorf("%q: proposed %s (%s), want none", tc.text, tc.want, st)
		case tc.st != "" && !ok:
			t.Errorf("%q: %s not proposed; got %v", tc.text, tc.want, keys(got))
		case tc.st != "" && st != tc.st:
			t.Errorf("%q: %s stance %s, want %s", tc.text, tc.want, st, tc.st)
		}
	}
}

// TestResolvedReference: a candidate resting on a reference says which
// phrase it resolved, and its quote is the sentences it needs, verbatim.
func TestResolvedReference(t *testing.T) {
	g := crocus(t)
	text := "Islamic State issued a statement on Saturday. It said its fighters carried out the attack."
	a := g.Analyze(text, ingest.Meta{SourceID: "source:t", Date: "2024-03-25"})
	for _, c := range a.Candidates {
		if c.Type != "CLAIMED_RESPONSIBILITY" {
			continue
		}
		if c.Resolved["the attack"] != crocusEvent {
			t.Errorf("resolved %v, want the attack -> %s", c.Resolved, crocusEvent)
		}
		if c.Start != 0 || c.Quote != text {
			t.Errorf("quote %q (from %d), want both sentences", c.Quote, c.Start)
		}
		return
	}
	t.Fatalf("no claim proposed: %+v", a.Candidates)
}

// TestProposedEvent: when the graph holds no event that fits, every
// reference attaches to one proposed new Event with its date and place.
func TestProposedEvent(t *testing.T) {
	g := crocus(t)
	text := "Gunmen stormed a school in Khatsun on Monday. Islamic State claimed responsibility for the Khatsun attack on Tuesday, and Tajikistan condemned the attack."
	a := g.Analyze(text, ingest.Meta{SourceID: "source:t", Date: "2026-11-18"})
	var ev *graph.NewEntity
	for i, n := range a.NewEntities {
		if n.Kind == graph.Event {
			ev = &a.NewEntities[i]
		}
	}
	if ev == nil {
		t.Fatalf("no Event proposed: %+v", a.NewEntities)
	}
	if ev.Date != "2026-11-16" || !strings.Contains(ev.Name, "Khatsun") {
		t.Errorf("proposed %+v, want a Khatsun event dated 2026-11-16 (Monday)", *ev)
	}
	n := 0
	for _, c := range a.Candidates {
		if c.To == ev.Ref {
			n++
		}
	}
	if n < 2 {
		t.Errorf("%d candidates attach to %s, want the claim and the condemnation: %+v", n, ev.Ref, a.Candidates)
	}
}

func keys(m map[string]graph.Stance) []string {
	var out []string
	for k, v := range m {
		out = append(out, k+"="+string(v))
	}
	return out
}

const claimedPair = "Islamic State claimed the attack on Crocus City Hall. In a statement, the group said two of its members, " +
	"whom it named as Omar al-Muwahhid and Seyfullah al-Mujahid, had detonated explosive belts among the crowd."

// TestAppositionsAndCompounds: the compounds and appositions of news style,
// with entities the Crocus set lacks added.
func TestAppositionsAndCompounds(t *testing.T) {
	entries := ingest.EntriesOf(crocusData(t))
	entries = append(entries,
		ingest.Entry{ID: "group:al-shabaab", Kind: graph.Group, Name: "al-Shabaab"},
		ingest.Entry{ID: "state:so", Kind: graph.State, Name: "Somalia"},
		ingest.Entry{ID: "state:ke", Kind: graph.State, Name: "Kenya", Nationality: "nationality:kenyan"},
		ingest.Entry{ID: "nationality:kenyan", Kind: graph.Nationality, Name: "Kenyan"},
		ingest.Entry{ID: "state:ng", Kind: graph.State, Name: "Nigeria", Nationality: "nationality:nigerian"},
		ingest.Entry{ID: "nationality:nigerian", Kind: graph.Nationality, Name: "Nigerian"},
		ingest.Entry{ID: "location:maiduguri", Kind: graph.Location, Name: "Maiduguri"},
		ingest.Entry{ID: "location:kabul", Kind: graph.Location, Name: "Kabul"},
		ingest.Entry{ID: "location:kunduz", Kind: graph.Location, Name: "Kunduz"},
		ingest.Entry{ID: "person:abu-bakr-al-baghdadi", Kind: graph.Person, Name: "Abu Bakr al-Baghdadi"},
		ingest.Entry{ID: "person:antony-blinken", Kind: graph.Person, Name: "Antony Blinken"},
		ingest.Entry{ID: "person:zabihullah-mujahid", Kind: graph.Person, Name: "Zabihullah Mujahid",
			Aliases: []string{"Mujahid"}},
	)
	g := ingest.NewGazetteer(entries)
	for _, tc := range []grammarCase{
		{"The Somalia-based al-Shabaab has fought the government for years.", "ACTIVE_IN group:al-shabaab state:so",
			graph.Reported},
		{"The blast struck a market in the northern Nigerian city of Maiduguri.", "LOCATED_IN location:maiduguri state:ng",
			graph.Reported},
		{"Militants attacked a checkpoint in the Afghan capital Kabul.", "LOCATED_IN location:kabul state:af",
			graph.Reported},
		{"Islamic State leader Abu Bakr al-Baghdadi appeared in a video.",
			"LEADER_OF person:abu-bakr-al-baghdadi group:islamic-state", graph.Reported},
		{"US Secretary of State Antony Blinken spoke on Sunday.", "OFFICIAL_OF person:antony-blinken state:us",
			graph.Reported},
		{"The bombing hit a mosque in Kunduz, Afghanistan, on Friday.", "LOCATED_IN location:kunduz state:af",
			graph.Reported},
		// Every subject of a coordination, one introduced by its role too.
		{"Antony Blinken and Zabihullah Mujahid flew to Kabul.", "TRAVELED_TO person:antony-blinken location:kabul",
			graph.Reported},
		{"Antony Blinken and the spokesman, Zabihullah Mujahid, both flew to Kabul.",
			"TRAVELED_TO person:antony-blinken location:kabul", graph.Reported},
		{"Antony Blinken and the spokesman, Zabihullah Mujahid, both flew to Kabul.",
			"TRAVELED_TO person:zabihullah-mujahid location:kabul", graph.Reported},
		// A title after the name it describes, and a portfolio after "of".
		{"Antony Blinken, America's secretary of state, spoke on Sunday.", "OFFICIAL_OF person:antony-blinken state:us",
			graph.Reported},
		{"Antony Blinken, the US defense secretary, spoke on Sunday.", "OFFICIAL_OF person:antony-blinken state:us",
			graph.Reported},
		{"Nigeria's minister of defence, Antony Blinken, spoke on Sunday.", "OFFICIAL_OF person:antony-blinken state:ng",
			graph.Reported},
		{"Antony Blinken was arrested, Nigeria's interior minister said.", "OFFICIAL_OF person:antony-blinken state:ng", ""},
		// A negated verb leaves a relation inside a noun phrase after it.
		{"The report does not settle who planned the killings in Kunduz, Afghanistan.", "LOCATED_IN location:kunduz state:af",
			graph.Reported},
		{"It did not say when the blast struck a market in the northern Nigerian city of Maiduguri.",
			"LOCATED_IN location:maiduguri state:ng", graph.Reported},
		// A negation before a colon is not the next clause's.
		{"The two are not contradictory: Islamic State leader Abu Bakr al-Baghdadi appeared in a video.",
			"LEADER_OF person:abu-bakr-al-baghdadi group:islamic-state", graph.Reported},
		{"Islamic State leader Abu Bakr al-Baghdadi did not appear.",
			"LEADER_OF person:abu-bakr-al-baghdadi group:islamic-state", graph.Reported},
		// A title naming no state, in a story about one state: that state's
		// official, after "Deputy", at a line's start or after "said".
		{"Russia mourned. Russian officials said Russia would respond.\nDeputy Prime Minister Boris Ivanov told reporters it was over.",
			"OFFICIAL_OF new:boris-ivanov state:ru", graph.Reported},
		{"Russian officials said Russia would respond. \"We will find them,\" said Prime Minister Boris Ivanov.",
			"OFFICIAL_OF new:boris-ivanov state:ru", graph.Reported},
		// The official as the object of "told" or "to", or after the day
		// that opens the clause.
		{"Russian officials said Russia would respond. The FSB chief told President Boris Ivanov that traces were found.",
			"OFFICIAL_OF new:boris-ivanov state:ru", graph.Reported},
		{"Russian officials said Russia would respond. On Tuesday President Boris Ivanov flew to the city.",
			"OFFICIAL_OF new:boris-ivanov state:ru", graph.Reported},
		// A quotation closed before the title opens the speaker's clause.
		{"Russian officials said Russia would respond. \"We will find them,\" Prime Minister Boris Ivanov told reporters.",
			"OFFICIAL_OF new:boris-ivanov state:ru", graph.Reported},
		// "a Syrian woman" is no voice of Syria: the official is Russia's.
		{"A Syrian woman, a Syrian man, a Syrian student, a Syrian doctor and a Syrian driver were held. Russian police said Russia would respond. President Boris Ivanov spoke.",
			"OFFICIAL_OF new:boris-ivanov state:sy", ""},
		{"A Syrian woman, a Syrian man, a Syrian student, a Syrian doctor and a Syrian driver were held. Russian police said Russia would respond. President Boris Ivanov spoke.",
			"OFFICIAL_OF new:boris-ivanov state:ru", graph.Reported},
		// "the suspect" is an alleged perpetrator (officials saying so
		// attribute it); "presented as the attackers, among them X" names one.
		{"A gunman attacked Crocus City Hall on Friday. Boris Ivanov, the suspect, is believed to have crossed into Syria.",
			"PERPETRATED new:boris-ivanov " + crocusEvent, graph.Alleged},
		{"A gunman attacked Crocus City Hall on Friday. Boris Ivanov, the suspect, is believed to have crossed into Syria, Russian officials said.",
			"PERPETRATED new:boris-ivanov " + crocusEvent, graph.Attributed},
		{"A gunman attacked Crocus City Hall on Friday. Islamic State released a picture of four men it presented as the attackers, among them Boris Ivanov, a preacher.",
			"PERPETRATED new:boris-ivanov " + crocusEvent, graph.Claimed},
		// A naming cue that holds its "as"; a group naming its members, two
		// of them, the second typed as the first; a surname inside
		// "al-Mujahid" is no one's.
		{"A gunman attacked Crocus City Hall on Friday. Russian officials have named him as Kujtim Fejzulai, a 20-year-old.",
			"PERPETRATED new:kujtim-fejzulai " + crocusEvent, graph.Attributed},
		{claimedPair, "PERPETRATED new:omar-al-muwahhid " + crocusEvent, graph.Claimed},
		{claimedPair, "PERPETRATED new:seyfullah-al-mujahid " + crocusEvent, graph.Claimed},
		{claimedPair, "PERPETRATED person:zabihullah-mujahid " + crocusEvent, ""},
		// The possessor or adjective before a noun cue is its subject,
		// after a preposition too.
		{"Al-Shabaab said it was punishment for Kenya's military presence in Somalia.",
			"MILITARY_INVOLVEMENT_IN state:ke state:so", graph.Reported},
		{"It said the bombing was revenge for Russian airstrikes in Syria.", "MILITARY_INVOLVEMENT_IN state:ru state:sy",
			graph.Reported},
		// "led by" names the leader; a role word before a name makes it a
		// person's; officials by their nationality speak for their state.
		{"Al-Shabaab, the group led by the Algerian militant Mokhtar Belmokhtar, said it had carried out the assault.",
			"LEADER_OF new:mokhtar-belmokhtar group:al-shabaab", graph.Reported},
		{"Kenyan officials blamed al-Shabaab for the attack.", "ATTRIBUTED state:ke group:al-shabaab", graph.Attributed},
		// Someone else saying a state was not involved is no denial of the state's.
		{"Putin said Ukraine was not involved in the attack on Crocus City Hall.", "DENIED state:ua " + crocusEvent, ""},
		// A people's leaders speak for its state; "bore responsibility";
		// a speaker past "but" speaks in another clause.
		{"Gunmen attacked Crocus City Hall. Kenyan leaders said al-Shabaab bore responsibility.",
			"ATTRIBUTED state:ke group:al-shabaab", graph.Attributed},
		{"Gunmen attacked Crocus City Hall. Kenyan leaders said al-Shabaab bore responsibility.",
			"PERPETRATED group:al-shabaab " + crocusEvent, graph.Attributed},
		{"Al-Shabaab gunmen stormed Crocus City Hall, but Kenyan leaders said the Taliban bore responsibility.",
			"ATTRIBUTED state:ke group:al-shabaab", ""},
		// A relative clause's verb has the mention before its comma as subject.
		{"Jamaat-ul-Ahrar, which split from Islamic State in 2014, said it had carried out the attack.",
			"SPLIT_FROM new:jamaat-ul-ahrar group:islamic-state", graph.Reported},
		{"IS-K, a faction that broke away from Islamic State in 2014, said it had carried out the attack.",
			"SPLIT_FROM group:is-k group:islamic-state", graph.Reported},
		{"MOSCOW, March 23 (Wire staff) - Four gunmen attacked the hall in Russia, Interior Secretary Boris Ivanov said.",
			"OFFICIAL_OF new:boris-ivanov state:ru", graph.Reported},
		// Places: a district named by its city's possessive, a region after
		// a comma, one more adjective before "town of".
		{"A gunman opened fire at Crocus City Hall in Moscow's Krasnogorsk district.",
			"LOCATED_IN location:crocus-city-hall location:krasnogorsk", graph.Reported},
		{"Relatives in Maiduguri, in northern Nigeria, described him.", "LOCATED_IN location:maiduguri state:ng",
			graph.Reported},
		{"Volunteers went to rebuild the Nigerian Muslim town of Maiduguri.", "LOCATED_IN location:maiduguri state:ng",
			graph.Reported},
		// "Indian-administered Kashmir": the name before "-administered",
		// "-backed" modifies the noun after it; "the commander of" leads.
		{"IS-K, a little-known group active in Russian-administered Tajikistan, said it carried out the attack.",
			"ACTIVE_IN group:is-k state:tj", graph.Reported},
		{"IS-K, a little-known group active in Russian-administered Tajikistan, said it carried out the attack.",
			"ACTIVE_IN group:is-k state:ru", ""},
		{"IS-K gunmen attacked the Ukraine-backed militia.", "OCCURRED_IN " + crocusEvent + " state:ua", ""},
		{"Abu Bakr al-Baghdadi, the commander of Islamic State, spoke.",
			"LEADER_OF person:abu-bakr-al-baghdadi group:islamic-state", graph.Reported},
		// A front for a state's group: the group, its owner passed over;
		// officials describing it attribute it.
		{"Russian officials described IS-K as a front for Ukraine's Islamic State.",
			"AFFILIATE_OF group:is-k group:islamic-state", graph.Attributed},
		// A person of a people is not the state acting.
		{"A Syrian woman detained over Friday's attack on Crocus City Hall has confessed.",
			"INVESTIGATED state:sy " + crocusEvent, ""},
		{"Syrian police detained a man over Friday's attack on Crocus City Hall.", "INVESTIGATED state:sy " + crocusEvent,
			graph.Reported},
		{"Russia was blaming it on Ukraine within hours.", "ACCUSED state:ru state:ua", graph.Alleged},
		{"Moscow focused blame on Ukraine.", "ACCUSED state:ru state:ua", graph.Alleged},
		{"Iran said the attackers had links with al-Shabaab.", "AFFILIATE_OF group:is-k group:al-shabaab", ""},
	} {
		got := map[string]graph.Stance{}
		for _, c := range g.Analyze(tc.text, ingest.Meta{SourceID: "source:t", Date: "2024-03-25"}).Candidates {
			got[c.Type+" "+c.From+" "+c.To] = c.Stance
		}
		st, ok := got[tc.want]
		switch {
		case tc.st == "" && ok:
			t.Errorf("%q: proposed %s, want none", tc.text, tc.want)
		case tc.st != "" && st != tc.st:
			t.Errorf("%q: %s stance %q, want %s; got %v", tc.text, tc.want, st, tc.st, keys(got))
		}
	}
}

// FuzzAnalyze: no text makes the analysis panic, and every candidate's
// quote is the text's span it names and every mention its own text.
func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{
		"Islamic State has claimed responsibility for the attack.",
		"\"We did it,\" the group said. It said its fighters carried out Friday's assault on the hall in Krasnogorsk, Moscow Oblast.",
		"The driver, Anna Smith, a 31-year-old Tajik, was charged. MOSCOW, March 25 - Kyiv denied it.",
		"'s , its the attack 2024 March 22 on Monday", "\n\n\"", "IS-K claims assault on Moscow concert hall",
	} {
		f.Add(s, "2024-03-25")
	}
	g := crocus(f)
	f.Fuzz(func(t *testing.T, s, date string) {
		rs := []rune(s)
		a := g.Analyze(s, ingest.Meta{SourceID: "source:fuzz", Date: date})
		for _, c := range a.Candidates {
			if c.Start < 0 || c.End > len(rs) || c.Start > c.End || string(rs[c.Start:c.End]) != c.Quote {
				t.Fatalf("candidate %s %s->%s: quote %q is not text[%d:%d]", c.Type, c.From, c.To, c.Quote, c.Start, c.End)
			}
		}
		for _, m := range a.Mentions {
			if m.Start < 0 || m.End > len(rs) || string(rs[m.Start:m.End]) != m.Text {
				t.Fatalf("mention %q at %d-%d is not the text's", m.Text, m.Start, m.End)
			}
		}
	})
}

// TestDatelineState: an official whose title names no state is the
// dateline city's country's, even where the story names another state
// more often.
func TestDatelineState(t *testing.T) {
	g := ingest.NewGazetteer([]ingest.Entry{
		{ID: "state:co", Kind: graph.State, Name: "Colombia"},
		{ID: "state:cu", Kind: graph.State, Name: "Cuba"},
		{ID: "person:ivan-duque", Kind: graph.Person, Name: "Ivan Duque"},
	})
	text := "Rebels admit academy bombing\n\nBOGOTA, Jan 21 (Staff report) - Rebels in Colombia admitted the bombing. " +
		"Their negotiators are in Cuba, and Cuba hosted the talks.\n\nPresident Ivan Duque said the talks were over."
	a := g.Analyze(text, ingest.Meta{SourceID: "source:t", Date: "2019-01-21"})
	var got []string
	for _, c := range a.Candidates {
		if c.Type == "OFFICIAL_OF" {
			got = append(got, c.From+" "+c.To)
		}
	}
	if !slices.Contains(got, "person:ivan-duque state:co") || slices.Contains(got, "person:ivan-duque state:cu") {
		t.Errorf("OFFICIAL_OF candidates %v, want person:ivan-duque state:co only", got)
	}
}

// TestAdverbCueInTextOrder: a cue found with its adverb left out is taken
// in its own sentence, before the sentences after it (out of order, one was
// lost, or crashed the subject finder).
func TestAdverbCueInTextOrder(t *testing.T) {
	g := crocus(t)
	text := "Ukraine said nothing. Tajikistan denied involvement in the attack. IS-K was also behind the attack on Crocus City Hall. Islamic State claimed the attack."
	a := g.Analyze(text, ingest.Meta{SourceID: "source:t", Date: "2024-03-25"})
	got := map[string]bool{}
	for _, c := range a.Candidates {
		got[c.Type+" "+c.From] = true
		if strings.ContainsAny(c.Cue, ".\n") {
			t.Errorf("cue %q spans a sentence end", c.Cue)
		}
	}
	for _, want := range []string{"DENIED state:tj", "PERPETRATED group:is-k",
		"CLAIMED_RESPONSIBILITY group:islamic-state"} {
		if !got[want] {
			t.Errorf("%s not proposed; got %v", want, got)
		}
	}
}
