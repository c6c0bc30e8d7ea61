package handlers

import (
	"strings"
	"testing"
)

func TestParseAPIKeys(t *testing.T) {
	got, err := ParseAPIKeys(" alice:k1, bob:k2 ,")
	if err != nil || len(got) != 2 || got["alice"] != "k1" || got["bob"] != "k2" {
		t.Errorf("got %v %v, want alice:k1 and bob:k2", got, err)
	}
	for _, bad := range []string{"alice", "alice:", ":k1", "alice:k1,alice:k2"} {
		_, err := ParseAPIKeys(bad)
		if err == nil {
			t.Errorf("%q: got no error", bad)
			continue
		}
		if strings.Contains(err.Error(), "k1") && !strings.Contains(bad, "alice:k1,alice") {
			t.Errorf("%q: the error %q shows the key", bad, err)
		}
	}
}
