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

// View draws the input line.
func (s searchInput) View() string { return s.input.View() }
