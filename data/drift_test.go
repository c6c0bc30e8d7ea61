package data

import (
	"bytes"
	"io/fs"
	"os"
	"testing"

	"github.com/actorgraph/actorgraph/data/curate"
)

// TestCrocusMatchesCuration regenerates the Crocus set in memory from its
// curation files and fails, naming the first differing node or edge, when the
// shipped crocus.json is not what they build: someone edited one without
// running go generate ./data/... (or edited crocus.json by hand).
func TestCrocusMatchesCuration(t *testing.T) {
	built, err := curate.Build(os.DirFS("crocus"))
	if err != nil {
		t.Fatalf("the curation files do not build: %v", err)
	}
	shipped, err := fs.ReadFile(FS(), CrocusPath)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(shipped, built) {
		t.Fatalf("crocus.json is not what data/crocus/curation builds: %s; run go generate ./data/...",
			curate.FirstDifference(shipped, built))
	}
}
