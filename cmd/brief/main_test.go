package main

import (
	"fmt"
	"os"
	"testing"

	"github.com/adrg/xdg"
)

// TestMain gives the package's tests their own configuration, state and
// data folders, so that no test reads or writes the user's real state
// database or config (an in-process command opens the default state file).
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "brief-cmd-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for _, v := range []string{"XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"} {
		os.Setenv(v, dir+"/"+v)
	}
	xdg.Reload()
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
