package dataset

import (
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// MaxStreamProblems bounds the problems a streamed validation keeps: past
// it, only their number is reported.
const MaxStreamProblems = 1000

// StreamInput is one data set to stream: a nodes.csv/edges.csv pair in the
// folder Dir, read record by record, or a data set already in memory (a JSON
// file, crocus, a STIX bundle).
type StreamInput struct {
	Dir string
	Set *graph.DataSet
}

// StreamSink receives each record once it has passed validation, with the
// defaults validation fills in (edge ids, quote offsets, a Source's
// textSha256). Records arrive nodes first; after the first problem no
// record is sent (the output would be thrown away).
type StreamSink struct {
	Node func(graph.Node) error
	Edge func(graph.Edge) error
}

// Stream validates the inputs exactly as DataSet.Validate validates their
// union (the same rules and messages) but one record at a time, keeping only
// each node's kind (and the text of Sources), and a 64-bit hash of every
// edge id: colliding hashes are re-checked exactly by reading the edges
// again. known are ids outside the inputs a record may refer to. It returns a
// ValidationError naming the bad records, or the sink's or reader's error.
func Stream(inputs []StreamInput, known map[string]graph.Known, sink StreamSink) error {
	seed := maphash.MakeSeed()
	return stream(inputs, known, sink, func(id string) uint64 { return maphash.String(seed, id) })
}

// stream is Stream with the edge-id hash given (tests force collisions).
func stream(inputs []StreamInput, known map[string]graph.Known, sink StreamSink, hash func(string) uint64) error {
	s := &streamer{known: known, kinds: map[string]uint8{}, extra: map[string]graph.Known{},
		texts: map[string]string{}, hash: hash}
	s.nodeOut = newPipe(sink.Node)
	for _, in := range inputs {
		if err := s.nodes(in); err != nil {
			return firstErr(s.nodeOut.close(), err)
		}
	}
	if err := s.nodeOut.close(); err != nil {
		return err
	}
	s.edgeOut = newPipe(sink.Edge)
	for _, in := range inputs {
		if err := s.eachEdge(in, false, s.edge); err != nil {
			return firstErr(s.edgeOut.close(), err)
		}
	}
	if err := s.edgeOut.close(); err != nil {
		return err
	}
	if err := s.duplicateEdges(inputs); err != nil {
		return err
	}
	if len(s.probs) > 0 {
		if s.dropped > 0 {
			s.probs = append(s.probs,
				graph.Problem{Reason: fmt.Sprintf("and %d more problems, not listed: fix these and run again", s.dropped)})
		}
		return &graph.ValidationError{Problems: s.probs}
	}
	return nil
}

// errSinkFailed stops reading once the sink failed; the sink's own error is
// what Stream returns.
var errSinkFailed = errors.New("the sink failed")

// firstErr prefers the sink's error to the reader's errSinkFailed.
func firstErr(sinkErr, err error) error {
	if sinkErr != nil {
		return sinkErr
	}
	return err
}

type streamer struct {
	known   map[string]graph.Known
	kinds   map[string]uint8       // node id -> index into Kinds, + 1
	extra   map[string]graph.Known // Sources with a stored text, nodes of unknown kinds
	texts   map[string]string      // textSha256 -> the Source that holds the text
	nodeOut *pipe[graph.Node]
	edgeOut *pipe[graph.Edge]
	hash    func(string) uint64
	hashes  []uint64 // edge ids
	probs   []graph.Problem
	dropped int
}

func (s *streamer) problems(rec string, p []graph.Problem) {
	for _, x := range p {
		if len(s.probs) >= MaxStreamProblems {
			s.dropped++
			continue
		}
		x.Record = rec
		s.probs = append(s.probs, x)
	}
}

func (s *streamer) nodes(in StreamInput) error {
	if in.Set != nil {
		for i := range in.Set.Nodes {
			if err := s.node(inFile(in.Set.File, in.Set.NodeRecord(i)), in.Set.Nodes[i], nil); err != nil {
				return err
			}
		}
		return nil
	}
	name := filepath.Join(in.Dir, "nodes.csv")
	readText := DirReader(in.Dir)
	return eachRow(name, NodeColumns, []string{"id", "kind", "name"}, func(get func(string) string, rec string) error {
		n, p := nodeRow(get, rec, readText)
		return s.node(name+": "+graph.RecordName(rec, n.ID), n, p)
	})
}

func (s *streamer) node(rec string, n graph.Node, p []graph.Problem) error {
	p = append(p, graph.ValidateNode(&n)...)
	if _, dup := s.kinds[n.ID]; dup && n.ID != "" {
		p = append(p, graph.DefinedTwice(n.ID))
	}
	text, _ := n.Properties["text"].(string)
	i := kindIndex(n.Kind)
	switch {
	case n.Kind == graph.Source && text != "":
		hash, tp := graph.CheckSourceText(&n, text, s.texts)
		p = append(p, tp...)
		k := graph.Known{Kind: n.Kind, Text: text, TextSHA256: hash}
		s.extra[strings.Clone(n.ID)] = k
	case i == len(graph.Kinds):
		s.extra[strings.Clone(n.ID)] = graph.Known{Kind: n.Kind}
	default:
		delete(s.extra, n.ID) // a later definition wins, as in Validate
	}
	s.kinds[strings.Clone(n.ID)] = uint8(i + 1)
	s.problems(rec, p)
	if len(s.probs) > 0 || s.dropped > 0 {
		return nil
	}
	if !s.nodeOut.put(n) {
		return errSinkFailed
	}
	return nil
}

func kindIndex(k graph.Kind) int {
	for i, x := range graph.Kinds {
		if x.Kind == k {
			return i
		}
	}
	return len(graph.Kinds) // an unknown kind, reported by validateNode
}

func (s *streamer) lookup(id string) (graph.Known, bool) {
	if i, ok := s.kinds[id]; ok {
		if k, ok := s.extra[id]; ok {
			return k, true
		}
		return graph.Known{Kind: graph.Kinds[i-1].Kind}, true
	}
	k, ok := s.known[id]
	if ok && k.Text != "" && k.TextSHA256 == "" {
		k.TextSHA256 = graph.TextSHA256(k.Text)
		s.known[id] = k
	}
	return k, ok
}

// eachEdge calls fn with every edge of in and its record name, its id
// filled in. idOnly skips parsing what an id does not need (a re-read).
func (s *streamer) eachEdge(in StreamInput, idOnly bool, fn func(rec string, e graph.Edge,
	p []graph.Problem) error) error {
	if in.Set != nil {
		for i, e := range in.Set.Edges {
			rec := inFile(in.Set.File, in.Set.EdgeRecord(i))
			if err := fn(withEdgeID(rec, &e), e, nil); err != nil {
				return err
			}
		}
		return nil
	}
	name := filepath.Join(in.Dir, "edges.csv")
	required := []string{"type", "source", "target", "evidence", "sources", "confidence", "stance"}
	return eachRow(name, EdgeColumns, required, func(get func(string) string, rec string) error {
		rec = graph.RecordName(rec, get("id"))
		var e graph.Edge
		var p []graph.Problem
		if idOnly {
			e = graph.Edge{ID: get("id"), Type: get("type"), Source: get("source"), Target: get("target")}
		} else {
			e, p = edgeRow(get, rec)
		}
		rec = withEdgeID(name+": "+rec, &e)
		return fn(rec, e, p)
	})
}

// inFile prefixes a record with its file, as Validate's problems are.
func inFile(file, rec string) string {
	if file == "" || strings.HasPrefix(rec, file) {
		return rec
	}
	return file + ": " + rec
}

// withEdgeID fills in an edge's default id as Validate does.
func withEdgeID(rec string, e *graph.Edge) string {
	if e.ID == "" && e.Type != "" && e.Source != "" && e.Target != "" {
		e.ID = graph.EdgeID(strings.ToUpper(e.Type), e.Source, e.Target)
		return graph.RecordName(rec, e.ID)
	}
	return rec
}

func (s *streamer) edge(rec string, e graph.Edge, p []graph.Problem) error {
	p = append(p, graph.ValidateEdge(&e, s.lookup)...)
	s.hashes = append(s.hashes, s.hash(e.ID))
	s.problems(rec, p)
	if len(s.probs) > 0 || s.dropped > 0 {
		return nil
	}
	if !s.edgeOut.put(e) {
		return errSinkFailed
	}
	return nil
}

// duplicateEdges reports edges whose id an earlier edge has. Ids are kept
// as hashes; only when two hashes agree are the edges read again to compare
// the ids themselves.
func (s *streamer) duplicateEdges(inputs []StreamInput) error {
	slices.Sort(s.hashes)
	suspect := map[uint64]bool{}
	for i := 1; i < len(s.hashes); i++ {
		if s.hashes[i] == s.hashes[i-1] {
			suspect[s.hashes[i]] = true
		}
	}
	s.hashes = nil
	if len(suspect) == 0 {
		return nil
	}
	seen := map[string]bool{}
	for _, in := range inputs {
		err := s.eachEdge(in, true, func(rec string, e graph.Edge, _ []graph.Problem) error {
			if !suspect[s.hash(e.ID)] {
				return nil
			}
			if seen[e.ID] {
				s.problems(rec, []graph.Problem{graph.SharedEdgeID(e.ID)})
			}
			seen[strings.Clone(e.ID)] = true
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// eachRow reads a CSV file row by row, as ParseNodesCSV and ParseEdgesCSV
// read it, calling fn with each row and its record name ("line 7").
func eachRow(name string, want, required []string, fn func(get func(string) string, rec string) error) error {
	f, err := os.Open(name)
	if err != nil {
		return fmt.Errorf("a CSV data set is nodes.csv and edges.csv in one folder: %w", err)
	}
	defer f.Close()
	t, err := openCSV(f, name, want, required)
	if err != nil {
		return err
	}
	t.r.ReuseRecord = true
	for {
		get, line, err := t.next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if err := fn(get, fmt.Sprintf("line %d", line)); err != nil {
			return err
		}
	}
}
