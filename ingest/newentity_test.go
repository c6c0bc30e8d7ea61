package ingest_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/ingest"
)

// world is a small graph with some states of the world gazetteer, a
// nationality and a group with a transliterated name.
func world() *ingest.Gazetteer {
	return ingest.NewGazetteer([]ingest.Entry{
		{ID: "state:tj", Kind: graph.State, Name: "Tajikistan", Nationality: "nationality:tajik"},
		{ID: "nationality:tajik", Kind: graph.Nationality, Name: "Tajik", Demonym: "Tajik"},
		{ID: "state:ph", Kind: graph.State, Name: "Philippines"},
		{ID: "state:af", Kind: graph.State, Name: "Afghanistan"},
		{ID: "state:gb", Kind: graph.State, Name: "United Kingdom"},
		{ID: "state:fr", Kind: graph.State, Name: "France"},
		{ID: "state:ch", Kind: graph.State, Name: "Switzerland"},
		{ID: "group:jem", Kind: graph.Group, Name: "Jaish-e-Muhammad"},
		{ID: "group:ntj", Kind: graph.Group, Name: "National Thowheed Jamath"},
		{ID: "group:abm", Kind: graph.Group, Name: "Ansar Bait al-Maqdis"},
	})
}

// linked maps each mention's text to its entity id or new-entity ref.
func linked(a graph.Analysis) map[string]string {
	out := map[string]string{}
	for _, m := range a.Mentions {
		switch {
		case m.Entity != nil:
			out[m.Text] = *m.Entity
		case m.NewEntity != nil:
			out[m.Text] = *m.NewEntity
		default:
			out[m.Text] = "options"
		}
	}
	return out
}

func TestWorldNamesAndPluralDemonyms(t *testing.T) {
	g := world()
	a := g.Analyze("Tajiks, Filipinos, Afghans, Britons, Frenchmen and the Swiss were there; so was a Filipino. Britain and Turkey protested.", ingest.Meta{})
	got := linked(a)
	for text, want := range map[string]string{"Tajiks": "nationality:tajik", "Filipinos": "state:ph",
		"Filipino": "state:ph", "Afghans": "state:af",
		"Britons": "state:gb", "Frenchmen": "state:fr", "Swiss": "state:ch", "Britain": "state:gb", "Turkey": "new:turkey"} {
		if got[text] != want {
			t.Errorf("%q: linked to %q, want %s (all %v)", text, got[text], want, got)
		}
	}
}

// proposed maps each proposed new entity's name to it.
func proposed(g *ingest.Gazetteer, text string) map[string]graph.NewEntity {
	out := map[string]graph.NewEntity{}
	for _, n := range g.Analyze(text, ingest.Meta{}).NewEntities {
		out[n.Name] = n
	}
	return out
}

func TestWorldCountriesAndCitiesAreProposedWithTheirKind(t *testing.T) {
	g := world()
	p := proposed(g, "Officials in New Delhi said Sri Lankan police met envoys from Sri Lanka in Marawi. Nice is lovely; they flew to Nice. Reading the news in Reading.")
	for name, want := range map[string]graph.NewEntity{
		"New Delhi":   {Kind: graph.Location, ID: "location:new-delhi", Country: "state:in"},
		"Sri Lanka":   {Kind: graph.State, ID: "state:lk", Mentions: 2},
		"Marawi City": {Kind: graph.Location, ID: "location:marawi-city", Country: "state:ph"},
		"Nice":        {Kind: graph.Location, ID: "location:nice", Country: "state:fr", Mentions: 1},
	} {
		n, ok := p[name]
		if !ok {
			t.Errorf("%s not proposed (all %v)", name, p)
			continue
		}
		if n.Kind != want.Kind || want.ID != "" && n.ID != want.ID || n.Country != want.Country || want.Mentions != 0 &&
			n.Mentions != want.Mentions {
			t.Errorf("%s: got %+v, want %+v", name, n, want)
		}
	}
	// A people's name is a Nationality, unless its state acts ("Sri Lankan police").
	if n := proposed(g, "Mberesero, a Tanzanian, was found hiding.")["Tanzanian"]; n.Kind != graph.Nationality {
		t.Errorf("Tanzanian: %+v, want a Nationality", n)
	}
	if _, ok := p["Sri Lankan"]; ok {
		t.Errorf("Sri Lankan police proposed a Nationality: %v", p)
	}
	if _, ok := p["Reading"]; ok {
		t.Errorf("Reading, a common word, was proposed as a city: %v", p)
	}
	// A city's alternate name that is a movement's ("Hamas" for Hamm) names no city.
	for _, n := range proposed(g, "Hamas condemned the attack.") {
		if n.Kind == graph.Location {
			t.Errorf("Hamas proposed a city: %+v", n)
		}
	}
	if len(proposed(g, "The weather in nice places is nice.")) != 0 {
		t.Errorf("lower-case city names were matched")
	}
}

func TestNoProposalWithoutEvidence(t *testing.T) {
	g := world()
	for _, text := range []string{
		"The United Nations condemned it, the Associated Press reported.",
		"The Ministry of Interior and the Interior Ministry said nothing.",
		"Last Tuesday, before Easter and New Year, it rained.",
		"Zorblat Quux went home. Grimwald Ostrander stayed.",
		"Reactions poured in. Global Markets Fell.",
	} {
		if p := proposed(g, text); len(p) != 0 {
			t.Errorf("%q: proposed %v, want nothing", text, p)
		}
	}
}

func TestNewEntityKindsFromEvidence(t *testing.T) {
	g := world()
	text := "President Zoran Kovalenko spoke. Omar Haddad said it was over. Umm al-Qura and Abu Hafs al-Masri and Abu Yusuf al-Iraqi were named. " +
		"The group named the bomber as Abdul Rahman al-Qurashi. Fighters of the Sahel Liberation Front fled to the town of Wadi Burkan. " +
		"The Zabrani bombing followed; the group's Amaq news agency said so."
	want := map[string]graph.Kind{"Zoran Kovalenko": graph.Person, "Omar Haddad": graph.Person,
		"Umm al-Qura":       graph.Person,
		"Abu Hafs al-Masri": graph.Person, "Abu Yusuf al-Iraqi": graph.Person, "Abdul Rahman al-Qurashi": graph.Attacker,
		"Sahel Liberation Front": graph.Group, "Wadi Burkan": graph.Location, "Zabrani bombing": graph.Event, "Amaq": graph.Group}
	p := proposed(g, text)
	for name, k := range want {
		if p[name].Kind != k {
			t.Errorf("%s: got kind %q, want %s (all %v)", name, p[name].Kind, k, p)
		}
	}
	if len(p) != len(want) {
		t.Errorf("proposed %d entities, want %d: %v", len(p), len(want), p)
	}
}

func TestHeadlineWordsAreNotProposed(t *testing.T) {
	g := world()
	text := "Shock Attack Leaves Capital Reeling As Omar Haddad Vows Revenge\n\nOmar Haddad said the city would recover."
	p := proposed(g, text)
	if _, ok := p["Omar Haddad"]; !ok || len(p) != 1 {
		t.Errorf("got %v, want only Omar Haddad (named in the body too)", p)
	}
	if n := p["Omar Haddad"]; n.Mentions != 2 {
		t.Errorf("Omar Haddad: %d mentions, want 2 (headline and body)", n.Mentions)
	}
}

func TestSurnameJoinsTheFullName(t *testing.T) {
	g := world()
	a := g.Analyze("Investigators named Karim Belhadj as the ringleader. Belhadj was killed. Osama bin Laden died; bin Laden's son spoke.", ingest.Meta{})
	got := linked(a)
	if got["Belhadj"] != "new:karim-belhadj" || got["bin Laden"] != "new:osama-bin-laden" {
		t.Errorf("later mentions: got %v", got)
	}
	for _, n := range a.NewEntities {
		if n.Name == "Karim Belhadj" && n.Mentions != 2 {
			t.Errorf("Karim Belhadj: %d mentions, want 2", n.Mentions)
		}
		if n.Name == "Belhadj" || n.Name == "bin Laden" {
			t.Errorf("a surname became its own entity: %+v", n)
		}
	}
}

func TestRefsAreTheSameAcrossArticles(t *testing.T) {
	g := world()
	a := proposed(g, "The Sahel Liberation Front denied it.")["Sahel Liberation Front"]
	b := proposed(g, "Yesterday, militants of the Sahel Liberation Front attacked.")["Sahel Liberation Front"]
	if a.Ref == "" || a.Ref != b.Ref {
		t.Errorf("refs %q and %q, want one ref for one name", a.Ref, b.Ref)
	}
}

func TestSpellingVariantsAndSimilarNames(t *testing.T) {
	g := world()
	if got := linked(g.Analyze("Jaish-e-Mohammed and Jaish e Muhammad claimed it.",
		ingest.Meta{})); got["Jaish-e-Mohammed"] != "group:jem" || got["Jaish e Muhammad"] != "group:jem" {
		t.Errorf("spelling variants: got %v", got)
	}
	p := proposed(g, "National Thowheeth Jama'ath and Ansar Beit al-Maqdis militants were blamed.")
	for name, want := range map[string]string{"National Thowheeth Jama'ath": "group:ntj",
		"Ansar Beit al-Maqdis": "group:abm"} {
		n, ok := p[name]
		if !ok || n.Kind != graph.Group || !slices.Contains(n.Similar, want) {
			t.Errorf("%s: got %+v, want a Group similar to %s (all %v)", name, n, want, p)
		}
	}
}

// Buildings an attack strikes are places even where an organisation word
// names them; a name followed by ", a town" or ", a narrow street" is a
// place; a world city at the end of a run of names is part of the name.
func TestPlacesByTheirHeadsAndAppositions(t *testing.T) {
	g := world()
	text := "A suicide bomber struck the emergency ward of the Zanbari Civil Hospital on Monday. " +
		"The blast ripped through the garden of the Kerlan Cultural Centre. " +
		"The shooting began in Wendelgasse, a narrow street near the river. " +
		"Police officers were shot in Tarvanpinar, a town in the same province. " +
		"Mahmud Oskarin, a Malaysian former university lecturer, was named. " +
		"Prosecutors identified the driver as Jose Aldemar Rojas Rodriguez, 56, an explosives expert."
	want := map[string]graph.Kind{"Zanbari Civil Hospital": graph.Location, "Kerlan Cultural Centre": graph.Location,
		"Wendelgasse": graph.Location, "Tarvanpinar": graph.Location, "Mahmud Oskarin": graph.Person,
		"Jose Aldemar Rojas Rodriguez": graph.Attacker}
	p := proposed(g, text)
	for name, k := range want {
		if p[name].Kind != k {
			t.Errorf("%s: got kind %q, want %s (all %v)", name, p[name].Kind, k, p)
		}
	}
	if _, ok := p["Rodriguez"]; ok {
		t.Errorf("Rodriguez of a person's name proposed as a place: %v", p)
	}
}

// A name matched inside a word ("Shabaab" of "al-Shabaab") leaves no new
// name around it: no two mentions overlap, and the analysis goes on.
func TestMentionsNeverOverlap(t *testing.T) {
	g := ingest.NewGazetteer([]ingest.Entry{{ID: "group:shabaab", Kind: graph.Group, Name: "Shabaab"},
		{ID: "person:zabihullah-mujahid", Kind: graph.Person, Name: "Zabihullah Mujahid", Aliases: []string{"Mujahid"}}})
	text := "The group said two of its members, whom it named as Omar al-Muwahhid and Seyfullah al-Mujahid, had attacked. " +
		"Police named the gunman as Yusuf al-Shabaab and Abu Bakr al-Shabaab, who had attacked the town."
	a := g.Analyze(text, ingest.Meta{SourceID: "source:t", Date: "2024-03-25"})
	if len(a.Mentions) == 0 {
		t.Fatal("no mentions")
	}
	for i := 1; i < len(a.Mentions); i++ {
		if p, m := a.Mentions[i-1], a.Mentions[i]; m.Start < p.End {
			t.Errorf("mention %q [%d,%d) overlaps %q [%d,%d)", m.Text, m.Start, m.End, p.Text, p.Start, p.End)
		}
	}
	for _, m := range a.Mentions {
		if m.Entity != nil && *m.Entity == "person:zabihullah-mujahid" {
			t.Errorf("%q at %d read as Zabihullah Mujahid", m.Text, m.Start)
		}
	}
}

func TestOfficeWordsAndCapitalThe(t *testing.T) {
	g := world()
	got := proposed(g, "US Secretary of State Marco Rubio said the State Department had designated The Resistance Front a terrorist group.\n\n"+
		"Little-known group claims bombing in Osh.\n\nThe Resistance Front said it carried out the attack.")
	for _, bad := range []string{"State", "Secretary of State", "Little-known", "Resistance Front"} {
		if n, ok := got[bad]; ok {
			t.Errorf("%q proposed as %s (all %v)", bad, n.Kind, got)
		}
	}
	if n := got["The Resistance Front"]; n.Kind != graph.Group {
		t.Errorf("The Resistance Front: %+v, want a Group (all %v)", n, got)
	}
}

func TestSpeakerIsNoAttacker(t *testing.T) {
	g := world()
	got := proposed(g, "Tariq Arian, a spokesman for the interior ministry, said the first attacker had blown himself up at the gate. "+
		"Three men were found guilty: Mohamed Abikar, Hassan Edin and Rashid Charles Mberesero. "+
		"Among them was Mahmud Ahmad, a former lecturer who is suspected of channelling money to the militants.")
	for name, want := range map[string]graph.Kind{"Tariq Arian": graph.Person, "Rashid Charles Mberesero": graph.Attacker,
		"Mahmud Ahmad": graph.Attacker} {
		if got[name].Kind != want {
			t.Errorf("%s: proposed as %q, want %s (all %v)", name, got[name].Kind, want, got)
		}
	}
}

func TestWorldCityInTheArticlesSpelling(t *testing.T) {
	got := proposed(world(), "Prime Minister Narendra Modi spoke at an event in Jhansi on Friday.")
	if n, ok := got["Jhansi"]; !ok || n.Kind != graph.Location || n.Ref != "new:jhansi" {
		t.Errorf("Jhansi: %+v, want a Location new:jhansi (all %v)", n, got)
	}
}

func TestAdjectiveBeforeAPlaceIsNoPlace(t *testing.T) {
	got := proposed(world(), "He was the imam of a mosque in the Pyrenean town of Ripoll. Bombs hit Coptic churches and a Roman Catholic cathedral in the Sulu town of Jolo.")
	for _, bad := range []string{"Pyrenean", "Coptic", "Roman Catholic"} {
		if n, ok := got[bad]; ok {
			t.Errorf("%q proposed as %s (all %v)", bad, n.Kind, got)
		}
	}
	if n := got["Sulu"]; n.Kind != graph.Location {
		t.Errorf("Sulu: %+v, want a Location (all %v)", n, got)
	}
}

func TestOneWordNameInsideAnother(t *testing.T) {
	g := ingest.NewGazetteer([]ingest.Entry{
		{ID: "person:pope-francis", Kind: graph.Person, Name: "Pope Francis", Aliases: []string{"Francis"}},
		{ID: "person:nawaz-sharif", Kind: graph.Person, Name: "Nawaz Sharif"},
	})
	a := g.Analyze("Chief Magistrate Francis Andayi read the verdict. Francis said a prayer. General Raheel Sharif flew in; Sharif said nothing.", ingest.Meta{})
	got := linked(a)
	if got["Francis"] != "person:pope-francis" || got["Sharif"] != "person:nawaz-sharif" {
		t.Errorf("lone names not linked: %v", got)
	}
	for _, m := range a.Mentions {
		if m.Entity != nil && (m.Start < 30 && *m.Entity == "person:pope-francis" || m.Start > 60 && m.Start < 90 &&
			*m.Entity == "person:nawaz-sharif") {
			t.Errorf("%q at %d linked to %s: it is part of another name", m.Text, m.Start, *m.Entity)
		}
	}
	if n := proposed(g, "Chief Magistrate Francis Andayi read the verdict.")["Francis Andayi"]; n.Kind != graph.Person {
		t.Errorf("Francis Andayi: %+v, want a Person", n)
	}
}

func TestPlaceNamesAFrameGives(t *testing.T) {
	g := ingest.NewGazetteer([]ingest.Entry{{ID: "location:marawi", Kind: graph.Location, Name: "Marawi"}})
	got := proposed(g, "A second bomber blew himself up at the gates of St Mark's Cathedral on Sunday. "+
		"He opened fire in Port El Kantaoui and then inside the hotel. Troops tried to arrest him in Marawi, Lanao del Sur, and failed. "+
		"Nobody knows who planned the killings in Baisaran, near the resort town. He grew up in Msaken, a town south of the city.")
	for _, name := range []string{"St Mark's Cathedral", "Port El Kantaoui", "Lanao del Sur", "Baisaran", "Msaken"} {
		if got[name].Kind != graph.Location {
			t.Errorf("%s: %+v, want a Location (all %v)", name, got[name], got)
		}
	}
}

func TestNewspaperTitlesNameNoPlace(t *testing.T) {
	got := proposed(world(), "The New York Times reported the warning. The Jerusalem Post and the Kyiv Post carried it too. Police in New Delhi said so.")
	for _, bad := range []string{"New York City", "New York", "Jerusalem", "Kyiv", "New York Times"} {
		if n, ok := got[bad]; ok {
			t.Errorf("%q proposed as %s (all %v)", bad, n.Kind, got)
		}
	}
	if n := got["New Delhi"]; n.Kind != graph.Location {
		t.Errorf("New Delhi: %+v, want a Location (all %v)", n, got)
	}
}

func TestArabicArticleJoinsTheName(t *testing.T) {
	got := proposed(world(), "Jama'at Nusrat al-Islam wal-Muslimin, known as JNIM, claimed the ambush near Djibo.")
	if n, ok := got["Jama'at Nusrat al-Islam wal-Muslimin"]; !ok || n.Kind != graph.Group {
		t.Errorf("the whole name, a Group, not proposed: %v", got)
	}
}

func TestFullNameWithItsInitials(t *testing.T) {
	got := proposed(world(), "The Baloch Liberation Army (BLA) said its fighters attacked the train. Hayat Tahrir al-Sham (HTS) fighters entered the city. "+
		"The Allied Democratic Forces (ADF) killed 40 villagers. The National Investigation Agency (NIA) took over the case.")
	for _, name := range []string{"Baloch Liberation Army", "Hayat Tahrir al-Sham", "Allied Democratic Forces"} {
		if n := got[name]; n.Kind != graph.Group {
			t.Errorf("%s: %+v, want a Group (all %v)", name, n, got)
		}
	}
	if n, ok := got["National Investigation Agency"]; ok {
		t.Errorf("an agency proposed as %s (all %v)", n.Kind, got)
	}
}

func TestCreditLinesProposeNothing(t *testing.T) {
	g := world()
	text := "Gunmen attacked a hall in New Delhi. Health Minister Mikhail Murashko said 60 people were in hospital.\n" +
		"Mourners gathered at the hall. REUTERS/Anna Petrova\nReporting by John Smith; Editing by Mark Heinrich\nAdditional reporting by Olga Popova in Islamabad"
	a := g.Analyze(text, ingest.Meta{})
	got := map[string]graph.NewEntity{}
	for _, n := range a.NewEntities {
		got[n.Name] = n
	}
	for _, bad := range []string{"John Smith", "Mark Heinrich", "Olga Popova", "Islamabad",
		"Health Minister Mikhail Murashko", "Anna Petrova"} {
		if _, ok := got[bad]; ok {
			t.Errorf("%q proposed (all %v)", bad, got)
		}
	}
	if n := got["Mikhail Murashko"]; n.Kind != graph.Person {
		t.Errorf("Mikhail Murashko: %+v, want a Person without his title (all %v)", n, got)
	}
	for _, m := range a.Mentions {
		if m.Start > len([]rune(text[:strings.Index(text, "REUTERS/")])) {
			t.Errorf("a mention in the credits: %+v", m)
		}
	}
}

func TestCreditWordsInsideASentenceAreNoCredit(t *testing.T) {
	a := crocus(t).Analyze("Gunmen attacked Crocus City Hall. A video by Amaq showed IS-K fighters in Krasnogorsk.",
		ingest.Meta{})
	found := map[string]bool{}
	for _, m := range a.Mentions {
		found[m.Text] = true
	}
	for _, want := range []string{"Amaq", "IS-K", "Krasnogorsk"} {
		if !found[want] {
			t.Errorf("%q not a mention (mentions %v)", want, found)
		}
	}
}
