package tui

import (
	"sort"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/library"
	"github.com/brief-reader/brief/render"
)

// libraryViews is the library's part for triage views: which view is
// shown, its tabs with counts, and the display lines (day headings and
// articles) of the rows.
type libraryViews struct {
	view   library.View
	tabs   []library.Tab
	since  time.Duration // only articles this recent, when > 0
	now    func() time.Time
	pin    *model.Article // the article open in the reader stays in its view
	lines  []libLine      // what the list shows, in order
	lineOf []int          // line of each row
}

// libLine is one line of the library list: a day heading, or the row
// (index into rows) of an article.
type libLine struct {
	header string
	row    int
}

// SetTriage gives the library the --since limit and the clock.
func (l *libraryModel) SetTriage(since time.Duration, now func() time.Time) {
	l.views.since, l.views.now = since, now
	l.applyFilter()
}

// Refresh recomputes the rows after a change of state, keeping the
// selected article selected or, when it left the view, the position.
func (l *libraryModel) Refresh() {
	prev, keep := l.selected, -1
	if prev >= 0 && prev < len(l.rows) {
		keep = l.rows[prev]
	}
	l.applyFilter()
	switch {
	case !l.moved:
		l.selected = 0
	case keep >= 0 && l.position(keep) < 0:
		l.selected = prev
	}
	l.clamp()
}

// Pin keeps article a in the rows (it is open in the reader) even when
// it no longer belongs to the view; Unpin lets it go.
func (l *libraryModel) Pin(a *model.Article) {
	if l.views.pin != a {
		l.views.pin = a
		l.applyFilter()
	}
}

// Unpin lets the pinned article leave the view it no longer belongs to.
func (l *libraryModel) Unpin() { l.Pin(nil) }

// clock is the current time.
func (v libraryViews) clock() time.Time {
	if v.now != nil {
		return v.now()
	}
	return time.Now()
}

// selectRows computes the rows of the view: the articles it shows (and
// the pinned one), no older than since, newest first and grouped by day;
// or, with a query, those whose title, source or tags hold every word
// of it, best match first (library.Filter).
func (l *libraryModel) selectRows(q string) {
	var shown []library.Item
	var shownIndex []int
	v := &l.views
	now := v.clock()
	sc := &l.scratch
	if n := len(l.articles); cap(sc.items) < n {
		sc.items, sc.shown = make([]library.Item, 0, n), make([]library.Item, 0, n)
		sc.index, sc.shownIndex = make([]int, 0, n), make([]int, 0, n)
	}
	items, index := sc.items[:0], sc.index[:0] // index: article index of each item
	defer func() {
		clear(items[:cap(items)]) // no article kept alive here
		clear(shown[:cap(shown)])
		sc.items, sc.index, sc.shown, sc.shownIndex = items, index, shown, shownIndex
	}()
	for i, a := range l.articles {
		it := library.Item{Article: a}
		if l.states.on {
			it.State = l.states.m[idOf(a)]
		}
		// An undated article may be years old: --since keeps it out.
		if v.since > 0 && a != v.pin && (a.Published.IsZero() || now.Sub(a.Published) > v.since) {
			continue
		}
		items = append(items, it)
		index = append(index, i)
	}
	v.tabs = nil
	if l.states.on {
		v.tabs = library.Tabs(items)
		if v.view.Kind == library.Tag && !v.hasTab(v.view) {
			v.view = library.View{Kind: library.Inbox}
		}
	}
	shown, shownIndex = sc.shown[:0], sc.shownIndex[:0]
	for j, it := range items {
		if it.Article == v.pin || v.view.Shows(it) {
			shown = append(shown, it)
			shownIndex = append(shownIndex, index[j])
		}
	}
	newer := func(a, b library.Item) bool { return a.When().After(b.When()) }
	if !sort.SliceIsSorted(shown, func(i, j int) bool { return newer(shown[i], shown[j]) }) {
		perm := make([]int, len(shown))
		for i := range perm {
			perm[i] = i
		}
		sort.SliceStable(perm, func(i, j int) bool { return newer(shown[perm[i]], shown[perm[j]]) })
		s2, i2 := make([]library.Item, len(shown)), make([]int, len(shown))
		for i, p := range perm {
			s2[i], i2[i] = shown[p], shownIndex[p]
		}
		shown, shownIndex = s2, i2
	}

	l.rows, l.matches, v.lines, v.lineOf = l.rows[:0], nil, v.lines[:0], v.lineOf[:0]
	add := func(i int) {
		v.lineOf = append(v.lineOf, len(v.lines))
		v.lines = append(v.lines, libLine{row: len(l.rows)})
		l.rows = append(l.rows, i)
	}
	if q != "" {
		l.matches = map[int][]int{}
		for _, h := range library.Filter(q, shown) {
			l.matches[shownIndex[h.Index]] = h.Title
			add(shownIndex[h.Index])
		}
		return
	}
	// ByDay keeps the order of shown (newest first, the undated last),
	// so its groups walk shown from the start.
	k := 0
	for _, g := range library.ByDay(shown, now, time.Local) {
		v.lines = append(v.lines, libLine{header: g.Label, row: -1})
		for range g.Items {
			add(shownIndex[k])
			k++
		}
	}
}

// hasTab reports whether view is one of the tabs.
func (v libraryViews) hasTab(view library.View) bool {
	for _, t := range v.tabs {
		if t.View == view {
			return true
		}
	}
	return false
}

// scroll returns the first line to show so that the selected row (and
// the day heading just above it) is in view in h lines.
func (v libraryViews) scroll(selected, offset, h int) int {
	if len(v.lineOf) == 0 {
		return 0
	}
	sel := v.lineOf[selected]
	top := sel
	if sel > 0 && v.lines[sel-1].row < 0 {
		top = sel - 1
	}
	if top < offset {
		offset = top
	}
	if sel >= offset+h {
		offset = sel - h + 1
	}
	return max(min(offset, len(v.lines)-h), 0)
}

// listHeight is the number of list lines on screen.
func (l *libraryModel) listHeight() int {
	h := l.height
	if len(l.views.tabs) > 0 {
		h-- // the tab bar
	}
	return render.LibraryListHeight(h, l.filter.Value() != "" || l.filter.Active(), len(l.load.errs))
}

// handleViewKey switches views: next and previous, or one key each for
// Inbox, Unread, Starred and Archive. ok is false for other keys.
func (l *libraryModel) handleViewKey(msg tea.KeyPressMsg) bool {
	v := &l.views
	if !l.states.on || len(v.tabs) == 0 {
		return false
	}
	k := l.keys
	cur := 0
	for i, t := range v.tabs {
		if t.View == v.view {
			cur = i
		}
	}
	next := -1
	switch {
	case key.Matches(msg, k.NextView):
		next = (cur + 1) % len(v.tabs)
	case key.Matches(msg, k.PrevView):
		next = (cur + len(v.tabs) - 1) % len(v.tabs)
	case key.Matches(msg, k.ViewInbox):
		next = int(library.Inbox)
	case key.Matches(msg, k.ViewUnread):
		next = int(library.Unread)
	case key.Matches(msg, k.ViewStarred):
		next = int(library.Starred)
	case key.Matches(msg, k.ViewArchive):
		next = int(library.Archive)
	default:
		return false
	}
	v.view = v.tabs[next].View
	l.selected, l.offset = 0, 0
	l.applyFilter()
	l.selected, l.offset = 0, 0
	l.clamp()
	return true
}

// tabState is the tab bar render draws.
func (v libraryViews) tabState() []render.Tab {
	out := make([]render.Tab, len(v.tabs))
	for i, t := range v.tabs {
		out[i] = render.Tab{Name: t.View.Name(), Count: t.Count, Active: t.View == v.view}
		if i < 4 {
			out[i].Key = string(rune('1' + i))
		}
	}
	return out
}

// rowState fills a library row's triage state.
func (l *libraryModel) rowState(r *render.LibraryRow, a *model.Article) {
	if !l.states.on {
		return
	}
	s := l.states.m[idOf(a)]
	r.Unread, r.Starred, r.Note = !s.Read, s.Starred, s.Note != ""
	r.Tags = s.Tags
}

// lineRows returns the render rows of lines [offset, offset+h): day
// headings and articles, the selected row marked.
func (l *libraryModel) lineRows(h int) []render.LibraryRow {
	v := l.views
	var out []render.LibraryRow
	for _, ln := range v.lines[min(l.offset, len(v.lines)):min(l.offset+h, len(v.lines))] {
		if ln.row < 0 {
			out = append(out, render.LibraryRow{Header: ln.header})
			continue
		}
		i := l.rows[ln.row]
		a := l.articles[i]
		row := render.LibraryRow{
			Title: a.Title, Source: render.SourceName(*a), Published: a.Published,
			TitleMatches: l.matches[i], Selected: ln.row == l.selected,
		}
		row.Quotes, row.Phases, row.Analyzed = l.coll.Counts(a)
		l.rowState(&row, a)
		out = append(out, row)
	}
	return out
}
