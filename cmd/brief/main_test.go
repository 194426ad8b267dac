package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"github.com/adrg/xdg"

	"github.com/brief-reader/brief/cmd/brief/internal/startgc"
)

// The brief binary the tests that run it build once (binary).
var (
	buildOnce sync.Once
	buildPath string
	buildErr  error
	buildOut  []byte
	// userEnv is the environment the tests started with, before TestMain
	// moved the XDG folders: the go command that builds the binary keeps
	// the user's build cache (GOCACHE defaults to $XDG_CACHE_HOME/go-build)
	// and go env file ($XDG_CONFIG_HOME/go/env). Under the moved folders
	// every run compiled brief and all its dependencies from nothing:
	// 164-280 s on a busy 2-core machine.
	userEnv []string
)

// binary builds brief once per test run and returns its path.
func binary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "brief-bin-")
		if err != nil {
			buildErr = err
			return
		}
		buildPath = filepath.Join(dir, "brief")
		cmd := exec.Command("go", "build", "-o", buildPath, ".")
		cmd.Env = userEnv
		buildOut, buildErr = cmd.CombinedOutput()
	})
	if buildErr != nil {
		t.Fatalf("building brief: %v\n%s", buildErr, buildOut)
	}
	return buildPath
}

// TestMain gives the package's tests their own configuration, state and
// data folders, so that no test reads or writes the user's real state
// database or config (an in-process command opens the default state file).
func TestMain(m *testing.M) {
	startgc.Restore() // as the commands do; a test may not run one
	userEnv = os.Environ()
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
