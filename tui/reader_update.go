package tui

import (
	"fmt"
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/store"
	"github.com/brief-reader/brief/render"
)

// Update handles the reader's keys, mouse and rendering results, and
// keeps it in step with the collection, the analysis and the marks.
func (r *readerModel) Update(msg tea.Msg) tea.Cmd {
	defer r.updateKeys()
	switch msg := msg.(type) {
	case bodyMsg:
		return r.handleBody(msg)
	case analyzedMsg:
		if r.article != nil && r.brief == nil {
			r.SetBrief(r.coll.Brief(r.article))
			return r.orphansStatus()
		}
	case arrivedMsg:
		if r.article != nil {
			r.index, r.total = r.seq.Position(r.article)
			if r.brief == nil {
				r.SetBrief(r.coll.Brief(r.article))
			}
		}
	case marksChangedMsg:
		r.syncQuoteMarks()
	case correctionsChangedMsg:
		if r.article != nil && slices.Contains(msg.ids, r.article.ID) {
			r.SetBrief(r.coll.Brief(r.article))
			return r.orphansStatus()
		}
	case restyleMsg:
		return r.restyle(msg.st)
	case archivedMsg:
		return r.archived(msg.article)
	case tea.KeyPressMsg:
		if r.search.Active() {
			return r.handleSearchKey(msg)
		}
		return r.handleKey(msg)
	case tea.MouseWheelMsg:
		r.handleWheel(msg)
	case tea.MouseClickMsg:
		return r.handleClick(msg)
	}
	return nil
}

// archived moves on from article a, archived in this reader: to the
// next article of the view, the previous one at its end, or back when
// it was the last.
func (r *readerModel) archived(a *model.Article) tea.Cmd {
	if a != r.article {
		return nil
	}
	next := r.seq.Neighbour(a, 1)
	if next == nil {
		next = r.seq.Neighbour(a, -1)
	}
	if next == nil {
		return emit(backMsg{})
	}
	return emit(openMsg{article: next, replace: true, quote: -1})
}

// step opens the article d places away in the library's order, or
// says there is none.
func (r *readerModel) step(d int) tea.Cmd {
	if next := r.seq.Neighbour(r.article, d); next != nil {
		return emit(openMsg{article: next, replace: true, quote: -1})
	}
	if d > 0 {
		return status("this is the last article of the view", false)
	}
	return status("this is the first article of the view", false)
}

// handleClick focuses the section clicked; a click on a panel item also
// selects it and shows it in the article, and a click on the narrow
// layout's tab bar switches tabs.
func (r *readerModel) handleClick(msg tea.MouseClickMsg) tea.Cmd {
	m := msg.Mouse()
	if m.Button != tea.MouseLeft {
		return nil
	}
	if t := r.layout.Tabs; !t.Empty() && t.Contains(m.X, m.Y) {
		if s, ok := render.TabAt(r.State("", ""), t.W, m.X-t.X); ok {
			r.setFocus(s)
		}
		return nil
	}
	for s := render.KeyPoints; s < render.NumSections; s++ {
		rect := r.layout.Sections[s]
		if !rect.Contains(m.X, m.Y) {
			continue
		}
		r.setFocus(s)
		if s == render.Article {
			return nil
		}
		p := &r.panels[s]
		line := p.offset + m.Y - rect.Y - 1
		for i, it := range p.content.Items {
			if line >= it.Start && line < it.End {
				p.selected = i
				p.reveal()
				return r.follow()
			}
		}
		return nil
	}
	return nil
}

// handleKey handles a key press outside the search input.
func (r *readerModel) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	k := &r.keys
	switch {
	case key.Matches(msg, k.KeyPoints):
		r.setFocus(render.KeyPoints)
	case key.Matches(msg, k.Quotes):
		r.setFocus(render.Quotes)
	case key.Matches(msg, k.Phases):
		r.setFocus(render.Phases)
	case key.Matches(msg, k.Article):
		r.setFocus(render.Article)
	case key.Matches(msg, k.NextFocus):
		r.setFocus((r.focus + 1) % render.NumSections)
	case key.Matches(msg, k.PrevFocus):
		r.setFocus((r.focus + render.NumSections - 1) % render.NumSections)
	case key.Matches(msg, k.Follow) && r.focus != render.Article:
		return r.follow()
	case key.Matches(msg, k.Search):
		return r.search.Open()
	case key.Matches(msg, k.NextMatch), key.Matches(msg, k.PrevMatch):
		if len(r.body.matches) == 0 {
			return status("no matches: "+helpKeys(k.Search.Keys())+" searches the article", false)
		}
		d := 1
		if key.Matches(msg, k.PrevMatch) {
			d = -1
		}
		r.body.NextMatch(d)
		r.showBody()
	case key.Matches(msg, k.NextArticle):
		return r.step(1)
	case key.Matches(msg, k.PrevArticle):
		return r.step(-1)
	case key.Matches(msg, k.QuotesScreen):
		return emit(quotesScreenMsg{})
	case key.Matches(msg, k.MarkChecked):
		return r.mark(store.MarkChecked)
	case key.Matches(msg, k.MarkFlagged):
		return r.mark(store.MarkFlagged)
	case key.Matches(msg, k.MarkStarred):
		return r.mark(store.MarkStarred)
	case key.Matches(msg, k.Correct):
		return r.correct()
	case key.Matches(msg, k.QuoteNote):
		return r.editNote()
	case key.Matches(msg, k.Back):
		if r.fromQuote && r.body.query == "" {
			return emit(backMsg{}) // the highlight was the quote's: one esc goes back
		}
		r.shown = nil
		if !r.body.ClearMarks() {
			return emit(backMsg{})
		}
	case r.focus == render.Article:
		r.body, _ = r.body.Update(msg)
	default:
		r.panels[r.focus], _ = r.panels[r.focus].Update(msg)
	}
	return nil
}

// setFocus focuses section s; in narrow mode that switches the tab.
func (r *readerModel) setFocus(s render.Section) {
	if s == r.focus {
		return
	}
	r.focus = s
	if r.layout.Mode == render.ModeNarrow || r.layout.Mode == render.ModeMedium {
		r.relayout() // the focused panel gets its own tab or more room
	}
}

// showBody brings the body into view: in narrow mode it has its own tab.
func (r *readerModel) showBody() {
	if r.layout.Mode == render.ModeNarrow {
		r.setFocus(render.Article)
	}
}

// follow scrolls the body to the paragraph of the selected item and
// highlights its words; it says so when the words are not in the
// rendered article.
func (r *readerModel) follow() tea.Cmd {
	if r.brief == nil {
		return nil
	}
	i := r.panels[r.focus].Selected()
	if i < 0 {
		return nil
	}
	var t followTarget
	switch r.focus {
	case render.KeyPoints:
		kp := r.brief.KeyPoints[i]
		t = followTarget{para: kp.Paragraph, texts: []string{kp.Text}}
	case render.Quotes:
		q := r.brief.Quotes[i]
		t = followTarget{para: q.Paragraph, texts: []string{q.Text}}
	case render.Phases:
		p := r.brief.Phases[i]
		t = followTarget{para: p.Paragraph, texts: []string{p.Summary, p.Label}}
	}
	t.scroll = true
	r.pending = &t
	cmd := r.applyFollow()
	r.showBody()
	return cmd
}

// applyFollow carries out a pending follow once its block is rendered.
func (r *readerModel) applyFollow() tea.Cmd {
	t := r.pending
	b := r.body.body
	if t == nil || b == nil {
		return nil
	}
	show := func(m render.Match) {
		if t.scroll {
			r.body.Show(m)
		} else {
			r.body.Mark(m)
		}
		r.shown, r.pending = t, nil
	}
	for _, text := range t.texts {
		if m, ok := b.Find(t.para, text); ok {
			show(m)
			return nil
		}
	}
	if m, ok := b.Locate(t.para); ok {
		show(m)
		return nil
	}
	// The draft (plain text shown until glamour's first chunk) has no
	// paragraph map: the follow waits for the rendered body.
	if b.Complete() && !r.drafted {
		r.pending = nil
		if t.scroll {
			return status("that passage is not in the rendered article", false)
		}
	}
	return nil
}

// handleWheel scrolls the section under the pointer.
func (r *readerModel) handleWheel(msg tea.MouseWheelMsg) {
	m := msg.Mouse()
	d := 0
	switch m.Button {
	case tea.MouseWheelUp:
		d = -3
	case tea.MouseWheelDown:
		d = 3
	default:
		return
	}
	for s := render.KeyPoints; s < render.NumSections; s++ {
		if !r.layout.Sections[s].Contains(m.X, m.Y) {
			continue
		}
		if s == render.Article {
			r.body.Scroll(d)
		} else {
			r.panels[s].Scroll(d)
		}
	}
}

// handleSearchKey handles keys while the search input is open: the
// query is searched as it is typed.
func (r *readerModel) handleSearchKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, r.global.Accept):
		r.search.Close()
		if len(r.body.matches) == 0 && r.body.query != "" {
			return status("no match for “"+render.Line(r.body.query)+"”", false)
		}
		return nil
	case key.Matches(msg, r.global.Cancel):
		r.search.Close()
		r.body.Search("")
		return nil
	}
	cmd := r.search.Update(msg)
	if q := r.search.Value(); q != r.body.query {
		r.body.Search(q)
		if len(r.body.matches) > 0 {
			r.showBody()
		}
	}
	return cmd
}

// orphansStatus tells about the open article's speaker corrections that
// find no quote since the analysis changed.
func (r *readerModel) orphansStatus() tea.Cmd {
	n := len(r.coll.Orphans(r.article))
	if n == 0 {
		return nil
	}
	if n == 1 {
		return status("1 speaker correction of this article finds no quote since the analysis changed (kept, not applied)", true)
	}
	return status(fmt.Sprintf("%d speaker corrections of this article find no quote since the analysis changed (kept, not applied)", n), true)
}
