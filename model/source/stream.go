package source

import (
	"context"
	"errors"
	"io"
	"os"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/brief-reader/brief/model"
)

// Options configures Stream.
type Options struct {
	// Workers is how many sources load at once; 0 means GOMAXPROCS, at
	// least 4 (URL loads mostly wait on the network).
	Workers int
	// Stdin is read for the origin "-"; nil makes "-" an error.
	Stdin io.Reader
	// Fetcher downloads URLs. Pass the same Fetcher to every refresh so
	// unchanged feeds cost one 304 response; nil means a new Fetcher with
	// the default limits (15 s, 10 MB, 5 redirects).
	Fetcher *Fetcher
	// Buffer is the capacity of the event channel; 0 means 64.
	Buffer int
	// holdBytes overrides Ordered's holdBytes when positive (for tests).
	holdBytes int64
}

// Event is one report from Stream. Every event but the last is about one
// source (Origin) and carries either its articles, its error, or
// Unchanged; every event carries the progress so far.
type Event struct {
	// Origin is the source this event is about: a file, URL, "-", or a
	// feed listed by an OPML file. "" on the final event.
	Origin string
	// Articles are the articles the source yielded (a feed yields one
	// per item).
	Articles []model.Article
	// Partial is true when more articles from Origin follow in later
	// events: a large feed file arrives in batches, and its last event
	// (Partial false) may carry no articles.
	Partial bool
	// Err says why the source failed; nil on success.
	Err *Error
	// Unchanged is true when a URL answered 304 Not Modified to a
	// conditional request: it has nothing new.
	Unchanged bool
	// Progress counts the sources finished and found so far.
	Progress Progress
	// Final marks the last event; the channel is closed after it.
	Final bool
}

// Progress is how far a Stream has got.
type Progress struct {
	// Done is the number of sources finished, failed ones included.
	Done int
	// Total is the number of sources found so far; it grows while
	// folders are walked and OPML lists are read.
	Total int
	// Counting is true while more sources may still be found.
	Counting bool
}

// Fraction returns Done/Total in [0, 1] (0 while nothing is known).
func (p Progress) Fraction() float64 {
	if p.Total <= 0 {
		return 0
	}
	return min(1, float64(p.Done)/float64(p.Total))
}

// Stream loads origins in the background on a bounded worker pool and
// reports each source as it finishes: files, folders (their files are
// fed to the pool as the walk finds them), http and https URLs, OPML
// feed lists (each listed feed becomes a source) and "-" for stdin. Events
// arrive in completion order, not origin order; the last has Final set,
// and the channel is closed after it. Cancel ctx to stop early: the
// channel is then closed promptly, possibly without a Final event. A
// consumer that stops reading must cancel ctx, or the workers wait
// forever.
func Stream(ctx context.Context, origins []string, opts Options) <-chan Event {
	workers := opts.Workers
	if workers <= 0 {
		workers = max(4, runtime.GOMAXPROCS(0))
	}
	buf := opts.Buffer
	if buf <= 0 {
		buf = 64
	}
	s := &streamer{
		ctx:    ctx,
		out:    make(chan Event, buf),
		jobs:   make(chan job, workers*4),
		loader: loader{fetcher: opts.Fetcher, stdin: opts.Stdin},
	}
	if s.loader.fetcher == nil {
		s.loader.fetcher = &Fetcher{}
	}
	s.loader.emit = func(origin string, arts []model.Article) {
		s.send(Event{Origin: origin, Articles: arts, Partial: true})
	}
	s.pending.Add(1) // the discovery goroutine
	s.counting.Add(1)
	go s.discover(origins)
	go func() {
		s.pending.Wait()
		close(s.jobs)
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.work()
		}()
	}
	go func() {
		wg.Wait()
		if ctx.Err() == nil {
			s.send(Event{Final: true})
		}
		close(s.out)
	}()
	return s.out
}

// job is one source for the pool; listed marks feeds from an OPML list,
// which are not followed if they are lists themselves.
type job struct {
	origin string
	listed bool
}

// streamer is the state of one Stream call.
type streamer struct {
	ctx    context.Context
	out    chan Event
	jobs   chan job
	loader loader

	// pending counts jobs not yet finished plus goroutines that may still
	// add jobs; jobs is closed when it reaches zero.
	pending  sync.WaitGroup
	done     atomic.Int64
	total    atomic.Int64
	counting atomic.Int64 // goroutines still finding sources
	// sendMu orders sends: an event's progress is read and the event
	// delivered under it, so progress never goes backwards on the channel
	// although many workers send.
	sendMu sync.Mutex
}

// discover feeds every origin to the pool, walking folders as it goes.
func (s *streamer) discover(origins []string) {
	defer s.pending.Done()
	defer s.counting.Add(-1)
	for _, o := range origins {
		if s.ctx.Err() != nil {
			return
		}
		if o != "-" && !isURL(o) {
			if info, err := os.Stat(o); err == nil && info.IsDir() {
				err := walk(s.ctx, o, func(path string) { s.enqueue(job{origin: path}) },
					func(path string, err error) { s.fail(path, err) })
				if err != nil && !errors.Is(err, context.Canceled) {
					s.fail(o, describe(err))
				}
				continue
			}
		}
		s.enqueue(job{origin: o})
	}
}

// enqueue hands a job to the pool, counting it first.
func (s *streamer) enqueue(j job) {
	s.pending.Add(1)
	s.total.Add(1)
	select {
	case s.jobs <- j:
	case <-s.ctx.Done():
		s.pending.Done()
	}
}

// fail reports a source that failed before it became a job.
func (s *streamer) fail(origin string, err error) {
	s.total.Add(1)
	s.done.Add(1)
	s.send(Event{Origin: origin, Err: &Error{origin, err}})
}

// work loads jobs until there are none left.
func (s *streamer) work() {
	for j := range s.jobs {
		if s.ctx.Err() != nil {
			s.pending.Done()
			continue
		}
		var arts []model.Article
		var feeds []string
		err := error(nil)
		if j.listed {
			err = listedFeed(j.origin)
		}
		if err == nil {
			// A listed feed that is a list is refused below.
			arts, feeds, err = s.loader.one(s.ctx, j.origin)
		}
		if len(feeds) > 0 {
			if j.listed {
				err = &Error{j.origin, errors.New("an OPML list inside an OPML list is not followed")}
			} else {
				// Queue the listed feeds from a goroutine of their own, so a
				// full queue never blocks the worker that would drain it.
				s.pending.Add(1)
				s.counting.Add(1)
				go func() {
					defer s.pending.Done()
					defer s.counting.Add(-1)
					for _, f := range feeds {
						s.enqueue(job{origin: f, listed: true})
					}
				}()
			}
		}
		s.done.Add(1)
		ev := Event{Origin: j.origin, Articles: arts}
		var se *Error
		switch {
		case err == nil:
		case errors.Is(err, ErrNotModified):
			ev.Unchanged = true
		case errors.As(err, &se):
			ev.Err = se
		default:
			ev.Err = &Error{j.origin, err}
		}
		s.send(ev)
		s.pending.Done()
	}
}

// progress is a snapshot of the counters.
func (s *streamer) progress() Progress {
	return Progress{Done: int(s.done.Load()), Total: int(s.total.Load()), Counting: s.counting.Load() > 0}
}

// send stamps ev with the progress so far and delivers it unless ctx is
// done.
func (s *streamer) send(ev Event) {
	s.sendMu.Lock()
	defer s.sendMu.Unlock()
	ev.Progress = s.progress()
	select {
	case s.out <- ev:
	case <-s.ctx.Done():
	}
}

// Receive waits for the next event of a Stream and then takes, without
// waiting, up to max-1 more that are already queued; it returns nil once
// the channel is closed. A TUI calls it from one tea.Cmd per batch, so ten
// thousand small files cost a few hundred messages rather than ten
// thousand.
func Receive(ch <-chan Event, max int) []Event {
	ev, ok := <-ch
	if !ok {
		return nil
	}
	evs := []Event{ev}
	for len(evs) < max {
		select {
		case ev, ok := <-ch:
			if !ok {
				return evs
			}
			evs = append(evs, ev)
		default:
			return evs
		}
	}
	return evs
}
