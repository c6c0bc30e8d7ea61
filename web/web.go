// Package web is actorgraph's explorer: one page (index.html, app.js, style.css)
// and its vendored browser libraries (Cytoscape.js, cytoscape-fcose), embedded in
// the binary so that nothing is fetched from elsewhere at run time.
package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"strings"
	"sync"
	"time"
)

//go:embed static
var static embed.FS

// contentSecurityPolicy lets the page load only its own scripts and styles and
// call only its own API; data: and blob: images are the PNG export.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; " +
	"img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"

// Handler serves the explorer page at "/" (and "/index.html") and its assets
// under "/static/". It answers GET and HEAD only, and 404 for any other path, so
// it can sit behind a router's fallback as well as on explicit routes.
func Handler() http.Handler {
	files, err := fs.Sub(static, "static")
	if err != nil {
		panic(err) // the embed pattern guarantees the directory
	}
	return &handler{files: files, assets: http.StripPrefix("/static/", http.FileServerFS(files))}
}

type handler struct {
	files  fs.FS
	assets http.Handler

	once  sync.Once
	index []byte            // index.html
	etags map[string]string // path inside files -> strong ETag
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	h.once.Do(h.hashFiles)
	hdr := w.Header()
	hdr.Set("X-Content-Type-Options", "nosniff")
	// Embedded files have no modification time; the ETag lets browsers
	// revalidate instead of downloading the vendored libraries again.
	hdr.Set("Cache-Control", "no-cache")
	switch p := r.URL.Path; {
	case p == "/" || p == "/index.html":
		hdr.Set("Content-Security-Policy", contentSecurityPolicy)
		hdr.Set("Referrer-Policy", "no-referrer")
		hdr.Set("ETag", h.etags["index.html"])
		// ServeContent, not ServeFileFS: the latter redirects /index.html to /.
		http.ServeContent(w, r, "index.html", time.Time{}, bytes.NewReader(h.index))
	case strings.HasPrefix(p, "/static/") && !strings.HasSuffix(p, "/"):
		if tag, ok := h.etags[strings.TrimPrefix(p, "/static/")]; ok {
			hdr.Set("ETag", tag)
		}
		h.assets.ServeHTTP(w, r)
	default:
		http.NotFound(w, r)
	}
}

// hashFiles reads index.html and computes every embedded file's ETag, once.
func (h *handler) hashFiles() {
	h.etags = map[string]string{}
	_ = fs.WalkDir(h.files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(h.files, p)
		if err != nil {
			return err
		}
		if p == "index.html" {
			h.index = b
		}
		sum := sha256.Sum256(b)
		h.etags[p] = `"` + hex.EncodeToString(sum[:12]) + `"`
		return nil
	})
}
