package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/render"
)

// stepMsg asks the root to open the next (d = 1) or previous (d = -1)
// article of the library.
type stepMsg struct{ d int }

// backMsg asks the root to return to the library.
type backMsg struct{}

// Update handles the reader's keys, mouse and rendering results.
func (r readerModel) Update(msg tea.Msg) (readerModel, tea.Cmd) {
	switch msg := msg.(type) {
	case bodyMsg:
		return r, r.handleBody(msg)
	case tea.KeyPressMsg:
		if r.search.Active() {
			return r.handleSearchKey(msg)
		}
		return r.handleKey(msg)
	case tea.MouseWheelMsg:
		r.handleWheel(msg)
	case tea.MouseClickMsg:
		r.handleClick(msg)
	}
	return r, nil
}

// handleClick focuses the section clicked; a click on a panel item also
// selects it and shows it in the article, and a click on the narrow
// layout's tab bar switches tabs.
func (r *readerModel) handleClick(msg tea.MouseClickMsg) {
	m := msg.Mouse()
	if m.Button != tea.MouseLeft {
		return
	}
	if t := r.layout.Tabs; !t.Empty() && t.Contains(m.X, m.Y) {
		if s, ok := render.TabAt(r.State("", ""), t.W, m.X-t.X); ok {
			r.setFocus(s)
		}
		return
	}
	for s := render.KeyPoints; s < render.NumSections; s++ {
		rect := r.layout.Sections[s]
		if !rect.Contains(m.X, m.Y) {
			continue
		}
		r.setFocus(s)
		if s == render.Article {
			return
		}
		p := &r.panels[s]
		line := p.offset + m.Y - rect.Y - 1
		for i, it := range p.content.Items {
			if line >= it.Start && line < it.End {
				p.selected = i
				p.reveal()
				r.follow()
				return
			}
		}
		return
	}
}

// handleKey handles a key press outside the search input.
func (r readerModel) handleKey(msg tea.KeyPressMsg) (readerModel, tea.Cmd) {
	k := r.keys
	r.status = ""
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
		r.follow()
	case key.Matches(msg, k.Search):
		return r, r.search.Open()
	case key.Matches(msg, k.NextMatch):
		r.body.NextMatch(1)
		r.showBody()
	case key.Matches(msg, k.PrevMatch):
		r.body.NextMatch(-1)
		r.showBody()
	case key.Matches(msg, k.NextArticle):
		return r, func() tea.Msg { return stepMsg{1} }
	case key.Matches(msg, k.PrevArticle):
		return r, func() tea.Msg { return stepMsg{-1} }
	case key.Matches(msg, k.Back):
		r.shown = nil
		if !r.body.ClearMarks() {
			return r, func() tea.Msg { return backMsg{} }
		}
	case r.focus == render.Article:
		r.body, _ = r.body.Update(msg)
	default:
		r.panels[r.focus], _ = r.panels[r.focus].Update(msg)
	}
	return r, nil
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
// highlights its words.
func (r *readerModel) follow() {
	if r.brief == nil {
		return
	}
	i := r.panels[r.focus].Selected()
	if i < 0 {
		return
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
	r.applyFollow()
	r.showBody()
}

// applyFollow carries out a pending follow once its block is rendered.
func (r *readerModel) applyFollow() {
	t := r.pending
	b := r.body.body
	if t == nil || b == nil {
		return
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
			return
		}
	}
	if m, ok := b.Locate(t.para); ok {
		show(m)
		return
	}
	if b.Complete() {
		if t.scroll {
			r.status = "that passage is not in the rendered article"
		}
		r.pending = nil
	}
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
func (r readerModel) handleSearchKey(msg tea.KeyPressMsg) (readerModel, tea.Cmd) {
	switch {
	case key.Matches(msg, r.keys.Accept):
		r.search.Close()
		if len(r.body.matches) == 0 && r.body.query != "" {
			r.status = "no match for “" + render.Line(r.body.query) + "”"
		}
		return r, nil
	case key.Matches(msg, r.keys.Cancel):
		r.search.Close()
		r.body.Search("")
		return r, nil
	}
	cmd := r.search.Update(msg)
	if q := r.search.Value(); q != r.body.query {
		r.body.Search(q)
		if len(r.body.matches) > 0 {
			r.showBody()
		}
	}
	return r, cmd
}
