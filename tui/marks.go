package tui

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/model/store"
)

// quoteMarks is the user's marks on quotes (checked, flagged, starred),
// shared by the Quotes screen and every reader: set in memory at once,
// saved to the store in a command, put back when saving fails.
type quoteMarks struct {
	ctx   context.Context
	user  *store.User
	marks map[store.QuoteRef]store.Mark
}

// quoteMarksMsg carries the user's quote marks read from the store.
type quoteMarksMsg struct {
	marks map[store.QuoteRef]store.Mark
	err   error
}

// quoteMarkSavedMsg reports a mark written to the store; on failure
// the mark is put back to prev.
type quoteMarkSavedMsg struct {
	ref  store.QuoteRef
	prev store.Mark
	err  error
}

// marksChangedMsg tells the screens that quote marks changed.
type marksChangedMsg struct{}

func newQuoteMarks(ctx context.Context, user *store.User) *quoteMarks {
	return &quoteMarks{ctx: ctx, user: user, marks: map[store.QuoteRef]store.Mark{}}
}

// Init reads the user's marks.
func (q *quoteMarks) Init() tea.Cmd {
	if q.user == nil {
		return nil
	}
	ctx, u := q.ctx, q.user
	return func() tea.Msg {
		marks, err := u.QuoteMarks(ctx)
		return quoteMarksMsg{marks: marks, err: err}
	}
}

// Of returns the mark on quote ref.
func (q *quoteMarks) Of(ref store.QuoteRef) store.Mark { return q.marks[ref] }

// Empty reports whether no quote is marked.
func (q *quoteMarks) Empty() bool { return len(q.marks) == 0 }

// Update handles reads and saves; ok is false for other messages.
func (q *quoteMarks) Update(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case quoteMarksMsg:
		if msg.err != nil {
			return status("could not read quote marks: "+msg.err.Error(), true), true
		}
		for ref, m := range msg.marks {
			if _, ok := q.marks[ref]; !ok { // marks set while reading win
				q.marks[ref] = m
			}
		}
		return emit(marksChangedMsg{}), true
	case quoteMarkSavedMsg:
		if msg.err == nil {
			return nil, true
		}
		q.set(msg.ref, msg.prev)
		return tea.Batch(emit(marksChangedMsg{}), status("could not save the mark: "+msg.err.Error(), true)), true
	}
	return nil, false
}

func (q *quoteMarks) set(ref store.QuoteRef, m store.Mark) {
	if m == store.MarkNone {
		delete(q.marks, ref)
	} else {
		q.marks[ref] = m
	}
}

// Toggle gives quote sq mark m, or clears m when the quote has it, and
// saves it when there is a store.
func (q *quoteMarks) Toggle(sq store.Quote, m store.Mark) tea.Cmd {
	ref := sq.Ref()
	prev := q.marks[ref]
	next := m
	if prev == m {
		next = store.MarkNone
	}
	q.set(ref, next)
	text := "mark cleared"
	if next != store.MarkNone {
		text = "quote " + string(next)
	}
	changed := emit(marksChangedMsg{})
	if q.user == nil {
		return tea.Batch(changed, status(text+" (for this session: no store)", false))
	}
	ctx, u := q.ctx, q.user
	save := func() tea.Msg {
		_, err := u.SetQuoteMark(ctx, sq, next)
		return quoteMarkSavedMsg{ref: ref, prev: prev, err: err}
	}
	return tea.Batch(changed, status(text, false), save)
}
