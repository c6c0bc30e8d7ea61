package cypher

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// reachCap bounds how many entities the no-path explanation counts per side.
const reachCap = 1000

// explain says why no path was found: how far each side reaches under the
// filters, and which filter, once dropped, lets a path through.
func (s *Store) explain(ctx context.Context, q graph.PathQuery, from, to graph.Node) (string, error) {
	var b strings.Builder
	active := activeFilters(q.Filter)
	fmt.Fprintf(&b, "No path from %s (%s) to %s (%s) within %d hop(s)", from.Name, from.ID, to.Name, to.ID, q.MaxDepth)
	if len(active) > 0 {
		fmt.Fprintf(&b, " under %s", describe(active, nil))
	}
	b.WriteString(". ")
	m := compile(q.Filter)
	for _, side := range []graph.Node{from, to} {
		n, capped, err := s.reach(ctx, side.ID, m, q.MaxDepth)
		if err != nil {
			return "", err
		}
		switch {
		case n == 0:
			fmt.Fprintf(&b, "%s has no relationship that passes the filters: it is isolated under them. ", side.Name)
		case capped:
			fmt.Fprintf(&b, "%s reaches more than %d entities within %d hop(s). ", side.Name, reachCap, q.MaxDepth)
		default:
			fmt.Fprintf(&b, "%s reaches %d entit%s within %d hop(s). ", side.Name, n, plural(n, "y", "ies"), q.MaxDepth)
		}
	}
	fix, err := s.relaxations(ctx, q, from, to, active)
	if err != nil {
		return "", err
	}
	b.WriteString(fix)
	return strings.TrimSpace(b.String()), nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// reach counts the entities within depth hops of id under m.
func (s *Store) reach(ctx context.Context, id string, m match, depth int) (int, bool, error) {
	levels, capped, err := s.bfs(ctx, newCollector(), id, m, depth, reachCap)
	n := 0
	for _, l := range levels {
		n += len(l)
	}
	return n, capped, err
}

// relaxations tries the query again with one filter dropped at a time, then
// with a larger depth, then with nothing, and says what would find a path.
func (s *Store) relaxations(ctx context.Context, q graph.PathQuery, from, to graph.Node, active map[string]string) (string, error) {
	names := make([]string, 0, len(active))
	for k := range active {
		names = append(names, k)
	}
	sort.Strings(names)
	maxDepth := s.opt.Limits.MaxDepth
	var found []string
	for _, name := range names {
		p, err := s.tryPath(ctx, from.ID, to.ID, without(q.Filter, name), q.MaxDepth)
		if err != nil {
			return "", err
		}
		if p != nil {
			found = append(found, fmt.Sprintf("A path of length %d exists without %s=%s: %s; that filter removed the connecting edges.", p.Length, name, active[name], p.summary))
		}
	}
	if len(found) > 0 {
		return strings.Join(found, " "), nil
	}
	if q.MaxDepth < maxDepth {
		p, err := s.tryPath(ctx, from.ID, to.ID, q.Filter, maxDepth)
		if err != nil {
			return "", err
		}
		if p != nil {
			return fmt.Sprintf("A path of length %d exists with maxDepth=%d: %s.", p.Length, p.Length, p.summary), nil
		}
	}
	if len(active) > 0 {
		p, err := s.tryPath(ctx, from.ID, to.ID, graph.Filter{Direction: "both"}, maxDepth)
		if err != nil {
			return "", err
		}
		if p != nil {
			return fmt.Sprintf("Only with every filter dropped is there a path (length %d: %s); no single filter is to blame.", p.Length, p.summary), nil
		}
	}
	return fmt.Sprintf("The two are not connected within %d hops even with no filters.", maxDepth), nil
}

type foundPath struct {
	Length  int
	summary string
}

// tryPath looks for one shortest path; a time-out counts as none found.
func (s *Store) tryPath(ctx context.Context, from, to string, f graph.Filter, depth int) (*foundPath, error) {
	paths, c, err := s.shortest(ctx, from, to, f, depth, "SHORTEST 1", 1)
	if errors.Is(err, graph.ErrTimeout) {
		return nil, nil
	}
	if err != nil || len(paths) == 0 {
		return nil, err
	}
	names := map[string]string{}
	for _, n := range c.nodes {
		names[n.ID] = n.Name
	}
	p := paths[0]
	var b strings.Builder
	b.WriteString(names[p.Nodes[0]])
	for _, h := range p.Hops {
		if h.Direction == graph.Forward {
			fmt.Fprintf(&b, " -%s-> %s", h.Type, names[h.To])
		} else {
			fmt.Fprintf(&b, " <-%s- %s", h.Type, names[h.To])
		}
		if h.ReportedOn != "" {
			fmt.Fprintf(&b, " (reported %s)", h.ReportedOn)
		}
	}
	return &foundPath{Length: p.Length, summary: b.String()}, nil
}

// without returns f with one named filter removed.
func without(f graph.Filter, name string) graph.Filter {
	switch name {
	case "rel":
		f.Rels = nil
	case "kind":
		f.Kinds = nil
	case "direction":
		f.Direction = "both"
	case "minConfidence":
		f.MinConfidence = 0
	case "stance":
		f.Stances = nil
	case "at":
		f.At = ""
	case "knownOn":
		f.KnownOn = ""
	case "source":
		f.Sources = nil
	case "evidence":
		f.Evidence = ""
	}
	return f
}

func describe(active map[string]string, skip map[string]bool) string {
	keys := make([]string, 0, len(active))
	for k := range active {
		if !skip[k] {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + active[k]
	}
	return strings.Join(parts, ", ")
}
