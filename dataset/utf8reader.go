package dataset

import (
	"fmt"
	"io"
	"unicode/utf8"
)

// utf8Reader passes bytes through and fails at the first byte that is not
// UTF-8, so a data set with broken text is rejected instead of having it
// silently replaced by U+FFFD while decoding.
type utf8Reader struct {
	r       io.Reader
	pending []byte // an incomplete rune carried over from the last read
	offset  int64
}

func (u *utf8Reader) Read(p []byte) (int, error) {
	n, err := u.r.Read(p)
	buf := append(u.pending, p[:n]...)
	i := 0
	for i < len(buf) {
		if buf[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(buf[i:])
		if r == utf8.RuneError && size <= 1 {
			if !utf8.FullRune(buf[i:]) && err == nil {
				break // wait for the rest of the rune
			}
			return 0, fmt.Errorf("not valid UTF-8 at byte %d", u.offset+int64(i))
		}
		i += size
	}
	u.offset += int64(i)
	u.pending = append(u.pending[:0:0], buf[i:]...)
	// The bytes handed on are exactly p[:n]; only the check looks ahead.
	return n, err
}
