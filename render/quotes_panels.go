package render

// The Quotes screen's two panels, the quote list and the Speakers panel,
// and the entries they are made of.

import (
	"fmt"
	"strings"
)

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
