package dataset_test

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/dataset"
	"github.com/actorgraph/actorgraph/graph"
)

// The fuzz targets check that no input crashes a parser or a decoder, and that
// every rejection is a ValidationError (a 400 with a message, never a 500).

func mustRead(f *testing.F, path string) []byte {
	f.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	return b
}

func requireValidation(t *testing.T, err error) {
	t.Helper()
	var ve *graph.ValidationError
	if err != nil && !errors.As(err, &ve) {
		t.Fatalf("got %T %v, want nil or a *graph.ValidationError", err, err)
	}
	if ve != nil && (len(ve.Problems) == 0 || ve.Error() == "") {
		t.Fatalf("a validation error without a problem: %#v", ve)
	}
}

func FuzzParseJSON(f *testing.F) {
	f.Add(mustRead(f, "../data/crocus/crocus.json"))
	for _, s := range []string{`{}`, `{"nodes":[],"edges":[]}`, `{"nodes":[{"id":"group:x","kind":"Group","name":"X"}]}`,
		`{"nodes":[{"id":"group:x","kind":"Group","name":"X","properties":{"a":{"b":1}}}]}`,
		`{"edges":[{"type":"PERPETRATED","source":"a","target":"b","confidence":"high"}]}`,
		`[`, `{"nodes":[[[[[[[[]]]]]]]]}`, "\xff\xfe{", `{"nodes":null,"edges":[{}]} trailing`, strings.Repeat("[", 10000)} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := dataset.ParseJSON(bytes.NewReader(b), "fuzz.json", nil)
		requireValidation(t, err)
		if err == nil {
			requireValidation(t, d.Validate(nil))
		}
	})
}

func FuzzParseNodesCSV(f *testing.F) {
	f.Add([]byte("id,kind,name,aliases,properties\ngroup:is-k,Group,IS-K,ISIS-K|ISKP,\"{\"\"founded\"\":\"\"2015\"\"}\"\n"))
	for _, s := range []string{"", "id,kind\n", "id,kind,name\n\"unterminated", "id,kind,name,bogus\n",
		"\ufeffid,kind,name\nstate:ru,State,Russia\n",
		"id,kind,name,properties\nstate:ru,State,Russia,{not json}\n", "id,kind,name\nstate:ru,State,\"a\"\"b\"\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := dataset.ParseNodesCSV(bytes.NewReader(b), "nodes.csv", nil)
		requireValidation(t, err)
		if err == nil {
			requireValidation(t, d.Validate(nil))
		}
	})
}

func FuzzParseEdgesCSV(f *testing.F) {
	f.Add([]byte("type,source,target,evidence,sources,quote,confidence,stance\nAFFILIATE_OF,group:is-k,group:islamic-state,reported-quote,source:seed,IS-K,90,reported\n"))
	for _, s := range []string{"", "type,source\n", "type,source,target,confidence\nX,a,b,1e9\n",
		"type,source,target,inferred\nX,a,b,maybe\n",
		"type,source,target\n\"a,b\n", "type,source,target,properties\nX,a,b,\"{\"\"k\"\":[1,\"\"x\"\"]}\"\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := dataset.ParseEdgesCSV(bytes.NewReader(b), "edges.csv")
		requireValidation(t, err)
		if err == nil {
			requireValidation(t, d.Validate(nil))
		}
	})
}
