package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestProductLinksNoBenchCode: the actorgraph binary links no benchmark or
// developer code (bench/, the synthetic-graph generator, actorgraph-dev's
// commands); those are for tests and cmd/actorgraph-dev.
func TestProductLinksNoBenchCode(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps: %v\n%s", err, out)
	}
	const mod = "github.com/actorgraph/actorgraph/"
	var linked int
	for _, pkg := range strings.Fields(string(out)) {
		if !strings.HasPrefix(pkg, mod) {
			continue
		}
		linked++
		rel := strings.TrimPrefix(pkg, mod)
		if rel == "bench" || strings.HasPrefix(rel, "bench/") || rel == "internal/synth" ||
			strings.HasPrefix(rel, "cmd/actorgraph-dev") {
			t.Errorf("cmd/actorgraph links %s; benchmark and developer code belongs in bench/ or cmd/actorgraph-dev", pkg)
		}
	}
	if linked < 5 {
		t.Fatalf("go list -deps named %d packages of ours; want the product's (is this the actorgraph module?)\n%s",
			linked, out)
	}
}
