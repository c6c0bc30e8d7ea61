package curate

import (
	"bytes"
	"fmt"
)

// FirstDifference describes where a shipped data set (shipped) first differs
// from the one the curation builds (built): the first node or edge, by
// position, and its first differing field. It returns "" when the two are the
// same JSON.
func FirstDifference(shipped, built []byte) string {
	a, errA := decodeAll(bytes.NewReader(shipped))
	b, errB := decodeAll(bytes.NewReader(built))
	ao, okA := a.(Object)
	bo, okB := b.(Object)
	if errA != nil || errB != nil || !okA || !okB {
		return fmt.Sprintf("the shipped file is not a data set object (%v)", errA)
	}
	for _, key := range []string{"name", "description", "nodes", "edges"} {
		x, _ := ao.Get(key)
		y, _ := bo.Get(key)
		xl, isList := x.([]any)
		yl, _ := y.([]any)
		if !isList {
			if d := fieldDiff(key, x, y); d != "" {
				return d
			}
			continue
		}
		for i := 0; i < max(len(xl), len(yl)); i++ {
			if i >= len(xl) {
				return fmt.Sprintf("%s[%d] %s is built from the curation but not in the shipped file", key, i, recordID(yl[i]))
			}
			if i >= len(yl) {
				return fmt.Sprintf("%s[%d] %s is in the shipped file but no longer built from the curation",
					key, i, recordID(xl[i]))
			}
			if d := recordDiff(xl[i], yl[i]); d != "" {
				return fmt.Sprintf("%s[%d] %s: %s", key, i, recordID(yl[i]), d)
			}
		}
	}
	if !bytes.Equal(shipped, built) {
		return "same JSON, different bytes (formatting)"
	}
	return ""
}

// recordID names a node or an edge by its id (an edge without one by
// TYPE:source->target).
func recordID(v any) string {
	o, _ := v.(Object)
	if id := o.String("id"); id != "" {
		return id
	}
	return o.String("type") + ":" + o.String("source") + "->" + o.String("target")
}

// recordDiff names the first field that differs between two records.
func recordDiff(shipped, built any) string {
	x, _ := shipped.(Object)
	y, _ := built.(Object)
	keys := []string{}
	for _, m := range append(append(Object{}, y...), x...) {
		if !containsStr(keys, m.Key) {
			keys = append(keys, m.Key)
		}
	}
	for _, k := range keys {
		a, _ := x.Get(k)
		b, _ := y.Get(k)
		if ao, ok := a.(Object); ok {
			if bo, ok := b.(Object); ok {
				if d := recordDiff(ao, bo); d != "" {
					return k + "." + d
				}
				continue
			}
		}
		if d := fieldDiff(k, a, b); d != "" {
			return d
		}
	}
	return ""
}

// fieldDiff says how one field differs, or "".
func fieldDiff(key string, shipped, built any) string {
	a, b := text(shipped), text(built)
	if a == b {
		return ""
	}
	return fmt.Sprintf("%s is %s in crocus.json but %s in the curation", key, clip(a), clip(b))
}

func text(v any) string {
	if v == nil {
		return "absent"
	}
	var buf bytes.Buffer
	if err := write(&buf, v, 0); err != nil {
		return fmt.Sprint(v)
	}
	return buf.String()
}

func clip(s string) string {
	if r := []rune(s); len(r) > 120 {
		return string(r[:120]) + "..."
	}
	return s
}
