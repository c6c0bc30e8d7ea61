package dataset

import (
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

func TestUTF8Reader(t *testing.T) {
	for _, tc := range []struct {
		in      string
		wantErr bool
	}{
		{"plain ascii", false},
		{"Islamic State – Khorasan Province, الدولة", false},
		{"ends mid-rune \xe2\x80", true},
		{"bad \xff byte", true},
		{"", false},
	} {
		// One byte a read splits every multi-byte rune across reads.
		got, err := io.ReadAll(&utf8Reader{r: iotest.OneByteReader(strings.NewReader(tc.in))})
		if (err != nil) != tc.wantErr {
			t.Errorf("%q: got err %v, want error %v", tc.in, err, tc.wantErr)
		}
		if err == nil && string(got) != tc.in {
			t.Errorf("%q: got %q back", tc.in, got)
		}
	}
}
