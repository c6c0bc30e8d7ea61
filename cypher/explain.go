package cypher

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/graph"
)

// reachCap bounds how many entities the no-path explanation counts per side.
const reachCap = 1000

// explain says why no path was found: how far each side reaches under the
// filters, and which filter, once dropped, lets a path through. A check that
// cannot finish within the request's limit is said to be undetermined, never
// answered as a negative. The checks stop short of the deadline, keeping a
// reserve so the answer that no path was found still goes out in time.
func (s *Store) explain(ctx context.Context, q graph.PathQuery, from, to graph.Node) (string, error) {
	ctx, cancel := reserve(graph.Doing(ctx, "explaining why no path was found"))
	defer cancel()
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
		switch {
		case errors.Is(err, graph.ErrTimeout):
			fmt.Fprintf(&b, "How far %s reaches %s. ", side.Name, undetermined(ctx, err))
		case err != nil:
			return "", err
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

// reserve shortens ctx's deadline by a tenth of the request's limit (at most
// half a second), the time kept to send the answer.
func reserve(ctx context.Context) (context.Context, context.CancelFunc) {
	left, ok := graph.Remaining(ctx)
	if !ok {
		return context.WithCancel(ctx)
	}
	keep := min(graph.LimitOf(ctx)/10, 500*time.Millisecond)
	return context.WithTimeout(ctx, max(left-keep, 0))
}

// undetermined says a check could not finish within the request's limit.
func undetermined(ctx context.Context, err error) string {
	return fmt.Sprintf("could not be determined within %s: %v", graph.Seconds(graph.LimitOf(ctx)), err)
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
// A try that times out is named as undetermined; only when every try
// finished is the answer "not connected".
func (s *Store) relaxations(ctx context.Context, q graph.PathQuery, from, to graph.Node,
	active map[string]string) (string, error) {
	names := make([]string, 0, len(active))
	for k := range active {
		names = append(names, k)
	}
	sort.Strings(names)
	maxDepth := s.opt.Limits.MaxDepth
	var found, unknown []string
	var lastErr error
	try := func(what string, f graph.Filter, depth int) (*foundPath, error) {
		p, err := s.tryPath(ctx, from.ID, to.ID, f, depth)
		if errors.Is(err, graph.ErrTimeout) {
			unknown, lastErr = append(unknown, what), err
			return nil, nil
		}
		return p, err
	}
	for _, name := range names {
		p, err := try("without "+name+"="+active[name], without(q.Filter, name), q.MaxDepth)
		if err != nil {
			return "", err
		}
		if p != nil {
			found = append(found,
				fmt.Sprintf("A path of length %d exists without %s=%s: %s; that filter removed the connecting edges.",
					p.Length, name, active[name], p.summary))
		}
	}
	if len(found) > 0 {
		return strings.Join(append(found, unknownNote(ctx, unknown, lastErr)), " "), nil
	}
	if q.MaxDepth < maxDepth {
		p, err := try(fmt.Sprintf("with maxDepth=%d", maxDepth), q.Filter, maxDepth)
		if err != nil {
			return "", err
		}
		if p != nil {
			return fmt.Sprintf("A path of length %d exists with maxDepth=%d: %s. %s", p.Length, p.Length,
				p.summary, unknownNote(ctx, unknown, lastErr)), nil
		}
	}
	if len(active) > 0 {
		p, err := try(fmt.Sprintf("with no filters within %d hops", maxDepth), graph.Filter{Direction: "both"}, maxDepth)
		if err != nil {
			return "", err
		}
		if p != nil {
			return fmt.Sprintf("Only with every filter dropped is there a path (length %d: %s); no "+
				"single filter is to blame. %s", p.Length, p.summary, unknownNote(ctx, unknown, lastErr)), nil
		}
	}
	if len(unknown) > 0 {
		return unknownNote(ctx, unknown, lastErr), nil
	}
	return fmt.Sprintf("The two are not connected within %d hops even with no filters.", maxDepth), nil
}

// unknownNote names the tries that could not finish ("" when none).
func unknownNote(ctx context.Context, unknown []string, err error) string {
	if len(unknown) == 0 {
		return ""
	}
	return "Whether a path exists " + strings.Join(unknown, ", or ") + " " + undetermined(ctx, err) + "."
}

type foundPath struct {
	Length  int
	summary string
}

// tryPath looks for one shortest path: nil when there is none. A time-out
// is an error (graph.ErrTimeout), never "none".
func (s *Store) tryPath(ctx context.Context, from, to string, f graph.Filter, depth int) (*foundPath, error) {
	paths, c, err := s.shortest(ctx, from, to, f, depth, "SHORTEST 1", 1)
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
