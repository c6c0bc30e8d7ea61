package graph

import "testing"

func TestParseDirectionAndUndated(t *testing.T) {
	for _, tt := range []struct {
		parse    func(string) (string, bool)
		in, want string
		ok       bool
	}{
		{ParseDirection, "", "both", true},
		{ParseDirection, "both", "both", true},
		{ParseDirection, "out", "out", true},
		{ParseDirection, "in", "in", true},
		{ParseDirection, "up", "", false},
		{ParseUndated, "", "keep", true},
		{ParseUndated, "keep", "keep", true},
		{ParseUndated, "drop", "drop", true},
		{ParseUndated, "Drop", "", false},
	} {
		if got, ok := tt.parse(tt.in); got != tt.want || ok != tt.ok {
			t.Errorf("parse(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
