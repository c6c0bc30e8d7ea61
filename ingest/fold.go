package ingest

import "unicode"

// folded is a text folded for matching: lower case, every run of spaces,
// dashes and underscores one ' ', curly apostrophes straight. pos maps each
// folded rune to the original rune it came from.
type folded struct {
	r   []rune
	pos []int32
}

func isSep(r rune) bool {
	switch r {
	case '-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '_':
		return true
	}
	return unicode.IsSpace(r)
}

func foldRune(r rune) rune {
	switch r {
	case '\u2019', '\u2018', '`', '\u02bc':
		return '\''
	}
	return unicode.ToLower(r)
}

// fold folds text; lower says whether to fold case (names matched case-
// sensitively keep it).
func fold(text []rune, lower bool) folded {
	f := folded{r: make([]rune, 0, len(text)), pos: make([]int32, 0, len(text))}
	sep := false
	for i, r := range text {
		if isSep(r) {
			if !sep && len(f.r) > 0 {
				f.r = append(f.r, ' ')
				f.pos = append(f.pos, int32(i))
			}
			sep = true
			continue
		}
		sep = false
		if lower {
			r = foldRune(r)
		} else if r == '\u2019' || r == '\u2018' {
			r = '\''
		}
		f.r = append(f.r, r)
		f.pos = append(f.pos, int32(i))
	}
	return f
}

// foldName folds a name or cue into the form it is matched in, trimmed.
func foldName(s string) []rune {
	f := fold([]rune(s), true).r
	for len(f) > 0 && f[len(f)-1] == ' ' {
		f = f[:len(f)-1]
	}
	return f
}

func isWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
