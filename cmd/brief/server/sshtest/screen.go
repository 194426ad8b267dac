// Package sshtest drives terminal programs served over SSH from tests and
// benchmarks: a real golang.org/x/crypto/ssh client with a PTY, and a
// small terminal emulator that turns the program's output into the text
// of its screen, so tests can wait for what a user would see.
package sshtest

import (
	"strings"
	"sync"

	"github.com/charmbracelet/x/ansi"
)

// Screen is a minimal terminal emulator: it keeps the characters of a
// w x h screen as a program's output draws them (cursor movement,
// erasing, insertion and deletion, scroll regions, wide characters) and
// ignores colors and attributes. It is safe for concurrent use.
type Screen struct {
	mu       sync.Mutex
	w, h     int
	cells    [][]string
	x, y     int
	sx, sy   int // saved cursor
	top, bot int // scroll region, inclusive
	wrap     bool
	last     string
	p        *ansi.Parser
	gen      uint64
	// OnOSC, when set, sees every OSC sequence (command number and data);
	// it is called with the screen locked and must not call back into it.
	OnOSC func(cmd int, data []byte)
}

// NewScreen returns an empty w x h screen.
func NewScreen(w, h int) *Screen {
	s := &Screen{w: w, h: h, top: 0, bot: h - 1}
	s.cells = make([][]string, h)
	for i := range s.cells {
		s.cells[i] = blankLine(w)
	}
	s.p = ansi.NewParser()
	s.p.SetHandler(ansi.Handler{
		Print:     s.print,
		Execute:   s.execute,
		HandleCsi: s.csi,
		HandleEsc: s.esc,
		HandleOsc: func(cmd int, data []byte) {
			if s.OnOSC != nil {
				s.OnOSC(cmd, data)
			}
		},
	})
	return s
}

// blankLine returns w blank cells.
func blankLine(w int) []string {
	l := make([]string, w)
	for i := range l {
		l[i] = " "
	}
	return l
}

// Write feeds program output to the screen.
func (s *Screen) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.p.Parse(p)
	s.gen++
	return len(p), nil
}

// Resize changes the screen size, keeping what fits.
func (s *Screen) Resize(w, h int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cells := make([][]string, h)
	for i := range cells {
		cells[i] = blankLine(w)
		if i < len(s.cells) {
			copy(cells[i], s.cells[i])
		}
	}
	s.cells, s.w, s.h, s.top, s.bot = cells, w, h, 0, h-1
	s.x, s.y = min(s.x, w-1), min(s.y, h-1)
}

// String returns the screen's lines, trailing blanks removed.
func (s *Screen) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var b strings.Builder
	for i, l := range s.cells {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(strings.TrimRight(strings.Join(l, ""), " "))
	}
	return strings.TrimRight(b.String(), "\n")
}

// print draws r at the cursor.
func (s *Screen) print(r rune) {
	str := string(r)
	width := ansi.StringWidth(str)
	if width == 0 {
		// A combining mark joins the previous cell.
		if s.x > 0 {
			s.cells[s.y][s.x-1] += str
		}
		return
	}
	if s.wrap || s.x+width > s.w {
		s.x, s.wrap = 0, false
		s.lineFeed()
	}
	s.cells[s.y][s.x] = str
	if width == 2 && s.x+1 < s.w {
		s.cells[s.y][s.x+1] = ""
	}
	s.last = str
	s.x += width
	if s.x >= s.w {
		s.x, s.wrap = s.w-1, true
	}
}

// execute handles a C0 control.
func (s *Screen) execute(b byte) {
	switch b {
	case '\r':
		s.x, s.wrap = 0, false
	case '\n', '\v', '\f':
		s.wrap = false
		s.lineFeed()
	case '\b':
		s.x, s.wrap = max(0, s.x-1), false
	case '\t':
		s.x = min(s.w-1, (s.x/8+1)*8)
	}
}

// lineFeed moves down a line, scrolling at the region's bottom.
func (s *Screen) lineFeed() {
	if s.y == s.bot {
		s.scrollUp(1)
		return
	}
	s.y = min(s.h-1, s.y+1)
}

// scrollUp scrolls the region up n lines.
func (s *Screen) scrollUp(n int) {
	for range n {
		copy(s.cells[s.top:s.bot+1], s.cells[s.top+1:s.bot+1])
		s.cells[s.bot] = blankLine(s.w)
	}
}

// scrollDown scrolls the region down n lines.
func (s *Screen) scrollDown(n int) {
	for range n {
		copy(s.cells[s.top+1:s.bot+1], s.cells[s.top:s.bot])
		s.cells[s.top] = blankLine(s.w)
	}
}

// esc handles ESC sequences.
func (s *Screen) esc(cmd ansi.Cmd) {
	if cmd.Intermediate() != 0 {
		return
	}
	switch cmd.Final() {
	case 'M': // reverse index
		if s.y == s.top {
			s.scrollDown(1)
		} else {
			s.y = max(0, s.y-1)
		}
	case 'D':
		s.lineFeed()
	case 'E':
		s.x = 0
		s.lineFeed()
	case '7':
		s.sx, s.sy = s.x, s.y
	case '8':
		s.x, s.y = s.sx, s.sy
	}
	s.wrap = false
}

// csi handles CSI sequences.
func (s *Screen) csi(cmd ansi.Cmd, params ansi.Params) {
	arg := func(i, def int) int {
		v, _, _ := params.Param(i, def)
		if v == 0 && def == 1 {
			return 1
		}
		return v
	}
	if cmd.Prefix() == '?' {
		if cmd.Final() == 'h' || cmd.Final() == 'l' {
			for i := range params {
				if v, _, _ := params.Param(i, 0); v == 1049 || v == 47 || v == 1047 {
					s.erase(0, 0, s.h-1, s.w-1)
				}
			}
		}
		return
	}
	if cmd.Prefix() != 0 || cmd.Intermediate() != 0 {
		return
	}
	s.wrap = false
	switch cmd.Final() {
	case 'H', 'f':
		s.y, s.x = clamp(arg(0, 1)-1, s.h), clamp(arg(1, 1)-1, s.w)
	case 'A':
		s.y = max(0, s.y-arg(0, 1))
	case 'B':
		s.y = min(s.h-1, s.y+arg(0, 1))
	case 'C':
		s.x = min(s.w-1, s.x+arg(0, 1))
	case 'D':
		s.x = max(0, s.x-arg(0, 1))
	case 'E':
		s.x, s.y = 0, min(s.h-1, s.y+arg(0, 1))
	case 'F':
		s.x, s.y = 0, max(0, s.y-arg(0, 1))
	case 'G', '`':
		s.x = clamp(arg(0, 1)-1, s.w)
	case 'd':
		s.y = clamp(arg(0, 1)-1, s.h)
	case 'K':
		switch arg(0, 0) {
		case 0:
			s.erase(s.y, s.x, s.y, s.w-1)
		case 1:
			s.erase(s.y, 0, s.y, s.x)
		case 2:
			s.erase(s.y, 0, s.y, s.w-1)
		}
	case 'J':
		switch arg(0, 0) {
		case 0:
			s.erase(s.y, s.x, s.y, s.w-1)
			s.erase(s.y+1, 0, s.h-1, s.w-1)
		case 1:
			s.erase(0, 0, s.y-1, s.w-1)
			s.erase(s.y, 0, s.y, s.x)
		case 2, 3:
			s.erase(0, 0, s.h-1, s.w-1)
		}
	case 'X':
		s.erase(s.y, s.x, s.y, min(s.w-1, s.x+arg(0, 1)-1))
	case '@':
		n, line := min(arg(0, 1), s.w-s.x), s.cells[s.y]
		copy(line[s.x+n:], line[s.x:])
		for i := s.x; i < s.x+n; i++ {
			line[i] = " "
		}
	case 'P':
		n, line := min(arg(0, 1), s.w-s.x), s.cells[s.y]
		copy(line[s.x:], line[s.x+n:])
		for i := s.w - n; i < s.w; i++ {
			line[i] = " "
		}
	case 'L', 'M':
		if s.y < s.top || s.y > s.bot {
			return
		}
		top := s.top
		s.top = s.y
		if cmd.Final() == 'L' {
			s.scrollDown(min(arg(0, 1), s.bot-s.y+1))
		} else {
			s.scrollUp(min(arg(0, 1), s.bot-s.y+1))
		}
		s.top, s.x = top, 0
	case 'S':
		s.scrollUp(min(arg(0, 1), s.bot-s.top+1))
	case 'T':
		s.scrollDown(min(arg(0, 1), s.bot-s.top+1))
	case 'r':
		top, bot := arg(0, 1)-1, arg(1, s.h)-1
		if bot <= 0 || bot >= s.h {
			bot = s.h - 1
		}
		if top < bot {
			s.top, s.bot = top, bot
		}
		s.x, s.y = 0, 0
	case 'b':
		for range arg(0, 1) {
			if s.last != "" {
				for _, r := range s.last {
					s.print(r)
				}
			}
		}
	case 's':
		s.sx, s.sy = s.x, s.y
	case 'u':
		s.x, s.y = s.sx, s.sy
	}
}

// erase blanks the cells from (y0, x0) to (y1, x1) in reading order.
func (s *Screen) erase(y0, x0, y1, x1 int) {
	for y := max(0, y0); y <= min(s.h-1, y1); y++ {
		from, to := 0, s.w-1
		if y == y0 {
			from = max(0, x0)
		}
		if y == y1 {
			to = min(s.w-1, x1)
		}
		for x := from; x <= to; x++ {
			s.cells[y][x] = " "
		}
	}
}

// clamp bounds v to [0, n).
func clamp(v, n int) int { return max(0, min(v, n-1)) }
