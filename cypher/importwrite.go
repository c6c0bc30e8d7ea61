package cypher

import (
	"context"
	"fmt"
	"reflect"
	"sort"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// The importer reads what the database already holds of a data set first
// (nodes by id, the relationships leaving the data set's stored sources),
// decides each row's outcome in Go, and then writes only what changes:
// CREATE for new records (both ends of a new edge found through the id
// constraint's index, no MERGE and no expansion of hub nodes), SET for
// changed ones, nothing for unchanged ones, so a re-import is reads only.

// readNodesStatement returns the stored nodes among $ids.
const readNodesStatement = `UNWIND $ids AS id
MATCH (n:Entity {id: id}) USING INDEX SEEK n:Entity(id)
RETURN n.id AS id, elementId(n) AS e, properties(n) AS props`

// readEdgesStatement returns the relationships leaving the nodes $ids. The
// index seek hint keeps the planner from scanning the id index per row.
const readEdgesStatement = `UNWIND $ids AS id
MATCH (a:Entity {id: id}) USING INDEX SEEK a:Entity(id)
MATCH (a)-[r]->(b) WHERE r.id IS NOT NULL
RETURN r.id AS id, type(r) AS type, b.id AS target, properties(r) AS props`

// createNodes is run per kind; the label comes from the closed kind list.
// Parameters: $batch, property maps of nodes not yet stored; $importBatch,
// the id of the :ImportBatch that records them (null: none).
// It returns the new nodes' element ids, by which the edges' statements
// find them.
func createNodes(kind graph.Kind) string {
	return `UNWIND $batch AS p
CREATE (n:Entity:` + string(kind) + `) SET n = p, n.` + importBatchProp + ` = $importBatch
RETURN count(*) AS n, collect(p.id) AS ids, collect(elementId(n)) AS elems`
}

// updateNodes replaces the properties of stored nodes, keeping the import
// that created each.
func updateNodes(kind graph.Kind) string {
	return `UNWIND $batch AS p
MATCH (n:Entity {id: p.id}) USING INDEX SEEK n:Entity(id)
WITH n, p, n.` + importBatchProp + ` AS created
SET n = p, n.` + importBatchProp + ` = created, n:` + string(kind) + `
RETURN count(*) AS n`
}

// createEdges is run per relationship type (from the vocabulary).
// Parameters: $batch, rows [source element id, target element id, props,
// source id, target id] of edges not yet stored; $importBatch as for
// createNodes. The ends are found by element id, which needs no index
// look-up (BENCHMARKS.md, "Online import"). Neo4j may give a deleted
// node's element id to a new node, so each end's id and label are checked
// too: "checked" counts the rows whose ends are the nodes meant, and run
// fails the batch (and so the transaction) unless every row is. The check
// is made after the CREATE: as a match predicate, the planner would use
// the id index instead of the element id.
func createEdges(typ string) string {
	return `UNWIND $batch AS row
MATCH (a) WHERE elementId(a) = row[0]
MATCH (b) WHERE elementId(b) = row[1]
CREATE (a)-[r:` + typ + `]->(b) SET r = row[2], r.` + importBatchProp + ` = $importBatch
RETURN count(*) AS n, count(CASE WHEN a.id = row[3] AND b.id = row[4] AND a:Entity AND b:Entity THEN 1 END) AS checked`
}

// updateEdges replaces the properties of stored edges, found from their
// source, keeping the import that created each and a retraction: a data set
// imported again never takes back a reviewer's retraction. Parameter
// $batch: rows [source, props].
func updateEdges(typ string) string {
	return `UNWIND $batch AS row
MATCH (a:Entity {id: row[0]}) USING INDEX SEEK a:Entity(id)
MATCH (a)-[r:` + typ + `]->() WHERE r.id = row[1].id
WITH r, row, CASE WHEN r.status = 'retracted' THEN r {` + keptOnEdges + `} ELSE r {.` + importBatchProp + `} END AS kept
SET r = row[1]
SET r += kept
RETURN count(*) AS n`
}

type writer struct {
	tx       neo4j.ExplicitTransaction
	batch    int
	done     int
	total    int
	progress Progress
	report   graph.ImportReport
	// history records each created or updated record as a change under key.
	history bool
	key     string
	// elems are the element ids of the nodes read or created, by id.
	elems map[string]string
	// marking is the marking of records that carry none, and ranks the
	// marking rank each node has once the import is written, by id: an
	// edge's effective marking is the strictest of its own and its sources'.
	marking graph.Marking
	ranks   map[string]int
}

type storedEdge struct {
	typ, target string
	props       map[string]any
}

// step is one statement's rows (one kind's or type's creates or updates),
// with what the history records for each row.
type step struct {
	q      string
	create bool
	edges  bool // rows [source, target, props]; their ends' element ids are added when written
	rows   []any
	ids    []string         // the records' ids, for the history
	before []map[string]any // updates: the stored state (lean)
	after  []map[string]any // the state written (lean)
}

// newWriter is the writer of an import of d, atomic or chunked: batches of
// the store's size, every change recorded under the request's key. Its tx
// is set by the caller.
func (s *Store) newWriter(ctx context.Context, d *graph.DataSet, progress Progress) *writer {
	return &writer{batch: s.opt.BatchSize, total: len(d.Nodes) + len(d.Edges), progress: progress,
		key: graph.KeyOf(ctx), history: true, marking: s.opt.DefaultMarking}
}

// write plans d against what the transaction sees and writes it.
func (w *writer) write(ctx context.Context, d *graph.DataSet) error {
	steps, err := w.plan(ctx, d)
	if err != nil {
		return err
	}
	for _, st := range steps {
		if err := w.apply(ctx, st, 0, len(st.rows)); err != nil {
			return err
		}
	}
	return nil
}

// plan reads what the database holds of d, counts the unchanged records
// and returns the writes, nodes before edges.
func (w *writer) plan(ctx context.Context, d *graph.DataSet) ([]*step, error) {
	d.ApplyMarkings(w.marking)
	storedNodes, err := w.readNodes(ctx, d)
	if err != nil {
		return nil, err
	}
	steps, created := w.planNodes(d, storedNodes)
	storedEdges, err := w.readEdges(ctx, d, created)
	if err != nil {
		return nil, err
	}
	edgeSteps, err := w.planEdges(d, storedEdges)
	if err != nil {
		return nil, err
	}
	return append(steps, edgeSteps...), nil
}

// readNodes returns the stored properties of d's nodes and of the stored
// nodes its edges name besides, by id, and keeps their element ids: they
// are how new edges find their ends.
func (w *writer) readNodes(ctx context.Context, d *graph.DataSet) (map[string]map[string]any, error) {
	ids := make([]any, 0, len(d.Nodes))
	listed := make(map[string]bool, len(d.Nodes))
	for _, n := range d.Nodes {
		ids = append(ids, n.ID)
		listed[n.ID] = true
	}
	for _, e := range d.Edges {
		// The sources too: their markings make the edge's.
		for _, end := range append([]string{e.Source, e.Target}, e.Sources...) {
			if !listed[end] {
				listed[end] = true
				ids = append(ids, end)
			}
		}
	}
	if w.elems == nil {
		w.elems = make(map[string]string, len(ids))
	}
	if w.ranks == nil {
		w.ranks = make(map[string]int, len(ids))
	}
	stored := map[string]map[string]any{}
	err := w.read(ctx, readNodesStatement, ids, func(rec *neo4j.Record, cl *cols) {
		id := get[string](cl, rec, "id")
		stored[id] = get[map[string]any](cl, rec, "props")
		w.elems[id] = get[string](cl, rec, "e")
		w.ranks[id] = storedMarking(stored[id]).Rank()
	})
	return stored, err
}

// planNodes classifies d's nodes against the stored ones: the create and
// update steps per kind, in the kinds' order, and which nodes are new.
func (w *writer) planNodes(d *graph.DataSet, stored map[string]map[string]any) ([]*step, map[string]bool) {
	byKind := map[graph.Kind]*[2]step{}
	created := map[string]bool{}
	for i, n := range d.Nodes {
		p := byKind[n.Kind]
		if p == nil {
			p = &[2]step{{q: createNodes(n.Kind), create: true}, {q: updateNodes(n.Kind)}}
			byKind[n.Kind] = p
		}
		created[n.ID] = stored[n.ID] == nil
		if w.withheld(n.ID, d.NodeRecord(i), n.Marking, stored[n.ID], &w.report.Nodes) {
			continue
		}
		w.ranks[n.ID] = n.Marking.Rank()
		w.classify(p, n.ID, nodeProps(n), stored[n.ID], false, &w.report.Nodes,
			func(props map[string]any) any { return props })
	}
	var steps []*step
	for _, k := range graph.Kinds {
		if p := byKind[k.Kind]; p != nil {
			steps = append(steps, &p[0], &p[1])
		}
	}
	return steps, created
}

// readEdges returns the stored relationships leaving d's edges' sources, by
// id. Edges leaving a node this import creates (created) cannot be stored
// yet, so those sources are not looked up.
func (w *writer) readEdges(ctx context.Context, d *graph.DataSet,
	created map[string]bool) (map[string]storedEdge, error) {
	var sources []any
	seen := map[string]bool{}
	for _, e := range d.Edges {
		if !created[e.Source] && !seen[e.Source] {
			seen[e.Source] = true
			sources = append(sources, e.Source)
		}
	}
	stored := map[string]storedEdge{}
	err := w.read(ctx, readEdgesStatement, sources, func(rec *neo4j.Record, cl *cols) {
		stored[get[string](cl, rec, "id")] = storedEdge{
			get[string](cl, rec, "type"), get[string](cl, rec, "target"), get[map[string]any](cl, rec, "props")}
	})
	return stored, err
}

// planEdges classifies d's edges against the stored ones: the create and
// update steps per relationship type, in name order. An edge stored with
// another type or target is a conflict.
func (w *writer) planEdges(d *graph.DataSet, stored map[string]storedEdge) ([]*step, error) {
	byType := map[string]*[2]step{}
	for i, e := range d.Edges {
		if _, ok := graph.LookupRel(e.Type); !ok {
			// validated before; never spliced unchecked
			return nil, fmt.Errorf("relationship type %q is not in the vocabulary", e.Type)
		}
		var before map[string]any
		if s, ok := stored[e.ID]; ok {
			if s.typ != e.Type || s.target != e.Target {
				return nil, fmt.Errorf("%w: edge %s is stored as %s -%s-> %s; the data set has %s -%s-> %s: give the edge a new id",
					graph.ErrConflict, e.ID, e.Source, s.typ, s.target, e.Source, e.Type, e.Target)
			}
			before = s.props
		}
		p := byType[e.Type]
		if p == nil {
			p = &[2]step{{q: createEdges(e.Type), create: true, edges: true}, {q: updateEdges(e.Type)}}
			byType[e.Type] = p
		}
		e.Marking = w.effective(e)
		if w.withheld(e.ID, d.EdgeRecord(i), e.Marking, before, &w.report.Edges) {
			continue
		}
		w.classify(p, e.ID, edgeProps(e), before, true, &w.report.Edges, func(props map[string]any) any {
			if before == nil {
				return []any{e.Source, e.Target, props}
			}
			return []any{e.Source, props}
		})
	}
	types := make([]string, 0, len(byType))
	for t := range byType {
		types = append(types, t)
	}
	sort.Strings(types)
	steps := make([]*step, 0, 2*len(types))
	for _, t := range types {
		steps = append(steps, &byType[t][0], &byType[t][1])
	}
	return steps, nil
}

// effective is e's effective marking: the strictest of its own and its
// sources' (as they will be stored once the import is written).
func (w *writer) effective(e graph.Edge) graph.Marking {
	r := e.Marking.Rank()
	for _, src := range e.Sources {
		if sr, ok := w.ranks[src]; ok {
			r = max(r, sr)
		}
	}
	return graph.MarkingOfRank(r)
}

// withheld leaves a stored record as it is when the import's record of it
// is more strictly marked (m) than the stored one: writing it would show
// the stricter record's fields to the readers of the less strict one. It
// is counted unchanged and reported.
func (w *writer) withheld(id, rec string, m graph.Marking, before map[string]any, counts *graph.Counts) bool {
	if before == nil || m.Rank() <= storedMarking(before).Rank() {
		return false
	}
	counts.Unchanged++
	w.tick(1)
	w.report.Withheld = append(w.report.Withheld, graph.Problem{Record: rec, Field: "marking", Value: string(m),
		Reason: id + " is stored marked " + string(storedMarking(before)) + "; a more strictly marked record " +
			"does not change it: give the record an id of its own"})
	return true
}

// classify adds one record to p's create or update step, or counts it
// unchanged. before is the stored state; what actorgraph keeps beside a
// data set's fields (the creating import, a retraction) is not compared,
// and an update keeps it.
func (w *writer) classify(p *[2]step, id string, props, before map[string]any, edge bool,
	counts *graph.Counts, row func(map[string]any) any) {
	var st *step
	stored, kept := splitKept(before, edge)
	switch {
	case before == nil:
		counts.Created++
		st = &p[0]
	case sameProps(stored, props):
		counts.Unchanged++
		w.tick(1)
		return
	default:
		counts.Updated++
		st = &p[1]
	}
	st.rows = append(st.rows, row(props))
	if w.history {
		after := lean(props) // a copy: props is the row written
		for k, v := range lean(kept) {
			after[k] = v
		}
		st.ids = append(st.ids, id)
		st.after = append(st.after, after)
		if before != nil {
			st.before = append(st.before, lean(before))
		}
	}
}

// apply writes st's rows lo..hi in batches and records their changes: the
// records a batch creates in one :ImportBatch, each update in a :Change.
func (w *writer) apply(ctx context.Context, st *step, lo, hi int) error {
	for i := lo; i < hi; i += w.batch {
		j := min(i+w.batch, hi)
		var batchID any
		if w.history && st.create {
			batchID = newImportBatchID()
		}
		rows := st.rows[i:j]
		if st.create && st.edges {
			rows = w.withEnds(rows)
		}
		if err := w.run(ctx, st.q, rows, batchID); err != nil {
			return err
		}
		if !w.history {
			continue
		}
		var err error
		if st.create {
			err = recordImportBatch(ctx, w.tx, batchID.(string), w.key, st.ids[i:j], st.after[i:j])
		} else {
			err = recordEdits(ctx, w.tx, w.key, st.ids[i:j], st.before[i:j], st.after[i:j])
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// withEnds turns rows [source, target, props] into the create statement's
// [source element id, target element id, props, source, target]. An end
// with no element id (deleted since it was validated) gets null, which
// matches nothing: run then reports the missing row.
func (w *writer) withEnds(rows []any) []any {
	out := make([]any, len(rows))
	for i, r := range rows {
		row := r.([]any)
		a, b := row[0].(string), row[1].(string)
		var ea, eb any
		if e, ok := w.elems[a]; ok {
			ea = e
		}
		if e, ok := w.elems[b]; ok {
			eb = e
		}
		out[i] = []any{ea, eb, row[2], a, b}
	}
	return out
}

// run writes one batch and checks that every row was written. importBatch
// is the creating import's id (nil for updates, or without history).
func (w *writer) run(ctx context.Context, query string, rows []any, importBatch any) error {
	res, err := w.tx.Run(ctx, query, map[string]any{"batch": rows, "importBatch": importBatch})
	if err != nil {
		return err
	}
	rec, err := res.Single(ctx)
	if err != nil {
		return err
	}
	cl := &cols{stmt: "import_batch"}
	n := int(get[int64](cl, rec, "n"))
	if _, ok := rec.Get("checked"); ok {
		if c := int(get[int64](cl, rec, "checked")); c != n && cl.check() == nil {
			return fmt.Errorf("%d of %d new edges of a batch found an end that is not the node they name "+
				"(it was deleted during the import and its element id given to another node); "+
				"the batch is not written: run the import again", n-c, n)
		}
	}
	if _, ok := rec.Get("elems"); ok {
		ids, elems := get[[]any](cl, rec, "ids"), get[[]any](cl, rec, "elems")
		for k := range min(len(ids), len(elems)) {
			id, _ := ids[k].(string)
			w.elems[id], _ = elems[k].(string)
		}
	}
	if err := cl.check(); err != nil {
		return err
	}
	if n != len(rows) {
		return fmt.Errorf("wrote %d of %d rows of a batch: a record or an endpoint disappeared during the import",
			n, len(rows))
	}
	if sum, err := res.Consume(ctx); err == nil {
		c := sum.Counters()
		w.report.NodesCreated += c.NodesCreated()
		w.report.RelationshipsCreated += c.RelationshipsCreated()
	}
	w.tick(len(rows))
	return nil
}

func (w *writer) tick(n int) {
	w.done += n
	if w.progress != nil && n > 0 {
		w.progress(w.done, w.total)
	}
}

// read runs a look-up statement over ids in batches inside the import's
// transaction, so it sees the chunks this import already wrote.
func (w *writer) read(ctx context.Context, query string, ids []any, each func(*neo4j.Record, *cols)) error {
	for lo := 0; lo < len(ids); lo += w.batch {
		res, err := w.tx.Run(ctx, query, map[string]any{"ids": ids[lo:min(lo+w.batch, len(ids))]})
		if err != nil {
			return err
		}
		cl := &cols{stmt: "import_lookup"}
		for res.Next(ctx) {
			each(res.Record(), cl)
		}
		if err := res.Err(); err != nil {
			return err
		}
		if err := cl.check(); err != nil {
			return err
		}
	}
	return nil
}

// sameProps says whether stored properties equal the ones an import would
// store: lists compare element by element whatever their Go slice type.
func sameProps(stored, props map[string]any) bool {
	if len(stored) != len(props) {
		return false
	}
	for k, v := range props {
		s, ok := stored[k]
		if !ok || !reflect.DeepEqual(canon(s), canon(v)) {
			return false
		}
	}
	return true
}

// canon turns a property value into the shape the driver returns it in.
func canon(v any) any {
	switch x := v.(type) {
	case nil, string, int64, float64, bool:
		return v
	case int:
		return int64(x)
	case int32:
		return int64(x)
	case float32:
		return float64(x)
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Slice {
		out := make([]any, rv.Len())
		for i := range out {
			out[i] = canon(rv.Index(i).Interface())
		}
		return out
	}
	return v
}
