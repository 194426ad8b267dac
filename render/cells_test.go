package render

import (
	"testing"

	xansi "github.com/charmbracelet/x/ansi"
)

// TestCellsAgree: after Cells, grapheme-cluster and wcwidth counts of a
// text agree, and text without such sequences is left as it is.
func TestCellsAgree(t *testing.T) {
	for _, s := range []string{
		"Prices ⬇️ and ✍️ notes", "pride 🏳️‍🌈 flag", "thumbs 👍🏽 up", "family 👨‍👩‍👧 photo",
		"flag 🇯🇵 of Japan", "keycap 1️⃣ one", "text ☺︎ form", "England 🏴󠁧󠁢󠁥󠁮󠁧󠁿 flag",
	} {
		got := Cells(s)
		if g, w := xansi.StringWidth(got), xansi.StringWidthWc(got); g != w {
			t.Errorf("Cells(%q) = %q: %d cells by graphemes, %d by wcwidth", s, got, g, w)
		}
	}
	for _, s := range []string{"plain text … “quoted” — dash", "東京の新しい図書館 📚", "café naïve"} {
		if got := Cells(s); got != s {
			t.Errorf("Cells(%q) = %q, want it unchanged", s, got)
		}
	}
}
