package store

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// clock is a fake clock for tests: every call returns a time one second
// after the previous one.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

// now returns the next tick.
func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Second)
	return c.t
}

// newClock returns a clock starting at a fixed date.
func newClock() *clock {
	return &clock{t: time.Date(2025, 3, 14, 9, 0, 0, 0, time.UTC)}
}

// openTemp opens a store on a fresh file in t's temp dir, closed at cleanup.
func openTemp(t testing.TB, opts ...Option) *Store {
	t.Helper()
	return openAt(t, filepath.Join(t.TempDir(), "state.db"), opts...)
}

// openAt opens a store at path with a fake clock, closed at cleanup.
func openAt(t testing.TB, path string, opts ...Option) *Store {
	t.Helper()
	opts = append([]Option{WithClock(newClock().now)}, opts...)
	s, err := Open(path, opts...)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

// noErr fails the test on err.
func noErr(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// bg is the context tests use.
var bg = context.Background()
