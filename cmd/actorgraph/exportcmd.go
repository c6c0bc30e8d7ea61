package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/actorgraph/actorgraph/cmd/internal/cli"
	"github.com/actorgraph/actorgraph/stix"
)

// exportCmd writes the whole graph as a STIX 2.1 bundle.
func exportCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var db cli.DB
	var file string
	f := cli.NewFlags("export",
		"actorgraph export --stix FILE: write the whole graph, with every Source's text, as a STIX "+
			"2.1 bundle\n(deterministic: the same graph gives the same bytes). FILE - writes to standard output.",
		getenv, stderr)
	f.DB(&db)
	f.StringVar(&file, "stix", "", "the file to write the STIX 2.1 bundle to (- for standard output)")
	if err := f.Parse(args); err != nil {
		return err
	}
	if file == "" || f.NArg() > 0 {
		return cli.UsageError("export needs --stix FILE (and nothing else), e.g. actorgraph export --stix graph.stix.json")
	}
	store, closeStore, err := db.OpenStore(ctx)
	if err != nil {
		return err
	}
	defer closeStore()
	g, err := store.Export(ctx)
	if err != nil {
		return err
	}
	if file == "-" {
		return stix.Write(stdout, g)
	}
	// Written beside the target and renamed, so a failed export leaves no
	// half-written bundle under the name asked for.
	tmp, err := os.CreateTemp(filepath.Dir(file), ".actorgraph-export-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := stix.Write(tmp, g); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), file); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s: STIX 2.1 bundle of %d nodes and %d relationships\n", file, len(g.Nodes), len(g.Edges))
	return nil
}
