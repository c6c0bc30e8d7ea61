package curate

import (
	"fmt"
	"io/fs"
	"net/url"
	"sort"
	"strings"
)

// Public entity properties read specially: sources become sourceUrls, the
// others keep their meaning under our names (location as our id).
var specialProps = map[string]bool{"sources": true, "location": true, "iso_3166_1_alpha2": true, "date_end": true}

// entityNodes turns the public entities, in their file's order, into nodes
// with our ids and the curator's changes. Every public entity must be mapped.
func (c *Curation) entityNodes(ids map[string]string) ([]Object, error) {
	byPublic := map[string]Entity{}
	for _, e := range c.Entities.Entities {
		byPublic[e.PublicID] = e
	}
	drop := map[string]bool{}
	for _, k := range c.Entities.DropProperties {
		drop[k] = true
	}
	var out []Object
	for _, pub := range c.public {
		pid := pub.String("id")
		ent, ok := byPublic[pid]
		if !ok {
			return nil, fmt.Errorf("%s: public entity %s has no entry in %s/entities.json", EntitiesFile, pid, Dir)
		}
		p, _ := pub.Get("properties")
		pp, _ := p.(Object)
		props := Object{}
		for _, m := range pp {
			if drop[m.Key] || specialProps[m.Key] {
				continue
			}
			props = append(props, Member{c.camel(m.Key), mapIDs(m.Value, ids)})
		}
		for _, r := range []struct{ from, to string }{{"iso_3166_1_alpha2", "iso2"}, {"date_end", "endDate"}} {
			if v, ok := pp.Get(r.from); ok {
				props.Set(r.to, v)
			}
		}
		if v, ok := pp.Get("location"); ok {
			s, _ := v.(string)
			if ids[s] == "" {
				return nil, fmt.Errorf("%s: %s's location %v is not a mapped public id", EntitiesFile, pid, v)
			}
			props.Set("location", ids[s])
		}
		if v, ok := pp.Get("sources"); ok {
			if l, _ := v.([]any); len(l) > 0 {
				props.Set("sourceUrls", l)
			}
		}
		props.Set("publicId", pid)
		for _, m := range ent.Properties {
			props.Set(m.Key, m.Value)
		}
		out = append(out, entityNode(pub, ent, props))
	}
	return out, nil
}

// entityNode is one entity's node: id, kind, name, aliases, properties.
func entityNode(pub Object, ent Entity, props Object) Object {
	kind, name := ent.Kind, ent.Name
	if kind == "" {
		kind = pub.String("kind")
	}
	if name == "" {
		name = pub.String("name")
	}
	var aliases []any
	al, _ := pub.Get("aliases")
	list, _ := al.([]any)
	for _, a := range list {
		if !containsStr(ent.DropAliases, a.(string)) {
			aliases = append(aliases, a)
		}
	}
	for _, a := range ent.AddAliases {
		if !containsAny(aliases, a) {
			aliases = append(aliases, a)
		}
	}
	n := Object{{"id", ent.ID}, {"kind", kind}, {"name", name}}
	if len(aliases) > 0 {
		n = append(n, Member{"aliases", aliases})
	}
	return append(n, Member{"properties", props})
}

// camel turns a public property name (snake_case) into ours (camelCase),
// renames first.
func (c *Curation) camel(k string) string {
	if r, ok := c.Entities.RenameProperties[k]; ok {
		return r
	}
	parts := strings.Split(k, "_")
	for i := 1; i < len(parts); i++ {
		if parts[i] != "" {
			parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
		}
	}
	return strings.Join(parts, "")
}

// mapIDs replaces public ids inside a value (a string or a list) by ours.
func mapIDs(v any, ids map[string]string) any {
	switch x := v.(type) {
	case string:
		if id, ok := ids[x]; ok {
			return id
		}
	case []any:
		out := make([]any, len(x))
		for i := range x {
			out[i] = mapIDs(x[i], ids)
		}
		return out
	}
	return v
}

// sourceNodes returns the seed and compilation Sources as written, then one
// Source per web source, by id, graded by its site (sites.json). grades gets
// every Source's grade ("" for none).
func (c *Curation) sourceNodes(grades map[string]string) ([]Object, error) {
	var out []Object
	for _, n := range c.Sources.Compilations {
		p, _ := n.Get("properties")
		po, _ := p.(Object)
		grades[n.String("id")] = po.String("reliabilityGrade")
		out = append(out, n)
	}
	web := append([]WebSource(nil), c.Sources.Web...)
	sort.Slice(web, func(i, j int) bool { return web[i].ID < web[j].ID })
	for _, w := range web {
		n, err := c.webNode(w)
		if err != nil {
			return nil, err
		}
		grades[w.ID] = c.Sites[host(w.URL)].Grade
		out = append(out, n)
	}
	return out, nil
}

// webNode is the Source node of one web page.
func (c *Curation) webNode(w WebSource) (Object, error) {
	slug, ok := strings.CutPrefix(w.ID, "source:web-")
	if !ok {
		return nil, fmt.Errorf("%s/sources.json: web source %s: want an id source:web-<slug>", Dir, w.ID)
	}
	h := host(w.URL)
	site, ok := c.Sites[h]
	if !ok {
		return nil, fmt.Errorf("%s/sources.json: %s: host %s has no grade in %s/sites.json", Dir, w.ID, h, Dir)
	}
	publisher := strings.TrimPrefix(h, "www.")
	props := Object{{"url", w.URL}, {"publisher", publisher}, {"reliability", site.Reliability},
		{"reliabilityGrade", site.Grade}}
	if w.Date != "" {
		props = append(props, Member{"date", w.Date})
	}
	if w.DateBasis != "" {
		props = append(props, Member{"dateBasis", w.DateBasis})
	}
	n := Object{{"id", w.ID}, {"kind", "Source"}, {"name", publisher + ": " + strings.ReplaceAll(slug, "-", " ")}}
	text := WebDir + "/" + slug + ".txt"
	if _, err := fs.Stat(c.fsys, text); err == nil {
		n = append(n, Member{"textFile", text})
		basis := c.Sources.WebTextBasis
		if w.TextURL != "" {
			basis += "; " + c.Sources.TextURLBasis
		}
		props = append(props, Member{"textBasis", basis})
	}
	if w.TextURL != "" {
		props = append(props, Member{"textUrl", w.TextURL})
	}
	return append(n, Member{"properties", props}), nil
}

// host is a URL's host without a trailing dot.
func host(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return ""
	}
	return strings.TrimRight(p.Host, ".")
}

func containsStr(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

func containsAny(xs []any, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}
