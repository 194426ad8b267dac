package model

import (
	"bytes"
	"testing"
)

func TestVisible(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain text\nand tab\t", "plain text\nand tab\t"},
		{"evil\x1b]0;owned\x07name.md", `evil\x1b]0;owned\x07name.md`},
		{"a\rb\x7f", `a\x0db\x7f`},
		{"c1\u009b31m", `c1\u009b31m`},
		{"bidi\u202egnp.exe", `bidi\u202egnp.exe`},
		{"zero\u200bwidth\ufeff", `zero\u200bwidth\ufeff`},
		{"bad\xffbyte", `bad\xffbyte`},
		{"naïve — 漢字", "naïve — 漢字"},
	} {
		if got := Visible(c.in); got != c.want {
			t.Errorf("Visible(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestVisibleWriterSplitRunes: a character split between writes is
// written whole, and controls are escaped whatever the write sizes.
func TestVisibleWriterSplitRunes(t *testing.T) {
	in := []byte("é\u202e漢\x1b[2Jz")
	for step := 1; step <= 4; step++ {
		var out bytes.Buffer
		w := NewVisibleWriter(&out)
		for i := 0; i < len(in); i += step {
			if _, err := w.Write(in[i:min(i+step, len(in))]); err != nil {
				t.Fatal(err)
			}
		}
		if want := `é\u202e漢\x1b[2Jz`; out.String() != want {
			t.Errorf("step %d: %q, want %q", step, out.String(), want)
		}
	}
}
