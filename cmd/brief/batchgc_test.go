package main

import (
	"context"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// gcSettings reads the collector's percent and memory limit.
func gcSettings() (int, int64) {
	p := debug.SetGCPercent(-1)
	debug.SetGCPercent(p)
	return p, debug.SetMemoryLimit(-1)
}

func TestBatchGCSetsAndRestores(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	p0, l0 := gcSettings()
	restore := batchGC(context.Background())
	p, l := gcSettings()
	assert.Equal(t, batchGOGC, p)
	assert.Equal(t, int64(batchLimit), l)
	restore()
	p, l = gcSettings()
	assert.Equal(t, p0, p)
	assert.Equal(t, l0, l)
}

func TestBatchGCLeavesTheEnvironmentsSettings(t *testing.T) {
	t.Setenv("GOGC", "150")
	p0, l0 := gcSettings()
	restore := batchGC(context.Background())
	p, l := gcSettings()
	restore()
	assert.Equal(t, p0, p)
	assert.Equal(t, l0, l)
}

// TestBatchGCGivesWayToALargeHeap: once more than batchLive is alive,
// the defaults are back while the command still runs.
func TestBatchGCGivesWayToALargeHeap(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	p0, l0 := gcSettings()
	restore := batchGC(context.Background())
	defer restore()
	keep := make([][]byte, 0, 64)
	for range 64 {
		keep = append(keep, make([]byte, 1<<20))
	}
	runtime.GC() // the live heap is measured by a collection
	require.Eventually(t, func() bool {
		p, l := gcSettings()
		return p == p0 && l == l0
	}, 5*time.Second, 10*time.Millisecond)
	runtime.KeepAlive(keep)
}

// TestCommandsGiveTheCollectorBack: the collector is off from the start
// (startgc); a command given the process must turn it back on.
func TestCommandsGiveTheCollectorBack(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	p0, _ := gcSettings()
	for _, args := range [][]string{{"extract", "-"}, {"quotes", "-"}} {
		debug.SetGCPercent(-1)
		_, stderr, err := run(t, story, args...)
		require.NoError(t, err, stderr)
		p, _ := gcSettings()
		assert.Equal(t, p0, p, "brief %v", args)
	}
	debug.SetGCPercent(p0)
}

// TestBinaryDoesNotCollectWhileStarting: no collection runs while the
// packages initialise (startgc), and none is needed to print the
// version.
func TestBinaryDoesNotCollectWhileStarting(t *testing.T) {
	bin := binary(t)
	cmd := exec.Command(bin, "--version")
	cmd.Env = append(os.Environ(), "GODEBUG=gctrace=1", "GOGC=")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	assert.Contains(t, string(out), "brief version")
	assert.NotRegexp(t, `(?m)^gc \d+ @`, string(out))
}
