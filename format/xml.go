package format

import (
	"bufio"
	"unicode/utf8"
)

// xmlOut writes an XML document piece by piece and keeps the first error.
type xmlOut struct {
	w   *bufio.Writer
	err error
}

func (x *xmlOut) raw(s string) {
	if x.err == nil {
		_, x.err = x.w.WriteString(s)
	}
}

// attr writes ` name="value"` with value escaped.
func (x *xmlOut) attr(name, value string) {
	x.raw(" ")
	x.raw(name)
	x.raw(`="`)
	x.text(value)
	x.raw(`"`)
}

// text writes s escaped for element text and attribute values alike: markup
// characters and whitespace other than a space become character references
// (so attribute values keep their line breaks), and what XML 1.0 cannot carry
// (control characters such as NUL, U+FFFE, U+FFFF, broken UTF-8) becomes
// U+FFFD, one for each such character or byte.
func (x *xmlOut) text(s string) {
	last := 0
	for i := 0; i < len(s); {
		r, width := utf8.DecodeRuneInString(s[i:])
		var esc string
		if r < utf8.RuneSelf {
			esc = xmlEscape[r]
		}
		if esc == "" && (r == utf8.RuneError && width == 1 || !xmlChar(r)) {
			esc = "\uFFFD"
		}
		if esc != "" {
			x.raw(s[last:i])
			x.raw(esc)
			last = i + width
		}
		i += width
	}
	x.raw(s[last:])
}

// xmlEscape is the character reference text writes for each ASCII
// character it escapes; the others it writes as they are.
var xmlEscape = [utf8.RuneSelf]string{
	'&': "&amp;", '<': "&lt;", '>': "&gt;", '"': "&#34;", '\'': "&#39;",
	'\t': "&#x9;", '\n': "&#xA;", '\r': "&#xD;",
}

// xmlChar reports whether XML 1.0 allows r in a document.
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}
