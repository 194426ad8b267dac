package tui

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/source"
	"github.com/brief-reader/brief/render"
)

// The daily flow: cached articles shown at start (their bodies read when
// needed), new articles recorded as seen and cached, watched folders and
// refreshed feeds adding articles while the program runs.

// statusMsg shows a line in the status bar (a background job's result).
type statusMsg struct {
	text  string
	isErr bool
}

// headMsg carries the whole cached article of a head that is being
// opened.
type headMsg struct {
	id    string
	index int
	art   model.Article
	ok    bool
	err   error
}

// filledMsg carries whole cached articles for heads, read in the
// background.
type filledMsg struct {
	arts []model.Article
	err  error
}

// fillChunk is how many heads one background command reads.
const fillChunk = 32

// added does the bookkeeping for articles just added to the library:
// their first-seen time (in memory and, in a command, in the store), the
// cache of articles from feeds and URLs, and analysis of heads whose
// whole article arrived from a live source.
func (m *Model) added(arts []*model.Article) tea.Cmd {
	var cmds []tea.Cmd
	if len(m.tri.replaced) > 0 {
		cmds = append(cmds, analyzeCmds(m.tri.replaced, m.opts.Analyze)...)
		m.tri.replaced = nil
	}
	if len(arts) == 0 {
		return tea.Batch(cmds...)
	}
	if u := m.tri.user; u != nil {
		now := m.now()
		ids := make([]string, 0, len(arts))
		for _, a := range arts {
			id := idOf(a)
			ids = append(ids, id)
			if s, ok := m.tri.states[id]; !ok || s.FirstSeen.IsZero() {
				s.ID, s.FirstSeen = id, now
				m.tri.states[id] = s
			}
		}
		m.library.Refresh()
		ctx := m.ctx
		cmds = append(cmds, func() tea.Msg {
			if _, err := u.Seen(ctx, ids); err != nil {
				return statusMsg{text: "state: " + err.Error(), isErr: true}
			}
			return nil
		})
	}
	if cache := m.opts.Cache; cache != nil {
		copies := make([]model.Article, len(arts))
		for i, a := range arts {
			copies[i] = *a
		}
		ctx := m.ctx
		cmds = append(cmds, func() tea.Msg {
			if err := cache(ctx, copies); err != nil {
				return statusMsg{text: "cache: " + err.Error(), isErr: true}
			}
			return nil
		})
	}
	return tea.Batch(cmds...)
}

// addHeads adds cached articles (heads without bodies) that no live
// source has brought, and starts reading their bodies in the background.
func (m Model) addHeads(heads []model.Article) (Model, tea.Cmd) {
	var open *model.Article
	if m.screen == screenReader && m.current < len(m.articles) {
		open = m.articles[m.current]
	}
	if len(m.tri.heads) == 0 {
		m.tri.heads = make(map[string]*model.Article, len(heads))
	}
	m.articles = slices.Clip(m.articles) // appends make a new array: the library reads the old one
	n := 0
	for i := range heads {
		a := &heads[i]
		if m.seen[a.ID] {
			continue
		}
		m.seen[a.ID] = true
		if m.opts.Article != nil && len(a.Paragraphs) == 0 {
			m.tri.heads[idOf(a)] = a
		}
		m.articles = append(m.articles, a)
		n++
	}
	if n == 0 {
		m.library.Refresh()
		return m, nil
	}
	if !slices.IsSortedFunc(m.articles, newestFirst) {
		slices.SortStableFunc(m.articles, newestFirst)
	}
	if open != nil {
		m.current = slices.Index(m.articles, open)
	}
	m.library.SetArticles(m.articles, m.errs)
	var full []*model.Article
	for _, a := range m.articles[len(m.articles)-n:] {
		if m.tri.heads[idOf(a)] == nil && m.briefs[a.ID] == nil {
			full = append(full, a)
		}
	}
	return m, tea.Batch(append(analyzeCmds(full, m.opts.Analyze), m.fillNext())...)
}

// newestFirst orders the library as the root keeps it: newest first,
// then by title.
func newestFirst(a, b *model.Article) int {
	if c := b.Published.Compare(a.Published); c != 0 {
		return c
	}
	return cmp.Compare(a.Title, b.Title)
}

// replaceHead fills the head of article a, when the library holds only
// its head, with a as a live source brought it; it is analysed by the
// next call of added.
func (m *Model) replaceHead(a *model.Article) {
	if h := m.tri.heads[idOf(a)]; h != nil {
		*h = *a
		delete(m.tri.heads, idOf(a))
		m.tri.replaced = append(m.tri.replaced, h)
	}
}

// fillNext reads the next chunk of heads' bodies in a command, newest
// first, one chunk at a time.
func (m *Model) fillNext() tea.Cmd {
	if m.tri.filling || len(m.tri.heads) == 0 || m.opts.Article == nil {
		return nil
	}
	var ids []string
	for _, a := range m.articles {
		if id := idOf(a); m.tri.heads[id] != nil {
			ids = append(ids, id)
			if len(ids) == fillChunk {
				break
			}
		}
	}
	m.tri.filling = true
	ctx, read := m.ctx, m.opts.Article
	return func() tea.Msg {
		var msg filledMsg
		for _, id := range ids {
			a, ok, err := read(ctx, id)
			if err != nil {
				msg.err = err
				break
			}
			if ok {
				msg.arts = append(msg.arts, a)
			}
		}
		return msg
	}
}

// handleFilled puts whole articles in place of their heads, analyses
// them and reads the next chunk.
func (m Model) handleFilled(msg filledMsg) (Model, tea.Cmd) {
	m.tri.filling = false
	if msg.err != nil {
		m.setStatus("cache: "+msg.err.Error(), true)
		clear(m.tri.heads) // stop; heads still open one by one
		return m, nil
	}
	var done []*model.Article
	for i := range msg.arts {
		a := &msg.arts[i]
		if h := m.tri.heads[idOf(a)]; h != nil {
			*h = *a
			delete(m.tri.heads, idOf(a))
			done = append(done, h)
		}
	}
	if len(msg.arts) == 0 {
		clear(m.tri.heads) // the cache lost them; stop asking
	}
	return m, tea.Batch(append(analyzeCmds(done, m.opts.Analyze), m.fillNext())...)
}

// loadHead reads the whole article of head i before it opens.
func (m Model) loadHead(i int) tea.Cmd {
	id := idOf(m.articles[i])
	ctx, read := m.ctx, m.opts.Article
	return func() tea.Msg {
		a, ok, err := read(ctx, id)
		return headMsg{id: id, index: i, art: a, ok: ok, err: err}
	}
}

// handleHead opens a head whose whole article was read.
func (m Model) handleHead(msg headMsg) (Model, tea.Cmd) {
	h := m.tri.heads[msg.id]
	if h == nil {
		return m, nil // filled meanwhile
	}
	if msg.err != nil || !msg.ok {
		reason := "not in the cache any more"
		if msg.err != nil {
			reason = msg.err.Error()
		}
		m.setStatus("could not read the article: "+reason, true)
		return m, nil
	}
	*h = msg.art
	delete(m.tri.heads, msg.id)
	i := slices.Index(m.articles, h)
	if i < 0 {
		return m, nil
	}
	return m.open(i)
}

// watchStartedMsg carries the channels of a folder watch.
type watchStartedMsg struct {
	paths <-chan string
	errs  <-chan error
	err   error
}

// watchMsg carries a file that appeared or changed, loaded, or an error
// of the watcher; closed is true when the watch ended.
type watchMsg struct {
	path   string
	arts   []model.Article
	err    error
	closed bool
}

// watchInit starts watching Options.Watch.
func (m Model) watchInit() tea.Cmd {
	if len(m.opts.Watch) == 0 {
		return nil
	}
	ctx, folders := m.ctx, m.opts.Watch
	return func() tea.Msg {
		paths, errs, err := source.Watch(ctx, folders, 0)
		return watchStartedMsg{paths: paths, errs: errs, err: err}
	}
}

// waitWatch waits for the next file (loading it) or watcher error.
func waitWatch(paths <-chan string, errs <-chan error) tea.Cmd {
	return func() tea.Msg {
		for {
			select {
			case p, ok := <-paths:
				if !ok {
					return watchMsg{closed: true}
				}
				arts, err := source.LoadFile(p)
				return watchMsg{path: p, arts: arts, err: err}
			case err, ok := <-errs:
				if !ok {
					errs = nil
					continue
				}
				return watchMsg{err: err}
			}
		}
	}
}

// handleWatch adds what a watched folder brought: a new file's articles
// appear as unread; a changed file's articles take the place of what it
// held before (except the one open in the reader). The selection stays.
func (m Model) handleWatch(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case watchStartedMsg:
		if msg.err != nil {
			m.setStatus("watch: "+msg.err.Error(), true)
			return m, nil
		}
		m.tri.watchPaths, m.tri.watchErrs = msg.paths, msg.errs
		return m, waitWatch(msg.paths, msg.errs)
	case watchMsg:
		if msg.closed {
			return m, nil
		}
		next := waitWatch(m.tri.watchPaths, m.tri.watchErrs)
		switch {
		case msg.err != nil && (errors.Is(msg.err, source.ErrEmpty) || errors.Is(msg.err, source.ErrBinary)):
			return m, next // a file being created, or not an article
		case msg.err != nil:
			m.setStatus("watch: "+msg.err.Error(), true)
			return m, next
		}
		m.dropOrigin(msg.path)
		m.tri.live = true
		before := len(m.articles)
		var cmd tea.Cmd
		m, cmd = m.handleLoaded(msg.arts, nil, !m.loading, nil)
		if n := len(m.articles) - before; n > 0 {
			m.setStatus(fmt.Sprintf("%s from %s", plural(n, "new article"), render.Line(msg.path)), false)
		}
		return m, tea.Batch(cmd, next)
	}
	return m, nil
}

// dropOrigin removes the articles loaded from file path (a file that
// changed is loaded again), except the one open in the reader.
func (m *Model) dropOrigin(path string) {
	var open *model.Article
	if m.screen == screenReader && m.current < len(m.articles) {
		open = m.articles[m.current]
	}
	from := func(a *model.Article) bool {
		return a != open && (a.Origin == path || strings.HasPrefix(a.Origin, path+"#"))
	}
	if !slices.ContainsFunc(m.articles, from) {
		return
	}
	kept := make([]*model.Article, 0, len(m.articles))
	for _, a := range m.articles {
		if from(a) {
			delete(m.seen, a.ID)
			continue
		}
		kept = append(kept, a)
	}
	m.articles = kept
	if open != nil {
		m.current = slices.Index(m.articles, open)
	}
}

// refreshMsg carries the events of a refresh stream.
type refreshMsg streamMsg

// refreshTickMsg is the timer of the periodic refresh; stale
// generations are dropped.
type refreshTickMsg struct{ gen int }

// refreshTick schedules the next periodic refresh, dropping any timer
// already running.
func (m *Model) refreshTick() tea.Cmd {
	m.tri.tickGen++
	return m.tick(m.tri.tickGen)
}

// tick is the periodic refresh timer of generation gen.
func (m Model) tick(gen int) tea.Cmd {
	if m.opts.Refresh == nil || m.opts.RefreshEvery <= 0 {
		return nil
	}
	return tea.Tick(m.opts.RefreshEvery, func(time.Time) tea.Msg { return refreshTickMsg{gen} })
}

// startRefresh loads the feeds and URLs again.
func (m Model) startRefresh() (Model, tea.Cmd) {
	switch {
	case m.opts.Refresh == nil:
		m.setStatus("nothing to refresh: no feeds or URLs", false)
		return m, nil
	case m.tri.refreshing:
		m.setStatus("already refreshing…", false)
		return m, nil
	}
	m.tri.refreshing, m.tri.refreshNew, m.tri.refreshErrs = true, 0, 0
	m.setStatus("refreshing feeds…", false)
	ctx, refresh := m.ctx, m.opts.Refresh
	return m, func() tea.Msg { return refreshMsg(startStream(ctx, refresh)().(streamMsg)) }
}

// handleRefresh adds what a refresh brought, without moving the
// selection, and reports how much was new when it ends.
func (m Model) handleRefresh(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case refreshTickMsg:
		if msg.gen != m.tri.tickGen {
			return m, nil
		}
		if m.tri.refreshing {
			return m, m.refreshTick()
		}
		status := m.tri.status
		var cmd tea.Cmd
		m, cmd = m.startRefresh()
		m.tri.status = status // a timed refresh is quiet until it finds something
		return m, cmd
	case refreshMsg:
		if msg.ch != nil {
			m.tri.refreshCh = msg.ch
		}
		var arts []model.Article
		for _, ev := range msg.events {
			arts = append(arts, ev.Articles...)
			if ev.Err != nil {
				m.tri.refreshErrs++
			}
		}
		var next tea.Cmd
		if !msg.done {
			ch := m.tri.refreshCh
			next = func() tea.Msg { return refreshMsg(waitStream(ch)().(streamMsg)) }
		}
		before := len(m.articles)
		m.tri.live = true
		var cmd tea.Cmd
		m, cmd = m.handleLoaded(arts, nil, !m.loading, next)
		m.tri.refreshNew += len(m.articles) - before
		if !msg.done {
			return m, cmd
		}
		m.tri.refreshing = false
		status := fmt.Sprintf("refreshed: %s", plural(m.tri.refreshNew, "new article"))
		if m.tri.refreshErrs > 0 {
			status += fmt.Sprintf(" · %s failed", plural(m.tri.refreshErrs, "source"))
		}
		if m.tri.refreshNew > 0 || m.tri.refreshErrs > 0 || strings.HasPrefix(m.tri.status, "refreshing") {
			m.setStatus(status, m.tri.refreshErrs > 0)
		}
		return m, tea.Batch(cmd, m.refreshTick())
	}
	return m, nil
}
