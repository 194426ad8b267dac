package source

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// folderWalk lists the files under a folder as walk does, in the same
// order and with the same entries skipped and errors reported, but one
// directory at a time: Ordered's workers start on the first files while
// the rest of the tree is still unread.
type folderWalk struct {
	root    string
	started bool
	pending string      // a directory to read at the next step
	stack   []walkLevel // the directories being listed, innermost last
}

// walkLevel is a directory being listed: the entries not yet visited.
type walkLevel struct {
	dir     string
	entries []fs.DirEntry
}

// step appends to out the tasks up to the next directory that has to be
// read, reading at most one, and tells whether the walk is over. A task
// with err set is an entry that could not be read; a failure to read the
// folder itself ends the walk with it. When ctx is done the walk ends.
func (w *folderWalk) step(ctx context.Context, out []task) ([]task, bool) {
	if ctx.Err() != nil {
		return out, true
	}
	if !w.started {
		w.started = true
		info, err := os.Lstat(w.root)
		if err != nil {
			return append(out, task{origin: w.root, err: describe(err)}), true
		}
		if !info.IsDir() {
			if info.Mode().IsRegular() {
				out = append(out, task{origin: w.root})
			}
			return out, true
		}
		w.pending = w.root
	}
	if w.pending != "" {
		dir := w.pending
		w.pending = ""
		entries, err := os.ReadDir(dir)
		if err != nil {
			if dir == w.root {
				return append(out, task{origin: dir, err: describe(err)}), true
			}
			out = append(out, task{origin: dir, err: describe(err)})
		}
		w.stack = append(w.stack, walkLevel{dir: dir, entries: entries})
	}
	for len(w.stack) > 0 {
		top := &w.stack[len(w.stack)-1]
		if len(top.entries) == 0 {
			w.stack = w.stack[:len(w.stack)-1]
			continue
		}
		e := top.entries[0]
		top.entries = top.entries[1:]
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		path := filepath.Join(top.dir, e.Name())
		if e.Type().IsRegular() && !skipExt[strings.ToLower(filepath.Ext(path))] {
			out = append(out, task{origin: path})
		}
		if e.IsDir() {
			w.pending = path
			return out, false
		}
	}
	return out, true
}
