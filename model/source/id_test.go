package source

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func TestFoldSpace(t *testing.T) {
	for _, s := range []string{"", "  ", " a  b\t\nc ", "\u00a0x\u2003y\u00a0", "caf\xc3\xa9  \x85 z", "bad\xffutf8  x", "\u3000"} {
		if got, want := foldSpace([]byte(s)), oneLine(s); got != want {
			t.Errorf("foldSpace(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestFoldSpaceRandom compares foldSpace with oneLine, and oneLine with
// the words of strings.Fields joined by spaces, on random mixes of words,
// ASCII and Unicode white space, and invalid UTF-8.
func TestFoldSpaceRandom(t *testing.T) {
	parts := []string{"word", "é", "“q”", " ", "  ", "\t", "\n", "\r\n", "\v", "\f", "\u00a0", "\u0085",
		"\u1680", "\u2002", "\u200a", "\u2028", "\u202f", "\u205f", "\u3000", "\u200b", "\xe2", "\xc2", "\xe2\x80", "x"}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		s := b.String()
		if got, want := oneLine(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Fatalf("oneLine(%q) = %q, want %q", s, got, want)
		}
		if got, want := foldSpace([]byte(s)), oneLine(s); got != want {
			t.Fatalf("foldSpace(%q) = %q, want %q", s, got, want)
		}
		if got, want := needsFold([]byte(s)), oneLine(s) != s; got != want {
			t.Fatalf("needsFold(%q) = %v, want %v", s, got, want)
		}
	}
}
