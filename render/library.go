package render

import (
	"fmt"
	"strings"
	"time"
)

// LibraryRow is one article in the library list.
type LibraryRow struct {
	Title, Source string
	Published     time.Time
	// Quotes and Phases count what analysis found; Analyzed is false
	// until it has run.
	Quotes, Phases int
	Analyzed       bool
	// TitleMatches are the byte offsets of Title the filter matched.
	TitleMatches []int

	// Header, when set, makes the row a day heading ("Today") instead of
	// an article.
	Header string
	// Selected marks the selected row when LibraryState.Selected is -1.
	Selected bool
	// Triage state, drawn when LibraryState.Triage is set: an unread dot,
	// a star, the tags after the title and a mark for a note.
	Unread, Starred, Note bool
	Tags                  []string
}

// LibraryState is everything the library screen draws.
type LibraryState struct {
	// Rows are the rows on screen: Shown[Offset:Offset+n].
	Rows []LibraryRow
	// Shown is the number of articles the filter lets through; Total the
	// number loaded.
	Shown, Total int
	// Selected is the selected row of all shown; Offset the index of
	// Rows[0] among them. With Selected -1 the rows mark the selected
	// one themselves (LibraryRow.Selected).
	Selected, Offset int
	// Tabs, when any, are drawn as a tab bar under the heading.
	Tabs []Tab
	// Triage draws each row's triage state (see LibraryRow).
	Triage bool
	// Filter is the filter line (the input, already drawn) when
	// filtering or filtered, else "".
	Filter string
	// Loading is true while sources load; Spinner is its frame and
	// Progress says how far loading has got ("12/40 sources"), if known.
	Loading  bool
	Spinner  string
	Progress string
	// Empty is what to say when there are no articles at all (an empty
	// folder, watched); "" says "No articles".
	Empty string
	// Errors are load failures to mention; ErrorsKey is the key that
	// lists them all.
	Errors    []string
	ErrorsKey string
	// Footer is the last row: help or status, already styled.
	Footer string
	// Cache, when set, keeps the rows drawn for the next frame.
	Cache *RowCache
}

// LibraryListHeight is the number of list rows a w×h library screen
// shows (for paging).
func LibraryListHeight(h int, filtering bool, errs int) int {
	n := h - 3 // heading, column titles, footer
	if filtering {
		n--
	}
	if errs > 0 {
		n--
	}
	return max(n, 1)
}

// Library draws the library screen at w×h.
func Library(s LibraryState, w, h int, st *Styles) string {
	if w < MinWidth || h < MinHeight {
		return TooSmall(w, h, st)
	}
	rows := make([]string, 0, h)
	head := "brief · library"
	switch {
	case s.Loading:
		head += fmt.Sprintf(" · %s · %s loading… %s", plural(s.Total, "article"), s.Spinner, s.Progress)
	case s.Total > 0 && s.Shown != s.Total:
		head += fmt.Sprintf(" · %d of %s", s.Shown, plural(s.Total, "article"))
	default:
		head += " · " + plural(s.Total, "article")
	}
	rows = append(rows, pad(st.Library.Heading.Render(truncateTail(head, w)), w))
	if len(s.Tabs) > 0 {
		rows = append(rows, TabBar(s.Tabs, w, st))
	}
	if s.Filter != "" {
		rows = append(rows, pad(s.Filter, w))
	}
	if len(s.Errors) > 0 {
		n := plural(len(s.Errors), "source")
		msg := fmt.Sprintf("%s failed: %s", n, Line(s.Errors[0]))
		if s.ErrorsKey != "" {
			msg = fmt.Sprintf("%s failed · %s lists them · %s", n, s.ErrorsKey, Line(s.Errors[0]))
		}
		rows = append(rows, pad(st.Error.Render(truncateTail(msg, w)), w))
	}

	dateW, countW := 10, 18
	srcW := 0
	if w >= 90 {
		srcW = min(24, w/5)
	}
	flagW := 3 * boolInt(s.Triage)
	titleW := max(w-2-flagW-dateW-2-countW-2-srcW-boolInt(srcW > 0)*2, 10)
	cols := "  " + strings.Repeat(" ", flagW) + pad("Date", dateW) + "  " + pad("Title", titleW)
	if srcW > 0 {
		cols += "  " + pad("Source", srcW)
	}
	cols += "  " + "Quotes · Phases"
	rows = append(rows, pad(st.Subtle.Render(cols), w))

	listH := h - len(rows) - 1
	if s.Shown == 0 && !s.Loading {
		msg := "No articles"
		if s.Total == 0 && s.Empty != "" {
			msg = truncateTail(Line(s.Empty), max(w-2, 1))
		}
		if s.Total > 0 {
			msg = "No articles match the filter"
		}
		if s.Total > 0 && len(s.Tabs) > 0 && s.Filter == "" {
			msg = "No articles in this view"
		}
		rows = append(rows, pad(st.Panel.Empty.Render("  "+msg), w))
	}
	for i := 0; i < len(s.Rows) && i < listH; i++ {
		r := s.Rows[i]
		if r.Header != "" {
			rows = append(rows, DayHeader(r.Header, w, st))
			continue
		}
		sel := s.Offset+i == s.Selected || r.Selected
		if s.Cache != nil {
			rows = append(rows, s.Cache.row(r, sel, s.Triage, w, dateW, titleW, srcW, countW, st))
		} else {
			rows = append(rows, libraryRow(r, sel, s.Triage, w, dateW, titleW, srcW, countW, st))
		}
	}
	if s.Cache != nil {
		s.Cache.next()
	}
	for len(rows) < h-1 {
		rows = append(rows, strings.Repeat(" ", w))
	}
	rows = append(rows, pad(s.Footer, w))
	return strings.Join(rows, "\n")
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// libraryRow draws one article row.
func libraryRow(r LibraryRow, selected, triage bool, w, dateW, titleW, srcW, countW int, st *Styles) string {
	cursor := "  "
	if selected {
		cursor = st.Library.Cursor.Render("▌") + " "
	}
	// The title comes first; tags take what room it leaves, and are
	// dropped when that is too little to read one.
	plain := truncateTail(Line(r.Title), titleW)
	tags := ""
	if triage {
		tags = triageTags(r, st)
		if room := titleW - stringWidth(plain); stringWidth(tags) > room {
			tags = ""
			if room >= 6 {
				tags = truncateTail(triageTags(r, st), room)
			}
		}
	}
	title := titleWithMatches(plain, r.TitleMatches, st) + tags
	var b strings.Builder
	b.WriteString(cursor)
	if triage {
		b.WriteString(triageGlyphs(r, st))
	}
	date := FormatDate(r.Published, false)
	if r.Published.IsZero() {
		date = "undated" // filed under the day it was first seen, and saying so
	}
	b.WriteString(st.Library.Date.Render(pad(date, dateW)))
	b.WriteString("  ")
	b.WriteString(pad(title, titleW))
	if srcW > 0 {
		b.WriteString("  ")
		b.WriteString(st.Library.Source.Render(pad(truncateTail(Line(r.Source), srcW), srcW)))
	}
	b.WriteString("  ")
	counts := "…"
	if r.Analyzed {
		counts = fmt.Sprintf("%2d q · %d ph", r.Quotes, r.Phases)
		b.WriteString(st.Library.Counts.Render(pad(counts, countW)))
	} else {
		b.WriteString(st.Library.Pending.Render(pad(counts, countW)))
	}
	line := pad(b.String(), w)
	if selected {
		return st.Library.Selected.Render(stripANSI(line))
	}
	return line
}

// titleWithMatches styles a title, marking the matched byte offsets.
func titleWithMatches(title string, matches []int, st *Styles) string {
	if len(matches) == 0 {
		return st.Library.Title.Render(title)
	}
	is := make(map[int]bool, len(matches))
	for _, m := range matches {
		is[m] = true
	}
	var b strings.Builder
	for i, r := range title {
		if is[i] {
			b.WriteString(st.Library.FuzzyMatch.Render(string(r)))
		} else {
			b.WriteString(st.Library.Title.Render(string(r)))
		}
	}
	return b.String()
}
