package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBadConfigStopsTUI: a config error names the file, line and key,
// and brief does not start (exits non-zero) without
// --defaults-on-bad-config.
func TestBadConfigStopsTUI(t *testing.T) {
	for name, tc := range map[string]struct {
		toml string
		want []string
	}{
		"unknown binding": {"theme = \"dark\"\n\n[keys]\nquit = [\"q\"]\nstra = [\"*\"]\n", []string{":5", "keys.stra", `unknown key binding "stra"`}},
		"empty keys":      {"[keys]\nstar = []\n", []string{":2", "keys.star", "no key given"}},
		"bad value":       {"theme = 3\n", []string{"config.toml", "theme"}},
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "config.toml")
			if err := os.WriteFile(path, []byte(tc.toml), 0o600); err != nil {
				t.Fatal(err)
			}
			cmd := newRootCmd()
			cmd.SetArgs([]string{"--config", path, "--state", filepath.Join(dir, "state.db")})
			err := cmd.Execute()
			if err == nil {
				t.Fatal("brief started with a bad config")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
			if !strings.Contains(err.Error(), "--defaults-on-bad-config") {
				t.Errorf("error %q does not name the way out", err)
			}
		})
	}
}
