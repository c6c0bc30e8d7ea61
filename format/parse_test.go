package format

import (
	"encoding/json"
	"encoding/xml"
	"strconv"
	"testing"
)

// parsed is a document read back with encoding/json or encoding/xml: each
// node's and edge's attributes by name (a node's name is "name" in every
// format, a native node's properties are "properties/KEY").
type parsed struct {
	xml          bool
	nodes, edges []map[string]string
}

func (p *parsed) nodeIDs() []string { return column(p.nodes, "id") }
func (p *parsed) edgeIDs() []string { return column(p.edges, "id") }

func (p *parsed) nodeAttr(i int, name string) string { return p.nodes[i][name] }
func (p *parsed) edgeAttr(i int, name string) string { return p.edges[i][name] }

func column(rows []map[string]string, name string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r[name])
	}
	return out
}

// parseBack reads a document of format f back, failing t when it does not
// parse or breaks the format's rules.
func parseBack(t *testing.T, f Format, data []byte) *parsed {
	t.Helper()
	switch f {
	case GraphML:
		return parseGraphML(t, data)
	case GEXF:
		return parseGEXF(t, data, "http://www.gexf.net/1.2draft", "1.2")
	case GEXF13:
		return parseGEXF(t, data, "http://gexf.net/1.3", "1.3")
	}
	var doc struct {
		Nodes    []map[string]any `json:"nodes"`
		Edges    []map[string]any `json:"edges"`
		Links    []map[string]any `json:"links"`
		Elements *struct {
			Nodes []struct {
				Data    map[string]any `json:"data"`
				Classes string         `json:"classes"`
			} `json:"nodes"`
			Edges []struct {
				Data    map[string]any `json:"data"`
				Classes string         `json:"classes"`
			} `json:"edges"`
		} `json:"elements"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s does not parse: %v", f, err)
	}
	p := &parsed{}
	switch f {
	case Cytoscape:
		if doc.Elements == nil {
			t.Fatalf("cytoscape: no elements")
		}
		for _, n := range doc.Elements.Nodes {
			row := jsonRow(n.Data)
			row["name"] = row["label"]
			p.nodes = append(p.nodes, row)
		}
		for _, e := range doc.Elements.Edges {
			p.edges = append(p.edges, jsonRow(e.Data))
		}
	case D3:
		for _, n := range doc.Nodes {
			p.nodes = append(p.nodes, jsonRow(n))
		}
		for _, e := range doc.Links {
			p.edges = append(p.edges, jsonRow(e))
		}
	default:
		for _, n := range doc.Nodes {
			p.nodes = append(p.nodes, jsonRow(n))
		}
		for _, e := range doc.Edges {
			p.edges = append(p.edges, jsonRow(e))
		}
	}
	return p
}

// jsonRow turns a JSON object into attributes: strings as they are, other
// values as JSON, members of "properties" as "properties/KEY".
func jsonRow(m map[string]any) map[string]string {
	row := map[string]string{}
	for k, v := range m {
		if props, ok := v.(map[string]any); ok && k == "properties" {
			for pk, pv := range props {
				row["properties/"+pk] = jsonText(pv)
			}
			continue
		}
		row[k] = jsonText(v)
	}
	return row
}

func jsonText(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	b, _ := json.Marshal(v)
	return string(b)
}

type xmlAttrValue struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

func parseGraphML(t *testing.T, data []byte) *parsed {
	t.Helper()
	var doc struct {
		XMLName xml.Name `xml:"http://graphml.graphdrawing.org/xmlns graphml"`
		Keys    []struct {
			ID   string `xml:"id,attr"`
			For  string `xml:"for,attr"`
			Name string `xml:"attr.name,attr"`
			Type string `xml:"attr.type,attr"`
		} `xml:"key"`
		Graph struct {
			EdgeDefault string         `xml:"edgedefault,attr"`
			Data        []xmlAttrValue `xml:"data"`
			Nodes       []struct {
				ID   string         `xml:"id,attr"`
				Data []xmlAttrValue `xml:"data"`
			} `xml:"node"`
			Edges []struct {
				ID     string         `xml:"id,attr"`
				Source string         `xml:"source,attr"`
				Target string         `xml:"target,attr"`
				Data   []xmlAttrValue `xml:"data"`
			} `xml:"edge"`
		} `xml:"graph"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("graphml does not parse: %v", err)
	}
	if doc.Graph.EdgeDefault != "directed" {
		t.Errorf("graphml edgedefault = %q, want directed", doc.Graph.EdgeDefault)
	}
	type key struct{ domain, name, typ string }
	keys := map[string]key{}
	for _, k := range doc.Keys {
		if _, dup := keys[k.ID]; dup {
			t.Errorf("graphml key %q declared twice", k.ID)
		}
		keys[k.ID] = key{k.For, k.Name, k.Type}
	}
	row := func(domain string, data []xmlAttrValue) map[string]string {
		r := map[string]string{}
		for _, d := range data {
			k, ok := keys[d.Key]
			if !ok || k.domain != domain {
				t.Errorf("graphml %s data %q has no <key for=%q>", domain, d.Key, domain)
			}
			typ := k.typ
			if typ == "int" {
				typ = "integer"
			}
			checkXMLValue(t, "graphml "+k.name, typ, d.Value)
			r[k.name] = d.Value
		}
		return r
	}
	row("graph", doc.Graph.Data)
	p := &parsed{xml: true}
	for _, n := range doc.Graph.Nodes {
		r := row("node", n.Data)
		r["id"] = n.ID
		p.nodes = append(p.nodes, r)
	}
	for _, e := range doc.Graph.Edges {
		r := row("edge", e.Data)
		r["id"], r["source"], r["target"] = e.ID, e.Source, e.Target
		p.edges = append(p.edges, r)
	}
	return p
}

func parseGEXF(t *testing.T, data []byte, ns, version string) *parsed {
	t.Helper()
	type attvalue struct {
		For   string `xml:"for,attr"`
		Value string `xml:"value,attr"`
	}
	var doc struct {
		XMLName xml.Name `xml:"gexf"`
		Version string   `xml:"version,attr"`
		Graph   struct {
			DefaultEdgeType string `xml:"defaultedgetype,attr"`
			Attributes      []struct {
				Class string `xml:"class,attr"`
				Attrs []struct {
					ID    string `xml:"id,attr"`
					Title string `xml:"title,attr"`
					Type  string `xml:"type,attr"`
				} `xml:"attribute"`
			} `xml:"attributes"`
			Nodes []struct {
				ID     string     `xml:"id,attr"`
				Label  string     `xml:"label,attr"`
				Values []attvalue `xml:"attvalues>attvalue"`
			} `xml:"nodes>node"`
			Edges []struct {
				ID     string     `xml:"id,attr"`
				Source string     `xml:"source,attr"`
				Target string     `xml:"target,attr"`
				Label  string     `xml:"label,attr"`
				Values []attvalue `xml:"attvalues>attvalue"`
			} `xml:"edges>edge"`
		} `xml:"graph"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("gexf does not parse: %v", err)
	}
	if doc.XMLName.Space != ns || doc.Version != version || doc.Graph.DefaultEdgeType != "directed" {
		t.Errorf("gexf namespace %q, version %q, defaultedgetype %q; want %s, %s, directed",
			doc.XMLName.Space, doc.Version, doc.Graph.DefaultEdgeType, ns, version)
	}
	type attr struct{ title, typ string }
	attrs := map[string]map[string]attr{}
	for _, as := range doc.Graph.Attributes {
		attrs[as.Class] = map[string]attr{}
		for _, a := range as.Attrs {
			if a.Type != "string" && a.Type != "integer" && a.Type != "boolean" {
				t.Errorf("gexf %s attribute %q has type %q", as.Class, a.Title, a.Type)
			}
			attrs[as.Class][a.ID] = attr{a.Title, a.Type}
		}
	}
	row := func(class string, values []attvalue) map[string]string {
		r := map[string]string{}
		for _, v := range values {
			a, ok := attrs[class][v.For]
			if !ok {
				t.Errorf("gexf %s attvalue for %q is not declared", class, v.For)
			}
			checkXMLValue(t, "gexf "+a.title, a.typ, v.Value)
			r[a.title] = v.Value
		}
		return r
	}
	p := &parsed{xml: true}
	for _, n := range doc.Graph.Nodes {
		r := row("node", n.Values)
		r["id"], r["name"] = n.ID, n.Label
		p.nodes = append(p.nodes, r)
	}
	for _, e := range doc.Graph.Edges {
		r := row("edge", e.Values)
		r["id"], r["source"], r["target"], r["type"] = e.ID, e.Source, e.Target, e.Label
		p.edges = append(p.edges, r)
	}
	return p
}

// checkXMLValue fails t when value is not of the declared type ("integer",
// "boolean"; anything else is a string).
func checkXMLValue(t *testing.T, what, typ, value string) {
	t.Helper()
	switch typ {
	case "integer":
		if _, err := strconv.Atoi(value); err != nil {
			t.Errorf("%s = %q, want an integer", what, value)
		}
	case "boolean":
		if value != "true" && value != "false" {
			t.Errorf("%s = %q, want true or false", what, value)
		}
	}
}
