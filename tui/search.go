package tui

import (
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/render"
)

// searchInput is the one-line text input of the reader's search and the
// library's filter, drawn in the footer.
type searchInput struct {
	input  textinput.Model
	active bool
	drawn  *drawnInput // the line last drawn while not editing
}

// drawnInput is an input's line as last drawn while it was not being
// edited, with what it was drawn from: a session draws a frame for every
// batch of other reviewers' changes (review_live.go) while a filter it
// set stays the same, and drawing the line styles the text again.
type drawnInput struct {
	value, prompt, placeholder string
	pos, width                 int
	line                       string
}

func newSearchInput(st *render.Styles) searchInput {
	ti := textinput.New()
	ti.Prompt = "/"
	ti.Placeholder = "search"
	ti.CharLimit = 200
	s := searchInput{input: ti}
	s.Restyle(st)
	return s
}

// Restyle applies the program's styles.
func (s *searchInput) Restyle(st *render.Styles) {
	ts := textinput.DefaultStyles(st.Theme.Dark)
	ts.Focused.Prompt = st.Prompt
	ts.Blurred.Prompt = st.Prompt
	ts.Focused.Placeholder = st.Subtle
	ts.Blurred.Placeholder = st.Subtle
	ts.Blurred.Text = st.Subtle
	s.input.SetStyles(ts)
	s.drawn = &drawnInput{} // drawn in the old styles
}

// SetWidth sets the width of the input line.
func (s *searchInput) SetWidth(w int) { s.input.SetWidth(max(w-3, 1)) }

// Open starts editing.
func (s *searchInput) Open() tea.Cmd {
	s.active = true
	return s.input.Focus()
}

// Close stops editing, keeping the value.
func (s *searchInput) Close() {
	s.active = false
	s.input.Blur()
}

// Reset closes the input and clears it.
func (s *searchInput) Reset() {
	s.Close()
	s.input.SetValue("")
}

// Active reports whether the input has the keyboard.
func (s searchInput) Active() bool { return s.active }

// Value is the text typed.
func (s searchInput) Value() string { return s.input.Value() }

// Update passes a key to the input.
func (s *searchInput) Update(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	s.input, cmd = s.input.Update(msg)
	return cmd
}

// View draws the input line; while it is not being edited (no cursor),
// the line last drawn when nothing it shows has changed.
func (s searchInput) View() string {
	d := s.drawn
	if s.active || d == nil {
		return s.input.View()
	}
	in := &s.input
	if d.line != "" && d.value == in.Value() && d.pos == in.Position() && d.width == in.Width() &&
		d.prompt == in.Prompt && d.placeholder == in.Placeholder {
		return d.line
	}
	d.value, d.pos, d.width, d.prompt, d.placeholder = in.Value(), in.Position(), in.Width(), in.Prompt, in.Placeholder
	d.line = in.View()
	return d.line
}
