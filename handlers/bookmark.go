package handlers

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/gin-gonic/gin"
)

// bookmarkHeader carries causal-consistency bookmarks both ways: a write
// answers with the bookmark of what it committed, and a request that sends
// it back, to any server on the same database, runs after that write.
const bookmarkHeader = "X-Bookmark"

// Bounds of what X-Bookmark may carry: a client sends back a few
// bookmarks (one per write it chains), each well under a hundred bytes.
const (
	maxBookmarkHeader = 4096
	maxBookmarks      = 32
)

// encodeBookmarks is the X-Bookmark value of a list of bookmarks: base64url
// (no padding) of the JSON array, so any byte a bookmark holds survives.
func encodeBookmarks(list []string) string {
	b, _ := json.Marshal(list)
	return base64.RawURLEncoding.EncodeToString(b)
}

// parseBookmarks reads the X-Bookmark values of a request (several are
// joined: a client may send the bookmarks of writes on several servers).
func parseBookmarks(values []string) ([]string, error) {
	var out []string
	size := 0
	for _, v := range values {
		size += len(v)
		if size > maxBookmarkHeader {
			return nil, graph.Invalid(bookmarkHeader, "", "longer than "+strconv.Itoa(maxBookmarkHeader)+
				" bytes; send back only the latest X-Bookmark of each server you wrote through")
		}
		raw, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(strings.TrimSpace(v), "="))
		var list []string
		if err == nil {
			err = json.Unmarshal(raw, &list)
		}
		if err != nil {
			return nil, graph.Invalid(bookmarkHeader, v, "not a bookmark this service returned (want the "+
				"X-Bookmark value of a write's response, unchanged: base64url of a JSON array of strings)")
		}
		for _, b := range list {
			if b == "" {
				return nil, graph.Invalid(bookmarkHeader, v, "holds an empty bookmark; send back the "+
					"X-Bookmark value of a write's response, unchanged")
			}
		}
		out = append(out, list...)
	}
	if len(out) > maxBookmarks {
		return nil, graph.Invalid(bookmarkHeader, "", "more than "+strconv.Itoa(maxBookmarks)+
			" bookmarks; send back only the latest X-Bookmark of each server you wrote through")
	}
	return out, nil
}

// bookmarks runs the request's statements with the bookmarks it sent in
// X-Bookmark (answering 400 when they are not ones we returned), and
// answers a write (any method but GET and HEAD) with the bookmark of the
// transactions it committed.
func bookmarks(c *gin.Context) {
	list, err := parseBookmarks(c.Request.Header.Values(bookmarkHeader))
	if err != nil {
		fail(c, err)
		return
	}
	b := graph.NewBookmarks(list)
	c.Request = c.Request.WithContext(graph.WithBookmarks(c.Request.Context(), b))
	if m := c.Request.Method; m != http.MethodGet && m != http.MethodHead {
		c.Writer = &bookmarkWriter{ResponseWriter: c.Writer, b: b}
	}
	c.Next()
}

// bookmarkWriter adds X-Bookmark to a write's answer as its header goes out:
// by then the write has committed (or failed, and there is none to add).
type bookmarkWriter struct {
	gin.ResponseWriter
	b       *graph.Bookmarks
	stamped bool
}

func (w *bookmarkWriter) stamp() {
	if w.stamped || w.ResponseWriter.Written() {
		return
	}
	w.stamped = true
	if w.b.Updated() {
		w.Header().Set(bookmarkHeader, encodeBookmarks(w.b.List()))
	}
}

func (w *bookmarkWriter) WriteHeaderNow() {
	w.stamp()
	w.ResponseWriter.WriteHeaderNow()
}

func (w *bookmarkWriter) Write(p []byte) (int, error) {
	w.stamp()
	return w.ResponseWriter.Write(p)
}

func (w *bookmarkWriter) WriteString(s string) (int, error) {
	w.stamp()
	return w.ResponseWriter.WriteString(s)
}

func (w *bookmarkWriter) Flush() {
	w.stamp()
	w.ResponseWriter.Flush()
}
