package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/render"
)

// libraryModel is the library screen: the loaded articles, newest
// first, with a fuzzy filter on title and source.
//
// It shows one view of the articles today; the triage views of later
// work (Inbox, Unread, Starred, tags) fit in as further row sources
// selected by a tab bar above the list.
type libraryModel struct {
	st   *render.Styles
	keys *KeyMap

	articles []*model.Article        // all, newest first
	briefs   map[string]*model.Brief // shared with the root, by article ID
	rows     []int                   // indices into articles shown, in order
	matches  map[int][]int           // title byte offsets matched, by article index
	selected int                     // index into rows
	offset   int
	width    int
	height   int

	filter searchInput
	errs   []string
	moved  bool // the user has moved the selection: keep it on its article

	views libraryViews // triage views, day groups (tabs.go)
}

func newLibrary(st *render.Styles, keys *KeyMap, briefs map[string]*model.Brief) libraryModel {
	l := libraryModel{st: st, keys: keys, briefs: briefs, filter: newSearchInput(st)}
	l.filter.input.Placeholder = "filter by title or source"
	return l
}

// SetArticles replaces the articles (already sorted newest first) and
// the load errors, keeping the selected article selected.
func (l *libraryModel) SetArticles(arts []*model.Article, errs []string) {
	var keep *model.Article
	if l.moved && l.selected >= 0 && l.selected < len(l.rows) {
		keep = l.articles[l.rows[l.selected]]
	}
	l.articles = arts
	l.errs = errs
	l.applyFilter()
	if keep != nil {
		for i, a := range arts {
			if a == keep {
				l.Select(i)
				break
			}
		}
	}
}

// SetSize sets the screen size.
func (l *libraryModel) SetSize(w, h int) {
	l.width, l.height = w, h
	l.filter.SetWidth(w)
	l.clamp()
}

// Restyle applies new styles.
func (l *libraryModel) Restyle(st *render.Styles) {
	l.st = st
	l.filter.Restyle(st)
}

// Order returns the article indices in the order shown.
func (l libraryModel) Order() []int { return l.rows }

// Position returns where article index i sits in the shown order, or -1.
func (l libraryModel) Position(i int) int {
	for p, r := range l.rows {
		if r == i {
			return p
		}
	}
	return -1
}

// Select moves the selection to article index i when it is shown.
func (l *libraryModel) Select(i int) {
	if p := l.Position(i); p >= 0 {
		l.moved = true
		l.selected = p
		l.clamp()
	}
}

// Filtering reports whether the filter input has the keyboard.
func (l libraryModel) Filtering() bool { return l.filter.Active() }

// Update handles the library's keys and mouse wheel.
func (l libraryModel) Update(msg tea.Msg) (libraryModel, tea.Cmd) {
	switch msg := msg.(type) {
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
			return l, nil
		}
		return l.handleKey(msg)
	}
	return l, nil
}

func (l libraryModel) handleKey(msg tea.KeyPressMsg) (libraryModel, tea.Cmd) {
	k := l.keys
	l.moved = true
	page := l.listHeight()
	switch {
	case key.Matches(msg, k.Open):
		if len(l.rows) > 0 {
			i := l.rows[l.selected]
			return l, func() tea.Msg { return openMsg{i} }
		}
	case key.Matches(msg, k.Filter):
		return l, l.filter.Open()
	case key.Matches(msg, k.Back):
		l.filter.Reset()
		l.applyFilter()
	case key.Matches(msg, k.Down):
		l.selected++
	case key.Matches(msg, k.Up):
		l.selected--
	case key.Matches(msg, k.Top):
		l.selected = 0
	case key.Matches(msg, k.Bottom):
		l.selected = len(l.rows) - 1
	case key.Matches(msg, k.PageDown):
		l.selected += page
	case key.Matches(msg, k.PageUp):
		l.selected -= page
	case key.Matches(msg, k.HalfPageDown):
		l.selected += max(page/2, 1)
	case key.Matches(msg, k.HalfPageUp):
		l.selected -= max(page/2, 1)
	}
	l.clamp()
	return l, nil
}

// handleFilterKey edits the filter; the list filters as it is typed.
func (l libraryModel) handleFilterKey(msg tea.KeyPressMsg) (libraryModel, tea.Cmd) {
	switch {
	case key.Matches(msg, l.keys.Accept):
		l.filter.Close()
		return l, nil
	case key.Matches(msg, l.keys.Cancel):
		l.filter.Reset()
		l.applyFilter()
		return l, nil
	case key.Matches(msg, l.keys.Down) && msg.String() == "down":
		l.selected++
		l.clamp()
		return l, nil
	case key.Matches(msg, l.keys.Up) && msg.String() == "up":
		l.selected--
		l.clamp()
		return l, nil
	}
	before := l.filter.Value()
	cmd := l.filter.Update(msg)
	if l.filter.Value() != before {
		l.applyFilter()
	}
	return l, cmd
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
		if p := l.Position(keep); p >= 0 {
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
func (l libraryModel) State(loading bool, progress, footer, spinner string) render.LibraryState {
	s := render.LibraryState{
		Shown: len(l.rows), Total: len(l.articles), Selected: -1, Offset: l.offset,
		Loading: loading, Spinner: spinner, Progress: progress, Errors: l.errs, Footer: footer,
	}
	if l.filter.Active() || l.filter.Value() != "" {
		s.Filter = l.filter.View()
	}
	s.Tabs, s.Triage = l.views.tabState(), l.views.states != nil
	s.Rows = l.lineRows(l.listHeight())
	return s
}

// View draws the library with footer as its last row.
func (l libraryModel) View(loading bool, progress, footer, spinner string) string {
	return render.Library(l.State(loading, progress, footer, spinner), l.width, l.height, l.st)
}
