package tui

import (
	"context"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/quoteindex"
	"github.com/brief-reader/brief/model/store"
	"github.com/brief-reader/brief/render"
)

// quotesBuiltMsg carries a quote index built by quotesBuildCmd.
type quotesBuiltMsg struct {
	gen    int
	idx    quoteindex.Index
	quoted int   // articles with quotes
	err    error // reading stored briefs failed
}

// quotesBuildCmd builds the quote index of entries (a snapshot the
// command owns). The entries at the indexes stored have no brief yet:
// it is read from briefs first (those the store no longer holds are left
// out).
func quotesBuildCmd(ctx context.Context, gen int, entries []quoteindex.Entry, stored []int, briefs BriefStore) tea.Cmd {
	return func() tea.Msg {
		msg := quotesBuiltMsg{gen: gen}
		if len(stored) > 0 {
			ids := make([]string, len(stored))
			for i, e := range stored {
				ids[i] = idOf(&entries[e].Article)
			}
			got, err := briefs.Briefs(ctx, ids)
			if err != nil {
				msg.err = err
			}
			drop := map[int]bool{}
			for i, e := range stored {
				if sb, ok := got[ids[i]]; ok {
					entries[e].Brief = sb.Brief
				} else {
					drop[e] = true
				}
			}
			if len(drop) > 0 {
				kept := entries[:0]
				for i, e := range entries {
					if !drop[i] {
						kept = append(kept, e)
					}
				}
				entries = kept
			}
		}
		for i := range entries {
			if len(entries[i].Brief.Quotes) > 0 {
				msg.quoted++
			}
		}
		msg.idx = quoteindex.Build(entries)
		return msg
	}
}

// markOf returns the mark on quote r of the index.
func (q *quotesModel) markOf(r quoteindex.Ref) store.Mark {
	if q.marks.Empty() {
		return store.MarkNone
	}
	return q.marks.Of(q.refOf(r))
}

// refOf returns the store's name of quote r, hashed once per build.
func (q *quotesModel) refOf(r quoteindex.Ref) store.QuoteRef {
	ref, ok := q.refs[r.Quote]
	if !ok {
		ref = storeRef(r)
		if q.refs != nil {
			q.refs[r.Quote] = ref
		}
	}
	return ref
}

// progress is the Speakers panel's count of checked quotes per speaker
// of the whole index: each speaker's counted once, when first drawn, and
// then kept up to date from the marks' changes, since every frame draws
// the counts of the speakers on screen, a speaker may have thousands of
// quotes, and in a shared review the marks change all the time.
type progress struct {
	n  map[string]int             // checked quotes by speaker (quoteindex.Key), of those counted
	of map[store.QuoteRef]counted // the quotes of the speakers counted
	at int                        // the marks' version counted
}

// counted is a quote of a counted speaker: the speaker's key and how
// many times the index holds the quote.
type counted struct {
	speaker string
	times   int
}

// checked returns the number of checked quotes of speaker s of the
// whole index.
func (q *quotesModel) checked(s quoteindex.Speaker) int {
	p := &q.progress
	if p.n != nil && p.at != q.marks.version {
		changes, ok := q.marks.MarksSince(p.at)
		if !ok {
			p.n = nil
		}
		for _, c := range changes {
			if was, now := c.was == store.MarkChecked, c.now == store.MarkChecked; was != now {
				if qc, ok := p.of[c.ref]; ok && now {
					p.n[qc.speaker] += qc.times
				} else if ok {
					p.n[qc.speaker] -= qc.times
				}
			}
		}
	}
	if p.n == nil {
		p.n, p.of = map[string]int{}, map[store.QuoteRef]counted{}
	}
	p.at = q.marks.version
	k := quoteindex.Key(s.Name)
	if n, ok := p.n[k]; ok {
		return n
	}
	n := 0
	for _, r := range s.Quotes {
		ref := q.refOf(r)
		p.of[ref] = counted{speaker: k, times: p.of[ref].times + 1}
		if q.marks.Of(ref) == store.MarkChecked {
			n++
		}
	}
	p.n[k] = n
	return n
}

// correct opens the speaker prompt for the selected quote.
func (q *quotesModel) correct() tea.Cmd { return q.promptSelected(q.marks.Correct) }

// editNote opens the note prompt for the selected quote.
func (q *quotesModel) editNote() tea.Cmd { return q.promptSelected(q.marks.EditNote) }

// promptSelected opens a review prompt (a speaker correction, a note) on
// the selected quote, whose article must still be loaded.
func (q *quotesModel) promptSelected(open func(a *model.Article, i int, st *render.Styles, width int) tea.Cmd) tea.Cmd {
	r, ok := q.ref(q.selected)
	if !ok {
		return nil
	}
	a := q.coll.ByID(r.Article.ID)
	if a == nil {
		return status("that article is no longer loaded", true)
	}
	return open(a, r.Index, q.st, q.width)
}

// storeRef is the store's name for an indexed quote. Keys are hashed
// when needed (the quotes on screen, when there are marks) rather than
// for the whole library on every build.
func storeRef(r quoteindex.Ref) store.QuoteRef {
	id := model.ArticleID(*r.Article)
	return store.QuoteRef{ArticleID: id, Key: model.QuoteKey(id, *r.Quote)}
}

// toggleMark gives the selected quote mark m, or clears m when the
// quote has it.
func (q *quotesModel) toggleMark(m store.Mark) tea.Cmd {
	r, ok := q.ref(q.selected)
	if !ok {
		return nil
	}
	return q.marks.Toggle(store.QuoteOf(*r.Article, *r.Quote), m)
}

// updateKeys enables the keys that do something now and says what
// enter and esc do.
func (q *quotesModel) updateKeys() {
	k := q.keys
	hasQuote := q.selected >= 0
	for _, b := range []*key.Binding{&k.MarkChecked, &k.MarkFlagged, &k.MarkStarred, &k.Correct, &k.QuoteNote, &k.Open} {
		b.SetEnabled(hasQuote)
	}
	desc := "read at quote"
	if q.focus == render.PaneSpeakers {
		desc = "speaker's quotes"
	}
	k.Open.SetHelp(k.Open.Help().Key, desc)
	k.Filter.SetEnabled(q.full.Total > 0)
	k.NextFocus.SetEnabled(q.built)
	k.PrevFocus.SetEnabled(q.built)
	desc = "back"
	if q.filter.Value() != "" {
		desc = "clear filter"
	}
	k.Back.SetHelp(k.Back.Help().Key, desc)
}

// ShortHelp is the Quotes screen's help line: esc, ? and q first.
func (q *quotesModel) ShortHelp() []key.Binding {
	k, g := q.keys, q.global
	if q.filter.Active() {
		return g.inputHelp()
	}
	return []key.Binding{k.Back, g.Help, g.Quit, g.Failures, g.Up, g.Down, k.Open, k.Filter, k.NextFocus, k.MarkChecked, k.MarkFlagged, k.MarkStarred, k.Correct, k.QuoteNote, k.Unchecked}
}

// FullHelp is the Quotes screen's `?` page, in columns.
func (q *quotesModel) FullHelp() [][]key.Binding {
	k, g := q.keys, q.global
	return [][]key.Binding{
		g.move(),
		{k.Open, k.Filter, g.Accept, g.Cancel, k.NextFocus, k.PrevFocus},
		{k.MarkChecked, k.MarkFlagged, k.MarkStarred, k.Correct, k.QuoteNote, k.Unchecked, k.Undo},
		{k.Back, g.Failures, g.Help, g.Quit},
	}
}
