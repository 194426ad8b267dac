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
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
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

// handleLoaded adds loaded articles (dropping ones already loaded),
// keeps the library sorted newest first and starts their analysis. When
// loading is done and it found a single article, that article opens
// straight in the reader.
func (m Model) handleLoaded(arts []model.Article, errs []string, done bool, next tea.Cmd) (Model, tea.Cmd) {
	m.loading = !done
	m.errs = append(m.errs, errs...)
	var added []*model.Article
	for i := range arts {
		a := &arts[i]
		if m.seen[a.ID] {
			m.replaceHead(a)
			continue
		}
		m.seen[a.ID] = true
		added = append(added, a)
	}
	var open *model.Article
	if m.screen == screenReader {
		open = m.articles[m.current]
	}
	m.articles = append(slices.Clip(m.articles), added...) // a new array: the library still reads the old one
	slices.SortStableFunc(m.articles, func(a, b *model.Article) int {
		if c := b.Published.Compare(a.Published); c != 0 {
			return c
		}
		return cmp.Compare(a.Title, b.Title)
	})
	if open != nil {
		m.current = slices.Index(m.articles, open)
	}
	m.library.SetArticles(m.articles, m.errs)
	cmds := append(analyzeCmds(added, m.opts.Analyze), next, m.added(added))
	if done && len(m.articles) == 1 && m.screen == screenLibrary && !m.tri.live {
		m2, cmd := m.open(0)
		return m2, tea.Batch(append(cmds, cmd)...)
	}
	return m, tea.Batch(cmds...)
}

// handleAnalyzed stores briefs and hands the open article its own.
func (m Model) handleAnalyzed(msg analyzedMsg) (Model, tea.Cmd) {
	for id, b := range msg.briefs {
		m.briefs[id] = b
	}
	if a := m.reader.article; a != nil && m.reader.brief == nil {
		m.reader.SetBrief(m.briefs[a.ID])
	}
	return m, nil
}

// open shows article i in the reader.
func (m Model) open(i int) (Model, tea.Cmd) {
	if i < 0 || i >= len(m.articles) {
		return m, nil
	}
	if m.tri.heads[idOf(m.articles[i])] != nil {
		return m, m.loadHead(i)
	}
	m.current = i
	m.screen = screenReader
	m.showHelp = false
	a := m.articles[i]
	m.library.Pin(a)
	read := m.markOpened(a)
	pos, total := m.library.Position(i), len(m.library.Order())
	if pos < 0 {
		pos, total = i, len(m.articles)
	}
	cmd := m.reader.Open(a, m.briefs[a.ID], pos+1, total)
	if m.briefs[a.ID] == nil {
		cmd = tea.Batch(cmd, analyzeCmds([]*model.Article{a}, m.opts.Analyze)[0])
	}
	return m, tea.Batch(cmd, read)
}

// step opens the next or previous article in the library's order.
func (m Model) step(d int) (Model, tea.Cmd) {
	order := m.library.Order()
	p := m.library.Position(m.current) + d
	if p < 0 || p >= len(order) {
		return m, nil
	}
	m.library.Select(order[p])
	return m.open(order[p])
}

// restyle rebuilds the styles for a background and color mode.
func (m Model) restyle(dark, noColor bool) (Model, tea.Cmd) {
	if dark == m.dark && noColor == m.noColor {
		return m, nil
	}
	m.dark, m.noColor = dark, noColor
	m.st = render.NewStyles(render.ThemeFor(dark), noColor)
	m.library.Restyle(m.st)
	m.quotes.Restyle(m.st)
	m.restyleParts()
	return m, m.reader.Restyle(m.st)
}

// restyleParts applies the styles to the help and the spinner.
func (m *Model) restyleParts() {
	m.help.Styles = help.Styles{
		ShortKey: m.st.HelpKey, ShortDesc: m.st.HelpDesc, ShortSeparator: m.st.HelpSep,
		FullKey: m.st.HelpKey, FullDesc: m.st.HelpDesc, FullSeparator: m.st.HelpSep,
		Ellipsis: m.st.HelpSep,
	}
	m.spinner.Style = m.st.Accent
}

// busy reports whether loading, analysis or rendering is under way.
func (m Model) busy() bool {
	if m.loading || len(m.briefs) < len(m.articles)-len(m.tri.heads) {
		return true
	}
	if m.screen == screenQuotes && m.quotes.running {
		return true
	}
	return m.screen == screenReader && m.reader.Busy()
}

// inputActive reports whether a text input has the keyboard.
func (m Model) inputActive() bool {
	if m.tri.prompt.Active() {
		return true
	}
	if m.screen == screenReader {
		return m.reader.search.Active()
	}
	if m.screen == screenQuotes {
		return m.quotes.Filtering()
	}
	return m.library.Filtering()
}

// View draws the screen in front.
func (m Model) View() tea.View {
	v := tea.NewView(m.content())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "brief"
	if m.screen == screenReader && m.reader.article != nil {
		v.WindowTitle = "brief · " + render.Line(m.reader.article.Title)
	}
	return v
}

func (m Model) content() string {
	if m.width == 0 || m.height == 0 {
		return ""
	}
	if m.width < render.MinWidth || m.height < render.MinHeight {
		return render.TooSmall(m.width, m.height, m.st)
	}
	footer := m.footer()
	spin := m.spinner.View()
	if m.showHelp {
		return m.helpView(footer)
	}
	if m.screen == screenReader {
		return m.reader.WithMarks(m.readerMarks()).View(footer, spin)
	}
	if m.screen == screenQuotes {
		return m.quotes.View(footer, spin)
	}
	progress := ""
	if p := m.progress; p.Total > 0 {
		progress = fmt.Sprintf("%d/%d sources", p.Done, p.Total)
	}
	return m.library.View(m.loading, progress, footer, spin)
}

// footer is the last row: the input being edited, a status message, or
// the short help.
func (m Model) footer() string {
	sh := screenHelp{k: m.keys, screen: m.screen, input: m.inputActive()}
	switch {
	case m.tri.prompt.Active():
		return m.tri.prompt.View()
	case m.tri.status != "" && m.tri.statusErr:
		return m.st.Error.Render(render.Line(m.tri.status))
	case m.tri.status != "":
		return m.st.Status.Render(render.Line(m.tri.status))
	case m.screen == screenReader && m.reader.search.Active():
		return m.reader.search.View()
	case m.screen == screenLibrary && m.library.Filtering():
		return m.help.ShortHelpView(sh.ShortHelp())
	case m.screen == screenReader && m.reader.status != "":
		return m.st.Status.Render(m.reader.status)
	case m.screen == screenQuotes && m.quotes.status != "" && !m.quotes.Filtering():
		return m.st.Status.Render(render.Line(m.quotes.status))
	case m.showHelp:
		return m.st.Subtle.Render("? or esc: close help · q: quit")
	}
	return m.help.ShortHelpView(sh.ShortHelp())
}

// fullHelp lays the help columns out in as many rows of columns as the
// width needs, so that no group is cut off.
func (m Model) fullHelp(groups [][]key.Binding) []string {
	h := m.help
	h.SetWidth(0)
	var out []string
	var row [][]key.Binding
	flush := func() {
		if len(row) > 0 {
			if len(out) > 0 {
				out = append(out, "")
			}
			out = append(out, strings.Split(h.FullHelpView(row), "\n")...)
			row = nil
		}
	}
	for _, g := range groups {
		if len(row) > 0 && lipgloss.Width(h.FullHelpView(append(row, g))) > m.width {
			flush()
		}
		row = append(row, g)
	}
	flush()
	return out
}

// helpView is the full help, grouped in columns.
func (m Model) helpView(footer string) string {
	sh := screenHelp{k: m.keys, screen: m.screen}
	title := "brief · keys"
	if m.screen == screenReader {
		title += " · reader"
	} else if m.screen == screenQuotes {
		title += " · quotes"
	} else {
		title += " · library"
	}
	lines := []string{m.st.Accent.Render(title), ""}
	lines = append(lines, m.fullHelp(sh.FullHelp())...)
	for len(lines) < m.height-1 {
		lines = append(lines, "")
	}
	lines = append(lines[:m.height-1], footer)
	return strings.Join(lines, "\n")
}
