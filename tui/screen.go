package tui

import (
	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/render"
)

// screen is what the root routes to: the library, a reader, the Quotes
// screen. Each screen handles its own keys, draws its own help from its
// own bindings (help.KeyMap) and talks to the root only through
// messages.
type screen interface {
	help.KeyMap
	// Update handles a key or mouse event when the screen is in front,
	// and the messages every screen hears.
	Update(msg tea.Msg) tea.Cmd
	// View draws the screen with footer as its last row.
	View(footer, spinner string) string
	// SetSize lays the screen out for w×h.
	SetSize(w, h int) tea.Cmd
}

// Optional parts of a screen.
type (
	// titled screens name themselves in the help page and the window
	// title.
	titled interface{ Title() string }
	// typing screens have a text input that may hold the keyboard.
	typing interface{ Typing() bool }
	// busy screens have work under way (the spinner turns).
	busy interface{ Busy() bool }
	// footered screens draw their own footer at times (the reader's
	// search input).
	footered interface{ Footer() (string, bool) }
)

// Messages screens send the root.
type (
	// openMsg asks the root to open article in a reader: a new one in
	// front, or (replace) the reader in front; at >= 0 scrolls it to
	// that quote, highlighted.
	openMsg struct {
		article *model.Article
		replace bool
		quote   int
	}
	// backMsg asks the root to take the screen in front off the stack.
	backMsg struct{}
	// quotesScreenMsg asks the root to show the Quotes screen.
	quotesScreenMsg struct{}
	// undoMsg asks the root to undo the session's last action (u where
	// the triage keys do not act).
	undoMsg struct{}
)

// Messages the root sends screens.
type (
	// restyleMsg carries new styles (the theme changed).
	restyleMsg struct{ st *render.Styles }
	// frontMsg tells the screens which one is in front, after the stack
	// changed.
	frontMsg struct{ s screen }
)

// open returns a command asking the root to open a.
func open(a *model.Article) tea.Cmd {
	return emit(openMsg{article: a, quote: -1})
}
