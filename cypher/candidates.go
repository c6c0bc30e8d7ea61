package cypher

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// gazetteerQuery reads every entity ingest matches names against;
// gazetteerLinks the edges that give an Event its places and a State its
// Nationality, joined in Go (graph.LinkNamedEntities) as ingest.EntriesOf
// joins a data set's. Following LOCATED_IN in Cypher from every Event
// instead took seconds on a 100k-entity graph whose places form hubs.
const (
	gazetteerQuery = `MATCH (n:Entity) WHERE n.kind <> 'Source' AND n.markingRank <= $clearance
RETURN n.id AS id, n.kind AS kind, n.name AS name, coalesce(n.aliases, []) AS aliases,
       coalesce(n.demonym, '') AS demonym, coalesce(toString(n.date), '') AS date`
	gazetteerLinks = `MATCH (a:Entity)-[r:OCCURRED_IN|LOCATED_IN|NATIONALITY_OF]->(b:Entity)
WHERE r.markingRank <= $clearance AND a.markingRank <= $clearance AND b.markingRank <= $clearance
RETURN type(r) AS type, a.id AS a, b.id AS b`
)

// GazetteerEntries lists every entity with the names ingest matches, of
// those the reader's clearance lets it see: an article posted under a
// green key is matched against no AMBER or RED name.
func (s *Store) GazetteerEntries(ctx context.Context) ([]graph.NamedEntity, error) {
	var out []graph.NamedEntity
	cl := &cols{stmt: "gazetteer"}
	err := s.stream(ctx, "gazetteer", gazetteerQuery, nil, func(rec *neo4j.Record) error {
		out = append(out, graph.NamedEntity{ID: get[string](cl, rec, "id"), Kind: graph.Kind(get[string](cl, rec, "kind")),
			Name: get[string](cl, rec, "name"), Aliases: cl.strs(rec, "aliases"), Demonym: get[string](cl, rec, "demonym"),
			Date: get[string](cl, rec, "date")})
		return cl.check()
	})
	if err != nil {
		return nil, err
	}
	var links []graph.Edge
	cl = &cols{stmt: "gazetteer_links"}
	err = s.stream(ctx, "gazetteer_links", gazetteerLinks, nil, func(rec *neo4j.Record) error {
		links = append(links, graph.Edge{Type: get[string](cl, rec, "type"), Source: get[string](cl, rec, "a"),
			Target: get[string](cl, rec, "b")})
		return cl.check()
	})
	if err != nil {
		return nil, err
	}
	graph.LinkNamedEntities(out, links)
	return out, nil
}

// Candidates lists candidates by source and status, oldest source first.
func (s *Store) Candidates(ctx context.Context, q graph.CandidateQuery) ([]graph.Candidate, error) {
	res, err := s.read(ctx, "candidates", `MATCH (c:Candidate)
WHERE ($source = '' OR c.source = $source) AND ($status = '' OR c.status = $status)
  AND EXISTS { MATCH (s:Source {id: c.source}) WHERE s.markingRank <= $clearance }
RETURN c ORDER BY c.createdAt, c.source, c.start, c.id LIMIT $limit`,
		map[string]any{"source": q.Source, "status": q.Status, "limit": int64(q.Limit)})
	if err != nil {
		return nil, err
	}
	out := make([]graph.Candidate, 0, len(res.Records))
	cl := &cols{stmt: "candidates"}
	for _, rec := range res.Records {
		c, err := toCandidate(get[dbtype.Node](cl, rec, "c").Props)
		cl.fail(err)
		out = append(out, c)
	}
	return out, cl.check()
}

// candidateInfo is a candidate with what accepting it needs of its source.
type candidateInfo struct {
	graph.Candidate
	text, date string
	news       []graph.NewEntity
}

// candidate reads one candidate with its source's text, date and new-entity proposals.
func (s *Store) candidate(ctx context.Context, id string) (candidateInfo, error) {
	res, err := s.read(ctx, "candidate", `MATCH (c:Candidate {id: $id})
OPTIONAL MATCH (s:Source {id: c.source})
OPTIONAL MATCH (a:SourceAnalysis {source: c.source})
RETURN c, coalesce(s.text, '') AS text, coalesce(toString(s.publishedOn), '') AS date, coalesce(a.newEntities, '[]') AS news`,
		map[string]any{"id": id})
	if err != nil {
		return candidateInfo{}, err
	}
	if len(res.Records) == 0 {
		return candidateInfo{},
			fmt.Errorf("%w: no candidate with id %s; list them with GET /api/v1/candidates", graph.ErrNotFound, id)
	}
	rec, cl := res.Records[0], &cols{stmt: "candidate"}
	c, err := toCandidate(get[dbtype.Node](cl, rec, "c").Props)
	cl.fail(err)
	ci := candidateInfo{Candidate: c, text: get[string](cl, rec, "text"), date: get[string](cl, rec, "date")}
	news := get[string](cl, rec, "news")
	if err := cl.check(); err != nil {
		return ci, err
	}
	if err := json.Unmarshal([]byte(news), &ci.news); err != nil {
		return ci, fmt.Errorf("stored new entities of %s: %w", ci.Source, err)
	}
	return ci, nil
}

func decided(c graph.Candidate) error {
	if c.Status != graph.Pending {
		return fmt.Errorf("%w: candidate %s is already %s", graph.ErrConflict, c.ID, c.Status)
	}
	return nil
}

// markCandidate sets a pending candidate's status in the transaction, and
// fails with a conflict when another request decided it first.
func markCandidate() statement {
	return statement{`MATCH (c:Candidate {id: $cand}) WHERE c.status = 'pending'
SET c.status = $status, c.decidedAt = $at, c.decidedBy = $key, c.edge = $edgeId, c.reason = $reason
RETURN c`, func(recs []*neo4j.Record) error {
		if len(recs) == 0 {
			return fmt.Errorf("%w: the candidate was decided by another request", graph.ErrConflict)
		}
		return nil
	}}
}

// Reject marks a pending candidate rejected with a reason.
func (s *Store) Reject(ctx context.Context, id, reason, key string) (graph.Candidate, error) {
	ci, err := s.candidate(ctx, id)
	c := ci.Candidate
	if err != nil {
		return c, err
	}
	if err := decided(c); err != nil {
		return c, err
	}
	params := map[string]any{"cand": id, "status": graph.Rejected, "at": now(), "key": key, "edgeId": nil,
		"reason": reason}
	if err := s.write(ctx, "reject", params, markCandidate()); err != nil {
		return c, err
	}
	c.Status, c.Reason = graph.Rejected, reason
	return c, nil
}

func now() string { return time.Now().UTC().Format(time.RFC3339Nano) }

// changeStatement records one change to an entity or edge.
const changeStatement = `UNWIND $changes AS ch
CREATE (c:Change) SET c = ch, c.at = $at, c.key = $key`

// change is one :Change's properties; a state given as a property map is
// recorded lean (without what is stored only for look-ups).
func change(target, action string, before, after any, cand, source, reason string) map[string]any {
	if m, ok := before.(map[string]any); ok {
		before = lean(m)
	}
	if m, ok := after.(map[string]any); ok {
		after = lean(m)
	}
	b, _ := json.Marshal(before)
	a, _ := json.Marshal(after)
	m := map[string]any{"target": target, "action": action, "before": string(b), "after": string(a)}
	if cand != "" {
		m["candidate"] = cand
	}
	if source != "" {
		m["source"] = source
	}
	if reason != "" {
		m["reason"] = reason
	}
	return m
}
