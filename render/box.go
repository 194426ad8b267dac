package render

import (
	"strings"
)

// borderSet is the glyphs of one box frame.
type borderSet struct {
	tl, tr, bl, br, h, v string
}

var (
	// lightBorder frames unfocused panels.
	lightBorder = borderSet{"╭", "╮", "╰", "╯", "─", "│"}
	// heavyBorder frames the focused panel, so focus shows without color.
	heavyBorder = borderSet{"┏", "┓", "┗", "┛", "━", "┃"}
)

// Box draws lines inside a frame of exactly w×h cells (h counts the
// border rows), with title in the top border and note right-aligned in
// the bottom border. Lines are cut or padded to the inner width; missing
// lines are blank. It returns one string per row.
func Box(lines []string, w, h int, title, note string, focused bool, st *Styles) []string {
	if w < 2 || h < 2 {
		return blankRows(w, h)
	}
	bs, bst, tst := lightBorder, st.Panel.border, st.Panel.title
	if focused {
		bs, bst, tst = heavyBorder, st.Panel.focusBorder, st.Panel.focusTitle
	}
	inner := w - 2
	out := make([]string, 0, h)

	// Top: ╭─ Title ───╮
	var top strings.Builder
	top.WriteString(bst.do(bs.tl + bs.h))
	used := 1
	if title != "" && inner > 4 {
		t := truncateTail(" "+title+" ", inner-2)
		top.WriteString(tst.do(t))
		used += stringWidth(t)
	}
	top.WriteString(bst.do(strings.Repeat(bs.h, max(inner-used, 0)) + bs.tr))
	out = append(out, top.String())

	v := bst.do(bs.v)
	for i := 0; i < h-2; i++ {
		l := ""
		if i < len(lines) {
			l = lines[i]
		}
		out = append(out, v+pad(l, inner)+"\x1b[m"+v)
	}

	// Bottom: ╰──── note ─╯
	var bot strings.Builder
	n := ""
	if note != "" && inner > 6 {
		n = truncateTail(" "+note+" ", inner-2)
	}
	if n == "" {
		bot.WriteString(bst.do(bs.bl + strings.Repeat(bs.h, inner)))
	} else {
		bot.WriteString(bst.do(bs.bl + strings.Repeat(bs.h, max(inner-stringWidth(n)-1, 0))))
		bot.WriteString(st.Panel.scroll.do(n))
		bot.WriteString(bst.do(bs.h))
	}
	bot.WriteString(bst.do(bs.br))
	out = append(out, bot.String())
	return out
}

// blankRows returns h rows of w spaces.
func blankRows(w, h int) []string {
	out := make([]string, max(h, 0))
	s := strings.Repeat(" ", max(w, 0))
	for i := range out {
		out[i] = s
	}
	return out
}

// Canvas is a screen of rows being assembled from boxes.
type Canvas struct {
	w    int
	rows [][]piece
}

type piece struct {
	x, w int
	s    string
}

// NewCanvas returns a canvas of w×h cells.
func NewCanvas(w, h int) *Canvas {
	return &Canvas{w: w, rows: make([][]piece, max(h, 0))}
}

// Place puts rows w cells wide at column x, row y. Pieces on one row
// must not overlap; each row must already be exactly w cells wide (Box
// and Pad make them so).
func (c *Canvas) Place(x, y, w int, rows []string) {
	for i, r := range rows {
		if y+i >= 0 && y+i < len(c.rows) {
			c.rows[y+i] = append(c.rows[y+i], piece{x, w, r})
		}
	}
}

// String joins the canvas rows with newlines, filling gaps with spaces.
func (c *Canvas) String() string {
	var b strings.Builder
	n := 0
	for _, row := range c.rows {
		for _, p := range row {
			n += len(p.s) + 3
		}
		n += c.w + 1
	}
	b.Grow(n)
	for i, row := range c.rows {
		if i > 0 {
			b.WriteByte('\n')
		}
		sortPieces(row)
		x := 0
		for _, p := range row {
			if p.x > x {
				b.WriteString(strings.Repeat(" ", p.x-x))
				x = p.x
			}
			b.WriteString(p.s)
			b.WriteString("\x1b[m")
			x += p.w
		}
		if x < c.w {
			b.WriteString(strings.Repeat(" ", c.w-x))
		}
	}
	return b.String()
}

func sortPieces(ps []piece) {
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0 && ps[j].x < ps[j-1].x; j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
}
