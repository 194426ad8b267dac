package server

import (
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// Notices shown on a session's screen before the server closes it.
const (
	noticeShutdown = "brief: the server is shutting down. Your triage state is saved; reconnect in a moment."
	noticeIdle     = "brief: closing this session after %s without input. Your triage state is saved."
)

// noticeMsg tells a session's wrapper to show text, ignore input and quit
// after grace.
type noticeMsg struct {
	text  string
	grace time.Duration
}

// wrapper runs the caller's model and, once a notice arrives, draws the
// notice over it, drops the user's input (so that no new action starts
// while the session drains) and quits after the grace period. Every other
// message still reaches the model, so work already under way finishes.
type wrapper struct {
	inner  tea.Model
	width  int
	height int
	notice string
	box    lipgloss.Style
}

// newWrapper wraps m for a w x h screen.
func newWrapper(m tea.Model, w, h int) *wrapper {
	return &wrapper{
		inner:  m,
		width:  w,
		height: h,
		box:    lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).Padding(1, 2).Bold(true),
	}
}

// Init starts the caller's model.
func (w *wrapper) Init() tea.Cmd { return w.inner.Init() }

// Update handles notices and forwards everything else.
func (w *wrapper) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case noticeMsg:
		w.notice = msg.text
		return w, tea.Tick(msg.grace, func(time.Time) tea.Msg { return tea.Quit() })
	case tea.WindowSizeMsg:
		w.width, w.height = msg.Width, msg.Height
	case tea.KeyMsg, tea.MouseMsg, tea.PasteMsg:
		if w.notice != "" {
			return w, nil
		}
	}
	var cmd tea.Cmd
	w.inner, cmd = w.inner.Update(msg)
	return w, cmd
}

// View is the model's view, or the notice once there is one.
func (w *wrapper) View() tea.View {
	v := w.inner.View()
	if w.notice != "" {
		width := max(10, min(w.width-4, 60))
		box := w.box.Width(width).Render(w.notice)
		v.Content = lipgloss.Place(max(w.width, 1), max(w.height, 1), lipgloss.Center, lipgloss.Center, box)
	}
	return v
}
