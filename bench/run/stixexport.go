package main

import (
	"fmt"
	"io"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/graph"
)

// Issue 25's bounds on the streamed STIX export of the whole database: the
// server's RSS, and its time against the JSON export of the same graph.
const (
	stixTargetMB    = 150
	stixTargetRatio = 3.0
)

// stixExport downloads the whole database as STIX (GET /api/v1/export/stix)
// and as native JSON (GET /api/v1/graph with every kind, Sources included,
// and a limit above the node count), alternating, STIX_ROUNDS times (3),
// sampling the server's RSS every 5 ms, and prints the medians, the ratio
// and the peaks against the targets.
func (b *bench) stixExport() string {
	if b.pid == 0 {
		return "\n(stix: no -pid, RSS not measured)\n"
	}
	rounds := 3
	if v, err := strconv.Atoi(os.Getenv("STIX_ROUNDS")); err == nil && v > 0 {
		rounds = v
	}
	q := url.Values{"limit": {"1000000"}, "format": {"json"}}
	for _, k := range graph.Kinds {
		q.Add("kind", string(k.Kind))
	}
	sides := []struct{ name, path string }{
		{"json (GET /api/v1/graph, every kind)", "/api/v1/graph?" + q.Encode()},
		{"stix (GET /api/v1/export/stix)", "/api/v1/export/stix"},
	}
	secs := make([][]float64, len(sides))
	peaks := make([]float64, len(sides))
	bytesOut := make([]int64, len(sides))
	var sb strings.Builder
	fmt.Fprintf(&sb, "\n### STIX export vs JSON export of the whole database (%d rounds, alternating; RSS sampled every 5 ms)\n\n"+
		"| round | side | bytes | seconds | RSS before MB | peak RSS MB |\n|---|---|---|---|---|---|\n", rounds)
	failed := false
	for r := 1; r <= rounds; r++ {
		for i, s := range sides {
			n, el, before, peak, err := b.download(s.path)
			if err != nil {
				failed = true
				fmt.Fprintf(&sb, "| %d | %s | | | | | %v |\n", r, s.name, err)
				continue
			}
			secs[i] = append(secs[i], el)
			peaks[i] = max(peaks[i], peak)
			bytesOut[i] = n
			fmt.Fprintf(&sb, "| %d | %s | %d | %.2f | %.0f | %.0f |\n", r, s.name, n, el, before, peak)
		}
	}
	if failed || len(secs[0]) == 0 || len(secs[1]) == 0 {
		sb.WriteString("\nTargets: not measured (a download failed)\n")
		return sb.String()
	}
	med := func(xs []float64) float64 { s := slices.Clone(xs); slices.Sort(s); return s[len(s)/2] }
	mj, ms := med(secs[0]), med(secs[1])
	ratio := ms / mj
	verdict := func(ok bool) string {
		if ok {
			return "met"
		}
		return "missed"
	}
	fmt.Fprintf(&sb, "\nMedians: JSON %.2f s (%d bytes), STIX %.2f s (%d bytes, %.1fx the bytes); STIX / JSON = %.2f <= %.0f: **%s**. "+
		"Peak server RSS: JSON %.0f MB, STIX %.0f MB <= %d MB: **%s** (GOMEMLIMIT %q)\n",
		mj, bytesOut[0], ms, bytesOut[1], float64(bytesOut[1])/float64(bytesOut[0]), ratio, stixTargetRatio,
		verdict(ratio <= stixTargetRatio), peaks[0], peaks[1], stixTargetMB, verdict(peaks[1] <= stixTargetMB), os.Getenv("GOMEMLIMIT"))
	return sb.String()
}

// download GETs path, discarding the body, and returns its size, the
// seconds it took, and the server's RSS before and at its peak meanwhile.
func (b *bench) download(path string) (n int64, secs, before, peak float64, err error) {
	before = rss(b.pid)
	peak = before
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		for {
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
				peak = max(peak, rss(b.pid))
			}
		}
	}()
	start := time.Now()
	res, err := b.hc.Get(b.api + path)
	if err == nil {
		n, err = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if err == nil && res.StatusCode != 200 {
			err = fmt.Errorf("HTTP %d", res.StatusCode)
		}
	}
	secs = time.Since(start).Seconds()
	close(stop)
	<-done
	return n, secs, before, peak, err
}
