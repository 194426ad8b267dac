package render

import (
	"fmt"
	"strconv"
	"strings"
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

// SpeakerEntryHeight is the number of lines each Speakers panel entry
// takes, its blank separator included.
const SpeakerEntryHeight = 5

// maxQuoteLines bounds the lines the selected quote unfolds to.
const maxQuoteLines = 12

// QuoteEntryHeight is the number of lines entry e takes at content
// width w: a heading two (a blank line, then the name) or one when first
// on screen; a quote two (its text cut to one line, then its article),
// or its whole wrapped text when selected.
func QuoteEntryHeight(e QuoteEntry, selected, first bool, w int) int {
	if e.Heading {
		if first {
			return 1
		}
		return 2
	}
	if !selected {
		return 2
	}
	return len(quoteTextLines(e, true, w)) + len(quoteNoteLines(e, w)) + 1
}

// NoteGlyph is the glyph that shows a quote has a note.
const NoteGlyph = "✎"

// maxNoteLines bounds the lines the selected quote's note unfolds to.
const maxNoteLines = 6

// quoteNoteLines wraps the quote's note, after its glyph, to width w
// less the quote's indent; who wrote it follows the last line when it
// fits there.
func quoteNoteLines(e QuoteEntry, w int) []string {
	note := Line(e.Note)
	if note == "" {
		return nil
	}
	tw := max(w-quoteIndent, 1)
	if by := Line(e.NoteBy); by != "" {
		note += " · " + by
	}
	ls := wrap(NoteGlyph+" "+note, tw)
	if len(ls) > maxNoteLines {
		ls = ls[:maxNoteLines]
		ls[maxNoteLines-1] = truncateTail(ls[maxNoteLines-1]+" …", tw)
	}
	return ls
}

// quoteText is the quote as the list shows it, in quotation marks.
func quoteText(e QuoteEntry) string {
	t := "“" + strings.TrimSpace(Line(e.Text)) + "”"
	if e.Partial {
		t = "…" + t + "…"
	}
	return t
}

// quoteIndent is the width of the mark column before a quote's text.
const quoteIndent = 4

// quoteTextLines wraps (selected) or cuts the quote to width w less
// its indent.
func quoteTextLines(e QuoteEntry, selected bool, w int) []string {
	tw := max(w-quoteIndent, 1)
	t := quoteText(e)
	if !selected {
		return []string{truncateTail(t, tw)}
	}
	ls := wrap(t, tw)
	if len(ls) > maxQuoteLines {
		ls = ls[:maxQuoteLines]
		ls[maxQuoteLines-1] = truncateTail(ls[maxQuoteLines-1]+" …", tw)
	}
	return ls
}

// MarkGlyph is the glyph that shows a quote mark.
func MarkGlyph(mark string) string {
	switch mark {
	case "checked":
		return "✓"
	case "flagged":
		return "⚑"
	case "starred":
		return "★"
	}
	return ""
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

// quoteListBox draws the list of quotes grouped by speaker in r.
func quoteListBox(s QuotesState, r Rect, shown bool, p *QuotePaints, st *Styles) []string {
	focused := s.Focus == PaneQuotes
	w, h := boxInner(r)
	title := "Quotes"
	if s.Shown > 0 {
		title = fmt.Sprintf("Quotes (%d)", s.Shown)
	}
	note := ""
	if s.Position > 0 && s.Shown > 1 {
		note = fmt.Sprintf("%d of %d", s.Position, s.Shown)
	}
	var lines []string
	switch {
	case s.Building && s.Quotes == 0:
		lines = []string{" " + s.Spinner + " indexing the quotes of the library…"}
	case s.Quotes == 0:
		lines = []string{"  " + p.empty.do("No quotes in the loaded articles")}
	case s.Shown == 0 && s.Unchecked && s.Query == "":
		lines = []string{"  " + p.empty.do(truncateTail("Every quote is checked (v shows them all)", w))}
	case s.Shown == 0:
		lines = []string{"  " + p.empty.do(truncateTail("No quote matches “"+Line(s.Query)+"”", w))}
	default:
		lines = quoteListLines(s, w, h, focused, p)
	}
	return Box(lines, r.W, r.H, title, note, focused && shown, st)
}

// quoteListLines draws the entries on screen, each line behind a
// one-cell gutter that marks the selected quote.
func quoteListLines(s QuotesState, w, h int, focused bool, p *QuotePaints) []string {
	out := make([]string, 0, h)
	mark := p.marker.do("▌")
	if !focused {
		mark = p.dimMarker.do("›")
	}
	if s.Sticky != nil {
		out = append(out, "  "+speakerHeading(*s.Sticky, w, true, p))
	}
	for i, e := range s.Entries {
		if len(out) >= h {
			break
		}
		if e.Heading {
			if len(out) > 0 {
				out = append(out, "")
			}
			out = append(out, "  "+speakerHeading(e, w, false, p))
			continue
		}
		sel := i == s.Selected
		g := "  "
		if sel {
			g = mark + " "
		}
		glyph := "  "
		if m := MarkGlyph(e.Mark); m != "" {
			glyph = p.accent.do(m) + " "
		}
		style := p.quote
		if e.Partial {
			style = p.fragment
		}
		for j, t := range quoteTextLines(e, sel, w) {
			lead := "  " + glyph
			if j > 0 {
				lead = "    "
			}
			out = append(out, g+lead+style.do(t))
		}
		if sel {
			for _, t := range quoteNoteLines(e, w) {
				out = append(out, g+"    "+p.accent.do(t))
			}
		}
		meta := []string{truncateTail(Line(e.Title), max(w*3/5, 10))}
		if !e.Published.IsZero() {
			meta = append(meta, FormatDate(e.Published, false))
		}
		if src := Line(e.Source); src != "" {
			meta = append(meta, src)
		}
		room := max(w-quoteIndent, 1)
		who := "" // who marked it, and a note's glyph, kept whole at the end of the line
		if by := Line(e.By); by != "" && MarkGlyph(e.Mark) != "" && stringWidth(by)+8 < room {
			who = " · " + MarkGlyph(e.Mark) + " " + by
			room -= stringWidth(who)
		}
		if Line(e.Note) != "" && !sel {
			n := " · " + NoteGlyph
			if by := Line(e.NoteBy); by != "" {
				n += " " + by
			}
			if stringWidth(n)+8 < room {
				who += n
				room -= stringWidth(n)
			}
		}
		out = append(out, g+"    "+p.subtle.do(truncateTail(strings.Join(meta, " · "), room)+who))
	}
	if len(out) > h {
		out = out[:h]
	}
	return out
}

// speakerHeading is a speaker's line in the list: name, role, count.
func speakerHeading(e QuoteEntry, w int, cont bool, p *QuotePaints) string {
	name := Line(e.Speaker)
	var b strings.Builder
	if name == "" {
		b.WriteString(p.unattributed.do("Unattributed"))
	} else {
		b.WriteString(p.speaker.do(name))
		if role := Line(e.Role); role != "" && !strings.EqualFold(role, name) {
			b.WriteString(p.role.do(", " + role))
		}
	}
	n := " · " + plural(e.Count, "quote")
	if cont {
		n += " (continued)"
	}
	b.WriteString(p.subtle.do(n))
	return truncateTail(b.String(), w)
}

// speakersBox draws the Speakers panel in r.
func speakersBox(s QuotesState, r Rect, p *QuotePaints, st *Styles) []string {
	focused := s.Focus == PaneSpeakers
	w, h := boxInner(r)
	title := "Speakers"
	if s.SpeakerTotal > 0 {
		title = fmt.Sprintf("Speakers (%d)", s.SpeakerTotal)
	}
	note := ""
	if per := (h + 1) / SpeakerEntryHeight; s.SpeakerTotal > per && per > 0 {
		note = fmt.Sprintf("%d–%d of %d", s.SpeakerOffset+1, min(s.SpeakerOffset+per, s.SpeakerTotal), s.SpeakerTotal)
	}
	if len(s.Speakers) == 0 {
		msg := "No speakers"
		if s.Building && s.Quotes == 0 {
			msg = s.Spinner + " indexing…"
		}
		return Box([]string{"  " + p.empty.do(msg)}, r.W, r.H, title, note, focused, st)
	}
	out := make([]string, 0, h)
	mark := p.marker.do("▌")
	if !focused {
		mark = p.dimMarker.do("›")
	}
	for i, sp := range s.Speakers {
		if len(out) >= h {
			break
		}
		if i > 0 {
			out = append(out, "")
		}
		g := "  "
		if i == s.SpeakerSelected {
			g = mark + " "
		}
		for _, l := range speakerLines(sp, w, p) {
			out = append(out, g+l)
		}
	}
	if len(out) > h {
		out = out[:h]
	}
	return Box(out, r.W, r.H, title, note, focused, st)
}

// speakerLines are a speaker's four lines: name and kind, roles,
// counts, and first and last seen.
func speakerLines(sp SpeakerEntry, w int, p *QuotePaints) []string {
	var name string
	if n := Line(sp.Name); n == "" {
		name = p.unattributed.do("Unattributed")
	} else {
		name = p.speaker.do(n)
	}
	if sp.Kind != "" {
		name += p.subtle.do(" · " + Line(sp.Kind))
	}
	roles := p.subtle.do("no role given")
	if len(sp.Roles) > 0 {
		rs := make([]string, len(sp.Roles))
		for i, r := range sp.Roles {
			rs[i] = Line(r)
		}
		roles = p.role.do(truncateTail(strings.Join(rs, "; "), max(w-2, 1)))
	} else if sp.Name == "" {
		roles = p.subtle.do("speaker not found")
	}
	seen := "seen " + FormatDate(sp.FirstSeen, false)
	if !sp.LastSeen.Equal(sp.FirstSeen) {
		seen = "first " + FormatDate(sp.FirstSeen, false) + " · last " + FormatDate(sp.LastSeen, false)
	}
	if sp.FirstSeen.IsZero() {
		seen = "undated"
	}
	counts := plural(sp.Quotes, "quote") + " in " + plural(sp.Articles, "article")
	if sp.Progress {
		counts += fmt.Sprintf(" · ✓ %d/%d", sp.Checked, sp.Quotes)
	}
	return []string{
		truncateTail(name, w),
		"  " + roles,
		"  " + p.subtle.do(truncateTail(counts, max(w-2, 1))),
		"  " + p.subtle.do(truncateTail(seen, max(w-2, 1))),
	}
}
