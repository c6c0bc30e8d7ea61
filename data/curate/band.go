package curate

// bands is the confidence band of each reliability grade, A (best) to E
// (data/crocus/README.md).
var bands = map[string][2]int{"A": {60, 95}, "B": {50, 90}, "C": {40, 80}, "D": {25, 65}, "E": {10, 40}}

// ValidGrade reports whether g is a reliability grade, A-E.
func ValidGrade(g string) bool { _, ok := bands[g]; return ok }

// BestGrade returns the best reliability grade among sources ("" when none
// is graded); grade gives a Source's grade.
func BestGrade(sources []string, grade func(id string) string) string {
	best := ""
	for _, s := range sources {
		if g := grade(s); ValidGrade(g) && (best == "" || g < best) {
			best = g
		}
	}
	return best
}

// Band is the confidence band of an edge whose best source has grade best:
// the grade's band, narrowed to 10-30 for an allegation and to 15-50 for an
// inference.
func Band(best, stance string, inferred bool) (lo, hi int) {
	b := bands[best]
	lo, hi = b[0], b[1]
	if stance == "alleged" {
		lo, hi = 10, min(30, hi)
	} else if inferred {
		lo, hi = 15, min(50, hi)
	}
	return lo, hi
}
