// Package curate builds a shipped data set (data/crocus/crocus.json) from its
// curation files, the reviewed record of every curator's decision, and the
// public sources they rest on. Build applies the import's own validation
// (dataset.ParseJSON, DataSet.Validate, dataset.Stream) and the data rules of
// rules.go, so a set that would fail to import, or breaks a rule, is never
// written. data/crocus/README.md describes the files.
package curate

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/actorgraph/actorgraph/graph"
	"io/fs"
	"path"
	"strings"
)

// Dir is the folder of the curation files inside a data set's folder.
const Dir = "curation"

// Public inputs, relative to the data set's folder.
const (
	FactsFile    = "sources/crocus-public-facts.jsonl"
	EntitiesFile = "sources/crocus-public-entities.json"
	WebDir       = "sources/web"
)

// Edge is one curated edge (a fact of the data set) as edges.json holds it.
// From, To and Key make its id (TYPE:from->to#key). Confidence is the
// curator's figure: Build caps it to the band of the best-graded source and
// says so in properties.confidenceCapped. Evidence is quote (Quote verbatim in
// QuoteSource's stored text; Build finds its offsets and hash),
// reported-quote (Quote as printed by QuoteSource, not stored) or summary
// (Summary, the curator's sentence). Facts are the public fact lines it was
// read from (properties publicFacts and alsoSources); FactNote the one line
// whose compiler's note gives its figure.
type Edge struct {
	Type string `json:"type"`
	From string `json:"from"`
	To   string `json:"to"`
	Key  string `json:"key,omitempty"`
	// The evidence, as every edge of the data set carries it; the quote's
	// offsets and hash are left out of the curation: the generator finds
	// them in the source's text.
	graph.Evidence
	Facts      []int  `json:"facts,omitempty"`
	FactNote   int    `json:"factNote,omitempty"`
	Properties Object `json:"properties,omitempty"`
}

// ID is the edge's id in the data set.
func (e Edge) ID() string {
	id := e.Type + ":" + e.From + "->" + e.To
	if e.Key != "" {
		id += "#" + e.Key
	}
	return id
}

// Entity maps one public entity to our node: its id, and the curator's
// changes (kind, name, aliases added or dropped, properties added or
// replaced).
type Entity struct {
	PublicID    string   `json:"publicId"`
	ID          string   `json:"id"`
	Kind        string   `json:"kind,omitempty"`
	Name        string   `json:"name,omitempty"`
	DropAliases []string `json:"dropAliases,omitempty"`
	AddAliases  []string `json:"addAliases,omitempty"`
	Properties  Object   `json:"properties,omitempty"`
}

// Entities is entities.json: the id mapping and how public properties are
// read (dropped, renamed).
type Entities struct {
	DropProperties   []string          `json:"dropProperties"`
	RenameProperties map[string]string `json:"renameProperties"`
	Entities         []Entity          `json:"entities"`
}

// WebSource is a cited web page, Source source:web-<slug>. Its stored
// passage, when there is one, is sources/web/<slug>.txt.
type WebSource struct {
	ID        string `json:"id"`
	URL       string `json:"url"`
	Date      string `json:"date,omitempty"`
	DateBasis string `json:"dateBasis,omitempty"`
	TextURL   string `json:"textUrl,omitempty"`
}

// Sources is sources.json: the seed and the compilations as nodes, written
// as given, and the web sources.
type Sources struct {
	WebTextBasis string      `json:"webTextBasis"`
	TextURLBasis string      `json:"textUrlBasis"`
	Compilations []Object    `json:"compilations"`
	Web          []WebSource `json:"web"`
}

// Site is the reliability of every page of one host (sites.json).
type Site struct {
	Grade       string `json:"grade"`
	Reliability string `json:"reliability"`
}

// Skip is a public fact not imported as an edge, and why (not-imported.json).
type Skip struct {
	Fact   int    `json:"fact"`
	Reason string `json:"reason"`
}

// Curation is every curation file with the public inputs they refer to.
type Curation struct {
	Set struct {
		Name        string `json:"name"`
		Description string `json:"description"`
	}
	Edges       []Edge
	Entities    Entities
	Nodes       []Object // nodes.json: nodes the public data lacks, as written
	Sources     Sources
	Sites       map[string]Site
	NotImported []Skip

	facts  []publicFact // by line number - 1
	public []Object     // the public entities, in file order
	fsys   fs.FS
}

type publicFact struct {
	Source     string `json:"source"`
	Note       string `json:"note"`
	Properties struct {
		AlsoSources []string `json:"also_sources"`
	} `json:"properties"`
}

// Load reads the curation files and public inputs of the data set in fsys.
func Load(fsys fs.FS) (*Curation, error) {
	c := &Curation{fsys: fsys}
	files := []struct {
		name string
		v    any
	}{
		{"dataset.json", &c.Set}, {"edges.json", &c.Edges}, {"entities.json", &c.Entities},
		{"nodes.json", &c.Nodes}, {"sources.json", &c.Sources}, {"sites.json", &c.Sites},
		{"not-imported.json", &c.NotImported},
	}
	for _, f := range files {
		if err := readStrict(fsys, path.Join(Dir, f.name), f.v); err != nil {
			return nil, err
		}
	}
	b, err := fs.ReadFile(fsys, FactsFile)
	if err != nil {
		return nil, err
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var f publicFact
		if err := json.Unmarshal(sc.Bytes(), &f); err != nil {
			return nil, fmt.Errorf("%s:%d: %v", FactsFile, n, err)
		}
		c.facts = append(c.facts, f)
	}
	b, err = fs.ReadFile(fsys, EntitiesFile)
	if err != nil {
		return nil, err
	}
	v, err := decodeAll(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", EntitiesFile, err)
	}
	list, _ := v.([]any)
	for _, x := range list {
		o, ok := x.(Object)
		if !ok {
			return nil, fmt.Errorf("%s: want a list of objects", EntitiesFile)
		}
		c.public = append(c.public, o)
	}
	return c, nil
}

// readStrict decodes a curation file, refusing fields it does not know (a
// misspelt field would otherwise be dropped without a word).
func readStrict(fsys fs.FS, name string, v any) error {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%s: %v", name, err)
	}
	return nil
}

// Notes returns the compiler's notes of the public facts (20 characters or
// more): words a quote must never be.
func (c *Curation) Notes() []string {
	var out []string
	for _, f := range c.facts {
		if len(f.Note) >= 20 {
			out = append(out, f.Note)
		}
	}
	return out
}

// fact returns public fact line n (1-based).
func (c *Curation) fact(n int) (publicFact, error) {
	if n < 1 || n > len(c.facts) {
		return publicFact{}, fmt.Errorf("no public fact %d (the file has %d)", n, len(c.facts))
	}
	return c.facts[n-1], nil
}
