package tui

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/store"
	"github.com/brief-reader/brief/render"
)

// triageModel is the user's triage state: the store handle, the state of
// every article (shared read-only with the screens), the queue of
// writes, and the tag and note prompt. Its keys act on the article the
// screen in front names as its target (triageTarget).
//
// Every action updates the state in memory at once (so the screen
// answers the key press) and queues a write to the store. Writes run one
// at a time in commands, in the order they were made; each result
// carries the store's own account of what changed (store.Action), which
// is applied over the optimistic state, and a failed write reloads the
// state from the store.
type triageModel struct {
	ctx    context.Context
	user   *store.User
	states *articleStates
	tags   []string // tags in use, for completion
	keys   *TriageKeys
	global *GlobalKeys
	st     *render.Styles
	width  int
	now    func() time.Time

	openURL func(url string) error

	queue   []write
	writing bool
	// before holds the states setLocal changed since the last enqueue,
	// as they were: the write enqueued next puts them back if it fails.
	before map[string]priorState
	prompt promptModel

	statesIn bool             // the user's state has been read (or failed to be)
	cachedIn []*model.Article // cached articles shown before it was
}

// articleStates is the user's state of every article by store ID, kept
// by the triage model and read by the screens; on is false without a
// store.
type articleStates struct {
	m  map[string]store.ArticleState
	on bool
}

// Of returns the state of article a.
func (s *articleStates) Of(a *model.Article) store.ArticleState {
	id := idOf(a)
	st, ok := s.m[id]
	if !ok {
		st.ID = id
	}
	return st
}

// triageTarget is a screen whose articles the triage keys act on.
type triageTarget interface {
	// Target is the article the keys act on, or nil.
	Target() *model.Article
	// Shown is the articles the library view shows, for the bulk
	// action.
	Shown() []*model.Article
	// CopyText is what y copies: the item in focus with its source.
	CopyText() string
}

// statesChangedMsg tells the screens that the triage state changed.
type statesChangedMsg struct{}

// archivedMsg reports that the user archived article a (the screen in
// front moves on from it).
type archivedMsg struct{ article *model.Article }

// refreshRequestMsg asks the sources to refresh feeds and URLs.
type refreshRequestMsg struct{}

// write is one queued store action.
type write struct {
	do     func(ctx context.Context, u *store.User) (store.Action, error)
	undo   bool
	quiet  bool   // no status line on success (opening an article)
	what   string // names the action in an error
	before map[string]priorState
	// after, when set, turns the write's outcome into a message for the
	// part that queued it (the quote review), in place of the triage's
	// own handling.
	after func(err error) tea.Msg
}

// priorState is an article's state before an optimistic change; ok is
// false when it had none.
type priorState struct {
	s  store.ArticleState
	ok bool
}

// triageMsg is the result of one write.
type triageMsg struct {
	act    store.Action
	err    error
	undo   bool
	quiet  bool
	what   string
	before map[string]priorState
	after  func(err error) tea.Msg
}

// writeReportedMsg follows what a write led to (its status, the
// screens' refresh): the next write starts only then, so that the
// reports of writes reach the screen in the order of the writes.
type writeReportedMsg struct{}

// statesMsg carries the user's state read from the store.
type statesMsg struct {
	states map[string]store.ArticleState
	err    error
}

func newTriage(ctx context.Context, opts *Options, keys *KeyMap, st *render.Styles) *triageModel {
	t := &triageModel{
		ctx: ctx, user: opts.Store, keys: &keys.TriageKeys, global: &keys.GlobalKeys, st: st,
		states: &articleStates{m: map[string]store.ArticleState{}, on: opts.Store != nil},
		now:    opts.Now, openURL: opts.OpenURL,
	}
	if t.now == nil {
		t.now = time.Now
	}
	t.updateKeys()
	return t
}

// updateKeys enables the triage keys this program can carry out: the
// state keys with a store, o with a browser to open.
func (t *triageModel) updateKeys() {
	k, has := t.keys, t.user != nil
	k.ToggleRead.SetEnabled(has)
	k.Star.SetEnabled(has)
	k.Archive.SetEnabled(has)
	k.ArchiveRead.SetEnabled(has)
	k.Tag.SetEnabled(has)
	k.Note.SetEnabled(has)
	k.Undo.SetEnabled(has)
	k.OpenURL.SetEnabled(t.openURL != nil)
}

// Init reads the user's state.
func (t *triageModel) Init() tea.Cmd {
	if t.user == nil {
		return nil
	}
	ctx, u := t.ctx, t.user
	return func() tea.Msg {
		s, err := u.States(ctx)
		return statesMsg{states: s, err: err}
	}
}

// Restyle applies new styles to the prompt.
func (t *triageModel) Restyle(st *render.Styles) { t.st = st }

// SetWidth sets the width of the prompt.
func (t *triageModel) SetWidth(w int) { t.width = w }

// Update handles the results of reads and writes; ok is false for any
// other message.
func (t *triageModel) Update(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case statesMsg:
		return t.handleStates(msg), true
	case triageMsg:
		return t.handleWritten(msg), true
	case writeReportedMsg:
		t.writing = false
		return t.nextWrite(), true
	}
	return nil, false
}

// handleStates takes the state read from the store (at start, or after
// a failed write).
func (t *triageModel) handleStates(msg statesMsg) tea.Cmd {
	var cmds []tea.Cmd
	if msg.err != nil {
		cmds = append(cmds, status("state: "+msg.err.Error(), true))
	}
	if msg.states != nil && t.user != nil {
		// Articles that arrived before the state did were given their
		// first-seen time (and their source's tags) in memory, and the
		// store is writing them: keep them, so that they stay in the
		// day they were first shown under, with their tags.
		for id, old := range t.states.m {
			if s := msg.states[id]; s.FirstSeen.IsZero() && !old.FirstSeen.IsZero() {
				s.ID, s.FirstSeen = id, old.FirstSeen
				if len(s.Tags) == 0 {
					s.Tags = old.Tags
				}
				msg.states[id] = s
			}
		}
		t.states.m = msg.states
		t.tags = tagsOf(t.states.m)
	}
	t.statesIn = true
	if len(t.cachedIn) > 0 {
		cached := t.cachedIn
		t.cachedIn = nil
		cmds = append(cmds, t.AddedCached(cached))
	}
	return tea.Batch(append(cmds, emit(statesChangedMsg{}))...)
}

// AddedCached records the first sighting of the articles the store
// keeps, shown at start: it saw nearly all of them before (they were
// recorded when they first arrived), so once the user's state is in,
// only those it has no sighting of are recorded (Added). Writing all of
// them again cost a warm start of 10,000 a write of 10,000 rows that
// changed nothing.
func (t *triageModel) AddedCached(arts []*model.Article) tea.Cmd {
	if t.user == nil || len(arts) == 0 {
		return nil
	}
	if !t.statesIn {
		t.cachedIn = append(t.cachedIn, arts...)
		return nil
	}
	var unseen []*model.Article
	for _, a := range arts {
		if s, ok := t.states.m[idOf(a)]; !ok || s.FirstSeen.IsZero() {
			unseen = append(unseen, a)
		}
	}
	return t.Added(unseen)
}

// Added records the first sighting of articles just added to the
// collection, in memory at once and in the store in a command; an
// article new to the user gets the tags its source gave it (front
// matter), as the user's own.
func (t *triageModel) Added(arts []*model.Article) tea.Cmd {
	u := t.user
	if u == nil || len(arts) == 0 {
		return nil
	}
	now := t.now()
	ids := make([]string, 0, len(arts))
	var tags map[string][]string
	for _, a := range arts {
		id := idOf(a)
		ids = append(ids, id)
		s, ok := t.states.m[id]
		if len(a.Tags) > 0 {
			if tags == nil {
				tags = map[string][]string{}
			}
			tags[id] = a.Tags
			if !ok {
				for _, tag := range a.Tags {
					if tag, err := store.NormalizeTag(tag); err == nil {
						s.Tags = withTag(s.Tags, tag, true)
					}
				}
			}
		}
		if !ok || s.FirstSeen.IsZero() {
			s.ID, s.FirstSeen = id, now
			t.states.m[id] = s
		}
	}
	if tags != nil {
		t.tags = tagsOf(t.states.m)
	}
	ctx := t.ctx
	return func() tea.Msg {
		if _, err := u.SeenTagged(ctx, ids, tags); err != nil {
			return statusMsg{text: "state: " + err.Error(), isErr: true}
		}
		return nil
	}
}

// enqueue queues a write and starts it when none is running.
func (t *triageModel) enqueue(w write) tea.Cmd {
	w.before, t.before = t.before, nil
	if t.user == nil {
		return nil
	}
	t.queue = append(t.queue, w)
	return t.nextWrite()
}

// nextWrite starts the next queued write, if none is running.
func (t *triageModel) nextWrite() tea.Cmd {
	if t.writing || len(t.queue) == 0 {
		return nil
	}
	w := t.queue[0]
	t.queue = t.queue[1:]
	t.writing = true
	ctx, u := t.ctx, t.user
	return func() tea.Msg {
		act, err := w.do(ctx, u)
		return triageMsg{act: act, err: err, undo: w.undo, quiet: w.quiet, what: w.what, before: w.before, after: w.after}
	}
}

// handleWritten applies the store's account of a write and reports
// it; the next write starts once the report is delivered
// (writeReportedMsg).
func (t *triageModel) handleWritten(msg triageMsg) tea.Cmd {
	if msg.after != nil {
		return tea.Sequence(emit(msg.after(msg.err)), emit(writeReportedMsg{}))
	}
	var cmd tea.Cmd
	switch {
	case errors.Is(msg.err, store.ErrNothingToUndo):
		cmd = status("nothing to undo", false)
	case msg.err != nil:
		// The optimistic change did not happen: put the screen back as
		// it was at once (a store that cannot write may not read either),
		// then read the truth back.
		for id, p := range msg.before {
			if p.ok {
				t.states.m[id] = p.s
			} else {
				delete(t.states.m, id)
			}
		}
		t.tags = tagsOf(t.states.m)
		cmd = tea.Batch(status(msg.what+" failed, undone: "+msg.err.Error(), true), emit(statesChangedMsg{}), t.Init())
	default:
		var review []store.Change
		for _, c := range msg.act.Changes {
			if c.Field == store.FieldQuote || c.Field == store.FieldQuoteNote || c.Field == store.FieldSpeaker {
				review = append(review, c) // the quote review's, not an article's
				continue
			}
			v := c.New
			if msg.undo {
				v = c.Old
			}
			applyChange(t.states.m, c, v)
		}
		if msg.undo && len(review) > 0 {
			cmd = emit(reviewUndoneMsg{changes: review})
		}
		t.tags = tagsOf(t.states.m)
		switch {
		case msg.undo:
			cmd = tea.Batch(cmd, status("undone: "+msg.act.String(), false))
		case msg.quiet:
		case msg.act.Count == 0:
			cmd = status(msg.what+": nothing to change", false)
		default:
			cmd = status(msg.act.String()+" · u to undo", false)
		}
		cmd = tea.Batch(cmd, emit(statesChangedMsg{}))
	}
	// In order: this write's status is shown before the next write
	// starts, and so before its status.
	return tea.Sequence(cmd, emit(writeReportedMsg{}))
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
		return cmp.Compare(a, b)
	})
	return tags
}

// setLocal changes the in-memory state of the articles ids.
func (t *triageModel) setLocal(ids []string, f func(*store.ArticleState)) tea.Cmd {
	if t.before == nil {
		t.before = map[string]priorState{}
	}
	for _, id := range ids {
		s, ok := t.states.m[id]
		if _, seen := t.before[id]; !seen {
			t.before[id] = priorState{s, ok}
		}
		s.ID = id
		f(&s)
		t.states.m[id] = s
	}
	return emit(statesChangedMsg{})
}

// MarkOpened marks article a read (and records it opened) when it is
// opened; that is part of opening, not an action to undo.
func (t *triageModel) MarkOpened(a *model.Article) tea.Cmd {
	if t.user == nil {
		return nil
	}
	id := idOf(a)
	now := t.now()
	changed := t.setLocal([]string{id}, func(s *store.ArticleState) { s.Read = true; s.LastOpened = now })
	return tea.Batch(changed, t.enqueue(write{quiet: true, what: "open", do: func(ctx context.Context, u *store.User) (store.Action, error) {
		return u.Open(ctx, id)
	}}))
}

// readerMarks is the state of a for the reader's header.
func readerMarks(states *articleStates, a *model.Article) render.ReaderMarks {
	if !states.on || a == nil {
		return render.ReaderMarks{}
	}
	s := states.m[idOf(a)]
	return render.ReaderMarks{Starred: s.Starred, Archived: s.Archived, Note: s.Note != "", Tags: s.Tags}
}
