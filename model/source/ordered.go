package source

import (
	"context"
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
// each is called by one worker at a time, whichever finished the source
// next in order (the calling goroutine is one of the workers), so no
// goroutine waits to be scheduled between a source and the next.
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
	budget := opts.holdBytes
	if budget <= 0 {
		budget = holdBytes
	}
	window := windowPerWorker * workers
	o := &ordered[T]{
		ctx: ctx, cancel: cancel,
		l:       &loader{fetcher: opts.Fetcher, stdin: opts.Stdin},
		work:    work,
		each:    each,
		origins: origins,
		window:  window,
		budget:  budget,
		ring:    make([]slot[T], window),
	}
	if o.l.fetcher == nil {
		o.l.fetcher = &Fetcher{}
	}
	o.wake = sync.NewCond(&o.mu)
	stop := context.AfterFunc(ctx, func() {
		o.mu.Lock()
		o.wake.Broadcast()
		o.mu.Unlock()
	})
	defer stop()
	var wg sync.WaitGroup
	for range workers - 1 {
		wg.Go(o.run)
	}
	o.run()
	wg.Wait()
	if o.err != nil {
		return o.err
	}
	return parent.Err()
}

// task is one source for Ordered to load.
type task struct {
	seq    int
	origin string
	err    error // a walk error: nothing to load
}

// slot holds a source's result from when it is done until it is handed
// on.
type slot[T any] struct {
	full bool
	size int64 // textBytes of the articles
	Result[T]
}

// ordered is the state of one Ordered run that its workers share.
type ordered[T any] struct {
	ctx    context.Context
	cancel context.CancelFunc
	l      *loader
	work   func([]model.Article) T
	each   func(Result[T]) error
	window int
	budget int64
	held   atomic.Int64 // text bytes of the sources loaded but not yet handed on

	mu   sync.Mutex
	wake *sync.Cond // the window moved, a directory was read, or the run stopped
	// The sources not yet taken: those listed in queue, then the rest
	// of the folder being walked, then origins.
	origins []string
	queue   []task
	folder  *folderWalk
	walking bool      // a worker is reading a directory: the next tasks come from it
	seq     int       // number of the next task taken
	next    int       // number of the next result to hand on
	ring    []slot[T] // results done but not handed on, at seq % window
	writing bool      // a worker is handing results on
	err     error     // what each returned
}

// run is a worker: it takes sources in order, loads them, works on them,
// and hands on every result that is next in order. It yields after each
// source: a worker that never blocks would otherwise keep the collector's
// background marking off its core until the scheduler preempts it (10
// ms), and on one core a mark phase took 10-20 ms instead of 2, the heap
// grew to 33 MB instead of 17 and extract cost about 4% more CPU.
func (o *ordered[T]) run() {
	for {
		t, ok := o.take()
		if !ok {
			return
		}
		o.put(o.load(t))
		runtime.Gosched()
	}
}

// stopped tells whether the run has ended early; o.mu is held.
func (o *ordered[T]) stopped() bool {
	return o.err != nil || o.ctx.Err() != nil
}

// take waits until the bounds let a new source start, and returns the
// next one; false when there are none left or the run stopped.
func (o *ordered[T]) take() (task, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	for {
		if o.stopped() {
			return task{}, false
		}
		if !o.walking && o.seq-o.next < o.window && o.held.Load() <= o.budget {
			if len(o.queue) > 0 {
				t := o.queue[0]
				o.queue = o.queue[1:]
				t.seq = o.seq
				o.seq++
				return t, true
			}
			if o.folder != nil {
				o.walkStep()
				continue
			}
			if len(o.origins) == 0 {
				return task{}, false
			}
			origin := o.origins[0]
			o.origins = o.origins[1:]
			if origin != "-" && !isURL(origin) {
				if info, err := os.Stat(origin); err == nil && info.IsDir() {
					o.folder = &folderWalk{root: origin}
					continue
				}
			}
			t := task{seq: o.seq, origin: origin}
			o.seq++
			return t, true
		}
		o.wake.Wait()
	}
}

// walkStep lists the folder being walked up to its next directory into
// o.queue, without holding o.mu meanwhile (results are handed on); o.mu
// is held on entry and exit.
func (o *ordered[T]) walkStep() {
	w := o.folder
	o.walking = true
	o.mu.Unlock()
	files, done := w.step(o.ctx, nil)
	o.mu.Lock()
	o.queue, o.walking = files, false
	if done {
		o.folder = nil
	}
	o.wake.Broadcast()
}

// load loads t and runs the work on its articles.
func (o *ordered[T]) load(t task) (int, slot[T]) {
	r := slot[T]{full: true, Result: Result[T]{Origin: t.origin}}
	if t.err != nil {
		r.Errs = []error{&Error{t.origin, t.err}}
		return t.seq, r
	}
	arts, feeds, err := o.l.one(o.ctx, t.origin)
	if err != nil {
		r.Errs = append(r.Errs, err)
	}
	for _, f := range feeds {
		got, err := o.l.listed(o.ctx, f)
		if err != nil {
			r.Errs = append(r.Errs, err)
		}
		arts = append(arts, got...)
	}
	r.Articles = arts
	r.size = textBytes(arts)
	o.held.Add(r.size)
	if len(arts) > 0 && o.work != nil {
		r.Value = o.work(arts)
	}
	return t.seq, r
}

// put keeps the result of source seq and, unless another worker is at
// it, hands on every result that is next in order.
func (o *ordered[T]) put(seq int, r slot[T]) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.ring[seq%o.window] = r
	if o.writing {
		return // that worker will hand this on too
	}
	o.writing = true
	defer func() { o.writing = false }()
	for !o.stopped() {
		s := &o.ring[o.next%o.window]
		if !s.full {
			return
		}
		res := *s
		*s = slot[T]{}
		o.mu.Unlock()
		err := o.each(res.Result)
		o.mu.Lock()
		// The source leaves the window once it is handed on, not before:
		// while each runs, it is still held.
		o.next++
		o.held.Add(-res.size)
		o.wake.Broadcast()
		if err != nil {
			o.err = err
			o.cancel()
			o.wake.Broadcast()
		}
	}
}
