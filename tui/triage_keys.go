package tui

import (
	"context"
	"os/exec"
	"runtime"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/library"
	"github.com/brief-reader/brief/model/store"
	"github.com/brief-reader/brief/render"
)

// HandleKey carries out a triage key (r s a A t e u y o R) on the
// target of screen s; ok is false for any other key.
func (t *triageModel) HandleKey(msg tea.KeyPressMsg, s triageTarget) (tea.Cmd, bool) {
	k := t.keys
	a := s.Target()
	switch {
	case keyIs(msg, k.Undo):
		return t.Undo(), true
	case keyIs(msg, k.ArchiveRead):
		return t.archiveRead(s.Shown()), true
	case keyIs(msg, k.Refresh):
		return emit(refreshRequestMsg{}), true
	case a == nil:
		return nil, false
	case keyIs(msg, k.ToggleRead):
		return t.toggle(a, "read", func(s *store.ArticleState) *bool { return &s.Read }, (*store.User).SetRead), true
	case keyIs(msg, k.Star):
		return t.toggle(a, "star", func(s *store.ArticleState) *bool { return &s.Starred }, (*store.User).SetStarred), true
	case keyIs(msg, k.Archive):
		return t.archive(a), true
	case keyIs(msg, k.Tag):
		return t.prompt.Open(promptTag, idOf(a), "", t.tags, t.st, t.width), true
	case keyIs(msg, k.Note):
		return t.prompt.Open(promptNote, idOf(a), t.states.Of(a).Note, nil, t.st, t.width), true
	case keyIs(msg, k.Copy):
		return copyCmd(s.CopyText()), true
	case keyIs(msg, k.OpenURL):
		return t.openURLCmd(a), true
	}
	return nil, false
}

// Queue queues a write of another part (the quote review) behind the
// triage writes, so that every action of the session reaches the store,
// and its undo log, in the order the keys were pressed.
func (t *triageModel) Queue(what string, do func(ctx context.Context, u *store.User) (store.Action, error), after func(err error) tea.Msg) tea.Cmd {
	return t.enqueue(write{what: what, do: do, after: after, quiet: true})
}

// Undo queues the undo of the session's last action.
func (t *triageModel) Undo() tea.Cmd {
	return t.enqueue(write{undo: true, what: "undo", do: func(ctx context.Context, u *store.User) (store.Action, error) {
		return u.Undo(ctx)
	}})
}

// toggle flips one flag of article a, at once in memory and then in the
// store.
func (t *triageModel) toggle(a *model.Article, what string, field func(*store.ArticleState) *bool,
	set func(*store.User, context.Context, []string, bool) (store.Action, error)) tea.Cmd {
	id := idOf(a)
	cur := t.states.Of(a)
	v := !*field(&cur)
	changed := t.setLocal([]string{id}, func(s *store.ArticleState) { *field(s) = v })
	return tea.Batch(changed, t.enqueue(write{what: what, do: func(ctx context.Context, u *store.User) (store.Action, error) {
		return set(u, ctx, []string{id}, v)
	}}))
}

// archive archives article a or takes it out of the archive; archiving
// tells the screen in front, so that the reader moves on.
func (t *triageModel) archive(a *model.Article) tea.Cmd {
	on := !t.states.Of(a).Archived
	cmd := t.toggle(a, "archive", func(s *store.ArticleState) *bool { return &s.Archived }, (*store.User).SetArchived)
	if !on {
		return cmd
	}
	return tea.Batch(cmd, emit(archivedMsg{a}))
}

// archiveRead archives every read article of shown, as one action.
func (t *triageModel) archiveRead(shown []*model.Article) tea.Cmd {
	items := make([]library.Item, len(shown))
	for i, a := range shown {
		items[i].Article = a
	}
	ids := library.IDs(items)
	var read []string
	for _, id := range ids {
		if s := t.states.m[id]; s.Read && !s.Archived {
			read = append(read, id)
		}
	}
	if len(read) == 0 {
		return status("no read articles to archive in this view", false)
	}
	changed := t.setLocal(read, func(s *store.ArticleState) { s.Archived = true })
	return tea.Batch(changed, t.enqueue(write{what: "archive read", do: func(ctx context.Context, u *store.User) (store.Action, error) {
		return u.ArchiveRead(ctx, ids)
	}}))
}

// Prompting reports whether the tag or note prompt has the keyboard.
func (t *triageModel) Prompting() bool { return t.prompt.Active() }

// PromptView draws the prompt line.
func (t *triageModel) PromptView() string { return t.prompt.View() }

// HandlePrompt edits the tag or note prompt; enter applies it.
func (t *triageModel) HandlePrompt(msg tea.KeyPressMsg) tea.Cmd {
	p := &t.prompt
	switch {
	case keyIs(msg, t.global.Cancel):
		p.Close()
		return nil
	case keyIs(msg, t.global.Accept):
		kind, id, value := p.kind, p.id, strings.TrimSpace(p.Value())
		p.Close()
		if kind == promptNote {
			return t.setNote(id, value)
		}
		if strings.Trim(value, "-# ") == "" {
			return nil // nothing typed: nothing to do, nothing to say
		}
		return t.tag(id, value)
	}
	return p.Update(msg)
}

// tag adds tag to article id, or removes it when written "-tag".
func (t *triageModel) tag(id, tag string) tea.Cmd {
	remove := strings.HasPrefix(tag, "-")
	tag, err := store.NormalizeTag(strings.TrimPrefix(strings.TrimPrefix(tag, "-"), "#"))
	if err != nil {
		return status("tag: "+err.Error(), true)
	}
	changed := t.setLocal([]string{id}, func(s *store.ArticleState) { s.Tags = withTag(s.Tags, tag, !remove) })
	t.tags = tagsOf(t.states.m)
	if remove {
		return tea.Batch(changed, t.enqueue(write{what: "untag", do: func(ctx context.Context, u *store.User) (store.Action, error) {
			return u.RemoveTag(ctx, []string{id}, tag)
		}}))
	}
	return tea.Batch(changed, t.enqueue(write{what: "tag", do: func(ctx context.Context, u *store.User) (store.Action, error) {
		return u.AddTag(ctx, []string{id}, tag)
	}}))
}

// setNote sets the note of article id ("" clears it).
func (t *triageModel) setNote(id, note string) tea.Cmd {
	changed := t.setLocal([]string{id}, func(s *store.ArticleState) { s.Note = note })
	return tea.Batch(changed, t.enqueue(write{what: "note", do: func(ctx context.Context, u *store.User) (store.Action, error) {
		return u.SetNote(ctx, id, note)
	}}))
}

// copyCmd copies text to the clipboard through OSC 52, which works over
// SSH too, and says so in the status line.
func copyCmd(text string) tea.Cmd {
	if text == "" {
		return nil
	}
	return tea.Batch(tea.SetClipboard(text), status("copied: "+render.Line(text), false))
}

// citation names article a: its title, source and URL.
func citation(a *model.Article) string {
	var parts []string
	for _, p := range []string{a.Title, render.SourceName(*a), a.URL} {
		if p = render.Line(p); p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ", ")
}

// openURLCmd opens article a's URL in the browser, in a command.
func (t *triageModel) openURLCmd(a *model.Article) tea.Cmd {
	if t.openURL == nil || !webURL(a.URL) {
		return nil
	}
	open, url := t.openURL, a.URL
	return func() tea.Msg {
		if err := open(url); err != nil {
			return statusMsg{text: "could not open the browser: " + err.Error(), isErr: true}
		}
		return nil
	}
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
