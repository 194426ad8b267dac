// Package store keeps brief's triage state: per-user article state (read,
// starred, archived, tags, note, first seen and last opened), the quote
// review (marks, quote notes and speaker corrections, per user or shared
// by the library, with an append-only audit log and live updates), a
// durable undo log of user actions, and a cache of articles that came
// from feeds and URLs so they stay readable offline.
//
// # Layers
//
// This package holds the domain types, the small interfaces the rest of
// brief programs against ([Triage] for one user's state, [QuoteReview]
// for the quote review, [Cache] for the article cache) and the action,
// review and undo logic, written once over a [Backend] and its
// per-transaction [Tx]. The SQL lives in the backends:
// package sqlite (embedded, the default) and package postgres (for
// deployments that outgrow one machine). Each has its own versioned
// migrations, and package storetest is one behavioural suite both pass.
//
//	db, err := sqlite.Open(path)
//	...
//	st := store.New(db)
//	defer st.Close()
//	u := st.User(store.LocalUser)
//
// # Users
//
// Every state row is keyed by (user, article ID). The local program uses
// [LocalUser]; the SSH server uses the public key's fingerprint. A [User]
// handle, from [Store.User], scopes every read and every action to one
// user. Cached articles are shared by all users.
//
// # Durability
//
// Every action is one write transaction, bulk actions included (never one
// commit per article), and when the method that performs it returns nil
// the transaction is committed; what that survives (a crash, a power loss)
// is the backend's to say.
package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"github.com/brief-reader/brief/model"
)

// LocalUser is the user name of the local (non-SSH) program.
const LocalUser = "local"

// DefaultUndoLimit is how many actions per user the undo log keeps.
const DefaultUndoLimit = 1000

// Store is brief's triage store over one backend. Create one with [New];
// it is safe for concurrent use and must be closed with [Store.Close].
type Store struct {
	b         Backend
	now       func() time.Time
	undoLimit int

	// origin tells this Store's changes from other processes' in live
	// updates.
	origin string
	stop   context.CancelFunc // stops the backend's Listener
	done   chan struct{}      // closed when the Listener returned

	intents atomic.Int64 // the last Intent given (see ReviewChange)

	mu   sync.Mutex
	live map[*User]struct{}         // sessions not ended yet
	subs map[*Subscription]struct{} // live-update subscribers
}

// ErrClosed is returned by a Subscription's Next after it (or its Store)
// was closed.
var ErrClosed = errors.New("store: closed")

// Option changes how [New] sets up a Store.
type Option func(*Store)

// WithClock sets the clock that stamps first-seen, last-opened, cache and
// action times (default time.Now); for tests.
func WithClock(now func() time.Time) Option {
	return func(s *Store) { s.now = now }
}

// WithUndoLimit sets how many actions per user the undo log keeps (default
// [DefaultUndoLimit]); older ones are dropped as new ones are recorded.
// Zero or less keeps them all.
func WithUndoLimit(n int) Option {
	return func(s *Store) { s.undoLimit = n }
}

// New returns a Store over b, which it owns: [Store.Close] closes b.
func New(b Backend, opts ...Option) *Store {
	s := &Store{
		b: b, now: time.Now, undoLimit: DefaultUndoLimit, origin: randomID(),
		live: map[*User]struct{}{}, subs: map[*Subscription]struct{}{},
	}
	for _, o := range opts {
		o(s)
	}
	if l, ok := b.(Listener); ok {
		ctx, stop := context.WithCancel(context.Background())
		s.stop, s.done = stop, make(chan struct{})
		ready := make(chan struct{})
		var once sync.Once
		go func() {
			defer close(s.done)
			l.Listen(ctx, s.origin, func() { once.Do(func() { close(ready) }) }, s.publish)
		}()
		// Changes committed elsewhere from now on reach the subscribers.
		select {
		case <-ready:
		case <-s.done:
		}
	}
	return s
}

// randomID returns 16 random hex digits.
func randomID() string {
	var b [8]byte
	rand.Read(b[:]) // never fails
	return hex.EncodeToString(b[:])
}

// Backend returns the backend the Store runs on, for what is particular
// to one database (an integrity check, a file path).
func (s *Store) Backend() Backend { return s.b }

// Close ends the sessions of the Store's handles that have not ended (see
// [User.End]) and closes the backend. Using the Store afterwards is an
// error.
func (s *Store) Close() error {
	s.mu.Lock()
	live := make([]*User, 0, len(s.live))
	for u := range s.live {
		live = append(live, u)
	}
	s.mu.Unlock()
	var errs []error
	for _, u := range live {
		errs = append(errs, u.End(context.Background()))
	}
	if s.stop != nil {
		s.stop()
		<-s.done
	}
	s.mu.Lock()
	subs := make([]*Subscription, 0, len(s.subs))
	for sub := range s.subs {
		subs = append(subs, sub)
	}
	s.mu.Unlock()
	for _, sub := range subs {
		sub.Close()
	}
	return errors.Join(append(errs, s.b.Close())...)
}

// Cache is the article cache: articles that came from feeds and URLs,
// shared by all users, kept so they stay readable offline and after the
// feed drops them. [*Store] implements it.
type Cache interface {
	// PutArticles adds articles to the cache, or replaces the cached copy
	// of an article with the same identity ([model.ArticleID]), all in
	// one transaction; they are stored with their ID filled in.
	PutArticles(ctx context.Context, articles []model.Article) error
	// Articles returns every cached article, whole, newest published
	// first (undated last, ties by ID).
	Articles(ctx context.Context) ([]model.Article, error)
	// Heads returns every cached article without its body (Paragraphs
	// and Markdown empty), in the order of Articles: what a library
	// listing needs, several times faster than Articles.
	Heads(ctx context.Context) ([]model.Article, error)
	// Article returns the cached article id, whole; ok is false when the
	// cache does not hold it.
	Article(ctx context.Context, id string) (a model.Article, ok bool, err error)
	// KnownIDs returns the identities of every cached article.
	KnownIDs(ctx context.Context) (map[string]struct{}, error)
}

var _ Cache = (*Store)(nil)

// PutArticles implements [Cache], stamping the articles cached now.
func (s *Store) PutArticles(ctx context.Context, articles []model.Article) error {
	if len(articles) == 0 {
		return nil
	}
	return s.b.PutArticles(ctx, articles, s.now())
}

// Articles implements [Cache].
func (s *Store) Articles(ctx context.Context) ([]model.Article, error) { return s.b.Articles(ctx) }

// Heads implements [Cache].
func (s *Store) Heads(ctx context.Context) ([]model.Article, error) { return s.b.Heads(ctx) }

// NewestHeads returns the first n of Heads: what the first screen of a
// large library shows, read in a fraction of the time of all of them.
func (s *Store) NewestHeads(ctx context.Context, n int) ([]model.Article, error) {
	return s.b.NewestHeads(ctx, n)
}

// Article implements [Cache].
func (s *Store) Article(ctx context.Context, id string) (model.Article, bool, error) {
	return s.b.Article(ctx, id)
}

// KnownIDs implements [Cache].
func (s *Store) KnownIDs(ctx context.Context) (map[string]struct{}, error) { return s.b.KnownIDs(ctx) }
