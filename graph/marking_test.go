package graph

import (
	"context"
	"strings"
	"testing"
)

func TestParseMarking(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Marking
	}{{"clear", Clear}, {"TLP:CLEAR", Clear}, {"white", Clear}, {"Green", Green}, {"amber", Amber},
		{"TLP:AMBER+STRICT", AmberStrict}, {" red ", Red}} {
		got, err := ParseMarking(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseMarking(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{"", "amber-strict", "secret", "tlp:"} {
		_, err := ParseMarking(bad)
		if err == nil || !strings.Contains(err.Error(), "clear, green, amber, amber+strict, red") {
			t.Errorf("ParseMarking(%q): got %v, want an error naming the allowed values", bad, err)
		}
	}
}

func TestMarkingOrder(t *testing.T) {
	for i := 1; i < len(Markings); i++ {
		if Markings[i].Rank() <= Markings[i-1].Rank() {
			t.Errorf("%s ranks %d, not above %s (%d)", Markings[i], Markings[i].Rank(), Markings[i-1], Markings[i-1].Rank())
		}
		if MarkingOfRank(i) != Markings[i] {
			t.Errorf("MarkingOfRank(%d) = %s, want %s", i, MarkingOfRank(i), Markings[i])
		}
	}
	if got := Marking("secret").Rank(); got != Red.Rank() {
		t.Errorf("an unknown marking ranks %d, want red's %d", got, Red.Rank())
	}
	if got := Green.Stricter(Amber); got != Amber {
		t.Errorf("green.Stricter(amber) = %s", got)
	}
	if got := Red.Stricter(Clear); got != Red {
		t.Errorf("red.Stricter(clear) = %s", got)
	}
	if Red.Label() != "TLP:RED" || AmberStrict.Label() != "TLP:AMBER+STRICT" {
		t.Errorf("labels: %s %s", Red.Label(), AmberStrict.Label())
	}
}

func TestClearanceOf(t *testing.T) {
	if got := ClearanceOf(context.Background()); got != FullClearance {
		t.Errorf("no clearance set: %s, want full", got)
	}
	if got := ClearanceOf(WithClearance(context.Background(), Green)); got != Green {
		t.Errorf("got %s, want green", got)
	}
}
