package web

import (
	"net/http"
	"net/http/httptest"
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
		{"/index.html", "text/html", `src="/static/app.js"`},
		{"/index.html", "text/html", `id="path-stances"`},
		{"/static/app.js", "javascript", "window.cy"},
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
