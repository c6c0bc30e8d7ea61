package ingest

import (
	"sort"
	"strings"
)

// window is how far (code points) from its cue an end may stand.
const window = 160

// cueIndex matches every cue of every rule in one pass.
type cueIndex struct {
	ac    *automaton
	cues  [][]rune
	rules [][]int // per cue: the rules that use it
}

var cues = func() *cueIndex {
	ci := &cueIndex{ac: newAutomaton()}
	seen := map[string]int{}
	for ri, r := range rules {
		for _, c := range r.cues {
			f := foldName(c)
			k, ok := seen[string(f)]
			if !ok {
				k = len(ci.cues)
				seen[string(f)] = k
				ci.cues = append(ci.cues, f)
				ci.rules = append(ci.rules, nil)
				ci.ac.add(f, int32(k))
			}
			ci.rules[k] = append(ci.rules[k], ri)
		}
	}
	ci.ac.build()
	return ci
}()

// cueHit is a cue found in the text (original offsets).
type cueHit struct {
	start, end int
	cue        int32
}

func findCues(text []rune, f folded) []cueHit {
	var out []cueHit
	scanCues(f, &out, nil)
	// "was probably behind", "has already taken responsibility": the cues
	// again with an adverb after an auxiliary left out; a hit that spans
	// the adverb keeps it in its cue, where stance reads a hedge.
	if g, ok := withoutAdverbs(f); ok {
		seen := make(map[cueHit]bool, len(out))
		for _, h := range out {
			seen[h] = true
		}
		scanCues(g, &out, seen)
		// In the order of the first scan (by where they end), which the
		// sentence walk that takes them expects.
		sort.SliceStable(out, func(i, j int) bool { return out[i].end < out[j].end })
	}
	return out
}

func scanCues(f folded, out *[]cueHit, seen map[cueHit]bool) {
	cues.ac.scan(f.r, func(end int, id int32, length int) {
		start := end - length
		c := cues.cues[id]
		// A cue of punctuation (",") needs no word boundary on that side.
		if start > 0 && isWord(f.r[start-1]) && isWord(c[0]) || end < len(f.r) && isWord(f.r[end]) && isWord(c[len(c)-1]) {
			return
		}
		h := cueHit{start: int(f.pos[start]), end: int(f.pos[end-1]) + 1, cue: id}
		if !seen[h] {
			*out = append(*out, h)
		}
	})
}

// auxWords are the auxiliaries an adverb may follow inside a cue.
var auxWords = set("was", "were", "is", "are", "be", "been", "has", "have", "had", "will", "would")

// skippedAdverb: an adverb a cue may hold after its auxiliary. Negations are
// not among them: "was not behind" must not read as "was behind".
func skippedAdverb(w string) bool {
	if w == "not" || w == "never" || w == "only" || w == "early" {
		return false
	}
	return adverbs[w] || strings.HasSuffix(w, "ly") && len(w) > 4
}

// withoutAdverbs is f with every adverb right after an auxiliary dropped
// (with its space), positions kept; ok is false when it drops none.
func withoutAdverbs(f folded) (folded, bool) {
	words := func(i int) (int, int) { // the word starting at i
		j := i
		for j < len(f.r) && isWord(f.r[j]) {
			j++
		}
		return i, j
	}
	var g folded
	dropped := false
	prev, prevEnd := "", -2 // the last word kept and where it ends in f
	for i := 0; i < len(f.r); {
		if !isWord(f.r[i]) {
			g.r, g.pos = append(g.r, f.r[i]), append(g.pos, f.pos[i])
			i++
			continue
		}
		a, b := words(i)
		w := string(f.r[a:b])
		// Only an adverb one space after its auxiliary, in the original
		// text too: "was. Later investigators" holds no cue.
		if auxWords[prev] && a == prevEnd+1 && f.r[prevEnd] == ' ' && f.pos[a] == f.pos[prevEnd]+1 &&
			skippedAdverb(w) && b < len(f.r) && f.r[b] == ' ' {
			dropped = true
			i = b + 1 // the adverb and the space after it
			continue
		}
		if prev != "" && a == prevEnd+1 && f.r[prevEnd] == ' ' {
			// "India struck what it called terrorist infrastructure in":
			// the actor's own name for its object stands inside the cue.
			if n := designation(f.r[a:]); n > 0 && f.pos[a+n-1] == f.pos[a]+int32(n-1) {
				dropped = true
				i = a + n
				continue
			}
		}
		g.r, g.pos = append(g.r, f.r[a:b]...), append(g.pos, f.pos[a:b]...)
		prev, prevEnd = w, b
		i = b
	}
	return g, dropped
}

var designations = []string{"what it called ", "what they called ", "what it described as ", "what they described as ",
	"what it said was ", "what it said were ", "what they said were ", "what it termed ", "what they termed "}

// designation is the length of the designation phrase r starts with
// (with its space), 0 without one.
func designation(r []rune) int {
	if len(r) < 5 || r[0] != 'w' {
		return 0
	}
	for _, d := range designations {
		if len(r) >= len(d) && string(r[:len(d)]) == d {
			return len([]rune(d))
		}
	}
	return 0
}

// sentence is what the candidate finder sees of one sentence.
type sentence struct {
	span     Span
	text     []rune // the whole text
	low      string // the sentence, folded, for word tests
	mentions []mention
	date     string
	doc      *doc
}

// negators and hedges are looked for just before a cue.
var negators = []string{"no", "not", "never", "n't", "without", "nobody", "no one", "neither", "nor", "yet to",
	"refused to",
	"declined to", "denied", "denies", "denying", "rejected", "rejects", "refuted", "refutes", "ruled out", "rules out", "disputed",
	"disputes", "dismissed", "false", "did not", "has not", "have not"}
var hedges = []string{"whether", "if", "may have", "might have", "could have", "possibly", "unclear", "unconfirmed",
	"reportedly", "suspected", "allegedly", "rumoured", "rumored", "speculated", "may", "might", "purportedly", "purported",
	"unverified", "apparently", "probably", "likely", "possible", "perhaps", "speculation"}

// hasWord reports whether s holds w as whole words.
func hasWord(s, w string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		a, b := i+j, i+j+len(w)
		if (a == 0 || !isWordByte(s[a-1])) && (b == len(s) || !isWordByte(s[b])) {
			return true
		}
		i = a + 1
	}
}

func isWordByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 0x80 }

func anyWord(s string, ws []string) string {
	for _, w := range ws {
		if w == "n't" && strings.Contains(s, "n't") {
			return w
		}
		if hasWord(s, w) {
			return w
		}
	}
	return ""
}

// lower folds a span of the text for word tests.
// A leading space is kept, so that " in " tests see the word boundary.
func lower(text []rune, a, b int) string {
	a, b = max(a, 0), min(b, len(text))
	if a >= b {
		return ""
	}
	s := string(fold(text[a:b], true).r)
	if isSep(text[a]) {
		return " " + s
	}
	return s
}
