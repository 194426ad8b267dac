package tui

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/quoteindex"
	"github.com/brief-reader/brief/model/store"
)

// quotesBuiltMsg carries a quote index built by quotesBuildCmd.
type quotesBuiltMsg struct {
	gen    int
	n      int // briefs it was built from
	idx    quoteindex.Index
	quoted int // articles with quotes
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

// openQuoteMsg asks the root to open a quote's article in the reader
// at that quote.
type openQuoteMsg struct{ ref quoteRef }

// quotesBuildCmd builds the quote index of entries (a snapshot the
// command owns).
func quotesBuildCmd(gen, n int, entries []quoteindex.Entry) tea.Cmd {
	return func() tea.Msg {
		quoted := 0
		for i := range entries {
			if len(entries[i].Brief.Quotes) > 0 {
				quoted++
			}
		}
		return quotesBuiltMsg{gen: gen, n: n, idx: quoteindex.Build(entries), quoted: quoted}
	}
}

// loadMarksCmd reads the user's quote marks.
func loadMarksCmd(ctx context.Context, u *store.User) tea.Cmd {
	return func() tea.Msg {
		marks, err := u.QuoteMarks(ctx)
		return quoteMarksMsg{marks: marks, err: err}
	}
}

// saveMarkCmd writes one quote mark.
func saveMarkCmd(ctx context.Context, u *store.User, ref store.QuoteRef, m, prev store.Mark) tea.Cmd {
	return func() tea.Msg {
		_, err := u.SetQuoteMark(ctx, ref.ArticleID, ref.Key, m)
		return quoteMarkSavedMsg{ref: ref, prev: prev, err: err}
	}
}

// markOf returns the user's mark on quote r of the index.
func (q quotesModel) markOf(r quoteindex.Ref) store.Mark {
	if len(q.marks) == 0 {
		return store.MarkNone
	}
	ref, ok := q.refs[r.Quote]
	if !ok {
		ref = storeRef(r)
		if q.refs != nil {
			q.refs[r.Quote] = ref
		}
	}
	return q.marks[ref]
}

// storeRef is the store's name for an indexed quote. Keys are hashed
// when needed (the quotes on screen, when there are marks) rather than
// for the whole library on every build.
func storeRef(r quoteindex.Ref) store.QuoteRef {
	id := model.ArticleID(*r.Article)
	return store.QuoteRef{ArticleID: id, Key: model.QuoteKey(id, *r.Quote)}
}

// toggleMark gives the selected quote mark m, or clears m when the
// quote has it, and saves it when there is a store.
func (q *quotesModel) toggleMark(m store.Mark) tea.Cmd {
	r, ok := q.ref(q.selected)
	if !ok {
		return nil
	}
	return q.setMark(storeRef(r), m)
}

// setMark toggles mark m on quote ref.
func (q *quotesModel) setMark(ref store.QuoteRef, m store.Mark) tea.Cmd {
	prev := q.marks[ref]
	next := m
	if prev == m {
		next = store.MarkNone
	}
	if next == store.MarkNone {
		delete(q.marks, ref)
		q.status = "mark cleared"
	} else {
		q.marks[ref] = next
		q.status = "quote " + string(next)
	}
	if q.user == nil {
		q.status += " (for this session: no store)"
		return nil
	}
	return saveMarkCmd(q.ctx, q.user, ref, next, prev)
}

// handleSaved puts a mark back when saving it failed.
func (q *quotesModel) handleSaved(msg quoteMarkSavedMsg) {
	if msg.err == nil {
		return
	}
	if msg.prev == store.MarkNone {
		delete(q.marks, msg.ref)
	} else {
		q.marks[msg.ref] = msg.prev
	}
	q.status = "could not save the mark: " + msg.err.Error()
}

// handleMarks takes the marks read from the store; marks set since
// (while reading) win.
func (q *quotesModel) handleMarks(msg quoteMarksMsg) {
	if msg.err != nil {
		q.status = "could not read quote marks: " + msg.err.Error()
		return
	}
	for ref, m := range msg.marks {
		if _, ok := q.marks[ref]; !ok {
			q.marks[ref] = m
		}
	}
}
