package handlers_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/handlers"
	"github.com/actorgraph/actorgraph/testkit"
	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
)

var (
	db     *testkit.Neo4j
	srv    *testkit.Server
	router routers.Router
)

func TestMain(m *testing.M) {
	os.Exit(testkit.RunMain(m, func(ctx context.Context, n *testkit.Neo4j) error {
		db = n
		doc, err := openapi3.NewLoader().LoadFromData(handlers.OpenAPI())
		if err != nil {
			return err
		}
		if err := doc.Validate(ctx); err != nil {
			return err
		}
		if router, err = legacy.NewRouter(doc); err != nil {
			return err
		}
		for _, ct := range []string{"application/graphml+xml", "application/gexf+xml", "application/yaml",
			"application/x-ndjson", "application/jsonl"} {
			openapi3filter.RegisterBodyDecoder(ct, func(r io.Reader, _ http.Header, _ *openapi3.SchemaRef,
				_ openapi3filter.EncodingFn) (any, error) {
				b, err := io.ReadAll(r)
				return string(b), err
			})
		}
		openapi3filter.RegisterBodyDecoder("application/stix+json", func(r io.Reader, _ http.Header,
			_ *openapi3.SchemaRef, _ openapi3filter.EncodingFn) (any, error) {
			var v any
			err := json.NewDecoder(r).Decode(&v)
			return v, err
		})
		if err := n.LoadCrocus(ctx); err != nil {
			return err
		}
		srv, err = testkit.StartServer(ctx, n)
		return err
	}))
}

// response is what a test got back.
type response struct {
	status int
	header http.Header
	body   []byte
}

func (r response) json(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("response is not JSON: %v\n%s", err, clip(r.body))
	}
}

func clip(b []byte) string {
	if len(b) > 600 {
		return string(b[:600]) + "…"
	}
	return string(b)
}

// errorBody reads {"error":{"code","message"}}.
type errorBody struct {
	Error struct {
		Code       string `json:"code"`
		Message    string `json:"message"`
		Candidates []struct {
			ID string `json:"id"`
		} `json:"candidates"`
	} `json:"error"`
}

// do sends a request and checks the response against /openapi.yaml: every
// response must match its documented shape, and every request that succeeds
// must be a valid request of the document.
func do(t *testing.T, method, target string, body io.Reader, header http.Header) response {
	t.Helper()
	return doAt(t, srv.URL, method, target, body, header)
}

// doAt is do against the server at base.
func doAt(t *testing.T, base, method, target string, body io.Reader, header http.Header) response {
	t.Helper()
	req, err := http.NewRequest(method, base+target, body)
	if err != nil {
		t.Fatal(err)
	}
	for k, vs := range header {
		req.Header[k] = vs
	}
	var reqBody []byte
	if req.Body != nil {
		reqBody, _ = io.ReadAll(req.Body)
		req.Body = io.NopCloser(bytes.NewReader(reqBody))
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	got := response{status: res.StatusCode, header: res.Header, body: b}
	checkSpec(t, req, reqBody, got)
	return got
}

func get(t *testing.T, target string) response {
	t.Helper()
	return do(t, http.MethodGet, target, nil, nil)
}

func checkSpec(t *testing.T, req *http.Request, reqBody []byte, got response) {
	t.Helper()
	vreq := req.Clone(context.Background())
	vreq.URL.Host, vreq.URL.Scheme = "", ""
	route, params, err := router.FindRoute(vreq)
	if err != nil {
		if got.status < 400 {
			t.Errorf("%s %s answered %d but is not in /openapi.yaml: %v", req.Method, req.URL.Path, got.status, err)
		}
		return
	}
	in := &openapi3filter.RequestValidationInput{Request: vreq, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}}
	vreq.Body = io.NopCloser(bytes.NewReader(reqBody))
	if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil && got.status < 300 {
		t.Errorf("%s %s succeeded but the request does not match /openapi.yaml: %v", req.Method, req.URL, err)
	}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: got.status, Header: got.header,
		Options: &openapi3filter.Options{IncludeResponseStatus: false}}
	out.SetBodyBytes(got.body)
	if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
		t.Errorf("%s %s: response %d does not match /openapi.yaml: %v\n%s", req.Method, req.URL, got.status,
			err, clip(got.body))
	}
}

func q(kv ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	return v.Encode()
}

func counts(t *testing.T) (int64, int64) {
	t.Helper()
	n, r, err := db.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n, r
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
