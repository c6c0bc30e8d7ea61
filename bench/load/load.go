// Package load loads a large nodes.csv / edges.csv data set into Neo4j in
// chunks, each chunk one validated, atomic cypher.Store.Import committed on
// its own. The atomic importer holds a whole data set in one transaction,
// which a 5M-relationship graph does not fit in a small heap; chunks do, and
// because imports merge on ids, re-running an interrupted load finishes it
// without duplicating a row.
package load

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/actorgraph/actorgraph/cypher"
	"github.com/actorgraph/actorgraph/dataset"
	"github.com/actorgraph/actorgraph/graph"
)

// Report sums what the chunks did.
type Report struct {
	Nodes, Edges graph.Counts
	Chunks       int
	Seconds      float64
}

// Dir loads dir/nodes.csv then dir/edges.csv, chunk records at a time (0
// means 50,000). progress, when set, is told the records written so far.
func Dir(ctx context.Context, s *cypher.Store, dir string, chunk int, progress func(file string,
	done int)) (Report, error) {
	if chunk <= 0 {
		chunk = 50_000
	}
	start := time.Now()
	var rep Report
	for _, part := range []string{"nodes.csv", "edges.csv"} {
		path := filepath.Join(dir, part)
		err := chunks(path, chunk, func(b []byte, done int) error {
			var d *graph.DataSet
			var err error
			if part == "nodes.csv" {
				d, err = dataset.ParseNodesCSV(bytes.NewReader(b), path, nil)
			} else {
				d, err = dataset.ParseEdgesCSV(bytes.NewReader(b), path)
			}
			if err != nil {
				return err
			}
			r, err := s.Import(ctx, d, nil)
			if err != nil {
				return fmt.Errorf("%s, records %d-%d: %w", part, done-len(d.Nodes)-len(d.Edges)+1, done, err)
			}
			add(&rep.Nodes, r.Nodes)
			add(&rep.Edges, r.Edges)
			rep.Chunks++
			if progress != nil {
				progress(part, done)
			}
			return nil
		})
		if err != nil {
			return rep, err
		}
	}
	rep.Seconds = time.Since(start).Seconds()
	return rep, nil
}

func add(to *graph.Counts, c graph.Counts) {
	to.Created += c.Created
	to.Updated += c.Updated
	to.Unchanged += c.Unchanged
}

// chunks reads a CSV file and hands each run of n records, re-encoded with
// the header, to fn.
func chunks(path string, n int, fn func(b []byte, done int) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReaderSize(f, 1<<20))
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	header, err := r.Read()
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	header = append([]string(nil), header...)
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	rows, done := 0, 0
	flush := func() error {
		w.Flush()
		if rows == 0 {
			return nil
		}
		done += rows
		err := fn(buf.Bytes(), done)
		buf.Reset()
		rows = 0
		return err
	}
	_ = w.Write(header)
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		_ = w.Write(rec)
		rows++
		if rows == n {
			if err := flush(); err != nil {
				return err
			}
			_ = w.Write(header)
		}
	}
	return flush()
}
