package main

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestReadyzWaitsForTheStartupLoad: `serve --load-if-empty crocus` on an
// empty database answers /readyz 503, naming the load, until the data set is
// in; then 200, and the API answers from the loaded graph. The load is held
// back at its start so the test sees the window on any machine.
func TestReadyzWaitsForTheStartupLoad(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if err := db.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	reached, hold := make(chan struct{}), make(chan struct{})
	beforeLoad = func(ctx context.Context) {
		close(reached)
		select {
		case <-hold:
		case <-ctx.Done():
		}
	}
	defer func() { beforeLoad = func(context.Context) {} }()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	env := map[string]string{"NEO4J_URI": db.BoltURL, "NEO4J_USER": db.User, "NEO4J_PASSWORD": db.Password,
		"ACTORGRAPH_QUERY_TIMEOUT": "60s"}
	errc := make(chan error, 1)
	go func() {
		errc <- run(ctx, []string{"serve", "--addr", addr, "--load-if-empty", "crocus"},
			func(k string) string { return env[k] }, io.Discard, io.Discard)
	}()
	select {
	case <-reached:
	case err := <-errc:
		t.Fatalf("serve ended before loading: %v", err)
	case <-time.After(2 * time.Minute):
		t.Fatal("serve never started loading the data set")
	}
	status, body := readyz(t, "http://"+addr)
	if status != 503 || body.Status != "starting" || !strings.Contains(body.Reason, "loading data set crocus") {
		t.Errorf("/readyz while loading: got %d %+v, want 503 naming the load", status, body)
	}
	close(hold)
	deadline := time.Now().Add(2 * time.Minute)
	for status != 200 && time.Now().Before(deadline) {
		time.Sleep(200 * time.Millisecond)
		status, body = readyz(t, "http://"+addr)
	}
	if status != 200 {
		t.Fatalf("/readyz after the load: got %d %+v, want 200", status, body)
	}
	res, err := http.Get("http://" + addr + "/api/v1/entities/group:is-k")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Errorf("once ready: GET group:is-k got %d, want 200 from the loaded set", res.StatusCode)
	}
	cancel()
	if err := <-errc; err != nil {
		t.Errorf("serve: %v", err)
	}
}

type readyBody struct{ Status, Code, Reason string }

func readyz(t *testing.T, base string) (int, readyBody) {
	t.Helper()
	res, err := http.Get(base + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var b readyBody
	if err := json.NewDecoder(res.Body).Decode(&b); err != nil {
		t.Fatalf("/readyz body: %v", err)
	}
	return res.StatusCode, b
}
