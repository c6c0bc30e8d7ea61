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

// Ingested sources keep what ingest found beside them: one :SourceAnalysis
// node per source (mentions and new-entity proposals as JSON, which Neo4j
// cannot store as maps) and one :Candidate node per proposed edge. Neither
// carries :Entity, so no graph answer ever sees them.

// sourceSchema are the constraints and indexes of sources, candidates and history.
var sourceSchema = []string{
	"CREATE CONSTRAINT candidate_id IF NOT EXISTS FOR (c:Candidate) REQUIRE c.id IS UNIQUE",
	"CREATE INDEX candidate_source IF NOT EXISTS FOR (c:Candidate) ON (c.source)",
	"CREATE CONSTRAINT analysis_source IF NOT EXISTS FOR (a:SourceAnalysis) REQUIRE a.source IS UNIQUE",
	"CREATE CONSTRAINT source_text_sha IF NOT EXISTS FOR (s:Source) REQUIRE s.textSha256 IS UNIQUE",
	"CREATE INDEX change_target IF NOT EXISTS FOR (c:Change) ON (c.target)",
}

const sourceQuery = `MATCH (s:Source {id: $id})
OPTIONAL MATCH (a:SourceAnalysis {source: s.id})
CALL (s) { OPTIONAL MATCH (c:Candidate {source: s.id}) WITH c ORDER BY c.start, c.id RETURN collect(c) AS cands }
RETURN s, coalesce(s.text, '') AS text, a.mentions AS mentions, a.newEntities AS newEntities, cands`

// Source returns a stored source with its text, mentions and candidates
// (empty lists for a source imported from a data set and never ingested).
func (s *Store) Source(ctx context.Context, id string) (graph.SourceDoc, error) {
	res, err := s.read(ctx, "source", sourceQuery, map[string]any{"id": id})
	if err != nil {
		return graph.SourceDoc{}, err
	}
	if len(res.Records) == 0 {
		return graph.SourceDoc{}, fmt.Errorf("%w: no source with id %s; ids look like source:...", graph.ErrNotFound, id)
	}
	return sourceDoc(res.Records[0])
}

func sourceDoc(rec *neo4j.Record) (graph.SourceDoc, error) {
	text := get[string](rec, "text")
	d := graph.SourceDoc{Source: toNode(get[dbtype.Node](rec, "s")), Text: text,
		Mentions: []graph.Mention{}, NewEntities: []graph.NewEntity{}, Candidates: []graph.Candidate{}}
	if d.Source.Properties == nil {
		d.Source.Properties = map[string]any{}
	}
	if d.Source.Aliases == nil {
		d.Source.Aliases = []string{}
	}
	// Sources imported before hashes were stored get them here.
	if _, ok := d.Source.Properties["textSha256"]; !ok && text != "" {
		d.Source.Properties["textSha256"] = graph.TextSHA256(text)
		d.Source.Properties["textLength"] = int64(graph.TextLength(text))
	}
	if m, ok := rec.Get("mentions"); ok && m != nil {
		if err := json.Unmarshal([]byte(m.(string)), &d.Mentions); err != nil {
			return d, fmt.Errorf("stored mentions of %s: %w", d.Source.ID, err)
		}
	}
	if m, ok := rec.Get("newEntities"); ok && m != nil {
		if err := json.Unmarshal([]byte(m.(string)), &d.NewEntities); err != nil {
			return d, fmt.Errorf("stored new entities of %s: %w", d.Source.ID, err)
		}
	}
	for _, c := range get[[]any](rec, "cands") {
		if n, ok := c.(dbtype.Node); ok {
			d.Candidates = append(d.Candidates, toCandidate(n.Props))
		}
	}
	return d, nil
}

func toCandidate(p map[string]any) graph.Candidate {
	num := func(k string) int { v, _ := p[k].(int64); return int(v) }
	opt := func(k string) *string {
		if v, ok := p[k].(string); ok && v != "" {
			return &v
		}
		return nil
	}
	return graph.Candidate{ID: str(p, "id"), Source: str(p, "source"), Type: str(p, "type"), From: str(p, "from"), To: str(p, "to"),
		FromName: str(p, "fromName"), ToName: str(p, "toName"), Stance: graph.Stance(str(p, "stance")), Confidence: num("confidence"),
		Quote: str(p, "quote"), Start: num("start"), End: num("end"), Cue: str(p, "cue"), Status: str(p, "status"),
		Corroborates: opt("corroborates"), Edge: opt("edge"), Reason: str(p, "reason")}
}

func candidateProps(c graph.Candidate) map[string]any {
	m := map[string]any{"id": c.ID, "source": c.Source, "type": c.Type, "from": c.From, "to": c.To, "fromName": c.FromName,
		"toName": c.ToName, "stance": string(c.Stance), "confidence": int64(c.Confidence), "quote": c.Quote,
		"start": int64(c.Start), "end": int64(c.End), "cue": c.Cue, "status": c.Status}
	if c.Corroborates != nil {
		m["corroborates"] = *c.Corroborates
	}
	if c.Edge != nil {
		m["edge"] = *c.Edge
	}
	if c.Reason != "" {
		m["reason"] = c.Reason
	}
	return m
}

// SourceByText returns the id of the stored source whose text has this
// sha256 ("" when none). Sources imported without a stored hash are compared
// by their text.
func (s *Store) SourceByText(ctx context.Context, text string) (string, error) {
	res, err := s.read(ctx, "source_by_text", `CALL { MATCH (s:Source {textSha256: $sha}) RETURN s
UNION MATCH (s:Source) WHERE s.textSha256 IS NULL AND s.text = $text RETURN s }
RETURN s.id AS id ORDER BY id LIMIT 1`, map[string]any{"sha": graph.TextSHA256(text), "text": text})
	if err != nil || len(res.Records) == 0 {
		return "", err
	}
	return get[string](res.Records[0], "id"), nil
}

// HasAnalysis reports whether ingest has already analysed the source.
func (s *Store) HasAnalysis(ctx context.Context, id string) (bool, error) {
	res, err := s.read(ctx, "source_analysis", `MATCH (a:SourceAnalysis {source: $id}) RETURN count(a) AS n`, map[string]any{"id": id})
	if err != nil {
		return false, err
	}
	return get[int64](res.Records[0], "n") > 0, nil
}

// SaveSource stores an ingested source (when node is not nil; an existing
// source keeps its node) with its analysis and candidates, in one
// transaction, and records the change under key. Corroborates is filled in
// for candidates whose type and ends match a stored edge.
func (s *Store) SaveSource(ctx context.Context, node *graph.Node, id string, a graph.Analysis, key string) error {
	ments, _ := json.Marshal(a.Mentions)
	news, _ := json.Marshal(a.NewEntities)
	cands := make([]any, len(a.Candidates))
	for i, c := range a.Candidates {
		cands[i] = candidateProps(c)
	}
	params := map[string]any{"id": id, "mentions": string(ments), "newEntities": string(news), "cands": cands,
		"at": time.Now().UTC().Format(time.RFC3339Nano), "key": key}
	stmts := []statement{}
	if node != nil {
		params["props"] = nodeProps(*node)
		stmts = append(stmts, statement{`CREATE (s:Entity:Source) SET s = $props`, nil}, statement{changeStatement, nil})
		params["changes"] = []any{change(id, "import", nil, lean(nodeProps(*node)), "", id, "")}
	}
	stmts = append(stmts,
		statement{`MERGE (a:SourceAnalysis {source: $id}) SET a.mentions = $mentions, a.newEntities = $newEntities, a.at = $at`, nil},
		statement{`UNWIND $cands AS c
OPTIONAL MATCH (:Entity {id: c.from})-[r]->(:Entity {id: c.to}) WHERE type(r) = c.type
WITH c, head(collect(r.id)) AS existing
CREATE (n:Candidate) SET n = c, n.corroborates = existing, n.createdAt = $at`, nil})
	return s.write(ctx, "save_source", params, stmts...)
}

// statement is one statement of a write transaction; check, when set, reads
// its records and may refuse the transaction.
type statement struct {
	query string
	check func(recs []*neo4j.Record) error
}

// write runs statements in one transaction with params, all or nothing.
func (s *Store) write(ctx context.Context, name string, params map[string]any, stmts ...statement) error {
	done := func(error) {}
	if s.opt.Observe != nil {
		done = s.opt.Observe(name)
	}
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{AccessMode: neo4j.AccessModeWrite, DatabaseName: s.opt.Database})
	defer sess.Close(context.WithoutCancel(ctx))
	_, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		for _, st := range stmts {
			res, err := tx.Run(ctx, st.query, params)
			if err != nil {
				return nil, err
			}
			recs, err := res.Collect(ctx)
			if err != nil {
				return nil, err
			}
			if st.check != nil {
				if err := st.check(recs); err != nil {
					return nil, err
				}
			}
		}
		return nil, nil
	}, neo4j.WithTxTimeout(s.opt.ImportTimeout))
	err = translate(ctx, err)
	done(err)
	return err
}
