package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// ErrNothingToUndo is returned by [User.Undo] when the user's undo log is
// empty.
var ErrNothingToUndo = errors.New("store: nothing to undo")

// Kind names a user action.
type Kind string

// The user actions the store records.
const (
	KindRead        Kind = "read"         // marked read
	KindUnread      Kind = "unread"       // marked unread
	KindOpen        Kind = "open"         // opened, which marked it read (never in the undo log)
	KindStar        Kind = "star"         // starred
	KindUnstar      Kind = "unstar"       // star removed
	KindArchive     Kind = "archive"      // archived
	KindUnarchive   Kind = "unarchive"    // taken out of the archive
	KindArchiveRead Kind = "archive-read" // bulk: archived the read ones
	KindTag         Kind = "tag"          // tag Arg added
	KindUntag       Kind = "untag"        // tag Arg removed
	KindNote        Kind = "note"         // note set or cleared
	KindQuoteMark   Kind = "quote-mark"   // quote marked Arg ("" clears)
)

// Field names the piece of state a Change changed.
type Field string

// The fields a Change can touch.
const (
	FieldRead     Field = "read"     // Old/New "0" or "1"
	FieldStarred  Field = "starred"  // Old/New "0" or "1"
	FieldArchived Field = "archived" // Old/New "0" or "1"
	FieldNote     Field = "note"     // Old/New the note text
	FieldTag      Field = "tag"      // Key the tag; Old/New "0" absent, "1" present
	FieldQuote    Field = "quote"    // Key the quote key; Old/New the Mark
)

// Change is one piece of state one action changed, with its value before
// and after, as stored in the undo log.
type Change struct {
	// ArticleID is the article changed.
	ArticleID string
	// Field is what changed.
	Field Field
	// Key is the tag (FieldTag) or quote key (FieldQuote), else "".
	Key string
	// Old and New are the values before and after (see Field).
	Old, New string
}

// Action is one user action as recorded in the undo log: a single toggle or
// a whole bulk action over many articles. An Action with Count 0 changed
// nothing and was not recorded; one with ID 0 and a Count was a side
// effect (KindOpen), applied but not recorded.
type Action struct {
	// ID orders the user's actions; 0 for an action that was not recorded.
	ID int64
	// Kind is what the user did.
	Kind Kind
	// Arg is the tag for KindTag and KindUntag, the mark for
	// KindQuoteMark, else "".
	Arg string
	// Count is how many articles the action changed.
	Count int
	// At is when the action was done.
	At time.Time
	// Changes are the individual changes, in the order they were made.
	// Filled by the action methods and by Undo; History leaves it nil.
	Changes []Change
}

// String describes the action for a status line: "archive 12 articles",
// "tag “economy” on 1 article", "star 1 article".
func (a Action) String() string {
	n := strconv.Itoa(a.Count) + " article"
	if a.Count != 1 {
		n += "s"
	}
	switch a.Kind {
	case KindTag:
		return "tag “" + a.Arg + "” on " + n
	case KindUntag:
		return "untag “" + a.Arg + "” on " + n
	case KindArchiveRead:
		return "archive " + n + " read"
	case KindNote:
		return "note on " + n
	case KindQuoteMark:
		if a.Arg == "" {
			return "clear quote mark"
		}
		return "mark quote " + a.Arg
	}
	return string(a.Kind) + " " + n
}

// act runs one user action as one IMMEDIATE transaction: fn makes the
// changes through rec (and may refine rec.kind and rec.arg), and, when it changed anything, the action and its
// changes are appended to the undo log and the log is trimmed to the undo
// limit, all before the single commit. The returned Action is durable once
// act returns nil.
func (u *User) act(ctx context.Context, kind Kind, arg string, fn func(rec *recorder) error) (Action, error) {
	if err := u.check(); err != nil {
		return Action{}, err
	}
	at := u.s.now()
	a := Action{Kind: kind, Arg: arg, At: at}
	err := u.s.write(ctx, func(tx *sql.Tx) error {
		rec := newRecorder(ctx, u.s, tx, u.name, millis(at))
		defer rec.close()
		rec.kind, rec.arg = kind, arg
		if err := fn(rec); err != nil {
			return err
		}
		a.Kind, a.Arg = rec.kind, rec.arg
		if len(rec.changes) == 0 {
			return nil
		}
		a.Changes, a.Count = rec.changes, rec.articles()
		if rec.sideEffect {
			return nil
		}
		ins, err := rec.stmt(qActionInsert)
		if err != nil {
			return err
		}
		res, err := ins.ExecContext(ctx, u.name, string(a.Kind), a.Arg, a.Count, millis(at))
		if err != nil {
			return err
		}
		if a.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		for i, c := range a.Changes {
			if _, err := rec.exec(qChangeInsert, a.ID, i, c.ArticleID, string(c.Field), c.Key, c.Old, c.New); err != nil {
				return err
			}
		}
		if u.s.undoLimit > 0 {
			_, err = rec.exec(qTrimLog, u.name, u.s.undoLimit)
		}
		return err
	})
	if err != nil {
		return Action{}, fmt.Errorf("store: %s: %w", kind, err)
	}
	return a, nil
}

// Undo reverts the user's last recorded action, a whole bulk action as one
// step, restoring every value it changed, and removes it from the log; it
// returns the action it reverted so the UI can say what was undone, or
// ErrNothingToUndo. Calling Undo again reverts the action before. The log
// is shared by every handle of the same user and survives restarts.
func (u *User) Undo(ctx context.Context) (Action, error) {
	if err := u.check(); err != nil {
		return Action{}, err
	}
	var a Action
	err := u.s.write(ctx, func(tx *sql.Tx) error {
		var at int64
		err := tx.QueryRowContext(ctx, `SELECT id, kind, arg, count, at FROM action
			WHERE user = ? ORDER BY id DESC LIMIT 1`, u.name).Scan(&a.ID, &a.Kind, &a.Arg, &a.Count, &at)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNothingToUndo
		}
		if err != nil {
			return err
		}
		a.At = fromMillis(at)
		if a.Changes, err = actionChanges(ctx, tx, a.ID); err != nil {
			return err
		}
		rec := newRecorder(ctx, u.s, tx, u.name, millis(u.s.now()))
		defer rec.close()
		for i := len(a.Changes) - 1; i >= 0; i-- {
			if err := rec.restore(a.Changes[i]); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM action WHERE id = ?`, a.ID)
		return err
	})
	if errors.Is(err, ErrNothingToUndo) {
		return Action{}, err
	}
	if err != nil {
		return Action{}, fmt.Errorf("store: undo: %w", err)
	}
	return a, nil
}

// actionChanges reads the changes of action id in the order they were made.
func actionChanges(ctx context.Context, tx *sql.Tx, id int64) ([]Change, error) {
	rows, err := tx.QueryContext(ctx, `SELECT article_id, field, key, old, new FROM action_change
		WHERE action_id = ? ORDER BY seq`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Change
	for rows.Next() {
		var c Change
		if err := rows.Scan(&c.ArticleID, &c.Field, &c.Key, &c.Old, &c.New); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// History returns up to limit of the user's most recent undoable actions,
// newest first, without their Changes: what Undo would revert, in order.
func (u *User) History(ctx context.Context, limit int) ([]Action, error) {
	if err := u.check(); err != nil {
		return nil, err
	}
	rows, err := u.s.r.QueryContext(ctx, `SELECT id, kind, arg, count, at FROM action
		WHERE user = ? ORDER BY id DESC LIMIT ?`, u.name, limit)
	if err != nil {
		return nil, fmt.Errorf("store: history: %w", err)
	}
	defer rows.Close()
	var out []Action
	for rows.Next() {
		var (
			a  Action
			at int64
		)
		if err := rows.Scan(&a.ID, &a.Kind, &a.Arg, &a.Count, &at); err != nil {
			return nil, fmt.Errorf("store: history: %w", err)
		}
		a.At = fromMillis(at)
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: history: %w", err)
	}
	return out, nil
}
