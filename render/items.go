package render

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"charm.land/lipgloss/v2"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/report"
)

// PanelContent is the text of one side panel (key points, quotes or
// phases) wrapped to a width: its lines and where each selectable item
// lies among them.
type PanelContent struct {
	// Lines are the styled lines, each at most the width it was built for.
	Lines []string
	// Items locate the selectable entries, in order.
	Items []ItemSpan
	// Empty is true when the panel has nothing to show but its notice.
	Empty bool
}

// ItemSpan locates one item: Lines[Start:End] belong to it (a quote's
// first item also owns its speaker line) and its own text starts at Text.
type ItemSpan struct {
	Start, Text, End int
}

// Height is the number of lines of content.
func (c *PanelContent) Height() int {
	if c == nil {
		return 0
	}
	return len(c.Lines)
}

// builder accumulates panel lines.
type builder struct {
	c     PanelContent
	width int
}

// add wraps text to the width minus indent, styles each line and
// appends it with indent before; first replaces the indent on the first
// line (a bullet or a number).
func (b *builder) add(text string, st lipgloss.Style, indent int, first string) {
	w := max(b.width-indent, 1)
	pre := strings.Repeat(" ", indent)
	for i, l := range wrap(Line(text), w) {
		p := pre
		if i == 0 && first != "" {
			p = first
		}
		b.c.Lines = append(b.c.Lines, p+st.Render(l))
	}
}

func (b *builder) blank() { b.c.Lines = append(b.c.Lines, "") }

func (b *builder) empty(msg string, st *Styles) PanelContent {
	b.add(msg, st.Panel.Empty, 0, "")
	b.c.Empty = true
	return b.c
}

// KeyPointsContent lays out the key points at width.
func KeyPointsContent(br *model.Brief, width int, st *Styles) PanelContent {
	b := &builder{width: width}
	if br == nil || len(br.KeyPoints) == 0 {
		return b.empty("No key points in this article", st)
	}
	switch {
	case br.KeyPointsHeading != "":
		b.add(br.KeyPointsHeading, st.Item.Heading, 0, "")
	case br.KeyPoints[0].Derived:
		b.add("Chosen by brief: the article has no key-point section", st.Item.Derived, 0, "")
	}
	for i, k := range br.KeyPoints {
		if i > 0 || len(b.c.Lines) > 0 {
			b.blank()
		}
		start := len(b.c.Lines)
		b.add(k.Text, st.Item.Text, 2, st.Item.Bullet.Render("•")+" ")
		b.c.Items = append(b.c.Items, ItemSpan{Start: start, Text: start, End: len(b.c.Lines)})
	}
	return b.c
}

// QuoteMark is one quote's review as the Quotes panel draws it: the mark
// ("checked", "flagged", "starred" or "") and the reviewers' note ("" for
// none), each, in a shared review, with the initials of who made it (""
// otherwise).
type QuoteMark struct {
	Mark, By     string
	Note, NoteBy string
}

// QuotesContent lays out the quotes at width: each speaker (and role)
// once, then the quotes in a row that are theirs. marks, when not nil,
// holds the review of each quote of br: the mark drawn before the quote,
// with who made it after, and the note under it.
func QuotesContent(br *model.Brief, marks []QuoteMark, width int, st *Styles) PanelContent {
	b := &builder{width: width}
	if br == nil || len(br.Quotes) == 0 {
		return b.empty("No quotes in this article", st)
	}
	k := 0 // index of the quote in br.Quotes: groups keep their order
	for gi, g := range report.GroupQuotes(br.Quotes) {
		if gi > 0 {
			b.blank()
		}
		head := len(b.c.Lines)
		b.speaker(g.Speaker, g.Role, st)
		for qi, q := range g.Quotes {
			glyph, by := "", ""
			var mk QuoteMark
			if k < len(marks) {
				mk = marks[k]
				if m := MarkGlyph(mk.Mark); m != "" {
					glyph, by = st.Accent.Render(m)+" ", Line(mk.By)
				}
			}
			k++
			start := len(b.c.Lines)
			if qi == 0 {
				start = head
			}
			text := len(b.c.Lines)
			quote := "“" + strings.TrimSpace(q.Text) + "”"
			style := st.Item.Quote
			if q.Partial {
				quote = "…" + quote + "…"
				style = st.Item.Fragment
			}
			b.add(quote, style, 2, glyph)
			if by != "" {
				b.byline(by, st)
			}
			if note := Line(mk.Note); note != "" {
				b.add(note, st.Subtle, 4, "  "+st.Accent.Render(NoteGlyph)+" ")
				if nb := Line(mk.NoteBy); nb != "" {
					b.byline(nb, st)
				}
			}
			b.c.Items = append(b.c.Items, ItemSpan{Start: start, Text: text, End: len(b.c.Lines)})
		}
	}
	return b.c
}

// byline puts who marked a quote after its last line, or on a line of
// its own when it does not fit there.
func (b *builder) byline(by string, st *Styles) {
	tag := " · " + by
	last := len(b.c.Lines) - 1
	if stringWidth(stripANSI(b.c.Lines[last]))+stringWidth(tag) <= b.width {
		b.c.Lines[last] += st.Subtle.Render(tag)
		return
	}
	b.c.Lines = append(b.c.Lines, "  "+st.Subtle.Render(truncateTail(by, max(b.width-2, 1))))
}

// speaker adds a speaker line: the name in bold, then the role.
func (b *builder) speaker(name, role string, st *Styles) {
	if name == "" {
		b.add("Unattributed", st.Item.Unattributed, 0, "")
		return
	}
	name, role = Line(name), Line(role)
	if role == "" || strings.EqualFold(role, name) {
		b.add(name, st.Item.Speaker, 0, "")
		return
	}
	// Name and role on one line when they fit, else the role below.
	if stringWidth(name)+2+stringWidth(role) <= b.width {
		b.c.Lines = append(b.c.Lines, st.Item.Speaker.Render(name)+st.Item.Role.Render(", "+role))
		return
	}
	b.add(name, st.Item.Speaker, 0, "")
	b.add(role, st.Item.Role, 2, "")
}

// PhasesContent lays out the phases at width, numbered as the article
// numbers them, with their durations.
func PhasesContent(br *model.Brief, width int, st *Styles) PanelContent {
	b := &builder{width: width}
	if br == nil || len(br.Phases) == 0 {
		return b.empty("No phases in this article", st)
	}
	for i, p := range br.Phases {
		if i > 0 {
			b.blank()
		}
		start := len(b.c.Lines)
		num := fmt.Sprintf("%d", p.N)
		head := capitalize(Line(p.Label))
		if head == "" {
			head = "Phase " + num
		}
		line := st.Item.PhaseNumber.Render(num+".") + " " + st.Item.PhaseLabel.Render(head)
		if p.Duration != "" {
			line += st.Subtle.Render(" · ") + st.Item.Duration.Render(Line(p.Duration))
		}
		if stringWidth(line) <= width {
			b.c.Lines = append(b.c.Lines, line)
		} else {
			b.add(head, st.Item.PhaseLabel, 3, st.Item.PhaseNumber.Render(num+".")+" ")
			if p.Duration != "" {
				b.add(Line(p.Duration), st.Item.Duration, 3, "")
			}
		}
		if p.Summary != "" {
			b.add(p.Summary, st.Item.Summary, 3, "")
		}
		b.c.Items = append(b.c.Items, ItemSpan{Start: start, Text: start, End: len(b.c.Lines)})
	}
	return b.c
}

func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
