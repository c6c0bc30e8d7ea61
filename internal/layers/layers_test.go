package layers

import (
	"bufio"
	"errors"
	"go/build"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

const module = "github.com/actorgraph/actorgraph"

// root is the module's folder, two up from this package's.
const root = "../.."

// TestImportsFollowLayers: every package imports (outside its tests) only
// packages on lower lines of docs/ARCHITECTURE.md's layer list. That keeps
// the domain free of storage, HTTP and formats, keeps cypher and handlers
// apart, and leaves no room for a cycle.
func TestImportsFollowLayers(t *testing.T) {
	layers := readLayers(t, filepath.Join(root, "docs", "ARCHITECTURE.md"))
	pkgs := modulePackages(t)
	for _, name := range layers.names() {
		if !layers.matchesAny(name, pkgs) {
			t.Errorf("docs/ARCHITECTURE.md puts %s on layer %d, but the module has no such package; update the list",
				name, layers[name])
		}
	}
	paths := make([]string, 0, len(pkgs))
	for p := range pkgs {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		lp, ok := layers.of(p)
		if !ok {
			t.Errorf("package %s is on no layer of docs/ARCHITECTURE.md; add it to the line of the "+
				"packages it may sit beside", p)
			continue
		}
		for _, imp := range pkgs[p] {
			li, ok := layers.of(imp)
			if ok && li >= lp {
				t.Errorf("%s (layer %d) imports %s (layer %d); a package imports only lower layers (docs/ARCHITECTURE.md, Layers)",
					p, lp, imp, li)
			}
		}
	}
}

// layerList maps a package, or a pattern ending in "/..." (a folder's
// packages), to its layer.
type layerList map[string]int

func (l layerList) names() []string {
	out := make([]string, 0, len(l))
	for n := range l {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// of is p's layer: its own line if named, else the longest pattern that
// holds it.
func (l layerList) of(p string) (int, bool) {
	if n, ok := l[p]; ok {
		return n, true
	}
	best, layer := "", 0
	for name, n := range l {
		dir, ok := strings.CutSuffix(name, "/...")
		if ok && (p == dir || strings.HasPrefix(p, dir+"/")) && len(dir) > len(best) {
			best, layer = dir, n
		}
	}
	return layer, best != ""
}

func (l layerList) matchesAny(name string, pkgs map[string][]string) bool {
	dir, pattern := strings.CutSuffix(name, "/...")
	for p := range pkgs {
		if p == name || pattern && (p == dir || strings.HasPrefix(p, dir+"/")) {
			return true
		}
	}
	return false
}

// readLayers reads the numbered lines under the "## Layers" heading:
// "3. `cypher`, `handlers`, ...". Every back-quoted name is a package path
// relative to the module.
func readLayers(t *testing.T, path string) layerList {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	line := regexp.MustCompile(`^(\d+)\. (.*)$`)
	name := regexp.MustCompile("`([^`]+)`")
	layers := layerList{}
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		s := sc.Text()
		if strings.HasPrefix(s, "## ") {
			in = s == "## Layers"
			continue
		}
		m := line.FindStringSubmatch(s)
		if !in || m == nil {
			continue
		}
		n := 0
		for _, c := range m[1] {
			n = n*10 + int(c-'0')
		}
		for _, nm := range name.FindAllStringSubmatch(m[2], -1) {
			if prev, ok := layers[nm[1]]; ok {
				t.Errorf("%s names %s on layers %d and %d", path, nm[1], prev, n)
			}
			layers[nm[1]] = n
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(layers) < 5 {
		t.Fatalf("%s: found %d packages under \"## Layers\"; want its numbered list of layers", path, len(layers))
	}
	return layers
}

// modulePackages reads every package folder of the module (no tests, no
// testdata, no node_modules) and returns, by path relative to the module,
// the packages of ours each imports outside its tests.
func modulePackages(t *testing.T) map[string][]string {
	t.Helper()
	pkgs := map[string][]string{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		base := d.Name()
		if path != root && (strings.HasPrefix(base, ".") || strings.HasPrefix(base, "_") ||
			base == "testdata" || base == "node_modules" || base == "vendor") {
			return filepath.SkipDir
		}
		if path != root {
			if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil {
				return filepath.SkipDir // another module
			}
		}
		p, err := build.ImportDir(path, 0)
		var noGo *build.NoGoError
		if errors.As(err, &noGo) {
			return nil
		}
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		var ours []string
		for _, imp := range p.Imports {
			if r, ok := strings.CutPrefix(imp, module+"/"); ok {
				ours = append(ours, r)
			}
		}
		pkgs[filepath.ToSlash(rel)] = ours
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := pkgs["graph"]; !ok {
		t.Fatalf("read %d packages under %s but not graph; is this the actorgraph module?", len(pkgs), root)
	}
	return pkgs
}
