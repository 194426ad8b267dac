package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/brief-reader/brief/cmd/brief/server/sshtest"
)

// TestServeClosedSessionStopsRendering opens an article built to make
// the body renderer run for minutes (100 nested block quotes, then a
// long body) over SSH, disconnects, and checks that no render is left
// running on the server (issue 12, item 1).
func TestServeClosedSessionStopsRendering(t *testing.T) {
	dir := t.TempDir()
	md := "# Deep quotes\n\n" + strings.Repeat("> ", 100) + "deep\n\n" +
		strings.Repeat("A paragraph of an ordinary article, long enough to wrap.\n\n", 20000)
	path := filepath.Join(dir, "deep.md")
	if err := os.WriteFile(path, []byte(md), 0o600); err != nil {
		t.Fatal(err)
	}
	addr, key, _ := startServeLibrary(t, []string{path}, nil)
	c, err := sshtest.Open(addr, key, sshtest.Options{Width: 100, Height: 30, Background: "rgb:1010/1010/1010"})
	if err != nil {
		t.Fatal(err)
	}
	if scr, err := c.WaitText(serveWait, "Deep quotes"); err != nil {
		t.Fatalf("library: %v\n%s", err, scr)
	}
	if err := c.Send("\r"); err != nil {
		t.Fatal(err)
	}
	// Wait until glamour is at work on the body. The reader draws the
	// plain text first ("│ deep" shows before any render starts), so the
	// screen cannot tell; closing then would leave nothing to stop, and
	// the test would pass with no bound on the render at all.
	for deadline := time.Now().Add(serveWait); renders() == 0; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("no body render started after enter:\n%s", c.Screen())
		}
	}
	c.Close()
	deadline := time.Now().Add(30 * time.Second)
	for {
		n := renders()
		if n == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d body renders still running 30 s after the session closed", n)
		}
		time.Sleep(50 * time.Millisecond) // polling the goroutines, not asserting time
	}
}

// renders counts the goroutines rendering an article body: in a deep
// render the trace keeps only the innermost frames, glamour's.
func renders() int {
	buf := make([]byte, 1<<22)
	buf = buf[:runtime.Stack(buf, true)]
	n := 0
	for _, g := range strings.Split(string(buf), "\n\n") {
		if strings.Contains(g, "tui.renderBodyCmd") || strings.Contains(g, "charm.land/glamour") {
			n++
		}
	}
	return n
}
