package ingest

import "github.com/actorgraph/actorgraph/graph"

// How a rule finds the two ends of an edge around its cue.
const (
	// svo: from before the cue, to after ("IS-K claimed responsibility for the attack").
	svo = iota
	// passive: to before the cue, from after ("X was detained by Russian forces").
	passive
	// title: to (a state) right before the cue, from (a person) right after
	// ("Russian President Vladimir Putin").
	title
	// adjective: to right before the cue; from before that, or right after
	// ("IS-K, an Islamic State affiliate"; "a Tajik national, X"; "Tajik citizen X").
	adjective
	// objectIn: from after the cue, to after "in", "at" or "near" that
	// follows it ("arrested Abdeslam in Molenbeek").
	objectIn
	// namedAs: from after "as", to the event the sentence names
	// ("named the bomber as Abdul Rahman al-Logari").
	namedAs
	// comma: from right before ", ", to right after ("Kunduz, Afghanistan").
	comma
	// scene: from is the article's event, to the places after the cue
	// ("gunmen opened fire at Crocus City Hall in Krasnogorsk").
	scene
	// victims: from is the article's event, to the nationalities or states
	// counted after the cue ("killing 13 U.S. service members and about
	// 170 Afghans") or, for "among the dead", before it.
	victims
	// possessive: to right before "'s" (or "its" resolved), from right
	// after it ("Islamic State's Amaq", "its Amaq news agency", "Nairobi's
	// Westlands district").
	possessive
)

// rule proposes edges (one row of ingest/cues/cues.tsv) of one type wherever one of its cues stands between
// (or beside) mentions of the kinds the type connects.
type rule struct {
	typ    string
	cues   []string
	mode   int
	stance graph.Stance // "" means: from who speaks
	// multi takes every fitting mention of a list as the from end ("A, B and C were charged").
	multi bool
	// near, when set, is how far (code points) the ends may stand from the cue.
	near int
	// attack: the cue names an attack, so a place after it stands for the
	// event that occurred there ("blew himself up at the Maalbeek station").
	attack bool
	// needs is a word the sentence must hold ("claim" for a claim published
	// through a media arm).
	needs string
	// verbal: the cue is a verb's form, which an article before it makes a noun.
	verbal bool
	// patient: the from end is who the verb happens to, so "was" may precede it.
	patient bool
	// implicit: with nothing after the cue, the article's event is its object
	// ("US officials said ISIS-K was responsible").
	implicit bool
	// main: when no event follows the cue, the article's event is its
	// object ("Abouyaaqoub drove the van along the promenade").
	main bool
	// trial: when no event follows the cue, the court case the article
	// reports is its object ("X was sentenced to life").
	trial bool
	// perp: a bare naming verb ("identified", "named") names a perpetrator
	// only when a perpetrator word stands between it and its "as"
	// ("identified two of the bombers as X") or, in the passive, in its
	// subject ("One of the gunmen was later identified as X").
	perp bool
}
