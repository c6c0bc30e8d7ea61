package graph

import "testing"

// TestWellFormedIDMatchesPattern: the hand-written id check accepts exactly
// what the documented pattern accepts.
func TestWellFormedIDMatchesPattern(t *testing.T) {
	ids := []string{"group:is-k", "group:", ":x", "group", "Group:x", "group:-x", "group:x-", "group:1m-n0", "a:b.c_d~e-f",
		"group:x y", "group:x:y", "group:é", "grou1:x", "group:X", "group:.x", "state:1m-n10", "group:x\n", ""}
	for _, id := range ids {
		if got, want := wellFormedID(id), idPattern.MatchString(id); got != want {
			t.Errorf("wellFormedID(%q) = %v, want %v", id, got, want)
		}
	}
}
