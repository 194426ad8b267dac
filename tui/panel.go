package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/render"
)

// panelModel is one side panel (key points, quotes or phases): a list
// of wrapped items with a selection, shaped like a bubble.
type panelModel struct {
	section  render.Section
	content  render.PanelContent
	ready    bool // content has been set (analysis done)
	selected int
	offset   int
	width    int // inner width, which content is wrapped to
	height   int // inner height
	keys     NavKeyMap
}

// newPanel returns an empty panel for a section.
func newPanel(sec render.Section, keys NavKeyMap) panelModel {
	return panelModel{section: sec, keys: keys}
}

// SetSize sets the inner size; the caller rebuilds content when the
// width changes.
func (p *panelModel) SetSize(w, h int) {
	p.width, p.height = w, h
	p.clamp()
	p.reveal()
}

// SetContent replaces the content, keeping the selection where it can.
func (p *panelModel) SetContent(c render.PanelContent) {
	p.content = c
	p.ready = true
	p.clamp()
	p.reveal()
}

// Reset clears the panel for another article.
func (p *panelModel) Reset() {
	p.content = render.PanelContent{}
	p.ready = false
	p.selected, p.offset = 0, 0
}

// Selected returns the selected item index, or -1 when there is none.
func (p panelModel) Selected() int {
	if len(p.content.Items) == 0 {
		return -1
	}
	return p.selected
}

// State returns what render needs to draw the panel.
func (p panelModel) State() render.PanelState {
	if !p.ready {
		return render.PanelState{}
	}
	c := p.content
	return render.PanelState{Content: &c, Selected: p.Selected(), Offset: p.offset}
}

// Update moves the selection on movement keys.
func (p panelModel) Update(msg tea.Msg) (panelModel, tea.Cmd) {
	msg2, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return p, nil
	}
	n := len(p.content.Items)
	k := p.keys
	switch {
	case key.Matches(msg2, k.Down):
		p.move(1)
	case key.Matches(msg2, k.Up):
		p.move(-1)
	case key.Matches(msg2, k.Top):
		p.selected, p.offset = 0, 0
	case key.Matches(msg2, k.Bottom):
		p.selected = max(n-1, 0)
		p.offset = max(p.content.Height()-p.height, 0)
	case key.Matches(msg2, k.PageDown):
		p.page(p.height)
	case key.Matches(msg2, k.PageUp):
		p.page(-p.height)
	case key.Matches(msg2, k.HalfPageDown):
		p.page(max(p.height/2, 1))
	case key.Matches(msg2, k.HalfPageUp):
		p.page(-max(p.height/2, 1))
	default:
		return p, nil
	}
	p.clamp()
	p.reveal()
	return p, nil
}

// move selects the item d items away, or scrolls when there are none.
func (p *panelModel) move(d int) {
	if len(p.content.Items) == 0 {
		p.offset += d
		return
	}
	p.selected += d
}

// page scrolls by d lines and selects the first item that starts in
// view (the last for upward pages that reach the top).
func (p *panelModel) page(d int) {
	p.offset += d
	p.offset = min(max(p.offset, 0), max(p.content.Height()-p.height, 0))
	for i, it := range p.content.Items {
		if it.Start >= p.offset {
			p.selected = i
			return
		}
	}
	p.selected = max(len(p.content.Items)-1, 0)
}

// Scroll moves the view by d lines without moving the selection (the
// mouse wheel).
func (p *panelModel) Scroll(d int) {
	p.offset = min(max(p.offset+d, 0), max(p.content.Height()-p.height, 0))
}

func (p *panelModel) clamp() {
	n := len(p.content.Items)
	p.selected = min(max(p.selected, 0), max(n-1, 0))
	p.offset = min(max(p.offset, 0), max(p.content.Height()-p.height, 0))
}

// reveal scrolls so that the selected item is in view, its start first.
func (p *panelModel) reveal() {
	if len(p.content.Items) == 0 || p.height <= 0 {
		return
	}
	it := p.content.Items[p.selected]
	switch {
	case it.Start < p.offset:
		p.offset = it.Start
	case it.End > p.offset+p.height:
		// Show as much of the item as fits, its start first.
		p.offset = min(it.End-p.height, it.Start)
	}
	if p.selected == 0 && it.Start < p.height {
		p.offset = 0 // the first item: show what comes before it too
	}
	p.offset = max(p.offset, 0)
}

// ShortHelp returns the panel's help line bindings.
func (p panelModel) ShortHelp() []key.Binding { return p.keys.ShortHelp() }

// FullHelp returns the panel's bindings in columns.
func (p panelModel) FullHelp() [][]key.Binding { return p.keys.FullHelp() }

// View draws the panel alone in its box (outer size: inner plus border,
// gutter and margin), as the reader draws it.
func (p panelModel) View(st *render.Styles, focused bool) string {
	s := render.ReaderState{Focus: -1}
	if focused {
		s.Focus = p.section
	}
	s.Panels[p.section] = p.State()
	l := render.Layout{Mode: render.ModeNarrow, Width: p.width + 4, Height: p.height + 2}
	l.Sections[p.section] = render.Rect{W: p.width + 4, H: p.height + 2}
	return render.SectionBox(s, p.section, l.Sections[p.section], st)
}
