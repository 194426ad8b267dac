package source

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// next waits for the next reported path, failing after a generous
// deadline (the deadline only bounds a hang; nothing asserts timing).
func next(t *testing.T, ch <-chan string) string {
	t.Helper()
	select {
	case p, ok := <-ch:
		require.True(t, ok, "watch channel closed")
		return p
	case <-time.After(10 * time.Second):
		t.Fatal("no change reported")
		return ""
	}
}

func TestWatchReportsNewAndChangedFiles(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ch, _, err := Watch(ctx, []string{dir}, 50*time.Millisecond)
	require.NoError(t, err)

	a := filepath.Join(dir, "a.txt")
	require.NoError(t, os.WriteFile(a, []byte("Title\n\nBody one."), 0o644))
	require.Equal(t, a, next(t, ch))

	require.NoError(t, os.WriteFile(filepath.Join(dir, ".hidden.swp"), []byte("x"), 0o644))
	sub := filepath.Join(dir, "today")
	require.NoError(t, os.Mkdir(sub, 0o755))
	b := filepath.Join(sub, "b.txt")
	require.NoError(t, os.WriteFile(b, []byte("Title\n\nBody two."), 0o644))
	require.Equal(t, b, next(t, ch), "new sub-folders are watched; hidden files are not reported")

	require.NoError(t, os.WriteFile(a, []byte("Title\n\nBody one, revised."), 0o644))
	require.Equal(t, a, next(t, ch))

	cancel()
	for range ch {
	}
}

func TestWatchMissingFolder(t *testing.T) {
	_, _, err := Watch(context.Background(), []string{filepath.Join(t.TempDir(), "nope")}, 0)
	require.Error(t, err)
	require.Contains(t, err.Error(), "nope")
}
