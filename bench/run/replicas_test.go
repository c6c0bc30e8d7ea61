package main

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
)

func testPairs(n int) []pair {
	var ps []pair
	for i := range n {
		ps = append(ps, pair{From: fmt.Sprintf("group:10k-n%d", i), To: fmt.Sprintf("person:10k-n%d", i+n),
			Distance: 1 + i%6, fromName: fmt.Sprintf("Group %d & co", i)})
	}
	return ps
}

// TestRequestMixIsSeeded: the replicas part asks 1 and 2 replicas the same
// requests: one seed gives one list, another seed another, and every route
// of the mix is in it, in about its share, for the pairs given.
func TestRequestMixIsSeeded(t *testing.T) {
	ps := testPairs(40)
	a, b := requestMix(1, 2000, ps), requestMix(1, 2000, ps)
	if !slices.Equal(a, b) {
		t.Fatal("the same seed gave two different mixes")
	}
	if c := requestMix(2, 2000, ps); slices.Equal(a, c) {
		t.Error("seeds 1 and 2 gave the same mix")
	}
	if len(a) != 2000 {
		t.Fatalf("got %d requests, want 2000", len(a))
	}
	count := map[string]int{}
	for _, m := range a {
		count[m.kind]++
		u, err := url.Parse(m.path)
		if err != nil || !strings.HasPrefix(u.Path, "/api/v1/") {
			t.Fatalf("request %q is not an API path", m.path)
		}
		found := false
		for _, p := range ps {
			q := u.Query()
			if q.Get("from") == p.From || q.Get("q") == p.fromName || u.Path == "/api/v1/entities/"+p.From+"/neighbors" {
				found = true
			}
		}
		if !found {
			t.Errorf("request %q names none of the pairs", m.path)
		}
	}
	for _, k := range mixKinds {
		// Within a generous band of its weight: 2000 draws put a 15 % share
		// at 300 +- 16 (one standard deviation).
		want := k.weight * len(a) / 100
		if got := count[k.name]; got < want*2/3 || got > want*4/3 {
			t.Errorf("%s: %d of %d requests, want about %d", k.name, got, len(a), want)
		}
	}
	if requestMix(1, 10, nil) != nil {
		t.Error("a mix without pairs has requests")
	}
}

// TestReplicaOfIsRoundRobin: with R replicas each takes every R-th request,
// so every replica answers the same share of the mix.
func TestReplicaOfIsRoundRobin(t *testing.T) {
	for _, r := range []int{1, 2, 3} {
		n := make([]int, r)
		for i := range 12 {
			got := replicaOf(i, r)
			if got != i%r {
				t.Fatalf("request %d of %d replicas went to %d, want %d", i, r, got, i%r)
			}
			n[got]++
		}
		for j, c := range n {
			if c != 12/r {
				t.Errorf("%d replicas: replica %d got %d of 12 requests, want %d", r, j+1, c, 12/r)
			}
		}
	}
	if got := roundOrder(3, 2); !slices.Equal(got, []int{1, 2, 2, 1, 1, 2}) {
		t.Errorf("round order %v, want 1 2 2 1 1 2", got)
	}
}

// TestDiffer: replies to one request agree only when the status, the
// content type and every byte of the body are the same on every replica.
func TestDiffer(t *testing.T) {
	body := []byte(`{"paths":[{"nodes":["group:a","person:b"],"edges":["e1"]}]}`)
	ok := reply{status: 200, contentType: "application/json; charset=utf-8", body: body}
	flip := slices.Clone(body)
	flip[len(flip)-5] = '2'
	for _, tc := range []struct {
		name    string
		replies []reply
		want    string // "" for agreement, else a part of the message
	}{
		{"same bytes", []reply{ok, {200, ok.contentType, slices.Clone(body)}}, ""},
		{"three replicas, same bytes", []reply{ok, ok, ok}, ""},
		{"one byte differs", []reply{ok, {200, ok.contentType, flip}}, fmt.Sprintf("from byte %d", len(body)-5)},
		{"third replica differs", []reply{ok, ok, {200, ok.contentType, flip}}, "replica 3"},
		{"body cut short", []reply{ok, {200, ok.contentType, body[:len(body)-1]}}, "bodies differ"},
		{"other order of the same ids", []reply{ok, {200, ok.contentType,
			[]byte(`{"paths":[{"nodes":["person:b","group:a"],"edges":["e1"]}]}`)}}, "bodies differ"},
		{"status", []reply{ok, {503, ok.contentType, body}}, "answered 200, replica 2 503"},
		{"content type", []reply{ok, {200, "application/xml", body}}, "application/xml"},
	} {
		got := differ(tc.replies)
		if tc.want == "" && got != "" {
			t.Errorf("%s: differ says %q, want agreement", tc.name, got)
		}
		if tc.want != "" && !strings.Contains(got, tc.want) {
			t.Errorf("%s: differ says %q, want it to say %q", tc.name, got, tc.want)
		}
	}
}

// TestReplicaSummary: the summary's answers per second are the median of
// the rounds of each replica count, total and per replica.
func TestReplicaSummary(t *testing.T) {
	lat := func(n int) sample { return make(sample, n) }
	runs := []replicaRound{
		{replicas: 1, secs: 1, per: []sample{lat(100)}},
		{replicas: 2, secs: 2, per: []sample{lat(150), lat(150)}},
		{replicas: 2, secs: 1, per: []sample{lat(100), lat(120)}},
		{replicas: 1, secs: 2, per: []sample{lat(300)}},
		{replicas: 1, secs: 1, per: []sample{lat(400)}, errs: 1},
		{replicas: 2, secs: 1, per: []sample{lat(200), lat(210)}},
	}
	for i := range runs {
		for _, s := range runs[i].per {
			runs[i].all = append(runs[i].all, s...)
		}
	}
	runs[0].byKind = map[string]sample{"search by name": {time.Millisecond, 3 * time.Millisecond}}
	runs[3].byKind = map[string]sample{"search by name": {2 * time.Millisecond}}
	runs[1].byKind = map[string]sample{"shortest path": {5 * time.Millisecond}}
	got := replicaSummary(runs, 2)
	for _, want := range []string{"| search by name | 2.00 / 3.00 (3) | 0.00 / 0.00 (0) |\n",
		"| shortest path | 0.00 / 0.00 (0) | 5.00 / 5.00 (1) |\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("summary lacks the route row %q:\n%s", want, got)
		}
	}
	for _, want := range []string{"| 1 | 3 | 150 | 150 | 0.00 | 0.00 | 1 |\n",
		"| 2 | 3 | 220 | 100 / 120 | 0.00 | 0.00 | 0 |\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("summary lacks %q:\n%s", want, got)
		}
	}
}
