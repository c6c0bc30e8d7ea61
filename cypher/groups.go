package cypher

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// groupQuery reads a group's candidates with what accepting them needs of
// their sources, in review order.
const groupQuery = `MATCH (c:Candidate) WHERE c.type = $type AND c.from = $from AND c.to = $to
OPTIONAL MATCH (s:Source {id: c.source})
OPTIONAL MATCH (a:SourceAnalysis {source: c.source})
RETURN c, coalesce(s.text, '') AS text, coalesce(toString(s.publishedOn), '') AS date, coalesce(a.newEntities, '[]') AS news
ORDER BY c.createdAt, c.source, c.start, c.id`

// group reads a group's candidates (only k.IDs when given): the pending
// ones, and those already decided.
func (s *Store) group(ctx context.Context, k graph.GroupKey) (pending []candidateInfo,
	skipped []graph.Candidate, err error) {
	res, err := s.read(ctx, "candidate_group", groupQuery, map[string]any{"type": k.Type, "from": k.From, "to": k.To})
	if err != nil {
		return nil, nil, err
	}
	found := map[string]bool{}
	cl := &cols{stmt: "candidate_group"}
	for _, rec := range res.Records {
		c, err := toCandidate(get[dbtype.Node](cl, rec, "c").Props)
		cl.fail(err)
		if len(k.IDs) > 0 && !slices.Contains(k.IDs, c.ID) {
			continue
		}
		found[c.ID] = true
		if c.Status != graph.Pending {
			skipped = append(skipped, c)
			continue
		}
		ci := candidateInfo{Candidate: c, text: get[string](cl, rec, "text"), date: get[string](cl, rec, "date")}
		if err := json.Unmarshal([]byte(get[string](cl, rec, "news")), &ci.news); err != nil {
			return nil, nil, fmt.Errorf("stored new entities of %s: %w", ci.Source, err)
		}
		pending = append(pending, ci)
	}
	if err := cl.check(); err != nil {
		return nil, nil, err
	}
	for _, id := range k.IDs {
		if !found[id] {
			return nil, nil, graph.Invalid("ids", id,
				"not a candidate of this group; list the group with GET /api/v1/candidates?group=pair")
		}
	}
	if len(found) == 0 {
		return nil, nil, fmt.Errorf("%w: no candidate %s from %s to %s; list the groups with GET "+
			"/api/v1/candidates?group=pair", graph.ErrNotFound, k.Type, k.From, k.To)
	}
	if len(pending) == 0 {
		return nil, skipped, fmt.Errorf("%w: every candidate of %s from %s to %s is already decided",
			graph.ErrConflict, k.Type, k.From, k.To)
	}
	return pending, skipped, nil
}

// AcceptGroup accepts every pending candidate of a group in one
// transaction: the first writes the edge (with the overrides) or
// corroborates the stored one, and the others add their sources to it, each
// recorded as its own accept. Candidates already decided are skipped.
func (s *Store) AcceptGroup(ctx context.Context, k graph.GroupKey, o graph.CandidateOverride,
	key string) (graph.GroupDecision, error) {
	pending, skipped, err := s.group(ctx, k)
	out := graph.GroupDecision{Candidates: []graph.Candidate{}, Skipped: orEmpty(skipped)}
	if err != nil {
		return out, err
	}
	d, existing, err := s.plan(ctx, pending[0], o)
	if err != nil {
		return out, err
	}
	var e graph.Edge
	err = s.inWrite(ctx, "accept_group", func(tx neo4j.ExplicitTransaction) error {
		var err error
		if e, err = s.acceptTx(ctx, tx, pending[0], d, existing, key); err != nil {
			return err
		}
		for _, ci := range pending[1:] {
			if e, err = corroborateTx(ctx, tx, ci, e.ID, key); err != nil {
				return err
			}
		}
		return bumpVersion(ctx, tx)
	})
	if err != nil {
		return out, err
	}
	for _, ci := range pending {
		c := ci.Candidate
		c.Status, c.Edge = graph.Accepted, &e.ID
		out.Candidates = append(out.Candidates, c)
	}
	out.Edge = &e
	return out, nil
}

// RejectGroup rejects every pending candidate of a group with a reason, in
// one transaction. Candidates already decided are skipped.
func (s *Store) RejectGroup(ctx context.Context, k graph.GroupKey, reason, key string) (graph.GroupDecision, error) {
	pending, skipped, err := s.group(ctx, k)
	out := graph.GroupDecision{Candidates: []graph.Candidate{}, Skipped: orEmpty(skipped)}
	if err != nil {
		return out, err
	}
	at := now()
	err = s.inWrite(ctx, "reject_group", func(tx neo4j.ExplicitTransaction) error {
		for _, ci := range pending {
			params := map[string]any{"cand": ci.ID, "status": graph.Rejected, "at": at, "key": key,
				"edgeId": nil, "reason": reason}
			if err := runAll(ctx, tx, params, markCandidate()); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return out, err
	}
	for _, ci := range pending {
		c := ci.Candidate
		c.Status, c.Reason = graph.Rejected, reason
		out.Candidates = append(out.Candidates, c)
	}
	return out, nil
}

func orEmpty(cs []graph.Candidate) []graph.Candidate {
	if cs == nil {
		return []graph.Candidate{}
	}
	return cs
}
