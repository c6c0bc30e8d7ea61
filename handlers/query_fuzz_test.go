package handlers_test

import (
	"errors"
	"net/url"
	"testing"

	"github.com/actorgraph/actorgraph/format"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/handlers"
)

// requireValidation fails t unless err is nil or a *graph.ValidationError
// with a problem: a rejected query is a 400 with a message, never a 500.
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

// FuzzQueryParams decodes raw query strings the way every route does.
func FuzzQueryParams(f *testing.F) {
	for _, s := range []string{"from=ISIS-K&to=Tajikistan", "from=a&to=b&maxDepth=1000000",
		"from=a&to=b&rel=PERPETRATED&rel=x%27)%20MATCH",
		"from=a&to=b&knownOn=2024-13-45&at=yesterday", "from=%00&to=%ff", "q=&limit=-1",
		"entity=x&from=2024-03-25&to=2024-03-01",
		"from=a&from=b&to=c", "depth=4&kind=Group,State&stance=alleged&minConfidence=101",
		"format=gexf&undated=drop&direction=sideways"} {
		f.Add(s)
	}
	lim := graph.DefaultLimits
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		for _, ranked := range []bool{false, true} {
			q, err := handlers.ParsePathQuery(v, lim, ranked)
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
		_, err = handlers.ParseNeighborQuery("group:is-k", v, lim)
		requireValidation(t, err)
		_, err = handlers.ParseSearchQuery(v, lim)
		requireValidation(t, err)
		_, err = handlers.ParseGraphQuery(v, lim)
		requireValidation(t, err)
		_, err = handlers.ParseTimelineQuery(v, lim)
		requireValidation(t, err)
		_, err = format.Parse(v.Get("format"))
		requireValidation(t, err)
	})
}
