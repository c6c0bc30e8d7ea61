package handlers

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/gin-gonic/gin"
)

func TestParseKeyClearances(t *testing.T) {
	got, err := ParseKeyClearances("alice:k1, bob:k2:amber, carol:k3:TLP:RED")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]graph.Marking{"alice": graph.FullClearance, "bob": graph.Amber, "carol": graph.Red}
	for name, m := range want {
		if got[name] != m {
			t.Errorf("%s: got %q, want %q", name, got[name], m)
		}
	}
	keys, err := ParseAPIKeys("bob:k2:amber")
	if err != nil || keys["bob"] != "k2" {
		t.Errorf("ParseAPIKeys(bob:k2:amber) = %v, %v; want bob's key k2 without its clearance", keys, err)
	}
	_, err = ParseAPIKeys("bob:k2:secret")
	if err == nil || !strings.Contains(err.Error(), "clear, green, amber, amber+strict, red") {
		t.Errorf("a bad clearance: got %v, want an error naming the allowed values", err)
	}
}

// The clearance a request reads with: its key's, the anonymous one, or a
// refusal.
func TestReadersClearance(t *testing.T) {
	for _, tc := range []struct {
		name    string
		rd      readers
		key     string
		status  int
		cleared graph.Marking
	}{
		{"anonymous", readers{keys: map[string]string{"a": "k1"}, anonymous: graph.Green}, "", 200, graph.Green},
		{"single key", readers{apiKey: "s", anonymous: graph.Green}, "s", 200, graph.FullClearance},
		{"named key, no clearance", readers{keys: map[string]string{"a": "k1"}, anonymous: graph.Green}, "k1", 200,
			graph.FullClearance},
		{"named key, amber", readers{keys: map[string]string{"a": "k1"},
			clearances: map[string]graph.Marking{"a": graph.Amber},
			anonymous:  graph.Green}, "k1", 200, graph.Amber},
		{"wrong key", readers{keys: map[string]string{"a": "k1"}, anonymous: graph.Green}, "nope", 403, ""},
		{"key required", readers{keys: map[string]string{"a": "k1"}, anonymous: graph.Green, requireKey: true}, "", 401, ""},
		{"no keys configured", readers{anonymous: graph.Clear}, "whatever", 200, graph.Clear},
	} {
		t.Run(tc.name, func(t *testing.T) {
			gin.SetMode(gin.ReleaseMode)
			r := gin.New()
			r.GET("/x", tc.rd.middleware, func(c *gin.Context) {
				c.String(200, string(graph.ClearanceOf(c.Request.Context())))
			})
			req := httptest.NewRequest(http.MethodGet, "/x", nil)
			if tc.key != "" {
				req.Header.Set("X-API-Key", tc.key)
			}
			w := httptest.NewRecorder()
			r.ServeHTTP(w, req)
			if w.Code != tc.status {
				t.Fatalf("got %d %s, want %d", w.Code, w.Body, tc.status)
			}
			if tc.status == 200 && w.Body.String() != string(tc.cleared) {
				t.Errorf("read with clearance %q, want %q", w.Body, tc.cleared)
			}
			if tc.status == 401 && !strings.Contains(w.Body.String(), "X-API-Key") {
				t.Errorf("a 401 that does not name the header: %s", w.Body)
			}
		})
	}
}
