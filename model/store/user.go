package store

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"time"
)

// Triage is one user's triage state and the actions on it: what a reader
// program holds. [*User] implements it.
type Triage interface {
	// Name returns the user's name.
	Name() string
	// State returns the user's state of article id.
	State(ctx context.Context, id string) (ArticleState, error)
	// States returns every state the user has, keyed by article ID.
	States(ctx context.Context) (map[string]ArticleState, error)
	// Tags returns the user's tags, most used first.
	Tags(ctx context.Context) ([]TagCount, error)
	// Seen records that the user's library holds ids.
	Seen(ctx context.Context, ids []string) (int, error)
	// SeenTagged is Seen giving new articles their source's tags.
	SeenTagged(ctx context.Context, ids []string, tags map[string][]string) (int, error)
	// History returns the user's most recent undoable actions.
	History(ctx context.Context, limit int) ([]Action, error)
	// Undo reverts the user's last action.
	Undo(ctx context.Context) (Action, error)

	ToggleRead(ctx context.Context, id string) (Action, error)
	ToggleStarred(ctx context.Context, id string) (Action, error)
	ToggleArchived(ctx context.Context, id string) (Action, error)
	SetRead(ctx context.Context, ids []string, read bool) (Action, error)
	SetStarred(ctx context.Context, ids []string, starred bool) (Action, error)
	SetArchived(ctx context.Context, ids []string, archived bool) (Action, error)
	ArchiveRead(ctx context.Context, ids []string) (Action, error)
	Open(ctx context.Context, id string) (Action, error)
	AddTag(ctx context.Context, ids []string, tag string) (Action, error)
	RemoveTag(ctx context.Context, ids []string, tag string) (Action, error)
	SetNote(ctx context.Context, id, note string) (Action, error)
}

var _ Triage = (*User)(nil)

// User is a handle on one user's state in a Store: every read and every
// action through it is scoped to that user. A handle is also a session:
// make one per program (locally) or per SSH session, and end it with
// [User.End] (or [Store.Close]) when the session ends. Handles with the
// same name, in one process or in several, see the same state, but each
// undoes only its own actions and those of sessions that have ended (see
// [User.Undo]).
type User struct {
	s        *Store
	name     string
	session  string
	reviewer string // the name review changes record
	scope    string // the review scope: name, or SharedScope
}

// UserOption changes a handle made by [Store.User].
type UserOption func(*User)

// WithReviewer sets the name review changes record for the user (the
// key's comment over SSH); the default is the user's name.
func WithReviewer(name string) UserOption {
	return func(u *User) {
		if name != "" {
			u.reviewer = name
		}
	}
}

// WithSharedReview makes the handle review the library's quotes: its
// marks, quote notes and corrections are shared with every user of the
// store who reviews the same way. Without it they are the user's own.
func WithSharedReview() UserOption {
	return func(u *User) { u.scope = SharedScope }
}

// User starts a session of the user called name and returns its handle:
// name is [LocalUser] for the local program, the SSH public key
// fingerprint over SSH.
func (s *Store) User(name string, opts ...UserOption) *User {
	u := &User{s: s, name: name, session: randomID(), reviewer: name, scope: name}
	for _, o := range opts {
		o(u)
	}
	s.mu.Lock()
	s.live[u] = struct{}{}
	s.mu.Unlock()
	return u
}

// Session names the handle's session: the Session of the review changes
// it makes.
func (u *User) Session() string { return u.session }

// Reviewer returns the name the user's review changes record.
func (u *User) Reviewer() string { return u.reviewer }

// Scope returns the review scope the handle works on: the user's name,
// or SharedScope.
func (u *User) Scope() string { return u.scope }

// End ends the session of u: the actions it logged become undoable by the
// user's later sessions (a restarted program, the next SSH session of the
// key). u may still read and act afterwards, as a new session would.
func (u *User) End(ctx context.Context) error {
	if u.name != "" {
		err := u.s.b.Write(ctx, func(tx Tx) error {
			if err := tx.Lock(ctx, "user:"+u.name); err != nil {
				return err
			}
			return tx.EndSession(ctx, u.name, u.session)
		})
		if err != nil {
			return fmt.Errorf("store: ending a session: %w", err)
		}
	}
	// Forgotten only once ended, so that a Close racing with End ends
	// the session itself if this write came too late.
	u.s.mu.Lock()
	delete(u.s.live, u)
	u.s.mu.Unlock()
	return nil
}

// Name returns the user's name.
func (u *User) Name() string { return u.name }

// check reports ErrNoUser for a handle with an empty name.
func (u *User) check() error {
	if u.name == "" {
		return ErrNoUser
	}
	return nil
}

// State returns the user's state of article id; an article the user never
// touched has the zero state.
func (u *User) State(ctx context.Context, id string) (ArticleState, error) {
	if err := u.check(); err != nil {
		return ArticleState{}, err
	}
	st, err := u.s.b.State(ctx, u.name, id)
	if err != nil {
		return ArticleState{}, fmt.Errorf("store: state of %s: %w", id, err)
	}
	return st, nil
}

// States returns the state of every article the user has a state for,
// keyed by article ID, in one query. Articles missing from the map have
// the zero state.
func (u *User) States(ctx context.Context) (map[string]ArticleState, error) {
	if err := u.check(); err != nil {
		return nil, err
	}
	out, err := u.s.b.States(ctx, u.name)
	if err != nil {
		return nil, fmt.Errorf("store: states: %w", err)
	}
	return out, nil
}

// Tags returns the user's tags with their article counts, most used first
// (ties by name): for tag completion and the tag tab bar.
func (u *User) Tags(ctx context.Context) ([]TagCount, error) {
	if err := u.check(); err != nil {
		return nil, err
	}
	out, err := u.s.b.Tags(ctx, u.name)
	if err != nil {
		return nil, fmt.Errorf("store: tags: %w", err)
	}
	slices.SortFunc(out, func(a, b TagCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Tag, b.Tag))
	})
	return out, nil
}

// Seen records that the user's library now holds the articles ids, setting
// their first-seen time to now where the store had no state for them yet;
// it returns how many were new. It is bookkeeping, not an undoable action,
// and all ids are written in one transaction.
func (u *User) Seen(ctx context.Context, ids []string) (int, error) {
	return u.SeenTagged(ctx, ids, nil)
}

// SeenTagged is Seen for articles their source tagged (front matter): an
// article new to the store also gets tags[id], cleaned as by
// [NormalizeTag] (a tag that cleans to nothing is dropped), stored like
// the user's own tags but not as an undoable action. An article the
// store knew keeps the tags it has, so a tag the user removed stays
// removed.
func (u *User) SeenTagged(ctx context.Context, ids []string, tags map[string][]string) (int, error) {
	if err := u.check(); err != nil {
		return 0, err
	}
	if len(ids) == 0 {
		return 0, nil
	}
	now := u.s.now()
	var added int
	err := u.s.b.Write(ctx, func(tx Tx) error {
		added = 0
		for _, id := range ids {
			created, err := tx.AddState(ctx, u.name, id, now)
			if err != nil {
				return err
			}
			if !created {
				continue
			}
			added++
			for _, t := range tags[id] {
				if t, err := NormalizeTag(t); err == nil {
					if _, err := tx.SetTag(ctx, u.name, id, t, true); err != nil {
						return err
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("store: seen: %w", err)
	}
	return added, nil
}

// act runs one user action as one write transaction: fn makes the changes
// through rec (and may refine rec.kind and rec.arg), and, when it changed
// anything, the action and its changes are appended to the undo log and
// the log is trimmed to the undo limit, all before the single commit. The
// returned Action is durable once act returns nil. The transaction first
// locks the user's undo log, then the locks named (see quoteLock), in
// one round trip.
func (u *User) act(ctx context.Context, kind Kind, arg string, fn func(rec *recorder) error, locks ...string) (Action, error) {
	if err := u.check(); err != nil {
		return Action{}, err
	}
	at := u.s.now()
	var (
		a       Action
		reviews []ReviewChange
	)
	err := u.s.b.Write(ctx, func(tx Tx) error {
		a, reviews = Action{Kind: kind, Arg: arg, At: at}, nil
		if err := tx.Lock(ctx, append([]string{"user:" + u.name}, locks...)...); err != nil {
			return err
		}
		rec := u.recorder(ctx, tx, at)
		for _, k := range locks {
			if rec.locked == nil {
				rec.locked = map[string]bool{}
			}
			rec.locked[k] = true
		}
		rec.kind, rec.arg = kind, arg
		if err := fn(rec); err != nil {
			return err
		}
		a.Kind, a.Arg, reviews = rec.kind, rec.arg, rec.reviews
		if len(rec.changes) == 0 {
			return nil
		}
		a.Changes, a.Count = rec.changes, rec.articles()
		if rec.sideEffect {
			return nil
		}
		id, err := tx.AddAction(ctx, u.name, u.session, a, u.s.undoLimit)
		a.ID = id
		return err
	})
	if err != nil {
		return Action{}, fmt.Errorf("store: %s: %w", kind, err)
	}
	u.s.publish(reviews, false)
	return a, nil
}

// recorder returns a recorder for one transaction of the handle.
func (u *User) recorder(ctx context.Context, tx Tx, now time.Time) *recorder {
	return &recorder{
		ctx: ctx, tx: tx, user: u.name, reviewer: u.reviewer, scope: u.scope, origin: u.s.origin, session: u.session,
		now: now,
	}
}

// Undo reverts the last action of this session, a whole bulk action as
// one step, restoring every value it changed, and removes it from the
// log; it returns the action it reverted so the UI can say what was
// undone, or ErrNothingToUndo. Calling Undo again reverts the action
// before. Actions another live session of the user made (another brief
// process, another SSH session of the key) are that session's to undo,
// never this one's; once this session has nothing left, Undo goes on with
// the actions of sessions that have ended, newest first, so the log
// survives a restart.
func (u *User) Undo(ctx context.Context) (Action, error) {
	if err := u.check(); err != nil {
		return Action{}, err
	}
	now := u.s.now()
	var (
		a       Action
		reviews []ReviewChange
	)
	err := u.s.b.Write(ctx, func(tx Tx) error {
		reviews = nil
		if err := tx.Lock(ctx, "user:"+u.name); err != nil {
			return err
		}
		last, ok, err := tx.LastAction(ctx, u.name, u.session)
		if err != nil {
			return err
		}
		if !ok {
			return ErrNothingToUndo
		}
		a = last
		rec := u.recorder(ctx, tx, now)
		rec.undo = true
		for i := len(a.Changes) - 1; i >= 0; i-- {
			if err := rec.restore(a.Changes[i]); err != nil {
				return err
			}
		}
		reviews = rec.reviews
		return tx.DeleteAction(ctx, a.ID)
	})
	if errors.Is(err, ErrNothingToUndo) {
		return Action{}, err
	}
	if err != nil {
		return Action{}, fmt.Errorf("store: undo: %w", err)
	}
	u.s.publish(reviews, false)
	return a, nil
}

// History returns up to limit of the user's most recent undoable actions,
// made in any session, newest first, without their Changes.
func (u *User) History(ctx context.Context, limit int) ([]Action, error) {
	if err := u.check(); err != nil {
		return nil, err
	}
	out, err := u.s.b.History(ctx, u.name, limit)
	if err != nil {
		return nil, fmt.Errorf("store: history: %w", err)
	}
	return out, nil
}
