package source

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// DefaultSettle is how long a file must stay quiet after its last change
// before Watch reports it, so that a file still being written is read once,
// whole.
const DefaultSettle = 300 * time.Millisecond

// Watch reports files that appear or change under the given folders,
// recursively (hidden files and folders skipped, new sub-folders watched
// as they appear). Each path is reported once its writes have settled for
// settle (DefaultSettle when 0), with bursts of changes folded into one.
// Errors from the watcher arrive on the second channel. Both channels close
// when ctx is done.
func Watch(ctx context.Context, folders []string, settle time.Duration) (<-chan string, <-chan error, error) {
	if settle <= 0 {
		settle = DefaultSettle
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, nil, err
	}
	for _, f := range folders {
		if err := addTree(w, f); err != nil {
			w.Close()
			return nil, nil, &Error{f, describe(err)}
		}
	}
	out := make(chan string, 64)
	errs := make(chan error, 8)
	go func() {
		defer close(errs)
		defer close(out)
		defer w.Close()
		pending := map[string]time.Time{}
		tick := time.NewTicker(settle / 3)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case ev, ok := <-w.Events:
				if !ok {
					return
				}
				if hidden(ev.Name) {
					continue
				}
				if ev.Has(fsnotify.Create) {
					if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
						_ = addTree(w, ev.Name)
						// Files written before the watch was added are
						// picked up by walking the new folder.
						if files, err := Walk(ev.Name); err == nil {
							for _, f := range files {
								pending[f] = time.Now()
							}
						}
						continue
					}
				}
				if ev.Has(fsnotify.Create) || ev.Has(fsnotify.Write) || ev.Has(fsnotify.Rename) || ev.Has(fsnotify.Chmod) {
					pending[ev.Name] = time.Now()
				}
			case err, ok := <-w.Errors:
				if !ok {
					return
				}
				select {
				case errs <- err:
				default:
				}
			case now := <-tick.C:
				for p, t := range pending {
					if now.Sub(t) < settle {
						continue
					}
					delete(pending, p)
					if info, err := os.Stat(p); err != nil || !info.Mode().IsRegular() {
						continue
					}
					select {
					case out <- p:
					case <-ctx.Done():
						return
					}
				}
			}
		}
	}()
	return out, errs, nil
}

// addTree watches root and every non-hidden folder below it.
func addTree(w *fsnotify.Watcher, root string) error {
	info, err := os.Stat(root)
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return errors.New("not a folder")
	}
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == root {
				return err
			}
			return nil
		}
		if !d.IsDir() {
			return nil
		}
		if path != root && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		return w.Add(path)
	})
}

// hidden reports whether the base name of path starts with a dot (editor
// swap files, hidden folders).
func hidden(path string) bool { return strings.HasPrefix(filepath.Base(path), ".") }
