package tui

// Drawing: styles, the screen in front, the footer and the full help.

import (
	"fmt"
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
	m.library.Restyle(m.st)
	m.quotes.Restyle(m.st)
	m.restyleParts()
	return m, m.reader.Restyle(m.st)
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

// busy reports whether loading, analysis or rendering is under way.
func (m Model) busy() bool {
	if m.loading || len(m.briefs) < len(m.articles)-len(m.tri.heads) {
		return true
	}
	if m.screen == screenQuotes && m.quotes.running {
		return true
	}
	return m.screen == screenReader && m.reader.Busy()
}

// inputActive reports whether a text input has the keyboard.
func (m Model) inputActive() bool {
	if m.tri.prompt.Active() {
		return true
	}
	if m.screen == screenReader {
		return m.reader.search.Active()
	}
	if m.screen == screenQuotes {
		return m.quotes.Filtering()
	}
	return m.library.Filtering()
}

// View draws the screen in front.
func (m Model) View() tea.View {
	v := tea.NewView(m.content())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "brief"
	if m.screen == screenReader && m.reader.article != nil {
		v.WindowTitle = "brief · " + render.Line(m.reader.article.Title)
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
	spin := m.spinner.View()
	if m.showHelp {
		return m.helpView(footer)
	}
	if m.screen == screenReader {
		return m.reader.WithMarks(m.readerMarks()).View(footer, spin)
	}
	if m.screen == screenQuotes {
		return m.quotes.View(footer, spin)
	}
	progress := ""
	if p := m.progress; p.Total > 0 {
		progress = fmt.Sprintf("%d/%d sources", p.Done, p.Total)
	}
	return m.library.View(m.loading, progress, footer, spin)
}

// footer is the last row: the input being edited, a status message, or
// the short help.
func (m Model) footer() string {
	sh := screenHelp{k: m.keys, screen: m.screen, input: m.inputActive()}
	switch {
	case m.tri.prompt.Active():
		return m.tri.prompt.View()
	case m.tri.status != "" && m.tri.statusErr:
		return m.st.Error.Render(render.Line(m.tri.status))
	case m.tri.status != "":
		return m.st.Status.Render(render.Line(m.tri.status))
	case m.screen == screenReader && m.reader.search.Active():
		return m.reader.search.View()
	case m.screen == screenLibrary && m.library.Filtering():
		return m.help.ShortHelpView(sh.ShortHelp())
	case m.screen == screenReader && m.reader.status != "":
		return m.st.Status.Render(m.reader.status)
	case m.screen == screenQuotes && m.quotes.status != "" && !m.quotes.Filtering():
		return m.st.Status.Render(render.Line(m.quotes.status))
	case m.showHelp:
		return m.st.Subtle.Render("? or esc: close help · q: quit")
	}
	return m.help.ShortHelpView(sh.ShortHelp())
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

// helpView is the full help, grouped in columns.
func (m Model) helpView(footer string) string {
	sh := screenHelp{k: m.keys, screen: m.screen}
	title := "brief · keys"
	if m.screen == screenReader {
		title += " · reader"
	} else if m.screen == screenQuotes {
		title += " · quotes"
	} else {
		title += " · library"
	}
	lines := []string{m.st.Accent.Render(title), ""}
	lines = append(lines, m.fullHelp(sh.FullHelp())...)
	for len(lines) < m.height-1 {
		lines = append(lines, "")
	}
	lines = append(lines[:m.height-1], footer)
	return strings.Join(lines, "\n")
}
