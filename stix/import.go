package stix

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/dataset"
	"github.com/actorgraph/actorgraph/graph"
)

// Result is what Read made of a bundle beside the data set: the objects it
// did not import, counted by STIX type (relationships by their type and the
// types of their ends).
type Result struct {
	Skipped map[string]int
	// Unresolved are the relationships left out (with Options.Lenient)
	// because an end is neither in the bundle nor in the graph, one problem
	// per missing end.
	Unresolved []graph.Problem
	// OtherMarkings are the marking definitions objects refer to that are
	// not TLP ones, by id: kept on the records (property stixMarkingRefs)
	// and written back on export, but not enforced.
	OtherMarkings []string
}

func (r *Result) skip(what string) {
	if r.Skipped == nil {
		r.Skipped = map[string]int{}
	}
	r.Skipped[what]++
}

// object is one STIX object as decoded JSON.
type object map[string]any

func (o object) str(k string) string {
	s, _ := o[k].(string)
	return s
}

func (o object) strs(k string) []string {
	xs, _ := o[k].([]any)
	out := make([]string, 0, len(xs))
	for _, x := range xs {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

type bundle struct {
	Type    string   `json:"type"`
	ID      string   `json:"id"`
	Objects []object `json:"objects"`
}

// Options are how Read treats what a bundle refers to but does not hold.
type Options struct {
	// Resolve finds, among the STIX ids relationships refer to that are not
	// in the bundle, the entities already in the graph (by the stixId they
	// were imported with), as our id and kind. Nil finds none.
	Resolve func(stixIDs []string) (map[string]graph.Node, error)
	// Lenient skips a relationship whose source_ref or target_ref is neither
	// in the bundle nor found by Resolve, and reports it in
	// Result.Unresolved; without it the bundle is refused.
	Lenient bool
}

// Read reads a STIX 2.1 bundle into a data set: threat-actor and
// intrusion-set as Group (Attacker when resource_level is individual),
// identity as Person (individual), Nationality (class) or Group
// (organization, group), location as State (a country alone) or Location,
// incident and campaign as Event, report as Source, and relationships by
// x_actorgraph_type or the table in mapping.go. Objects are matched on
// x_actorgraph_id, then an external reference of ours, then their STIX id
// (from which a stable id of ours is derived). What it cannot map is counted
// in the Result, not guessed. name is used in error messages.
//
// A bundle that breaks what STIX 2.1 requires of the objects imported (ids,
// timestamps, names, a relationship's ends), or whose relationships refer to
// objects neither in the bundle nor in the graph (unless opt.Lenient), is
// refused whole: a *graph.RefusedError with one problem per property.
func Read(r io.Reader, name string, opt Options) (*graph.DataSet, *Result, error) {
	dec := json.NewDecoder(r)
	dec.UseNumber()
	var b bundle
	if err := dec.Decode(&b); err != nil {
		return nil, nil, invalid(name, "not a readable STIX bundle: "+err.Error())
	}
	if b.Type != "bundle" {
		return nil, nil, invalid(name, fmt.Sprintf("type is %q; want a STIX 2.1 bundle (\"type\": \"bundle\")", b.Type))
	}
	if len(b.Objects) == 0 {
		return nil, nil, invalid(name, "the bundle has no objects")
	}
	if len(b.Objects) > dataset.MaxRecords {
		return nil, nil, invalid(name, fmt.Sprintf("more than %d objects; split the bundle", dataset.MaxRecords))
	}
	if probs := checkObjects(name, b.Objects); len(probs) > 0 {
		return nil, nil, graph.Refused(probs)
	}
	im := &importer{name: name, bundle: b.ID, byID: map[string]object{}, ours: map[string]string{},
		kinds: map[string]graph.Kind{}, res: &Result{}, d: &graph.DataSet{Name: b.ID, File: name},
		others: map[string]bool{}}
	for _, o := range b.Objects {
		im.byID[o.str("id")] = o
	}
	for _, o := range b.Objects {
		if o.str("type") != "relationship" {
			im.node(o)
		}
	}
	if err := im.resolve(b.Objects, opt.Resolve); err != nil {
		return nil, nil, err
	}
	im.reportRefs()
	for i, o := range b.Objects {
		if o.str("type") == "relationship" {
			im.edge(i, o)
		}
	}
	if len(im.res.Unresolved) > 0 && !opt.Lenient {
		return nil, nil, graph.Refused(im.res.Unresolved)
	}
	im.markOwnSource()
	im.res.OtherMarkings = im.otherMarkings()
	return im.d, im.res, nil
}

// resolve looks up in the graph the ends of relationships the bundle does
// not hold.
func (im *importer) resolve(objs []object, find func([]string) (map[string]graph.Node, error)) error {
	if find == nil {
		return nil
	}
	seen := map[string]bool{}
	var missing []string
	for _, o := range objs {
		if o.str("type") != "relationship" {
			continue
		}
		for _, ref := range []string{o.str("source_ref"), o.str("target_ref")} {
			if _, in := im.byID[ref]; !in && !seen[ref] {
				seen[ref] = true
				missing = append(missing, ref)
			}
		}
	}
	if len(missing) == 0 {
		return nil
	}
	sort.Strings(missing)
	found, err := find(missing)
	if err != nil {
		return err
	}
	for stixID, n := range found {
		if !seen[stixID] || n.ID == "" {
			continue
		}
		im.ours[stixID] = n.ID
		if _, ok := im.kinds[n.ID]; !ok {
			im.kinds[n.ID] = n.Kind
		}
	}
	return nil
}

// ReadBytes is Read over a document already in memory.
func ReadBytes(b []byte, name string, opt Options) (*graph.DataSet, *Result, error) {
	if !utf8.Valid(b) {
		return nil, nil, invalid(name, "not valid UTF-8; save the bundle as UTF-8")
	}
	return Read(bytes.NewReader(b), name, opt)
}

func invalid(name, reason string) error {
	return &graph.ValidationError{Problems: []graph.Problem{{Record: name, Reason: reason}}}
}

type importer struct {
	name   string
	bundle string
	byID   map[string]object
	ours   map[string]string     // STIX id -> our id
	kinds  map[string]graph.Kind // our id -> kind
	refs   map[string][]string   // STIX id -> our ids of the reports naming it
	edgeID map[string]bool
	own    string          // our id of the bundle's own Source, once made
	others map[string]bool // marking refs that are not TLP ones
	res    *Result
	d      *graph.DataSet
}

func (im *importer) add(stixID string, n graph.Node) {
	if _, dup := im.kinds[n.ID]; dup {
		// Two objects of the bundle map to one entity of ours: keep the first.
		im.ours[stixID] = n.ID
		return
	}
	im.ours[stixID] = n.ID
	im.kinds[n.ID] = n.Kind
	im.d.AddNode(n, im.name+": "+stixID)
}

// node imports one non-relationship object, or counts it as skipped.
func (im *importer) node(o object) {
	id, typ := o.str("id"), o.str("type")
	if id == IdentityID || id == ExtensionID {
		return // our own export's metadata
	}
	if _, tlp := im.declaredTLP(id); tlp || tlpIDs[id] != "" {
		return // a TLP marking definition: read where objects refer to it
	}
	if n, ok := im.restore(o); ok {
		im.markNode(o, &n)
		im.add(id, n)
		return
	}
	kind, ok := im.kindOf(o)
	if !ok {
		what := typ
		if c := o.str("identity_class"); typ == "identity" && c != "" {
			what += " (" + c + ")"
		}
		im.res.skip(what)
		return
	}
	n := graph.Node{Kind: kind, Name: strings.TrimSpace(o.str("name")), Aliases: o.strs("aliases"),
		Properties: map[string]any{"stixId": id}}
	n.ID = im.ourID(o, kind)
	put(n.Properties, "description", o.str("description"))
	foreignFields(o, &n)
	if n.Name == "" {
		n.Name = n.ID
	}
	im.markNode(o, &n)
	im.add(id, n)
}

// restore rebuilds a node of ours from its x_actorgraph_* fields.
func (im *importer) restore(o object) (graph.Node, bool) {
	id := o.str("x_actorgraph_id")
	kind, ok := graph.ParseKind(o.str("x_actorgraph_kind"))
	if id == "" || !ok {
		return graph.Node{}, false
	}
	n := graph.Node{ID: id, Kind: kind, Name: o.str("name"), Aliases: nilIfEmpty(o.strs("x_actorgraph_aliases"))}
	if name := o.str("x_actorgraph_name"); name != "" {
		n.Name = name
	}
	if p, ok := o["x_actorgraph_properties"].(map[string]any); ok && len(p) > 0 {
		n.Properties = dataset.NormalizeProps(p)
	}
	if t := o.str("x_actorgraph_text"); t != "" {
		if n.Properties == nil {
			n.Properties = map[string]any{}
		}
		n.Properties["text"] = t
	}
	return n, true
}

// kindOf maps a foreign object's type to a kind.
func (im *importer) kindOf(o object) (graph.Kind, bool) {
	switch o.str("type") {
	case "threat-actor":
		if o.str("resource_level") == "individual" {
			return graph.Attacker, true
		}
		return graph.Group, true
	case "intrusion-set":
		return graph.Group, true
	case "identity":
		switch o.str("identity_class") {
		case "individual":
			return graph.Person, true
		case "class":
			return graph.Nationality, true
		case "organization", "group":
			return graph.Group, true
		}
	case "location":
		if isState(o) {
			return graph.State, true
		}
		return graph.Location, true
	case "incident", "campaign":
		return graph.Event, true
	case "report":
		return graph.Source, true
	case placeType:
		return graph.Location, true
	}
	return "", false
}

// isState: a location that names a country and nothing finer is the state.
func isState(o object) bool {
	code := CountryCode(o.str("country"))
	if code == "" || o.str("city") != "" || o.str("administrative_area") != "" || o.str("street_address") != "" {
		return false
	}
	name := o.str("name")
	return name == "" || CountryCode(name) == code
}

// ourID is a foreign object's id: an external reference of ours, a State's
// ISO code, else the name's slug and the start of the STIX uuid, so the same
// object gets the same id on every import.
func (im *importer) ourID(o object, kind graph.Kind) string {
	for _, ref := range refs(o) {
		if ref.str("source_name") == "actorgraph" && graph.ValidID(ref.str("external_id")) == "" {
			if k, _ := graph.KindOfID(ref.str("external_id")); k == kind {
				return ref.str("external_id")
			}
		}
	}
	if kind == graph.State {
		return "state:" + strings.ToLower(CountryCode(o.str("country")))
	}
	_, u, _ := strings.Cut(o.str("id"), "--")
	u = strings.ReplaceAll(u, "-", "")
	if len(u) > 12 {
		u = u[:12]
	}
	s := slug(o.str("name"))
	if s == "" {
		return kind.Prefix() + ":stix-" + u
	}
	return kind.Prefix() + ":" + s + "-" + u
}

func refs(o object) []object {
	xs, _ := o["external_references"].([]any)
	out := make([]object, 0, len(xs))
	for _, x := range xs {
		if m, ok := x.(map[string]any); ok {
			out = append(out, object(m))
		}
	}
	return out
}

// reportRefs notes, for every object, the reports (Sources) that name it.
func (im *importer) reportRefs() {
	im.refs = map[string][]string{}
	for stixID, o := range im.byID {
		if o.str("type") != "report" || im.ours[stixID] == "" {
			continue
		}
		for _, r := range o.strs("object_refs") {
			im.refs[r] = append(im.refs[r], im.ours[stixID])
		}
	}
	for k := range im.refs {
		sort.Strings(im.refs[k])
	}
}

func nilIfEmpty(xs []string) []string {
	if len(xs) == 0 {
		return nil
	}
	return xs
}
