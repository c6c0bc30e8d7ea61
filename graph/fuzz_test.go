package graph_test

import (
	"bytes"
	"errors"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/dataset"
	"github.com/actorgraph/actorgraph/format"
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
	for _, s := range []string{"", "id,kind\n", "id,kind,name\n\"unterminated", "id,kind,name,bogus\n", "\ufeffid,kind,name\nstate:ru,State,Russia\n",
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
	for _, s := range []string{"", "type,source\n", "type,source,target,confidence\nX,a,b,1e9\n", "type,source,target,inferred\nX,a,b,maybe\n",
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

// FuzzQueryParams decodes raw query strings the way every route does.
func FuzzQueryParams(f *testing.F) {
	for _, s := range []string{"from=ISIS-K&to=Tajikistan", "from=a&to=b&maxDepth=1000000", "from=a&to=b&rel=PERPETRATED&rel=x%27)%20MATCH",
		"from=a&to=b&knownOn=2024-13-45&at=yesterday", "from=%00&to=%ff", "q=&limit=-1", "entity=x&from=2024-03-25&to=2024-03-01",
		"from=a&from=b&to=c", "depth=4&kind=Group,State&stance=alleged&minConfidence=101", "format=gexf&undated=drop&direction=sideways"} {
		f.Add(s)
	}
	lim := graph.DefaultLimits
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		for _, ranked := range []bool{false, true} {
			q, err := graph.ParsePathQuery(v, lim, ranked)
			requireValidation(t, err)
			if err == nil && (q.MaxDepth < 1 || q.MaxDepth > lim.MaxDepth || q.MinConfidence < 0 || q.MinConfidence > 100) {
				t.Fatalf("accepted out-of-range %+v", q)
			}
			if err == nil {
				for _, r := range q.Rels {
					if _, ok := graph.LookupRel(r); !ok {
						t.Fatalf("accepted relationship type %q outside the vocabulary", r)
					}
				}
			}
		}
		_, err = graph.ParseNeighborQuery("group:is-k", v, lim)
		requireValidation(t, err)
		_, err = graph.ParseSearchQuery(v, lim)
		requireValidation(t, err)
		_, err = graph.ParseGraphQuery(v, lim)
		requireValidation(t, err)
		_, err = graph.ParseTimelineQuery(v, lim)
		requireValidation(t, err)
		_, err = format.Parse(v.Get("format"))
		requireValidation(t, err)
	})
}
