package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/adrg/xdg"
)

// The brief binary the tests that run it build once (binary_test.go).
var (
	buildOnce sync.Once
	buildPath string
	buildErr  error
	buildOut  []byte
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
	if buildPath != "" {
		os.RemoveAll(filepath.Dir(buildPath)) // the binary the tests built
	}
	os.Exit(code)
}
