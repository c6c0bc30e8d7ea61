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
	"CREATE CONSTRAINT import_batch_id IF NOT EXISTS FOR (b:ImportBatch) REQUIRE b.id IS UNIQUE",
}

const sourceQuery = `MATCH (s:Source {id: $id}) WHERE s.markingRank <= $clearance
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
	cl := &cols{stmt: "source"}
	text := get[string](cl, rec, "text")
	d := graph.SourceDoc{Source: cl.node(rec, "s"), Text: text,
		Mentions: []graph.Mention{}, NewEntities: []graph.NewEntity{}, Candidates: []graph.Candidate{}}
	cands := get[[]any](cl, rec, "cands")
	if err := cl.check(); err != nil {
		return d, err
	}
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
	for _, c := range cands {
		n, ok := c.(dbtype.Node)
		if !ok {
			return d, fmt.Errorf("statement source: cannot map its rows: column cands holds a %T, want nodes", c)
		}
		cand, err := toCandidate(n.Props)
		if err != nil {
			return d, fmt.Errorf("statement source: cannot map its rows: %w", err)
		}
		d.Candidates = append(d.Candidates, cand)
	}
	return d, nil
}

// toCandidate maps a stored :Candidate; everything but corroborates, edge
// and reason is required.
func toCandidate(m map[string]any) (graph.Candidate, error) {
	p := &props{what: "candidate", m: m}
	opt := func(k string) *string {
		if v := p.str(k, false); v != "" {
			return &v
		}
		return nil
	}
	c := graph.Candidate{ID: p.str("id", true), Source: p.str("source", true), Type: p.str("type", true),
		From: p.str("from", true), To: p.str("to", true),
		FromName: p.str("fromName", true), ToName: p.str("toName", true),
		Stance: graph.Stance(p.str("stance", true)), Confidence: int(p.int("confidence", true)),
		Quote: p.str("quote", true), Start: int(p.int("start", true)), End: int(p.int("end", true)),
		Cue: p.str("cue", false), Status: p.str("status", true),
		Corroborates: opt("corroborates"), Edge: opt("edge"), Reason: p.str("reason", false)}
	return c, p.err
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
	cl := &cols{stmt: "source_by_text"}
	id := get[string](cl, res.Records[0], "id")
	return id, cl.check()
}

// HasAnalysis reports whether ingest has already analysed the source.
func (s *Store) HasAnalysis(ctx context.Context, id string) (bool, error) {
	res, err := s.read(ctx, "source_analysis",
		`MATCH (a:SourceAnalysis {source: $id}) RETURN count(a) AS n`, map[string]any{"id": id})
	if err != nil {
		return false, err
	}
	cl := &cols{stmt: "source_analysis"}
	n := get[int64](cl, res.Records[0], "n")
	return n > 0, cl.check()
}

// SaveSource stores an ingested source (when node is not nil; an existing
// source keeps its node) with its analysis and candidates, in one
// transaction, and records the change under key. Corroborates is filled in
// for candidates whose type and ends match a live stored edge: the first by
// id when several do (the same pair reported on two dates), as accepting
// picks it.
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
		if node.Marking == "" {
			node.Marking = s.opt.DefaultMarking
		}
		params["props"] = nodeProps(*node)
		stmts = append(stmts, statement{`CREATE (s:Entity:Source) SET s = $props`, nil}, statement{changeStatement, nil})
		params["changes"] = []any{change(id, "import", nil, lean(nodeProps(*node)), "", id, "")}
	}
	stmts = append(stmts,
		statement{`MERGE (a:SourceAnalysis {source: $id}) SET a.mentions = $mentions, a.newEntities = $newEntities, a.at = $at`, nil},
		statement{`UNWIND $cands AS c
OPTIONAL MATCH (:Entity {id: c.from})-[r]->(:Entity {id: c.to})
WHERE type(r) = c.type AND coalesce(r.status, '') <> 'retracted'
WITH c, r ORDER BY r.id
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
	sess := s.session(ctx, neo4j.AccessModeWrite, 0)
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
