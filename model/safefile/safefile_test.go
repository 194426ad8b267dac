//go:build unix

package safefile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestFIFORefused: a named pipe with no writer is refused at once, not
// waited on.
func TestFIFORefused(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := ReadFile(fifo, 0)
		done <- err
	}()
	err := <-done // before the fix this never returned
	if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), "named pipe") {
		t.Errorf("ReadFile(fifo) = %v, want a named-pipe refusal", err)
	}
	if err := Check(fifo); !errors.Is(err, ErrNotRegular) {
		t.Errorf("Check(fifo) = %v", err)
	}
	if err := Check(dir); !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), "folder") {
		t.Errorf("Check(dir) = %v", err)
	}
	if err := Check(filepath.Join(dir, "missing")); err != nil {
		t.Errorf("Check(missing) = %v", err)
	}
}

func TestReadFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(p, []byte("hello"), 0o600); err != nil {
		t.Fatal(err)
	}
	if got, err := ReadFile(p, 0); err != nil || string(got) != "hello" {
		t.Errorf("ReadFile = %q, %v", got, err)
	}
	if _, err := ReadFile(p, 4); err == nil {
		t.Error("a file over the limit was read")
	}
	if _, err := ReadFile("/dev/null", 0); !errors.Is(err, ErrNotRegular) {
		t.Errorf("ReadFile(/dev/null) = %v", err)
	}
}
