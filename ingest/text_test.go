package ingest_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/ingest"
)

func TestReadableDropsScriptsAndStyles(t *testing.T) {
	doc := `<!doctype html><html><head><title>T</title><style>p{color:red}</style><script>var x = "IS-K claimed";</script></head>
<body><nav>Home | World</nav><h1>Attack in Moscow</h1><p>IS-K   claimed
responsibility.</p><script>alert(1)</script><p>Putin &amp; Rahmon spoke.</p><noscript>enable js</noscript></body></html>`
	got, err := ingest.Readable(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	want := "Attack in Moscow\n\nIS-K claimed responsibility.\n\nPutin & Rahmon spoke."
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	all, _ := ingest.Readable(strings.NewReader(`<html><script>a()</script><style>b{}</style></html>`))
	if strings.TrimSpace(all) != "" {
		t.Errorf("all-script HTML gave %q, want nothing", all)
	}
}

func TestSentences(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"U.S. officials warned Russia. Dr. Smith agreed.", []string{"U.S. officials warned Russia.", "Dr. Smith agreed."}},
		{"J. R. Smith met Mr. Jones in St. Petersburg on Friday. It rained.",
			[]string{"J. R. Smith met Mr. Jones in St. Petersburg on Friday.", "It rained."}},
		{`He said: "We did it." Then he left.`, []string{`He said: "We did it."`, "Then he left."}},
		{`"Is it over?" she asked. No.`, []string{`"Is it over?" she asked.`, "No."}},
		{"Headline without stop\n\nBody text here. More text",
			[]string{"Headline without stop", "Body text here.", "More text"}},
		{"It cost 3.5 million rubles. Then 4.", []string{"It cost 3.5 million rubles.", "Then 4."}},
		{"“We warned them,” Kirby said. “They knew.”", []string{"“We warned them,” Kirby said.", "“They knew.”"}},
	} {
		rs := []rune(tc.text)
		var got []string
		for _, s := range ingest.Sentences(rs) {
			got = append(got, string(rs[s.Start:s.End]))
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%q:\n got %q\nwant %q", tc.text, got, tc.want)
		}
	}
}

func FuzzReadable(f *testing.F) {
	for _, s := range []string{"<p>a</p>", "<script>x</script>", "<html><body><p>IS-K claimed.</p></body></html>",
		"<<<>>>", "\x00\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ingest.Readable(strings.NewReader(s))
		if err != nil {
			return
		}
		if utf8.ValidString(s) && !utf8.ValidString(got) {
			t.Fatalf("valid input gave invalid UTF-8 %q", got)
		}
		if strings.Contains(got, "\n\n\n") || got != strings.TrimSpace(got) {
			t.Fatalf("untidy output %q", got)
		}
	})
}

func FuzzSentences(f *testing.F) {
	for _, s := range []string{"U.S. officials said. Dr. No.", "\"Hi.\" \"Bye.\"", "a\n\n\nb", "...", "?!", "J. K."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		rs := []rune(s)
		prev := 0
		for _, sp := range ingest.Sentences(rs) {
			if sp.Start < prev || sp.End <= sp.Start || sp.End > len(rs) {
				t.Fatalf("bad span %+v after %d in %d runes", sp, prev, len(rs))
			}
			prev = sp.End
		}
	})
}
