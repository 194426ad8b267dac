// Package tui is brief's interactive reader: a bubbletea program with a
// library screen and a reader screen that shows an article's key points,
// quotes and phases beside its body.
//
// New is the one entry point. The caller (the local command, or an SSH
// session handler) passes everything the program needs in Options: the
// size, the theme, and where the articles come from. The package knows
// nothing of SSH, keeps no package-level state, and does all loading,
// analysis and Markdown rendering in commands.
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
	// Width and Height are the initial size when known (an SSH pty);
	// otherwise the first window-size message sets them.
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
	// notes, undo); nil disables the triage keys and the view tabs.
	Store *store.User
	// Since shows only articles no older than this, when > 0.
	Since time.Duration
	// Now is the clock for day groups and Since; nil means time.Now.
	Now func() time.Time
	// Cached returns the articles the store keeps from feeds and URLs,
	// shown at start; they may come without their bodies (Store.Heads),
	// and Article then reads one whole when it is opened.
	Cached  func(context.Context) ([]model.Article, error)
	Article func(ctx context.Context, id string) (model.Article, bool, error)
	// Cache keeps newly loaded articles (the caller picks those from
	// feeds and URLs) so they stay readable offline; called in a
	// command with each batch.
	Cache func(context.Context, []model.Article) error
	// Watch lists folders to watch: files that appear or change there
	// are loaded and show up as unread.
	Watch []string
	// Refresh loads feeds and URLs again, on R and every RefreshEvery
	// (when > 0); pass the same source.Fetcher as the first load so
	// unchanged feeds cost a 304.
	Refresh      func(context.Context) <-chan source.Event
	RefreshEvery time.Duration
	// OpenURL opens a URL in the browser (OpenBrowser locally); nil
	// disables o, as over SSH.
	OpenURL func(url string) error
	// Status is shown in the status line at start, as an error (a bad
	// config file brief started without).
	Status string
}

// screen is the screen the root routes to.
type screen int

const (
	screenLibrary screen = iota
	screenReader
	screenQuotes
)

// Model is the root model: it routes messages to the screen in front
// and owns what the screens share (articles, briefs, styles, keys).
type Model struct {
	opts Options
	ctx  context.Context

	keys    *KeyMap
	st      *render.Styles
	dark    bool
	noColor bool

	screen   screen
	showHelp bool
	help     help.Model
	spinner  spinner.Model
	spinning bool

	loading  bool
	progress source.Progress
	errs     []string
	seen     map[string]bool // article IDs loaded, to drop duplicates
	stream   <-chan source.Event
	articles []*model.Article
	briefs   map[string]*model.Brief
	current  int // article open in the reader

	library libraryModel
	reader  readerModel
	quotes  quotesModel
	tri     triage // triage state, watching and refreshing (triage*.go)
	width   int
	height  int
}

// New returns a program model for opts.
func New(opts Options) Model {
	m := Model{opts: opts, ctx: opts.Context, loading: true, dark: opts.Theme != "light", noColor: opts.NoColor}
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
	m.briefs = map[string]*model.Brief{}
	m.seen = map[string]bool{}
	m.st = render.NewStyles(render.ThemeFor(m.dark), m.noColor)
	m.help = help.New()
	m.spinner = spinner.New(spinner.WithSpinner(spinner.MiniDot))
	m.library = newLibrary(m.st, m.keys, m.briefs)
	m.reader = newReader(m.st, m.keys)
	m.reader.ctx = m.ctx
	m.quotes = newQuotes(m.ctx, m.st, m.keys, opts.Store)
	m.tri = newTriage(opts)
	if opts.Store != nil {
		m.library.SetTriage(m.tri.states, opts.Since, m.now)
	} else if opts.Since > 0 {
		m.library.SetTriage(nil, opts.Since, m.now)
	}
	m.restyleParts()
	if opts.Width > 0 && opts.Height > 0 {
		m.width, m.height = opts.Width, opts.Height
		m.library.SetSize(m.width, m.height)
		m.reader.SetSize(m.width, m.height)
		m.quotes.SetSize(m.width, m.height)
	}
	return m
}

// Init starts loading, the spinner and, with Theme "auto", the
// background color query.
func (m Model) Init() tea.Cmd {
	load := loadCmd(m.ctx, m.opts.Load)
	if m.opts.Stream != nil {
		load = startStream(m.ctx, m.opts.Stream)
	}
	cmds := []tea.Cmd{load, m.spinner.Tick, m.triageInit()}
	if m.opts.Theme == "" || m.opts.Theme == "auto" {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	return tea.Batch(cmds...)
}

// Update routes a message, then refreshes which keys are enabled and
// keeps the spinner turning while work is under way.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m, cmd := m.update(msg)
	cmd = tea.Batch(cmd, m.refreshQuotes(msg))
	m.updateKeys()
	m.syncQuoteMarks()
	if m.busy() && !m.spinning {
		m.spinning = true
		cmd = tea.Batch(cmd, m.spinner.Tick)
	}
	return m, cmd
}

func (m Model) update(msg tea.Msg) (Model, tea.Cmd) {
	if m2, cmd, ok := m.handleQuotes(msg); ok {
		return m2, cmd
	}
	if m2, cmd, ok := m.handleTriageMsg(msg); ok {
		return m2, cmd
	}
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.library.SetSize(msg.Width, msg.Height)
		m.quotes.SetSize(msg.Width, msg.Height)
		m.help.SetWidth(msg.Width)
		return m, m.reader.SetSize(msg.Width, msg.Height)
	case tea.BackgroundColorMsg:
		if m.opts.Theme == "" || m.opts.Theme == "auto" {
			return m.restyle(msg.IsDark(), m.noColor)
		}
	case tea.ColorProfileMsg:
		if (msg.Profile == colorprofile.NoTTY || msg.Profile == colorprofile.ASCII) && !m.noColor {
			return m.restyle(m.dark, true)
		}
	case loadedMsg:
		var errs []string
		for _, e := range msg.errs {
			errs = append(errs, e.Error())
		}
		return m.handleLoaded(msg.articles, errs, true, nil)
	case streamMsg:
		if msg.ch != nil {
			m.stream = msg.ch
		}
		var arts []model.Article
		var errs []string
		for _, ev := range msg.events {
			arts = append(arts, ev.Articles...)
			if ev.Err != nil {
				errs = append(errs, ev.Err.Error())
			}
			m.progress = ev.Progress
		}
		var next tea.Cmd
		if !msg.done {
			next = waitStream(m.stream)
		}
		return m.handleLoaded(arts, errs, msg.done, next)
	case analyzedMsg:
		return m.handleAnalyzed(msg)
	case openMsg:
		return m.open(msg.index)
	case stepMsg:
		return m.step(msg.d)
	case backMsg:
		m.screen = screenLibrary
		m.library.Unpin()
		m.library.Select(m.current)
	case spinner.TickMsg:
		if !m.busy() {
			m.spinning = false
			return m, nil
		}
		var cmd tea.Cmd
		m.spinner, cmd = m.spinner.Update(msg)
		return m, cmd
	case bodyMsg:
		var cmd tea.Cmd
		m.reader, cmd = m.reader.Update(msg)
		return m, cmd
	case tea.KeyPressMsg:
		return m.handleKey(msg)
	case tea.MouseWheelMsg, tea.MouseClickMsg:
		return m.route(msg)
	}
	return m, nil
}

// handleKey handles global keys, then routes the key to the screen.
func (m Model) handleKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	if msg.String() == "ctrl+c" {
		return m, tea.Quit
	}
	m.tri.status = ""
	if m.tri.prompt.Active() {
		return m.handlePrompt(msg)
	}
	if m.inputActive() {
		return m.route(msg)
	}
	k := m.keys
	switch {
	case m.showHelp && (keyIs(msg, k.Help) || keyIs(msg, k.Cancel)):
		m.showHelp = false
		return m, nil
	case keyIs(msg, k.Quit):
		return m, tea.Quit
	case keyIs(msg, k.Help):
		m.showHelp = true
		return m, nil
	case m.showHelp:
		return m, nil
	}
	if m2, cmd, ok := m.handleQuotesKey(msg); ok {
		return m2, cmd
	}
	if m2, cmd, ok := m.handleTriageKey(msg); ok {
		return m2, cmd
	}
	return m.route(msg)
}

// route passes a message to the screen in front.
func (m Model) route(msg tea.Msg) (Model, tea.Cmd) {
	var cmd tea.Cmd
	if m.screen == screenQuotes {
		m.quotes, cmd = m.quotes.Update(msg)
	} else if m.screen == screenReader {
		m.reader, cmd = m.reader.Update(msg)
	} else {
		m.library, cmd = m.library.Update(msg)
	}
	return m, cmd
}
