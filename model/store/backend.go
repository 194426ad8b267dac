package store

import (
	"context"
	"time"

	"github.com/brief-reader/brief/model"
)

// Backend is a database the store runs on: what a SQL dialect implements.
// Reads go straight to it; every change goes through [Backend.Write] and
// the [Tx] it hands out, over which this package writes the action and
// undo logic once. Implementations are safe for concurrent use.
type Backend interface {
	// Write runs fn in one write transaction and commits it when fn
	// returns nil; an error from fn rolls the transaction back and is
	// returned. Once Write returns nil the changes are durable.
	Write(ctx context.Context, fn func(Tx) error) error
	// Close releases the database.
	Close() error
	StateReader
	ArticleStore
	BriefStore
}

// StateReader reads per-user state outside any write transaction; each
// method sees the state as of some committed transaction.
type StateReader interface {
	// State returns user's state of article id; an article the user
	// never touched has the zero state with ID set.
	State(ctx context.Context, user, id string) (ArticleState, error)
	// States returns the state of every article user has a state for,
	// keyed by article ID; Tags are sorted.
	States(ctx context.Context, user string) (map[string]ArticleState, error)
	// Tags returns user's tags with their article counts, in any order.
	Tags(ctx context.Context, user string) ([]TagCount, error)
	// Review returns every mark, quote note and correction of a review
	// scope (a user's name, or SharedScope).
	Review(ctx context.Context, scope string) (Review, error)
	// Audit calls fn with the review changes committed after since and
	// with a Seq greater than after, oldest first, stopping at fn's
	// first error.
	Audit(ctx context.Context, since time.Time, after int64, fn func(ReviewChange) error) error
	// History returns up to limit of user's most recent actions in the
	// undo log, made by any session, newest first, without their Changes.
	History(ctx context.Context, user string, limit int) ([]Action, error)
}

// ArticleStore is the backend's side of the article cache (see [Cache]).
type ArticleStore interface {
	// PutArticles adds or replaces articles, filed under
	// model.ArticleID, stamped as cached at at, in one transaction.
	PutArticles(ctx context.Context, articles []model.Article, at time.Time) error
	// Articles returns every cached article, whole, newest published
	// first, the undated last, ties by ID.
	Articles(ctx context.Context) ([]model.Article, error)
	// Heads returns every cached article without Paragraphs and Markdown,
	// in the order of Articles, Published in the local time zone.
	Heads(ctx context.Context) ([]model.Article, error)
	// NewestHeads returns the first n of Heads.
	NewestHeads(ctx context.Context, n int) ([]model.Article, error)
	// Article returns the cached article id; ok is false when missing.
	Article(ctx context.Context, id string) (a model.Article, ok bool, err error)
	// KnownIDs returns the identities of every cached article.
	KnownIDs(ctx context.Context) (map[string]struct{}, error)
}

// Tx is one write transaction of a backend: the few statements the action
// and undo logic needs. Methods that change something report whether they
// did, so that only real changes reach the undo log. A Tx is used by one
// goroutine and only inside the function given to [Backend.Write].
type Tx interface {
	// Lock serialises this transaction with every other write
	// transaction that locks any of the same scopes, until it ends; it
	// takes them in the order given (one round trip for all). A backend
	// whose write transactions already exclude each other does nothing.
	Lock(ctx context.Context, scopes ...string) error

	// AddState creates user's state of article id, first seen at, unless
	// it exists; it reports whether it created it.
	AddState(ctx context.Context, user, id string, at time.Time) (bool, error)
	// Flag reads a boolean field (FieldRead, FieldStarred,
	// FieldArchived); false for an article without state.
	Flag(ctx context.Context, user, id string, f Field) (bool, error)
	// SetFlag sets a boolean field of an existing state, reporting
	// whether it was not v before.
	SetFlag(ctx context.Context, user, id string, f Field, v bool) (bool, error)
	// Note reads the note of an existing state.
	Note(ctx context.Context, user, id string) (string, error)
	// SetNote sets the note of an existing state.
	SetNote(ctx context.Context, user, id, note string) error
	// SetTag adds (present) or removes tag on article id, reporting
	// whether it changed anything; adding needs an existing state.
	SetTag(ctx context.Context, user, id, tag string, present bool) (bool, error)
	// SetOpened sets the last-opened time of an existing state.
	SetOpened(ctx context.Context, user, id string, at time.Time) error

	// Mark reads the mark of quote key of article id in a review scope;
	// MarkNone when none.
	Mark(ctx context.Context, scope, id, key string) (ReviewMark, error)
	// SetMark sets the mark of a quote; MarkNone deletes it.
	SetMark(ctx context.Context, scope, id, key string, m ReviewMark) error
	// QuoteNote reads the note on a quote; Note "" when none.
	QuoteNote(ctx context.Context, scope, id, key string) (QuoteNote, error)
	// SetQuoteNote sets the note on a quote; Note "" deletes it.
	SetQuoteNote(ctx context.Context, scope, id, key string, n QuoteNote) error
	// Correction reads the correction of a quote; nil when none.
	Correction(ctx context.Context, scope, id, key string) (*Correction, error)
	// SetCorrection sets the correction of a quote; nil deletes it.
	SetCorrection(ctx context.Context, scope, id, key string, c *Correction) error
	// AppendAudit appends c to the audit log and returns its Seq; a
	// backend that is a Listener also announces c (made by the Store
	// c.Origin, with its Seq) to the other processes on the database
	// when the transaction commits.
	AppendAudit(ctx context.Context, c ReviewChange) (int64, error)

	// AddAction appends a, made by session, to user's undo log with its
	// Changes and returns its ID, greater than that of every earlier
	// action; when keep > 0 it then drops user's actions beyond the
	// newest keep.
	AddAction(ctx context.Context, user, session string, a Action, keep int) (int64, error)
	// LastAction returns what session may undo next: user's newest
	// action made by session, or when it has none left, the newest made
	// by a session that has ended (see EndSession), with its Changes in
	// the order they were made; ok is false when there is none.
	LastAction(ctx context.Context, user, session string) (a Action, ok bool, err error)
	// EndSession hands the actions session logged over to the sessions
	// that come after it: they become undoable by any session of user.
	EndSession(ctx context.Context, user, session string) error
	// DeleteAction removes action id and its changes from the log.
	DeleteAction(ctx context.Context, id int64) error
}
