package tui

import (
	"context"
	"fmt"
	"slices"

	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/source"
	"github.com/brief-reader/brief/model/store"
)

// sources is where articles come from while the program runs: the first
// load (Options.Load or Options.Stream), the articles the store keeps
// (shown at start as heads, their bodies read in the background),
// folders watched for new files, and feeds refreshed on R and on a
// timer. It adds what arrives to the collection and tells the root with
// an arrivedMsg; the status line hears from it through statusMsg.
type sources struct {
	ctx  context.Context
	opts *Options
	coll *collection
	load *loadStatus // shared with the library, which shows it
	keys *GlobalKeys // Failures is enabled once a source failed

	stream <-chan source.Event
	primed bool // the stream was started by Model.Prime
	live   bool // loading has ended: later arrivals never open on their own

	filling bool // heads are being filled in the background

	an          analyzer
	reanalyzing bool             // stale cached articles are analysed again in the background
	tried       map[string]bool  // store IDs analysed again (or tried) this run
	cached      map[string]bool  // store IDs of live articles the cache kept
	waitInfos   bool             // the stored briefs' infos are being read
	headsIn     bool             // the cached heads have been read
	queue       []*model.Article // articles waiting for analysis
	analyzing   int              // chunks of the queue being analysed

	watchPaths <-chan string
	watchErrs  <-chan error

	refreshing  bool
	announce    bool // the user asked for the refresh under way: report it
	refreshCh   <-chan source.Event
	refreshNew  int // articles the refresh under way added
	refreshErrs int // sources it failed to load
	tickGen     int // generation of the periodic refresh timer
}

// loadStatus is the state of the first load, for the library to show,
// and every source that failed (first load, refresh), each once.
type loadStatus struct {
	loading  bool
	progress source.Progress
	errs     []string
}

// fail records failures not recorded yet and reports how many were new.
func (l *loadStatus) fail(errs []string) int {
	n := 0
	for _, e := range errs {
		if !slices.Contains(l.errs, e) {
			l.errs = append(l.errs, e)
			n++
		}
	}
	return n
}

// arrivedMsg reports articles added to the collection (added) and heads
// whose whole article arrived (filled); done is true when the first load
// has ended, and openSingle when it brought one article, to open.
type arrivedMsg struct {
	added, filled []*model.Article
	done          bool
	openSingle    bool
	cached        bool // added are the heads the store keeps, read at start
}

// statusMsg shows a line in the status bar until the next key.
type statusMsg struct {
	text  string
	isErr bool
}

// status returns a command that shows text in the status line.
func status(text string, isErr bool) tea.Cmd {
	return func() tea.Msg { return statusMsg{text: text, isErr: isErr} }
}

// emit returns a command that delivers msg.
func emit(msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }

func newSources(ctx context.Context, opts *Options, coll *collection, keys *GlobalKeys) *sources {
	keys.Failures.SetEnabled(false)
	return &sources{ctx: ctx, opts: opts, coll: coll, keys: keys, load: &loadStatus{loading: true},
		an: analyzer{ctx: ctx, fn: opts.Analyze, store: opts.Briefs}, tried: map[string]bool{}, cached: map[string]bool{}}
}

// failed records failures and enables the key that lists them.
func (s *sources) failed(errs []string) int {
	n := s.load.fail(errs)
	s.keys.Failures.SetEnabled(len(s.load.errs) > 0)
	return n
}

// failedNote says how many sources failed and how to list them.
func (s *sources) failedNote() string {
	return fmt.Sprintf("%s failed · %s lists them", plural(len(s.load.errs), "source"), helpKeys(s.keys.Failures.Keys()))
}

// Init starts the first load, reading the cached articles, watching and
// the refresh timer.
func (s *sources) Init() tea.Cmd {
	load := loadCmd(s.ctx, s.opts.Load)
	switch {
	case s.primed:
		load = nil // under way since Model.Prime
	case s.opts.Stream != nil:
		load = startStream(s.ctx, s.opts.Stream)
	}
	return tea.Batch(load, s.readHeads(), s.watchInit(), s.tick(s.tickGen))
}

// Busy reports whether the first load is under way.
func (s *sources) Busy() bool { return s.load.loading }

// Update handles the messages of loading, watching and refreshing; ok
// is false for any other message.
func (s *sources) Update(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case loadedMsg:
		var errs []string
		for _, e := range msg.errs {
			errs = append(errs, e.Error())
		}
		return s.arrive(msg.articles, errs, true, nil), true
	case streamMsg:
		return withArrival(s.streamed(msg)), true
	case headsMsg:
		return s.handleHeads(msg), true
	case infosMsg:
		return s.handleInfos(msg), true
	case reanalyzedMsg:
		return s.handleReanalyzed(msg), true
	case cachedMsg:
		if s.opts.Briefs != nil && s.opts.Article != nil {
			for _, id := range msg.ids {
				s.cached[id] = true
				s.coll.Unload(id)
			}
		}
		return nil, true
	case filledMsg:
		return s.handleFilled(msg), true
	case headMsg:
		return s.handleHead(msg), true
	case watchStartedMsg, watchMsg:
		return s.handleWatch(msg), true
	case refreshMsg, refreshTickMsg:
		return s.handleRefresh(msg), true
	}
	return nil, false
}

// arrive adds loaded articles to the collection and reports them.
// streamed takes the events of a loading stream: what the screens are
// to take (nil for nothing), and the commands that go on.
func (s *sources) streamed(msg streamMsg) (*arrivedMsg, tea.Cmd) {
	if msg.ch != nil {
		s.stream = msg.ch
	}
	var arts []model.Article
	var errs []string
	for _, ev := range msg.events {
		arts = append(arts, ev.Articles...)
		if ev.Err != nil {
			errs = append(errs, ev.Err.Error())
		}
		s.load.progress = ev.Progress
	}
	var next tea.Cmd
	if !msg.done {
		next = waitStream(s.stream)
	}
	return s.arrival(arts, errs, msg.done, next)
}

// withArrival is the commands of an arrival, the message for the
// screens first.
func withArrival(msg *arrivedMsg, rest tea.Cmd) tea.Cmd {
	if msg == nil {
		return rest
	}
	return tea.Batch(emit(*msg), rest)
}

func (s *sources) arrive(arts []model.Article, errs []string, done bool, next tea.Cmd) tea.Cmd {
	return withArrival(s.arrival(arts, errs, done, next))
}

// arrival takes loaded articles into the collection: what the screens
// are to take (nil for nothing), and the commands that go on.
func (s *sources) arrival(arts []model.Article, errs []string, done bool, next tea.Cmd) (*arrivedMsg, tea.Cmd) {
	first := s.load.loading
	var note tea.Cmd
	if first {
		s.load.loading = !done
		s.failed(errs)
		if done && len(s.load.errs) > 0 {
			// Say so wherever the user is: the one article may open
			// straight in the reader.
			note = status(s.failedNote(), true)
		}
	}
	added, filled := s.coll.Add(arts)
	msg := arrivedMsg{added: added, filled: filled, done: first && done}
	if len(added) == 0 && len(filled) == 0 && !msg.done {
		// A source that failed, or brought only articles held already:
		// the screens have nothing to take again (with 10,000 articles
		// the library's rows cost 5-10 ms each time).
		return nil, tea.Batch(next, note)
	}
	msg.openSingle = msg.done && !s.live && s.coll.Len() == 1
	return &msg, tea.Batch(s.cache(added), next, note)
}

// cache hands newly loaded articles to Options.Cache, which keeps those
// from feeds and URLs for offline reading.
func (s *sources) cache(arts []*model.Article) tea.Cmd {
	cache := s.opts.Cache
	if cache == nil || len(arts) == 0 {
		return nil
	}
	copies := make([]model.Article, len(arts))
	for i, a := range arts {
		copies[i] = *a
	}
	ctx := s.ctx
	return func() tea.Msg {
		ids, err := cache(ctx, copies)
		if err != nil {
			return statusMsg{text: "cache: " + err.Error(), isErr: true}
		}
		return cachedMsg{ids: ids}
	}
}

// cachedMsg carries the store IDs of articles the cache kept.
type cachedMsg struct{ ids []string }

// Unload turns the articles of ids that the cache keeps into heads,
// without body or brief, so a large library holds only what it shows:
// opening one, or analysing it, reads it from the cache again. Without a
// BriefStore it does nothing.
func (s *sources) Unload(ids map[string]store.BriefInfo) {
	if s.opts.Briefs == nil || s.opts.Article == nil {
		return
	}
	for id := range ids {
		if s.cached[id] {
			s.coll.Unload(id)
		}
	}
}

// headsMsg carries the articles the store keeps, read at start; they
// may come without their bodies. first marks the newest few, read before
// the rest.
type headsMsg struct {
	heads []model.Article
	first bool
	err   error
	next  tea.Cmd // what to read once these heads are in
}

// firstHeads is how many of the newest cached articles are read before
// the rest: more than the tallest screen shows.
const firstHeads = 200

// infosMsg carries the counts and hashes of the stored briefs, read at
// start beside the heads.
type infosMsg struct {
	infos map[string]store.BriefInfo
	err   error
}

// readHeads reads the cached articles and, with a BriefStore, what it
// holds of their briefs, in two commands: the titles show as soon as the
// heads are in, the counts when the infos are. With CachedNewest the
// first screen's heads are read alone, and the rest and the infos only
// once those are in the library: the database and the cores serve the
// first screen first.
func (s *sources) readHeads() tea.Cmd {
	cached, briefs := s.opts.Cached, s.opts.Briefs
	if cached == nil {
		return nil
	}
	ctx := s.ctx
	heads := func() tea.Msg {
		heads, err := cached(ctx)
		return headsMsg{heads: heads, err: err}
	}
	var infos tea.Cmd
	if briefs != nil {
		s.waitInfos = true
		infos = func() tea.Msg {
			infos, err := briefs.BriefInfos(ctx)
			return infosMsg{infos: infos, err: err}
		}
	}
	if newest := s.opts.CachedNewest; newest != nil {
		all := heads
		return func() tea.Msg {
			first, err := newest(ctx, firstHeads)
			if err != nil || len(first) < firstHeads {
				return headsMsg{heads: first, err: err, next: infos}
			}
			return headsMsg{heads: first, first: true, next: tea.Batch(all, infos)}
		}
	}
	return tea.Batch(heads, infos)
}

// handleHeads adds the cached articles no live source has brought. With
// a BriefStore, their counts come from their stored briefs, their bodies
// stay in the cache until one is opened, and those whose brief is stale
// are analysed again in the background once the infos are in; without
// one, their bodies are read in the background and analysed.
func (s *sources) handleHeads(msg headsMsg) tea.Cmd {
	var cmds []tea.Cmd
	if msg.err != nil {
		cmds = append(cmds, status("cache: "+msg.err.Error(), true))
	}
	s.headsIn = s.headsIn || !msg.first
	if msg.next != nil {
		cmds = append(cmds, msg.next)
	}
	added := s.coll.AddHeads(msg.heads, s.opts.Article != nil)
	if len(added) == 0 {
		return tea.Batch(cmds...)
	}
	cmds = append(cmds, emit(arrivedMsg{added: added, cached: true}))
	if msg.first {
		return tea.Batch(cmds...)
	}
	if s.opts.Briefs != nil {
		return tea.Batch(append(cmds, s.reanalyzeNext())...)
	}
	return tea.Batch(append(cmds, s.fillNext())...)
}

// handleInfos records the stored briefs' infos and starts analysing the
// stale ones.
func (s *sources) handleInfos(msg infosMsg) tea.Cmd {
	s.waitInfos = false
	s.coll.SetInfos(msg.infos)
	cmds := []tea.Cmd{emit(briefsChangedMsg{}), s.reanalyzeNext()}
	if msg.err != nil {
		cmds = append(cmds, status("briefs: "+msg.err.Error(), true))
	}
	return tea.Batch(cmds...)
}

// filledMsg carries whole cached articles for heads, read in the
// background.
type filledMsg struct {
	arts []model.Article
	err  error
}

// fillChunk is how many heads one background command reads.
const fillChunk = 32

// fillNext reads the next chunk of heads' bodies in a command, newest
// first, one chunk at a time.
func (s *sources) fillNext() tea.Cmd {
	if s.filling || !s.coll.Heads() || s.opts.Article == nil {
		return nil
	}
	ids := s.coll.HeadIDs(fillChunk)
	s.filling = true
	ctx, read := s.ctx, s.opts.Article
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

// handleFilled puts whole articles in place of their heads and reads the
// next chunk.
func (s *sources) handleFilled(msg filledMsg) tea.Cmd {
	s.filling = false
	if msg.err != nil {
		s.coll.DropHeads() // stop; heads still open one by one
		return status("cache: "+msg.err.Error(), true)
	}
	if len(msg.arts) == 0 {
		s.coll.DropHeads() // the cache lost them; stop asking
	}
	filled := s.coll.Fill(msg.arts)
	return tea.Batch(emit(arrivedMsg{filled: filled}), s.fillNext())
}

// headMsg carries the whole cached article of a head that is being
// opened, and the open to carry out once it is whole.
type headMsg struct {
	id   string
	open openMsg
	art  model.Article
	ok   bool
	err  error
}

// LoadHead reads the whole article of head a, then opens it as open
// asks.
func (s *sources) LoadHead(open openMsg) tea.Cmd {
	id := idOf(open.article)
	ctx, read := s.ctx, s.opts.Article
	return func() tea.Msg {
		a, ok, err := read(ctx, id)
		return headMsg{id: id, open: open, art: a, ok: ok, err: err}
	}
}

// handleHead fills a head being opened and opens it.
func (s *sources) handleHead(msg headMsg) tea.Cmd {
	if !s.coll.IsHead(msg.open.article) {
		return emit(msg.open) // filled meanwhile
	}
	if msg.err != nil || !msg.ok {
		reason := "not in the cache any more"
		if msg.err != nil {
			reason = msg.err.Error()
		}
		return status("could not read the article: "+reason, true)
	}
	filled := s.coll.Fill([]model.Article{msg.art})
	// Open first: once a reader shows it, the article is not turned back
	// into a head when the analysis the arrival starts stores its brief;
	// announced first, it could be, and the open would read it again.
	return tea.Sequence(emit(msg.open), emit(arrivedMsg{filled: filled}))
}

// plural is "1 article" or "n articles".
func plural(n int, what string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", what)
	}
	return fmt.Sprintf("%d %ss", n, what)
}
