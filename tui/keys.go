package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/render"
)

// KeyMap is every key binding of brief, the one source of truth for
// both behaviour and help. Bindings that do nothing in the current state
// are disabled (and so hidden from help) by the root model.
type KeyMap struct {
	// Movement, shared by every panel, the body and the library.
	Up, Down, Top, Bottom    key.Binding
	PageUp, PageDown         key.Binding
	HalfPageUp, HalfPageDown key.Binding

	// Reader.
	KeyPoints, Quotes, Phases, Article key.Binding
	NextFocus, PrevFocus               key.Binding
	Follow                             key.Binding
	Search, NextMatch, PrevMatch       key.Binding
	NextArticle, PrevArticle           key.Binding

	// Library.
	Open, Filter key.Binding
	// Library views (tab bar): next and previous, and one key each for
	// the fixed views.
	NextView, PrevView                              key.Binding
	ViewInbox, ViewUnread, ViewStarred, ViewArchive key.Binding

	// Triage, in the library and the reader (see triage.go).
	ToggleRead, Star, Archive, ArchiveRead key.Binding
	Tag, Note, Undo                        key.Binding
	Copy, OpenURL, Refresh                 key.Binding

	// Quotes screen: open it, and the quote marks (also in the reader's
	// Quotes panel).
	QuotesScreen                          key.Binding
	MarkChecked, MarkFlagged, MarkStarred key.Binding

	// Text input (search and filter).
	Accept, Cancel key.Binding

	// Everywhere.
	Back, Help, Quit key.Binding
}

// DefaultKeyMap returns brief's default bindings.
func DefaultKeyMap() KeyMap {
	b := func(keys []string, k, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(k, desc))
	}
	return KeyMap{
		Up:           b([]string{"up", "k"}, "↑/k", "up"),
		Down:         b([]string{"down", "j"}, "↓/j", "down"),
		Top:          b([]string{"g", "home"}, "g", "top"),
		Bottom:       b([]string{"G", "end"}, "G", "bottom"),
		PageUp:       b([]string{"pgup"}, "pgup", "page up"),
		PageDown:     b([]string{"pgdown", "space"}, "pgdn", "page down"),
		HalfPageUp:   b([]string{"ctrl+u"}, "ctrl+u", "½ page up"),
		HalfPageDown: b([]string{"ctrl+d"}, "ctrl+d", "½ page down"),

		KeyPoints:   b([]string{"1"}, "1", "key points"),
		Quotes:      b([]string{"2"}, "2", "quotes"),
		Phases:      b([]string{"3"}, "3", "phases"),
		Article:     b([]string{"4"}, "4", "article"),
		NextFocus:   b([]string{"tab"}, "tab", "next panel"),
		PrevFocus:   b([]string{"shift+tab"}, "shift+tab", "previous panel"),
		Follow:      b([]string{"enter"}, "enter", "show in article"),
		Search:      b([]string{"/"}, "/", "search article"),
		NextMatch:   b([]string{"n"}, "n", "next match"),
		PrevMatch:   b([]string{"N"}, "N", "previous match"),
		NextArticle: b([]string{"]"}, "]", "next article"),
		PrevArticle: b([]string{"["}, "[", "previous article"),

		Open:   b([]string{"enter"}, "enter", "open"),
		Filter: b([]string{"/"}, "/", "filter"),

		NextView:    b([]string{"right", "l"}, "→/l", "next view"),
		PrevView:    b([]string{"left", "h"}, "←/h", "previous view"),
		ViewInbox:   b([]string{"1"}, "1", "inbox"),
		ViewUnread:  b([]string{"2"}, "2", "unread"),
		ViewStarred: b([]string{"3"}, "3", "starred"),
		ViewArchive: b([]string{"4"}, "4", "archive"),

		ToggleRead:  b([]string{"r"}, "r", "read/unread"),
		Star:        b([]string{"s"}, "s", "star"),
		Archive:     b([]string{"a"}, "a", "archive"),
		ArchiveRead: b([]string{"A"}, "A", "archive read in view"),
		Tag:         b([]string{"t"}, "t", "tag"),
		Note:        b([]string{"e"}, "e", "note"),
		Undo:        b([]string{"u", "ctrl+z"}, "u", "undo"),
		Copy:        b([]string{"y"}, "y", "copy"),
		OpenURL:     b([]string{"o"}, "o", "open in browser"),
		Refresh:     b([]string{"R"}, "R", "refresh feeds"),

		QuotesScreen: b([]string{"Q"}, "Q", "quotes"),
		MarkChecked:  b([]string{"x"}, "x", "quote checked"),
		MarkFlagged:  b([]string{"!"}, "!", "quote flagged"),
		MarkStarred:  b([]string{"*"}, "*", "quote starred"),

		Accept: b([]string{"enter"}, "enter", "done"),
		Cancel: b([]string{"esc"}, "esc", "cancel"),

		Back: b([]string{"esc"}, "esc", "back"),
		Help: b([]string{"?"}, "?", "help"),
		Quit: b([]string{"q", "ctrl+c"}, "q", "quit"),
	}
}

// nav returns the movement bindings that panels, the body and the
// library share.
func (k KeyMap) nav() NavKeyMap {
	return NavKeyMap{
		Up: k.Up, Down: k.Down, Top: k.Top, Bottom: k.Bottom,
		PageUp: k.PageUp, PageDown: k.PageDown,
		HalfPageUp: k.HalfPageUp, HalfPageDown: k.HalfPageDown,
	}
}

// NavKeyMap is the movement part of KeyMap: the keymap of each panel.
type NavKeyMap struct {
	Up, Down, Top, Bottom    key.Binding
	PageUp, PageDown         key.Binding
	HalfPageUp, HalfPageDown key.Binding
}

// ShortHelp returns the movement keys worth a place in the help line.
func (k NavKeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Up, k.Down} }

// FullHelp returns all movement keys as one column.
func (k NavKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Top, k.Bottom, k.PageUp, k.PageDown, k.HalfPageUp, k.HalfPageDown}}
}

// screenHelp adapts the KeyMap to bubbles' help for one screen.
type screenHelp struct {
	k      *KeyMap
	screen screen
	input  bool // a text input has the keyboard
}

// ShortHelp is the help line.
func (h screenHelp) ShortHelp() []key.Binding {
	k := h.k
	if h.input {
		return []key.Binding{k.Accept, k.Cancel}
	}
	if h.screen == screenQuotes {
		return quotesShortHelp(k)
	}
	if h.screen == screenLibrary {
		return []key.Binding{k.Up, k.Down, k.Open, k.Filter, k.NextView, k.ToggleRead, k.Star, k.Archive, k.Undo, k.Back, k.Help, k.Quit}
	}
	return []key.Binding{k.KeyPoints, k.Quotes, k.Phases, k.Article, k.NextFocus, k.Follow, k.Search, k.NextMatch, k.NextArticle, k.Star, k.Archive, k.Undo, k.Back, k.Help, k.Quit}
}

// FullHelp is the `?` screen, in columns.
func (h screenHelp) FullHelp() [][]key.Binding {
	k := h.k
	move := []key.Binding{k.Up, k.Down, k.Top, k.Bottom, k.PageUp, k.PageDown, k.HalfPageUp, k.HalfPageDown}
	if h.screen == screenQuotes {
		return quotesFullHelp(k)
	}
	if h.screen == screenLibrary {
		return [][]key.Binding{move, {k.Open, k.Filter, k.Accept, k.Cancel},
			{k.NextView, k.PrevView, k.ViewInbox, k.ViewUnread, k.ViewStarred, k.ViewArchive},
			triageHelp(k), {k.Copy, k.OpenURL, k.Refresh, k.Back, k.Help, k.Quit}}
	}
	return [][]key.Binding{
		{k.KeyPoints, k.Quotes, k.Phases, k.Article, k.NextFocus, k.PrevFocus},
		move,
		{k.Follow, k.Search, k.NextMatch, k.PrevMatch},
		{k.NextArticle, k.PrevArticle, k.Back, k.Help, k.Quit},
		triageHelp(k), {k.Copy, k.OpenURL, k.Refresh},
	}
}

// keyIs reports whether a key press matches an enabled binding.
func keyIs(msg tea.KeyPressMsg, b key.Binding) bool { return key.Matches(msg, b) }

// updateKeys enables the bindings that do something in the current
// state and disables the rest, so help lists only what works.
func (m *Model) updateKeys() {
	k := m.keys
	r := &m.reader
	inReader := m.screen == screenReader
	hasBody := r.body.body != nil
	hasMatches := len(r.body.matches) > 0
	pos := m.library.Position(m.current)
	n := len(m.library.Order())

	for _, b := range []*key.Binding{&k.KeyPoints, &k.Quotes, &k.Phases, &k.Article, &k.NextFocus, &k.PrevFocus} {
		b.SetEnabled(inReader)
	}
	k.Follow.SetEnabled(inReader && r.focus != render.Article && r.panels[r.focus].Selected() >= 0)
	k.Search.SetEnabled(inReader && hasBody)
	k.NextMatch.SetEnabled(inReader && hasMatches)
	k.PrevMatch.SetEnabled(inReader && hasMatches)
	k.NextArticle.SetEnabled(inReader && pos >= 0 && pos+1 < n)
	k.PrevArticle.SetEnabled(inReader && pos > 0)

	k.Open.SetEnabled(!inReader && len(m.library.rows) > 0)
	k.Filter.SetEnabled(!inReader && len(m.articles) > 0)
	k.Back.SetEnabled(inReader || m.library.filter.Value() != "")
	m.updateTriageKeys()
	if inReader && (r.body.highlight != nil || r.body.query != "") {
		k.Back.SetHelp("esc", "clear marks")
	} else {
		k.Back.SetHelp("esc", "back")
	}
	m.updateQuoteKeys()
}
