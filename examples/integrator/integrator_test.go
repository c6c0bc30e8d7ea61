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
	res, err := http.Get(api.URL + "/api/v1/paths/shortest?" + url.Values{"from": {"ISIS-K"}, "to": {"Tajikistan"}}.Encode())
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var answer struct {
		Paths []struct {
			Hops []struct{ Type, Quote string }
		}
	}
	if err := json.NewDecoder(res.Body).Decode(&answer); err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != 200 || len(answer.Paths) == 0 {
		t.Fatalf("got %d with %d paths, want a path", res.StatusCode, len(answer.Paths))
	}
	for _, h := range answer.Paths[0].Hops {
		if h.Quote == "" {
			t.Errorf("hop %s has no quote", h.Type)
		}
	}
}
