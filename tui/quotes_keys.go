package tui

// The Quotes screen's keys: the filter, moving through quotes and
// speakers, and keeping the selection in view.

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/model/store"
	"github.com/brief-reader/brief/render"
)

// handleKey handles a key on the Quotes screen while its filter input
// does not have the keyboard (handleFilterKey).
func (q *quotesModel) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	k, g := q.keys, q.global
	_, lh := q.layout.ListInner()
	if lh == 0 {
		_, lh = q.layout.SpeakersInner()
	}
	page := max(lh/2-1, 1)
	speakers := q.focus == render.PaneSpeakers
	switch {
	case key.Matches(msg, k.Back):
		if q.filter.Value() != "" {
			q.clearFilter()
			return nil
		}
		return emit(backMsg{})
	case key.Matches(msg, k.Open) && speakers:
		q.focus = render.PaneQuotes // the speaker's quotes
		q.relayout()
	case key.Matches(msg, k.Open):
		if r, ok := q.ref(q.selected); ok {
			if a := q.coll.ByID(r.Article.ID); a != nil {
				return emit(openMsg{article: a, quote: r.Index})
			}
			return status("that article is no longer loaded", true)
		}
	case key.Matches(msg, k.Filter):
		cmd := q.filter.Open()
		q.relayout()
		return cmd
	case key.Matches(msg, k.NextFocus), key.Matches(msg, k.PrevFocus):
		q.focus = 1 - q.focus
		q.relayout()
	case key.Matches(msg, k.MarkChecked):
		return q.toggleMark(store.MarkChecked)
	case key.Matches(msg, k.MarkFlagged):
		return q.toggleMark(store.MarkFlagged)
	case key.Matches(msg, k.MarkStarred):
		return q.toggleMark(store.MarkStarred)
	case key.Matches(msg, k.Correct):
		return q.correct()
	case key.Matches(msg, k.QuoteNote):
		return q.editNote()
	case key.Matches(msg, k.Undo):
		return emit(undoMsg{})
	case key.Matches(msg, k.Unchecked):
		q.unchecked = !q.unchecked
		keep, ok := q.selectedRef()
		q.applyFilter(keep, ok)
		if q.unchecked {
			return status("only the quotes nobody has checked (v shows all)", false)
		}
		return status("every quote", false)
	case key.Matches(msg, g.Down) && speakers:
		q.moveSpeaker(1)
	case key.Matches(msg, g.Up) && speakers:
		q.moveSpeaker(-1)
	case key.Matches(msg, g.PageDown) && speakers:
		q.moveSpeaker(max(lh/render.SpeakerEntryHeight, 1))
	case key.Matches(msg, g.PageUp) && speakers:
		q.moveSpeaker(-max(lh/render.SpeakerEntryHeight, 1))
	case key.Matches(msg, g.Down):
		q.move(1)
	case key.Matches(msg, g.Up):
		q.move(-1)
	case key.Matches(msg, g.Top):
		q.selectEntry(1)
	case key.Matches(msg, g.Bottom):
		q.selectEntry(len(q.entries) - 1)
	case key.Matches(msg, g.PageDown):
		q.move(page)
	case key.Matches(msg, g.PageUp):
		q.move(-page)
	case key.Matches(msg, g.HalfPageDown):
		q.move(max(page/2, 1))
	case key.Matches(msg, g.HalfPageUp):
		q.move(-max(page/2, 1))
	}
	return nil
}

// handleFilterKey edits the filter; the list filters as it is typed.
func (q *quotesModel) handleFilterKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, q.global.Accept):
		q.filter.Close()
		q.relayout()
		return nil
	case key.Matches(msg, q.global.Cancel):
		q.clearFilter()
		return nil
	case msg.String() == "down":
		q.move(1)
		return nil
	case msg.String() == "up":
		q.move(-1)
		return nil
	}
	before := q.filter.Value()
	cmd := q.filter.Update(msg)
	if q.filter.Value() != before {
		keep, ok := q.selectedRef()
		q.applyFilter(keep, ok)
	}
	return cmd
}

// clearFilter empties and closes the filter, keeping the selection.
func (q *quotesModel) clearFilter() {
	keep, ok := q.selectedRef()
	q.filter.Reset()
	q.applyFilter(keep, ok)
}

// move selects the quote d quotes away, skipping speaker headings.
func (q *quotesModel) move(d int) {
	i := q.selected
	for step := d; step != 0 && i >= 0; {
		j := i + sign(step)
		for j >= 0 && j < len(q.entries) && q.entries[j].q < 0 {
			j += sign(step)
		}
		if j < 0 || j >= len(q.entries) {
			break
		}
		i = j
		step -= sign(step)
	}
	q.selectEntry(i)
}

// moveSpeaker selects the first quote of the speaker d speakers away.
func (q *quotesModel) moveSpeaker(d int) {
	if q.selected < 0 {
		return
	}
	sp := min(max(q.entries[q.selected].sp+d, 0), len(q.firsts)-1)
	q.selectEntry(q.firsts[sp] + 1)
}

func sign(n int) int {
	if n < 0 {
		return -1
	}
	return 1
}

// selectEntry selects the quote at entry i (the next quote when i is a
// heading) and scrolls it into view.
func (q *quotesModel) selectEntry(i int) {
	if len(q.entries) < 2 {
		q.selected = -1
		return
	}
	i = min(max(i, 0), len(q.entries)-1)
	if q.entries[i].q < 0 {
		i++
	}
	q.selected = i
	q.reveal()
}

// reveal scrolls the list so that the selected quote is on screen, its
// speaker's heading too when there is room, and the Speakers panel so
// that its speaker is.
func (q *quotesModel) reveal() {
	if q.selected < 0 || q.selected >= len(q.entries) {
		q.offset, q.spOffset = 0, 0
		return
	}
	w, h := q.layout.ListInner()
	if h > 0 {
		if q.selected-1 < q.offset {
			q.offset = q.selected - 1 // its heading or the quote before
		}
		for q.offset < q.selected && q.used(q.offset, q.selected, w) > h {
			q.offset++
		}
		q.offset = max(q.offset, 0)
	}
	if _, sh := q.layout.SpeakersInner(); sh > 0 {
		per := max((sh+1)/render.SpeakerEntryHeight, 1)
		sp := q.entries[q.selected].sp
		if sp < q.spOffset {
			q.spOffset = sp
		}
		if sp >= q.spOffset+per {
			q.spOffset = sp - per + 1
		}
		q.spOffset = max(min(q.spOffset, len(q.idx.Speakers)-per), 0)
	}
}

// used is the number of list lines entries from..to take at width w,
// the sticky heading included.
func (q *quotesModel) used(from, to, w int) int {
	n := 0
	first := true
	if q.entries[from].q >= 0 {
		n, first = 1, false // the sticky heading
	}
	for i := from; i <= to; i++ {
		n += render.QuoteEntryHeight(q.entry(i, false), i == q.selected, first, w)
		first = false
	}
	return n
}
