package tui

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// bindings names every binding of the KeyMap as the config file writes
// them. A name shared by several screens (back, open) sets the binding
// of each.
func (k *KeyMap) bindings() map[string][]*key.Binding {
	g, l, r, q, t := &k.GlobalKeys, &k.LibraryKeys, &k.ReaderKeys, &k.QuotesKeys, &k.TriageKeys
	one := func(b *key.Binding) []*key.Binding { return []*key.Binding{b} }
	return map[string][]*key.Binding{
		"up": one(&g.Up), "down": one(&g.Down), "top": one(&g.Top), "bottom": one(&g.Bottom),
		"page_up": one(&g.PageUp), "page_down": one(&g.PageDown),
		"half_page_up": one(&g.HalfPageUp), "half_page_down": one(&g.HalfPageDown),
		"accept": one(&g.Accept), "cancel": one(&g.Cancel),
		"help": one(&g.Help), "quit": one(&g.Quit), "failures": one(&g.Failures),

		"open": {&l.Open, &q.Open}, "filter": {&l.Filter, &q.Filter},
		"back":      {&l.Back, &r.Back, &q.Back},
		"next_view": one(&l.NextView), "prev_view": one(&l.PrevView),
		"view_inbox": one(&l.ViewInbox), "view_unread": one(&l.ViewUnread),
		"view_starred": one(&l.ViewStarred), "view_archive": one(&l.ViewArchive),
		"quotes_screen": {&l.QuotesScreen, &r.QuotesScreen},

		"key_points": one(&r.KeyPoints), "quotes": one(&r.Quotes), "phases": one(&r.Phases), "article": one(&r.Article),
		"next_focus": {&r.NextFocus, &q.NextFocus}, "prev_focus": {&r.PrevFocus, &q.PrevFocus},
		"follow": one(&r.Follow),
		"search": one(&r.Search), "next_match": one(&r.NextMatch), "prev_match": one(&r.PrevMatch),
		"next_article": one(&r.NextArticle), "prev_article": one(&r.PrevArticle),
		"mark_checked":    {&r.MarkChecked, &q.MarkChecked},
		"mark_flagged":    {&r.MarkFlagged, &q.MarkFlagged},
		"mark_starred":    {&r.MarkStarred, &q.MarkStarred},
		"correct_speaker": {&r.Correct, &q.Correct}, "quote_note": {&r.QuoteNote, &q.QuoteNote},
		"only_unchecked": one(&q.Unchecked),

		"toggle_read": one(&t.ToggleRead), "star": one(&t.Star), "archive": one(&t.Archive),
		"archive_read": one(&t.ArchiveRead), "tag": one(&t.Tag), "note": one(&t.Note), "undo": {&t.Undo, &q.Undo},
		"copy": one(&t.Copy), "open_url": one(&t.OpenURL), "refresh": one(&t.Refresh),
	}
}

// BindingNames lists the names Rebind accepts, sorted.
func (k *KeyMap) BindingNames() []string {
	var names []string
	for n := range k.bindings() {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// BindingError is a key binding Rebind refused: Name is the binding as
// the config file names it, Key the key at fault ("" when the name is
// at fault), and, for a conflict, Other the binding Key already belongs
// to on Screen.
type BindingError struct {
	Name, Key     string
	Other, Screen string
	Msg           string
}

func (e *BindingError) Error() string { return e.Msg }

// Rebind remaps bindings by name (as in the config file's [keys] table:
// star = ["s", "S"]); help shows every key. It rejects, and leaves the
// KeyMap unchanged for, an unknown binding name, an empty key list, a
// key name that no key press can produce, and a key that would do two
// things on one screen (star = ["q"] while q quits). The error is a
// *BindingError; the first one in name order is reported.
func (k *KeyMap) Rebind(keys map[string][]string) error {
	names := make([]string, 0, len(keys))
	for n := range keys {
		names = append(names, n)
	}
	sort.Strings(names)
	next := k.clone()
	bs := next.bindings()
	for _, name := range names {
		ks := keys[name]
		if _, ok := bs[name]; !ok {
			return &BindingError{Name: name, Msg: fmt.Sprintf("unknown key binding %q (known: %s)", name, strings.Join(k.BindingNames(), ", "))}
		}
		if len(ks) == 0 {
			return &BindingError{Name: name, Msg: fmt.Sprintf("key binding %q: no key given", name)}
		}
		for _, s := range ks {
			if err := checkKeyName(s); err != "" {
				return &BindingError{Name: name, Key: s, Msg: fmt.Sprintf("key binding %q: %q %s", name, s, err)}
			}
		}
		for _, b := range bs[name] {
			b.SetKeys(ks...)
			b.SetHelp(helpKeys(ks), b.Help().Desc)
		}
	}
	if err := next.conflict(keys); err != nil {
		return err
	}
	*k = next
	return nil
}

// clone copies the KeyMap; bindings are values, but their key lists
// are slices Rebind replaces rather than edits.
func (k *KeyMap) clone() KeyMap { return *k }

// screenKeys are the bindings live at once on each screen outside a
// text input, by configuration name: two of them must not share a key.
// Accept and Cancel only work inside a text input, where the screen's
// other keys do not, so they are left out.
func (k *KeyMap) screenKeys() map[string]map[string]*key.Binding {
	g, l, r, q, t := &k.GlobalKeys, &k.LibraryKeys, &k.ReaderKeys, &k.QuotesKeys, &k.TriageKeys
	global := map[string]*key.Binding{
		"up": &g.Up, "down": &g.Down, "top": &g.Top, "bottom": &g.Bottom,
		"page_up": &g.PageUp, "page_down": &g.PageDown, "half_page_up": &g.HalfPageUp,
		"half_page_down": &g.HalfPageDown, "help": &g.Help, "quit": &g.Quit, "failures": &g.Failures,
	}
	triage := map[string]*key.Binding{
		"toggle_read": &t.ToggleRead, "star": &t.Star, "archive": &t.Archive, "archive_read": &t.ArchiveRead,
		"tag": &t.Tag, "note": &t.Note, "undo": &t.Undo, "copy": &t.Copy, "open_url": &t.OpenURL, "refresh": &t.Refresh,
	}
	with := func(own ...map[string]*key.Binding) map[string]*key.Binding {
		out := map[string]*key.Binding{}
		for _, m := range append([]map[string]*key.Binding{global}, own...) {
			for n, b := range m {
				out[n] = b
			}
		}
		return out
	}
	return map[string]map[string]*key.Binding{
		"library": with(triage, map[string]*key.Binding{
			"open": &l.Open, "filter": &l.Filter, "back": &l.Back, "next_view": &l.NextView, "prev_view": &l.PrevView,
			"view_inbox": &l.ViewInbox, "view_unread": &l.ViewUnread, "view_starred": &l.ViewStarred,
			"view_archive": &l.ViewArchive, "quotes_screen": &l.QuotesScreen,
		}),
		"reader": with(triage, map[string]*key.Binding{
			"key_points": &r.KeyPoints, "quotes": &r.Quotes, "phases": &r.Phases, "article": &r.Article,
			"next_focus": &r.NextFocus, "prev_focus": &r.PrevFocus, "follow": &r.Follow, "search": &r.Search,
			"next_match": &r.NextMatch, "prev_match": &r.PrevMatch, "next_article": &r.NextArticle,
			"prev_article": &r.PrevArticle, "mark_checked": &r.MarkChecked, "mark_flagged": &r.MarkFlagged,
			"mark_starred": &r.MarkStarred, "correct_speaker": &r.Correct, "quote_note": &r.QuoteNote,
			"quotes_screen": &r.QuotesScreen, "back": &r.Back,
		}),
		"quotes": with(map[string]*key.Binding{
			"open": &q.Open, "filter": &q.Filter, "next_focus": &q.NextFocus, "prev_focus": &q.PrevFocus,
			"mark_checked": &q.MarkChecked, "mark_flagged": &q.MarkFlagged, "mark_starred": &q.MarkStarred, "back": &q.Back,
			"correct_speaker": &q.Correct, "quote_note": &q.QuoteNote, "only_unchecked": &q.Unchecked, "undo": &q.Undo,
		}),
		"text input": {"accept": &g.Accept, "cancel": &g.Cancel},
	}
}

// conflict finds a key that two bindings of one screen share after a
// rebinding, preferring to blame a binding the configuration set.
func (k *KeyMap) conflict(configured map[string][]string) error {
	screens := k.screenKeys()
	for _, sc := range []string{"library", "reader", "quotes", "text input"} {
		owner := map[string]string{} // key → binding name
		names := make([]string, 0, len(screens[sc]))
		for n := range screens[sc] {
			names = append(names, n)
		}
		// Bindings the file did not set claim their keys first, so a
		// conflict names the one it set.
		slices.SortFunc(names, func(a, b string) int {
			_, ca := configured[a]
			_, cb := configured[b]
			if ca != cb {
				if ca {
					return 1
				}
				return -1
			}
			return strings.Compare(a, b)
		})
		for _, n := range names {
			for _, s := range screens[sc][n].Keys() {
				if o, ok := owner[s]; ok && o != n {
					return &BindingError{Name: n, Key: s, Other: o, Screen: sc,
						Msg: fmt.Sprintf("key %q of %q is already %q in the %s", s, n, o, sc)}
				}
				owner[s] = n
			}
		}
	}
	return nil
}

// modifierOrder lists the modifier names a key name may start with,
// in the order bubbletea writes them.
const modifierOrder = "ctrl alt shift meta hyper super"

// checkKeyName returns why no key press is ever named s, or "".
func checkKeyName(s string) string {
	if s == "" {
		return "is empty"
	}
	base, mods := s, []string(nil)
	if s != "+" {
		parts := strings.Split(s, "+")
		if strings.HasSuffix(s, "++") { // a modifier with the + key
			parts = append(parts[:len(parts)-2], "+")
		}
		base, mods = parts[len(parts)-1], parts[:len(parts)-1]
	}
	last, order := -1, strings.Fields(modifierOrder)
	for _, m := range mods {
		i := slices.Index(order, m)
		switch {
		case i < 0:
			return fmt.Sprintf("is not a key: %q is not a modifier (ctrl, alt, shift, meta, hyper, super)", m)
		case i <= last:
			return "is never reported: write modifiers in the order ctrl, alt, shift, meta, hyper, super"
		}
		last = i
	}
	if r, n := utf8.DecodeRuneInString(base); n == len(base) && r != utf8.RuneError {
		if unicode.IsPrint(r) && !unicode.IsSpace(r) {
			return ""
		}
		return "is not a key: use a key name such as space or tab"
	}
	if namedKeys()[base] {
		return ""
	}
	return fmt.Sprintf("is not a key: %q is neither one character nor a key name (enter, esc, tab, space, up, pgdown, f1, …)", base)
}

// namedKeys are the names bubbletea gives keys that are not one
// character: enter, esc, up, pgdown, f1 and so on.
func namedKeys() map[string]bool {
	names := map[string]bool{}
	for _, c := range []rune{tea.KeyEnter, tea.KeyTab, tea.KeyBackspace, tea.KeyEscape, tea.KeySpace} {
		names[tea.Key{Code: c}.String()] = true
	}
	// The other special keys follow KeyExtended; each one's name is
	// what bubbletea reports for it.
	for c := tea.KeyExtended + 1; c < tea.KeyExtended+512; c++ {
		if s := (tea.Key{Code: c}).Keystroke(); utf8.RuneCountInString(s) > 1 {
			names[s] = true
		}
	}
	return names
}
