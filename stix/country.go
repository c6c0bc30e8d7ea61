package stix

import (
	"strings"
	"sync"

	"github.com/actorgraph/actorgraph/graph"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// countryNames maps folded English country names (CLDR's, plus the forms
// CTI tools write, e.g. OpenCTI's "Russian Federation") to ISO 3166-1
// alpha-2 codes.
var countryNames = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	names := display.English.Regions()
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			code := string([]rune{a, b})
			r, err := language.ParseRegion(code)
			if err != nil || !assigned(code) {
				continue
			}
			// The first code wins: GB before UK, which CLDR also knows.
			if name := names.Name(r); name != "" && m[fold(name)] == "" {
				m[fold(name)] = code
			}
		}
	}
	for name, code := range extraCountryNames {
		m[fold(name)] = code
	}
	return m
})

var extraCountryNames = map[string]string{
	"Russian Federation": "RU", "United States of America": "US", "USA": "US", "UK": "GB",
	"Great Britain": "GB", "Iran, Islamic Republic of": "IR", "Islamic Republic of Iran": "IR",
	"Syrian Arab Republic": "SY", "Republic of Korea": "KR", "South Korea": "KR", "North Korea": "KP",
	"Democratic People's Republic of Korea": "KP", "Viet Nam": "VN", "Turkey": "TR", "Czech Republic": "CZ",
	"Kyrgyz Republic": "KG", "Republic of Moldova": "MD", "Palestine": "PS", "Ivory Coast": "CI",
	"Democratic Republic of the Congo": "CD", "Republic of the Congo": "CG", "Burma": "MM",
	"People's Republic of China": "CN", "Taiwan, Province of China": "TW", "Lao People's Democratic Republic": "LA",
	"Bolivia, Plurinational State of": "BO", "Venezuela, Bolivarian Republic of": "VE",
	"Tanzania, United Republic of": "TZ",
}

func fold(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(strings.NewReplacer("&", "and", "’", "'").Replace(s))), " ")
}

// CountryCode returns the ISO 3166-1 alpha-2 code of a country given as a
// code ("ru", "RU") or an English name ("Russia", "Russian Federation"), or
// "" when it knows none.
func CountryCode(s string) string {
	s = strings.TrimSpace(s)
	if len(s) == 2 {
		up := strings.ToUpper(s)
		if up == "UK" {
			return "GB" // exceptionally reserved for the United Kingdom
		}
		if assigned(up) {
			return up
		}
		return ""
	}
	return countryNames()[fold(s)]
}

// assigned reports whether code is an officially assigned ISO 3166-1 code:
// a country to CLDR and not one of the user-assigned ranges (AA, QM-QZ,
// XA-XZ, ZZ), which no validator accepts.
func assigned(code string) bool {
	if code == "AA" || code == "ZZ" || code[0] == 'X' || (code[0] == 'Q' && code[1] >= 'M') {
		return false
	}
	r, err := language.ParseRegion(code)
	return err == nil && r.IsCountry() && r.String() == code
}

// CountryName is the English name of an ISO code, or the code itself.
func CountryName(code string) string {
	r, err := language.ParseRegion(code)
	if err != nil {
		return code
	}
	if name := display.English.Regions().Name(r); name != "" {
		return name
	}
	return code
}

// regions is STIX's region-ov vocabulary, by folded name.
var regions = func() map[string]string {
	m := map[string]string{}
	for _, r := range []string{"africa", "eastern-africa", "middle-africa", "northern-africa", "southern-africa",
		"western-africa", "americas", "latin-america-caribbean", "south-america", "caribbean", "central-america",
		"northern-america", "asia", "central-asia", "eastern-asia", "southern-asia", "south-eastern-asia",
		"western-asia", "europe", "eastern-europe", "northern-europe", "southern-europe", "western-europe",
		"oceania", "australia-new-zealand", "melanesia", "micronesia", "polynesia", "antarctica"} {
		m[strings.ReplaceAll(r, "-", " ")] = r
	}
	// Names in common use that the vocabulary spells otherwise.
	m["middle east"] = "western-asia"
	m["near east"] = "western-asia"
	m["caucasus"] = "western-asia"
	m["north caucasus"] = "eastern-europe"
	m["sahel"] = "western-africa"
	m["latin america"] = "latin-america-caribbean"
	m["north america"] = "northern-america"
	m["southeast asia"] = "south-eastern-asia"
	m["south asia"] = "southern-asia"
	m["east asia"] = "eastern-asia"
	return m
}()

// regionOf is the STIX region a Location's name (or its stixRegion
// property, which an import keeps) names, or "".
func regionOf(n *graph.Node) string {
	if r := regions[fold(strings.ReplaceAll(str(n.Properties, "stixRegion"), "-", " "))]; r != "" {
		return r
	}
	return regions[fold(strings.ReplaceAll(n.Name, "-", " "))]
}
