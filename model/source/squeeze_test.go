package source

import (
	"strings"
	"testing"
)

// TestSqueezeSpace checks squeezeSpace against what it stands in for,
// strings.Join(strings.Fields(line), " "), on lines with every kind of
// white space in every place.
func TestSqueezeSpace(t *testing.T) {
	lines := []string{"", " ", "a", "a b", " a b", "a b ", "a  b", "a\tb", "a\u00a0b", "a \u00a0b",
		"“Quoted,” said Ann.", "café au lait", "a\u2003b", "\u3000a", "a\r", "x y z  ", "naïve words here"}
	for _, l := range lines {
		want := strings.Join(strings.Fields(l), " ")
		if got := squeezeSpace(l); got != want {
			t.Errorf("squeezeSpace(%q) = %q, want %q", l, got, want)
		}
	}
}

// FuzzSqueezeSpace holds squeezeSpace to strings.Fields on any input.
func FuzzSqueezeSpace(f *testing.F) {
	f.Add("a  b")
	f.Add(" \u00a0x\t")
	f.Fuzz(func(t *testing.T, l string) {
		if got, want := squeezeSpace(l), strings.Join(strings.Fields(l), " "); got != want {
			t.Errorf("squeezeSpace(%q) = %q, want %q", l, got, want)
		}
	})
}
