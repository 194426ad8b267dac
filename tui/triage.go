package tui

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/library"
	"github.com/brief-reader/brief/model/source"
	"github.com/brief-reader/brief/model/store"
	"github.com/brief-reader/brief/render"
)

// triage is the root's part for the user's triage state: the store
// handle, the state of every article, the queue of writes and the status
// line.
//
// Every action updates the state in memory at once (so the screen
// answers the key press) and queues a write to the store. Writes run one
// at a time in commands, in the order they were made; each result
// carries the store's own account of what changed (store.Action), which
// is applied over the optimistic state, and a failed write reloads the
// state from the store.
type triage struct {
	user   *store.User
	states map[string]store.ArticleState // by model.ArticleID; shared with the library
	tags   []string                      // tags in use, for completion

	queue   []write
	writing bool

	prompt    promptModel
	status    string
	statusErr bool

	heads    map[string]*model.Article // articles known only by their head (no body yet), by ID
	replaced []*model.Article          // heads a live source filled, to analyse
	filling  bool                      // heads are being filled in the background

	watchPaths <-chan string
	watchErrs  <-chan error

	live bool // loading has ended: later arrivals never open on their own

	refreshing  bool
	refreshCh   <-chan source.Event
	refreshNew  int // articles the refresh under way added
	refreshErrs int // sources it failed to load
	tickGen     int // generation of the periodic refresh timer
}

// write is one queued store action.
type write struct {
	do    func(ctx context.Context, u *store.User) (store.Action, error)
	undo  bool
	quiet bool   // no status line on success (opening an article)
	what  string // names the action in an error
}

// triageMsg is the result of one write.
type triageMsg struct {
	act   store.Action
	err   error
	undo  bool
	quiet bool
	what  string
}

// statesMsg carries the user's state read from the store, and, at start,
// the cached articles (heads).
type statesMsg struct {
	states map[string]store.ArticleState
	heads  []model.Article
	err    error
}

// newTriage returns the triage part for opts.
func newTriage(opts Options) triage {
	t := triage{user: opts.Store, states: map[string]store.ArticleState{}, heads: map[string]*model.Article{}}
	if opts.Status != "" {
		t.status, t.statusErr = opts.Status, true
	}
	return t
}

// idOf is the identity the store files an article under.
func idOf(a *model.Article) string { return model.ArticleID(*a) }

// triageInit starts reading the state and the cached articles.
func (m Model) triageInit() tea.Cmd {
	return tea.Batch(m.warmStart(), m.watchInit(), m.tick(m.tri.tickGen))
}

// warmStart reads the user's state and the cached articles (heads) in
// one command.
func (m Model) warmStart() tea.Cmd {
	if m.tri.user == nil && m.opts.Cached == nil {
		return nil
	}
	ctx, u, cached := m.ctx, m.tri.user, m.opts.Cached
	return func() tea.Msg {
		var msg statesMsg
		var headsErr error
		var wg sync.WaitGroup
		if cached != nil {
			wg.Go(func() { msg.heads, headsErr = cached(ctx) })
		}
		if u != nil {
			msg.states, msg.err = u.States(ctx)
		}
		wg.Wait()
		msg.err = cmp.Or(msg.err, headsErr)
		return msg
	}
}

// handleTriageMsg handles the messages of triage, watching and
// refreshing; ok is false for any other message.
func (m Model) handleTriageMsg(msg tea.Msg) (Model, tea.Cmd, bool) {
	switch msg := msg.(type) {
	case statesMsg:
		m2, cmd := m.handleStates(msg)
		return m2, cmd, true
	case triageMsg:
		m2, cmd := m.handleWritten(msg)
		return m2, cmd, true
	case headMsg:
		m2, cmd := m.handleHead(msg)
		return m2, cmd, true
	case filledMsg:
		m2, cmd := m.handleFilled(msg)
		return m2, cmd, true
	case watchStartedMsg, watchMsg:
		m2, cmd := m.handleWatch(msg)
		return m2, cmd, true
	case refreshMsg, refreshTickMsg:
		m2, cmd := m.handleRefresh(msg)
		return m2, cmd, true
	case statusMsg:
		m.setStatus(msg.text, msg.isErr)
		return m, nil, true
	case clipboardMsg:
		m.setStatus(msg.status, false)
		return m, msg.cmd, true
	case browserMsg:
		if msg.err != nil {
			m.setStatus("could not open the browser: "+msg.err.Error(), true)
		}
		return m, nil, true
	}
	return m, nil, false
}

// handleStates takes the state read from the store (at start, or after
// a failed write) and the cached articles.
func (m Model) handleStates(msg statesMsg) (Model, tea.Cmd) {
	if msg.err != nil {
		m.setStatus("state: "+msg.err.Error(), true)
	}
	if msg.states != nil && m.tri.user != nil {
		// Articles that arrived before the state did were given their
		// first-seen time in memory, and the store is writing it: keep
		// it, so they stay in the day they were first shown under.
		for id, old := range m.tri.states {
			if s := msg.states[id]; s.FirstSeen.IsZero() && !old.FirstSeen.IsZero() {
				s.ID, s.FirstSeen = id, old.FirstSeen
				msg.states[id] = s
			}
		}
		m.tri.states = msg.states
		m.library.views.states = msg.states
		m.tri.tags = tagsOf(m.tri.states)
	}
	if len(msg.heads) > 0 {
		return m.addHeads(msg.heads) // refreshes the library
	}
	m.library.Refresh()
	return m, nil
}

// setStatus shows text in the status line until the next key.
func (m *Model) setStatus(text string, isErr bool) {
	m.tri.status, m.tri.statusErr = text, isErr
}

// enqueue queues a write and starts it when none is running.
func (m *Model) enqueue(w write) tea.Cmd {
	if m.tri.user == nil {
		return nil
	}
	m.tri.queue = append(m.tri.queue, w)
	return m.nextWrite()
}

// nextWrite starts the next queued write, if none is running.
func (m *Model) nextWrite() tea.Cmd {
	if m.tri.writing || len(m.tri.queue) == 0 {
		return nil
	}
	w := m.tri.queue[0]
	m.tri.queue = m.tri.queue[1:]
	m.tri.writing = true
	ctx, u := m.ctx, m.tri.user
	return func() tea.Msg {
		act, err := w.do(ctx, u)
		return triageMsg{act: act, err: err, undo: w.undo, quiet: w.quiet, what: w.what}
	}
}

// handleWritten applies the store's account of a write and starts the
// next one.
func (m Model) handleWritten(msg triageMsg) (Model, tea.Cmd) {
	m.tri.writing = false
	var reload tea.Cmd
	switch {
	case errors.Is(msg.err, store.ErrNothingToUndo):
		m.setStatus("nothing to undo", false)
	case msg.err != nil:
		m.setStatus(msg.what+": "+msg.err.Error(), true)
		// The optimistic change did not happen: read the truth back.
		ctx, u := m.ctx, m.tri.user
		reload = func() tea.Msg {
			s, err := u.States(ctx)
			return statesMsg{states: s, err: err}
		}
	default:
		for _, c := range msg.act.Changes {
			v := c.New
			if msg.undo {
				v = c.Old
			}
			applyChange(m.tri.states, c, v)
		}
		m.tri.tags = tagsOf(m.tri.states)
		switch {
		case msg.undo:
			m.setStatus("undone: "+msg.act.String(), false)
		case msg.quiet:
		case msg.act.Count == 0:
			m.setStatus(msg.what+": nothing to change", false)
		default:
			m.setStatus(msg.act.String()+" · u to undo", false)
		}
		m.library.Refresh()
	}
	return m, tea.Batch(reload, m.nextWrite())
}

// applyChange sets one piece of an article's state to v.
func applyChange(states map[string]store.ArticleState, c store.Change, v string) {
	s := states[c.ArticleID]
	s.ID = c.ArticleID
	on := v == "1"
	switch c.Field {
	case store.FieldRead:
		s.Read = on
	case store.FieldStarred:
		s.Starred = on
	case store.FieldArchived:
		s.Archived = on
	case store.FieldNote:
		s.Note = v
	case store.FieldTag:
		s.Tags = withTag(s.Tags, c.Key, on)
	default:
		return
	}
	states[c.ArticleID] = s
}

// withTag returns tags (sorted) with tag added or removed, as a new
// slice.
func withTag(tags []string, tag string, on bool) []string {
	out := slices.DeleteFunc(slices.Clone(tags), func(t string) bool { return t == tag })
	if on {
		out = append(out, tag)
		slices.Sort(out)
	}
	return out
}

// tagsOf lists the tags in use, most used first, for completion.
func tagsOf(states map[string]store.ArticleState) []string {
	n := map[string]int{}
	for _, s := range states {
		for _, t := range s.Tags {
			n[t]++
		}
	}
	tags := make([]string, 0, len(n))
	for t := range n {
		tags = append(tags, t)
	}
	slices.SortFunc(tags, func(a, b string) int {
		if n[a] != n[b] {
			return n[b] - n[a]
		}
		if a < b {
			return -1
		}
		return 1
	})
	return tags
}

// target is the article triage keys act on: the one open in the reader,
// else the one selected in the library.
func (m Model) target() *model.Article {
	switch m.screen {
	case screenReader:
		if m.current >= 0 && m.current < len(m.articles) {
			return m.articles[m.current]
		}
	case screenLibrary:
		if rows := m.library.rows; len(rows) > 0 {
			return m.articles[rows[m.library.selected]]
		}
	}
	return nil
}

// state is the user's state of article a.
func (m Model) state(a *model.Article) store.ArticleState {
	id := idOf(a)
	s, ok := m.tri.states[id]
	if !ok {
		s.ID = id
	}
	return s
}

// setLocal changes the in-memory state of the articles ids.
func (m *Model) setLocal(ids []string, f func(*store.ArticleState)) {
	for _, id := range ids {
		s := m.tri.states[id]
		s.ID = id
		f(&s)
		m.tri.states[id] = s
	}
	m.library.Refresh()
}

// markOpened marks article a read (and records it opened) when it is
// opened.
func (m *Model) markOpened(a *model.Article) tea.Cmd {
	if m.tri.user == nil {
		return nil
	}
	id := idOf(a)
	m.setLocal([]string{id}, func(s *store.ArticleState) { s.Read = true; s.LastOpened = m.now() })
	return m.enqueue(write{quiet: true, what: "open", do: func(ctx context.Context, u *store.User) (store.Action, error) {
		return u.Open(ctx, id)
	}})
}

// now is the program's clock.
func (m Model) now() time.Time {
	if m.opts.Now != nil {
		return m.opts.Now()
	}
	return time.Now()
}

// plural is "1 article" or "n articles".
func plural(n int, what string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", what)
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// shownIDs are the store identities of the articles the library view
// shows, in order: what a bulk action acts on.
func (m Model) shownIDs() []string {
	items := make([]library.Item, 0, len(m.library.rows))
	for _, i := range m.library.rows {
		items = append(items, library.Item{Article: m.articles[i]})
	}
	return library.IDs(items)
}

// readerMarks is the user's state of the open article, for the reader's
// header; none without a store.
func (m Model) readerMarks() render.ReaderMarks {
	a := m.reader.article
	if m.tri.user == nil || a == nil {
		return render.ReaderMarks{}
	}
	s := m.tri.states[idOf(a)]
	return render.ReaderMarks{Starred: s.Starred, Archived: s.Archived, Note: s.Note != "", Tags: s.Tags}
}
