package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/quoteindex"
	"github.com/brief-reader/brief/model/store"
	"github.com/brief-reader/brief/render"
)

// The root's part of the Quotes screen: opening it with Q from any
// screen, keeping its index in step with the library, opening a quote
// in the reader and coming back with esc, and quote marks from the
// reader's Quotes panel.

// handleQuotes handles the Quotes screen's messages; ok is false for
// everything else. Keys come through handleQuotesKey.
func (m Model) handleQuotes(msg tea.Msg) (Model, tea.Cmd, bool) {
	switch msg := msg.(type) {
	case quotesBuiltMsg:
		if msg.gen == m.quotes.gen {
			m.quotes.running = false
			m.quotes.SetIndex(msg.idx, msg.quoted)
		}
		return m, nil, true
	case quoteMarksMsg:
		m.quotes.handleMarks(msg)
		return m, nil, true
	case quoteMarkSavedMsg:
		m.quotes.handleSaved(msg)
		m.reader.status = m.quotes.status
		return m, nil, true
	case openQuoteMsg:
		m2, cmd := m.openQuote(msg.ref)
		return m2, cmd, true
	case backMsg:
		if m.screen == screenReader && m.quotes.inReader {
			return m.backToQuotes(), nil, true
		}
	}
	return m, nil, false
}

// handleQuotesKey handles Q, every key on the Quotes screen, esc on
// the way back from a quote, and the mark keys in the reader's Quotes
// panel; ok is false for other keys. The root calls it once text
// inputs, prompts and help have had their keys.
func (m Model) handleQuotesKey(msg tea.KeyPressMsg) (Model, tea.Cmd, bool) {
	k := m.keys
	switch {
	case key.Matches(msg, k.QuotesScreen) && m.screen != screenQuotes:
		m.quotes.back = m.screen
		m.quotes.inReader = false
		m.screen = screenQuotes
		m.quotes.relayout()
		return m, nil, true
	case m.screen == screenQuotes && key.Matches(msg, k.Back):
		if m.quotes.filter.Value() != "" {
			m.quotes.clearFilter()
		} else {
			m.screen = m.quotes.back
			if m.screen == screenReader && m.reader.article == nil {
				m.screen = screenLibrary
			}
		}
		return m, nil, true
	case m.screen == screenQuotes:
		m2, cmd := m.route(msg)
		return m2, cmd, true
	case m.screen == screenReader && m.quotes.inReader && key.Matches(msg, k.Back) && m.reader.body.query == "":
		// The highlight was the quote's: one esc goes back.
		return m.backToQuotes(), nil, true
	case m.screen == screenReader && m.readerQuote() >= 0:
		for _, mk := range []struct {
			b key.Binding
			m store.Mark
		}{{k.MarkChecked, store.MarkChecked}, {k.MarkFlagged, store.MarkFlagged}, {k.MarkStarred, store.MarkStarred}} {
			if key.Matches(msg, mk.b) {
				cmd := m.markReaderQuote(mk.m)
				m.reader.status = m.quotes.status
				return m, cmd, true
			}
		}
	}
	return m, nil, false
}

// backToQuotes returns from the reader to the Quotes screen as it was.
func (m Model) backToQuotes() Model {
	m.reader.shown = nil
	m.reader.body.ClearMarks()
	m.quotes.inReader = false
	m.screen = screenQuotes
	m.quotes.relayout()
	return m
}

// openQuote opens the article of quote ref in the reader, scrolled to
// the quote with its words highlighted.
func (m Model) openQuote(ref quoteRef) (Model, tea.Cmd) {
	for i, a := range m.articles {
		if a.ID != ref.article {
			continue
		}
		m2, cmd := m.open(i)
		if m2.screen != screenReader {
			return m2, cmd // not opened yet (its body is being read)
		}
		m2.reader.FollowQuote(ref.index)
		m2.quotes.inReader = true
		return m2, cmd
	}
	m.quotes.status = "that article is no longer loaded"
	return m, nil
}

// FollowQuote selects quote i in the Quotes panel and follows it to
// the body, highlighted, as enter on it would.
func (r *readerModel) FollowQuote(i int) {
	if r.brief == nil || i < 0 || i >= len(r.brief.Quotes) {
		return
	}
	r.setFocus(render.Quotes)
	p := &r.panels[render.Quotes]
	p.selected = i
	p.clamp()
	p.reveal()
	r.follow()
}

// readerQuote is the quote selected in the reader's focused Quotes
// panel, or -1.
func (m Model) readerQuote() int {
	r := &m.reader
	if r.article == nil || r.brief == nil || r.focus != render.Quotes {
		return -1
	}
	return r.panels[render.Quotes].Selected()
}

// syncQuoteMarks hands the reader the user's mark on each quote of the
// open article. The quotes' store keys are hashed once per brief.
func (m *Model) syncQuoteMarks() {
	r := &m.reader
	if len(m.quotes.marks) == 0 || r.article == nil || r.brief == nil {
		r.SetQuoteMarks(nil)
		return
	}
	if r.refsOf != r.brief {
		id := model.ArticleID(*r.article)
		r.refs = make([]store.QuoteRef, len(r.brief.Quotes))
		for i, q := range r.brief.Quotes {
			r.refs[i] = store.QuoteRef{ArticleID: id, Key: model.QuoteKey(id, q)}
		}
		r.refsOf = r.brief
	}
	// This runs after every message: allocate only when a mark changed.
	changed := len(r.quoteMarks) != 0 && len(r.quoteMarks) != len(r.refs)
	for i := 0; i < len(r.refs) && !changed; i++ {
		old := ""
		if i < len(r.quoteMarks) {
			old = r.quoteMarks[i]
		}
		changed = string(m.quotes.marks[r.refs[i]]) != old
	}
	if !changed {
		return
	}
	var marks []string
	for i, ref := range r.refs {
		if mk := m.quotes.marks[ref]; mk != store.MarkNone {
			if marks == nil {
				marks = make([]string, len(r.refs))
			}
			marks[i] = string(mk)
		}
	}
	r.SetQuoteMarks(marks)
}

// markReaderQuote toggles mark mk on the quote selected in the reader.
func (m *Model) markReaderQuote(mk store.Mark) tea.Cmd {
	i := m.readerQuote()
	if i < 0 || i >= len(m.reader.brief.Quotes) {
		return nil
	}
	a := m.reader.article
	id := model.ArticleID(*a)
	ref := store.QuoteRef{ArticleID: id, Key: model.QuoteKey(id, m.reader.brief.Quotes[i])}
	return m.quotes.setMark(ref, mk)
}

// refreshQuotes runs after every message: it starts what the Quotes
// screen needs, the user's marks once, and a build of the index when
// the screen is in front and briefs have arrived (an article loaded, or
// a cached head filled in and analysed again) since the last build, one
// build at a time.
func (m *Model) refreshQuotes(msg tea.Msg) tea.Cmd {
	q := &m.quotes
	if _, ok := msg.(analyzedMsg); ok {
		q.stale = true
	}
	var cmds []tea.Cmd
	if q.user != nil && !q.marksAsked {
		q.marksAsked = true
		cmds = append(cmds, loadMarksCmd(m.ctx, q.user))
	}
	if m.screen == screenQuotes && !q.running && (!q.built || q.stale) {
		q.running, q.stale = true, false
		q.gen++
		entries := make([]quoteindex.Entry, 0, len(m.briefs))
		for _, a := range m.articles {
			if b := m.briefs[a.ID]; b != nil {
				entries = append(entries, quoteindex.Entry{Article: *a, Brief: *b})
			}
		}
		cmds = append(cmds, quotesBuildCmd(q.gen, len(m.briefs), entries))
	}
	return tea.Batch(cmds...)
}

// updateQuoteKeys enables the Quotes screen's keys where they apply and
// gives shared keys their meaning on it.
func (m *Model) updateQuoteKeys() {
	k := m.keys
	q := &m.quotes
	on := m.screen == screenQuotes
	hasQuote := on && q.selected >= 0
	k.QuotesScreen.SetEnabled(!on)
	for _, b := range []*key.Binding{&k.MarkChecked, &k.MarkFlagged, &k.MarkStarred} {
		b.SetEnabled(hasQuote || m.screen == screenReader && m.readerQuote() >= 0)
	}
	if !on {
		k.Open.SetHelp("enter", "open")
		if m.screen == screenReader && q.inReader && m.reader.body.query == "" {
			k.Back.SetHelp("esc", "back to quotes")
		}
		return
	}
	k.Open.SetEnabled(hasQuote)
	k.Open.SetHelp("enter", "read at quote")
	if q.focus == render.PaneSpeakers {
		k.Open.SetHelp("enter", "speaker's quotes")
	}
	k.Filter.SetEnabled(q.full.Total > 0)
	k.NextFocus.SetEnabled(q.built)
	k.PrevFocus.SetEnabled(q.built)
	k.Back.SetEnabled(true)
	if q.filter.Value() != "" {
		k.Back.SetHelp("esc", "clear filter")
	} else {
		k.Back.SetHelp("esc", "back")
	}
}

// quotesShortHelp is the Quotes screen's help line.
func quotesShortHelp(k *KeyMap) []key.Binding {
	return []key.Binding{k.Up, k.Down, k.Open, k.Filter, k.NextFocus, k.MarkChecked, k.MarkFlagged, k.MarkStarred, k.Back, k.Help, k.Quit}
}

// quotesFullHelp is the Quotes screen's `?` help, in columns.
func quotesFullHelp(k *KeyMap) [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.Top, k.Bottom, k.PageUp, k.PageDown, k.HalfPageUp, k.HalfPageDown},
		{k.Open, k.Filter, k.Accept, k.Cancel, k.NextFocus},
		{k.MarkChecked, k.MarkFlagged, k.MarkStarred},
		{k.Back, k.Help, k.Quit},
	}
}
