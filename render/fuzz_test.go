package render

import (
	"context"
	"strings"
	"testing"

	"github.com/brief-reader/brief/model"
)

// FuzzTerminal checks that whatever goes in, Terminal lets out only SGR
// sequences, safe OSC 8 links, printable text and newlines.
func FuzzTerminal(f *testing.F) {
	f.Add(hostile)
	f.Add("\x1b[1;31mok\x1b[m\x1b]8;;https://x\x07l\x1b]8;;\x07")
	f.Add("\x1b]8;;javascript:x\x1b\\y\x1b[?1049h\x9b2J")
	f.Fuzz(func(t *testing.T, s string) {
		checkSafe(t, Terminal(s))
	})
}

// FuzzBody renders arbitrary Markdown as an article body and checks that
// the lines are safe and fit the width.
func FuzzBody(f *testing.F) {
	a, _ := fixture()
	f.Add(a.Markdown, 40)
	h, _ := hostileArticle()
	f.Add(h.Markdown, 80)
	f.Add("# T\n\n```\ncode &#27;\n```\n\n| a | b |\n|---|---|\n| 漢字 | 🎣 |\n\n> quote\n\n1. one\n2. two\n\n[x]: <javascript:y>\n[ref][x]", 20)
	// Nested structures (issue 12): quotes, lists, both alternating,
	// definition lists, HTML quotes, link openers and references.
	f.Add(strings.Repeat(">", 40)+" deep\n", 80)
	f.Add(strings.Repeat("> ", 30)+"deep\n"+strings.Repeat("> ", 12)+"- item\n", 12)
	f.Add(strings.Repeat("- ", 30)+"x\n  - y\n    - z\n", 30)
	f.Add(strings.Repeat("> 1. ", 20)+"x\n", 50)
	f.Add("Term\n: > quoted\n  : - nested\n\nTerm 2\n: def", 40)
	f.Add(strings.Repeat("<blockquote>", 30)+"x"+strings.Repeat("</blockquote>", 30), 60)
	f.Add(strings.Repeat("[a](", 300)+"\n\n"+strings.Repeat("*a **b ", 200), 70)
	f.Add("[r]: https://example.com\n\n> > [r] and [x][r]\n> > - [r]", 25)
	f.Add("a &#000000027;[5;7mb &#x0000001b;]8;;https://evil.example&#x1b;\\bank.example", 80)
	f.Fuzz(func(t *testing.T, md string, width int) {
		width = 10 + (width%200+200)%200
		a := model.Article{ID: "fuzz", Markdown: md, Paragraphs: strings.Split(md, "\n\n")}
		src := SplitBody(a)
		r, err := NewBodyRenderer(width, "dark")
		if err != nil {
			t.Fatal(err)
		}
		b := NewBody(src, width)
		b.Add(RenderBlocks(context.Background(), r, src, 0, len(src.Blocks)))
		if n := min(len(md), MaxBodyBytes); len(b.Lines) > n/width*4+n/8+100 {
			t.Errorf("%d lines from %d bytes at width %d", len(b.Lines), len(md), width)
		}
		for i, l := range b.Lines {
			if w := stringWidth(l); w > width {
				t.Errorf("line %d is %d cells wide, limit %d", i, w, width)
			}
		}
		checkSafe(t, strings.Join(b.Lines, "\n"))
		for i := range a.Paragraphs {
			b.Locate(i)
		}
		b.Search("a")
	})
}
