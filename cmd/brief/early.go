package main

import (
	"os"
	"strconv"
	"strings"
	"sync"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/term"
)

// earlyScreen is the reader's terminal output. bubbletea writes through
// it, and draws only on its frame clock: its first frame comes a frame
// period (8 ms at 120 frames a second) after the program starts, later
// than the first load of a local file is ready. Until bubbletea's first
// write, earlyScreen draws the reader's frames itself, as they are made
// (tui.Options.Early); bubbletea's first frame then draws the screen
// whole again, from the same model.
type earlyScreen struct {
	*os.File // Fd and the rest, for bubbletea's terminal handling

	profile colorprofile.Profile
	mu      sync.Mutex
	taken   bool // bubbletea has written: it owns the screen
	drawn   bool // a frame was drawn early
	// out is closed once the first frame is out, early or bubbletea's:
	// work that the first frame does not need waits for it.
	out     chan struct{}
	outOnce sync.Once
}

// newEarlyScreen returns the output for bubbletea over f, and whether
// frames may be drawn early: only on a terminal.
func newEarlyScreen(f *os.File) (*earlyScreen, bool) {
	s := &earlyScreen{File: f, out: make(chan struct{})}
	if !term.IsTerminal(f.Fd()) {
		s.taken = true
		return s, false
	}
	s.profile = colorprofile.Detect(f, os.Environ())
	return s, true
}

// Write is bubbletea's output: its first write ends early drawing. A
// frame being drawn early is finished first (Draw holds the lock).
func (s *earlyScreen) Write(p []byte) (int, error) {
	s.take()
	return s.File.Write(p)
}

// WriteString is Write for io.WriteString.
func (s *earlyScreen) WriteString(str string) (int, error) {
	s.take()
	return s.File.WriteString(str)
}

func (s *earlyScreen) take() {
	s.mu.Lock()
	s.taken = true
	s.mu.Unlock()
	s.frameOut()
}

// frameOut notes that the first frame is out.
func (s *earlyScreen) frameOut() { s.outOnce.Do(func() { close(s.out) }) }

// FirstFrame is closed once the first frame is out.
func (s *earlyScreen) FirstFrame() <-chan struct{} { return s.out }

// Draw draws a frame's content at once, on the alternate screen, as
// bubbletea would (colors brought down to what the terminal shows), and
// reports whether more are wanted: false once bubbletea draws itself.
// Each line is placed on its row, so one the terminal measures wider
// than the frame does cannot push the others down.
func (s *earlyScreen) Draw(content string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.taken {
		return false
	}
	var b strings.Builder
	b.Grow(len(content) + 1024)
	if !s.drawn {
		b.WriteString("\x1b[?1049h\x1b[?25l") // alternate screen (blank), no cursor
	}
	b.WriteString("\x1b[?2026h") // synchronized output, where the terminal has it
	if s.drawn {
		b.WriteString("\x1b[m\x1b[2J")
	}
	for i, line := range strings.Split(content, "\n") {
		b.WriteString("\x1b[")
		b.WriteString(strconv.Itoa(i + 1))
		b.WriteString(";1H")
		b.WriteString(line)
		b.WriteString("\x1b[m")
	}
	b.WriteString("\x1b[?2026l")
	w := colorprofile.Writer{Forward: s.File, Profile: s.profile}
	if _, err := w.WriteString(b.String()); err != nil {
		s.taken = true // leave the terminal to bubbletea
		return false
	}
	s.drawn = true
	s.frameOut()
	return true
}

// Done leaves the alternate screen when a frame was drawn early and
// bubbletea never drew (the program ended within its first frame
// period); bubbletea leaves it itself otherwise. (Close is the file's:
// bubbletea takes the output for a terminal only if it has one.)
func (s *earlyScreen) Done() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.drawn && !s.taken {
		_, _ = s.File.WriteString("\x1b[?25h\x1b[?1049l")
	}
	s.taken = true
	s.frameOut()
}
