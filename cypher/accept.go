package cypher

import (
	"context"
	"fmt"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// Accept writes a pending candidate's edge, with the reviewer's overrides,
// through the import's validation, in one transaction with the candidate's
// new status and the history of what changed. When an edge of the same type
// already joins the same ends, this source is added to it instead (and its
// quote becomes this verified one if it had none).
func (s *Store) Accept(ctx context.Context, id string, o graph.CandidateOverride,
	key string) (graph.Candidate, graph.Edge, error) {
	ci, err := s.candidate(ctx, id)
	if err != nil {
		return ci.Candidate, graph.Edge{}, err
	}
	if err := decided(ci.Candidate); err != nil {
		return ci.Candidate, graph.Edge{}, err
	}
	d, existing, err := s.plan(ctx, ci, o)
	if err != nil {
		return ci.Candidate, graph.Edge{}, err
	}
	var out graph.Edge
	name := "accept"
	if existing != "" {
		name = "corroborate"
	}
	err = s.inWrite(ctx, name, func(tx neo4j.ExplicitTransaction) error {
		var err error
		if out, err = s.acceptTx(ctx, tx, ci, d, existing, key); err != nil {
			return err
		}
		return bumpVersion(ctx, tx)
	})
	if err != nil {
		return ci.Candidate, graph.Edge{}, err
	}
	c := ci.Candidate
	c.Status, c.Edge = graph.Accepted, &out.ID
	return c, out, nil
}

// plan is the data set accepting a candidate writes (its edge and the new
// entities not yet stored), checked, and the live edge it corroborates
// instead ("" when none).
func (s *Store) plan(ctx context.Context, ci candidateInfo, o graph.CandidateOverride) (*graph.DataSet, string, error) {
	d, _, err := acceptedEdge(ci, o)
	if err != nil {
		return nil, "", err
	}
	known, err := s.Known(ctx, d)
	if err != nil {
		return nil, "", err
	}
	// New entities that already exist are linked, not rewritten.
	nodes := d.Nodes[:0]
	for _, n := range d.Nodes {
		if _, ok := known[n.ID]; !ok {
			nodes = append(nodes, n)
		}
	}
	d.Nodes = nodes
	if err := d.Validate(known); err != nil {
		return nil, "", err
	}
	e := &d.Edges[0]
	existing, err := s.edgeBetween(ctx, e.Type, e.Source, e.Target)
	return d, existing, err
}

// acceptTx accepts a candidate in tx: it corroborates the existing edge, or
// writes d.
func (s *Store) acceptTx(ctx context.Context, tx neo4j.ExplicitTransaction, ci candidateInfo,
	d *graph.DataSet, existing, key string) (graph.Edge, error) {
	if existing != "" {
		return corroborateTx(ctx, tx, ci, existing, key)
	}
	return s.writeAcceptedTx(ctx, tx, ci, d, key)
}

// acceptedEdge builds the data set an accepted candidate writes: the edge
// (quote evidence: the sentence, by offsets into the stored text) and the
// new entities its ends name.
func acceptedEdge(ci candidateInfo, o graph.CandidateOverride) (*graph.DataSet, *graph.Edge, error) {
	c := ci.Candidate
	typ, from, to, stance, conf := c.Type, c.From, c.To, string(c.Stance), c.Confidence
	for _, ov := range []struct {
		dst *string
		v   string
	}{{&typ, o.Type}, {&from, o.From}, {&to, o.To}, {&stance, o.Stance}} {
		if ov.v != "" {
			*ov.dst = strings.TrimSpace(ov.v)
		}
	}
	if o.Confidence != nil {
		conf = *o.Confidence
	}
	d := &graph.DataSet{File: "candidate " + c.ID}
	used := map[string]bool{}
	for _, end := range []*string{&from, &to} {
		if !strings.HasPrefix(*end, "new:") {
			continue
		}
		n, err := newEntity(*end, ci.news, o.NewEntities)
		if err != nil {
			return nil, nil, err
		}
		used[*end] = true
		*end = n.ID
		d.Nodes = append(d.Nodes, n)
	}
	for ref := range o.NewEntities {
		if !used[ref] {
			return nil, nil, graph.Invalid("newEntities", ref,
				"names neither end of the edge; set from or to to it, or leave it out")
		}
	}
	reported := ""
	if graph.ValidDate(ci.date) {
		reported = ci.date
	}
	start, end := c.Start, c.End
	d.Edges = append(d.Edges, graph.Edge{Type: typ, Source: from, Target: to,
		Properties: map[string]any{"candidate": c.ID},
		Evidence: graph.Evidence{Level: graph.EvidenceQuote, Sources: []string{c.Source}, Quote: c.Quote,
			QuoteSource: c.Source,
			QuoteStart:  &start, QuoteEnd: &end, QuoteSHA256: graph.TextSHA256(ci.text), Confidence: conf,
			Stance: graph.Stance(stance), ValidFrom: o.ValidFrom, ValidTo: o.ValidTo, ReportedOn: reported}})
	return d, &d.Edges[0], nil
}

// newEntity turns a new-entity ref into a node: the reviewer's name and kind,
// else the proposal's.
func newEntity(ref string, proposed []graph.NewEntity, given map[string]graph.NewEntityDetail) (graph.Node, error) {
	det, ok := given[ref]
	for _, p := range proposed {
		if p.Ref == ref {
			if det.Name == "" {
				det.Name = p.Name
			}
			if det.Kind == "" {
				det.Kind = string(p.Kind)
			}
			ok = true
		}
	}
	if !ok {
		return graph.Node{}, graph.Invalid("from/to", ref,
			"no such new entity in this source; give its kind and name under newEntities, or use an entity id")
	}
	k, kok := graph.ParseKind(det.Kind)
	if !kok || k == graph.Source {
		return graph.Node{}, graph.Invalid("newEntities."+ref+".kind", det.Kind,
			"want one of Group, Attacker, Nationality, State, Event, Person, Location")
	}
	slug := graph.Slug(det.Name, 80)
	if slug == "" {
		return graph.Node{}, graph.Invalid("newEntities."+ref+".name", det.Name, "a name with letters or digits")
	}
	return graph.Node{ID: k.Prefix() + ":" + slug, Kind: k, Name: strings.TrimSpace(det.Name), Aliases: det.Aliases}, nil
}

// edgeBetween is the id of a live edge of typ from one entity to another ("" if none).
func (s *Store) edgeBetween(ctx context.Context, typ, from, to string) (string, error) {
	res, err := s.read(ctx, "edge_between", `MATCH (:Entity {id: $from})-[r]->(:Entity {id: $to})
WHERE type(r) = $type AND coalesce(r.status, '') <> 'retracted' RETURN r.id AS id ORDER BY id LIMIT 1`,
		map[string]any{"from": from, "to": to, "type": typ})
	if err != nil || len(res.Records) == 0 {
		return "", err
	}
	cl := &cols{stmt: "edge_between"}
	id := get[string](cl, res.Records[0], "id")
	return id, cl.check()
}

// writeAcceptedTx writes an accepted candidate's edge and new entities in tx.
func (s *Store) writeAcceptedTx(ctx context.Context, tx neo4j.ExplicitTransaction, ci candidateInfo,
	d *graph.DataSet, key string) (graph.Edge, error) {
	e := d.Edges[0]
	changes := []any{change(e.ID, "accept", nil, edgeProps(e), ci.ID, ci.Source, "")}
	for _, n := range d.Nodes {
		changes = append(changes, change(n.ID, "accept", nil, nodeProps(n), ci.ID, ci.Source, ""))
	}
	params := map[string]any{"cand": ci.ID, "status": graph.Accepted, "at": now(), "key": key,
		"edgeId": e.ID, "reason": nil, "changes": changes}
	// Unmarked records of the candidate take the default marking; the edge
	// is as strict as its source (the writer's effective marking).
	w := &writer{tx: tx, batch: s.opt.BatchSize, total: len(d.Nodes) + 1, marking: s.opt.DefaultMarking}
	if err := w.write(ctx, d); err != nil {
		return e, err
	}
	return e, runAll(ctx, tx, params, markCandidate(), statement{changeStatement, nil})
}

// corroborateTx adds the candidate's source to the edge it corroborates, in tx.
func corroborateTx(ctx context.Context, tx neo4j.ExplicitTransaction, ci candidateInfo,
	edgeID, key string) (graph.Edge, error) {
	params := map[string]any{"cand": ci.ID, "status": graph.Accepted, "at": now(), "key": key,
		"edgeId": edgeID, "reason": nil,
		"src": ci.Source, "quote": ci.Quote, "start": int64(ci.Start), "end": int64(ci.End), "sha": graph.TextSHA256(ci.text)}
	var out graph.Edge
	res, err := tx.Run(ctx, corroborateQuery, params)
	if err != nil {
		return out, err
	}
	rec, err := res.Single(ctx)
	if err != nil {
		return out, fmt.Errorf("%w: edge %s disappeared while accepting", graph.ErrConflict, edgeID)
	}
	cl := &cols{stmt: "corroborate"}
	r := get[dbtype.Relationship](cl, rec, "r")
	out, err = toEdge(r, map[string]string{r.StartElementId: get[string](cl, rec, "a"),
		r.EndElementId: get[string](cl, rec, "b")})
	cl.fail(err)
	params["changes"] = []any{change(edgeID, "accept", get[map[string]any](cl, rec, "before"), r.Props,
		ci.ID, ci.Source, "")}
	if err := cl.check(); err != nil {
		return out, err
	}
	return out, runAll(ctx, tx, params, markCandidate(), statement{changeStatement, nil})
}

// corroborateQuery adds $src to an edge, and its quote when the edge had no
// verified one.
// The edge's effective marking becomes the source's when that is stricter.
const corroborateQuery = `MATCH (a:Entity)-[r {id: $edgeId}]->(b:Entity)
OPTIONAL MATCH (src:Source {id: $src})
WITH a, b, r, properties(r) AS before, src
SET r.sources = CASE WHEN $src IN r.sources THEN r.sources ELSE r.sources + $src END
WITH a, b, r, before, src, coalesce(src.markingRank, 0) > coalesce(r.markingRank, 0) AS stricter
SET r.markingRank = CASE WHEN stricter THEN src.markingRank ELSE r.markingRank END,
    r.marking = CASE WHEN stricter THEN src.marking ELSE r.marking END
WITH a, b, r, before, coalesce(r.evidence, '') = 'quote' AS verified
SET r.quote = CASE WHEN verified THEN r.quote ELSE $quote END,
    r.quoteSource = CASE WHEN verified THEN r.quoteSource ELSE $src END,
    r.quoteStart = CASE WHEN verified THEN r.quoteStart ELSE $start END,
    r.quoteEnd = CASE WHEN verified THEN r.quoteEnd ELSE $end END,
    r.quoteSha256 = CASE WHEN verified THEN r.quoteSha256 ELSE $sha END,
    r.evidence = 'quote'
RETURN r, a.id AS a, b.id AS b, before`

// inWrite runs fn in one explicit write transaction: committed when fn
// returns nil, rolled back otherwise.
func (s *Store) inWrite(ctx context.Context, name string, fn func(tx neo4j.ExplicitTransaction) error) error {
	done := func(error) {}
	if s.opt.Observe != nil {
		done = s.opt.Observe(name)
	}
	sess := s.session(ctx, neo4j.AccessModeWrite, 0)
	defer sess.Close(context.WithoutCancel(ctx))
	tx, err := sess.BeginTransaction(ctx, neo4j.WithTxTimeout(s.opt.ImportTimeout))
	if err == nil {
		if err = fn(tx); err == nil {
			err = tx.Commit(ctx)
		} else {
			_ = tx.Rollback(context.WithoutCancel(ctx))
		}
	}
	err = translate(ctx, err)
	done(err)
	return err
}

func runAll(ctx context.Context, tx neo4j.ExplicitTransaction, params map[string]any, stmts ...statement) error {
	for _, st := range stmts {
		res, err := tx.Run(ctx, st.query, params)
		if err != nil {
			return err
		}
		recs, err := res.Collect(ctx)
		if err != nil {
			return err
		}
		if st.check != nil {
			if err := st.check(recs); err != nil {
				return err
			}
		}
	}
	return nil
}
