package cypher

import (
	"context"
	"fmt"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// fullTextIndex indexes names, aliases and the folded lookup keys of every entity.
const fullTextIndex = "entity_names"

// schemaStatements ensure the schema; each is idempotent (IF NOT EXISTS).
func schemaStatements() []string {
	st := []string{
		"CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE",
		"CREATE FULLTEXT INDEX " + fullTextIndex + " IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.aliasText, n.keyText]",
		"CREATE INDEX entity_kind IF NOT EXISTS FOR (n:Entity) ON (n.kind)",
		"CREATE INDEX event_date IF NOT EXISTS FOR (n:Event) ON (n.date)",
		// One node (version.go); concurrent writers MERGE it.
		"CREATE CONSTRAINT graph_version_id IF NOT EXISTS FOR (v:GraphVersion) REQUIRE v.id IS UNIQUE",
	}
	for _, k := range graph.Kinds {
		st = append(st, fmt.Sprintf("CREATE CONSTRAINT %s_id IF NOT EXISTS FOR (n:%s) REQUIRE n.id IS UNIQUE",
			k.Prefix, k.Kind))
	}
	st = append(st, sourceSchema...)
	return st
}

// EnsureSchema creates the constraints and indexes the queries need, and waits
// until they are online. It is safe to run at every start.
func (s *Store) EnsureSchema(ctx context.Context) error {
	if err := s.CreateSchema(ctx); err != nil {
		return err
	}
	if err := s.AwaitIndexes(ctx); err != nil {
		return err
	}
	return s.markUnmarked(ctx)
}

// unmarkedStatements give the records stored before markings existed the
// default marking, a batch at a time (each returns how many it marked):
// every read compares markingRank, and a record without one would be shown
// to nobody.
var unmarkedStatements = []string{
	`MATCH (n:Entity) WHERE n.markingRank IS NULL WITH n LIMIT 10000
SET n.marking = $marking, n.markingRank = $rank RETURN count(*) AS n`,
	`MATCH ()-[r]->() WHERE r.id IS NOT NULL AND r.markingRank IS NULL WITH r LIMIT 10000
SET r.marking = $marking, r.markingRank = $rank RETURN count(*) AS n`,
}

// markUnmarked runs unmarkedStatements until none marks anything.
func (s *Store) markUnmarked(ctx context.Context) error {
	params := map[string]any{"marking": string(s.opt.DefaultMarking), "rank": int64(s.opt.DefaultMarking.Rank())}
	for _, q := range unmarkedStatements {
		for {
			res, err := neo4j.ExecuteQuery(ctx, s.driver, q, params, neo4j.EagerResultTransformer,
				append(bookmarked(ctx), neo4j.ExecuteQueryWithDatabase(s.opt.Database))...)
			if err != nil {
				return translate(ctx, err)
			}
			if n, _, _ := neo4j.GetRecordValue[int64](res.Records[0], "n"); n == 0 {
				break
			}
		}
	}
	return nil
}

// CreateSchema creates the constraints and indexes that are missing, all in
// one transaction: Neo4j then fills every new index in one pass over the
// store instead of one pass each (on a bulk-loaded 1M graph, 28 s instead of
// 76 s). The indexes may still be populating when it returns.
func (s *Store) CreateSchema(ctx context.Context) error {
	sess := s.session(ctx, neo4j.AccessModeWrite, 0)
	defer sess.Close(context.WithoutCancel(ctx))
	_, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		for _, q := range schemaStatements() {
			res, err := tx.Run(ctx, q, nil)
			if err == nil {
				_, err = res.Consume(ctx)
			}
			if err != nil {
				return nil, fmt.Errorf("ensure schema (%s): %w", q, err)
			}
		}
		return nil, nil
	})
	return translate(ctx, err)
}

// AwaitIndexes waits until every index is online.
func (s *Store) AwaitIndexes(ctx context.Context) error {
	_, err := neo4j.ExecuteQuery(ctx, s.driver, "CALL db.awaitIndexes(300)", nil, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.opt.Database))
	return translate(ctx, err)
}

// Counts returns the number of entities and relationships (the history,
// candidates and analyses kept beside the graph are not entities).
func (s *Store) Counts(ctx context.Context) (nodes, rels int64, err error) {
	ctx, cancel := s.begin(ctx, "counting the graph")
	defer cancel()
	res, err := s.read(ctx, "counts",
		`CALL { MATCH (n:Entity) RETURN count(n) AS nodes } CALL { MATCH ()-[r]->() RETURN count(r) AS rels } RETURN nodes, rels`, nil)
	if err != nil {
		return 0, 0, err
	}
	if len(res.Records) != 1 {
		return 0, 0, fmt.Errorf("statement counts: got %d rows, want 1", len(res.Records))
	}
	rec, cl := res.Records[0], &cols{stmt: "counts"}
	nodes, rels = get[int64](cl, rec, "nodes"), get[int64](cl, rec, "rels")
	return nodes, rels, cl.check()
}

// graphCounts reads the count store in one call: per label and per
// relationship type, without touching a node.
const graphCounts = `CALL db.stats.retrieve('GRAPH COUNTS') YIELD data
RETURN [x IN data.nodes WHERE x.label IS NOT NULL | [x.label, x.count]] AS kinds,
       [x IN data.relationships WHERE x.relationshipType IS NOT NULL AND x.startLabel IS NULL AND x.endLabel IS NULL
          | [x.relationshipType, x.count]] AS rels`

// hiddenStatements count, per kind and per type, what a reader without full
// clearance may not see: the count store knows nothing of markings, so
// these are taken off its counts (a scan, run only for such readers).
var hiddenStatements = map[string]string{
	"kinds": `MATCH (n:Entity) WHERE n.markingRank > $clearance RETURN n.kind AS name, count(*) AS n`,
	"rels": `MATCH (a)-[r]->(b) WHERE r.markingRank > $clearance OR a.markingRank > $clearance OR b.markingRank > $clearance
RETURN type(r) AS name, count(*) AS n`,
}

// hiddenCounts takes what the reader may not see off counts.
func (s *Store) hiddenCounts(ctx context.Context, counts map[string]int64) error {
	if graph.ClearanceOf(ctx) == graph.FullClearance {
		return nil
	}
	for _, col := range []string{"kinds", "rels"} {
		res, err := s.read(ctx, "schema_hidden_"+col, hiddenStatements[col], nil)
		if err != nil {
			return err
		}
		cl := &cols{stmt: "schema_hidden_" + col}
		for _, rec := range res.Records {
			counts[col+get[string](cl, rec, "name")] -= get[int64](cl, rec, "n")
		}
		if err := cl.check(); err != nil {
			return err
		}
	}
	return nil
}

// Schema counts nodes per kind and relationships per type (from Neo4j's count
// store, so it stays fast on large graphs), with the vocabulary's definitions.
func (s *Store) Schema(ctx context.Context) (graph.SchemaInfo, error) {
	ctx, cancel := s.begin(ctx, "counting kinds and relationship types")
	defer cancel()
	res, err := s.read(ctx, "schema", graphCounts, nil)
	if err != nil {
		return graph.SchemaInfo{}, err
	}
	counts, cl := map[string]int64{}, &cols{stmt: "schema"}
	if len(res.Records) > 0 {
		for _, col := range []string{"kinds", "rels"} {
			for _, pair := range get[[]any](cl, res.Records[0], col) {
				p, _ := pair.([]any)
				var name string
				var n int64
				ok := len(p) == 2
				if ok {
					name, ok = p[0].(string)
				}
				if ok {
					n, ok = p[1].(int64)
				}
				if !ok {
					cl.fail(fmt.Errorf("column %s: item %v, want [name, count]", col, pair))
					continue
				}
				counts[col+name] = n
			}
		}
	}
	if err := cl.check(); err != nil {
		return graph.SchemaInfo{}, err
	}
	if err := s.hiddenCounts(ctx, counts); err != nil {
		return graph.SchemaInfo{}, err
	}
	var info graph.SchemaInfo
	for _, k := range graph.Kinds {
		info.Kinds = append(info.Kinds, graph.KindCount{Kind: k.Kind, Count: counts["kinds"+string(k.Kind)], Doc: k.Doc})
	}
	for _, rt := range graph.Vocabulary {
		info.Relationships = append(info.Relationships, graph.RelCount{Type: rt.Name, Count: counts["rels"+
			rt.Name], From: rt.From, To: rt.To, Doc: rt.Doc})
	}
	for _, st := range graph.Stances {
		info.Stances = append(info.Stances, string(st))
	}
	return info, nil
}
