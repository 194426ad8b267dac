package tui

import (
	"charm.land/bubbles/v2/key"
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

// entry converts list entry i to what render draws; full adds what
// only drawing needs (the article and the mark).
func (q *quotesModel) entry(i int, full bool) render.QuoteEntry {
	e := q.entries[i]
	s := &q.idx.Speakers[e.sp]
	if e.q < 0 {
		re := render.QuoteEntry{Heading: true, Speaker: s.Name, Count: len(s.Quotes)}
		if len(s.Roles) > 0 {
			re.Role = s.Roles[0]
		}
		return re
	}
	r := s.Quotes[e.q]
	re := render.QuoteEntry{Text: r.Quote.Text, Partial: r.Quote.Partial}
	if full {
		re.Title, re.Source, re.Published = r.Article.Title, render.SourceName(*r.Article), r.Article.Published
		re.Mark = string(q.markOf(r))
		if re.Mark != "" {
			re.By = q.marks.By(q.refOf(r))
		}
		if q.marks.HasNotes() {
			re.Note, re.NoteBy = q.marks.Note(q.refOf(r))
		}
	}
	return re
}

// State is what render draws.
func (q *quotesModel) State(footer, spinner string) render.QuotesState {
	s := render.QuotesState{
		Selected: -1, Offset: q.offset, Total: len(q.entries), SpeakerSelected: -1,
		SpeakerOffset: q.spOffset, SpeakerTotal: len(q.idx.Speakers), Focus: q.focus,
		Quotes: q.full.Total, Shown: q.idx.Total, Building: q.running || !q.built,
		Spinner: spinner, Footer: footer, Query: q.filter.Value(), Paints: q.paints, Unchecked: q.unchecked,
	}
	if q.filter.Active() || q.filter.Value() != "" {
		s.Filter = q.filter.View()
	}
	s.Articles = q.quoted
	if w, h := q.layout.ListInner(); h > 0 && q.offset < len(q.entries) {
		if q.entries[q.offset].q >= 0 {
			st := q.entry(q.firsts[q.entries[q.offset].sp], false)
			s.Sticky = &st
		}
		used := 0
		if s.Sticky != nil {
			used = 1
		}
		for i := q.offset; i < len(q.entries) && used < h; i++ {
			if i == q.selected {
				s.Selected = len(s.Entries)
			}
			e := q.entry(i, true)
			used += render.QuoteEntryHeight(e, i == q.selected, used == 0, w)
			s.Entries = append(s.Entries, e)
		}
	}
	if q.selected >= 0 {
		sp := q.entries[q.selected].sp
		s.Position = q.entries[q.selected].q + 1
		for i := 0; i < sp; i++ {
			s.Position += len(q.idx.Speakers[i].Quotes)
		}
		if _, sh := q.layout.SpeakersInner(); sh > 0 {
			per := (sh + 1) / render.SpeakerEntryHeight
			for i := q.spOffset; i < len(q.idx.Speakers) && i <= q.spOffset+per; i++ {
				if i == sp {
					s.SpeakerSelected = len(s.Speakers)
				}
				one := q.idx.Speakers[i]
				if j, ok := q.fullBy[quoteindex.Key(one.Name)]; ok {
					one = q.full.Speakers[j] // counts of the whole library
				}
				e := speakerEntry(one)
				if q.marks.user != nil {
					e.Progress, e.Checked = true, q.checked(one)
				}
				s.Speakers = append(s.Speakers, e)
			}
		}
	}
	return s
}

// speakerEntry converts an index speaker for the Speakers panel.
func speakerEntry(s quoteindex.Speaker) render.SpeakerEntry {
	return render.SpeakerEntry{
		Name: s.Name, Kind: string(s.Kind), Roles: s.Roles, Quotes: len(s.Quotes),
		Articles: s.Articles, FirstSeen: s.FirstSeen, LastSeen: s.LastSeen,
	}
}

// View draws the screen with footer as its last row.
func (q *quotesModel) View(footer, spinner string) string {
	return render.QuotesScreen(q.State(footer, spinner), q.layout, q.st)
}
