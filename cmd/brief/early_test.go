//go:build unix

package main

import (
	"bytes"
	"io"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
)

// ptyScreen opens a pseudo-terminal and returns an earlyScreen on its
// terminal end and a function returning what reached the other end.
func ptyScreen(t *testing.T) (*earlyScreen, func() string) {
	t.Helper()
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skip("no pseudo-terminal:", err)
	}
	t.Cleanup(func() { ptmx.Close(); tty.Close() })
	var mu sync.Mutex
	var got bytes.Buffer
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := ptmx.Read(buf)
			mu.Lock()
			got.Write(buf[:n])
			mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	s, ok := newEarlyScreen(tty)
	if !ok {
		t.Fatal("a pseudo-terminal was not taken for a terminal")
	}
	return s, func() string {
		time.Sleep(50 * time.Millisecond) // for the reader to catch up
		mu.Lock()
		defer mu.Unlock()
		return got.String()
	}
}

// TestEarlyScreenDrawsUntilBubbleteaWrites: frames are drawn on the
// alternate screen, line by line, until bubbletea's first write; after
// it nothing more is drawn, and the first frame counts as out.
func TestEarlyScreenDrawsUntilBubbleteaWrites(t *testing.T) {
	s, output := ptyScreen(t)
	select {
	case <-s.FirstFrame():
		t.Fatal("first frame out before any was drawn")
	default:
	}
	if !s.Draw("Harbour lights\nstay on") {
		t.Fatal("Draw declined before bubbletea wrote")
	}
	select {
	case <-s.FirstFrame():
	default:
		t.Fatal("first frame not out after an early draw")
	}
	out := output()
	for _, want := range []string{"\x1b[?1049h", "\x1b[1;1HHarbour lights", "\x1b[2;1Hstay on", "\x1b[?2026l"} {
		if !strings.Contains(out, want) {
			t.Errorf("early frame lacks %q: %q", want, out)
		}
	}
	if _, err := io.WriteString(s, "bubbletea's frame"); err != nil {
		t.Fatal(err)
	}
	if s.Draw("a late frame") {
		t.Error("Draw went on after bubbletea wrote")
	}
	s.Done()
	out = output()
	if strings.Contains(out, "a late frame") {
		t.Errorf("a frame was drawn over bubbletea's: %q", out)
	}
	if strings.Contains(out, "\x1b[?1049l") {
		t.Errorf("the alternate screen was left under bubbletea: %q", out)
	}
}

// TestEarlyScreenLeavesAlternateScreen: a program that ends before
// bubbletea drew leaves the alternate screen it drew on.
func TestEarlyScreenLeavesAlternateScreen(t *testing.T) {
	s, output := ptyScreen(t)
	s.Draw("a frame")
	s.Done()
	if out := output(); !strings.HasSuffix(out, "\x1b[?25h\x1b[?1049l") {
		t.Errorf("the alternate screen was not left: %q", out)
	}
}

// TestEarlyScreenNotATerminal: output that is not a terminal gets no
// early frames, and the first frame is out with bubbletea's first write.
func TestEarlyScreenNotATerminal(t *testing.T) {
	f, err := os.Create(t.TempDir() + "/out")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, ok := newEarlyScreen(f)
	if ok || s.Draw("a frame") {
		t.Error("early frames drawn on a file")
	}
	io.WriteString(s, "x")
	select {
	case <-s.FirstFrame():
	case <-time.After(time.Second):
		t.Error("first frame not out after bubbletea's write")
	}
}
