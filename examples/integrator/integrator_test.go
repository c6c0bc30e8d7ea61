// Package integrator is the README's example of an integrator's test: one
// Neo4j container for the package, actorgraph on it, the Crocus set loaded,
// and a question asked over HTTP. It runs in `make test` so the README stays true.
package integrator

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"testing"

	"github.com/actorgraph/actorgraph/testkit"
)

var api *testkit.Server

func TestMain(m *testing.M) {
	os.Exit(testkit.RunMain(m, func(ctx context.Context, n *testkit.Neo4j) error {
		if err := n.LoadCrocus(ctx); err != nil { // or n.Load(ctx, "testdata/my-set.json")
			return err
		}
		var err error
		api, err = testkit.StartServer(ctx, n)
		return err
	}))
}

func TestISKReachesTajikistan(t *testing.T) {
	res, err := http.Get(api.URL + "/api/v1/paths/shortest?" + url.Values{"from": {"ISIS-K"},
		"to": {"Tajikistan"}}.Encode())
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var answer struct {
		Paths []struct {
			Hops []struct{ Type, Evidence, Quote, Summary string }
		}
	}
	if err := json.NewDecoder(res.Body).Decode(&answer); err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != 200 || len(answer.Paths) == 0 {
		t.Fatalf("got %d with %d paths, want a path", res.StatusCode, len(answer.Paths))
	}
	// Every hop says what it rests on: a quote (verified or reported) or
	// the curator's summary.
	for _, h := range answer.Paths[0].Hops {
		switch h.Evidence {
		case "quote", "reported-quote":
			if h.Quote == "" {
				t.Errorf("hop %s (%s) has no quote", h.Type, h.Evidence)
			}
		case "summary":
			if h.Summary == "" {
				t.Errorf("hop %s is a summary without words", h.Type)
			}
		default:
			t.Errorf("hop %s: evidence %q, want quote, reported-quote or summary", h.Type, h.Evidence)
		}
	}
}
