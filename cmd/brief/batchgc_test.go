package main

import (
	"context"
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
