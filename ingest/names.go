package ingest

import (
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// shortNames are the names a text uses for an entity whose full name
// qualifies it: a place "Krasnogorsk, Moscow Oblast" or "Kerman (Soleimani
// grave, Golzar Shohada cemetery)" is written "Krasnogorsk", "Kerman".
func shortNames(e Entry) []string {
	if e.Kind != graph.Location {
		return nil
	}
	name := e.Name
	if i := strings.Index(name, " ("); i > 0 {
		name = name[:i]
	}
	if i := strings.Index(name, ", "); i > 0 {
		name = name[:i]
	}
	if name == e.Name || len([]rune(name)) < 3 {
		return nil
	}
	return []string{name}
}
