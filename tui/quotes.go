package tui

import (
	tea "charm.land/bubbletea/v2"
	"context"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/quoteindex"
	"github.com/brief-reader/brief/model/store"
	"github.com/brief-reader/brief/render"
)

// quotesModel is the Quotes screen: every quote of the library grouped
// by speaker, with a Speakers panel beside it (or under a tab when
// narrow), a filter, and quote marks.
//
// The index is built in a command from a snapshot of the loaded
// articles and briefs (see quotesBuildCmd); one build runs at a time,
// tagged with a generation, and a new one starts when the library grew
// meanwhile. The list is the index flattened into entries (a heading
// per speaker, then their quotes); the selection is always a quote and
// scrolling counts entries, so a frame draws only what is on screen.
type quotesModel struct {
	st     *render.Styles
	keys   *QuotesKeys
	global *GlobalKeys
	coll   *collection
	marks  *reviewModel
	ctx    context.Context
	briefs BriefStore // stored briefs of the articles known only by their head; may be nil

	full    quoteindex.Index                // the whole library
	idx     quoteindex.Index                // what the filter lets through
	quoted  int                             // articles with quotes
	refs    map[*model.Quote]store.QuoteRef // store names of the quotes drawn, filled as they are
	paints  *render.QuotePaints
	fullBy  map[string]int // speaker of full by quoteindex.Key
	entries []quoteEntry
	firsts  []int // entry index of each speaker's heading in idx
	built   bool
	gen     int  // build generation
	running bool // a build is under way
	stale   bool // briefs arrived since the last build started
	inFront bool // the screen is in front: keep the index built
	// unchecked shows only the quotes nobody has checked (v).
	unchecked bool
	progress  progress // of the speakers of full

	selected int // entry index of the selected quote, -1 when none
	offset   int // first entry on screen
	spOffset int // first speaker on screen in the Speakers panel
	focus    render.QuotesPane
	layout   render.QuotesLayout
	width    int
	height   int

	filter searchInput
}

// quoteRef names a quote of the index: its article's ID and its
// position in that article's brief.
type quoteRef struct {
	article string
	index   int
}

// quoteEntry is one list entry: speaker sp of idx, and its quote q, or
// q == -1 for the speaker's heading.
type quoteEntry struct{ sp, q int }

func newQuotes(ctx context.Context, st *render.Styles, keys *KeyMap, coll *collection, marks *reviewModel, briefs BriefStore) *quotesModel {
	q := &quotesModel{st: st, keys: &keys.QuotesKeys, global: &keys.GlobalKeys, coll: coll, marks: marks, ctx: ctx, briefs: briefs,
		selected: -1, filter: newSearchInput(st)}
	q.paints = render.NewQuotePaints(st)
	q.filter.input.Placeholder = "filter by speaker, article or words"
	q.updateKeys()
	return q
}

// SetSize lays the screen out for w×h.
func (q *quotesModel) SetSize(w, h int) tea.Cmd {
	q.width, q.height = w, h
	q.filter.SetWidth(w)
	q.relayout()
	return nil
}

// restyle applies new styles.
func (q *quotesModel) restyle(st *render.Styles) {
	q.st = st
	q.paints = render.NewQuotePaints(st)
	q.filter.Restyle(st)
}

func (q *quotesModel) relayout() {
	q.layout = render.ComputeQuotesLayout(q.width, q.height, q.focus, q.filter.Active() || q.filter.Value() != "")
	q.reveal()
}

// Typing reports whether the filter input has the keyboard.
func (q *quotesModel) Typing() bool { return q.filter.Active() }

// Title names the screen.
func (q *quotesModel) Title() string { return "quotes" }

// Busy reports whether the index is being built.
func (q *quotesModel) Busy() bool { return q.running }

// SetIndex takes a freshly built index, keeping the selection on the
// same quote and the filter as it was.
func (q *quotesModel) SetIndex(idx quoteindex.Index, quoted int) {
	keep, ok := q.selectedRef()
	q.full, q.quoted, q.built = idx, quoted, true
	q.progress = progress{}
	q.refs = map[*model.Quote]store.QuoteRef{}
	q.fullBy = make(map[string]int, len(idx.Speakers))
	for i, s := range idx.Speakers {
		q.fullBy[quoteindex.Key(s.Name)] = i
	}
	q.applyFilter(keep, ok)
}

// selectedRef returns the selected quote.
func (q *quotesModel) selectedRef() (quoteRef, bool) {
	r, ok := q.ref(q.selected)
	if !ok {
		return quoteRef{}, false
	}
	return quoteRef{r.Article.ID, r.Index}, true
}

// ref returns the quote of entry i.
func (q *quotesModel) ref(i int) (quoteindex.Ref, bool) {
	if i < 0 || i >= len(q.entries) || q.entries[i].q < 0 {
		return quoteindex.Ref{}, false
	}
	e := q.entries[i]
	return q.idx.Speakers[e.sp].Quotes[e.q], true
}

// applyFilter filters the index with the filter's text and flattens
// it, selecting keep when it is still shown, else the first quote.
func (q *quotesModel) applyFilter(keep quoteRef, ok bool) {
	prev := q.selected
	q.idx = q.full.Filter(q.filter.Value())
	if q.unchecked {
		q.idx = q.withoutChecked(q.idx)
	}
	q.entries = q.entries[:0]
	q.firsts = q.firsts[:0]
	q.selected = -1
	for si, s := range q.idx.Speakers {
		q.firsts = append(q.firsts, len(q.entries))
		q.entries = append(q.entries, quoteEntry{si, -1})
		for qi, r := range s.Quotes {
			if ok && q.selected < 0 && r.Article.ID == keep.article && r.Index == keep.index {
				q.selected = len(q.entries)
			}
			q.entries = append(q.entries, quoteEntry{si, qi})
		}
	}
	switch {
	case q.selected < 0 && ok && prev > 0 && len(q.entries) > 1:
		// The quote left the list (checked while only unchecked ones
		// show): the one now in its place.
		q.selectEntry(min(prev, len(q.entries)-1))
	case q.selected < 0 && len(q.entries) > 1:
		q.selected = 1
		q.offset = 0
	}
	q.relayout()
}

// withoutChecked returns idx without the quotes that are checked.
func (q *quotesModel) withoutChecked(idx quoteindex.Index) quoteindex.Index {
	out := quoteindex.Index{}
	for _, s := range idx.Speakers {
		var kept []quoteindex.Ref
		for _, r := range s.Quotes {
			if q.markOf(r) != store.MarkChecked {
				kept = append(kept, r)
			}
		}
		if len(kept) == 0 {
			continue
		}
		s.Quotes = kept
		out.Speakers = append(out.Speakers, s)
		out.Total += len(kept)
	}
	return out
}

// Update handles the screen's keys and mouse wheel, and keeps the
// index in step with the library while the screen is in front.
func (q *quotesModel) Update(msg tea.Msg) tea.Cmd {
	defer q.updateKeys()
	switch msg := msg.(type) {
	case frontMsg:
		q.inFront = msg.s == screen(q)
		if q.inFront {
			q.relayout()
			return q.build()
		}
	case arrivedMsg, analyzedMsg, briefsChangedMsg, correctionsChangedMsg:
		q.stale = true
		return q.build()
	case marksChangedMsg:
		if q.unchecked {
			keep, ok := q.selectedRef()
			q.applyFilter(keep, ok)
		}
	case quotesBuiltMsg:
		if msg.gen == q.gen {
			q.running = false
			q.SetIndex(msg.idx, msg.quoted)
			if msg.err != nil {
				return tea.Batch(status("briefs: "+msg.err.Error(), true), q.build())
			}
			return q.build()
		}
	case restyleMsg:
		q.restyle(msg.st)
	case tea.MouseWheelMsg:
		switch msg.Mouse().Button {
		case tea.MouseWheelUp:
			q.move(-1)
		case tea.MouseWheelDown:
			q.move(1)
		}
	case tea.KeyPressMsg:
		if q.filter.Active() {
			return q.handleFilterKey(msg)
		}
		return q.handleKey(msg)
	}
	return nil
}

// build starts a build of the index when the screen is in front and
// briefs have arrived (an article loaded, or a cached head filled in and
// analysed again) since the last build, one build at a time.
func (q *quotesModel) build() tea.Cmd {
	if !q.inFront || q.running || q.built && !q.stale {
		return nil
	}
	q.running, q.stale = true, false
	q.gen++
	arts := q.coll.All()
	entries := make([]quoteindex.Entry, 0, len(arts))
	var stored []int // entries whose brief the store holds
	for _, a := range arts {
		if b := q.coll.Brief(a); b != nil {
			entries = append(entries, quoteindex.Entry{Article: *a, Brief: *b})
		} else if q.briefs != nil && q.coll.StoredBrief(a) {
			stored = append(stored, len(entries))
			entries = append(entries, quoteindex.Entry{Article: *a})
		}
	}
	return quotesBuildCmd(q.ctx, q.gen, entries, stored, q.briefs)
}
