package synth

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph/dataset"
	"github.com/actorgraph/actorgraph/graph"
)

// sentencesPerSource is how many sentences each Source's text has; every
// quote is one of them, verbatim.
const sentencesPerSource = 24

var syllables = []string{"ka", "ro", "vel", "tan", "mir", "sha", "dor", "lin", "qa", "zu", "bek", "nor",
	"ash", "ul", "tep", "ris", "gan", "hol", "yev", "ost", "par", "dim", "sar", "khan"}

func word(r *rand.Rand, n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(syllables[r.IntN(len(syllables))])
	}
	s := b.String()
	return strings.ToUpper(s[:1]) + s[1:]
}

// sentence j of source s, deterministic without storing it. The tag names
// the graph, so graphs sharing a database never print the same text (a text
// is stored once).
func sentence(seed uint64, tag string, s, j int) string {
	r := rand.New(rand.NewPCG(seed^uint64(s)*0x9e3779b97f4a7c15, uint64(j)))
	return fmt.Sprintf("Report %s%d item %d: %s %s met %s in %s on the %d%s day.",
		tag, s, j, word(r, 2), word(r, 3), word(r, 2), word(r, 3), 1+r.IntN(28), "th")
}

func sourceText(seed uint64, tag string, s int) string {
	parts := make([]string, sentencesPerSource)
	for j := range parts {
		parts[j] = sentence(seed, tag, s, j)
	}
	return strings.Join(parts, " ")
}

func date(r *rand.Rand, fromYear, years int) string {
	return fmt.Sprintf("%04d-%02d-%02d", fromYear+r.IntN(years), 1+r.IntN(12), 1+r.IntN(28))
}

// Write writes dir/nodes.csv, dir/edges.csv and dir/pairs.json.
func (g *Graph) Write(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := create(filepath.Join(dir, "nodes.csv"), g.writeNodes); err != nil {
		return err
	}
	if err := create(filepath.Join(dir, "edges.csv"), g.writeEdges); err != nil {
		return err
	}
	b, err := json.MarshalIndent(struct {
		Shape string `json:"shape"`
		Nodes int    `json:"nodes"`
		Edges int    `json:"edges"`
		Seed  uint64 `json:"seed"`
		Pairs []Pair `json:"pairs"`
	}{g.cfg.Shape, g.NodeCount(), g.EdgeCount(), g.cfg.Seed, g.Pairs}, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "pairs.json"), b, 0o644)
}

func create(path string, write func(w io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	if err := write(bw); err != nil {
		f.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// writeCSV writes header and then the rows to out.
func writeCSV(out io.Writer, header []string, rows func(w *csv.Writer) error) error {
	w := csv.NewWriter(out)
	if err := w.Write(header); err != nil {
		return err
	}
	if err := rows(w); err != nil {
		return err
	}
	w.Flush()
	return w.Error()
}

// DataSet is the graph as the data set Write's nodes.csv and edges.csv
// hold, without a file: the same records, read by the same CSV parsers an
// import of those files uses, for tests that load a generated graph.
func (g *Graph) DataSet() (*graph.DataSet, error) {
	var nodes, edges bytes.Buffer
	if err := g.writeNodes(&nodes); err != nil {
		return nil, err
	}
	if err := g.writeEdges(&edges); err != nil {
		return nil, err
	}
	name := g.cfg.Shape + "-" + itoa(g.cfg.Nodes)
	d := &graph.DataSet{File: name}
	n, err := dataset.ParseNodesCSV(&nodes, name+"/nodes.csv", nil)
	if err != nil {
		return nil, err
	}
	e, err := dataset.ParseEdgesCSV(&edges, name+"/edges.csv")
	if err != nil {
		return nil, err
	}
	d.Merge(n)
	d.Merge(e)
	return d, nil
}

func (g *Graph) writeNodes(out io.Writer) error {
	r := rand.New(rand.NewPCG(g.cfg.Seed, 0x6e6f646573))
	return writeCSV(out, dataset.NodeColumns, func(w *csv.Writer) error {
		for j := 0; j < g.sources; j++ {
			props, _ := json.Marshal(map[string]any{"text": sourceText(g.cfg.Seed, g.cfg.Tag, j), "publisher": "Synthetic Wire",
				"date": date(r, 2000, 26)})
			if err := w.Write([]string{g.sourceID(j), "Source", "Synthetic report " + itoa(j), "", string(props),
				""}); err != nil {
				return err
			}
		}
		for i := range g.kind {
			k := g.kind[i]
			name := word(r, 2) + " " + word(r, 2+r.IntN(2))
			aliases, props := "", ""
			switch k {
			case graph.Event:
				props = `{"date":"` + date(r, 2000, 26) + `"}`
				name += " incident"
			case graph.Group:
				aliases = strings.ToUpper(word(r, 2))
			case graph.State:
				props = `{"iso2":"` + strings.ToUpper(word(r, 1)[:2]) + `"}`
			}
			if err := w.Write([]string{g.ID(int32(i)), string(k), name, aliases, props, ""}); err != nil {
				return err
			}
		}
		return nil
	})
}

var stances = []graph.Stance{graph.Reported, graph.Reported, graph.Attributed, graph.Claimed, graph.Alleged,
	graph.Denied}

// evidence fills the evidence columns of one edge: one or two sources, a
// quote that is a sentence of the first, a date it was reported, and for some
// edges the time it held.
func (g *Graph) evidence(r *rand.Rand, row []string) {
	s := r.IntN(g.sources)
	row[4] = g.sourceID(s)
	if g.sources > 1 && r.IntN(5) == 0 {
		row[4] += "|" + g.sourceID((s+1+r.IntN(g.sources-1))%g.sources)
	}
	row[5] = sentence(g.cfg.Seed, g.cfg.Tag, s, r.IntN(sentencesPerSource))
	row[6] = ""
	row[7] = strconv.Itoa(40 + r.IntN(61))
	row[8] = string(stances[r.IntN(len(stances))])
	row[9], row[10] = "", ""
	reported := date(r, 2000, 26)
	row[11] = reported
	if r.IntN(10) < 3 {
		from := date(r, 1990, 10)
		row[9] = from
		if r.IntN(3) == 0 {
			row[10] = date(r, 2000, 26)
			if row[10] < from {
				row[9], row[10] = row[10], from
			}
		}
	}
	row[12], row[13], row[14] = "", "", ""
	// Every source has a stored text and the quote is a sentence of it, so
	// the evidence is a verified quote; the import fills in its offsets.
	row[15] = string(graph.EvidenceQuote)
	row[16], row[17], row[18], row[19] = "", "", "", ""
}

func (g *Graph) writeEdges(out io.Writer) error {
	r := rand.New(rand.NewPCG(g.cfg.Seed, 0x65646765))
	row := make([]string, len(dataset.EdgeColumns))
	return writeCSV(out, dataset.EdgeColumns, func(w *csv.Writer) error {
		for i := range g.src {
			row[0] = "r" + g.cfg.Tag + itoa(i) // tagged, so graphs sharing a database never share an edge id
			row[1] = graph.Vocabulary[g.typ[i]].Name
			row[2], row[3] = g.ID(g.src[i]), g.ID(g.dst[i])
			g.evidence(r, row)
			if err := w.Write(row); err != nil {
				return err
			}
		}
		for i, t := range g.tolls {
			row[0] = "t" + g.cfg.Tag + itoa(i)
			row[1] = "REPORTED_TOLL"
			row[2], row[3] = g.sourceID(int(t[0])), g.ID(t[1])
			g.evidence(r, row)
			row[4] = row[2] // a toll rests on the source that reports it
			row[5] = sentence(g.cfg.Seed, g.cfg.Tag, int(t[0]), r.IntN(sentencesPerSource))
			if err := w.Write(row); err != nil {
				return err
			}
		}
		return nil
	})
}
