package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/testkit"
)

// hearingReport is the court-hearing report of 2024-03-25, the second
// article of the acceptance flow.
const hearingReport = "../ingest/testdata/crocus-hearing-2024-03-25.txt"

// readArticle reads one of the project's articles, failing with a clear
// message when it is missing.
func readArticle(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("the acceptance flow needs the article %s (the corpus test set): %v", path, err)
	}
	return string(b)
}

// The acceptance flow: ingest the seed article and the hearing
// report as one reading list; the hearing report proposes the claim of
// responsibility for Crocus City Hall as corroborating the stored edge;
// accepting it makes the path from IS-K to the event cite the report, and
// the edge's history lists the accept with its key and candidate.
func TestAcceptanceReadingList(t *testing.T) {
	reload(t)
	seed := readArticle(t, "../data/crocus/sources/crocus-city-hall-2024-03-25.txt")
	hearing := readArticle(t, hearingReport)
	named, err := testkit.StartServer(context.Background(), db,
		testkit.WithAPIKeys(map[string]string{"reviewer": "reviewer-key"}))
	if err != nil {
		t.Fatal(err)
	}
	defer named.Close()
	body, h := batchForm(t, []file{{"crocus-city-hall-2024-03-25.txt", seed}, {"crocus-hearing-2024-03-25.txt", hearing}},
		map[string]string{"publishedOn": "2024-03-25"})
	h.Set("X-Api-Key", "reviewer-key")
	r := doAt(t, named.URL, http.MethodPost, "/api/v1/sources", strings.NewReader(body), h)
	var b batchAnswer
	r.json(t, &b)
	if r.status != 200 || len(b.Articles) != 2 || b.Articles[1].Status != "created" || b.Summary.Errors != 0 {
		t.Fatalf("ingest: got %d %s; want both articles ingested, the hearing report created", r.status, clip(r.body))
	}
	src := b.Articles[1].Source

	// The seed article (stored with the data set) proposes IS-K's own claim,
	// corroborating the stored edge.
	var seedDoc sourceDoc
	get(t, "/api/v1/sources/"+b.Articles[0].Source).json(t, &seedDoc)
	iskClaim := "CLAIMED_RESPONSIBILITY:group:is-k->" + crocus
	if c := find(seedDoc.Candidates, "CLAIMED_RESPONSIBILITY", "group:is-k", crocus); c == nil ||
		c.Corroborates == nil || *c.Corroborates != iskClaim {
		t.Errorf("the seed article %s: IS-K's claim %+v, want one corroborating %s", b.Articles[0].Source, c, iskClaim)
	}

	var d sourceDoc
	get(t, "/api/v1/sources/"+src).json(t, &d)
	var claim *graph.Candidate
	for _, from := range []string{"group:is-k", "group:islamic-state"} {
		if c := find(d.Candidates, "CLAIMED_RESPONSIBILITY", from, crocus); c != nil {
			claim = c
			break
		}
	}
	if claim == nil {
		var got []string
		for _, c := range d.Candidates {
			got = append(got, c.From+" "+c.Type+" "+c.To)
		}
		t.Fatalf("the hearing report %s proposes no claim of responsibility (IS-K or Islamic State) "+
			"for %s; it proposes %q", src, crocus, got)
	}
	edge := "CLAIMED_RESPONSIBILITY:" + claim.From + "->" + crocus
	if claim.Corroborates == nil || *claim.Corroborates != edge {
		t.Fatalf("the claim corroborates %v, want the stored edge %s", claim.Corroborates, edge)
	}

	r = doAt(t, named.URL, http.MethodPost, "/api/v1/candidates/"+url.PathEscape(claim.ID)+"/accept",
		strings.NewReader(""),
		http.Header{"X-Api-Key": {"reviewer-key"}})
	if r.status != 200 {
		t.Fatalf("accept: got %d %s", r.status, clip(r.body))
	}
	// The claimant's path to the attack, restricted to the report, now
	// runs over the accepted claim and cites the report.
	r = get(t, "/api/v1/paths/shortest?"+q("from", claim.From, "to", crocus, "source", src))
	var p struct {
		Sources []struct{ ID string } `json:"sources"`
	}
	r.json(t, &p)
	cited := false
	for _, s := range p.Sources {
		cited = cited || s.ID == src
	}
	if r.status != 200 || !cited {
		t.Errorf("the path from %s to the event with source=%s: got %d %s; want it to cite the report",
			claim.From, src, r.status, clip(r.body))
	}
	var hist history
	get(t, "/api/v1/edges/"+url.PathEscape(edge)+"/history").json(t, &hist)
	found := false
	for _, ch := range hist.Changes {
		if ch.Action == "accept" && ch.Key == "reviewer" && ch.Candidate != nil &&
			*ch.Candidate == claim.ID && ch.Source != nil && *ch.Source == src {
			found = true
		}
	}
	if !found {
		t.Errorf("the history of %s lacks the accept by reviewer of %s: %+v", edge, claim.ID, hist.Changes)
	}
}

// batchAnswer is the body of a batch ingest.
type batchAnswer struct {
	Articles []struct {
		Status, Source string
	}
	Summary struct{ Errors int }
}
