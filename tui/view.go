package tui

// Drawing: styles, the screen in front, the footer and the full help.

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/brief-reader/brief/render"
)

// restyle rebuilds the styles for a background and color mode; plain is
// a terminal that draws no text attributes at all.
func (m Model) restyle(dark, noColor, plain bool) (Model, tea.Cmd) {
	if dark == m.dark && noColor == m.noColor && plain == m.plain {
		return m, nil
	}
	m.dark, m.noColor, m.plain = dark, noColor, plain
	m.st = render.NewStyles(render.ThemeFor(dark), noColor)
	m.st.Plain = plain
	m.tri.Restyle(m.st)
	m.restyleParts()
	return m, m.broadcast(restyleMsg{m.st})
}

// restyleParts applies the styles to the help and the spinner.
func (m *Model) restyleParts() {
	m.help.Styles = help.Styles{
		ShortKey: m.st.HelpKey, ShortDesc: m.st.HelpDesc, ShortSeparator: m.st.HelpSep,
		FullKey: m.st.HelpKey, FullDesc: m.st.HelpDesc, FullSeparator: m.st.HelpSep,
		Ellipsis: m.st.HelpSep,
	}
	m.spinner.Style = m.st.Accent
}

// View draws the screen in front.
func (m Model) View() tea.View {
	v := tea.NewView(m.content())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "brief"
	if r, ok := m.front().(*readerModel); ok && r.article != nil {
		v.WindowTitle = "brief · " + render.Line(r.article.Title)
	}
	if m.early != nil {
		m.early.offer(v.Content)
	}
	return v
}

// early hands frames to Options.Early until it declines one.
type early struct {
	fn    func(string) bool
	ready bool // the screens have heard of the first articles, or of the end of the first load
	last  string
	done  bool
}

// offer hands content on once ready, when it differs from the last
// frame handed on.
func (e *early) offer(content string) {
	if e.done || !e.ready || content == "" || content == e.last {
		return
	}
	e.last = content
	e.done = !e.fn(content)
}

func (m Model) content() string {
	if m.width == 0 || m.height == 0 {
		return ""
	}
	if m.width < render.MinWidth || m.height < render.MinHeight {
		return render.TooSmall(m.width, m.height, m.st)
	}
	footer := m.footer()
	if m.showHelp {
		return m.helpView(footer)
	}
	return m.front().View(footer, m.spinner.View())
}

// footer is the last row: the prompt being edited, a status message,
// the screen's own footer, or the short help.
func (m Model) footer() string {
	f := m.front()
	switch {
	case m.tri.Prompting():
		return m.tri.PromptView()
	case m.marks.Prompting():
		return m.marks.PromptView()
	case m.status.text != "" && m.status.isErr:
		return m.withHelpHint(m.st.Error, m.status.text)
	case m.status.text != "":
		return m.withHelpHint(m.st.Status, m.status.text)
	case m.showHelp:
		return m.st.Subtle.Render("? or esc: close help · q: quit")
	}
	if ff, ok := f.(footered); ok {
		if s, ok := ff.Footer(); ok {
			return s
		}
	}
	return m.shortHelp(f.ShortHelp())
}

// helpLine keeps the last line of short help drawn, with what it was
// drawn from: drawing it styles every binding, and a session draws a
// frame for every batch of other reviewers' changes (review_live.go)
// with the same bindings nearly every time.
type helpLine struct {
	key  []byte         // width, separators and each binding's state and help
	st   *render.Styles // the styles it was drawn in (a restyle makes new ones)
	line string
}

// shortHelp draws the help line of bs, or returns the last one drawn
// when nothing it is drawn from has changed.
func (m Model) shortHelp(bs []key.Binding) string {
	c := m.helpLine
	if c == nil {
		return m.help.ShortHelpView(bs)
	}
	k := strconv.AppendInt(make([]byte, 0, len(c.key)), int64(m.help.Width()), 10)
	k = append(append(append(k, 0), m.help.ShortSeparator...), 0)
	k = append(k, m.help.Ellipsis...)
	for _, b := range bs {
		h := b.Help()
		k = append(k, 0, '-')
		if b.Enabled() {
			k[len(k)-1] = '+'
		}
		k = append(append(append(k, h.Key...), 0), h.Desc...)
	}
	if c.st == m.st && c.line != "" && bytes.Equal(k, c.key) {
		return c.line
	}
	c.key, c.st, c.line = k, m.st, m.help.ShortHelpView(bs)
	return c.line
}

// helpHint is what the footer keeps of the help line beside a status.
const helpHint = "? help"

// withHelpHint draws a status line in style st, with "? help" at its
// right end when the terminal is 80 columns or wider, so that the way
// to help is always on screen.
func (m Model) withHelpHint(st lipgloss.Style, text string) string {
	text = render.Line(text)
	if m.width < 80 {
		return st.Render(text)
	}
	room := m.width - lipgloss.Width(helpHint) - 3
	text = ansi.Truncate(text, room, "…")
	gap := strings.Repeat(" ", max(m.width-lipgloss.Width(text)-lipgloss.Width(helpHint), 1))
	return st.Render(text) + gap + m.st.HelpKey.Render("?") + m.st.HelpDesc.Render(" help")
}

// fullHelp lays the help columns out in as many rows of columns as the
// width needs, so that no group is cut off.
func (m Model) fullHelp(groups [][]key.Binding) []string {
	h := m.help
	h.SetWidth(0)
	var out []string
	var row [][]key.Binding
	flush := func() {
		if len(row) > 0 {
			if len(out) > 0 {
				out = append(out, "")
			}
			out = append(out, strings.Split(h.FullHelpView(row), "\n")...)
			row = nil
		}
	}
	for _, g := range groups {
		if len(row) > 0 && lipgloss.Width(h.FullHelpView(append(row, g))) > m.width {
			flush()
		}
		row = append(row, g)
	}
	flush()
	return out
}

// helpLines is the full help of the screen in front: a title, then the
// columns.
func (m Model) helpLines() []string {
	f := m.front()
	title := "brief · keys"
	if t, ok := f.(titled); ok {
		title += " · " + t.Title()
	}
	return append([]string{m.st.Accent.Render(title), ""}, m.fullHelp(f.FullHelp())...)
}

// helpView draws the full help; when it is taller than the screen it
// scrolls (helpOffset) and the footer says where it is.
func (m Model) helpView(footer string) string {
	lines := m.helpLines()
	room := m.height - 1
	if len(lines) > room {
		top := min(max(m.helpOffset, 0), len(lines)-room)
		lines = lines[top : top+room]
		footer = m.st.Subtle.Render(fmt.Sprintf("↑/↓ pgup/pgdn scroll · lines %d–%d of %d · esc: close",
			top+1, top+room, len(m.helpLines())))
	}
	for len(lines) < room {
		lines = append(lines, "")
	}
	return strings.Join(append(lines, footer), "\n")
}

// scrollHelp moves the full help by a movement key; ok is false for
// other keys.
func (m Model) scrollHelp(msg tea.KeyPressMsg) (Model, bool) {
	g := &m.keys.GlobalKeys
	room := max(m.height-1, 1)
	maxOff := max(len(m.helpLines())-room, 0)
	m.helpOffset = min(max(m.helpOffset, 0), maxOff)
	switch {
	case keyIs(msg, g.Down):
		m.helpOffset++
	case keyIs(msg, g.Up):
		m.helpOffset--
	case keyIs(msg, g.PageDown):
		m.helpOffset += room - 1
	case keyIs(msg, g.PageUp):
		m.helpOffset -= room - 1
	case keyIs(msg, g.HalfPageDown):
		m.helpOffset += room / 2
	case keyIs(msg, g.HalfPageUp):
		m.helpOffset -= room / 2
	case keyIs(msg, g.Top):
		m.helpOffset = 0
	case keyIs(msg, g.Bottom):
		m.helpOffset = maxOff
	default:
		return m, false
	}
	m.helpOffset = min(max(m.helpOffset, 0), maxOff)
	return m, true
}
