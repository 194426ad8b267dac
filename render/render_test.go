package render

import (
	"context"
	"fmt"
	"strings"
	"testing"

	xansi "github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/brief-reader/brief/model"
)

// sizes are the terminal sizes the goldens are drawn at.
var sizes = []struct{ w, h int }{{80, 24}, {120, 40}, {200, 60}}

// readerState builds a reader state for a at layout l, rendering the
// whole body synchronously.
func readerState(t testing.TB, a model.Article, b *model.Brief, l Layout, focus Section, st *Styles) ReaderState {
	t.Helper()
	s := ReaderState{Article: &a, Brief: b, Index: 1, Total: 3, Focus: focus, Footer: "footer"}
	for sec := KeyPoints; sec <= Phases; sec++ {
		w, _ := l.Inner(sec)
		if l.Sections[sec].Empty() {
			w = l.Width - 5
		}
		var c PanelContent
		switch sec {
		case KeyPoints:
			c = KeyPointsContent(b, w, st)
		case Quotes:
			c = QuotesContent(b, nil, w, st)
		case Phases:
			c = PhasesContent(b, w, st)
		}
		s.Panels[sec] = PanelState{Content: &c}
	}
	bw, _ := l.Inner(Article)
	if l.Sections[Article].Empty() {
		bw = l.Width - 4
	}
	bw = Measure(bw)
	src := SplitBody(a)
	r, err := NewBodyRenderer(bw, st.Glamour)
	if err != nil {
		t.Fatal(err)
	}
	body := NewBody(src, bw)
	body.Add(RenderBlocks(context.Background(), r, src, 0, len(src.Blocks)))
	s.Body = BodyState{Body: body, Current: -1}
	return s
}

func demandOf(s ReaderState) [3]int {
	return [3]int{Demand(*s.Panels[0].Content), Demand(*s.Panels[1].Content), Demand(*s.Panels[2].Content)}
}

// drawReader lays out and draws a reader screen, as the tui does: the
// layout is computed twice, the second time with the content heights.
func drawReader(t testing.TB, a model.Article, b *model.Brief, w, h int, focus Section, st *Styles) string {
	l := ComputeLayout(w, h, focus, [3]int{})
	s := readerState(t, a, b, l, focus, st)
	l = ComputeLayout(w, h, focus, demandOf(s))
	s = readerState(t, a, b, l, focus, st)
	return Reader(s, l, st)
}

func TestReader(t *testing.T) {
	st := NewStyles(ThemeFor(true), false)
	a, b := fixture()
	ea, eb := emptyFixture()
	for _, sz := range sizes {
		for _, c := range []struct {
			name  string
			a     model.Article
			b     *model.Brief
			focus Section
		}{
			{"saltmere", a, &b, Quotes},
			{"empty", ea, &eb, KeyPoints},
			{"analysing", a, nil, Article},
		} {
			t.Run(fmt.Sprintf("%s_%dx%d", c.name, sz.w, sz.h), func(t *testing.T) {
				out := drawReader(t, c.a, c.b, sz.w, sz.h, c.focus, st)
				checkScreen(t, out, sz.w, sz.h)
				golden.RequireEqual(t, stripANSI(out))
			})
		}
	}
}

// checkScreen asserts that a screen has exactly h rows of exactly w
// cells: wide characters never push a column out of line.
func checkScreen(t *testing.T, out string, w, h int) {
	t.Helper()
	rows := strings.Split(out, "\n")
	if len(rows) != h {
		t.Errorf("screen has %d rows, want %d", len(rows), h)
	}
	for i, r := range rows {
		if got := stringWidth(r); got != w {
			t.Errorf("row %d is %d cells wide, want %d: %q", i, got, w, stripANSI(r))
		}
	}
}

func TestReaderEmptyPanelsSaySo(t *testing.T) {
	st := NewStyles(ThemeFor(true), false)
	a, b := emptyFixture()
	out := stripANSI(drawReader(t, a, &b, 200, 60, KeyPoints, st))
	for _, want := range []string{"No key points in this article", "No quotes in this article", "No phases in this article"} {
		if !strings.Contains(out, want) {
			t.Errorf("screen lacks %q", want)
		}
	}
}

func TestReaderQuotesGroupedBySpeaker(t *testing.T) {
	st := NewStyles(ThemeFor(true), false)
	a, b := fixture()
	out := stripANSI(drawReader(t, a, &b, 200, 60, Quotes, st))
	if n := strings.Count(out, "Ada Brenner, council leader"); n != 1 {
		t.Errorf("speaker line appears %d times, want once for two continued quotes", n)
	}
	if !strings.Contains(out, "1. First phase · eight weeks") {
		t.Errorf("phase 1 with its duration missing:\n%s", out)
	}
}

func TestTooSmall(t *testing.T) {
	st := NewStyles(ThemeFor(true), false)
	a, b := fixture()
	for _, sz := range []struct{ w, h int }{{39, 24}, {80, 9}, {20, 5}, {12, 2}} {
		out := drawReader(t, a, &b, sz.w, sz.h, KeyPoints, st)
		if strings.Contains(out, "\n") {
			t.Errorf("%dx%d: more than one line: %q", sz.w, sz.h, out)
		}
		if w := stringWidth(out); w > sz.w {
			t.Errorf("%dx%d: message is %d cells wide", sz.w, sz.h, w)
		}
		if !strings.Contains(strings.ToLower(stripANSI(out)), "small") {
			t.Errorf("%dx%d: no too-small message: %q", sz.w, sz.h, out)
		}
	}
}

func TestLayoutModes(t *testing.T) {
	for _, c := range []struct {
		w, h int
		want Mode
		// visible is the number of sections on screen.
		visible int
	}{
		{200, 60, ModeWide, 4}, {120, 40, ModeWide, 4}, {119, 40, ModeMedium, 4},
		{80, 24, ModeMedium, 4}, {79, 24, ModeNarrow, 1}, {40, 10, ModeNarrow, 1}, {39, 10, ModeTooSmall, 0},
	} {
		l := ComputeLayout(c.w, c.h, Quotes, [3]int{5, 30, 2})
		if l.Mode != c.want {
			t.Errorf("%dx%d: mode %d, want %d", c.w, c.h, l.Mode, c.want)
		}
		n := 0
		for _, r := range l.Sections {
			if !r.Empty() {
				n++
				if r.X+r.W > c.w || r.Y+r.H > c.h-1 {
					t.Errorf("%dx%d: section %+v off screen", c.w, c.h, r)
				}
			}
		}
		if n != c.visible {
			t.Errorf("%dx%d: %d sections visible, want %d", c.w, c.h, n, c.visible)
		}
		if c.want == ModeNarrow && l.Sections[Quotes].Empty() {
			t.Errorf("%dx%d: focused section hidden", c.w, c.h)
		}
	}
}

func TestLibrary(t *testing.T) {
	st := NewStyles(ThemeFor(true), false)
	a, b := fixture()
	ea, _ := emptyFixture()
	rows := []LibraryRow{
		{Title: a.Title, Source: a.Source, Published: a.Published, Quotes: len(b.Quotes), Phases: len(b.Phases), Analyzed: true},
		{Title: "東京の新しい図書館が開館、蔵書は百万冊 📚", Source: "Pacific Rim Dispatch", Published: a.Published.AddDate(0, 0, -1)},
		{Title: ea.Title, Analyzed: true},
	}
	for _, sz := range sizes {
		t.Run(fmt.Sprintf("%dx%d", sz.w, sz.h), func(t *testing.T) {
			out := Library(LibraryState{Rows: rows, Shown: 3, Total: 3, Selected: 1, Footer: "footer"}, sz.w, sz.h, st)
			checkScreen(t, out, sz.w, sz.h)
			golden.RequireEqual(t, stripANSI(out))
		})
	}
}

func TestStringWidthFastPath(t *testing.T) {
	for _, s := range []string{
		"plain", "“quoted” — dash…", "\x1b[1mbold\x1b[m", "漢字", "🎣 fish", "e\u0301", "\x1b]8;;https://x\x1b\\l\x1b]8;;\x1b\\",
		"┏━┓│", "ÅÄÖ åäö", "Ελληνικά", "Кириллица", "👩‍👩‍👧", "a\u200db", "\u00ad", "x\ufe0f",
	} {
		if got, want := stringWidth(s), xansi.StringWidth(s); got != want {
			t.Errorf("stringWidth(%q) = %d, want %d", s, got, want)
		}
	}
}

func TestReaderNarrow(t *testing.T) {
	st := NewStyles(ThemeFor(true), false)
	a, b := fixture()
	for _, focus := range []Section{Quotes, Article} {
		t.Run(fmt.Sprintf("%s_60x20", strings.ReplaceAll(strings.ToLower(focus.String()), " ", "")), func(t *testing.T) {
			out := drawReader(t, a, &b, 60, 20, focus, st)
			checkScreen(t, out, 60, 20)
			plain := stripANSI(out)
			if !strings.Contains(plain, "1 Key points 2 │ 2 Quotes 3 │ 3 Phases 3 │ 4 Article") {
				t.Errorf("no tab bar:\n%s", plain)
			}
			golden.RequireEqual(t, plain)
		})
	}
}

// TestHeaderMarks: the user's marks sit between the title and the
// position, long tag lists are cut to a third of the row, and the row
// keeps its width.
func TestHeaderMarks(t *testing.T) {
	st := NewStyles(ThemeFor(true), true)
	a := model.Article{Title: "Council approves the harbour wall after a long night of debate"}
	for _, tc := range []struct {
		marks      ReaderMarks
		want, lose []string
	}{
		{ReaderMarks{}, []string{"Council approves", " 2/7"}, []string{"★", "#"}},
		{ReaderMarks{Starred: true, Tags: []string{"ports"}}, []string{"★ #ports 2/7"}, nil},
		{ReaderMarks{Archived: true, Note: true}, []string{"archived ✎ 2/7"}, []string{"★"}},
		{ReaderMarks{Starred: true, Tags: []string{"one", "two", "three", "four", "five", "six", "seven"}},
			[]string{"★ #one #two", "… 2/7"}, []string{"#seven"}},
	} {
		rows := Header(&a, tc.marks, 2, 7, 80, st)
		row := stripANSI(rows[0])
		if w := stringWidth(row); w != 80 {
			t.Errorf("%+v: row is %d cells wide, want 80: %q", tc.marks, w, row)
		}
		for _, s := range tc.want {
			if !strings.Contains(row, s) {
				t.Errorf("%+v: row %q lacks %q", tc.marks, row, s)
			}
		}
		for _, s := range tc.lose {
			if strings.Contains(row, s) {
				t.Errorf("%+v: row %q has %q", tc.marks, row, s)
			}
		}
	}
}
