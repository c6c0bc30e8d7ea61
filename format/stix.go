package format

import (
	"errors"
	"io"

	"github.com/actorgraph/actorgraph/graph"
)

// STIX bundles are chosen here like every other format (Parse, ContentType,
// Filename, Write), but written by package stix: its mapping needs package
// dataset and its own tables, and format imports only graph. Package stix
// hands its writer over when it is imported (RegisterSTIX, from its init),
// the way image/png registers its decoder with package image.

// stixWriter writes a STIX 2.1 bundle; nil until package stix is imported.
var stixWriter func(w io.Writer, g *graph.Subgraph) error

// RegisterSTIX sets the writer of STIX bundles. Package stix calls it from
// its init; a program that writes STIX imports package stix.
func RegisterSTIX(write func(w io.Writer, g *graph.Subgraph) error) { stixWriter = write }

// writeSTIX writes d's graph as a STIX bundle.
func writeSTIX(w io.Writer, d *document) error {
	if stixWriter == nil {
		return errors.New("format.Write: no STIX writer registered (import package github.com/actorgraph/actorgraph/stix)")
	}
	return stixWriter(w, d.graph)
}

// Streams reports whether NewWriter writes f element by element as a store
// hands them over. A STIX bundle does not stream: it is sorted by STIX id and
// holds the Sources the whole answer cites, so Write writes it from the whole
// graph.
func (f Format) Streams() bool { return f != STIX }

// CarriesSources reports whether a document in f holds, as well as the
// graph, the Source entities its edges cite, with their texts (a STIX
// bundle's reports): the caller adds them to the graph it hands to Write.
func (f Format) CarriesSources() bool { return f == STIX }
