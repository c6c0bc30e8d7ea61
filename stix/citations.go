package stix

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// citations are the relationships citing each source, and their ends, kept
// on disk: a report's object_refs. The first pass appends one record per
// citation (the source's number, the relationship's uuid and the node
// numbers of its ends); at its end the records are grouped by source into a
// second file (a counting sort: the counts are known), which a report reads
// its own range of. Memory: a number and a count per source.
type citations struct {
	num    map[string]uint32 // source id -> source number
	counts []int64
	raw    *os.File
	bw     *bufio.Writer
	sorted *os.File
	starts []int64 // first record of each source in sorted
}

// The records: the raw file's have the source number in front.
const (
	citeSize = 16 + 4 + 4
	rawSize  = 4 + citeSize
)

// groupBuffer is what grouping the records buffers, over all sources (a
// variable for tests).
var groupBuffer = 4 << 20

func newCitations(dir string) (*citations, error) {
	raw, err := os.Create(filepath.Join(dir, "citations-raw"))
	if err != nil {
		return nil, fmt.Errorf("stix: a temporary file for the export: %w", err)
	}
	return &citations{num: map[string]uint32{}, raw: raw, bw: bufio.NewWriterSize(raw, readBuffer)}, nil
}

func (c *citations) close() {
	c.raw.Close()
	if c.sorted != nil {
		c.sorted.Close()
	}
}

// add notes that relationship u, between node numbers a and b, cites source.
func (c *citations) add(source string, u [16]byte, a, b int32) error {
	s, ok := c.num[source]
	if !ok {
		s = uint32(len(c.counts))
		c.num[strings.Clone(source)] = s
		c.counts = append(c.counts, 0)
	}
	c.counts[s]++
	var rec [rawSize]byte
	binary.BigEndian.PutUint32(rec[0:], s)
	copy(rec[4:], u[:])
	binary.BigEndian.PutUint32(rec[20:], uint32(a))
	binary.BigEndian.PutUint32(rec[24:], uint32(b))
	if _, err := c.bw.Write(rec[:]); err != nil {
		return fmt.Errorf("stix: writing the export's temporary file: %w", err)
	}
	return nil
}

// group writes the records grouped by source into the sorted file.
func (c *citations) group() error {
	if err := c.bw.Flush(); err != nil {
		return fmt.Errorf("stix: writing the export's temporary file: %w", err)
	}
	sorted, err := os.Create(c.raw.Name() + "-by-source")
	if err != nil {
		return fmt.Errorf("stix: a temporary file for the export: %w", err)
	}
	c.sorted = sorted
	c.starts = make([]int64, len(c.counts)+1)
	for s, n := range c.counts {
		c.starts[s+1] = c.starts[s] + n
	}
	// One buffer per source, together groupBuffer at most, each flushed to
	// where its source's records go when full.
	per := max(1, groupBuffer/citeSize/max(1, len(c.counts))) * citeSize
	bufs := make([][]byte, len(c.counts))
	done := make([]int64, len(c.counts))
	flush := func(s int) error {
		if _, err := sorted.WriteAt(bufs[s], (c.starts[s]+done[s])*citeSize); err != nil {
			return fmt.Errorf("stix: writing the export's temporary file: %w", err)
		}
		done[s] += int64(len(bufs[s]) / citeSize)
		bufs[s] = bufs[s][:0]
		return nil
	}
	r := bufio.NewReaderSize(io.NewSectionReader(c.raw, 0, 1<<62), readBuffer)
	var rec [rawSize]byte
	for {
		if _, err := io.ReadFull(r, rec[:]); err == io.EOF {
			break
		} else if err != nil {
			return fmt.Errorf("stix: reading the export's temporary file: %w", err)
		}
		s := int(binary.BigEndian.Uint32(rec[:]))
		if bufs[s] == nil {
			bufs[s] = make([]byte, 0, per)
		}
		bufs[s] = append(bufs[s], rec[4:]...)
		if len(bufs[s]) == per {
			if err := flush(s); err != nil {
				return err
			}
		}
	}
	var errs []error
	for s := range bufs {
		if len(bufs[s]) > 0 {
			errs = append(errs, flush(s))
		}
	}
	return errors.Join(errs...)
}

// of calls each for every citation of source, after group.
func (c *citations) of(source string, each func(u [16]byte, a, b int32)) error {
	s, ok := c.num[source]
	if !ok {
		return nil
	}
	n := c.starts[s+1] - c.starts[s]
	r := bufio.NewReaderSize(io.NewSectionReader(c.sorted, c.starts[s]*citeSize, n*citeSize), readBuffer)
	var rec [citeSize]byte
	for range n {
		if _, err := io.ReadFull(r, rec[:]); err != nil {
			return fmt.Errorf("stix: reading the export's temporary file: %w", err)
		}
		each([16]byte(rec[:16]), int32(binary.BigEndian.Uint32(rec[16:])), int32(binary.BigEndian.Uint32(rec[20:])))
	}
	return nil
}
