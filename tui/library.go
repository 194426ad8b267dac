package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/library"
	"github.com/brief-reader/brief/render"
)

// libraryModel is the library screen: the articles of the collection
// in the view chosen on the tab bar (Inbox, Unread, Starred, Archive, a
// tag), newest first and grouped by day, with a filter on title, source
// and tag.
type libraryModel struct {
	st     *render.Styles
	keys   *LibraryKeys
	global *GlobalKeys
	triage *TriageKeys

	coll   *collection
	load   *loadStatus    // the first load, shown while it runs
	states *articleStates // the user's triage state, shared with the triage model

	articles []*model.Article // the collection's articles when last set
	rows     []int            // indices into articles shown, in order
	matches  map[int][]int    // title byte offsets matched, by article index
	selected int              // index into rows
	offset   int
	width    int
	height   int

	filter searchInput
	moved  bool     // the user has moved the selection: keep it on its article
	watch  []string // folders watched, named when there is nothing to show

	views libraryViews // triage views, day groups (tabs.go)

	// rowCache keeps the rows the last frame drew: most frames draw the
	// same ones again.
	rowCache render.RowCache

	// scratch is selectRows' working memory, kept between calls: with
	// 10,000 articles its slices come to megabytes.
	scratch struct {
		items, shown      []library.Item
		index, shownIndex []int
	}
}

func newLibrary(st *render.Styles, keys *KeyMap, coll *collection, load *loadStatus, states *articleStates) *libraryModel {
	l := &libraryModel{st: st, keys: &keys.LibraryKeys, global: &keys.GlobalKeys, triage: &keys.TriageKeys,
		coll: coll, load: load, states: states, filter: newSearchInput(st)}
	l.filter.input.Placeholder = "filter by title or source"
	l.updateKeys()
	return l
}

// SetArticles takes the collection's articles again (some arrived or
// left), keeping the selected article selected.
func (l *libraryModel) SetArticles() {
	var keep *model.Article
	if l.moved && l.selected >= 0 && l.selected < len(l.rows) {
		keep = l.articles[l.rows[l.selected]]
	}
	l.articles = l.coll.All()
	l.applyFilter()
	if keep != nil {
		l.Select(keep)
	}
}

// SetSize sets the screen size.
func (l *libraryModel) SetSize(w, h int) tea.Cmd {
	l.width, l.height = w, h
	l.filter.SetWidth(w)
	l.clamp()
	return nil
}

// Order returns the article indices in the order shown.
func (l *libraryModel) Order() []int { return l.rows }

// position returns where article index i sits in the shown order, or -1.
func (l *libraryModel) position(i int) int {
	for p, r := range l.rows {
		if r == i {
			return p
		}
	}
	return -1
}

// indexOf returns the index of a in articles, or -1.
func (l *libraryModel) indexOf(a *model.Article) int {
	for i, b := range l.articles {
		if b == a {
			return i
		}
	}
	return -1
}

// Select moves the selection to article a when it is shown.
func (l *libraryModel) Select(a *model.Article) {
	if p := l.position(l.indexOf(a)); p >= 0 {
		l.moved = true
		l.selected = p
		l.clamp()
	}
}

// Neighbour returns the article d places from a in the order shown, or
// nil (the reader's next and previous article).
func (l *libraryModel) Neighbour(a *model.Article, d int) *model.Article {
	p := l.position(l.indexOf(a))
	if p < 0 || p+d < 0 || p+d >= len(l.rows) {
		return nil
	}
	return l.articles[l.rows[p+d]]
}

// Position returns where a sits in the order shown (1-based) and how
// many are shown; an article the view does not show is placed in the
// whole collection.
func (l *libraryModel) Position(a *model.Article) (int, int) {
	i := l.indexOf(a)
	if p := l.position(i); p >= 0 {
		return p + 1, len(l.rows)
	}
	return i + 1, len(l.articles)
}

// Target is the selected article, which the triage keys act on.
func (l *libraryModel) Target() *model.Article {
	if len(l.rows) == 0 {
		return nil
	}
	return l.articles[l.rows[l.selected]]
}

// Shown is the articles the view shows, in order.
func (l *libraryModel) Shown() []*model.Article {
	out := make([]*model.Article, len(l.rows))
	for i, r := range l.rows {
		out[i] = l.articles[r]
	}
	return out
}

// CopyText is the selected article's title, source and URL.
func (l *libraryModel) CopyText() string {
	if a := l.Target(); a != nil {
		return citation(a)
	}
	return ""
}

// Typing reports whether the filter input has the keyboard.
func (l *libraryModel) Typing() bool { return l.filter.Active() }

// Title names the screen.
func (l *libraryModel) Title() string { return "library" }

// Update handles the library's keys and mouse wheel, and keeps the
// rows in step with the collection and the triage state.
func (l *libraryModel) Update(msg tea.Msg) tea.Cmd {
	defer l.updateKeys()
	switch msg := msg.(type) {
	case arrivedMsg:
		l.SetArticles()
	case statesChangedMsg:
		l.Refresh()
	case restyleMsg:
		l.st = msg.st
		l.filter.Restyle(msg.st)
	case tea.MouseWheelMsg:
		l.moved = true
		switch msg.Mouse().Button {
		case tea.MouseWheelUp:
			l.selected--
		case tea.MouseWheelDown:
			l.selected++
		}
		l.clamp()
	case tea.KeyPressMsg:
		if l.filter.Active() {
			return l.handleFilterKey(msg)
		}
		if l.handleViewKey(msg) {
			return nil
		}
		return l.handleKey(msg)
	}
	return nil
}

func (l *libraryModel) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	k, g := l.keys, l.global
	l.moved = true
	page := l.listHeight()
	switch {
	case key.Matches(msg, k.Open):
		if a := l.Target(); a != nil {
			return open(a)
		}
	case key.Matches(msg, k.Filter):
		return l.filter.Open()
	case key.Matches(msg, k.QuotesScreen):
		return emit(quotesScreenMsg{})
	case key.Matches(msg, k.Back):
		l.filter.Reset()
		l.applyFilter()
	case key.Matches(msg, g.Down):
		l.selected++
	case key.Matches(msg, g.Up):
		l.selected--
	case key.Matches(msg, g.Top):
		l.selected = 0
	case key.Matches(msg, g.Bottom):
		l.selected = len(l.rows) - 1
	case key.Matches(msg, g.PageDown):
		l.selected += page
	case key.Matches(msg, g.PageUp):
		l.selected -= page
	case key.Matches(msg, g.HalfPageDown):
		l.selected += max(page/2, 1)
	case key.Matches(msg, g.HalfPageUp):
		l.selected -= max(page/2, 1)
	}
	l.clamp()
	return nil
}

// handleFilterKey edits the filter; the list filters as it is typed.
func (l *libraryModel) handleFilterKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, l.global.Accept):
		l.filter.Close()
		return nil
	case key.Matches(msg, l.global.Cancel):
		l.filter.Reset()
		l.applyFilter()
		return nil
	case msg.String() == "down":
		l.selected++
		l.clamp()
		return nil
	case msg.String() == "up":
		l.selected--
		l.clamp()
		return nil
	}
	before := l.filter.Value()
	cmd := l.filter.Update(msg)
	if l.filter.Value() != before {
		l.applyFilter()
		l.selected, l.offset = 0, 0 // the best match
		l.clamp()
	}
	return cmd
}

// applyFilter recomputes the rows shown: all articles, or those the
// filter matches, best match first.
func (l *libraryModel) applyFilter() {
	var keep int = -1
	if l.selected >= 0 && l.selected < len(l.rows) {
		keep = l.rows[l.selected]
	}
	l.selectRows(strings.TrimSpace(l.filter.Value()))
	l.selected = 0
	if keep >= 0 {
		if p := l.position(keep); p >= 0 {
			l.selected = p
		}
	}
	l.clamp()
}

func (l *libraryModel) clamp() {
	l.selected = min(max(l.selected, 0), max(len(l.rows)-1, 0))
	l.offset = l.views.scroll(l.selected, l.offset, l.listHeight())
}

// State is what render draws.
func (l *libraryModel) State(footer, spinner string) render.LibraryState {
	s := render.LibraryState{
		Shown: len(l.rows), Total: len(l.articles), Selected: -1, Offset: l.offset,
		Loading: l.load.loading, Spinner: spinner, Errors: l.load.errs, Footer: footer,
		ErrorsKey: helpKeys(l.global.Failures.Keys()),
	}
	if len(l.watch) > 0 {
		s.Empty = fmt.Sprintf("No articles: %s is empty; watching it for new files", strings.Join(l.watch, ", "))
		if len(l.watch) > 1 {
			s.Empty = fmt.Sprintf("No articles: %s are empty; watching them for new files", strings.Join(l.watch, ", "))
		}
	}
	if p := l.load.progress; p.Total > 0 {
		s.Progress = fmt.Sprintf("%d/%d sources", p.Done, p.Total)
	}
	if l.filter.Active() || l.filter.Value() != "" {
		s.Filter = l.filter.View()
	}
	s.Tabs, s.Triage = l.views.tabState(), l.states.on
	s.Rows = l.lineRows(l.listHeight())
	s.Cache = &l.rowCache
	return s
}

// View draws the library with footer as its last row.
func (l *libraryModel) View(footer, spinner string) string {
	return render.Library(l.State(footer, spinner), l.width, l.height, l.st)
}

// updateKeys enables the keys that do something now.
func (l *libraryModel) updateKeys() {
	k := l.keys
	k.Open.SetEnabled(len(l.rows) > 0)
	k.Filter.SetEnabled(len(l.articles) > 0)
	k.Back.SetEnabled(l.filter.Value() != "")
	for _, b := range []*key.Binding{&k.NextView, &k.PrevView, &k.ViewInbox, &k.ViewUnread, &k.ViewStarred, &k.ViewArchive} {
		b.SetEnabled(l.states.on)
	}
}

// ShortHelp is the library's help line: esc, ? and q first.
func (l *libraryModel) ShortHelp() []key.Binding {
	k, g, t := l.keys, l.global, l.triage
	if l.filter.Active() {
		return g.inputHelp()
	}
	return []key.Binding{k.Back, g.Help, g.Quit, g.Failures, g.Up, g.Down, k.Open, k.Filter, k.NextView, t.ToggleRead, t.Star, t.Archive, t.Undo}
}

// FullHelp is the library's `?` page, in columns.
func (l *libraryModel) FullHelp() [][]key.Binding {
	k, g, t := l.keys, l.global, l.triage
	return [][]key.Binding{
		g.move(), {k.Open, k.Filter, g.Accept, g.Cancel},
		{k.NextView, k.PrevView, k.ViewInbox, k.ViewUnread, k.ViewStarred, k.ViewArchive},
		t.stateHelp(), {t.Copy, t.OpenURL, t.Refresh, k.QuotesScreen, k.Back, g.Failures, g.Help, g.Quit},
	}
}
