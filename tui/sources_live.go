package tui

// The sources that bring articles while the program runs: folders
// watched for new and changed files, and feeds and URLs refreshed on R
// and on a timer.

import (
	"errors"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/source"
	"github.com/brief-reader/brief/render"
)

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
func (s *sources) watchInit() tea.Cmd {
	if len(s.opts.Watch) == 0 {
		return nil
	}
	ctx, folders := s.ctx, s.opts.Watch
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
// held before (except those a reader shows).
func (s *sources) handleWatch(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case watchStartedMsg:
		if msg.err != nil {
			return status("watch: "+msg.err.Error(), true)
		}
		s.watchPaths, s.watchErrs = msg.paths, msg.errs
		return waitWatch(msg.paths, msg.errs)
	case watchMsg:
		if msg.closed {
			return nil
		}
		next := waitWatch(s.watchPaths, s.watchErrs)
		switch {
		case msg.err != nil && (errors.Is(msg.err, source.ErrEmpty) || errors.Is(msg.err, source.ErrBinary)):
			return next // a file being created, or not an article
		case msg.err != nil:
			return tea.Batch(next, status("watch: "+msg.err.Error(), true))
		}
		dropped := s.coll.DropOrigin(msg.path)
		s.live = true
		before := s.coll.Len()
		cmd := s.arrive(msg.arts, nil, false, next)
		if dropped {
			cmd = tea.Batch(cmd, emit(arrivedMsg{})) // the screens drop what left
		}
		if n := s.coll.Len() - before; n > 0 {
			cmd = tea.Batch(cmd, status(fmt.Sprintf("%s from %s", plural(n, "new article"), render.Line(msg.path)), false))
		}
		return cmd
	}
	return nil
}

// refreshMsg carries the events of a refresh stream.
type refreshMsg streamMsg

// refreshTickMsg is the timer of the periodic refresh; stale
// generations are dropped.
type refreshTickMsg struct{ gen int }

// refreshTick schedules the next periodic refresh, dropping any timer
// already running.
func (s *sources) refreshTick() tea.Cmd {
	s.tickGen++
	return s.tick(s.tickGen)
}

// tick is the periodic refresh timer of generation gen.
func (s *sources) tick(gen int) tea.Cmd {
	if s.opts.Refresh == nil || s.opts.RefreshEvery <= 0 {
		return nil
	}
	return tea.Tick(s.opts.RefreshEvery, func(time.Time) tea.Msg { return refreshTickMsg{gen} })
}

// Refresh loads the feeds and URLs again; the user asked for it, so
// its end is reported even when it found nothing.
func (s *sources) Refresh() tea.Cmd {
	switch {
	case s.opts.Refresh == nil:
		return status("nothing to refresh: no feeds or URLs", false)
	case s.refreshing:
		return status("already refreshing…", false)
	}
	s.announce = true
	// The status first, in sequence: in a batch it could land after the
	// refresh's own result and leave "refreshing feeds…" on screen.
	return tea.Sequence(status("refreshing feeds…", false), s.startRefresh())
}

// startRefresh starts the refresh stream.
func (s *sources) startRefresh() tea.Cmd {
	s.refreshing, s.refreshNew, s.refreshErrs = true, 0, 0
	ctx, refresh := s.ctx, s.opts.Refresh
	return func() tea.Msg { return refreshMsg(startStream(ctx, refresh)().(streamMsg)) }
}

// handleRefresh adds what a refresh brought and reports how much was
// new when it ends.
func (s *sources) handleRefresh(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case refreshTickMsg:
		if msg.gen != s.tickGen {
			return nil
		}
		if s.refreshing {
			return s.refreshTick()
		}
		s.announce = false // a timed refresh is quiet until it finds something
		return s.startRefresh()
	case refreshMsg:
		if msg.ch != nil {
			s.refreshCh = msg.ch
		}
		var arts []model.Article
		for _, ev := range msg.events {
			arts = append(arts, ev.Articles...)
			if ev.Err != nil {
				s.refreshErrs++
				s.failed([]string{ev.Err.Error()})
			}
		}
		var next tea.Cmd
		if !msg.done {
			ch := s.refreshCh
			next = func() tea.Msg { return refreshMsg(waitStream(ch)().(streamMsg)) }
		}
		before := s.coll.Len()
		s.live = true
		cmd := s.arrive(arts, nil, false, next)
		s.refreshNew += s.coll.Len() - before
		if !msg.done {
			return cmd
		}
		s.refreshing = false
		text := fmt.Sprintf("refreshed: %s", plural(s.refreshNew, "new article"))
		if s.refreshErrs > 0 {
			text += fmt.Sprintf(" · %s failed (%s lists them)", plural(s.refreshErrs, "source"), helpKeys(s.keys.Failures.Keys()))
		}
		if s.refreshNew > 0 || s.refreshErrs > 0 || s.announce {
			cmd = tea.Batch(cmd, status(text, s.refreshErrs > 0))
		}
		return tea.Batch(cmd, s.refreshTick())
	}
	return nil
}
