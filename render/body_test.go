package render

import (
	"context"
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
)

func renderAll(t testing.TB, src *BodySource, width int) *Body {
	t.Helper()
	r, err := NewBodyRenderer(width, "dark")
	if err != nil {
		t.Fatal(err)
	}
	b := NewBody(src, width)
	b.Add(RenderBlocks(context.Background(), r, src, 0, len(src.Blocks)))
	return b
}

func TestSplitBodyAlignsParagraphs(t *testing.T) {
	a, _ := fixture()
	src := SplitBody(a)
	// Blocks: lede, heading, list (two items), then one block per paragraph.
	want := []int{0, 1, 2, 2, 3, 4, 5, 6, 7}
	for i, w := range want {
		if got := src.ParagraphBlock(i); got != w {
			t.Errorf("paragraph %d in block %d, want %d", i, got, w)
		}
	}
	if len(src.Blocks) != 8 {
		t.Errorf("%d blocks, want 8: %q", len(src.Blocks), src.Blocks)
	}
}

func TestFindQuoteWords(t *testing.T) {
	a, b := fixture()
	for _, width := range []int{30, 60, 150} {
		body := renderAll(t, SplitBody(a), width)
		for _, q := range b.Quotes {
			m, ok := body.Find(q.Paragraph, q.Text)
			if !ok {
				t.Errorf("width %d: quote %q not found", width, q.Text)
				continue
			}
			var got []string
			for _, mk := range m {
				got = append(got, cut(stripANSI(body.Lines[mk.Line]), mk.Start, mk.End))
			}
			if normalize(strings.Join(got, " ")) != normalize(q.Text) {
				t.Errorf("width %d: marks cover %q, want %q", width, got, q.Text)
			}
		}
	}
}

func TestLocateListItem(t *testing.T) {
	a, _ := fixture()
	body := renderAll(t, SplitBody(a), 80)
	m, ok := body.Locate(3) // second bullet of the list block
	if !ok {
		t.Fatal("paragraph 3 not located")
	}
	if line := stripANSI(body.Lines[m.Line()]); !strings.Contains(line, "first phase lasts") {
		t.Errorf("paragraph 3 located on %q", line)
	}
}

func TestSearchCJKColumns(t *testing.T) {
	a, _ := fixture()
	body := renderAll(t, SplitBody(a), 40)
	ms := body.Search("第一段階")
	if len(ms) != 1 {
		t.Fatalf("%d matches, want 1", len(ms))
	}
	got := ""
	for _, mk := range ms[0] {
		got += cut(stripANSI(body.Lines[mk.Line]), mk.Start, mk.End)
	}
	if got != "第一段階" {
		t.Errorf("marks cover %q", got)
	}
	if got := len(body.Search("PHASE")); got != 5 {
		t.Errorf("case-insensitive search found %d, want 5", got)
	}
}

func TestAnchorSurvivesWidthChange(t *testing.T) {
	a, _ := fixture()
	src := SplitBody(a)
	wide, narrow := renderAll(t, src, 150), renderAll(t, src, 30)
	m, _ := wide.Locate(7) // the CJK notice
	block, delta := wide.BlockAt(m.Line())
	line := narrow.LineAt(block, delta)
	if got := stripANSI(narrow.Lines[line]); !strings.Contains(got, "notice") {
		t.Errorf("anchor lands on %q", got)
	}
}

func TestOverlayKeepsWidthAndStyle(t *testing.T) {
	st := lipgloss.NewStyle().Reverse(true)
	line := "\x1b[31mred 漢字 text\x1b[m tail"
	out := Overlay(line, []Mark{{Line: 0, Start: 4, End: 8}}, st)
	if stripANSI(out) != stripANSI(line) {
		t.Errorf("text changed: %q", stripANSI(out))
	}
	if !strings.Contains(out, "\x1b[7m漢字") {
		t.Errorf("marked cells not styled: %q", out)
	}
	if !strings.Contains(out[strings.Index(out, "漢字"):], "\x1b[31m") {
		t.Errorf("style after the mark lost: %q", out)
	}
}

func TestTrimRightStyled(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"\x1b[1mab\x1b[m\x1b[1m \x1b[m \x1b[2m \x1b[m", "\x1b[1mab\x1b[m"},
		{"plain   ", "plain"},
		{"\x1b]8;;https://x\x1b\\l\x1b]8;;\x1b\\  ", "\x1b]8;;https://x\x1b\\l\x1b]8;;\x1b\\"},
		{"   ", ""},
	} {
		got := trimRightStyled(c.in)
		if stripANSI(got) != stripANSI(c.want) || strings.Count(got, "]8;") != strings.Count(c.want, "]8;") {
			t.Errorf("trimRightStyled(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestPanelsWrapCJK(t *testing.T) {
	st := NewStyles(ThemeFor(true), false)
	a, b := fixture()
	b.KeyPoints = append(b.KeyPoints, derivedKeyPoint(a.Paragraphs[7], 7))
	for _, w := range []int{12, 25, 40} {
		c := KeyPointsContent(&b, w, st)
		for i, l := range c.Lines {
			if got := stringWidth(l); got > w {
				t.Errorf("width %d: line %d is %d cells: %q", w, i, got, stripANSI(l))
			}
		}
		last := c.Items[len(c.Items)-1]
		if last.End-last.Start < 2 {
			t.Errorf("width %d: CJK key point did not wrap", w)
		}
	}
}

func TestSearchIndexGrowsWithBody(t *testing.T) {
	a, _ := fixture()
	src := SplitBody(a)
	r, err := NewBodyRenderer(50, "dark")
	if err != nil {
		t.Fatal(err)
	}
	whole := renderAll(t, src, 50)
	b := NewBody(src, 50)
	b.Add(RenderBlocks(context.Background(), r, src, 0, 3))
	early := len(b.Search("phase"))
	b.Add(RenderBlocks(context.Background(), r, src, 3, len(src.Blocks)))
	got, want := b.Search("phase"), whole.Search("phase")
	if early >= len(want) || len(got) != len(want) {
		t.Fatalf("%d matches before, %d after growing, want %d", early, len(got), len(want))
	}
	for i := range got {
		if got[i][0] != want[i][0] {
			t.Errorf("match %d at %+v, want %+v", i, got[i][0], want[i][0])
		}
	}
}
