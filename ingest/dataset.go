package ingest

import "github.com/actorgraph/actorgraph/graph"

// EntriesOf lists the gazetteer entries of a data set: every entity with its
// names, a Nationality's or State's demonym, an Event's date and places
// (OCCURRED_IN), and a State's Nationality (NATIONALITY_OF).
func EntriesOf(d *graph.DataSet) []Entry {
	out := make([]Entry, 0, len(d.Nodes))
	for _, n := range d.Nodes {
		if n.Kind == graph.Source {
			continue
		}
		e := Entry{ID: n.ID, Kind: n.Kind, Name: n.Name, Aliases: n.Aliases}
		e.Demonym, _ = n.Properties["demonym"].(string)
		e.Date, _ = n.Properties["date"].(string)
		out = append(out, e)
	}
	graph.LinkNamedEntities(out, d.Edges)
	return out
}
