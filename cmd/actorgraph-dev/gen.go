package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/bench/load"
	"github.com/actorgraph/actorgraph/cmd/internal/cli"
	"github.com/actorgraph/actorgraph/internal/synth"
)

// genCmd writes a synthetic graph (and, with -load, loads it in chunks).
func genCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var shape, size, out, m, tag string
	var seed uint64
	var pairs, chunk int
	var doLoad bool
	var db cli.DB
	f := cli.NewFlags("gen", "actorgraph-dev gen [flags]: write a deterministic synthetic graph as "+
		"OUT/nodes.csv, OUT/edges.csv\n"+
		"and OUT/pairs.json (query pairs by true hop distance 1, 2, 3, 4, 6 and none).\n"+
		"Shapes: ba (Barabási–Albert power law over every kind and type, -nodes 10k|100k|1M), k50 (complete\n"+
		"graph), chain (-nodes 4096), hub (one group, -nodes 100k members), pairs (-nodes 1000 detached pairs).",
		getenv, stderr)
	f.ImportDB(&db)
	f.StringVar(&shape, "shape", "ba", "ba, k50, chain, hub or pairs")
	f.StringVar(&size, "nodes", "10k", "size: nodes (ba), length (chain), members (hub), pairs (pairs); k and M suffixes")
	f.StringVar(&m, "m", "3-5", "ba: edges per new node, a number or a range lo-hi")
	f.Uint64Var(&seed, "seed", 1, "random seed; the same seed gives the same files")
	f.IntVar(&pairs, "pairs", 20, "query pairs per hop distance")
	f.StringVar(&tag, "tag", "", "text put into every id (group:TAGn5), so several graphs can share a database")
	f.StringVar(&out, "out", "", "output folder (default bench/data/SHAPE-SIZE)")
	f.BoolVar(&doLoad, "load", false,
		"then load it into Neo4j in chunks, each committed on its own (for graphs too big for one transaction)")
	f.IntVar(&chunk, "chunk", 50_000, "records per committed chunk with -load")
	if err := f.Parse(args); err != nil {
		return err
	}
	n, err := parseSize(size)
	if err != nil {
		return cli.UsageError("-nodes: " + err.Error())
	}
	lo, hi, err := parseRange(m)
	if err != nil {
		return cli.UsageError("-m: " + err.Error())
	}
	if out == "" {
		out = "bench/data/" + shape + "-" + strings.ToLower(size)
	}
	start := time.Now()
	g, err := synth.Generate(synth.Config{Shape: shape, Nodes: n, MMin: lo, MMax: hi, Seed: seed,
		PairsPerDistance: pairs, Tag: tag})
	if err != nil {
		return cli.UsageError(err.Error())
	}
	if err := g.Write(out); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s: %d nodes, %d relationships, %d pairs in %.1fs\n", out, g.NodeCount(),
		g.EdgeCount(), len(g.Pairs), time.Since(start).Seconds())
	if !doLoad {
		return nil
	}
	store, closeStore, err := db.OpenStore(ctx)
	if err != nil {
		return err
	}
	defer closeStore()
	rep, err := load.Dir(ctx, store, out, chunk, func(file string, done int) {
		fmt.Fprintf(stderr, "\rloaded %s: %d records", file, done)
	})
	fmt.Fprintln(stderr)
	if err != nil {
		return cli.Problems(stderr, err)
	}
	fmt.Fprintf(stdout, "loaded in %.1fs (%d chunks): nodes %d created, %d unchanged; edges %d created, %d unchanged\n",
		rep.Seconds, rep.Chunks, rep.Nodes.Created, rep.Nodes.Unchanged, rep.Edges.Created, rep.Edges.Unchanged)
	return nil
}

// parseSize reads 10k, 100k, 1M or a plain number.
func parseSize(s string) (int, error) {
	mult := 1
	switch {
	case strings.HasSuffix(s, "k"), strings.HasSuffix(s, "K"):
		mult, s = 1000, s[:len(s)-1]
	case strings.HasSuffix(s, "M"), strings.HasSuffix(s, "m"):
		mult, s = 1_000_000, s[:len(s)-1]
	}
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 || n*mult > 20_000_000 {
		return 0, fmt.Errorf("want a size like 10k, 100k, 1M (at most 20M), got %q", s)
	}
	return n * mult, nil
}

func parseRange(s string) (int, int, error) {
	a, b, ok := strings.Cut(s, "-")
	if !ok {
		b = a
	}
	lo, err1 := strconv.Atoi(a)
	hi, err2 := strconv.Atoi(b)
	if err1 != nil || err2 != nil || lo < 1 || hi < lo || hi > 20 {
		return 0, 0, fmt.Errorf("want a number or a range like 3-5 (1-20), got %q", s)
	}
	return lo, hi, nil
}
