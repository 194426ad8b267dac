package tui

// Drawing: styles, the screen in front, the footer and the full help.

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/brief-reader/brief/render"
)

// restyle rebuilds the styles for a background and color mode.
func (m Model) restyle(dark, noColor bool) (Model, tea.Cmd) {
	if dark == m.dark && noColor == m.noColor {
		return m, nil
	}
	m.dark, m.noColor = dark, noColor
	m.st = render.NewStyles(render.ThemeFor(dark), noColor)
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
	return v
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
	case m.status.text != "" && m.status.isErr:
		return m.st.Error.Render(render.Line(m.status.text))
	case m.status.text != "":
		return m.st.Status.Render(render.Line(m.status.text))
	case m.showHelp:
		return m.st.Subtle.Render("? or esc: close help · q: quit")
	}
	if ff, ok := f.(footered); ok {
		if s, ok := ff.Footer(); ok {
			return s
		}
	}
	return m.help.ShortHelpView(f.ShortHelp())
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

// helpView is the full help of the screen in front, grouped in columns.
func (m Model) helpView(footer string) string {
	f := m.front()
	title := "brief · keys"
	if t, ok := f.(titled); ok {
		title += " · " + t.Title()
	}
	lines := []string{m.st.Accent.Render(title), ""}
	lines = append(lines, m.fullHelp(f.FullHelp())...)
	for len(lines) < m.height-1 {
		lines = append(lines, "")
	}
	lines = append(lines[:m.height-1], footer)
	return strings.Join(lines, "\n")
}
