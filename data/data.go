// Package data holds the curated data sets that ship with actorgraph, embedded
// so that the binary and the test kit can load them without files on disk.
// crocus/crocus.json is generated from crocus/curation (see crocus/README.md).
package data

//go:generate go run ./crocus/gen -dir crocus

import (
	"bytes"
	"embed"
	"io/fs"
	"path"

	"github.com/actorgraph/actorgraph/dataset"
	"github.com/actorgraph/actorgraph/graph"
)

// The data set and its source texts; the curation files and the generator
// are not needed at run time.
//
//go:embed crocus/crocus.json crocus/sources
var files embed.FS

// CrocusPath is the Crocus City Hall data set inside FS.
const CrocusPath = "crocus/crocus.json"

// FS is every embedded data set with its source texts.
func FS() fs.FS { return files }

// Crocus parses the embedded Crocus City Hall data set, source texts included.
func Crocus() (*graph.DataSet, error) {
	return Open(CrocusPath)
}

// Open parses the embedded data set at name.
func Open(name string) (*graph.DataSet, error) {
	b, err := fs.ReadFile(files, name)
	if err != nil {
		return nil, err
	}
	sub, err := fs.Sub(files, path.Dir(name))
	if err != nil {
		return nil, err
	}
	return dataset.ParseJSON(bytes.NewReader(b), "data/"+name, dataset.FSReader(sub))
}
