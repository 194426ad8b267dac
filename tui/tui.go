// Package tui is brief's interactive reader: a bubbletea program with a
// library screen, a reader screen that shows an article's key points,
// quotes and phases beside its body, and a Quotes screen.
//
// New is the one entry point. The caller (the local command, or an SSH
// session handler) passes everything the program needs in Options: the
// size, the theme, and where the articles come from. The package knows
// nothing of SSH, keeps no package-level state, and does all loading,
// analysis and Markdown rendering in commands.
//
// The root model routes: keys and the mouse go to the screen in front,
// lifecycle messages to the parts that own them (sources, triage, quote
// marks), and the rest to every screen. Screens sit on a back-stack, so
// esc returns to exactly where the user came from.
package tui

import (
	"context"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/analyze"
	"github.com/brief-reader/brief/model/source"
	"github.com/brief-reader/brief/model/store"
	"github.com/brief-reader/brief/render"
)

// Options configure a program.
type Options struct {
	// Context bounds loading; nil means context.Background().
	Context context.Context
	// Load returns the articles to show. It runs in a command.
	Load func(context.Context) ([]model.Article, []error)
	// Stream, when set, is used instead of Load: it starts loading and
	// reports sources as they finish (source.Stream), so the library
	// fills in while the rest loads.
	Stream func(context.Context) <-chan source.Event
	// Analyze finds an article's brief; nil means analyze.Analyze. It
	// runs in commands.
	Analyze func(model.Article) model.Brief
	// Width and Height are the initial size when known (an SSH pty, or
	// the local terminal for Prime); otherwise the first window-size
	// message sets them.
	Width, Height int
	// Theme is "auto" (ask the terminal for its background), "dark" or
	// "light".
	Theme string
	// NoColor turns colors off (NO_COLOR); a terminal without colors
	// does the same on its own.
	NoColor bool
	// Keys replaces the default key bindings.
	Keys *KeyMap

	// Store is the user's triage state (read, starred, archived, tags,
	// notes, undo) and quote review (marks, speaker corrections); nil
	// disables the triage keys and the view tabs, and marks last the
	// session.
	Store *store.User
	// Live brings the review changes other sessions make (a
	// store.Subscription), shown as they arrive; nil shows them at the
	// next start.
	Live Live
	// Since shows only articles no older than this, when > 0.
	Since time.Duration
	// Now is the clock for day groups and Since; nil means time.Now.
	Now func() time.Time
	// Briefs keeps each article's brief beside it (the store): counts and
	// quotes of cached articles come from it without their bodies, and
	// only new, changed or stale articles are analysed. nil analyses
	// every article as it is loaded.
	Briefs BriefStore
	// Cached returns the articles the store keeps from feeds and URLs,
	// shown at start; they may come without their bodies (Store.Heads),
	// and Article then reads one whole when it is opened.
	Cached func(context.Context) ([]model.Article, error)
	// CachedNewest, when set, returns the first n of Cached: read first,
	// so the first screen of a large library shows before all of it.
	CachedNewest func(ctx context.Context, n int) ([]model.Article, error)
	Article      func(ctx context.Context, id string) (model.Article, bool, error)
	// Cache keeps newly loaded articles (the caller picks those from
	// feeds and URLs) so they stay readable offline, and returns the
	// store IDs of those it kept; called in a command with each batch.
	// With Briefs and Article set too, a kept article whose brief is
	// stored is held as a head, its body read again when it is opened.
	Cache func(context.Context, []model.Article) ([]string, error)
	// Watch lists folders to watch: files that appear or change there
	// are loaded and show up as unread.
	Watch []string
	// Refresh loads feeds and URLs again, on R and every RefreshEvery
	// (when > 0); pass the same source.Fetcher as the first load so
	// unchanged feeds cost a 304.
	Refresh      func(context.Context) <-chan source.Event
	RefreshEvery time.Duration
	// Shown, when set, is called once the first load is done and what it
	// brought is on screen (from the Update that shows it).
	Shown func()
	// OpenURL opens a URL in the browser (OpenBrowser locally); nil
	// disables o, as over SSH.
	OpenURL func(url string) error
	// Status is shown in the status line at start, as an error (a bad
	// config file brief started without).
	Status string
	// Early, when set, is handed the content of each frame the program
	// draws (View's) that differs from the last, from the first one with
	// something loaded (articles, or the end of the first load), until it
	// returns false. bubbletea draws on its frame clock only, whose first
	// tick comes a frame period (8 ms at 120 frames a second) after it
	// starts: later than a local file's first load. The local reader
	// draws these frames at once, until bubbletea's first.
	Early func(content string) bool
}

// maxStack bounds the back-stack; the oldest screens above the library
// are forgotten first.
const maxStack = 32

// Model is the root model: it routes messages, keeps the back-stack of
// screens and owns what they share (the collection, the triage state,
// the quote marks, styles and keys).
type Model struct {
	opts *Options
	ctx  context.Context

	keys    *KeyMap
	st      *render.Styles
	dark    bool
	noColor bool
	plain   bool // the terminal draws no text attributes (TERM=dumb)

	coll   *collection
	src    *sources
	tri    *triageModel
	marks  *reviewModel
	status statusLine

	library  *libraryModel
	quotes   *quotesModel
	failures *failuresModel
	stack    []screen // stack[0] is the library; the last is in front
	readers  int      // readers made, to tell their renders apart
	early    *early   // frames handed to Options.Early

	showHelp   bool
	helpOffset int // first line of the full help on screen
	help       help.Model
	helpLine   *helpLine // the footer's help line, kept while it is the same
	spinner    spinner.Model
	spinning   bool
	width      int
	height     int
	primed     tea.Cmd // what Prime's updates started, for Init to run
}

// New returns a program model for opts.
func New(opts Options) Model {
	m := Model{opts: &opts, ctx: opts.Context, dark: opts.Theme != "light", noColor: opts.NoColor}
	if m.ctx == nil {
		m.ctx = context.Background()
	}
	if m.opts.Analyze == nil {
		m.opts.Analyze = analyze.Analyze
	}
	keys := DefaultKeyMap()
	if opts.Keys != nil {
		keys = *opts.Keys
	}
	m.keys = &keys
	m.st = render.NewStyles(render.ThemeFor(m.dark), m.noColor)
	m.help = help.New()
	m.helpLine = &helpLine{}
	m.spinner = spinner.New(spinner.WithSpinner(spinner.MiniDot))
	m.coll = newCollection()
	m.src = newSources(m.ctx, m.opts, m.coll, &m.keys.GlobalKeys)
	m.tri = newTriage(m.ctx, m.opts, m.keys, m.st)
	m.marks = newReview(m.ctx, opts.Store, opts.Live, m.coll)
	m.marks.queue = m.tri.Queue // review writes keep their place among the session's actions
	m.library = newLibrary(m.st, m.keys, m.coll, m.src.load, m.tri.states)
	m.library.SetTriage(opts.Since, m.tri.now)
	m.library.watch = opts.Watch
	m.quotes = newQuotes(m.ctx, m.st, m.keys, m.coll, m.marks, opts.Briefs)
	m.failures = newFailures(m.st, m.keys, m.src.load)
	m.stack = []screen{m.library}
	if opts.Early != nil {
		m.early = &early{fn: opts.Early}
	}
	if opts.Status != "" {
		m.status.Set(opts.Status, true)
	}
	m.restyleParts()
	if opts.Width > 0 && opts.Height > 0 {
		m, _ = m.resize(opts.Width, opts.Height)
	}
	return m
}

// Init starts loading, reading the user's state and marks, the spinner
// and, with Theme "auto", the background color query.
func (m Model) Init() tea.Cmd {
	cmds := []tea.Cmd{m.src.Init(), m.tri.Init(), m.marks.Init(), m.spinner.Tick, m.primed}
	if m.opts.Theme == "" || m.opts.Theme == "auto" {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	return tea.Batch(cmds...)
}

// Update routes a message and keeps the spinner turning while work is
// under way.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m, cmd := m.update(msg)
	if m.busy() && !m.spinning {
		m.spinning = true
		cmd = tea.Batch(cmd, m.spinner.Tick)
	}
	return m, cmd
}

func (m Model) update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return m.handleKey(msg)
	case tea.MouseWheelMsg, tea.MouseClickMsg, archivedMsg:
		return m, m.front().Update(msg)
	case tea.WindowSizeMsg:
		return m.resize(msg.Width, msg.Height)
	case tea.BackgroundColorMsg:
		if m.opts.Theme == "" || m.opts.Theme == "auto" {
			return m.restyle(msg.IsDark(), m.noColor, m.plain)
		}
		return m, nil
	case tea.ColorProfileMsg:
		if msg.Profile == colorprofile.NoTTY || msg.Profile == colorprofile.ASCII {
			return m.restyle(m.dark, true, msg.Profile == colorprofile.NoTTY)
		}
		return m, nil
	case spinner.TickMsg:
		if !m.busy() {
			m.spinning = false
			return m, nil
		}
		var cmd tea.Cmd
		m.spinner, cmd = m.spinner.Update(msg)
		return m, cmd
	case statusMsg:
		m.status.Set(msg.text, msg.isErr)
		return m, nil
	case openMsg:
		return m.open(msg)
	case backMsg:
		return m.back()
	case quotesScreenMsg:
		return m.push(m.quotes)
	case undoMsg:
		return m, m.tri.Undo()
	case arrivedMsg:
		return m.arrived(msg)
	case analyzedMsg:
		m.coll.SetBriefs(msg.briefs)
		m.coll.SetInfos(msg.infos)
		m.src.Unload(msg.infos)
		if msg.err != nil {
			m.status.Set("briefs: "+msg.err.Error(), true)
		}
		return m, tea.Batch(m.src.Analyzed(msg), m.broadcast(msg))
	case refreshRequestMsg:
		return m, m.src.Refresh()
	case liveMsg:
		cmd, notes := m.marks.Live(msg)
		cmds := []tea.Cmd{cmd}
		for _, n := range notes {
			cmds = append(cmds, m.broadcast(n))
		}
		return m, tea.Batch(cmds...)
	}
	if cmd, ok := m.src.Update(msg); ok {
		return m, cmd
	}
	if cmd, ok := m.tri.Update(msg); ok {
		return m, cmd
	}
	if cmd, ok := m.marks.Update(msg); ok {
		return m, cmd
	}
	return m, m.broadcast(msg)
}

// handleKey handles the global keys, then routes the key to the triage
// keys or the screen in front.
func (m Model) handleKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	if msg.String() == "ctrl+c" {
		return m, tea.Quit
	}
	m.status.Clear()
	if m.tri.Prompting() {
		return m, m.tri.HandlePrompt(msg)
	}
	if m.marks.Prompting() {
		return m, m.marks.HandlePrompt(msg, &m.keys.GlobalKeys)
	}
	f := m.front()
	if t, ok := f.(typing); ok && t.Typing() {
		return m, f.Update(msg)
	}
	g := &m.keys.GlobalKeys
	switch {
	case m.showHelp && (keyIs(msg, g.Help) || keyIs(msg, g.Cancel)):
		m.showHelp = false
		return m, nil
	case keyIs(msg, g.Quit):
		return m, tea.Quit
	case keyIs(msg, g.Help):
		m.showHelp, m.helpOffset = true, 0
		return m, nil
	case keyIs(msg, g.Failures) && f != screen(m.failures):
		return m.push(m.failures)
	case m.showHelp:
		m, _ = m.scrollHelp(msg)
		return m, nil
	}
	if t, ok := f.(triageTarget); ok {
		if cmd, ok := m.tri.HandleKey(msg, t); ok {
			return m, cmd
		}
	}
	return m, f.Update(msg)
}

// front is the screen in front.
func (m Model) front() screen { return m.stack[len(m.stack)-1] }

// screens lists each screen once: the library, the Quotes screen and
// every reader on the stack.
func (m Model) screens() []screen {
	out := []screen{m.library, m.quotes, m.failures}
	for _, s := range m.stack {
		if r, ok := s.(*readerModel); ok {
			out = append(out, r)
		}
	}
	return out
}

// broadcast hands msg to every screen.
func (m Model) broadcast(msg tea.Msg) tea.Cmd {
	var cmds []tea.Cmd
	for _, s := range m.screens() {
		cmds = append(cmds, s.Update(msg))
	}
	return tea.Batch(cmds...)
}

// push puts s in front.
func (m Model) push(s screen) (Model, tea.Cmd) {
	m.stack = append(m.stack, s)
	if len(m.stack) > maxStack {
		if r, ok := m.stack[1].(*readerModel); ok {
			r.Close()
		}
		m.stack = append(m.stack[:1], m.stack[2:]...)
	}
	m.showHelp = false
	return m, m.fronted()
}

// back takes the screen in front off the stack; back on the library
// selects the article last read.
func (m Model) back() (Model, tea.Cmd) {
	if len(m.stack) <= 1 {
		return m, nil
	}
	top := m.front()
	m.stack = m.stack[:len(m.stack)-1]
	if r, ok := top.(*readerModel); ok {
		r.Close()
		if m.front() == screen(m.library) {
			m.library.Select(r.article)
		}
	}
	return m, m.fronted()
}

// fronted tells the screens which one is in front after the stack
// changed, and keeps the articles readers show in the library and the
// collection.
func (m Model) fronted() tea.Cmd {
	var open []*model.Article
	var pin *model.Article
	for _, s := range m.stack {
		if r, ok := s.(*readerModel); ok {
			open = append(open, r.article)
			pin = r.article
		}
	}
	m.coll.SetOpen(open)
	m.library.Pin(pin)
	return m.broadcast(frontMsg{m.front()})
}

// open shows an article in a reader: a new one in front, or the reader
// in front for the next and previous article.
func (m Model) open(msg openMsg) (Model, tea.Cmd) {
	a := msg.article
	if a == nil || m.coll.Index(a) < 0 {
		return m, status("that article is no longer loaded", true)
	}
	if m.coll.IsHead(a) {
		return m, m.src.LoadHead(msg)
	}
	var cmds []tea.Cmd
	r, ok := m.front().(*readerModel)
	if !msg.replace || !ok {
		m.readers++
		r = newReader(m.ctx, m.readers, m.st, m.keys, m.coll, m.library, m.tri.states, m.marks)
		cmds = append(cmds, r.SetSize(m.width, m.height))
		m.stack = append(m.stack, r)
	}
	m.showHelp = false
	cmds = append(cmds, r.Open(a, msg.quote), m.tri.MarkOpened(a))
	if m.coll.Brief(a) == nil {
		// After the frame that shows the article.
		cmds = append(cmds, afterFrame(m.src.Analyze([]*model.Article{a}, true)))
	}
	return m, tea.Batch(append(cmds, m.fronted())...)
}

// arrived starts the analysis of articles the sources added or filled,
// records their first sighting, tells the screens, and opens the one
// article of a first load.
func (m Model) arrived(msg arrivedMsg) (Model, tea.Cmd) {
	var todo []*model.Article
	for _, a := range msg.added {
		// The store's heads are analysed only when their stored brief is
		// stale (sources.reanalyzeNext); a loaded article the cache took
		// back to a head before this message is still analysed, from the
		// cache.
		if m.coll.Brief(a) == nil && (!msg.cached || !m.coll.IsHead(a)) {
			todo = append(todo, a)
		}
	}
	todo = append(todo, msg.filled...)
	seen := m.tri.Added
	if msg.cached {
		seen = m.tri.AddedCached
	}
	cmds := []tea.Cmd{m.src.Analyze(todo, false), seen(msg.added), m.broadcast(msg)}
	if m.early != nil && (len(msg.added) > 0 || msg.done) {
		m.early.ready = true // what the screens draw next is worth drawing early
	}
	if msg.done && m.opts.Shown != nil {
		m.opts.Shown()
	}
	if msg.openSingle && m.front() == screen(m.library) {
		m2, cmd := m.open(openMsg{article: m.coll.All()[0], quote: -1})
		return m2, tea.Batch(append(cmds, cmd)...)
	}
	return m, tea.Batch(cmds...)
}

// resize lays every screen out for w×h.
func (m Model) resize(w, h int) (Model, tea.Cmd) {
	m.width, m.height = w, h
	m.help.SetWidth(w)
	m.tri.SetWidth(w)
	m.marks.SetWidth(w)
	var cmds []tea.Cmd
	for _, s := range m.screens() {
		cmds = append(cmds, s.SetSize(w, h))
	}
	return m, tea.Batch(cmds...)
}

// busy reports whether loading, analysis or rendering is under way.
func (m Model) busy() bool {
	if m.src.Busy() || m.coll.Analyzing() {
		return true
	}
	b, ok := m.front().(busy)
	return ok && b.Busy()
}

// statusLine is the one status line: the result of the last action or
// background job, shown until the next key.
type statusLine struct {
	text  string
	isErr bool
}

// Set shows text; isErr shows it as an error.
func (s *statusLine) Set(text string, isErr bool) { s.text, s.isErr = text, isErr }

// Clear empties the line.
func (s *statusLine) Clear() { s.text, s.isErr = "", false }

// Prime starts the load of Options.Stream before the program runs, and
// gives the model its first articles when they come within wait: the
// first frame is then drawn (Options.Early) before bubbletea starts,
// not after it has set up the terminal and run Init (1.7 ms sooner on
// the development machine). The model must know its size (Options.Width
// and Height). What those articles start (analysis, the wait for more)
// runs once the program does, from Init; when none come within wait,
// Init waits for them.
func (m Model) Prime(wait time.Duration) Model {
	if m.opts.Stream == nil || m.width == 0 || m.height == 0 || m.src.primed {
		return m
	}
	ch := m.opts.Stream(m.ctx)
	m.src.stream, m.src.primed = ch, true
	var msg streamMsg
	select {
	case ev, ok := <-ch:
		msg = streamEvents(ch, ev, ok)
	case <-time.After(wait):
		m.primed = waitStream(ch)
		return m
	}
	arrived, rest := m.src.streamed(msg)
	var cmd tea.Cmd
	if arrived != nil {
		m, cmd = m.arrived(*arrived)
	}
	m.primed = tea.Batch(rest, cmd)
	m.View() // hands the frame to Options.Early
	return m
}
