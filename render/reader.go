package render

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/brief-reader/brief/model"
)

// PanelState is what the reader shows of one side panel.
type PanelState struct {
	// Content is the panel's text at the panel's inner width.
	Content *PanelContent
	// Selected is the selected item; Offset the first line shown.
	Selected, Offset int
}

// BodyState is what the reader shows of the article body.
type BodyState struct {
	// Body is the rendered body, or nil while it renders.
	Body *Body
	// Offset is the first line shown.
	Offset int
	// Highlight marks the words followed from a panel.
	Highlight Match
	// Matches are the search matches; Current the one n/N is on (-1 for
	// none).
	Matches []Match
	Current int
	// Cache, when not nil, keeps the marked lines drawn in earlier
	// frames. Its owner replaces it whenever Body, Highlight, Matches or
	// Current change.
	Cache *MarkCache
}

// MarkCache keeps body lines already drawn with their marks, so that a
// frame whose marks did not change draws no mark again.
type MarkCache struct {
	lines map[int]string
}

// NewMarkCache returns an empty cache.
func NewMarkCache() *MarkCache { return &MarkCache{lines: map[int]string{}} }

// ReaderState is everything the reader screen draws.
type ReaderState struct {
	Article *model.Article
	// Brief is nil while the article is analysed.
	Brief *model.Brief
	// Index and Total place the article in the library (1-based Index).
	Index, Total int
	Focus        Section
	Panels       [3]PanelState
	Body         BodyState
	// Footer is the last row: help or status, already styled.
	Footer string
	// Spinner is drawn in panels and body while work is under way.
	Spinner string
	// Marks are the user's triage marks on the article, drawn in the
	// header.
	Marks ReaderMarks
}

// ReaderMarks is the user's triage state of the open article: a star,
// archived, tags and whether it has a note.
type ReaderMarks struct {
	Starred, Archived, Note bool
	Tags                    []string
}

// TooSmall is the one-line message shown when the terminal is below
// the minimum size.
func TooSmall(w, h int, st *Styles) string {
	msg := fmt.Sprintf("Terminal too small (%dx%d): brief needs at least %dx%d", w, h, MinWidth, MinHeight)
	if w < stringWidth(msg) {
		msg = fmt.Sprintf("Too small: need %dx%d", MinWidth, MinHeight)
	}
	return st.Error.Render(truncateTail(msg, max(w, 1)))
}

// Reader draws the reader screen on layout l.
func Reader(s ReaderState, l Layout, st *Styles) string {
	if l.Mode == ModeTooSmall {
		return TooSmall(l.Width, l.Height, st)
	}
	c := NewCanvas(l.Width, l.Height)
	c.Place(0, 0, l.Width, Header(s.Article, s.Marks, s.Index, s.Total, l.Width, st))
	if !l.Tabs.Empty() {
		c.Place(l.Tabs.X, l.Tabs.Y, l.Tabs.W, []string{Tabs(s, l.Tabs.W, st)})
	}
	for sec := KeyPoints; sec < NumSections; sec++ {
		r := l.Sections[sec]
		if r.Empty() {
			continue
		}
		c.Place(r.X, r.Y, r.W, sectionRows(s, sec, r, st))
	}
	c.Place(0, l.Footer.Y, l.Width, []string{pad(s.Footer, l.Width)})
	return c.String()
}

// Header draws the two header rows: title, the user's marks and the
// position, then source, date, byline and credit.
func Header(a *model.Article, marks ReaderMarks, index, total, w int, st *Styles) []string {
	if a == nil {
		return []string{pad("", w), pad("", w)}
	}
	pos := ""
	if total > 0 {
		pos = fmt.Sprintf(" %d/%d", index, total)
	}
	right := headerMarks(marks, w/3, st) + st.Header.Position.Render(pos)
	rightW := stringWidth(right)
	title := truncateTail(Line(a.Title), max(w-rightW, 1))
	row1 := st.Header.Title.Render(title)
	row1 = pad(row1, w-rightW) + right
	var meta []string
	for _, m := range []string{SourceName(*a), FormatDate(a.Published, true), a.Byline, a.Credit} {
		if m = Line(m); m != "" {
			meta = append(meta, m)
		}
	}
	row2 := st.Header.Meta.Render(truncateTail(strings.Join(meta, " · "), w))
	return []string{pad(row1, w), pad(row2, w)}
}

// headerMarks draws the marks of the open article in at most w cells:
// a star, then "archived", the tags and a note mark; "" for none.
func headerMarks(m ReaderMarks, w int, st *Styles) string {
	var parts []string
	if m.Archived {
		parts = append(parts, "archived")
	}
	for _, t := range m.Tags {
		parts = append(parts, "#"+Line(t))
	}
	if m.Note {
		parts = append(parts, "✎")
	}
	out := ""
	if m.Starred {
		out = " " + st.Item.Duration.Render("★")
		w -= 2
	}
	if len(parts) > 0 && w > 2 {
		out += " " + st.Subtle.Render(truncateTail(strings.Join(parts, " "), w-1))
	}
	return out
}

// SourceName is what the reader names as an article's source: the
// publication when known, else the file or address it was loaded from.
func SourceName(a model.Article) string {
	if a.Source != "" {
		return a.Source
	}
	o := strings.TrimPrefix(a.Origin, "sample:")
	switch {
	case o == "":
		return ""
	case o == "-":
		return "standard input"
	case strings.Contains(o, "://"):
		return o
	}
	return filepath.Base(o)
}

// FormatDate formats a publication time for display: "Tue 24 Nov 2026
// 08:30" in long form, "2026-11-24" in short form; "undated" (long) or
// "—" (short) when unknown.
func FormatDate(t time.Time, long bool) string {
	if t.IsZero() {
		if long {
			return "undated"
		}
		return "—"
	}
	if long {
		if t.Hour() == 0 && t.Minute() == 0 {
			return t.Format("Mon 2 Jan 2006")
		}
		return t.Format("Mon 2 Jan 2006 15:04")
	}
	return t.Format("2006-01-02")
}

// tabSep separates the tab bar's tabs.
const tabSep = " │ "

// tabName is the label of section sec in the tab bar.
func tabName(s ReaderState, sec Section) string {
	name := fmt.Sprintf("%d %s", sec+1, sec)
	if n := count(s, sec); n >= 0 {
		name += fmt.Sprintf(" %d", n)
	}
	return name
}

// TabAt returns the section whose tab covers column x of a tab bar w
// cells wide drawn by Tabs.
func TabAt(s ReaderState, w, x int) (Section, bool) {
	at := 0
	for sec := KeyPoints; sec < NumSections; sec++ {
		if sec > 0 {
			at += stringWidth(tabSep)
		}
		n := stringWidth(tabName(s, sec))
		if x >= at && x < at+n && x < w {
			return sec, true
		}
		at += n
	}
	return 0, false
}

// Tabs draws the narrow layout's tab bar with the focused section
// active.
func Tabs(s ReaderState, w int, st *Styles) string {
	var b strings.Builder
	for sec := KeyPoints; sec < NumSections; sec++ {
		if sec > 0 {
			b.WriteString(st.Tabs.Separator.Render(tabSep))
		}
		name := tabName(s, sec)
		if sec == s.Focus {
			if st.Plain {
				name = "[" + name + "]"
			}
			b.WriteString(st.Tabs.Active.Render(name))
		} else {
			b.WriteString(st.Tabs.Inactive.Render(name))
		}
	}
	return pad(b.String(), w)
}

// count is the number of items in a side panel, or -1.
func count(s ReaderState, sec Section) int {
	if s.Brief == nil {
		return -1
	}
	switch sec {
	case KeyPoints:
		return len(s.Brief.KeyPoints)
	case Quotes:
		return len(s.Brief.Quotes)
	case Phases:
		return len(s.Brief.Phases)
	}
	return -1
}

// SectionBox draws one section alone in a box of r's size.
func SectionBox(s ReaderState, sec Section, r Rect, st *Styles) string {
	return strings.Join(sectionRows(s, sec, r, st), "\n")
}

func sectionRows(s ReaderState, sec Section, r Rect, st *Styles) []string {
	if sec == Article {
		return bodyBox(s, r, st)
	}
	return panelBox(s, sec, r, st)
}

// panelBox draws one side panel in r.
func panelBox(s ReaderState, sec Section, r Rect, st *Styles) []string {
	p := s.Panels[sec]
	focused := s.Focus == sec
	title := sec.String()
	if n := count(s, sec); n > 0 {
		title = fmt.Sprintf("%d %s (%d)", sec+1, sec, n)
	} else {
		title = fmt.Sprintf("%d %s", sec+1, sec)
	}
	innerH := max(r.H-2, 0)
	if r.H == 1 && p.Content != nil && p.Content.Empty {
		return []string{collapsedLine(title, *p.Content, r.W, focused, st)}
	}
	if p.Content == nil {
		return Box([]string{" " + s.Spinner + " analysing…"}, r.W, r.H, title, "", focused, st)
	}
	lines := PanelLines(p, innerH, focused, st)
	note := scrollNote(p.Offset, innerH, p.Content.Height())
	return Box(lines, r.W, r.H, title, note, focused, st)
}

// plainMark is the margin mark of body line i on a terminal without text
// attributes: ▶ for the highlighted words, » for the current search
// match, › for other matches.
func plainMark(i int, highlighted bool, s BodyState) string {
	switch {
	case highlighted:
		return "▶"
	case s.Current >= 0 && s.Current < len(s.Matches) && s.Matches[s.Current].Line() == i:
		return "»"
	}
	return "›"
}

// collapsedLine draws a panel with nothing to show as one line: its
// title and its notice in the top border ("─ 3 Phases · No phases in this
// article ───"), heavy when focused.
func collapsedLine(title string, c PanelContent, w int, focused bool, st *Styles) string {
	bs, bst, tst := lightBorder, st.Panel.border, st.Panel.title
	if focused {
		bs, bst, tst = heavyBorder, st.Panel.focusBorder, st.Panel.focusTitle
	}
	note := ""
	if len(c.Lines) > 0 {
		note = " · " + stripANSI(c.Lines[0])
	}
	if stringWidth(" "+title+note+" ") > w-2 {
		note = " · none" // the notice does not fit: say it short
	}
	text := truncateTail(" "+title+st.Panel.Empty.Render(note)+" ", max(w-2, 0))
	return bst.do(bs.h) + tst.do(text) + bst.do(strings.Repeat(bs.h, max(w-1-stringWidth(text), 0)))
}

// PanelLines returns the visible lines of a panel, each with a one-cell
// gutter that marks the selected item.
func PanelLines(p PanelState, height int, focused bool, st *Styles) []string {
	c := p.Content
	out := make([]string, 0, height)
	var sel ItemSpan
	if p.Selected >= 0 && p.Selected < len(c.Items) {
		sel = c.Items[p.Selected]
	} else {
		sel = ItemSpan{-1, -1, -1}
	}
	m := st.Panel.marker.do("▌")
	if !focused {
		m = st.Panel.dimMarker.do("›")
	}
	for i := p.Offset; i < len(c.Lines) && len(out) < height; i++ {
		g := " "
		if focused && i >= sel.Text && i < sel.End || !focused && i == sel.Text {
			g = m
		}
		out = append(out, g+" "+c.Lines[i])
	}
	return out
}

// scrollNote is the position shown in a box's bottom border when its
// content does not fit: "12–20 of 45".
func scrollNote(offset, height, total int) string {
	if total <= height || height <= 0 {
		return ""
	}
	last := min(offset+height, total)
	return fmt.Sprintf("%d–%d of %d", offset+1, last, total)
}

// bodyBox draws the article body in r.
func bodyBox(s ReaderState, r Rect, st *Styles) []string {
	focused := s.Focus == Article
	title := "4 Article"
	innerW, innerH := max(r.W-4, 1), max(r.H-2, 0)
	b := s.Body.Body
	if b == nil {
		return Box([]string{" " + s.Spinner + " rendering…"}, r.W, r.H, title, "", focused, st)
	}
	lines := BodyLines(s.Body, innerW, innerH, st)
	note := scrollNote(s.Body.Offset, innerH, len(b.Lines))
	if !b.Complete() {
		note = s.Spinner + " rendering… " + note
	}
	if n := len(s.Body.Matches); n > 0 && s.Body.Current >= 0 {
		note = fmt.Sprintf("match %d/%d · %s", s.Body.Current+1, n, note)
	}
	return Box(lines, r.W, r.H, title, note, focused, st)
}

// MaxMeasure is the widest the article text is wrapped, in cells: longer
// lines are hard to read, so on a wide screen the text keeps this
// measure and is centred in its box.
const MaxMeasure = 100

// Measure returns the wrap width of the article body in a box whose
// content area is inner cells wide.
func Measure(inner int) int { return min(inner, MaxMeasure) }

// BodyLines returns the visible body lines with highlights and search
// matches drawn over them, indented by one cell and centred in w cells
// when the body is narrower.
func BodyLines(s BodyState, w, h int, st *Styles) []string {
	b := s.Body
	out := make([]string, 0, h)
	indent := " " + strings.Repeat(" ", max(w-b.Width, 0)/2)
	end := min(s.Offset+h, len(b.Lines))
	for i := max(s.Offset, 0); i < end; i++ {
		if s.Cache != nil {
			if l, ok := s.Cache.lines[i]; ok {
				out = append(out, l)
				continue
			}
		}
		line := b.Lines[i]
		marked := false
		var marks []Mark
		for _, m := range s.Highlight {
			if m.Line == i {
				marks = append(marks, m)
			}
		}
		if len(marks) > 0 {
			line = Overlay(line, marks, st.Body.Highlight)
			marked = true
		}
		if l := overlayMatches(line, i, s, st); l != line {
			line, marked = l, true
		}
		if st.Plain && marked {
			// No reverse video or underline to show it: mark the margin.
			line = plainMark(i, len(marks) > 0, s) + indent[1:] + line
		} else {
			line = indent + line
		}
		if marked && s.Cache != nil {
			s.Cache.lines[i] = line
		}
		out = append(out, line)
	}
	return out
}

// overlayMatches draws the search matches on line i; matches are in
// line order, so a binary search finds the first one.
func overlayMatches(line string, i int, s BodyState, st *Styles) string {
	ms := s.Matches
	lo, hi := 0, len(ms)
	for lo < hi {
		mid := (lo + hi) / 2
		if len(ms[mid]) == 0 || ms[mid][len(ms[mid])-1].Line < i {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	for k := lo; k < len(ms) && ms[k].Line() <= i; k++ {
		style := st.Body.Match
		if k == s.Current {
			style = st.Body.CurrentMatch
		}
		for _, m := range ms[k] {
			if m.Line == i {
				line = Overlay(line, []Mark{m}, style)
			}
		}
	}
	return line
}
