// Package extcheck finds the outside checkers the tests compare with
// (networkx, the OASIS STIX tools, the JavaScript parsers), pinned in
// tools/formatcheck, and says what to do when one is missing.
package extcheck

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Missing ends a test whose checker is missing: a failure in CI (CI=true)
// and elsewhere, a skip only when ACTORGRAPH_SKIP_PARSERS=1 outside CI.
func Missing(t testing.TB, msg string) {
	t.Helper()
	switch {
	case os.Getenv("CI") == "true":
		t.Fatal(msg)
	case os.Getenv("ACTORGRAPH_SKIP_PARSERS") == "1":
		t.Skip("ACTORGRAPH_SKIP_PARSERS=1, so not checked: " + msg)
	default:
		t.Fatal(msg + "; or set ACTORGRAPH_SKIP_PARSERS=1 to skip this check outside CI")
	}
}

// Networkx is the command that runs script (in dir, tools/formatcheck)
// with python3, once python3 imports the networkx version dir's
// requirements.txt pins.
func Networkx(dir, script string) ([]string, error) {
	python, err := exec.LookPath("python3")
	if err != nil {
		return nil, err
	}
	want, err := Pin(dir, "networkx")
	if err != nil {
		return nil, err
	}
	out, err := exec.Command(python, "-c", "import networkx; print(networkx.__version__)").CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("python3 cannot import networkx: %s", strings.TrimSpace(string(out)))
	}
	if got := strings.TrimSpace(string(out)); got != want {
		return nil, fmt.Errorf("networkx %s is installed, requirements.txt pins %s", got, want)
	}
	return []string{python, filepath.Join(dir, script)}, nil
}

// Pin is the version dir's requirements.txt pins for pkg ("" when none).
func Pin(dir, pkg string) (string, error) {
	req, err := os.ReadFile(filepath.Join(dir, "requirements.txt"))
	if err != nil {
		return "", err
	}
	var want string
	for line := range strings.Lines(string(req)) {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), pkg+"=="); ok {
			want = v
		}
	}
	return want, nil
}
