package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// KeyMap is every key binding of brief, the one source of truth for
// both behaviour and help. It is grouped by the screen that handles the
// keys: each screen matches only its own group and the global keys, and
// draws its help from the same bindings, so a key it handles cannot be
// missing from its help. A binding that two screens share in the
// configuration (back, open, filter, the quote marks) is a binding of
// each screen, set together by Rebind, so that each screen can enable
// it and describe it on its own.
type KeyMap struct {
	GlobalKeys
	LibraryKeys
	ReaderKeys
	QuotesKeys
	TriageKeys
}

// GlobalKeys are the keys of every screen: movement, the text inputs,
// help and quit.
type GlobalKeys struct {
	// Movement, in every list, panel and the article body.
	Up, Down, Top, Bottom    key.Binding
	PageUp, PageDown         key.Binding
	HalfPageUp, HalfPageDown key.Binding
	// Accept and Cancel end a text input (filter, search, prompt).
	Accept, Cancel key.Binding
	// Failures lists the sources that could not be loaded.
	Failures   key.Binding
	Help, Quit key.Binding
}

// LibraryKeys are the library screen's keys.
type LibraryKeys struct {
	Open, Filter, Back key.Binding
	// NextView and PrevView move along the tab bar; the View keys jump
	// to the fixed views.
	NextView, PrevView                              key.Binding
	ViewInbox, ViewUnread, ViewStarred, ViewArchive key.Binding
	QuotesScreen                                    key.Binding
}

// ReaderKeys are the reader screen's keys.
type ReaderKeys struct {
	KeyPoints, Quotes, Phases, Article    key.Binding
	NextFocus, PrevFocus                  key.Binding
	Follow                                key.Binding
	Search, NextMatch, PrevMatch          key.Binding
	NextArticle, PrevArticle              key.Binding
	MarkChecked, MarkFlagged, MarkStarred key.Binding
	Correct, QuoteNote                    key.Binding
	QuotesScreen, Back                    key.Binding
}

// QuotesKeys are the Quotes screen's keys.
type QuotesKeys struct {
	Open, Filter                          key.Binding
	NextFocus, PrevFocus                  key.Binding
	MarkChecked, MarkFlagged, MarkStarred key.Binding
	Correct, QuoteNote, Unchecked         key.Binding
	Undo, Back                            key.Binding
}

// TriageKeys act on an article's triage state, in the library and the
// reader (see triage.go).
type TriageKeys struct {
	ToggleRead, Star, Archive, ArchiveRead key.Binding
	Tag, Note, Undo                        key.Binding
	Copy, OpenURL, Refresh                 key.Binding
}

// bind returns a binding of keys described as desc; its help shows
// every key.
func bind(desc string, keys ...string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(helpKeys(keys), desc))
}

// helpKeys writes keys as help shows them: every key, arrows as
// arrows, joined by slashes ("↑/k", "u/ctrl+z").
func helpKeys(keys []string) string {
	out := make([]string, len(keys))
	for i, k := range keys {
		switch k {
		case "up":
			k = "↑"
		case "down":
			k = "↓"
		case "left":
			k = "←"
		case "right":
			k = "→"
		case "pgdown":
			k = "pgdn"
		}
		out[i] = k
	}
	return strings.Join(out, "/")
}

// DefaultKeyMap returns brief's default bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		GlobalKeys: GlobalKeys{
			Up:           bind("up", "up", "k"),
			Down:         bind("down", "down", "j"),
			Top:          bind("top", "g", "home"),
			Bottom:       bind("bottom", "G", "end"),
			PageUp:       bind("page up", "pgup"),
			PageDown:     bind("page down", "pgdown", "space"),
			HalfPageUp:   bind("½ page up", "ctrl+u"),
			HalfPageDown: bind("½ page down", "ctrl+d"),
			Accept:       bind("done", "enter"),
			Cancel:       bind("cancel", "esc"),
			Failures:     bind("failed sources", "E"),
			Help:         bind("help", "?"),
			Quit:         bind("quit", "q", "ctrl+c"),
		},
		LibraryKeys: LibraryKeys{
			Open:         bind("open", "enter"),
			Filter:       bind("filter", "/"),
			Back:         bind("clear filter", "esc"),
			NextView:     bind("next view", "right", "l"),
			PrevView:     bind("previous view", "left", "h"),
			ViewInbox:    bind("inbox", "1"),
			ViewUnread:   bind("unread", "2"),
			ViewStarred:  bind("starred", "3"),
			ViewArchive:  bind("archive", "4"),
			QuotesScreen: bind("quotes screen", "Q"),
		},
		ReaderKeys: ReaderKeys{
			KeyPoints:    bind("key points", "1"),
			Quotes:       bind("quotes", "2"),
			Phases:       bind("phases", "3"),
			Article:      bind("article", "4"),
			NextFocus:    bind("next panel", "tab"),
			PrevFocus:    bind("previous panel", "shift+tab"),
			Follow:       bind("show in article", "enter"),
			Search:       bind("search article", "/"),
			NextMatch:    bind("next match", "n"),
			PrevMatch:    bind("previous match", "N"),
			NextArticle:  bind("next article", "]"),
			PrevArticle:  bind("previous article", "["),
			MarkChecked:  bind("quote checked", "x"),
			MarkFlagged:  bind("quote flagged", "!"),
			MarkStarred:  bind("quote starred", "*"),
			Correct:      bind("correct speaker", "c"),
			QuoteNote:    bind("quote note", "m"),
			QuotesScreen: bind("quotes screen", "Q"),
			Back:         bind("back", "esc"),
		},
		QuotesKeys: QuotesKeys{
			Open:        bind("read at quote", "enter"),
			Filter:      bind("filter", "/"),
			NextFocus:   bind("next panel", "tab"),
			PrevFocus:   bind("previous panel", "shift+tab"),
			MarkChecked: bind("quote checked", "x"),
			MarkFlagged: bind("quote flagged", "!"),
			MarkStarred: bind("quote starred", "*"),
			Correct:     bind("correct speaker", "c"),
			QuoteNote:   bind("quote note", "m"),
			Unchecked:   bind("only unchecked", "v"),
			Undo:        bind("undo", "u", "ctrl+z"),
			Back:        bind("back", "esc"),
		},
		TriageKeys: TriageKeys{
			ToggleRead:  bind("read/unread", "r"),
			Star:        bind("star", "s"),
			Archive:     bind("archive", "a"),
			ArchiveRead: bind("archive read in view", "A"),
			Tag:         bind("tag", "t"),
			Note:        bind("note", "e"),
			Undo:        bind("undo", "u", "ctrl+z"),
			Copy:        bind("copy", "y"),
			OpenURL:     bind("open in browser", "o"),
			Refresh:     bind("refresh feeds", "R"),
		},
	}
}

// nav returns the movement bindings that panels, the body and the
// lists share.
func (k GlobalKeys) nav() NavKeyMap {
	return NavKeyMap{
		Up: k.Up, Down: k.Down, Top: k.Top, Bottom: k.Bottom,
		PageUp: k.PageUp, PageDown: k.PageDown,
		HalfPageUp: k.HalfPageUp, HalfPageDown: k.HalfPageDown,
	}
}

// move is the help column of the movement keys.
func (k *GlobalKeys) move() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.Top, k.Bottom, k.PageUp, k.PageDown, k.HalfPageUp, k.HalfPageDown}
}

// appHelp is the help column of the keys every screen has.
func (k *GlobalKeys) appHelp() []key.Binding { return []key.Binding{k.Failures, k.Help, k.Quit} }

// inputHelp is the help line while a text input has the keyboard.
func (k *GlobalKeys) inputHelp() []key.Binding { return []key.Binding{k.Accept, k.Cancel} }

// stateHelp is the help column of the keys that change an article's
// state.
func (k *TriageKeys) stateHelp() []key.Binding {
	return []key.Binding{k.ToggleRead, k.Star, k.Archive, k.ArchiveRead, k.Tag, k.Note, k.Undo}
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

// keyIs reports whether a key press matches an enabled binding.
func keyIs(msg tea.KeyPressMsg, b key.Binding) bool { return key.Matches(msg, b) }
