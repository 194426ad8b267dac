package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/brief-reader/brief/render"
)

// failuresModel is the list of sources that could not be loaded, each
// with its reason: the screen E shows over any other, esc goes back.
type failuresModel struct {
	st     *render.Styles
	global *GlobalKeys
	load   *loadStatus
	back   key.Binding
	offset int
	width  int
	height int
}

func newFailures(st *render.Styles, keys *KeyMap, load *loadStatus) *failuresModel {
	return &failuresModel{st: st, global: &keys.GlobalKeys, load: load,
		back: bind("back", keys.ReaderKeys.Back.Keys()...)}
}

// SetSize sets the screen size.
func (f *failuresModel) SetSize(w, h int) tea.Cmd {
	f.width, f.height = w, h
	return nil
}

// Title names the screen.
func (f *failuresModel) Title() string { return "failed sources" }

// lines is the list, each failure wrapped to the width.
func (f *failuresModel) lines() []string {
	var out []string
	for _, e := range f.load.errs {
		wrapped := ansi.Wrap(render.Line(e), max(f.width-4, 10), " /")
		for i, l := range strings.Split(wrapped, "\n") {
			prefix := "  • "
			if i > 0 {
				prefix = "    "
			}
			out = append(out, prefix+l)
		}
	}
	return out
}

// Update scrolls the list; esc goes back.
func (f *failuresModel) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case restyleMsg:
		f.st = msg.st
	case tea.KeyPressMsg:
		g := f.global
		room := max(f.height-3, 1)
		switch {
		case key.Matches(msg, f.back):
			return emit(backMsg{})
		case key.Matches(msg, g.Down):
			f.offset++
		case key.Matches(msg, g.Up):
			f.offset--
		case key.Matches(msg, g.PageDown), key.Matches(msg, g.HalfPageDown):
			f.offset += room - 1
		case key.Matches(msg, g.PageUp), key.Matches(msg, g.HalfPageUp):
			f.offset -= room - 1
		case key.Matches(msg, g.Top):
			f.offset = 0
		case key.Matches(msg, g.Bottom):
			f.offset = len(f.lines())
		}
		f.offset = min(max(f.offset, 0), max(len(f.lines())-room, 0))
	}
	return nil
}

// View draws the list with footer as its last row.
func (f *failuresModel) View(footer, _ string) string {
	n := len(f.load.errs)
	head := fmt.Sprintf("brief · failed sources · %d", n)
	rows := []string{f.st.Accent.Render(head), ""}
	lines := f.lines()
	room := max(f.height-3, 0)
	if len(lines) == 0 {
		lines = []string{"  Every source loaded."}
	}
	lines = lines[min(f.offset, len(lines)):]
	for i := 0; i < room; i++ {
		l := ""
		if i < len(lines) {
			l = lines[i]
		}
		rows = append(rows, l)
	}
	return strings.Join(append(rows, footer), "\n")
}

// ShortHelp is the help line.
func (f *failuresModel) ShortHelp() []key.Binding {
	return []key.Binding{f.back, f.global.Help, f.global.Quit, f.global.Up, f.global.Down}
}

// FullHelp is the `?` page.
func (f *failuresModel) FullHelp() [][]key.Binding {
	return [][]key.Binding{f.global.move(), {f.back, f.global.Help, f.global.Quit}}
}
