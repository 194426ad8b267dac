package tui

import (
	"context"
	"fmt"
	"os/exec"
	"runtime"
	"slices"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/store"
	"github.com/brief-reader/brief/render"
)

// handleTriageKey carries out a triage key (r s a A t e u y o R) in the
// library or the reader; ok is false for any other key.
func (m Model) handleTriageKey(msg tea.KeyPressMsg) (Model, tea.Cmd, bool) {
	if m.screen != screenLibrary && m.screen != screenReader {
		return m, nil, false
	}
	k := m.keys
	a := m.target()
	switch {
	case keyIs(msg, k.Undo):
		return m, m.enqueue(write{undo: true, what: "undo", do: func(ctx context.Context, u *store.User) (store.Action, error) {
			return u.Undo(ctx)
		}}), true
	case keyIs(msg, k.ArchiveRead):
		m2, cmd := m.archiveRead()
		return m2, cmd, true
	case keyIs(msg, k.Refresh):
		m2, cmd := m.startRefresh()
		return m2, cmd, true
	case a == nil:
		return m, nil, false
	case keyIs(msg, k.ToggleRead):
		return m, m.toggle(a, "read", func(s *store.ArticleState) *bool { return &s.Read }, (*store.User).SetRead), true
	case keyIs(msg, k.Star):
		return m, m.toggle(a, "star", func(s *store.ArticleState) *bool { return &s.Starred }, (*store.User).SetStarred), true
	case keyIs(msg, k.Archive):
		m2, cmd := m.archive(a)
		return m2, cmd, true
	case keyIs(msg, k.Tag):
		return m, m.tri.prompt.Open(promptTag, idOf(a), "", m.tri.tags, m.st, m.width), true
	case keyIs(msg, k.Note):
		return m, m.tri.prompt.Open(promptNote, idOf(a), m.state(a).Note, nil, m.st, m.width), true
	case keyIs(msg, k.Copy):
		return m, m.copyItem(a), true
	case keyIs(msg, k.OpenURL):
		return m, m.openURL(a), true
	}
	return m, nil, false
}

// toggle flips one flag of article a, at once in memory and then in the
// store.
func (m *Model) toggle(a *model.Article, what string, field func(*store.ArticleState) *bool,
	set func(*store.User, context.Context, []string, bool) (store.Action, error)) tea.Cmd {
	id := idOf(a)
	cur := m.state(a)
	v := !*field(&cur)
	m.setLocal([]string{id}, func(s *store.ArticleState) { *field(s) = v })
	return m.enqueue(write{what: what, do: func(ctx context.Context, u *store.User) (store.Action, error) {
		return set(u, ctx, []string{id}, v)
	}})
}

// archive archives article a or takes it out of the archive. In the
// reader, archiving opens the next article of the view (the previous
// one at the end, the library when it was the last).
func (m Model) archive(a *model.Article) (Model, tea.Cmd) {
	next := -1
	if m.screen == screenReader {
		order := m.library.Order()
		if p := m.library.Position(m.current); p >= 0 {
			switch {
			case p+1 < len(order):
				next = order[p+1]
			case p > 0:
				next = order[p-1]
			}
		}
	}
	v := !m.state(a).Archived
	cmd := m.toggle(a, "archive", func(s *store.ArticleState) *bool { return &s.Archived }, (*store.User).SetArchived)
	if m.screen != screenReader || !v {
		return m, cmd
	}
	if next < 0 {
		m.screen = screenLibrary
		m.library.Unpin()
		return m, cmd
	}
	m.library.Select(next)
	m2, open := m.open(next)
	return m2, tea.Batch(cmd, open)
}

// archiveRead archives every read article the library view shows, as
// one action.
func (m Model) archiveRead() (Model, tea.Cmd) {
	ids := m.shownIDs()
	var read []string
	for _, id := range ids {
		if s := m.tri.states[id]; s.Read && !s.Archived {
			read = append(read, id)
		}
	}
	if len(read) == 0 {
		m.setStatus("no read articles to archive in this view", false)
		return m, nil
	}
	m.setLocal(read, func(s *store.ArticleState) { s.Archived = true })
	return m, m.enqueue(write{what: "archive read", do: func(ctx context.Context, u *store.User) (store.Action, error) {
		return u.ArchiveRead(ctx, ids)
	}})
}

// handlePrompt edits the tag or note prompt; enter applies it.
func (m Model) handlePrompt(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	p := &m.tri.prompt
	switch {
	case keyIs(msg, m.keys.Cancel):
		p.Close()
		return m, nil
	case keyIs(msg, m.keys.Accept):
		kind, id, value := p.kind, p.id, strings.TrimSpace(p.Value())
		p.Close()
		if kind == promptNote {
			return m, m.setNote(id, value)
		}
		return m, m.tag(id, value)
	}
	return m, p.Update(msg)
}

// tag adds tag to article id, or removes it when written "-tag".
func (m *Model) tag(id, tag string) tea.Cmd {
	remove := strings.HasPrefix(tag, "-")
	tag, err := store.NormalizeTag(strings.TrimPrefix(strings.TrimPrefix(tag, "-"), "#"))
	if err != nil {
		m.setStatus("tag: "+err.Error(), true)
		return nil
	}
	m.setLocal([]string{id}, func(s *store.ArticleState) { s.Tags = withTag(s.Tags, tag, !remove) })
	m.tri.tags = tagsOf(m.tri.states)
	if remove {
		return m.enqueue(write{what: "untag", do: func(ctx context.Context, u *store.User) (store.Action, error) {
			return u.RemoveTag(ctx, []string{id}, tag)
		}})
	}
	return m.enqueue(write{what: "tag", do: func(ctx context.Context, u *store.User) (store.Action, error) {
		return u.AddTag(ctx, []string{id}, tag)
	}})
}

// setNote sets the note of article id ("" clears it).
func (m *Model) setNote(id, note string) tea.Cmd {
	m.setLocal([]string{id}, func(s *store.ArticleState) { s.Note = note })
	return m.enqueue(write{what: "note", do: func(ctx context.Context, u *store.User) (store.Action, error) {
		return u.SetNote(ctx, id, note)
	}})
}

// clipboardMsg reports a copy: the status to show and the command that
// sets the terminal's clipboard.
type clipboardMsg struct {
	status string
	cmd    tea.Cmd
}

// browserMsg reports the end of opening a URL in the browser.
type browserMsg struct{ err error }

// copyItem copies the focused quote (with its speaker and source), key
// point or phase of the reader to the clipboard through OSC 52, which
// works over SSH too; in the library, the article's title and URL.
func (m Model) copyItem(a *model.Article) tea.Cmd {
	text := copyText(m, a)
	if text == "" {
		return nil
	}
	status := "copied: " + render.Line(text)
	return func() tea.Msg { return clipboardMsg{status: status, cmd: tea.SetClipboard(text)} }
}

// copyText is what y copies.
func copyText(m Model, a *model.Article) string {
	src := render.SourceName(*a)
	cite := func() string {
		parts := []string{}
		for _, p := range []string{a.Title, src, a.URL} {
			if p = render.Line(p); p != "" {
				parts = append(parts, p)
			}
		}
		return strings.Join(parts, ", ")
	}
	r := m.reader
	if m.screen != screenReader || r.brief == nil || r.focus == render.Article {
		return cite()
	}
	i := r.panels[r.focus].Selected()
	if i < 0 {
		return cite()
	}
	switch r.focus {
	case render.Quotes:
		q := r.brief.Quotes[i]
		who := render.Line(q.Speaker)
		if q.Role != "" {
			who += ", " + render.Line(q.Role)
		}
		if who == "" {
			who = "unattributed"
		}
		text := strings.TrimRight(strings.Trim(render.Line(q.Text), "“”\" "), ",;")
		return fmt.Sprintf("“%s” — %s (%s)", text, who, cite())
	case render.KeyPoints:
		return render.Line(r.brief.KeyPoints[i].Text) + " (" + cite() + ")"
	case render.Phases:
		p := r.brief.Phases[i]
		return render.Line(p.Summary) + " (" + cite() + ")"
	}
	return cite()
}

// openURL opens article a's URL in the browser, in a command.
func (m Model) openURL(a *model.Article) tea.Cmd {
	if m.opts.OpenURL == nil || !webURL(a.URL) {
		return nil
	}
	open, url := m.opts.OpenURL, a.URL
	return func() tea.Msg { return browserMsg{err: open(url)} }
}

// webURL reports whether u is an http or https URL.
func webURL(u string) bool {
	return strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://")
}

// OpenBrowser opens url in the local desktop's browser (xdg-open, or
// open on macOS). For Options.OpenURL of the local program; a server
// must not pass it.
func OpenBrowser(url string) error {
	name := "xdg-open"
	switch runtime.GOOS {
	case "darwin":
		name = "open"
	case "windows":
		return exec.Command("rundll32", "url.dll,FileProtocolHandler", url).Run()
	}
	return exec.Command(name, url).Run()
}

// updateTriageKeys enables the triage and view keys that do something
// now: none without a store, and none on a screen they do not serve.
func (m *Model) updateTriageKeys() {
	k := m.keys
	onScreen := m.screen == screenLibrary || m.screen == screenReader
	has := m.tri.user != nil && onScreen
	a := m.target()
	for _, b := range []*key.Binding{&k.ToggleRead, &k.Star, &k.Archive, &k.Tag, &k.Note} {
		b.SetEnabled(has && a != nil)
	}
	k.Undo.SetEnabled(has)
	k.ArchiveRead.SetEnabled(has && len(m.library.rows) > 0)
	k.Copy.SetEnabled(onScreen && a != nil)
	k.OpenURL.SetEnabled(onScreen && a != nil && m.opts.OpenURL != nil && webURL(a.URL))
	k.Refresh.SetEnabled(onScreen && m.opts.Refresh != nil)
	views := m.screen == screenLibrary && m.tri.user != nil
	for _, b := range []*key.Binding{&k.NextView, &k.PrevView, &k.ViewInbox, &k.ViewUnread, &k.ViewStarred, &k.ViewArchive} {
		b.SetEnabled(views)
	}
}

// triageHelp is the help column of the triage keys.
func triageHelp(k *KeyMap) []key.Binding {
	return []key.Binding{k.ToggleRead, k.Star, k.Archive, k.ArchiveRead, k.Tag, k.Note, k.Undo}
}

// bindings names every binding of the KeyMap for Rebind, as the config
// file writes them.
func (k *KeyMap) bindings() map[string]*key.Binding {
	return map[string]*key.Binding{
		"up": &k.Up, "down": &k.Down, "top": &k.Top, "bottom": &k.Bottom,
		"page_up": &k.PageUp, "page_down": &k.PageDown,
		"half_page_up": &k.HalfPageUp, "half_page_down": &k.HalfPageDown,
		"key_points": &k.KeyPoints, "quotes": &k.Quotes, "phases": &k.Phases, "article": &k.Article,
		"next_focus": &k.NextFocus, "prev_focus": &k.PrevFocus, "follow": &k.Follow,
		"search": &k.Search, "next_match": &k.NextMatch, "prev_match": &k.PrevMatch,
		"next_article": &k.NextArticle, "prev_article": &k.PrevArticle,
		"open": &k.Open, "filter": &k.Filter,
		"next_view": &k.NextView, "prev_view": &k.PrevView,
		"view_inbox": &k.ViewInbox, "view_unread": &k.ViewUnread, "view_starred": &k.ViewStarred, "view_archive": &k.ViewArchive,
		"toggle_read": &k.ToggleRead, "star": &k.Star, "archive": &k.Archive, "archive_read": &k.ArchiveRead,
		"tag": &k.Tag, "note": &k.Note, "undo": &k.Undo,
		"copy": &k.Copy, "open_url": &k.OpenURL, "refresh": &k.Refresh,
		"quotes_screen": &k.QuotesScreen,
		"mark_checked":  &k.MarkChecked, "mark_flagged": &k.MarkFlagged, "mark_starred": &k.MarkStarred,
		"accept": &k.Accept, "cancel": &k.Cancel,
		"back": &k.Back, "help": &k.Help, "quit": &k.Quit,
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

// Rebind remaps bindings by name (as in the config file's [keys] table:
// star = ["s", "S"]); the help shows the first key. It rejects, and
// leaves the KeyMap unchanged for, an unknown name or an empty key list.
func (k *KeyMap) Rebind(keys map[string][]string) error {
	bs := k.bindings()
	var bad []string
	for name, ks := range keys {
		if _, ok := bs[name]; !ok {
			bad = append(bad, fmt.Sprintf("unknown key binding %q", name))
		} else if len(ks) == 0 || slices.Contains(ks, "") {
			bad = append(bad, fmt.Sprintf("key binding %q: no key given", name))
		}
	}
	if len(bad) > 0 {
		sort.Strings(bad)
		return fmt.Errorf("%s (known: %s)", strings.Join(bad, "; "), strings.Join(k.BindingNames(), ", "))
	}
	for name, ks := range keys {
		b := bs[name]
		b.SetKeys(ks...)
		b.SetHelp(strings.Join(ks, "/"), b.Help().Desc)
	}
	return nil
}
