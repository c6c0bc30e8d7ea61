// Package ingest turns an article into evidence: readable text from HTML,
// sentences, mentions of the entities of a gazetteer (a multi-pattern
// matcher, so it scales to 100k entities), new-entity proposals and candidate
// edges with a stance, a confidence and the sentence as verbatim quote. It is
// pure Go: no Gin, no Neo4j. Every offset is in Unicode code points.
package ingest

import (
	"io"
	"strings"
	"unicode"

	"golang.org/x/net/html"
)

// skipped elements hold no readable text.
var skipped = map[string]bool{"script": true, "style": true, "noscript": true, "template": true, "head": true,
	"svg": true, "iframe": true, "object": true, "canvas": true, "nav": true, "footer": true, "form": true, "button": true, "select": true}

// blocks end a paragraph.
var blocks = map[string]bool{"p": true, "div": true, "br": true, "li": true, "h1": true, "h2": true, "h3": true,
	"h4": true,
	"h5": true, "h6": true, "tr": true, "blockquote": true, "section": true, "article": true, "header": true, "pre": true,
	"ul": true, "ol": true, "table": true, "figure": true, "figcaption": true, "dd": true, "dt": true, "hr": true, "main": true, "aside": true}

// Readable extracts the readable text of an HTML document with a real HTML
// parser: scripts, styles and other non-text elements dropped, paragraphs
// separated by a blank line, runs of spaces collapsed.
func Readable(r io.Reader) (string, error) {
	doc, err := html.Parse(r)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.ElementNode:
			if skipped[n.Data] {
				return
			}
			if blocks[n.Data] {
				b.WriteString("\n\n")
			}
		case html.TextNode:
			b.WriteString(n.Data)
		case html.CommentNode, html.DoctypeNode:
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode && blocks[n.Data] {
			b.WriteString("\n\n")
		}
	}
	walk(doc)
	return tidy(b.String()), nil
}

// tidy collapses spaces within lines and blank lines between paragraphs.
func tidy(s string) string {
	var out []string
	for _, para := range strings.Split(s, "\n\n") {
		p := strings.Join(strings.FieldsFunc(para, unicode.IsSpace), " ")
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "\n\n")
}

// LooksLikeHTML reports whether a text is an HTML document rather than prose.
func LooksLikeHTML(s string) bool {
	t := strings.ToLower(strings.TrimSpace(s))
	if len(t) > 512 {
		t = t[:512]
	}
	return strings.HasPrefix(t, "<!doctype html") || strings.HasPrefix(t, "<html") ||
		strings.HasPrefix(t, "<") && (strings.Contains(t, "<body") || strings.Contains(t, "<p>") ||
			strings.Contains(t, "<div") || strings.Contains(t, "<head"))
}
