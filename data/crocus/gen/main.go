// Command gen writes data/crocus/crocus.json from the curation files in
// data/crocus/curation and the public sources in data/crocus/sources, after
// the import's validation and the data rules pass (data/curate). Run it with
// `go generate ./data/...`; it writes nothing when a check fails.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/actorgraph/actorgraph/data/curate"
)

func main() {
	dir := flag.String("dir", "crocus", "the data set's folder")
	flag.Parse()
	if err := run(*dir); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(dir string) error {
	b, err := curate.Build(os.DirFS(dir))
	if err != nil {
		return err
	}
	out := filepath.Join(dir, curate.OutFile)
	if old, err := os.ReadFile(out); err == nil && bytes.Equal(old, b) {
		return nil
	}
	if err := os.WriteFile(out, b, 0o644); err != nil {
		return err
	}
	fmt.Println("gen: wrote", out)
	return nil
}
