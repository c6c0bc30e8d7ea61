package handlers

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// graphStore answers Graph with g; everything else as fakeStore.
type graphStore struct {
	fakeStore
	g *graph.Subgraph
}

func (s graphStore) Graph(_ context.Context, _ graph.GraphQuery, sink graph.Sink) error {
	if err := sink.Begin(graph.Head{Truncated: s.g.Truncated}); err != nil {
		return err
	}
	for i := range s.g.Nodes {
		if err := sink.Node(&s.g.Nodes[i]); err != nil {
			return err
		}
	}
	for i := range s.g.Edges {
		if err := sink.Edge(&s.g.Edges[i]); err != nil {
			return err
		}
	}
	return sink.End()
}

type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestStreamCutIsLoggedAndCounted: a graph whose last node cannot be written
// (a NaN, which JSON cannot carry) fails after the body has started: the
// client must be able to tell (the connection ends before the document
// does), the access log must carry stream_error and /metrics must count it.
func TestStreamCutIsLoggedAndCounted(t *testing.T) {
	g := &graph.Subgraph{Edges: []graph.Edge{}}
	for i := range 3000 { // well past the 64 KiB the writer buffers
		g.Nodes = append(g.Nodes, graph.Node{ID: fmt.Sprintf("group:n%d", i), Kind: graph.Group,
			Name: strings.Repeat("n", 60), Aliases: []string{}})
	}
	g.Nodes[len(g.Nodes)-1].Properties = map[string]any{"score": math.NaN()}
	var log lockedBuffer
	m := NewMetrics()
	h, err := New(Config{Store: graphStore{g: g}, Metrics: m, Logger: slog.New(slog.NewJSONHandler(&log, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(h)
	defer ts.Close()
	res, err := http.Get(ts.URL + "/api/v1/graph?limit=5000")
	if err != nil {
		t.Fatal(err)
	}
	body, readErr := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || len(body) < 64<<10 {
		t.Fatalf("got %d with %d bytes; want the stream to have started (200, at least 64 KiB)", res.StatusCode, len(body))
	}
	if readErr == nil || !errors.Is(readErr, io.ErrUnexpectedEOF) {
		t.Errorf("reading the cut body: got %v, want io.ErrUnexpectedEOF (the client must see the cut)", readErr)
	}
	if strings.HasSuffix(strings.TrimSpace(string(body)), "}") {
		t.Errorf("the cut JSON document ends like a whole one: …%s", body[len(body)-40:])
	}
	if got := streamErrors(t, m); got != 1 {
		t.Errorf("actorgraph_http_stream_errors_total{route=/api/v1/graph} = %v, want 1", got)
	}
	if l := log.String(); !strings.Contains(l, `"stream_error":"json: unsupported value: NaN"`) ||
		!strings.Contains(l, `"level":"WARN"`) {
		t.Errorf("access log does not record the cut:\n%s", l)
	}
	// A whole answer is not counted.
	g.Nodes[len(g.Nodes)-1].Properties = nil
	res, err = http.Get(ts.URL + "/api/v1/graph?limit=5000")
	if err != nil {
		t.Fatal(err)
	}
	_, readErr = io.ReadAll(res.Body)
	res.Body.Close()
	if readErr != nil || streamErrors(t, m) != 1 {
		t.Errorf("a whole answer: read error %v, stream errors %v; want none and still 1", readErr, streamErrors(t, m))
	}
}

// TestReadyzWaitsForStartup: /readyz is 503 with the gate's reason until the
// gate opens, even though the database answers.
func TestReadyzWaitsForStartup(t *testing.T) {
	gate := NewReadiness("loading data set crocus: importing 80 nodes")
	h, _ := New(Config{Store: fakeStore{}, Readiness: gate})
	check := func(wantCode int, wantReason string) {
		t.Helper()
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/readyz", nil))
		if w.Code != wantCode || !strings.Contains(w.Body.String(), wantReason) {
			t.Errorf("got %d %s, want %d with %q", w.Code, w.Body, wantCode, wantReason)
		}
	}
	check(503, "loading data set crocus")
	gate.Ready()
	check(200, "ready")
}

// streamErrors reads actorgraph_http_stream_errors_total{route="/api/v1/graph"}.
func streamErrors(t *testing.T, m *Metrics) float64 {
	t.Helper()
	fams, err := m.Registry.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fams {
		if f.GetName() != "actorgraph_http_stream_errors_total" {
			continue
		}
		for _, mt := range f.GetMetric() {
			for _, l := range mt.GetLabel() {
				if l.GetName() == "route" && l.GetValue() == "/api/v1/graph" {
					return mt.GetCounter().GetValue()
				}
			}
		}
	}
	return 0
}
