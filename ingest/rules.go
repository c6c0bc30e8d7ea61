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
)

// rule proposes edges of one type wherever one of its cues stands between
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
}

// rules are the cue patterns per relationship type of the vocabulary.
var rules = []rule{
	{"CLAIMED_RESPONSIBILITY", []string{"claimed responsibility for", "claimed responsibility", "claimed the attack", "claimed the bombing",
		"claimed credit for", "took responsibility for", "said it carried out", "said its fighters carried out", "claimed the massacre",
		"claimed the shooting", "claimed the assault", "claiming responsibility for", "claimed"}, svo, graph.Claimed, false, 0, false, ""},
	{"PUBLISHED_CLAIM", []string{"published a claim", "released a video", "published a video", "published photos", "released photos", "released a statement"}, svo, graph.Claimed, false, 0, false, ""},
	{"PUBLISHED_CLAIM", []string{"through its", "via its", "through the", "via the", "in a statement carried by"}, passive, graph.Claimed, false, 40, false, "claim"},
	{"PERPETRATED", []string{"carried out", "perpetrated", "staged", "opened fire", "blew himself up", "blew themselves up", "detonated",
		"led the attack", "took part in", "was behind", "were behind", "was responsible for", "were responsible for", "masterminded", "attacked",
		"gunmen in", "bomber in", "attacker in", "shot"}, svo, "", true, 0, true, ""},
	{"PERPETRATED", []string{"named the bomber", "named the suicide bomber", "identified the bomber", "identified the suicide bomber",
		"named the attacker", "identified the attacker", "named the gunman", "identified the gunman", "named the gunmen", "identified the gunmen"}, namedAs, "", true, 0, true, ""},
	{"MEMBER_OF", []string{"member of", "members of", "fighter of", "fighters of", "militant of", "belonged to", "recruited by", "joined", "operative of", "commander of"}, svo, "", true, 0, false, ""},
	{"LEADER_OF", []string{"leader of", "head of", "emir of", "founder of", "led", "chief of"}, svo, "", false, 0, false, ""},
	{"OFFICIAL_OF", []string{"president of", "prime minister of", "foreign minister of", "interior minister of", "minister of", "spokesman for",
		"spokeswoman for", "spokesperson for", "ambassador of", "adviser to", "advisor to", "head of"}, svo, graph.Reported, false, 0, false, ""},
	{"OFFICIAL_OF", []string{"president", "prime minister", "foreign minister", "interior minister", "defence minister", "defense minister",
		"home secretary", "minister", "spokesman", "spokeswoman", "presidential spokesman", "presidential adviser", "security council secretary",
		"ambassador", "security service chief", "fsb director", "investigative committee head", "king", "chancellor", "official", "justice minister",
		"national security adviser", "senator", "mayor", "prosecutor"}, title, graph.Reported, false, 0, false, ""},
	{"HAS_NATIONALITY", []string{"citizen of", "citizens of", "national of", "nationals of", "native of", "natives of", "born in"}, svo, graph.Reported, true, 0, false, ""},
	{"HAS_NATIONALITY", []string{"citizen", "citizens", "national", "nationals", "man", "men", "woman", "migrant", "migrants", "suspect", "suspects",
		"gunman", "bomber", "attacker", "-born"}, adjective, graph.Reported, true, 0, false, ""},
	{"AFFILIATE_OF", []string{"affiliate of", "branch of", "offshoot of", "wing of", "province of", "pledged allegiance to", "franchise of"}, svo, graph.Reported, false, 0, false, ""},
	{"AFFILIATE_OF", []string{"affiliate", "branch", "offshoot", "franchise"}, adjective, graph.Reported, false, 0, false, ""},
	{"SPLIT_FROM", []string{"broke away from", "split from", "splinter of", "splinter group of"}, svo, graph.Reported, false, 0, false, ""},
	{"OCCURRED_IN", []string{"took place in", "happened in", "occurred in", "struck"}, svo, graph.Reported, false, 0, false, ""},
	{"OCCURRED_IN", []string{"in", "at"}, svo, graph.Reported, false, 2, false, ""},
	{"LOCATED_IN", []string{"in", "outside", "near", "on the outskirts of", "north of", "south of", "east of", "west of"}, svo, graph.Reported, false, 2, false, ""},
	{"TARGETED", []string{"targeted", "was aimed at", "struck at"}, svo, graph.Reported, false, 0, false, ""},
	{"VICTIMS_FROM", []string{"victims included", "among the dead were", "killed included", "dead included", "victims were", "among the victims were"}, svo, graph.Reported, true, 0, false, ""},
	{"WARNED_ABOUT", []string{"warned of", "warned about", "warned", "issued a warning", "had warned", "advised against travel to", "alerted"}, svo, graph.Reported, false, 0, false, ""},
	{"DEADLIEST_SINCE", []string{"deadliest since", "deadliest attack since", "worst since", "deadliest terrorist incident since"}, svo, graph.Reported, false, 0, false, ""},
	{"MOTIVATED_BY", []string{"in response to", "in retaliation for", "in revenge for", "as revenge for", "because of"}, svo, graph.Reported, false, 0, false, ""},
	{"PROSECUTED_IN", []string{"charged", "sentenced", "convicted", "went on trial", "stood trial", "indicted", "found guilty"}, svo, graph.Reported, true, 0, false, ""},
	{"MILITARY_INVOLVEMENT_IN", []string{"military involvement in", "military intervention in", "airstrikes in", "air strikes in", "troops in",
		"military actions in", "military operations in", "intervened in", "invaded", "invasion of", "bombing campaign in", "war in"}, svo, graph.Reported, false, 0, false, ""},
	{"ACCUSED", []string{"accused", "blamed", "suggested", "pointed the finger at", "alleged that", "claimed that", "said that"}, svo, graph.Alleged, false, 0, false, ""},
	{"ATTRIBUTED", []string{"attributed the attack to", "attributed the bombing to", "attributed", "said it was carried out by", "identified"}, svo, graph.Attributed, false, 0, false, ""},
	{"DENIED", []string{"denied", "denies", "rejected", "dismissed", "had nothing to do with", "has nothing to do with", "denied any involvement in"}, svo, graph.Denied, false, 0, false, ""},
	{"CRITICIZED", []string{"criticized", "criticised", "condemned", "rebuked", "lambasted"}, svo, graph.Reported, false, 0, false, ""},
	{"SPOKE_WITH", []string{"spoke by phone with", "spoke by telephone with", "spoke with", "spoke to", "held talks with", "called", "phoned",
		"met", "met with", "briefed", "offered condolences to", "had a phone call with", "telephoned"}, svo, graph.Reported, false, 0, false, ""},
	{"SPOKE_WITH", []string{"told", "informed", "reported to"}, svo, graph.Reported, false, 15, false, ""},
	{"RESPONDED_TO", []string{"condemned", "declared a day of mourning", "declared a national day of mourning", "offered condolences over",
		"called", "described", "mourned", "denounced", "responded to", "visited the site of", "laid flowers"}, svo, graph.Reported, false, 0, false, ""},
	{"INVESTIGATED", []string{"opened a criminal case", "opened an investigation", "investigated", "investigating", "is investigating", "launched an investigation",
		"took over the investigation", "charged"}, svo, graph.Reported, false, 0, false, ""},
	{"DETAINED", []string{"detained", "arrested", "captured", "apprehended", "caught", "took into custody"}, svo, graph.Reported, true, 0, false, ""},
	{"DETAINED_AT", []string{"detained", "arrested", "captured", "apprehended", "caught"}, objectIn, graph.Reported, false, 0, false, ""},
	{"DETAINED", []string{"was detained by", "were detained by", "was arrested by", "were arrested by", "was captured by", "were captured by"}, passive, graph.Reported, true, 0, false, ""},
	{"DETAINED_AT", []string{"detained in", "arrested in", "captured in", "detained near", "arrested near", "caught in", "detained at", "arrested at"}, svo, graph.Reported, true, 0, false, ""},
	{"DESIGNATED_TERRORIST", []string{"designated", "listed", "added to its list of terrorists", "banned", "blacklisted", "added"}, svo, graph.Reported, false, 0, false, ""},
	{"RECRUITED_FROM", []string{"recruits from", "recruited from", "recruits among", "recruited among", "recruiting in", "recruits in", "draws recruits from"}, svo, graph.Reported, false, 0, false, ""},
	{"ACTIVE_IN", []string{"based in", "operates in", "active in", "operating in", "stronghold in", "fighters in", "presence in", "insurgency in"}, svo, graph.Reported, false, 0, false, ""},
	{"TRAVELED_TO", []string{"travelled to", "traveled to", "flew to", "visited", "returned to", "went to", "fled to", "crossed into", "entered"}, svo, graph.Reported, true, 0, false, ""},
}
