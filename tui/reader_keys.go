package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/model/store"
	"github.com/brief-reader/brief/render"
)

// updateKeys enables the reader's keys that can do something for the
// open article and says what esc does. Keys that do nothing just now
// (] on the last article, n before a search, x away from the Quotes
// panel) stay enabled, so that help lists them, and say why when
// pressed.
func (r *readerModel) updateKeys() {
	k := &r.keys
	hasBody := r.body.body != nil
	k.Follow.SetEnabled(r.focus != render.Article && r.panels[r.focus].Selected() >= 0)
	k.Search.SetEnabled(hasBody)
	k.NextMatch.SetEnabled(hasBody)
	k.PrevMatch.SetEnabled(hasBody)
	hasQuotes := r.brief != nil && len(r.brief.Quotes) > 0
	k.MarkChecked.SetEnabled(hasQuotes)
	k.MarkFlagged.SetEnabled(hasQuotes)
	k.MarkStarred.SetEnabled(hasQuotes)
	k.Correct.SetEnabled(hasQuotes)
	k.QuoteNote.SetEnabled(hasQuotes)
	switch {
	case r.fromQuote && r.body.query == "":
		k.Back.SetHelp(k.Back.Help().Key, "back to quotes")
	case r.body.highlight != nil || r.body.query != "":
		k.Back.SetHelp(k.Back.Help().Key, "clear marks")
	default:
		k.Back.SetHelp(k.Back.Help().Key, "back")
	}
}

// ShortHelp is the reader's help line: esc, ? and q first.
func (r *readerModel) ShortHelp() []key.Binding {
	k, g, t := &r.keys, r.global, r.triage
	if r.search.Active() {
		return g.inputHelp()
	}
	out := []key.Binding{k.Back, g.Help, g.Quit, g.Failures, k.KeyPoints, k.Quotes, k.Phases, k.Article, k.NextFocus, k.Follow, k.Search}
	if len(r.body.matches) > 0 {
		out = append(out, k.NextMatch)
	}
	return append(out, k.NextArticle, t.Star, t.Archive, t.Undo)
}

// FullHelp is the reader's `?` page, in columns.
func (r *readerModel) FullHelp() [][]key.Binding {
	k, g, t := &r.keys, r.global, r.triage
	return [][]key.Binding{
		{k.KeyPoints, k.Quotes, k.Phases, k.Article, k.NextFocus, k.PrevFocus},
		g.move(),
		{k.Follow, k.Search, k.NextMatch, k.PrevMatch, g.Accept, g.Cancel},
		{k.NextArticle, k.PrevArticle, k.QuotesScreen, k.Back, g.Failures, g.Help, g.Quit},
		t.stateHelp(),
		{k.MarkChecked, k.MarkFlagged, k.MarkStarred, k.Correct, k.QuoteNote, t.Copy, t.OpenURL, t.Refresh},
	}
}

// quote is the quote selected in the focused Quotes panel, or -1.
func (r *readerModel) quote() int {
	if r.article == nil || r.brief == nil || r.focus != render.Quotes {
		return -1
	}
	return r.panels[render.Quotes].Selected()
}

// mark toggles mark mk on the quote selected in the Quotes panel.
func (r *readerModel) mark(mk store.Mark) tea.Cmd {
	i := r.quote()
	if i < 0 || i >= len(r.brief.Quotes) {
		return status("marks go on a quote: "+helpKeys(r.keys.Quotes.Keys())+" picks one in the Quotes panel", false)
	}
	return r.marks.Toggle(store.QuoteOf(*r.article, r.brief.Quotes[i]), mk)
}

// correct opens the speaker prompt for the quote selected in the Quotes
// panel.
func (r *readerModel) correct() tea.Cmd {
	i := r.quote()
	if i < 0 || i >= len(r.brief.Quotes) {
		return status("select a quote in the Quotes panel (2) to correct its speaker", false)
	}
	return r.marks.Correct(r.article, i, r.st, r.width)
}

// editNote opens the note prompt for the quote selected in the Quotes
// panel.
func (r *readerModel) editNote() tea.Cmd {
	i := r.quote()
	if i < 0 || i >= len(r.brief.Quotes) {
		return status("select a quote in the Quotes panel (2) to write a note on it", false)
	}
	return r.marks.EditNote(r.article, i, r.st, r.width)
}

// FollowQuote selects quote i in the Quotes panel and follows it to
// the body, highlighted, as enter on it would.
func (r *readerModel) FollowQuote(i int) tea.Cmd {
	if r.brief == nil || i < 0 || i >= len(r.brief.Quotes) {
		return nil
	}
	r.setFocus(render.Quotes)
	p := &r.panels[render.Quotes]
	p.selected = i
	p.clamp()
	p.reveal()
	return r.follow()
}

// CopyText is what y copies: the focused quote with its speaker and
// source, key point or phase, else the article's title, source and URL.
func (r *readerModel) CopyText() string {
	a := r.article
	if a == nil {
		return ""
	}
	cite := citation(a)
	if r.brief == nil || r.focus == render.Article {
		return cite
	}
	i := r.panels[r.focus].Selected()
	if i < 0 {
		return cite
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
		return fmt.Sprintf("“%s” — %s (%s)", text, who, cite)
	case render.KeyPoints:
		return render.Line(r.brief.KeyPoints[i].Text) + " (" + cite + ")"
	case render.Phases:
		return render.Line(r.brief.Phases[i].Summary) + " (" + cite + ")"
	}
	return cite
}
