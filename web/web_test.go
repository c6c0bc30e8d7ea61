package web

import (
	"io/fs"
	"net/http"
	"net/http/httptest"
	"path"
	"regexp"
	"strings"
	"testing"
)

func get(t *testing.T, h http.Handler, method, path string, hdr map[string]string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, path, nil)
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// TestHandlerServesPageAndVendoredLibraries checks what a browser needs to draw
// the explorer offline: the page, its script and style, and the vendored libraries.
func TestHandlerServesPageAndVendoredLibraries(t *testing.T) {
	h := Handler()
	tests := []struct {
		path     string
		wantType string
		wantBody string
	}{
		{"/", "text/html", `<div id="cy"`},
		{"/index.html", "text/html", `src="/static/js/app.js"`},
		{"/index.html", "text/html", `id="path-evidence"`},
		{"/index.html", "text/html", `id="sources-view"`},
		{"/index.html", "text/html", `id="path-stances"`},
		{"/static/js/app.js", "javascript", "import"},
		{"/static/js/canvas.js", "javascript", "window.cy"},
		{"/static/style.css", "text/css", "#cy"},
		{"/static/vendor/cytoscape.esm.min.js", "javascript", "export"},
		{"/static/vendor/layout-base.js", "javascript", "layoutBase"},
		{"/static/vendor/cose-base.js", "javascript", "coseBase"},
		{"/static/vendor/cytoscape-fcose.js", "javascript", "cytoscapeFcose"},
		{"/static/vendor/VERSIONS", "text/plain", "cytoscape 3."},
	}
	for _, tt := range tests {
		rec := get(t, h, http.MethodGet, tt.path, nil)
		if rec.Code != http.StatusOK {
			t.Errorf("GET %s: got status %d, want 200", tt.path, rec.Code)
			continue
		}
		if got := rec.Header().Get("Content-Type"); !strings.Contains(got, tt.wantType) {
			t.Errorf("GET %s: got Content-Type %q, want it to contain %q", tt.path, got, tt.wantType)
		}
		if !strings.Contains(rec.Body.String(), tt.wantBody) {
			t.Errorf("GET %s: body does not contain %q", tt.path, tt.wantBody)
		}
	}
}

func TestHandlerPageHasNoRemoteScripts(t *testing.T) {
	body := get(t, Handler(), http.MethodGet, "/", nil).Body.String()
	for _, bad := range []string{"http://", "https://", "//cdn"} {
		if strings.Contains(body, bad) {
			t.Errorf("index.html contains %q: the page must load only embedded assets", bad)
		}
	}
}

func TestHandlerRevalidates(t *testing.T) {
	h := Handler()
	first := get(t, h, http.MethodGet, "/static/vendor/cytoscape.esm.min.js", nil)
	tag := first.Header().Get("ETag")
	if tag == "" {
		t.Fatal("got no ETag for a vendored file")
	}
	again := get(t, h, http.MethodGet, "/static/vendor/cytoscape.esm.min.js", map[string]string{"If-None-Match": tag})
	if again.Code != http.StatusNotModified {
		t.Errorf("GET with If-None-Match: got status %d, want 304", again.Code)
	}
}

func TestHandlerRejects(t *testing.T) {
	h := Handler()
	tests := []struct {
		method, path string
		want         int
	}{
		{http.MethodGet, "/api/v1/nothing", http.StatusNotFound},
		{http.MethodGet, "/static/", http.StatusNotFound},
		{http.MethodGet, "/static/missing.js", http.StatusNotFound},
		{http.MethodGet, "/static/../web.go", http.StatusNotFound},
		{http.MethodPost, "/", http.StatusMethodNotAllowed},
		{http.MethodHead, "/", http.StatusOK},
	}
	for _, tt := range tests {
		if got := get(t, h, tt.method, tt.path, nil).Code; got != tt.want {
			t.Errorf("%s %s: got status %d, want %d", tt.method, tt.path, got, tt.want)
		}
	}
}

// TestModulesResolve checks that every ES module the page imports is embedded
// and served as JavaScript (a missing one would break the page only in a browser).
func TestModulesResolve(t *testing.T) {
	h := Handler()
	importRE := regexp.MustCompile(`(?m)^\s*import\s+(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]`)
	seen := map[string]bool{}
	queue := []string{"/static/js/app.js"}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		if seen[p] {
			continue
		}
		seen[p] = true
		rec := get(t, h, http.MethodGet, p, nil)
		if rec.Code != http.StatusOK || !strings.Contains(rec.Header().Get("Content-Type"), "javascript") {
			t.Errorf("GET %s: got %d %q, want 200 JavaScript", p, rec.Code, rec.Header().Get("Content-Type"))
			continue
		}
		for _, m := range importRE.FindAllStringSubmatch(rec.Body.String(), -1) {
			if !strings.HasPrefix(m[1], ".") {
				t.Errorf("%s imports %q: only relative imports of embedded files load under the CSP", p, m[1])
				continue
			}
			queue = append(queue, path.Join(path.Dir(p), m[1]))
		}
	}
	if len(seen) < 10 {
		t.Errorf("followed %d modules from app.js, want the explorer's dozen: %v", len(seen), seen)
	}
	// Every module under static/js is reachable (no dead file shipped by mistake).
	files, _ := fs.Glob(static, "static/js/*.js")
	for _, f := range files {
		if !seen["/"+f] {
			t.Errorf("%s is embedded but no module imports it", f)
		}
	}
}

// TestNoInlineStyle keeps the page within its CSP (style-src 'self'): no style
// attribute or element in the page, no HTML strings with style built by scripts.
func TestNoInlineStyle(t *testing.T) {
	page := get(t, Handler(), http.MethodGet, "/", nil).Body.String()
	for _, bad := range []string{"style=", "<style"} {
		if strings.Contains(page, bad) {
			t.Errorf("index.html contains %q: the CSP (style-src 'self') blocks inline styles", bad)
		}
	}
	if !strings.Contains(page, `id="__________cytoscape_stylesheet"`) {
		t.Error("index.html has no element with Cytoscape's stylesheet id: Cytoscape would inject an inline <style>")
	}
	files, _ := fs.Glob(static, "static/js/*.js")
	for _, f := range files {
		b, _ := fs.ReadFile(static, f)
		for _, bad := range []string{"innerHTML", "insertAdjacentHTML", "outerHTML", "setAttribute('style'", "'style':"} {
			if strings.Contains(string(b), bad) {
				t.Errorf("%s uses %s: build elements with el(), style them from style.css or the CSSOM", f, bad)
			}
		}
	}
}
