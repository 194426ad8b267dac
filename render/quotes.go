package render

import (
	"fmt"
	"strconv"
	"time"
)

// QuoteEntry is one entry of the Quotes screen's list: a speaker
// heading, or one of that speaker's quotes with the article it is from.
type QuoteEntry struct {
	// Heading is true for a speaker heading, false for a quote.
	Heading bool
	// Speaker and Role name the speaker ("" for unattributed quotes);
	// Count is the number of the speaker's quotes listed (headings only).
	Speaker, Role string
	Count         int
	// Text is the quote; Partial marks a fragment woven into a sentence.
	Text    string
	Partial bool
	// Title, Source and Published describe the quote's article.
	Title, Source string
	Published     time.Time
	// Mark is the mark on the quote: "checked", "flagged", "starred" or
	// "". By is who made it, as initials, in a shared review ("" in one's
	// own review).
	Mark, By string
	// Note is the reviewers' note on the quote, "" for none; NoteBy who
	// wrote it, as By. The list marks a quote with a note; the selected
	// quote shows it whole.
	Note, NoteBy string
}

// SpeakerEntry is one speaker of the Speakers panel.
type SpeakerEntry struct {
	// Name is the speaker ("" for the unattributed quotes); Kind is
	// "person", "organization", "group" or "".
	Name, Kind string
	// Roles are the roles the articles give, most frequent first.
	Roles []string
	// Quotes and Articles count the speaker's quotes and the articles
	// they are from.
	Quotes, Articles int
	// FirstSeen and LastSeen are the earliest and latest publication
	// dates of those articles (zero when undated).
	FirstSeen, LastSeen time.Time
	// Progress shows how many of the speaker's quotes are Checked.
	Progress bool
	Checked  int
}

// QuotesPane is a part of the Quotes screen that can have focus.
type QuotesPane int

// The Quotes screen's panes.
const (
	// PaneQuotes is the list of quotes grouped by speaker.
	PaneQuotes QuotesPane = iota
	// PaneSpeakers is the Speakers panel.
	PaneSpeakers
)

// QuotesState is everything the Quotes screen draws.
type QuotesState struct {
	// Entries are the list entries on screen, from entry Offset of
	// Total; Selected is the selected quote's index in Entries (-1 when
	// it is not on screen). Position is the selected quote's number
	// among the Shown quotes (1-based, 0 for none).
	Entries       []QuoteEntry
	Selected      int
	Offset, Total int
	Position      int
	// Sticky, when set, is the heading of the speaker whose quotes
	// continue at the top of the list (their heading scrolled away).
	Sticky *QuoteEntry
	// Speakers are the Speakers panel's entries on screen, from speaker
	// SpeakerOffset of SpeakerTotal; SpeakerSelected is the index in
	// Speakers of the selected quote's speaker (-1 when off screen).
	Speakers        []SpeakerEntry
	SpeakerSelected int
	SpeakerOffset   int
	SpeakerTotal    int
	// Focus is the pane the keys move in.
	Focus QuotesPane
	// Quotes is the number of quotes in the library, Shown the number
	// the filter lets through, Articles the number of articles quoted.
	Quotes, Shown, Articles int
	// Filter is the filter line (the input, already drawn) when
	// filtering or filtered, else ""; Query is the filter's text.
	Filter, Query string
	// Unchecked is true when only the quotes nobody checked are shown.
	Unchecked bool
	// Building is true while the index is built; Spinner is its frame.
	Building bool
	Spinner  string
	// Footer is the last row: help or status, already styled.
	Footer string
	// Paints are NewQuotePaints of the styles drawn with; nil builds
	// them for this frame.
	Paints *QuotePaints
}

// QuotesLayout places the Quotes screen's parts.
type QuotesLayout struct {
	// Mode is ModeWide (list and Speakers side by side), ModeNarrow (one
	// of them under a tab bar) or ModeTooSmall.
	Mode          Mode
	Width, Height int
	// Filter is the filter row, Tabs the tab bar (narrow mode), both
	// empty when absent.
	Filter, Tabs Rect
	// List and Speakers are the boxes of the two panes, borders
	// included; a hidden pane has an empty Rect.
	List, Speakers Rect
}

// ComputeQuotesLayout lays out a w×h Quotes screen: the list and the
// Speakers panel side by side from WideWidth columns, else the focused
// one under a tab bar. filtering adds the filter row.
func ComputeQuotesLayout(w, h int, focus QuotesPane, filtering bool) QuotesLayout {
	l := QuotesLayout{Width: w, Height: h}
	if w < MinWidth || h < MinHeight {
		l.Mode = ModeTooSmall
		return l
	}
	top := 1
	if filtering {
		l.Filter = Rect{0, top, w, 1}
		top++
	}
	bottom := h - 1 // the footer row
	if w >= WideWidth {
		l.Mode = ModeWide
		sw := min(max(w*36/100, 42), 64)
		l.List = Rect{0, top, w - sw, bottom - top}
		l.Speakers = Rect{w - sw, top, sw, bottom - top}
		return l
	}
	l.Mode = ModeNarrow
	l.Tabs = Rect{0, top, w, 1}
	top++
	r := Rect{0, top, w, bottom - top}
	if focus == PaneSpeakers {
		l.Speakers = r
	} else {
		l.List = r
	}
	return l
}

// ListInner is the content size of the quote list (zero when hidden):
// the box less its border, the selection gutter and a margin.
func (l QuotesLayout) ListInner() (w, h int) { return boxInner(l.List) }

// SpeakersInner is the content size of the Speakers panel.
func (l QuotesLayout) SpeakersInner() (w, h int) { return boxInner(l.Speakers) }

func boxInner(r Rect) (int, int) {
	if r.Empty() {
		return 0, 0
	}
	return max(r.W-5, 1), max(r.H-2, 0)
}

// QuotePaints are the styles the Quotes screen applies, reduced to
// paints: applying them is string concatenation. Build them once per
// Styles with NewQuotePaints and pass them in QuotesState.
type QuotePaints struct {
	heading, speaker, role, subtle, unattributed paint
	quote, fragment, accent, empty               paint
	tabOn, tabOff, tabSep                        paint
	marker, dimMarker                            paint
}

// NewQuotePaints builds the Quotes screen's paints for st.
func NewQuotePaints(st *Styles) *QuotePaints {
	return &QuotePaints{
		heading: newPaint(st.Library.Heading), speaker: newPaint(st.Item.Speaker), role: newPaint(st.Item.Role),
		subtle: newPaint(st.Subtle), unattributed: newPaint(st.Item.Unattributed), quote: newPaint(st.Item.Quote),
		fragment: newPaint(st.Item.Fragment), accent: newPaint(st.Accent), empty: newPaint(st.Panel.Empty),
		tabOn: newPaint(st.Tabs.Active), tabOff: newPaint(st.Tabs.Inactive), tabSep: newPaint(st.Tabs.Separator),
		marker: st.Panel.marker, dimMarker: st.Panel.dimMarker,
	}
}

// QuotesScreen draws the Quotes screen on layout l.
func QuotesScreen(s QuotesState, l QuotesLayout, st *Styles) string {
	if l.Mode == ModeTooSmall {
		return TooSmall(l.Width, l.Height, st)
	}
	p := s.Paints
	if p == nil {
		p = NewQuotePaints(st)
	}
	c := NewCanvas(l.Width, l.Height)
	c.Place(0, 0, l.Width, []string{quotesHeading(s, l.Width, p)})
	if !l.Filter.Empty() {
		c.Place(0, l.Filter.Y, l.Width, []string{pad(s.Filter, l.Width)})
	}
	if !l.Tabs.Empty() {
		c.Place(0, l.Tabs.Y, l.Width, []string{quotesTabs(s, l.Width, p)})
	}
	if r := l.List; !r.Empty() {
		c.Place(r.X, r.Y, r.W, quoteListBox(s, r, l.Mode == ModeWide || s.Focus == PaneQuotes, p, st))
	}
	if r := l.Speakers; !r.Empty() {
		c.Place(r.X, r.Y, r.W, speakersBox(s, r, p, st))
	}
	c.Place(0, l.Height-1, l.Width, []string{pad(s.Footer, l.Width)})
	return c.String()
}

// quotesHeading is the screen's first row.
func quotesHeading(s QuotesState, w int, p *QuotePaints) string {
	head := "brief · quotes"
	switch {
	case s.Building && s.Quotes == 0:
		head += " · " + s.Spinner + " indexing…"
	case s.Unchecked:
		head += fmt.Sprintf(" · %d of %s unchecked", s.Shown, plural(s.Quotes, "quote"))
	case s.Shown != s.Quotes:
		head += fmt.Sprintf(" · %d of %s", s.Shown, plural(s.Quotes, "quote"))
	default:
		head += fmt.Sprintf(" · %s · %s · %s", plural(s.Quotes, "quote"), plural(s.SpeakerTotal, "speaker"), plural(s.Articles, "article"))
	}
	if s.Building && s.Quotes > 0 {
		head += " · " + s.Spinner + " updating…"
	}
	return pad(p.heading.do(truncateTail(head, w)), w)
}

// plural is "1 quote", "2 quotes".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// quotesTabs is the narrow layout's tab bar.
func quotesTabs(s QuotesState, w int, p *QuotePaints) string {
	tab := func(name string, on bool) string {
		if on {
			return p.tabOn.do(name)
		}
		return p.tabOff.do(name)
	}
	t := tab(fmt.Sprintf("Quotes %d", s.Shown), s.Focus == PaneQuotes) +
		p.tabSep.do(" │ ") +
		tab(fmt.Sprintf("Speakers %d", s.SpeakerTotal), s.Focus == PaneSpeakers) +
		p.subtle.do("  (tab switches)")
	return pad(t, w)
}
