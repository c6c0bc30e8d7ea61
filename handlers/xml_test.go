package handlers_test

import (
	"bytes"
	"encoding/xml"
	"testing"
)

// xmlIDs reads node and edge ids from GraphML or GEXF with encoding/xml.
func xmlIDs(t *testing.T, body []byte) (nodes, edges []string) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(body))
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		var id string
		for _, a := range se.Attr {
			if a.Name.Local == "id" {
				id = a.Value
			}
		}
		switch se.Name.Local {
		case "node":
			nodes = append(nodes, id)
		case "edge":
			edges = append(edges, id)
		}
	}
	if len(nodes) == 0 {
		t.Fatalf("no nodes parsed from %s", clip(body))
	}
	return nodes, edges
}
