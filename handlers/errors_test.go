package handlers

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// fakeStore answers every call with err; it exists for the error-to-status
// table only. Every route is also tested against Neo4j (handlers_test).
type fakeStore struct{ err error }

func (f fakeStore) Ready(context.Context) error { return f.err }
func (f fakeStore) Schema(context.Context) (graph.SchemaInfo, error) {
	return graph.SchemaInfo{}, f.err
}
func (f fakeStore) Search(context.Context, graph.SearchQuery) (graph.SearchResult, error) {
	return graph.SearchResult{}, f.err
}
func (f fakeStore) Entity(context.Context, string) (graph.EntityDetail, error) {
	return graph.EntityDetail{}, f.err
}
func (f fakeStore) Neighbors(context.Context, graph.NeighborQuery) (*graph.Subgraph, error) {
	return nil, f.err
}
func (f fakeStore) Paths(context.Context, graph.PathQuery) (*graph.PathAnswer, error) {
	return nil, f.err
}
func (f fakeStore) Graph(context.Context, graph.GraphQuery, graph.Sink) error {
	return f.err
}
func (f fakeStore) Timeline(context.Context, graph.TimelineQuery) (*graph.Timeline, error) {
	return nil, f.err
}
func (f fakeStore) Import(context.Context, *graph.DataSet, func(int, int)) (graph.ImportReport, error) {
	return graph.ImportReport{}, f.err
}

func (f fakeStore) Export(context.Context) (*graph.Subgraph, error) { return nil, f.err }
func (f fakeStore) ExportRows(context.Context, graph.Sink) error    { return f.err }
func (f fakeStore) Sources(context.Context, []string) ([]graph.Node, error) {
	return nil, f.err
}
func (f fakeStore) STIXEntities(context.Context, []string) (map[string]graph.Node, error) {
	return nil, f.err
}

func TestErrorStatusTable(t *testing.T) {
	for _, tc := range []struct {
		err        error
		status     int
		code       string
		secretFree bool
	}{
		{graph.Invalid("maxDepth", "99", "want 1-8"), 400, "invalid", false},
		{&graph.UnknownError{Name: "Atlantis"}, 404, "not_found", false},
		{&graph.AmbiguousError{Name: "Twin", Candidates: []graph.Node{{ID: "person:a"}, {ID: "person:b"}}},
			409, "ambiguous", false},
		{fmt.Errorf("%w: narrow it", graph.ErrTimeout), 504, "timeout", false},
		{fmt.Errorf("%w: narrow it with kind", graph.ErrSelectionTooLarge), 422, "selection_too_large", false},
		{fmt.Errorf("%w: connection refused to 10.0.0.7", graph.ErrUnavailable), 503, "unavailable", true},
		{context.Canceled, 499, "canceled", false},
		{errors.New("neo4j Neo.DatabaseError.General.UnknownError: secret stack"), 500, "internal", true},
	} {
		r, err := New(Config{Store: fakeStore{tc.err}})
		if err != nil {
			t.Fatal(err)
		}
		for _, path := range []string{"/api/v1/paths/shortest?from=a&to=b", "/api/v1/graph?limit=5",
			"/api/v1/graph?format=graphml", "/api/v1/entities/x", "/api/v1/search?q=x", "/api/v1/timeline?entity=x",
			"/api/v1/analytics/centrality?metric=degree", "/api/v1/analytics/communities",
			"/api/v1/paths/brokers?from=a&to=b"} {
			w := httptest.NewRecorder()
			r.ServeHTTP(w, httptest.NewRequest(http.MethodGet, path, nil))
			var body struct {
				Error struct{ Code, Message string } `json:"error"`
			}
			if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil {
				t.Fatalf("%s: not JSON: %s", path, w.Body)
			}
			if w.Code != tc.status || body.Error.Code != tc.code || body.Error.Message == "" {
				t.Errorf("%v on %s: got %d %q %q, want %d %q", tc.err, path, w.Code, body.Error.Code,
					body.Error.Message, tc.status, tc.code)
			}
			if tc.secretFree && (strings.Contains(w.Body.String(), "secret") || strings.Contains(w.Body.String(), "10.0.0.7")) {
				t.Errorf("%v: answer leaks internals: %s", tc.err, w.Body)
			}
		}
	}
}

func TestReadyzReportsReason(t *testing.T) {
	r, _ := New(Config{Store: fakeStore{fmt.Errorf("%w: refused", graph.ErrUnavailable)}})
	w := httptest.NewRecorder()
	r.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/readyz", nil))
	if w.Code != 503 || !strings.Contains(w.Body.String(), "reason") {
		t.Errorf("got %d %s, want 503 with a reason", w.Code, w.Body)
	}
}
