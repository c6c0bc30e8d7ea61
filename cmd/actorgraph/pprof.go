package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"time"

	"github.com/actorgraph/actorgraph/cmd/internal/cli"
)

// servePprof serves Go's profiler (/debug/pprof/) on its own address, never
// on the API's: e.g. --pprof-addr 127.0.0.1:6060, then
// go tool pprof http://127.0.0.1:6060/debug/pprof/profile?seconds=20.
func servePprof(ctx context.Context, log *slog.Logger, addr string) error {
	if addr == "" {
		return nil
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return cli.UsageError(fmt.Sprintf("cannot listen on %s for pprof: %v", addr, err))
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	go func() {
		<-ctx.Done()
		srv.Close()
	}()
	log.Info("pprof", "addr", ln.Addr().String())
	return nil
}
