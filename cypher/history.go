package cypher

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// Every write to an entity or edge leaves a :Change node (target, at, key,
// action, before and after as JSON, candidate, source, reason). Changes
// carry no :Entity label and no relationship, so no answer sees them.

// History lists the recorded changes to an entity or an edge, oldest first.
// edge says which: an entity may be named by a name or alias too. A record
// an import created has its "import" change in the batch that created it.
func (s *Store) History(ctx context.Context, ref string, edge bool) ([]graph.Change, error) {
	// An edge the reader is not cleared for has no history to show.
	id, match, params := ref, edgeByID(ref)+" AND "+visibleEdge, edgeParams(ref)
	if !edge {
		n, err := s.Resolve(ctx, ref)
		if err != nil {
			return nil, err
		}
		id, match, params = n.ID, "MATCH (r:Entity {id: $id})", map[string]any{"id": n.ID}
	}
	res, err := s.read(ctx, "history_import", match+`
WITH r LIMIT 1
OPTIONAL MATCH (b:ImportBatch {id: r.`+importBatchProp+`})
WITH b, [i IN range(0, coalesce(size(b.targets), 0) - 1) WHERE b.targets[i] = $id] AS at
RETURN b IS NOT NULL AS imported, b.at AS at, b.key AS key, b.after[at[0]] AS after`, params)
	if err != nil {
		return nil, err
	}
	if len(res.Records) == 0 {
		if edge {
			return nil, fmt.Errorf("%w: no edge with id %s", graph.ErrNotFound, ref)
		}
		return nil, fmt.Errorf("%w: no entity with id %s", graph.ErrNotFound, id) // removed since it was resolved
	}
	var out []graph.Change
	cl := &cols{stmt: "history_import"}
	if rec := res.Records[0]; get[bool](cl, rec, "imported") {
		m := rec.AsMap()
		c, err := toChange(map[string]any{"target": id, "action": "import", "at": m["at"], "key": m["key"],
			"after": m["after"]})
		cl.fail(err)
		out = append(out, c)
	}
	if err := cl.check(); err != nil {
		return nil, err
	}
	res, err = s.read(ctx, "history", `MATCH (c:Change {target: $id}) RETURN c ORDER BY c.at, elementId(c)`,
		map[string]any{"id": id})
	if err != nil {
		return nil, err
	}
	cl = &cols{stmt: "history"}
	for _, rec := range res.Records {
		c, err := toChange(get[dbtype.Node](cl, rec, "c").Props)
		cl.fail(err)
		out = append(out, c)
	}
	if out == nil {
		out = []graph.Change{}
	}
	return out, cl.check()
}

// toChange maps a stored :Change; when, action and target are required.
func toChange(m map[string]any) (graph.Change, error) {
	p := &props{what: "change", m: m}
	c := graph.Change{At: p.str("at", true), Key: p.str("key", false), Action: p.str("action", true),
		Target: p.str("target", true), Reason: p.str("reason", false)}
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

// visibleEdge keeps the edge r between a and b when the reader is cleared
// for it and both its ends.
const visibleEdge = "r.markingRank <= $clearance AND a.markingRank <= $clearance AND b.markingRank <= $clearance"

// edgeByID matches the edge r with id $id: anchored on its ends when the id
// has the default form TYPE:from->to, else by scanning relationships.
func edgeByID(id string) string {
	if typ, from, to, ok := splitEdgeID(id); ok {
		_ = from
		_ = to
		return "MATCH (a:Entity {id: $from})-[r:" + typ + " {id: $id}]->(b:Entity {id: $to}) WHERE true"
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
		out, err = toEdge(r, map[string]string{r.StartElementId: get[string](cl, rec, "a"),
			r.EndElementId: get[string](cl, rec, "b")})
		cl.fail(err)
		if err := cl.check(); err != nil {
			return err
		}
		src := ""
		if srcs, _ := before["sources"].([]any); len(srcs) > 0 {
			src, _ = srcs[0].(string)
		}
		params["changes"] = []any{change(id, "retract", before, r.Props, "", src, reason)}
		if _, err = tx.Run(ctx, changeStatement, params); err != nil {
			return err
		}
		return bumpVersion(ctx, tx)
	})
	return out, err
}

// importBatchProp is the property of a record an import created: the id of
// the :ImportBatch node that records that creation. It is never shown, never
// compared by a re-import, and kept by updates.
const importBatchProp = graph.ImportBatchProp

// retractionProps are an edge's retraction, which an import keeps.
var retractionProps = []string{"status", "retractedAt", "retractedBy", "retractReason"}

// keptOnEdges is the map projection of what an update of a retracted edge keeps.
var keptOnEdges = "." + importBatchProp + ", ." + strings.Join(retractionProps, ", .")

// splitKept splits a stored state into what an import compares with its data
// set and what actorgraph keeps beside it (the creating import; an edge's
// retraction).
func splitKept(stored map[string]any, edge bool) (compared, kept map[string]any) {
	if stored == nil {
		return nil, nil
	}
	compared, kept = make(map[string]any, len(stored)), map[string]any{}
	retracted := edge && stored["status"] == "retracted"
	for k, v := range stored {
		if k == importBatchProp || (retracted && slices.Contains(retractionProps, k)) {
			kept[k] = v
			continue
		}
		compared[k] = v
	}
	return compared, kept
}

// An import records the records it creates in one :ImportBatch node per
// write statement (id, at, key, and the lists targets and after: each
// record's id and its state as written, as JSON); each created record
// carries the batch's id. That is one node per batch of up to BatchSize
// records instead of one :Change per record, which had doubled the nodes an
// import writes and halved its rate. History reads it back as the record's
// "import" change. Updates are :Change nodes, as every other write.

const importBatchStatement = `CREATE (b:ImportBatch {id: $id, at: $at, key: $key, targets: $targets, after: $after})`

// newImportBatchID is a fresh, unguessable batch id.
func newImportBatchID() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return "import-" + hex.EncodeToString(b[:])
}

// recordImportBatch records the creation of the records ids, with their
// states as written, under batch id.
func recordImportBatch(ctx context.Context, tx neo4j.ExplicitTransaction, id, key string, ids []string,
	after []map[string]any) error {
	if len(ids) == 0 {
		return nil
	}
	states := make([]string, len(after))
	for i, a := range after {
		b, err := json.Marshal(a)
		if err != nil {
			return fmt.Errorf("record the import of %s: %w", ids[i], err)
		}
		states[i] = string(b)
	}
	_, err := tx.Run(ctx, importBatchStatement, map[string]any{"id": id, "at": now(), "key": key,
		"targets": ids, "after": states})
	return err
}

// recordEdits records each updated record as an "edit", with before and after.
func recordEdits(ctx context.Context, tx neo4j.ExplicitTransaction, key string, ids []string,
	before, after []map[string]any) error {
	if len(ids) == 0 {
		return nil
	}
	changes := make([]any, len(ids))
	for i, id := range ids {
		changes[i] = change(id, "edit", before[i], after[i], "", "", "")
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
		case "text", "keys", "keyText", "aliasText", importBatchProp:
			continue
		}
		out[k] = v
	}
	return out
}
