package ingest

import (
	"bufio"
	_ "embed"
	"fmt"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// The cue table and the verb lists it draws on are data, reviewed in
// ingest/cues/ (its header explains the columns); this file only reads them.
var (
	//go:embed cues/cues.tsv
	cuesTSV string
	//go:embed cues/cameo-verbs.tsv
	cameoTSV string
	//go:embed cues/irregular.tsv
	irregularTSV string
)

var frames = map[string]int{"svo": svo, "passive": passive, "title": title, "adjective": adjective,
	"objectIn": objectIn, "namedAs": namedAs, "comma": comma, "scene": scene, "victims": victims, "possessive": possessive}

// rules are the cue table's rows, one per cue, with verbs expanded.
var rules = mustRules(cuesTSV)

func mustRules(tsv string) []rule {
	rs, err := parseRules(tsv, verbForms(irregularTSV), cameoSets(cameoTSV))
	if err != nil {
		panic("ingest/cues/cues.tsv: " + err.Error())
	}
	return rs
}

// parseRules reads the cue table; every {verb} and @SET of a cue becomes
// one cue per form.
func parseRules(tsv string, irregular map[string][]string, sets map[string][]cameoVerb) ([]rule, error) {
	var out []rule
	sc := bufio.NewScanner(strings.NewReader(tsv))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 5 {
			return nil, fmt.Errorf("line %d: %d columns, want 5 (type, frame, stance, options, cue)", n, len(f))
		}
		r := rule{typ: f[0]}
		if _, ok := graph.LookupRel(r.typ); !ok {
			return nil, fmt.Errorf("line %d: unknown relationship type %q", n, r.typ)
		}
		mode, ok := frames[f[1]]
		if !ok {
			return nil, fmt.Errorf("line %d: unknown frame %q", n, f[1])
		}
		r.mode = mode
		if f[2] != "speaker" {
			st, ok := graph.ParseStance(f[2])
			if !ok {
				return nil, fmt.Errorf("line %d: unknown stance %q", n, f[2])
			}
			r.stance = st
		}
		if err := r.setOptions(f[3]); err != nil {
			return nil, fmt.Errorf("line %d: %v", n, err)
		}
		cs, err := expandCue(f[4], irregular, sets)
		if err != nil {
			return nil, fmt.Errorf("line %d: %v", n, err)
		}
		r.cues = cs
		first, _, _ := strings.Cut(f[4], " ")
		r.verbal = strings.HasPrefix(first, "{") || strings.HasPrefix(first, "@") || strings.HasSuffix(first, "ed") ||
			knownForm(irregular, first)
		out = append(out, r)
	}
	return out, sc.Err()
}

func (r *rule) setOptions(s string) error {
	for _, o := range strings.Split(s, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(o), "=")
		switch k {
		case "":
		case "multi":
			r.multi = true
		case "attack":
			r.attack = true
		case "patient":
			r.patient = true
		case "implicit":
			r.implicit = true
		case "main":
			r.main = true
		case "trial":
			r.trial = true
		case "perp":
			r.perp = true
		case "near":
			n, err := strconv.Atoi(v)
			if err != nil || n <= 0 {
				return fmt.Errorf("near=%q: want a positive number", v)
			}
			r.near = n
		case "needs":
			r.needs = v
		default:
			return fmt.Errorf("unknown option %q", k)
		}
	}
	return nil
}

// expandCue turns "{claim} responsibility for" into every form of the verb
// followed by the rest, and "@BLAME/112 x" into the same for every verb of
// that CAMEO set.
func expandCue(cue string, irregular map[string][]string, sets map[string][]cameoVerb) ([]string, error) {
	head, rest, _ := strings.Cut(cue, " ")
	if rest != "" {
		rest = " " + rest
	}
	switch {
	case strings.HasPrefix(head, "{") && strings.HasSuffix(head, "}"):
		var out []string
		for _, f := range inflect(strings.Trim(head, "{}"), irregular) {
			out = append(out, f+rest)
		}
		return out, nil
	case strings.HasPrefix(head, "@"):
		vs, ok := sets[head[1:]]
		if !ok {
			return nil, fmt.Errorf("no CAMEO verb set %q in cameo-verbs.tsv", head[1:])
		}
		// "!VERB" words leave a verb of the set out.
		skip := map[string]bool{}
		var words []string
		for _, w := range strings.Fields(rest) {
			if strings.HasPrefix(w, "!") {
				skip[strings.ToUpper(w[1:])] = true
			} else {
				words = append(words, w)
			}
		}
		rest = ""
		if len(words) > 0 {
			rest = " " + strings.Join(words, " ")
		}
		var out []string
		for _, v := range vs {
			if skip[v.verb] {
				continue
			}
			words := strings.Split(strings.ToLower(v.verb), "_")
			tail := strings.Join(words[1:], " ")
			if tail != "" {
				tail = " " + tail
			}
			forms := inflect(words[0], irregular)
			for _, f := range v.forms {
				forms = append(forms, strings.ToLower(strings.SplitN(f, "_", 2)[0]))
			}
			for _, f := range dedupe(forms) {
				out = append(out, f+tail+rest)
			}
		}
		return out, nil
	}
	return []string{cue}, nil
}

// knownForm reports whether w is a form of an irregular verb ("shot", "blew").
func knownForm(irregular map[string][]string, w string) bool {
	for _, forms := range irregular {
		for _, f := range forms {
			if f == w {
				return true
			}
		}
	}
	return false
}

// cameoVerb is one verb of a CAMEO synonym set.
type cameoVerb struct {
	verb  string
	forms []string
}

// cameoSets reads cameo-verbs.tsv into sets keyed "BLOCK/CODE".
func cameoSets(tsv string) map[string][]cameoVerb {
	out := map[string][]cameoVerb{}
	for _, line := range strings.Split(tsv, "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 4 || strings.HasPrefix(line, "#") {
			continue
		}
		k := f[0] + "/" + f[1]
		out[k] = append(out[k], cameoVerb{verb: f[2], forms: strings.Fields(f[3])})
	}
	return out
}

// verbForms reads irregular.tsv: base -> its past, participle, third-person
// and -ing forms as given.
func verbForms(tsv string) map[string][]string {
	out := map[string][]string{}
	for _, line := range strings.Split(tsv, "\n") {
		f := strings.Split(line, "\t")
		if len(f) < 3 || strings.HasPrefix(line, "#") {
			continue
		}
		var forms []string
		for _, c := range f[1:] {
			forms = append(forms, strings.Fields(c)...)
		}
		out[f[0]] = forms
	}
	return out
}

// inflect gives a verb's forms: base, third person, past, participle and
// -ing, regular unless irregular lists them.
func inflect(v string, irregular map[string][]string) []string {
	out := []string{v}
	if forms, ok := irregular[v]; ok {
		out = append(out, forms...)
		out = append(out, thirdPerson(v), ingForm(v))
		return dedupe(out)
	}
	out = append(out, thirdPerson(v), pastForm(v), ingForm(v))
	if endsCVC(v) && len(v) >= 5 {
		// Whether a longer verb doubles depends on its stress: "occurred",
		// "acquitted", "cancelled" but "offered", "visited". Both spellings
		// are listed; the wrong one never occurs in text.
		d := v + v[len(v)-1:]
		out = append(out, d+"ed", d+"ing", v+"ed", v+"ing")
	}
	return dedupe(out)
}

// endsCVC reports whether a verb ends in consonant, vowel, consonant (not
// w, x or y): the ending whose consonant may double.
func endsCVC(v string) bool {
	n := len(v)
	quVowel := n >= 4 && v[n-4:n-2] == "qu" // "acquit": the u of qu is no vowel
	return n >= 3 && !isVowel(v[n-1]) && strings.IndexByte("wxy", v[n-1]) < 0 && isVowel(v[n-2]) &&
		(!isVowel(v[n-3]) || quVowel)
}

func isVowel(b byte) bool { return strings.IndexByte("aeiou", b) >= 0 }

// doubles reports whether a short verb doubles its last consonant (stab, ban, plan).
// Two-syllable verbs stressed on the first ("open", "edit") do not: a
// four-letter verb that opens with a vowel keeps one consonant.
func doubles(v string) bool {
	n := len(v)
	return n <= 4 && endsCVC(v) && (n == 3 || !isVowel(v[0]))
}

func thirdPerson(v string) string {
	switch {
	case strings.HasSuffix(v, "y") && len(v) > 1 && !isVowel(v[len(v)-2]):
		return v[:len(v)-1] + "ies"
	case strings.HasSuffix(v, "s") || strings.HasSuffix(v, "x") || strings.HasSuffix(v, "z") ||
		strings.HasSuffix(v, "ch") || strings.HasSuffix(v, "sh") || strings.HasSuffix(v, "o"):
		return v + "es"
	}
	return v + "s"
}

func pastForm(v string) string {
	switch {
	case strings.HasSuffix(v, "e"):
		return v + "d"
	case strings.HasSuffix(v, "y") && len(v) > 1 && !isVowel(v[len(v)-2]):
		return v[:len(v)-1] + "ied"
	case doubles(v):
		return v + v[len(v)-1:] + "ed"
	}
	return v + "ed"
}

func ingForm(v string) string {
	switch {
	case strings.HasSuffix(v, "ie"):
		return v[:len(v)-2] + "ying"
	case strings.HasSuffix(v, "e") && !strings.HasSuffix(v, "ee") && !strings.HasSuffix(v, "ye") && len(v) > 2:
		return v[:len(v)-1] + "ing"
	case doubles(v):
		return v + v[len(v)-1:] + "ing"
	}
	return v + "ing"
}

func dedupe(xs []string) []string {
	seen := map[string]bool{}
	out := xs[:0:0]
	for _, x := range xs {
		if x != "" && !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}
