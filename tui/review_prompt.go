package tui

import (
	"cmp"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/store"
	"github.com/brief-reader/brief/render"
)

// reviewPrompt is the footer's input for a speaker correction (c on a
// quote): "Name, role", starting from what the quote shows; tab
// completes from the article's people and the speakers across the
// library; empty means nobody said it; the analysis's own speaker takes
// the correction away. Or for a quote note (m), starting from the note
// the quote has; empty removes it.
type reviewPrompt struct {
	input    textinput.Model
	active   bool
	note     bool        // the prompt edits the quote's note, not its speaker
	quote    store.Quote // the quote, with the speaker it shows
	analysed store.Quote // the same quote as the analysis found it
}

// speakerField writes a speaker and role as the prompt edits them.
func speakerField(speaker, role string) string {
	if role == "" || speaker == "" {
		return speaker
	}
	return speaker + ", " + role
}

// parseSpeaker splits "Name, role" at its first comma.
func parseSpeaker(v string) (speaker, role string) {
	speaker, role, _ = strings.Cut(v, ",")
	speaker = strings.Join(strings.Fields(speaker), " ")
	if speaker == "" {
		return "", ""
	}
	return speaker, strings.Join(strings.Fields(role), " ")
}

// Correct opens the prompt for quote i of article a: its brief as shown
// (corrections applied) gives the current speaker, the analysis's gives
// the one to go back to.
func (r *reviewModel) Correct(a *model.Article, i int, st *render.Styles, width int) tea.Cmd {
	shown, raw := r.coll.Brief(a), r.coll.Analysed(a)
	if shown == nil || raw == nil || i < 0 || i >= len(shown.Quotes) || i >= len(raw.Quotes) {
		return nil
	}
	q := shown.Quotes[i]
	p := &r.prompt
	p.quote, p.analysed, p.note = store.QuoteOf(*a, q), store.QuoteOf(*a, raw.Quotes[i]), false
	p.quote.CorrectedAs = r.coll.CorrectedAs(a, i)
	ti := promptInput(st)
	ti.Prompt = "speaker: "
	ti.Placeholder = "name, role (tab completes; empty: nobody)"
	ti.CharLimit = 2*store.MaxSpeakerRunes + 2
	ti.ShowSuggestions = true
	ti.SetSuggestions(r.candidates(shown))
	ti.SetWidth(max(width-len(ti.Prompt)-2, 1))
	ti.SetValue(speakerField(q.Speaker, q.Role))
	ti.CursorEnd()
	p.input, p.active = ti, true
	return p.input.Focus()
}

// EditNote opens the prompt for the note on quote i of article a, as
// its brief shows it.
func (r *reviewModel) EditNote(a *model.Article, i int, st *render.Styles, width int) tea.Cmd {
	shown := r.coll.Brief(a)
	if shown == nil || i < 0 || i >= len(shown.Quotes) {
		return nil
	}
	p := &r.prompt
	p.quote, p.note = store.QuoteOf(*a, shown.Quotes[i]), true
	ti := promptInput(st)
	ti.Prompt = "quote note: "
	ti.Placeholder = "a note on this quote (empty removes it)"
	ti.CharLimit = store.MaxQuoteNoteRunes
	ti.SetWidth(max(width-len(ti.Prompt)-2, 1))
	note, _ := r.Note(p.quote.Ref())
	ti.SetValue(note)
	ti.CursorEnd()
	p.input, p.active = ti, true
	return p.input.Focus()
}

// promptInput is a text input in the prompt's styles.
func promptInput(st *render.Styles) textinput.Model {
	ti := textinput.New()
	ts := textinput.DefaultStyles(st.Theme.Dark)
	ts.Focused.Prompt, ts.Blurred.Prompt = st.Prompt, st.Prompt
	ts.Focused.Placeholder, ts.Blurred.Placeholder = st.Subtle, st.Subtle
	ts.Focused.Suggestion, ts.Blurred.Suggestion = st.Subtle, st.Subtle
	ti.SetStyles(ts)
	return ti
}

// candidates are the completions: the article's people first, then the
// speakers of the library's quotes, each as "Name, role" and "Name".
func (r *reviewModel) candidates(b *model.Brief) []string {
	var out []string
	seen := map[string]bool{}
	add := func(name, role string) {
		for _, v := range []string{speakerField(name, role), name} {
			if v != "" && !seen[strings.ToLower(v)] {
				seen[strings.ToLower(v)] = true
				out = append(out, v)
			}
		}
	}
	for _, p := range b.People {
		add(p.Name, p.Role)
	}
	var lib []model.Quote // speakers and roles across the library
	for _, a := range r.coll.All() {
		if ab := r.coll.Brief(a); ab != nil {
			for _, q := range ab.Quotes {
				if q.Speaker != "" {
					lib = append(lib, model.Quote{Speaker: q.Speaker, Role: q.Role})
				}
			}
		}
	}
	slices.SortFunc(lib, func(a, b model.Quote) int { // by name, a role first
		return cmp.Or(strings.Compare(a.Speaker, b.Speaker), cmp.Compare(boolInt(a.Role == ""), boolInt(b.Role == "")),
			strings.Compare(a.Role, b.Role))
	})
	for _, q := range lib {
		add(q.Speaker, q.Role)
	}
	return out
}

// Prompting reports whether the correction or note prompt has the
// keyboard.
func (r *reviewModel) Prompting() bool { return r.prompt.active }

// PromptView draws the prompt line.
func (r *reviewModel) PromptView() string { return r.prompt.input.View() }

// SetWidth sets the width of the prompt.
func (r *reviewModel) SetWidth(w int) {
	r.prompt.input.SetWidth(max(w-len(r.prompt.input.Prompt)-2, 1))
}

// HandlePrompt edits the correction or the note; accept applies it,
// cancel leaves the quote as it was.
func (r *reviewModel) HandlePrompt(msg tea.KeyPressMsg, g *GlobalKeys) tea.Cmd {
	p := &r.prompt
	switch {
	case key.Matches(msg, g.Cancel):
		p.active = false
		p.input.Blur()
		return nil
	case key.Matches(msg, g.Accept) && p.note:
		p.active = false
		p.input.Blur()
		return r.setQuoteNote(p.quote, p.input.Value())
	case key.Matches(msg, g.Accept):
		p.active = false
		p.input.Blur()
		speaker, role := parseSpeaker(p.input.Value())
		if speaker == p.quote.Speaker && role == p.quote.Role {
			return status("speaker unchanged", false)
		}
		return r.correct(p.quote, speaker, role, p.analysed)
	}
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	return cmd
}

// boolInt is 1 for true, 0 for false.
func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
