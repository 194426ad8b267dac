package source

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFolderWalkListsAsWalk: step by step, folderWalk lists what walk
// lists, in the same order, reading one directory per step.
func TestFolderWalkListsAsWalk(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a.txt": "a", "b/c.txt": "c", "b/d/e.md": "e", "b/d/f.png": "f", "b/g.TXT": "g",
		"b/.hidden.txt": "h", ".hid/x.txt": "x", "c.JPG": "j", "d/e/f/deep.txt": "d",
		"d/z.txt": "z", "e/": "", "f.html": "<p>f</p>",
	})
	require.NoError(t, os.Remove(filepath.Join(dir, "e")))
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "e", "empty"), 0o755))
	require.NoError(t, os.Symlink(filepath.Join(dir, "a.txt"), filepath.Join(dir, "link.txt")))
	require.NoError(t, os.Symlink(filepath.Join(dir, "b"), filepath.Join(dir, "linkdir")))
	require.NoError(t, os.Symlink(filepath.Join(dir, "nowhere"), filepath.Join(dir, "broken.txt")))

	var want []string
	require.NoError(t, walk(context.Background(), dir, func(p string) { want = append(want, p) },
		func(p string, err error) { want = append(want, "error "+p) }))
	require.NotEmpty(t, want)

	w := &folderWalk{root: dir}
	var got []string
	steps := 0
	for done := false; !done; steps++ {
		var ts []task
		ts, done = w.step(context.Background(), nil)
		for _, tk := range ts {
			if tk.err != nil {
				got = append(got, "error "+tk.origin)
			} else {
				got = append(got, tk.origin)
			}
		}
		require.Less(t, steps, 100)
	}
	assert.Equal(t, want, got)
	assert.Equal(t, 8, steps, "one step per directory read (the root, b, b/d, d, d/e, d/e/f, e, e/empty)")
}

// TestFolderWalkOfAFile: a root that is a file is listed as itself, and
// a root that cannot be read is one error.
func TestFolderWalkOfAFile(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": "a"})
	ts, done := (&folderWalk{root: filepath.Join(dir, "a.txt")}).step(context.Background(), nil)
	assert.True(t, done)
	assert.Equal(t, []task{{origin: filepath.Join(dir, "a.txt")}}, ts)
	missing := filepath.Join(dir, "missing")
	ts, done = (&folderWalk{root: missing}).step(context.Background(), nil)
	assert.True(t, done)
	require.Len(t, ts, 1)
	assert.Equal(t, missing, ts[0].origin)
	assert.Error(t, ts[0].err)
}
