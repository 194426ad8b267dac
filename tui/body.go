package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/render"
)

// bodyModel is the article body: glamour-rendered lines that scroll,
// with followed words highlighted and search matches marked. Rendering
// happens in commands (see reader.go); the model only holds the result.
type bodyModel struct {
	body      *render.Body
	offset    int
	width     int // inner width
	height    int // inner height
	highlight render.Match
	query     string
	matches   []render.Match
	current   int
	cache     *render.MarkCache // marked lines drawn; replaced when marks change
	anchor    *bodyAnchor       // where to return once its block is rendered
	keys      NavKeyMap
}

// bodyAnchor is a place in the body that survives re-wrapping: a block
// and a line within it (render.Body.BlockAt).
type bodyAnchor struct{ block, delta int }

func newBody(keys NavKeyMap) bodyModel { return bodyModel{keys: keys, current: -1} }

// SetSize sets the inner size.
func (b *bodyModel) SetSize(w, h int) {
	b.width, b.height = w, h
	b.clamp()
}

// SetBody replaces the rendered body (a new article, a new width or
// more blocks). With keep set the view stays on the same block, else it
// starts at the top.
//
// When the block to keep in view is not rendered yet (a long article
// re-wrapped after a resize), the view waits at the end of what is
// rendered and moves to the block when it arrives, unless the reader
// scrolls first.
func (b *bodyModel) SetBody(body *render.Body, keep bool) {
	sameText := b.body != nil && body != nil && b.body.Src == body.Src && b.body.Width == body.Width
	a := b.anchor
	if a == nil && keep && b.body != nil && !sameText {
		block, delta := b.body.BlockAt(b.offset)
		a = &bodyAnchor{block, delta}
	}
	b.body = body
	b.anchor = nil
	switch {
	case !keep || body == nil:
		b.offset = 0
	case a != nil && (a.block < body.Rendered() || body.Complete()):
		b.offset = body.LineAt(a.block, a.delta)
	case a != nil:
		b.anchor = a
		b.offset = len(body.Lines)
	}
	if !sameText {
		b.highlight = nil
	}
	b.research()
	b.clamp()
	b.cache = render.NewMarkCache()
}

// lines is the number of rendered lines.
func (b bodyModel) lines() int {
	if b.body == nil {
		return 0
	}
	return len(b.body.Lines)
}

func (b *bodyModel) clamp() {
	b.offset = min(max(b.offset, 0), max(b.lines()-b.height, 0))
}

// Update scrolls on movement keys.
func (b bodyModel) Update(msg tea.Msg) (bodyModel, tea.Cmd) {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return b, nil
	}
	k := b.keys
	b.anchor = nil
	switch {
	case key.Matches(km, k.Down):
		b.offset++
	case key.Matches(km, k.Up):
		b.offset--
	case key.Matches(km, k.Top):
		b.offset = 0
	case key.Matches(km, k.Bottom):
		b.offset = b.lines()
	case key.Matches(km, k.PageDown):
		b.offset += max(b.height-1, 1)
	case key.Matches(km, k.PageUp):
		b.offset -= max(b.height-1, 1)
	case key.Matches(km, k.HalfPageDown):
		b.offset += max(b.height/2, 1)
	case key.Matches(km, k.HalfPageUp):
		b.offset -= max(b.height/2, 1)
	}
	b.clamp()
	return b, nil
}

// Scroll moves the view by d lines (the mouse wheel).
func (b *bodyModel) Scroll(d int) {
	b.anchor = nil
	b.offset += d
	b.clamp()
}

// Show highlights m and scrolls so that it sits in the upper third.
func (b *bodyModel) Show(m render.Match) {
	b.Mark(m)
	b.center(m.Line())
}

// Mark highlights m without scrolling.
func (b *bodyModel) Mark(m render.Match) {
	b.highlight = m
	b.cache = render.NewMarkCache()
}

func (b *bodyModel) center(line int) {
	b.anchor = nil
	b.offset = line - b.height/3
	b.clamp()
}

// Search sets the query and marks its matches; the current match is the
// first at or below the top of the view.
func (b *bodyModel) Search(q string) {
	b.query = q
	b.research()
	b.current = -1
	for i, m := range b.matches {
		if m.Line() >= b.offset {
			b.current = i
			break
		}
	}
	if b.current < 0 && len(b.matches) > 0 {
		b.current = 0
	}
	if b.current >= 0 {
		if l := b.matches[b.current].Line(); l < b.offset || l >= b.offset+b.height {
			b.center(l)
		}
	}
}

// research recomputes the matches after the body changed.
func (b *bodyModel) research() {
	b.cache = render.NewMarkCache()
	if b.query == "" || b.body == nil {
		b.matches = nil
		b.current = -1
		return
	}
	b.matches = b.body.Search(b.query)
	if b.current >= len(b.matches) {
		b.current = len(b.matches) - 1
	}
}

// NextMatch moves to the next (d = 1) or previous (d = -1) match,
// wrapping around.
func (b *bodyModel) NextMatch(d int) {
	n := len(b.matches)
	if n == 0 {
		return
	}
	b.current = ((b.current+d)%n + n) % n
	b.cache = render.NewMarkCache()
	b.center(b.matches[b.current].Line())
}

// ClearMarks drops the highlight and the search.
func (b *bodyModel) ClearMarks() bool {
	had := b.highlight != nil || b.query != ""
	b.highlight, b.query, b.matches, b.current = nil, "", nil, -1
	b.cache = render.NewMarkCache()
	return had
}

// State returns what render needs to draw the body.
func (b bodyModel) State() render.BodyState {
	return render.BodyState{Body: b.body, Offset: b.offset, Highlight: b.highlight, Matches: b.matches, Current: b.current, Cache: b.cache}
}

// ShortHelp returns the body's help line bindings.
func (b bodyModel) ShortHelp() []key.Binding { return b.keys.ShortHelp() }

// FullHelp returns the body's bindings in columns.
func (b bodyModel) FullHelp() [][]key.Binding { return b.keys.FullHelp() }
