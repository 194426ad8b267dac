// Package testkit holds what the project's tests and benchmarks share:
// locating the shared test corpus (real articles written by others, kept
// beside the repository in ../shared/corpus; no corpus text is ever copied
// into the project) and measuring the CPU time a benchmark used.
package testkit

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// Corpus returns the corpus folder: $BRIEF_CORPUS when set (the test fails if
// that folder is missing, so CI can never skip the corpus tests by
// accident), else ../shared/corpus beside the repository root. When neither
// exists the test is skipped with a message saying how to provide it.
func Corpus(tb testing.TB) string {
	tb.Helper()
	if dir := os.Getenv("BRIEF_CORPUS"); dir != "" {
		if _, err := os.Stat(filepath.Join(dir, "labels")); err != nil {
			tb.Fatalf("BRIEF_CORPUS=%s is not the corpus folder: %v", dir, err)
		}
		return dir
	}
	if root := repoRoot(); root != "" {
		dir := filepath.Join(filepath.Dir(root), "shared", "corpus")
		if _, err := os.Stat(filepath.Join(dir, "labels")); err == nil {
			return dir
		}
	}
	tb.Skip("corpus not found: set BRIEF_CORPUS to the corpus folder, or place ../shared/corpus beside the repository")
	return ""
}

// repoRoot walks up from the working directory to the folder holding
// go.mod; "" when there is none.
func repoRoot() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// CPUTime returns the user and system CPU time the process has used so
// far: on a shared machine it varies less than wall time, so benchmarks
// report figures per CPU second beside their wall-clock ones.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
