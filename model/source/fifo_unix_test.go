//go:build unix

package source

import (
	"context"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestStreamRefusesFIFO: a named pipe among the sources (as the reader
// streams them) is refused at once, and the other sources still load.
func TestStreamRefusesFIFO(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.txt")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	writeFiles(t, dir, map[string]string{"ok.txt": "Headline\n\nBody."})
	arts, errs, _, _ := collect(t, Stream(context.Background(), []string{fifo, filepath.Join(dir, "ok.txt")}, Options{}))
	if !strings.Contains(errs[fifo], "named pipe") {
		t.Errorf("error for the FIFO = %q", errs[fifo])
	}
	if arts[filepath.Join(dir, "ok.txt")] != 1 {
		t.Errorf("the other source did not load: %v", arts)
	}
}
