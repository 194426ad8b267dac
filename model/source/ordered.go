package source

import (
	"context"
	"errors"
	"os"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/brief-reader/brief/model"
)

// windowPerWorker is how many sources per worker Ordered may hold loaded
// but not yet handed on.
const windowPerWorker = 32

// holdBytes is how much article text Ordered may hold loaded but not yet
// handed on before it starts no new source.
const holdBytes = 64 << 20

// textBytes is the size of arts' text: their paragraphs and Markdown.
func textBytes(arts []model.Article) int64 {
	var n int64
	for _, a := range arts {
		n += int64(len(a.Markdown))
		for _, p := range a.Paragraphs {
			n += int64(len(p))
		}
	}
	return n
}

// Result is what Ordered made of one source.
type Result[T any] struct {
	// Origin is the source: a file, URL, "-", or a folder's file.
	Origin string
	// Articles are the articles it yielded (for an OPML list, those of
	// the feeds it lists).
	Articles []model.Article
	// Errs are its failures: its own, or those of feeds an OPML list
	// names.
	Errs []error
	// Value is what the work function made of Articles.
	Value T
}

// Ordered loads origins on a pool of workers (opts.Workers; 0 means
// GOMAXPROCS), runs work on each source's articles on the worker that
// loaded it, and calls each with every source's result in input order:
// the origins in the order given, a folder's files in lexical order, the
// feeds of an OPML list in its order after the list. So loading and work
// use every core while the output reads as a sequential run's would.
// Memory stays bounded: at most windowPerWorker sources per worker are
// loaded but not yet handed to each, and no new source starts loading
// while those held come to more than holdBytes of text. The window is
// wide because sources differ: one article can take 25 times the median's
// analysis, and a narrow window would leave the other workers idle behind
// it. Ordered stops at the first error each returns, and returns it;
// cancelling ctx stops it too.
func Ordered[T any](parent context.Context, origins []string, opts Options, work func([]model.Article) T, each func(Result[T]) error) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	l := &loader{fetcher: opts.Fetcher, stdin: opts.Stdin}
	if l.fetcher == nil {
		l.fetcher = &Fetcher{}
	}
	type task struct {
		seq    int
		origin string
		err    error // a walk error: nothing to load
	}
	type done struct {
		seq  int
		size int64 // textBytes of the articles
		Result[T]
	}
	window := windowPerWorker * workers
	slots := make(chan struct{}, window) // one per source loaded but not yet handed on
	tasks := make(chan task, workers)
	results := make(chan done, window)
	budget := opts.holdBytes
	if budget <= 0 {
		budget = holdBytes
	}
	var held atomic.Int64             // text bytes of the sources loaded but not yet handed on
	drained := make(chan struct{}, 1) // a source was handed on: held went down
	go func() {
		defer close(tasks)
		seq := 0
		submit := func(t task) bool {
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				return false
			}
			for held.Load() > budget {
				select {
				case <-drained:
				case <-ctx.Done():
					return false
				}
			}
			t.seq = seq
			seq++
			select {
			case tasks <- t:
				return true
			case <-ctx.Done():
				return false
			}
		}
		for _, o := range origins {
			if o != "-" && !isURL(o) {
				if info, err := os.Stat(o); err == nil && info.IsDir() {
					var files []task
					err := walk(ctx, o, func(path string) { files = append(files, task{origin: path}) },
						func(path string, err error) { files = append(files, task{origin: path, err: err}) })
					if err != nil && !errors.Is(err, context.Canceled) {
						files = append(files, task{origin: o, err: describe(err)})
					}
					for _, f := range files {
						if !submit(f) {
							return
						}
					}
					continue
				}
			}
			if !submit(task{origin: o}) {
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for t := range tasks {
				r := done{seq: t.seq, Result: Result[T]{Origin: t.origin}}
				if t.err != nil {
					r.Errs = []error{&Error{t.origin, t.err}}
				} else {
					arts, feeds, err := l.one(ctx, t.origin)
					if err != nil {
						r.Errs = append(r.Errs, err)
					}
					for _, f := range feeds {
						got, err := l.listed(ctx, f)
						if err != nil {
							r.Errs = append(r.Errs, err)
						}
						arts = append(arts, got...)
					}
					r.Articles = arts
					r.size = textBytes(arts)
					held.Add(r.size)
					if len(arts) > 0 && work != nil {
						r.Value = work(arts)
					}
				}
				select {
				case results <- r:
				case <-ctx.Done():
				}
			}
		})
	}
	go func() {
		wg.Wait()
		close(results)
	}()
	pending := map[int]done{}
	next := 0
	var err error
	for r := range results {
		if err != nil {
			continue // drain, so the workers end
		}
		pending[r.seq] = r
		for {
			res, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			<-slots
			held.Add(-res.size)
			select {
			case drained <- struct{}{}:
			default:
			}
			if err = each(res.Result); err != nil {
				cancel()
				break
			}
		}
	}
	if err != nil {
		return err
	}
	return parent.Err()
}
