package source

import "testing"

func TestFoldSpace(t *testing.T) {
	for _, s := range []string{"", "  ", " a  b\t\nc ", "\u00a0x\u2003y\u00a0", "caf\xc3\xa9  \x85 z", "bad\xffutf8  x", "\u3000"} {
		if got, want := foldSpace([]byte(s)), oneLine(s); got != want {
			t.Errorf("foldSpace(%q) = %q, want %q", s, got, want)
		}
	}
}
