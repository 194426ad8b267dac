package render

import (
	"strings"
	"testing"

	xansi "github.com/charmbracelet/x/ansi"

	"github.com/brief-reader/brief/model"
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

// TestListItemsHang: the lines a list item wraps onto start under its
// text, not under its marker.
func TestListItemsHang(t *testing.T) {
	md := "1. The first step is to repair the old harbour wall before the winter storms arrive on the coast.\n2. Short.\n\n"
	out := strings.Join(renderAll(t, SplitBody(model.Article{ID: "l", Markdown: md}), 40).Lines, "\n")
	lines := strings.Split(stripANSI(out), "\n")
	if len(lines) < 3 || !strings.HasPrefix(lines[0], "1. The first") || !strings.HasPrefix(lines[1], "   ") || strings.TrimSpace(lines[1]) == "" {
		t.Errorf("list item does not hang:\n%s", stripANSI(out))
	}
	for _, l := range lines {
		if stringWidth(l) > 40 {
			t.Errorf("line over the width: %q", l)
		}
	}
}

// TestLinksKeepTheirText: a link's text stays in the sentence with a
// reference mark; its address is listed at the end, as a link the
// terminal can follow, and never in the middle of the sentence.
func TestLinksKeepTheirText(t *testing.T) {
	md := "President [Robert Mugabe](http://www.telegraph.co.uk/news/worldnews/africa/zimbabwe/), his wife Grace and [the envoy](https://example.org/envoy \"Envoy\") met; ![harbour](https://img.example/h.png) and [bad](javascript:alert(1)).\n"
	out := strings.Join(renderAll(t, SplitBody(model.Article{ID: "l", Markdown: md}), 80).Lines, "\n")
	plain := stripANSI(out)
	body, list, ok := strings.Cut(plain, "---")
	if !ok {
		t.Fatalf("no list of links:\n%s", plain)
	}
	for _, want := range []string{"Robert Mugabe¹, his wife Grace", "the envoy² met", "(image: harbour)³", "and bad."} {
		if !strings.Contains(strings.Join(strings.Fields(body), " "), want) {
			t.Errorf("body lacks %q:\n%s", want, body)
		}
	}
	if strings.Contains(body, "http") || strings.Contains(plain, "javascript") {
		t.Errorf("an address in the sentence:\n%s", plain)
	}
	for _, want := range []string{"¹ http://www.telegraph.co.uk/news/worldnews/africa/zimbabwe/", "² https://example.org/envoy", "³ https://img.example/h.png"} {
		if !strings.Contains(list, want) {
			t.Errorf("list lacks %q:\n%s", want, list)
		}
	}
	if !strings.Contains(out, "\x1b]8;") || !strings.Contains(out, ";https://example.org/envoy\x1b\\") {
		t.Errorf("the listed addresses are not hyperlinks: %q", out)
	}
}
