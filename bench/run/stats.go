package main

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// sample is a set of latencies.
type sample []time.Duration

func (s sample) q(p float64) time.Duration {
	if len(s) == 0 {
		return 0
	}
	c := slices.Clone(s)
	slices.Sort(c)
	i := int(math.Ceil(p*float64(len(c)))) - 1
	return c[max(0, min(i, len(c)-1))]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f", float64(d.Microseconds())/1000) }

// row is one line of a result table.
type row struct {
	name string
	a, b sample
	note string
}

// table renders A-versus-B rows: median, p95, p99 of each, the ratio of the
// medians and the difference of the medians.
func table(title, aName, bName string, rows []row) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "\n### %s\n\n| case | n | %s median | p95 | p99 | %s median | p95 | p99 | ratio "+
		"A/B | A−B median ms | |\n|---|---|---|---|---|---|---|---|---|---|---|\n", title, aName, bName)
	for _, r := range rows {
		ratio, diff := "", ""
		if len(r.b) > 0 && r.b.q(0.5) > 0 {
			ratio = fmt.Sprintf("%.2f", float64(r.a.q(0.5))/float64(r.b.q(0.5)))
			diff = ms(r.a.q(0.5) - r.b.q(0.5))
		}
		fmt.Fprintf(&sb, "| %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", r.name, len(r.a),
			ms(r.a.q(0.5)), ms(r.a.q(0.95)), ms(r.a.q(0.99)), ms(r.b.q(0.5)), ms(r.b.q(0.95)),
			ms(r.b.q(0.99)), ratio, diff, r.note)
	}
	return sb.String()
}
