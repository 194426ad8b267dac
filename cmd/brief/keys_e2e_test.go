package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"
)

// TestBadKeyBindingsStopBinary runs the built binary on a terminal with
// key bindings that conflict within one screen or name no key: it must
// refuse to start, naming the file, the line and the binding, rather
// than start with q starring and quitting, or j quitting.
func TestBadKeyBindingsStopBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := binary(t)
	for name, tc := range map[string]struct {
		keys string
		want []string
	}{
		"star on quit":   {"star = [\"q\"]\n", []string{"config.toml:3", "keys.star", `"q"`, `"quit"`}},
		"quit on down":   {"down = [\"j\"]\nquit = [\"j\"]\n", []string{"config.toml:4", "keys.quit", `"j"`, `"down" (line 3)`}},
		"not a key name": {"star = [\"notakey+combo+x\"]\n", []string{"config.toml:3", "keys.star", "notakey+combo+x", "not a modifier"}},
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			conf := filepath.Join(dir, "config.toml")
			if err := os.WriteFile(conf, []byte("theme = \"dark\"\n[keys]\n"+tc.keys), 0o600); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(bin, "--config", conf, "--state", filepath.Join(dir, "state.db"))
			cmd.Env = append(os.Environ(), "XDG_STATE_HOME="+dir, "XDG_CONFIG_HOME="+dir)
			tty, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 24, Cols: 80})
			if err != nil {
				t.Fatal(err)
			}
			defer tty.Close()
			var out bytes.Buffer
			read := make(chan struct{})
			go func() { io.Copy(&out, tty); close(read) }()
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case err = <-done:
			case <-time.After(20 * time.Second):
				cmd.Process.Kill()
				<-done
				t.Fatalf("brief started with %q instead of refusing it", tc.keys)
			}
			select {
			case <-read:
			case <-time.After(2 * time.Second):
			}
			if err == nil {
				t.Errorf("brief exited 0 with %q", tc.keys)
			}
			got := out.String()
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("output lacks %q:\n%s", w, got)
				}
			}
			if strings.Contains(got, "brief · library") {
				t.Errorf("the reader was drawn:\n%s", got)
			}
		})
	}
}
