package tui

import (
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/model/store"
	"github.com/brief-reader/brief/render"
)

// promptKind says what the footer prompt edits.
type promptKind int

const (
	promptTag promptKind = iota
	promptNote
)

// promptModel is the footer's one-line input for a tag (with completion
// of the tags in use: tab accepts the suggestion, ctrl+n/ctrl+p cycle)
// and for an article's note.
type promptModel struct {
	input  textinput.Model
	kind   promptKind
	id     string // the article the prompt is for
	active bool
}

// Open starts editing for article id: a tag, completed from tags, or
// the note, starting from value.
func (p *promptModel) Open(kind promptKind, id, value string, tags []string, st *render.Styles, width int) tea.Cmd {
	ti := promptInput(st)
	switch kind {
	case promptTag:
		ti.Prompt = "tag: "
		ti.Placeholder = "a tag (tab completes; -tag removes it)"
		ti.CharLimit = store.MaxTagRunes + 1
		ti.ShowSuggestions = true
		ti.SetSuggestions(tags)
	case promptNote:
		ti.Prompt = "note: "
		ti.Placeholder = "a short note (empty clears it)"
		ti.CharLimit = store.MaxNoteRunes
	}
	ti.SetWidth(max(width-len(ti.Prompt)-2, 1))
	ti.SetValue(value)
	ti.CursorEnd()
	*p = promptModel{input: ti, kind: kind, id: id, active: true}
	return p.input.Focus()
}

// Close stops editing.
func (p *promptModel) Close() {
	p.active = false
	p.input.Blur()
}

// Active reports whether the prompt has the keyboard.
func (p promptModel) Active() bool { return p.active }

// Value is the text typed.
func (p promptModel) Value() string { return p.input.Value() }

// Update passes a key to the input.
func (p *promptModel) Update(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	return cmd
}

// View draws the prompt line.
func (p promptModel) View() string { return p.input.View() }
