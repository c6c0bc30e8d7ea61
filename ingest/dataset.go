package ingest

import "github.com/actorgraph/actorgraph/graph"

// EntriesOf lists the gazetteer entries of a data set: every entity with its
// names, a Nationality's or State's demonym, an Event's date and places
// (OCCURRED_IN), and a State's Nationality (NATIONALITY_OF).
func EntriesOf(d *graph.DataSet) []Entry {
	idx := map[string]int{}
	out := make([]Entry, 0, len(d.Nodes))
	for _, n := range d.Nodes {
		if n.Kind == graph.Source {
			continue
		}
		e := Entry{ID: n.ID, Kind: n.Kind, Name: n.Name, Aliases: n.Aliases}
		e.Demonym, _ = n.Properties["demonym"].(string)
		e.Date, _ = n.Properties["date"].(string)
		idx[n.ID] = len(out)
		out = append(out, e)
	}
	within := map[string][]string{}
	for _, ed := range d.Edges {
		switch ed.Type {
		case "OCCURRED_IN":
			if i, ok := idx[ed.Source]; ok {
				out[i].Places = append(out[i].Places, ed.Target)
			}
		case "LOCATED_IN":
			within[ed.Source] = append(within[ed.Source], ed.Target)
		case "NATIONALITY_OF":
			if i, ok := idx[ed.Target]; ok {
				out[i].Nationality = ed.Source
			}
		}
	}
	for i := range out {
		out[i].Places = enclosing(out[i].Places, within)
	}
	return out
}

// enclosing adds to places the places they lie in, three levels up
// (Crocus City Hall, Krasnogorsk, Moscow Oblast).
func enclosing(places []string, within map[string][]string) []string {
	if len(places) == 0 {
		return places
	}
	seen := map[string]bool{}
	out := []string{}
	level := places
	for depth := 0; depth < 4 && len(level) > 0; depth++ {
		var next []string
		for _, p := range level {
			if !seen[p] {
				seen[p] = true
				out = append(out, p)
				next = append(next, within[p]...)
			}
		}
		level = next
	}
	return out
}
