package store

import (
	"context"
	"sync"
)

// Live updates: every review change committed through a Store is handed
// at once to the Store's subscribers, and a backend that can hear other
// processes' commits (a [Listener]) hands theirs too, so that a mark made
// in one session shows in every other session of the library, in this
// process or another. The Store's own subscribers also hear each review
// write as it starts (a Pending change) and as it ends (Settled): the
// sessions of one process show each other's marks without waiting for
// the database.

// maxPending bounds the changes a subscriber has not taken yet; past it
// they are dropped and the subscriber is told to read everything again.
const maxPending = 4096

// Update is what a subscriber receives: the review changes committed
// since its last Next, oldest first, or Resync when some were missed and
// the whole review should be read again.
type Update struct {
	Changes []ReviewChange
	Resync  bool
}

// Subscription receives review changes; make one with [Store.Subscribe]
// and close it when done. It is safe for concurrent use.
type Subscription struct {
	s       *Store
	mu      sync.Mutex
	pending []ReviewChange
	resync  bool
	closed  bool
	wake    chan struct{} // has a value when there is something to take
}

// Subscribe starts a subscription to the review changes of every scope;
// the subscriber picks those of the scope it shows.
func (s *Store) Subscribe() *Subscription {
	sub := &Subscription{s: s, wake: make(chan struct{}, 1)}
	s.mu.Lock()
	s.subs[sub] = struct{}{}
	s.mu.Unlock()
	return sub
}

// Close ends the subscription; a Next waiting returns ctx's error or
// ErrClosed.
func (sub *Subscription) Close() {
	sub.s.mu.Lock()
	delete(sub.s.subs, sub)
	sub.s.mu.Unlock()
	sub.mu.Lock()
	sub.closed = true
	sub.mu.Unlock()
	sub.signal()
}

// signal wakes a waiting Next.
func (sub *Subscription) signal() {
	select {
	case sub.wake <- struct{}{}:
	default:
	}
}

// push queues changes, or turns them into a resync past maxPending.
func (sub *Subscription) push(changes []ReviewChange, resync bool) {
	sub.mu.Lock()
	switch {
	case sub.closed:
	case resync || len(sub.pending)+len(changes) > maxPending:
		sub.pending, sub.resync = nil, true
	default:
		sub.pending = append(sub.pending, changes...)
	}
	sub.mu.Unlock()
	sub.signal()
}

// Next waits for changes and returns all that are pending.
func (sub *Subscription) Next(ctx context.Context) (Update, error) {
	for {
		sub.mu.Lock()
		if sub.closed {
			sub.mu.Unlock()
			return Update{}, ErrClosed
		}
		if len(sub.pending) > 0 || sub.resync {
			u := Update{Changes: sub.pending, Resync: sub.resync}
			sub.pending, sub.resync = nil, false
			sub.mu.Unlock()
			return u, nil
		}
		sub.mu.Unlock()
		select {
		case <-ctx.Done():
			return Update{}, ctx.Err()
		case <-sub.wake:
		}
	}
}

// publish hands committed changes to every subscriber.
func (s *Store) publish(changes []ReviewChange, resync bool) {
	if len(changes) == 0 && !resync {
		return
	}
	s.mu.Lock()
	subs := make([]*Subscription, 0, len(s.subs))
	for sub := range s.subs {
		subs = append(subs, sub)
	}
	s.mu.Unlock()
	for _, sub := range subs {
		sub.push(changes, resync)
	}
}

// Listener is a backend that hears the review changes other processes
// commit to the same database. [New] starts Listen when the backend has
// it, and stops it at Close.
type Listener interface {
	// Listen calls ready once it hears every change committed from then
	// on (or has given up trying for now), then calls heard with the
	// changes committed by processes other than origin (the Store's own,
	// see Tx.Notify), in commit order, and with resync true when it may
	// have missed some (after it lost its connection); it returns when
	// ctx is done.
	Listen(ctx context.Context, origin string, ready func(), heard func(changes []ReviewChange, resync bool))
}
