// Package stix maps actorgraph's graph to and from STIX 2.1 bundles: every
// node kind, relationship type and piece of evidence, with ids derived from
// ours so that two exports of the same graph are byte-identical and a
// re-import matches what it exported. It knows nothing of Gin or Neo4j.
package stix

import (
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
)

// Namespace is the UUIDv5 namespace of every STIX id actorgraph derives
// (uuid.NewSHA1(uuid.NameSpaceURL, "https://actorgraph.invalid/stix")): fixed,
// so the same entity gets the same id in every export, and not the SCO
// namespace, which STIX reserves for observables.
var Namespace = uuid.NewSHA1(uuid.NameSpaceURL, []byte("https://actorgraph.invalid/stix"))

// ID is the STIX id of the actorgraph object ourID exported as typ:
// typ + "--" + UUIDv5("typ|ourID").
func ID(typ, ourID string) string {
	return typ + "--" + uuid.NewSHA1(Namespace, []byte(typ+"|"+ourID)).String()
}

// The fixed objects of every export.
var (
	// IdentityID is actorgraph itself, the creator of every exported object.
	IdentityID = ID("identity", "actorgraph")
	// ExtensionID declares the x_actorgraph_* properties.
	ExtensionID = ID("extension-definition", "actorgraph-properties")
)

// epoch stands for "no date known": STIX requires created and modified, and
// the export never writes the current time.
const epoch = "1970-01-01T00:00:00.000Z"

// timestamp turns a date (YYYY-MM-DD) into a STIX timestamp with
// millisecond precision; ok is false when s is not a date.
func timestamp(s string) (string, bool) {
	if len(s) != 10 {
		return "", false
	}
	if ts, ok := timestamps.Load(s); ok {
		return ts.(string), true
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return "", false
	}
	ts := t.UTC().Format("2006-01-02T15:04:05.000Z")
	timestamps.Store(s, ts)
	return ts, true
}

// timestamps caches timestamp: an export converts the same few dates
// hundreds of thousands of times.
var timestamps sync.Map

// date reads the date part of a STIX timestamp ("2024-03-25T00:00:00Z").
func date(ts string) string {
	if len(ts) < 10 {
		return ""
	}
	if _, err := time.Parse("2006-01-02", ts[:10]); err != nil {
		return ""
	}
	return ts[:10]
}

// slug reduces a name to the characters of an actorgraph id.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	out := strings.TrimSuffix(b.String(), "-")
	if len(out) > 60 {
		out = strings.TrimSuffix(out[:60], "-")
	}
	return out
}
