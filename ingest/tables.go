package ingest

import "strings"

// country is a row of the maintained country table: the names and
// demonyms ingest knows a state by, and that mark a new proper noun a State.
type country struct {
	iso2     string
	name     string
	names    []string
	demonyms []string
}

// countries is the maintained table of states.
var countries = []country{
	{"af", "Afghanistan", nil, []string{"Afghan", "Afghans"}},
	{"dz", "Algeria", nil, []string{"Algerian", "Algerians"}},
	{"am", "Armenia", nil, []string{"Armenian"}},
	{"au", "Australia", nil, []string{"Australian"}},
	{"at", "Austria", nil, []string{"Austrian"}},
	{"az", "Azerbaijan", nil, []string{"Azerbaijani"}},
	{"bh", "Bahrain", nil, []string{"Bahraini"}},
	{"bd", "Bangladesh", nil, []string{"Bangladeshi"}},
	{"by", "Belarus", nil, []string{"Belarusian", "Belarusians"}},
	{"be", "Belgium", nil, []string{"Belgian", "Belgians"}},
	{"ba", "Bosnia and Herzegovina", []string{"Bosnia"}, []string{"Bosnian"}},
	{"br", "Brazil", nil, []string{"Brazilian"}},
	{"bg", "Bulgaria", nil, []string{"Bulgarian"}},
	{"ca", "Canada", nil, []string{"Canadian", "Canadians"}},
	{"td", "Chad", nil, []string{"Chadian"}},
	{"cn", "China", nil, []string{"Chinese"}},
	{"hr", "Croatia", nil, []string{"Croatian"}},
	{"cy", "Cyprus", nil, []string{"Cypriot"}},
	{"cz", "Czech Republic", []string{"Czechia"}, []string{"Czech"}},
	{"dk", "Denmark", nil, []string{"Danish"}},
	{"eg", "Egypt", nil, []string{"Egyptian", "Egyptians"}},
	{"ee", "Estonia", nil, []string{"Estonian"}},
	{"et", "Ethiopia", nil, []string{"Ethiopian"}},
	{"fi", "Finland", nil, []string{"Finnish"}},
	{"fr", "France", nil, []string{"French"}},
	{"ge", "Georgia", nil, []string{"Georgian"}},
	{"de", "Germany", nil, []string{"German", "Germans"}},
	{"gr", "Greece", nil, []string{"Greek"}},
	{"hu", "Hungary", nil, []string{"Hungarian"}},
	{"in", "India", nil, []string{"Indian"}},
	{"id", "Indonesia", nil, []string{"Indonesian"}},
	{"ir", "Iran", nil, []string{"Iranian", "Iranians"}},
	{"iq", "Iraq", nil, []string{"Iraqi", "Iraqis"}},
	{"ie", "Ireland", nil, []string{"Irish"}},
	{"il", "Israel", nil, []string{"Israeli", "Israelis"}},
	{"it", "Italy", nil, []string{"Italian", "Italians"}},
	{"jp", "Japan", nil, []string{"Japanese"}},
	{"jo", "Jordan", nil, []string{"Jordanian"}},
	{"kz", "Kazakhstan", nil, []string{"Kazakh", "Kazakhstani"}},
	{"ke", "Kenya", nil, []string{"Kenyan"}},
	{"kw", "Kuwait", nil, []string{"Kuwaiti"}},
	{"kg", "Kyrgyzstan", nil, []string{"Kyrgyz"}},
	{"lv", "Latvia", nil, []string{"Latvian"}},
	{"lb", "Lebanon", nil, []string{"Lebanese"}},
	{"ly", "Libya", nil, []string{"Libyan", "Libyans"}},
	{"lt", "Lithuania", nil, []string{"Lithuanian"}},
	{"ml", "Mali", nil, []string{"Malian"}},
	{"mx", "Mexico", nil, []string{"Mexican"}},
	{"md", "Moldova", nil, []string{"Moldovan"}},
	{"ma", "Morocco", nil, []string{"Moroccan", "Moroccans"}},
	{"nl", "Netherlands", []string{"Holland"}, []string{"Dutch"}},
	{"ng", "Nigeria", nil, []string{"Nigerian"}},
	{"kp", "North Korea", nil, []string{"North Korean"}},
	{"no", "Norway", nil, []string{"Norwegian"}},
	{"om", "Oman", nil, []string{"Omani"}},
	{"pk", "Pakistan", nil, []string{"Pakistani", "Pakistanis"}},
	{"ps", "Palestine", nil, []string{"Palestinian", "Palestinians"}},
	{"ph", "Philippines", nil, []string{"Filipino"}},
	{"pl", "Poland", nil, []string{"Polish"}},
	{"pt", "Portugal", nil, []string{"Portuguese"}},
	{"qa", "Qatar", nil, []string{"Qatari"}},
	{"ro", "Romania", nil, []string{"Romanian"}},
	{"ru", "Russia", []string{"Russian Federation"}, []string{"Russian", "Russians"}},
	{"sa", "Saudi Arabia", nil, []string{"Saudi", "Saudis"}},
	{"rs", "Serbia", nil, []string{"Serbian"}},
	{"so", "Somalia", nil, []string{"Somali"}},
	{"za", "South Africa", nil, []string{"South African"}},
	{"kr", "South Korea", nil, []string{"South Korean"}},
	{"es", "Spain", nil, []string{"Spanish"}},
	{"sd", "Sudan", nil, []string{"Sudanese"}},
	{"se", "Sweden", nil, []string{"Swedish"}},
	{"ch", "Switzerland", nil, []string{"Swiss"}},
	{"sy", "Syria", nil, []string{"Syrian", "Syrians"}},
	{"tj", "Tajikistan", nil, []string{"Tajik", "Tajiks", "Tajikistani"}},
	{"tn", "Tunisia", nil, []string{"Tunisian", "Tunisians"}},
	{"tr", "Turkey", []string{"Türkiye"}, []string{"Turkish"}},
	{"tm", "Turkmenistan", nil, []string{"Turkmen"}},
	{"ua", "Ukraine", nil, []string{"Ukrainian", "Ukrainians"}},
	{"ae", "United Arab Emirates", []string{"UAE"}, []string{"Emirati"}},
	{"gb", "United Kingdom", []string{"Britain", "U.K."}, []string{"British", "Briton", "Britons"}},
	{"us", "United States", []string{"U.S.", "America"}, []string{"American", "Americans"}},
	{"uz", "Uzbekistan", nil, []string{"Uzbek", "Uzbeks"}},
	{"ye", "Yemen", nil, []string{"Yemeni"}},
}

// isCountry reports whether a proper noun is a state the table knows.
func isCountry(name string) bool {
	for _, c := range countries {
		if strings.EqualFold(c.name, name) {
			return true
		}
		for _, n := range c.names {
			if strings.EqualFold(n, name) {
				return true
			}
		}
	}
	return false
}

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// stopwords are capitalised at a sentence's start but name nothing.
var stopwords = set("the", "a", "an", "in", "on", "at", "for", "but", "and", "or", "as", "it", "he", "she", "they", "we", "i",
	"this", "that", "these", "those", "his", "her", "their", "its", "our", "after", "before", "when", "while", "since",
	"by", "from", "with", "despite", "over", "under", "no", "not", "some", "many", "several", "all", "both", "one", "two",
	"three", "four", "five", "six", "seven", "eight", "nine", "ten", "there", "here", "what", "who", "why", "how", "if",
	"then", "also", "however", "meanwhile", "later", "earlier", "during", "among", "within", "without", "according",
	"about", "more", "most", "other", "such", "each", "every", "any", "only", "even", "yet", "so", "than", "though",
	"although", "because", "until", "where", "which", "witnesses", "officials", "police", "authorities", "investigators",
	"prosecutors", "analysts", "survivors", "residents", "gunmen", "attackers", "suspects", "at least", "dozens", "hundreds",
	"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mr", "mrs", "ms", "dr", "sir",
	"global", "historical", "security", "political", "reactions", "road", "ahead", "context", "recent", "moving", "do", "did",
	"islamist", "islamic", "western", "eastern", "northern", "southern", "christian", "muslim", "jewish", "shia", "sunni",
	"day", "week", "year", "years", "news", "update", "breaking", "live", "read", "see", "photo", "video", "image")

// personCues precede a person's name ("President X", "spokesman X").
var personCues = set("president", "prime", "minister", "spokesman", "spokeswoman", "spokesperson", "mr", "mrs", "ms", "dr",
	"general", "gen", "colonel", "col", "judge", "imam", "leader", "chief", "secretary", "senator", "ambassador", "adviser",
	"advisor", "director", "commander", "king", "queen", "prince", "emir", "mayor", "governor", "sheikh", "cleric", "officer",
	"captain", "sergeant", "lieutenant", "chancellor", "pope", "bishop", "professor", "prosecutor", "head", "suspect",
	"attacker", "bomber", "gunman", "brother", "son", "father", "named", "identified", "foreign", "interior", "defence",
	"defense", "deputy", "vice", "former", "acting", "justice")

// locationCues precede a place ("city of X"); locationHeads end one ("X region").
var locationCues = set("city of", "town of", "village of", "region of", "province of", "district of", "capital", "suburb of",
	"near", "outside")
var locationHeads = set("region", "province", "district", "oblast", "city", "airport", "station", "square", "street", "stadium",
	"arena", "hall", "theatre", "theater", "cathedral", "mosque", "church", "synagogue", "embassy", "hotel", "club", "bridge",
	"market", "valley", "mountains", "island", "peninsula", "port", "gate", "park", "cafe", "restaurant", "school",
	"university", "hospital", "centre", "center", "metro", "terminal", "boulevard", "avenue", "republic")

// groupHeads end a group's name ("X party", "X group").
var groupHeads = set("party", "group", "movement", "front", "brigade", "brigades", "battalion", "army", "organisation",
	"organization", "network", "militia", "emirate", "taliban", "council", "agency", "committee", "service", "cell", "faction",
	"jihad", "caliphate", "legion", "alliance", "union", "wing", "forces", "guard", "state", "branch")

// eventHeads end an event's name ("X attack").
var eventHeads = set("attack", "attacks", "bombing", "bombings", "siege", "shooting", "massacre", "crisis", "war", "hijacking",
	"explosion", "blast", "crash", "operation", "raid", "summit", "trial", "uprising")
