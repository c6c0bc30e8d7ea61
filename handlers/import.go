package handlers

import (
	"bytes"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/actorgraph/actorgraph/dataset"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/stix"
	"github.com/gin-gonic/gin"
)

// importData loads a data set: a JSON body (a data set or a STIX 2.1
// bundle), or a multipart form with the CSV files nodes and edges (or a JSON
// file named dataset). It needs the API key. What a bundle holds that has no
// place in the graph is counted in the report's skipped; with lenient=true,
// relationships to objects neither in the bundle nor in the graph are left
// out and listed in unresolved instead of refusing the bundle.
func (a *api) importData(c *gin.Context) {
	if !a.authorized(c) {
		return
	}
	lenient, ok := importParams(c)
	if !ok {
		return
	}
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, a.maxBody)
	ctx := graph.WithKey(c.Request.Context(), c.GetString(keyNameKey))
	in := &bundleRead{opt: stix.Options{Lenient: lenient, Resolve: func(ids []string) (map[string]graph.Node, error) {
		return a.store.STIXEntities(ctx, ids)
	}}}
	d, err := a.readDataSet(c, in)
	if err != nil {
		fail(c, err)
		return
	}
	if n := len(d.Nodes) + len(d.Edges); n > a.maxRecords {
		a.log.WarnContext(ctx, "import refused: too many records for one transaction", "records", n,
			"limit", a.maxRecords, "request_id", c.GetString(requestIDKey))
		abort(c, http.StatusRequestEntityTooLarge, "too_large", fmt.Sprintf(
			"the data set has %d records (nodes and edges), more than the %d one import request writes in one "+
				"transaction (ACTORGRAPH_IMPORT_MAX_RECORDS); load it with the CLI: actorgraph import --chunked FILE "+
				"(commits in chunks), or actorgraph load --bulk (offline, into an empty database)", n, a.maxRecords))
		return
	}
	rep, err := a.store.Import(ctx, d, nil)
	if err != nil {
		fail(c, err)
		return
	}
	rep.Skipped, rep.Unresolved, rep.OtherMarkings = in.res.Skipped, in.res.Unresolved, in.res.OtherMarkings
	a.metrics.importsOK.Inc()
	c.JSON(http.StatusOK, rep)
}

// importParams reads the import route's one query parameter, lenient.
func importParams(c *gin.Context) (lenient, ok bool) {
	q := c.Request.URL.Query()
	for k, vs := range q {
		if k != "lenient" {
			fail(c, graph.Invalid("query", k, "unknown parameter; this route takes only lenient=true|false, "+
				"and the data set as the body"))
			return false, false
		}
		if len(vs) != 1 || vs[0] != "true" && vs[0] != "false" {
			fail(c, graph.Invalid("lenient", strings.Join(vs, ","), "want lenient=true or lenient=false, once"))
			return false, false
		}
		lenient = vs[0] == "true"
	}
	return lenient, true
}

// bundleRead is how an import reads a STIX bundle, and what it made of it.
type bundleRead struct {
	opt stix.Options
	res stix.Result
}

// authorized checks the key in Authorization: Bearer KEY or X-API-Key
// against the unnamed key and the named ones, and remembers the key's name
// (for the history of what it changes).
func (a *api) authorized(c *gin.Context) bool {
	if a.apiKey == "" && len(a.apiKeys) == 0 {
		abort(c, http.StatusForbidden, "import_disabled",
			"writes over HTTP are disabled: start the server with ACTORGRAPH_API_KEY or ACTORGRAPH_API_KEYS set")
		return false
	}
	key := c.GetHeader("X-API-Key")
	if after, ok := strings.CutPrefix(c.GetHeader("Authorization"), "Bearer "); ok {
		key = after
	}
	if key == "" {
		c.Header("WWW-Authenticate", `Bearer realm="actorgraph"`)
		abort(c, http.StatusUnauthorized, "unauthenticated",
			"send the API key as Authorization: Bearer KEY or X-API-Key: KEY")
		return false
	}
	name, ok := "", a.apiKey != "" && subtle.ConstantTimeCompare([]byte(key), []byte(a.apiKey)) == 1
	for n, k := range a.apiKeys {
		if subtle.ConstantTimeCompare([]byte(key), []byte(k)) == 1 {
			name, ok = n, true
		}
	}
	if !ok {
		abort(c, http.StatusForbidden, "forbidden", "the API key is wrong")
		return false
	}
	c.Set(keyNameKey, name)
	return true
}

const keyNameKey = "apiKeyName"

// ParseAPIKeys reads ACTORGRAPH_API_KEYS: name:key pairs separated by
// commas, each with an optional third field, its read clearance
// (name:key:amber; ParseKeyClearances reads it).
func ParseAPIKeys(s string) (map[string]string, error) {
	out := map[string]string{}
	for _, pair := range strings.Split(s, ",") {
		pair = strings.TrimSpace(pair)
		if pair == "" {
			continue
		}
		name, key, ok := strings.Cut(pair, ":")
		key, clearance, _ := strings.Cut(key, ":")
		name, key = strings.TrimSpace(name), strings.TrimSpace(key)
		if !ok || name == "" || key == "" {
			return nil, fmt.Errorf("ACTORGRAPH_API_KEYS: %q is not name:key or name:key:clearance; want e.g. alice:KEY1,bob:KEY2:amber", clipKey(pair))
		}
		if _, dup := out[name]; dup {
			return nil, fmt.Errorf("ACTORGRAPH_API_KEYS: the name %q is given twice", name)
		}
		if c := strings.TrimSpace(clearance); c != "" {
			if _, err := graph.ParseMarking(c); err != nil {
				return nil, fmt.Errorf("ACTORGRAPH_API_KEYS: the clearance of %q: %v", name, err)
			}
		}
		out[name] = key
	}
	return out, nil
}

// ParseKeyClearances reads the clearances of ACTORGRAPH_API_KEYS, by key
// name: a key without a third field has full clearance, so configurations
// written before clearances keep working.
func ParseKeyClearances(s string) (map[string]graph.Marking, error) {
	if _, err := ParseAPIKeys(s); err != nil {
		return nil, err
	}
	out := map[string]graph.Marking{}
	for _, pair := range strings.Split(s, ",") {
		name, rest, ok := strings.Cut(strings.TrimSpace(pair), ":")
		if !ok {
			continue
		}
		m := graph.FullClearance
		if _, c, ok := strings.Cut(rest, ":"); ok && strings.TrimSpace(c) != "" {
			m, _ = graph.ParseMarking(c)
		}
		out[strings.TrimSpace(name)] = m
	}
	return out, nil
}

// clipKey keeps a key out of error messages.
func clipKey(pair string) string {
	if name, _, ok := strings.Cut(pair, ":"); ok {
		return name + ":…"
	}
	if len(pair) > 3 {
		return pair[:3] + "…"
	}
	return pair
}

func (a *api) readDataSet(c *gin.Context, in *bundleRead) (*graph.DataSet, error) {
	mt, _, err := mime.ParseMediaType(c.GetHeader("Content-Type"))
	if err != nil {
		mt = ""
	}
	switch mt {
	case "application/json", "application/stix+json":
		return readJSON(c.Request.Body, "body", in)
	case "multipart/form-data":
		return readForm(c, in)
	}
	return nil, graph.Invalid("Content-Type", c.GetHeader("Content-Type"),
		"want application/json (a data set or a STIX 2.1 bundle) or multipart/form-data (files nodes "+
			"and edges as CSV, or dataset as JSON)")
}

// readJSON reads a data set, or a STIX bundle (a top-level "type": "bundle").
func readJSON(r io.Reader, name string, in *bundleRead) (*graph.DataSet, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		if mbe := (*http.MaxBytesError)(nil); errors.As(err, &mbe) {
			return nil, mbe
		}
		return nil, graph.Invalid("body", "", "cannot read the body: "+err.Error())
	}
	if !dataset.IsSTIXBundle(b) {
		return dataset.ParseJSON(bytes.NewReader(b), name, nil)
	}
	d, res, err := stix.ReadBytes(b, name, in.opt)
	if err != nil {
		return nil, err
	}
	in.res = *res
	return d, nil
}

func readForm(c *gin.Context, in *bundleRead) (*graph.DataSet, error) {
	form, err := c.MultipartForm()
	if err != nil {
		if mbe := (*http.MaxBytesError)(nil); errors.As(err, &mbe) {
			return nil, mbe
		}
		return nil, graph.Invalid("body", "", "not a readable multipart form: "+err.Error())
	}
	open := func(name string) (*graph.DataSet, bool, error) {
		files := form.File[name]
		if len(files) == 0 {
			return nil, false, nil
		}
		if len(files) > 1 {
			return nil, true, graph.Invalid(name, "", "give one file")
		}
		f, err := files[0].Open()
		if err != nil {
			return nil, true, err
		}
		defer f.Close()
		switch name {
		case "nodes":
			d, err := dataset.ParseNodesCSV(f, "nodes.csv", nil)
			return d, true, err
		case "edges":
			d, err := dataset.ParseEdgesCSV(f, "edges.csv")
			return d, true, err
		}
		d, err := readJSON(f, files[0].Filename, in)
		return d, true, err
	}
	if d, ok, err := open("dataset"); ok || err != nil {
		return d, err
	}
	out := &graph.DataSet{File: "form"}
	found := false
	for _, name := range []string{"nodes", "edges"} {
		d, ok, err := open(name)
		if err != nil {
			return nil, err
		}
		if ok {
			found = true
			out.Merge(d)
		}
	}
	if !found {
		return nil, graph.Invalid("body", "", "the form has no file named nodes, edges or dataset")
	}
	return out, nil
}
