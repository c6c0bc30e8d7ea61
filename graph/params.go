package graph

import (
	"fmt"
	"strings"
)

// Params names the filters in force as the query parameters that set them
// (rel=A,B; minConfidence=60), leaving out those at their defaults.
func (f Filter) Params() map[string]string {
	m := map[string]string{}
	if len(f.Rels) > 0 {
		m["rel"] = strings.Join(f.Rels, ",")
	}
	if len(f.Kinds) > 0 {
		ks := make([]string, len(f.Kinds))
		for i, k := range f.Kinds {
			ks[i] = string(k)
		}
		m["kind"] = strings.Join(ks, ",")
	}
	if f.Direction != "" && f.Direction != "both" {
		m["direction"] = f.Direction
	}
	if f.MinConfidence > 0 {
		m["minConfidence"] = fmt.Sprint(f.MinConfidence)
	}
	if len(f.Stances) > 0 {
		st := make([]string, len(f.Stances))
		for i, s := range f.Stances {
			st[i] = string(s)
		}
		m["stance"] = strings.Join(st, ",")
	}
	if f.At != "" {
		m["at"] = f.At
	}
	if f.KnownOn != "" {
		m["knownOn"] = f.KnownOn
	}
	if len(f.Sources) > 0 {
		m["source"] = strings.Join(f.Sources, ",")
	}
	if f.Evidence != "" {
		m["evidence"] = string(f.Evidence)
	}
	return m
}

// Params names the whole-graph filters in force as the query parameters
// that set them, leaving out those at their defaults (limit is not a filter).
func (q GraphQuery) Params() map[string]string {
	f := Filter{Rels: q.Rels, Kinds: q.Kinds, Evidence: q.Evidence}
	m := f.Params()
	if q.IncludeRetracted {
		m["includeRetracted"] = "true"
	}
	return m
}
