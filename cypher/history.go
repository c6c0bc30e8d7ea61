package cypher

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// Every write to an entity or edge leaves a :Change node (target, at, key,
// action, before and after as JSON, candidate, source, reason). Changes
// carry no :Entity label and no relationship, so no answer sees them.

// History lists the recorded changes to an entity or an edge, oldest first.
// edge says which: an entity may be named by a name or alias too.
func (s *Store) History(ctx context.Context, ref string, edge bool) ([]graph.Change, error) {
	id := ref
	if edge {
		res, err := s.read(ctx, "edge_exists", edgeByID(ref)+" RETURN r.id AS id LIMIT 1", edgeParams(ref))
		if err != nil {
			return nil, err
		}
		if len(res.Records) == 0 {
			return nil, fmt.Errorf("%w: no edge with id %s", graph.ErrNotFound, ref)
		}
	} else {
		n, err := s.Resolve(ctx, ref)
		if err != nil {
			return nil, err
		}
		id = n.ID
	}
	res, err := s.read(ctx, "history", `MATCH (c:Change {target: $id}) RETURN c ORDER BY c.at, elementId(c)`, map[string]any{"id": id})
	if err != nil {
		return nil, err
	}
	out := make([]graph.Change, 0, len(res.Records))
	cl := &cols{stmt: "history"}
	for _, rec := range res.Records {
		c, err := toChange(get[dbtype.Node](cl, rec, "c").Props)
		cl.fail(err)
		out = append(out, c)
	}
	return out, cl.check()
}

// toChange maps a stored :Change; when, action and target are required.
func toChange(m map[string]any) (graph.Change, error) {
	p := &props{what: "change", m: m}
	c := graph.Change{At: p.str("at", true), Key: p.str("key", false), Action: p.str("action", true), Target: p.str("target", true), Reason: p.str("reason", false)}
	for key, into := range map[string]*map[string]any{"before": &c.Before, "after": &c.After} {
		if s := p.str(key, false); s != "" {
			if err := json.Unmarshal([]byte(s), into); err != nil {
				p.fail(key, "is not a JSON object: "+err.Error())
			}
		}
	}
	if v := p.str("candidate", false); v != "" {
		c.Candidate = &v
	}
	if v := p.str("source", false); v != "" {
		c.Source = &v
	}
	return c, p.err
}

// edgeByID matches the edge r with id $id: anchored on its ends when the id
// has the default form TYPE:from->to, else by scanning relationships.
func edgeByID(id string) string {
	if typ, from, to, ok := splitEdgeID(id); ok {
		_ = from
		_ = to
		return "MATCH (a:Entity {id: $from})-[r:" + typ + " {id: $id}]->(b:Entity {id: $to})"
	}
	return "MATCH (a:Entity)-[r]->(b:Entity) WHERE r.id = $id"
}

func edgeParams(id string) map[string]any {
	p := map[string]any{"id": id}
	if _, from, to, ok := splitEdgeID(id); ok {
		p["from"], p["to"] = from, to
	}
	return p
}

// splitEdgeID reads a default edge id, TYPE:from->to, with a vocabulary type.
func splitEdgeID(id string) (typ, from, to string, ok bool) {
	t, rest, ok1 := strings.Cut(id, ":")
	f, tt, ok2 := strings.Cut(rest, "->")
	rt, known := graph.LookupRel(t)
	if !ok1 || !ok2 || !known || rt.Name != t {
		return "", "", "", false
	}
	return rt.Name, f, tt, true
}

// Retract marks an edge retracted, keeping it and its evidence, and records
// why and by which key. Retracting twice is a conflict.
func (s *Store) Retract(ctx context.Context, id, reason, key string) (graph.Edge, error) {
	params := edgeParams(id)
	params["reason"], params["at"], params["key"] = reason, now(), key
	var out graph.Edge
	err := s.inWrite(ctx, "retract", func(tx neo4j.ExplicitTransaction) error {
		res, err := tx.Run(ctx, edgeByID(id)+`
WITH a, b, r, properties(r) AS before LIMIT 1
SET r.status = 'retracted', r.retractedAt = $at, r.retractedBy = $key, r.retractReason = $reason
RETURN r, a.id AS a, b.id AS b, before`, params)
		if err != nil {
			return err
		}
		recs, err := res.Collect(ctx)
		if err != nil {
			return err
		}
		if len(recs) == 0 {
			return fmt.Errorf("%w: no edge with id %s", graph.ErrNotFound, id)
		}
		rec, cl := recs[0], &cols{stmt: "retract"}
		before := get[map[string]any](cl, rec, "before")
		if before["status"] == "retracted" {
			return fmt.Errorf("%w: edge %s is already retracted", graph.ErrConflict, id)
		}
		r := get[dbtype.Relationship](cl, rec, "r")
		out, err = toEdge(r, map[string]string{r.StartElementId: get[string](cl, rec, "a"), r.EndElementId: get[string](cl, rec, "b")})
		cl.fail(err)
		if err := cl.check(); err != nil {
			return err
		}
		src := ""
		if srcs, _ := before["sources"].([]any); len(srcs) > 0 {
			src, _ = srcs[0].(string)
		}
		params["changes"] = []any{change(id, "retract", before, r.Props, "", src, reason)}
		_, err = tx.Run(ctx, changeStatement, params)
		return err
	})
	return out, err
}

// recordImport writes the changes of one import batch: a created record is
// an "import", an updated one an "edit", each with before and after.
func recordImport(ctx context.Context, tx neo4j.ExplicitTransaction, key string, rows []any, changed []any) error {
	if len(changed) == 0 {
		return nil
	}
	after := make(map[string]map[string]any, len(rows))
	for _, r := range rows {
		row := r.(map[string]any)
		props := row["props"].(map[string]any)
		after[props["id"].(string)] = props
	}
	changes := make([]any, 0, len(changed))
	for _, c := range changed {
		pair, _ := c.([]any)
		if len(pair) != 2 {
			continue
		}
		id, _ := pair[0].(string)
		before, _ := pair[1].(map[string]any)
		action := "edit"
		if before == nil {
			action = "import"
		}
		changes = append(changes, change(id, action, lean(before), lean(after[id]), "", "", ""))
	}
	_, err := tx.Run(ctx, changeStatement, map[string]any{"changes": changes, "at": now(), "key": key})
	return err
}

// lean leaves out of a recorded state what is stored only for lookups, and
// a source's text (its hash says which text it was).
func lean(p map[string]any) map[string]any {
	if p == nil {
		return nil
	}
	out := make(map[string]any, len(p))
	for k, v := range p {
		switch k {
		case "text", "keys", "keyText", "aliasText":
			continue
		}
		out[k] = v
	}
	return out
}
