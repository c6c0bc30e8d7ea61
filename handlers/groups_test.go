package handlers_test

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// groupList is the body of GET /api/v1/candidates?group=pair.
type groupList struct{ Groups []graph.CandidateGroup }

// decision is the body of a group accept or reject.
type decision struct {
	Candidates []graph.Candidate
	Edge       *graph.Edge
	Skipped    []graph.Candidate
}

func findGroup(gs []graph.CandidateGroup, typ, from, to string) *graph.CandidateGroup {
	for i := range gs {
		if gs[i].Type == typ && gs[i].From == from && gs[i].To == to {
			return &gs[i]
		}
	}
	return nil
}

const (
	crocus = "event:2024-03-22-crocus-city-hall"
	denial = "Ukraine denied any involvement in the attack on Crocus City Hall."
)

// Two articles that propose the same edges are listed as groups, and each
// group is accepted or rejected at once.
func TestGroupedReview(t *testing.T) {
	reload(t)
	body, h := jsonl(
		`{"title":"Kremlin call","publishedOn":"2024-03-26","text":"`+strings.ReplaceAll(article, "\n", `\n`)+`"}`,
		`{"title":"Kyiv","publishedOn":"2024-03-27","text":"Kyiv, March 27. `+denial+
			` Islamic State claimed responsibility for the attack on Crocus City Hall."}`)
	r, b := postBatch(t, body, h)
	if r.status != 200 || statuses(b) != "created,created" {
		t.Fatalf("ingest: got %d %s", r.status, clip(r.body))
	}
	srcs := []string{b.Articles[0].Source, b.Articles[1].Source}

	var list groupList
	r = get(t, "/api/v1/candidates?"+q("group", "pair", "status", "pending"))
	r.json(t, &list)
	den := findGroup(list.Groups, "DENIED", "state:ua", crocus)
	claim := findGroup(list.Groups, "CLAIMED_RESPONSIBILITY", "group:islamic-state", crocus)
	if r.status != 200 || den == nil || claim == nil {
		t.Fatalf("groups: got %d %s; want Ukraine's denial and Islamic State's claim", r.status, clip(r.body))
	}
	if den.Count != 2 || len(den.Candidates) != 2 || !slices.Equal(den.Sources, srcs) || den.Corroborates != nil {
		t.Errorf("denial group %+v; want 2 candidates from %v, corroborating nothing", den, srcs)
	}
	if claim.Corroborates == nil || *claim.Corroborates != "CLAIMED_RESPONSIBILITY:group:islamic-state->"+
		crocus || claim.Count != 2 {
		t.Errorf("claim group corroborates %v with %d candidates; want the stored edge, 2", claim.Corroborates, claim.Count)
	}
	for i := 1; i < len(list.Groups); i++ {
		if list.Groups[i].Count > list.Groups[i-1].Count {
			t.Errorf("groups not by count: %d after %d", list.Groups[i].Count, list.Groups[i-1].Count)
		}
	}
	var one groupList
	r = get(t, "/api/v1/candidates?"+q("group", "pair", "source", srcs[1]))
	r.json(t, &one)
	if g := findGroup(one.Groups, "DENIED", "state:ua", crocus); g == nil || g.Count != 1 || g.Sources[0] != srcs[1] {
		t.Errorf("source filter: %+v, want the denial group with the Kyiv article's candidate only", g)
	}

	// Accepting the group writes the edge once and cites both sources.
	_, r0 := counts(t)
	key := `"type":"DENIED","from":"state:ua","to":"` + crocus + `"`
	r = post(t, "/api/v1/candidates/groups/accept", `{`+key+`,"confidence":65}`)
	var acc decision
	r.json(t, &acc)
	if _, r1 := counts(t); r.status != 200 || acc.Edge == nil || r1 != r0+1 || len(acc.Candidates) != 2 ||
		len(acc.Skipped) != 0 {
		t.Fatalf("group accept: got %d, relationships %d -> %d: %s", r.status, r0, r1, clip(r.body))
	}
	if !slices.Equal(acc.Edge.Sources, srcs) || acc.Edge.Confidence != 65 || acc.Edge.Quote != denial {
		t.Errorf("edge %+v; want both sources, confidence 65 and the first sentence as quote", acc.Edge.Evidence)
	}
	var hist history
	get(t, "/api/v1/edges/"+url.PathEscape(acc.Edge.ID)+"/history").json(t, &hist)
	var accepted []string
	for _, ch := range hist.Changes {
		if ch.Action == "accept" && ch.Candidate != nil {
			accepted = append(accepted, *ch.Candidate)
		}
	}
	if !slices.Equal(accepted, []string{den.Candidates[0].ID, den.Candidates[1].ID}) {
		t.Errorf("history accepts %v, want each candidate's own: %s, %s", accepted, den.Candidates[0].ID,
			den.Candidates[1].ID)
	}
	if r := post(t, "/api/v1/candidates/groups/accept", `{`+key+`}`); r.status != 409 {
		t.Errorf("accepting the group again: got %d, want 409", r.status)
	}

	// Rejecting: one by ids, then the rest (the first is skipped), then 409.
	ckey := `"type":"CLAIMED_RESPONSIBILITY","from":"group:islamic-state","to":"` + crocus + `"`
	var rej decision
	post(t, "/api/v1/candidates/groups/reject", `{`+ckey+`,"ids":["`+claim.Candidates[0].ID+
		`"],"reason":"the IS claim is on file"}`).json(t, &rej)
	if len(rej.Candidates) != 1 || rej.Candidates[0].Status != "rejected" ||
		rej.Candidates[0].Reason != "the IS claim is on file" {
		t.Errorf("reject by ids: %+v", rej)
	}
	r = post(t, "/api/v1/candidates/groups/reject", `{`+ckey+`,"reason":"duplicate"}`)
	r.json(t, &rej)
	if r.status != 200 || len(rej.Candidates) != 1 || rej.Candidates[0].ID != claim.Candidates[1].ID ||
		len(rej.Skipped) != 1 || rej.Skipped[0].ID != claim.Candidates[0].ID {
		t.Errorf("reject the rest: got %d %s; want the second rejected and the first skipped", r.status, clip(r.body))
	}
	if r := post(t, "/api/v1/candidates/groups/reject", `{`+ckey+`}`); r.status != 409 {
		t.Errorf("rejecting again: got %d, want 409", r.status)
	}
	for body, want := range map[string]int{
		`{"type":"DENIED","from":"state:ua"}`:                             400,
		`{"type":"DENIED","from":"state:ua","to":"state:ru"}`:             404,
		`{` + key + `,"ids":["cand:not-in-it"]}`:                          400,
		`{` + key + `,"bogus":1}`:                                         400,
		`{"type":"DENIED","from":"state:ua","to":"` + crocus + `"` + `,}`: 400,
	} {
		if r := post(t, "/api/v1/candidates/groups/accept", body); r.status != want {
			t.Errorf("%s: got %d, want %d", body, r.status, want)
		}
	}
	if r := get(t, "/api/v1/candidates?group=triple"); r.status != 400 {
		t.Errorf("group=triple: got %d, want 400", r.status)
	}
}
