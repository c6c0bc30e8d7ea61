package stix

import (
	"bufio"
	"bytes"
	"container/heap"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/google/uuid"
)

// A streamed export orders its objects by STIX id with a bounded external
// sort: objects are built into a run of at most runBytes, each run is
// sorted and written to its own temporary file, and the runs are merged,
// at most fanIn at a time (a merge of more runs first merges them into
// fewer). The memory it takes is a run and fanIn read buffers, whatever the
// size of the graph; the disk it takes is the bundle's size. (Variables for
// tests.)
//
// The order cannot come from Neo4j: a STIX id is type--UUIDv5(type|our id),
// a SHA-1 hash, so its order is not our ids' order; Cypher has no SHA-1; and
// the type of a State or Location (location or x-actorgraph-place) follows
// its LOCATED_IN chain, so a stored, indexed STIX id would go stale whenever
// an edge is added or retracted, unless every write path rewrote it.
var (
	runBytes = 4 << 20
	fanIn    = 256
)

// readBuffer is the size of the buffer each run being merged is read with.
const readBuffer = 16 << 10

// spill sorts the built objects by STIX id through temporary files.
type spill struct {
	dir   string
	runs  []string // sorted runs, oldest first
	buf   []byte   // the current run's records, unsorted
	recs  []int    // where each of them starts in buf
	obj   []byte
	files int // temporary files made so far, to name the next
}

// A record is an object in a run: its sort key's length (1 byte), the key
// (the STIX type, "--" and the uuid's 16 bytes: bytes.Compare orders keys
// as the ids' text, since no type holds "--"), the object's length (4
// bytes) and the object.

func newSpill() (*spill, error) {
	dir, err := os.MkdirTemp("", "actorgraph-stix-*")
	if err != nil {
		return nil, fmt.Errorf("stix: a temporary folder for the export: %w", err)
	}
	return &spill{dir: dir}, nil
}

func (sp *spill) remove() { os.RemoveAll(sp.dir) }

// add builds o and spills it under id.
func (sp *spill) add(id string, o map[string]any) error {
	typ, u, ok := strings.Cut(id, "--")
	parsed, err := uuid.Parse(u)
	if !ok || err != nil || len(typ)+18 > 255 {
		return fmt.Errorf("stix: %s: not a STIX id", id)
	}
	if sp.obj, err = appendObject(sp.obj[:0], o); err != nil {
		return fmt.Errorf("stix: %s: %w", id, err)
	}
	size := 1 + len(typ) + 18 + 4 + len(sp.obj)
	if len(sp.buf)+size > cap(sp.buf) && len(sp.recs) > 0 {
		// Flushed before it would outgrow its buffer, so a run stays in one
		// buffer of runBytes (a larger object has a run of its own).
		if err := sp.flush(); err != nil {
			return err
		}
	}
	if len(sp.buf) == 0 && (cap(sp.buf) < size || cap(sp.buf) > max(runBytes, size)) {
		sp.buf = make([]byte, 0, max(runBytes, size))
	}
	sp.recs = append(sp.recs, len(sp.buf))
	sp.buf = append(sp.buf, byte(len(typ)+18))
	sp.buf = append(append(sp.buf, typ...), "--"...)
	sp.buf = append(sp.buf, parsed[:]...)
	sp.buf = binary.BigEndian.AppendUint32(sp.buf, uint32(len(sp.obj)))
	sp.buf = append(sp.buf, sp.obj...)
	return nil
}

// create makes the next temporary file.
func (sp *spill) create() (*os.File, error) {
	sp.files++
	return os.Create(filepath.Join(sp.dir, fmt.Sprintf("run-%d", sp.files)))
}

// key is the sort key of the record at buf[at:].
func key(buf []byte, at int) []byte { return buf[at+1 : at+1+int(buf[at])] }

// flush sorts the current run and writes it to a file of its own.
func (sp *spill) flush() error {
	if len(sp.recs) == 0 {
		return nil
	}
	slices.SortFunc(sp.recs, func(a, b int) int { return bytes.Compare(key(sp.buf, a), key(sp.buf, b)) })
	f, err := sp.create()
	if err != nil {
		return fmt.Errorf("stix: writing the export's temporary file: %w", err)
	}
	bw := bufio.NewWriterSize(f, readBuffer)
	for _, at := range sp.recs {
		k := int(sp.buf[at])
		n := int(binary.BigEndian.Uint32(sp.buf[at+1+k:]))
		bw.Write(sp.buf[at : at+1+k+4+n])
	}
	err = errors.Join(bw.Flush(), f.Close())
	if err != nil {
		return fmt.Errorf("stix: writing the export's temporary file: %w", err)
	}
	sp.runs = append(sp.runs, f.Name())
	sp.buf, sp.recs = sp.buf[:0], sp.recs[:0]
	return nil
}

// copyOut writes the bundle: its id (from every object's id, in order, read
// in a first merge), then the objects sorted by STIX id.
func (sp *spill) copyOut(w io.Writer) error {
	if err := sp.flush(); err != nil {
		return err
	}
	sp.buf, sp.obj = nil, nil
	// Bring the runs down to one merge's worth.
	for len(sp.runs) > fanIn {
		if err := sp.mergeRuns(); err != nil {
			return err
		}
	}
	sum := sha256.New()
	var id []byte
	err := sp.merge(sp.runs, func(k []byte, _ *io.LimitedReader) error {
		id = append(append(id[:0], k[:len(k)-16]...), uuid.UUID(k[len(k)-16:]).String()...)
		sum.Write(id)
		return nil
	})
	if err != nil {
		return err
	}
	bundle := "bundle--" + uuid.NewSHA1(Namespace, sum.Sum(nil)).String()
	bw := bufio.NewWriterSize(w, 64<<10)
	fmt.Fprintf(bw, "{\"type\":\"bundle\",\"id\":%q,\"objects\":[\n", bundle)
	first := true
	err = sp.merge(sp.runs, func(_ []byte, obj *io.LimitedReader) error {
		if !first {
			bw.WriteString(",\n")
		}
		first = false
		_, err := bw.ReadFrom(obj)
		return err
	})
	if err != nil {
		return err
	}
	bw.WriteString("\n]}\n")
	return bw.Flush()
}

// mergeRuns merges the oldest fanIn runs into one new run.
func (sp *spill) mergeRuns() error {
	group := sp.runs[:fanIn]
	f, err := sp.create()
	if err != nil {
		return fmt.Errorf("stix: writing the export's temporary file: %w", err)
	}
	bw := bufio.NewWriterSize(f, readBuffer)
	var head [4]byte
	err = sp.merge(group, func(k []byte, obj *io.LimitedReader) error {
		bw.WriteByte(byte(len(k)))
		bw.Write(k)
		binary.BigEndian.PutUint32(head[:], uint32(obj.N))
		bw.Write(head[:])
		_, err := bw.ReadFrom(obj)
		return err
	})
	err = errors.Join(err, bw.Flush(), f.Close())
	if err != nil {
		return fmt.Errorf("stix: merging the export's temporary files: %w", err)
	}
	for _, name := range group {
		os.Remove(name)
	}
	sp.runs = append(slices.Clone(sp.runs[fanIn:]), f.Name())
	return nil
}

// merge hands each record of runs to each in key order: its key, and its
// object to read or not (whatever each leaves of it is skipped).
func (sp *spill) merge(runs []string, each func(k []byte, obj *io.LimitedReader) error) error {
	h := &cursors{}
	defer func() {
		for _, c := range h.all {
			c.f.Close()
		}
	}()
	for _, name := range runs {
		f, err := os.Open(name)
		if err != nil {
			return fmt.Errorf("stix: reading the export's temporary file: %w", err)
		}
		c := &cursor{f: f, r: bufio.NewReaderSize(f, readBuffer), run: len(h.all)}
		h.all = append(h.all, c)
		if ok, err := c.next(); err != nil {
			return err
		} else if ok {
			h.open = append(h.open, c)
		}
	}
	heap.Init(h)
	for h.Len() > 0 {
		c := h.open[0]
		if err := each(c.key, &c.obj); err != nil {
			return err
		}
		if _, err := c.r.Discard(int(c.obj.N)); err != nil {
			return fmt.Errorf("stix: reading the export's temporary file %s: %w", c.f.Name(), err)
		}
		ok, err := c.next()
		if err != nil {
			return err
		}
		if ok {
			heap.Fix(h, 0)
		} else {
			heap.Pop(h)
		}
	}
	return nil
}

// cursor is where a merge is in one run.
type cursor struct {
	f   *os.File
	r   *bufio.Reader
	run int
	key []byte
	obj io.LimitedReader
}

// next reads the next record's key and length; ok is false at the run's end.
func (c *cursor) next() (ok bool, err error) {
	k, err := c.r.ReadByte()
	if err == io.EOF {
		return false, nil
	}
	var head [4]byte
	if err == nil {
		c.key = slices.Grow(c.key[:0], int(k))[:k]
		_, err = io.ReadFull(c.r, c.key)
	}
	if err == nil {
		_, err = io.ReadFull(c.r, head[:])
	}
	if err != nil {
		return false, fmt.Errorf("stix: reading the export's temporary file %s: %w", c.f.Name(), err)
	}
	c.obj = io.LimitedReader{R: c.r, N: int64(binary.BigEndian.Uint32(head[:]))}
	return true, nil
}

// cursors is the heap of the runs a merge has not finished, by their next
// key (the older run first on a tie).
type cursors struct {
	all  []*cursor
	open []*cursor
}

func (h *cursors) Len() int { return len(h.open) }
func (h *cursors) Less(i, j int) bool {
	if c := bytes.Compare(h.open[i].key, h.open[j].key); c != 0 {
		return c < 0
	}
	return h.open[i].run < h.open[j].run
}
func (h *cursors) Swap(i, j int) { h.open[i], h.open[j] = h.open[j], h.open[i] }
func (h *cursors) Push(x any)    { h.open = append(h.open, x.(*cursor)) }
func (h *cursors) Pop() any {
	c := h.open[len(h.open)-1]
	h.open = h.open[:len(h.open)-1]
	return c
}
