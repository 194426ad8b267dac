package render

// Section names a part of the reader: one of the three side panels or
// the article body.
type Section int

// The reader's sections, in focus order; keys 1 to 4 jump to them.
const (
	KeyPoints Section = iota
	Quotes
	Phases
	Article
	// NumSections is the number of sections.
	NumSections
)

var sectionNames = [NumSections]string{"Key points", "Quotes", "Phases", "Article"}

// String returns the section's display name.
func (s Section) String() string {
	if s < 0 || s >= NumSections {
		return "?"
	}
	return sectionNames[s]
}

// Mode is the arrangement the terminal's size allows.
type Mode int

// The layout modes, from smallest to widest.
const (
	// ModeTooSmall shows only a one-line message.
	ModeTooSmall Mode = iota
	// ModeNarrow shows one section at a time under a tab bar.
	ModeNarrow
	// ModeMedium shows the three panels stacked in a sidebar beside the
	// article.
	ModeMedium
	// ModeWide shows the three panels side by side over the article.
	ModeWide
)

// Size thresholds of the layout modes, in cells.
const (
	MinWidth    = 40
	MinHeight   = 10
	MediumWidth = 80
	WideWidth   = 120
)

// Rect is a rectangle of cells.
type Rect struct {
	X, Y, W, H int
}

// Contains reports whether cell (x, y) is inside r.
func (r Rect) Contains(x, y int) bool {
	return x >= r.X && x < r.X+r.W && y >= r.Y && y < r.Y+r.H
}

// Empty reports whether r has no cells (a hidden section).
func (r Rect) Empty() bool { return r.W <= 0 || r.H <= 0 }

// Layout places the reader's parts on a screen.
type Layout struct {
	Mode          Mode
	Width, Height int
	// Header is the title and metadata rows.
	Header Rect
	// Tabs is the tab bar row (narrow mode only).
	Tabs Rect
	// Sections are the boxes of the panels and the article, including
	// their borders; a hidden section has an empty Rect.
	Sections [NumSections]Rect
	// Footer is the help or status row.
	Footer Rect
}

// Inner returns the size of the content area of section s: its box
// minus the border and a margin of one cell each side (and, for the side
// panels, the one-cell gutter that marks the selection).
func (l Layout) Inner(s Section) (w, h int) {
	r := l.Sections[s]
	if r.Empty() {
		return 0, 0
	}
	if s == Article {
		return max(r.W-4, 1), max(r.H-2, 0)
	}
	return max(r.W-5, 1), max(r.H-2, 0)
}

// Collapsed is the demand of a side panel with nothing to show but its
// notice ("No phases in this article"): it collapses to one line, its
// title and the notice, and the other panels share its room.
const Collapsed = -1

// Demand is what a panel with content c asks of the layout: its height,
// or Collapsed when it has nothing to show but its notice.
func Demand(c PanelContent) int {
	if c.Empty {
		return Collapsed
	}
	return c.Height()
}

// ComputeLayout lays out a w×h screen. focus is the focused section
// (the one shown in narrow mode); demand is the number of content lines
// each side panel would like, used to share height among them, or
// Collapsed for a panel with nothing to show.
func ComputeLayout(w, h int, focus Section, demand [3]int) Layout {
	l := Layout{Width: w, Height: h}
	if w < MinWidth || h < MinHeight {
		l.Mode = ModeTooSmall
		return l
	}
	l.Header = Rect{0, 0, w, 2}
	l.Footer = Rect{0, h - 1, w, 1}
	top, avail := 2, h-3
	var open []Section // panels with something to show
	for s := KeyPoints; s <= Phases; s++ {
		if demand[s] != Collapsed {
			open = append(open, s)
		}
	}
	// collapse puts the collapsed panels one line each from row y, across
	// width cw, and returns the row after them.
	collapse := func(y, cw int) int {
		for s := KeyPoints; s <= Phases; s++ {
			if demand[s] == Collapsed {
				l.Sections[s] = Rect{0, y, cw, 1}
				y++
			}
		}
		return y
	}
	switch {
	case w >= WideWidth || w >= MediumWidth && len(open) == 0:
		l.Mode = ModeWide
		if w < WideWidth {
			l.Mode = ModeMedium
		}
		y := collapse(top, w)
		avail -= y - top
		ph := 0
		if len(open) > 0 {
			most := 0
			for _, s := range open {
				most = max(most, demand[s])
			}
			ph = min(max(most+2, 5), avail*45/100)
			colW, x := w/len(open), 0
			for i, s := range open {
				cw := colW
				if i == len(open)-1 {
					cw = w - x
				}
				l.Sections[s] = Rect{x, y, cw, ph}
				x += cw
			}
		}
		l.Sections[Article] = Rect{0, y + ph, w, avail - ph}
	case w >= MediumWidth:
		l.Mode = ModeMedium
		sw := min(max(w*2/5, 30), 56)
		y := collapse(top, sw)
		hs := stackHeights(avail-(y-top), demand, open, focus)
		for i, s := range open {
			l.Sections[s] = Rect{0, y, sw, hs[i]}
			y += hs[i]
		}
		l.Sections[Article] = Rect{sw, top, w - sw, avail}
	default:
		l.Mode = ModeNarrow
		l.Tabs = Rect{0, top, w, 1}
		if focus < 0 || focus >= NumSections {
			focus = KeyPoints
		}
		l.Sections[focus] = Rect{0, top + 1, w, avail - 1}
	}
	return l
}

// stackHeights shares the sidebar's rows among the open panels stacked
// in it: the focused panel first gets what it wants, up to three fifths
// of the rows, and the others share the rest.
func stackHeights(avail int, demand [3]int, open []Section, focus Section) []int {
	want := make([]int, len(open))
	fi := -1
	for i, s := range open {
		want[i] = demand[s] + 2
		if s == focus {
			fi = i
		}
	}
	if fi < 0 || len(open) == 1 || avail < 3*len(open)+3 {
		return distribute(avail, want, 3)
	}
	fh := min(max(want[fi], 3), avail*3/5, avail-3*(len(open)-1))
	rest := append(append([]int{}, want[:fi]...), want[fi+1:]...)
	others := distribute(avail-fh, rest, 3)
	return append(append(append([]int{}, others[:fi]...), fh), others[fi:]...)
}

// distribute shares total rows among boxes wanting demand rows each:
// every box gets at least least, then rows go to the boxes still short,
// in equal shares, and what no box wants is spread evenly.
func distribute(total int, demand []int, least int) []int {
	n := len(demand)
	out := make([]int, n)
	if n == 0 {
		return out
	}
	if total < least*n {
		for i := range out {
			out[i] = total / n
		}
		out[n-1] += total - total/n*n
		return out
	}
	rest := total - least*n
	for i := range out {
		out[i] = least
	}
	for rest > 0 {
		var short []int
		for i := range out {
			if out[i] < demand[i] {
				short = append(short, i)
			}
		}
		if len(short) == 0 {
			for i := range out {
				add := rest / (n - i)
				out[i] += add
				rest -= add
			}
			break
		}
		share := max(rest/len(short), 1)
		for _, i := range short {
			add := min(share, demand[i]-out[i], rest)
			out[i] += add
			rest -= add
			if rest == 0 {
				break
			}
		}
	}
	return out
}
