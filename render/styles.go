package render

import (
	"image/color"
	"strings"

	"charm.land/lipgloss/v2"
)

// Styles is every style brief draws with, built once per program from a
// Theme by NewStyles. Views only apply these; they never build styles.
type Styles struct {
	// Theme is the palette the styles were built from.
	Theme Theme
	// NoColor is true when colors are off (NO_COLOR or a terminal without
	// color): emphasis then relies on bold, underline and reverse video.
	NoColor bool
	// Plain is true on a terminal that draws no text attributes at all
	// (TERM=dumb): what bold, underline and reverse video would show is
	// marked with characters instead (the active tab in brackets, a
	// highlighted body line with ▶ in its margin).
	Plain bool
	// Glamour names the glamour style for article bodies: "dark",
	// "light" or "notty".
	Glamour string

	Header  HeaderStyles
	Panel   PanelStyles
	Item    ItemStyles
	Body    BodyStyles
	Tabs    TabStyles
	Library LibraryStyles

	// Status is the footer's status text.
	Status lipgloss.Style
	// Error is an error message.
	Error lipgloss.Style
	// Subtle is secondary text anywhere.
	Subtle lipgloss.Style
	// Accent is emphasised text anywhere.
	Accent lipgloss.Style
	// HelpKey, HelpDesc and HelpSep draw key help.
	HelpKey, HelpDesc, HelpSep lipgloss.Style
	// Prompt is the prompt of the search and filter inputs.
	Prompt lipgloss.Style
}

// HeaderStyles draw the reader's header.
type HeaderStyles struct {
	Title, Meta, Position lipgloss.Style
}

// PanelStyles draw panel boxes.
type PanelStyles struct {
	// Border and FocusBorder color the frame of an unfocused and the
	// focused panel; the focused one is also drawn with a heavy border.
	Border, FocusBorder lipgloss.Style
	// Title and FocusTitle are the panel name in the top border.
	Title, FocusTitle lipgloss.Style
	// Empty is the "No quotes in this article" line.
	Empty lipgloss.Style
	// Marker is the gutter mark of the selected item in the focused
	// panel; DimMarker the same in an unfocused panel.
	Marker, DimMarker lipgloss.Style
	// Scroll is the position indicator in the bottom border.
	Scroll lipgloss.Style

	// Pre-rendered forms of the styles above, applied on every frame
	// without lipgloss's layout work.
	border, focusBorder, title, focusTitle, scroll, marker, dimMarker paint
}

// paint is a style reduced to the escape sequences around its text: for
// styles with no padding, margins, borders or width, applying it is
// string concatenation.
type paint struct{ pre, post string }

func newPaint(st lipgloss.Style) paint {
	r := st.Render("X")
	i := strings.Index(r, "X")
	if i < 0 {
		return paint{}
	}
	return paint{r[:i], r[i+1:]}
}

// do applies the paint to s.
func (p paint) do(s string) string {
	if p.pre == "" && p.post == "" {
		return s
	}
	return p.pre + s + p.post
}

// ItemStyles draw the entries of the key-point, quote and phase panels.
type ItemStyles struct {
	Bullet, Text, Derived, Heading lipgloss.Style
	Speaker, Role, Quote, Fragment lipgloss.Style
	Unattributed                   lipgloss.Style
	PhaseNumber, PhaseLabel        lipgloss.Style
	Duration, Summary              lipgloss.Style
	// Selected is applied over the text of the selected item in the
	// focused panel.
	Selected lipgloss.Style
}

// BodyStyles draw marks over the rendered article body.
type BodyStyles struct {
	// Highlight marks the words followed from a panel.
	Highlight lipgloss.Style
	// Match marks a search match; CurrentMatch the one n/N is on.
	Match, CurrentMatch lipgloss.Style
}

// TabStyles draw the tab bar of the narrow layout.
type TabStyles struct {
	Active, Inactive, Separator lipgloss.Style
}

// LibraryStyles draw the library screen.
type LibraryStyles struct {
	Title, Source, Date, Counts, Pending lipgloss.Style
	// Selected is the selected row; Cursor its gutter mark.
	Selected, Cursor lipgloss.Style
	// FuzzyMatch marks the characters a filter matched.
	FuzzyMatch lipgloss.Style
	// Heading is the screen's heading line.
	Heading lipgloss.Style
}

// NewStyles builds the styles for a theme. With noColor set, no style
// carries a color and emphasis uses text attributes only.
func NewStyles(t Theme, noColor bool) *Styles {
	s := &Styles{Theme: t, NoColor: noColor}
	fg := func(c color.Color) lipgloss.Style {
		st := lipgloss.NewStyle()
		if noColor {
			return st
		}
		return st.Foreground(c)
	}
	bg := func(base lipgloss.Style, c color.Color) lipgloss.Style {
		if noColor {
			return base.Reverse(true)
		}
		return base.Background(c).Foreground(t.OnHighlight)
	}
	switch {
	case noColor:
		s.Glamour = "notty"
	case t.Dark:
		s.Glamour = "dark"
	default:
		s.Glamour = "light"
	}

	s.Subtle = fg(t.Subtle)
	s.Accent = fg(t.Accent).Bold(true)
	s.Status = fg(t.Subtle)
	s.Error = fg(t.Warning).Bold(true)
	s.HelpKey = fg(t.Accent).Bold(true)
	s.HelpDesc = fg(t.Subtle)
	s.HelpSep = fg(t.Border)
	s.Prompt = fg(t.FocusBorder).Bold(true)

	s.Header.Title = fg(t.Text).Bold(true)
	s.Header.Meta = fg(t.Subtle)
	s.Header.Position = fg(t.Subtle)

	s.Panel.Border = fg(t.Border)
	s.Panel.FocusBorder = fg(t.FocusBorder).Bold(true)
	s.Panel.Title = fg(t.Subtle)
	s.Panel.FocusTitle = fg(t.FocusBorder).Bold(true)
	s.Panel.Empty = fg(t.Subtle).Italic(true)
	s.Panel.Marker = fg(t.FocusBorder).Bold(true)
	s.Panel.DimMarker = fg(t.Subtle)
	s.Panel.Scroll = fg(t.Subtle)
	s.Panel.border, s.Panel.focusBorder = newPaint(s.Panel.Border), newPaint(s.Panel.FocusBorder)
	s.Panel.title, s.Panel.focusTitle = newPaint(s.Panel.Title), newPaint(s.Panel.FocusTitle)
	s.Panel.scroll = newPaint(s.Panel.Scroll)
	s.Panel.marker, s.Panel.dimMarker = newPaint(s.Panel.Marker), newPaint(s.Panel.DimMarker)

	s.Item.Bullet = fg(t.Accent)
	s.Item.Text = fg(t.Text)
	s.Item.Derived = fg(t.Subtle).Italic(true)
	s.Item.Heading = fg(t.Accent).Italic(true)
	s.Item.Speaker = fg(t.Speaker).Bold(true)
	s.Item.Role = fg(t.Role).Italic(true)
	s.Item.Quote = fg(t.Text)
	s.Item.Fragment = fg(t.Subtle)
	s.Item.Unattributed = fg(t.Subtle).Italic(true)
	s.Item.PhaseNumber = fg(t.Accent).Bold(true)
	s.Item.PhaseLabel = fg(t.Text).Bold(true)
	s.Item.Duration = fg(t.Speaker)
	s.Item.Summary = fg(t.Text)
	s.Item.Selected = bg(lipgloss.NewStyle(), t.Selection)

	s.Body.Highlight = bg(lipgloss.NewStyle().Bold(true), t.Highlight)
	s.Body.Match = bg(lipgloss.NewStyle(), t.Match)
	s.Body.CurrentMatch = bg(lipgloss.NewStyle().Bold(true).Underline(true), t.Highlight)
	if noColor {
		s.Body.Match = lipgloss.NewStyle().Underline(true)
	}

	s.Tabs.Active = fg(t.FocusBorder).Bold(true).Underline(true)
	s.Tabs.Inactive = fg(t.Subtle)
	s.Tabs.Separator = fg(t.Border)

	s.Library.Title = fg(t.Text).Bold(true)
	s.Library.Source = fg(t.Role)
	s.Library.Date = fg(t.Subtle)
	s.Library.Counts = fg(t.Subtle)
	s.Library.Pending = fg(t.Subtle).Italic(true)
	s.Library.Selected = bg(lipgloss.NewStyle(), t.Selection)
	s.Library.Cursor = fg(t.FocusBorder).Bold(true)
	s.Library.FuzzyMatch = fg(t.Accent).Bold(true).Underline(true)
	s.Library.Heading = fg(t.Accent).Bold(true)
	return s
}
