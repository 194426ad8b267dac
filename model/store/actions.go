package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/brief-reader/brief/model"
)

// Limits on what users type.
const (
	// MaxTagRunes is the longest tag accepted, in runes.
	MaxTagRunes = 64
	// MaxNoteRunes is the longest note accepted, in runes.
	MaxNoteRunes = 2000
)

// Errors for rejected input.
var (
	// ErrEmptyTag is returned for a tag that is empty once cleaned.
	ErrEmptyTag = errors.New("store: empty tag")
	// ErrTagTooLong is returned for a tag over MaxTagRunes.
	ErrTagTooLong = fmt.Errorf("store: tag longer than %d characters", MaxTagRunes)
	// ErrNoteTooLong is returned for a note over MaxNoteRunes.
	ErrNoteTooLong = fmt.Errorf("store: note longer than %d characters", MaxNoteRunes)
	// ErrBadMark is returned for a Mark that is not one of the defined ones.
	ErrBadMark = errors.New("store: unknown quote mark")
)

// NormalizeTag returns tag as the store keeps it: control characters and
// escape sequences removed, white space collapsed to single spaces and
// trimmed. Case is kept. It fails for an empty or over-long tag.
func NormalizeTag(tag string) (string, error) {
	t := strings.Join(strings.Fields(model.Sanitize(tag)), " ")
	switch {
	case t == "":
		return "", ErrEmptyTag
	case utf8.RuneCountInString(t) > MaxTagRunes:
		return "", ErrTagTooLong
	}
	return t, nil
}

// normalizeNote cleans a note: control characters and escape sequences
// removed (newlines kept), surrounding white space trimmed.
func normalizeNote(note string) (string, error) {
	n := strings.TrimSpace(model.Sanitize(note))
	if utf8.RuneCountInString(n) > MaxNoteRunes {
		return "", ErrNoteTooLong
	}
	return n, nil
}

// toggle flips a boolean field of one article, recording the action as on
// or off.
func (u *User) toggle(ctx context.Context, id string, f Field, on, off Kind) (Action, error) {
	// The kind depends on the current value, read inside the transaction.
	return u.act(ctx, on, "", func(rec *recorder) error {
		cur, err := rec.flag(id, f)
		if err != nil {
			return err
		}
		rec.kind = pick(cur, off, on)
		return rec.setFlag(id, f, !cur)
	})
}

// ToggleRead flips article id between read and unread.
func (u *User) ToggleRead(ctx context.Context, id string) (Action, error) {
	return u.toggle(ctx, id, FieldRead, KindRead, KindUnread)
}

// ToggleStarred stars or unstars article id.
func (u *User) ToggleStarred(ctx context.Context, id string) (Action, error) {
	return u.toggle(ctx, id, FieldStarred, KindStar, KindUnstar)
}

// ToggleArchived archives article id or takes it out of the archive.
func (u *User) ToggleArchived(ctx context.Context, id string) (Action, error) {
	return u.toggle(ctx, id, FieldArchived, KindArchive, KindUnarchive)
}

// setFlags sets a boolean field on every article of ids as one action.
func (u *User) setFlags(ctx context.Context, ids []string, f Field, v bool, kind Kind) (Action, error) {
	return u.act(ctx, kind, "", func(rec *recorder) error {
		for _, id := range ids {
			if err := rec.setFlag(id, f, v); err != nil {
				return err
			}
		}
		return nil
	})
}

// SetRead marks every article of ids read (or unread) as one undoable
// action in one transaction; articles already so are left out of it.
func (u *User) SetRead(ctx context.Context, ids []string, read bool) (Action, error) {
	return u.setFlags(ctx, ids, FieldRead, read, pick(read, KindRead, KindUnread))
}

// SetStarred stars (or unstars) every article of ids as one action.
func (u *User) SetStarred(ctx context.Context, ids []string, starred bool) (Action, error) {
	return u.setFlags(ctx, ids, FieldStarred, starred, pick(starred, KindStar, KindUnstar))
}

// SetArchived archives (or unarchives) every article of ids as one action.
func (u *User) SetArchived(ctx context.Context, ids []string, archived bool) (Action, error) {
	return u.setFlags(ctx, ids, FieldArchived, archived, pick(archived, KindArchive, KindUnarchive))
}

// ArchiveRead archives those articles of ids that are read, as one action:
// the bulk "archive everything read in the current view", where ids is what
// the view shows (never hidden articles). One Undo reverts all of it.
func (u *User) ArchiveRead(ctx context.Context, ids []string) (Action, error) {
	return u.act(ctx, KindArchiveRead, "", func(rec *recorder) error {
		for _, id := range ids {
			read, err := rec.flag(id, FieldRead)
			if err != nil {
				return err
			}
			if read {
				if err := rec.setFlag(id, FieldArchived, true); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// Open records that the user opened article id: its last-opened time
// becomes now and, if it was unread, it is marked read. That is a side
// effect of opening, not an action of its own: the returned Action
// (KindOpen) carries the change but is not written to the undo log, so
// Undo after an open reverts what the user did before it.
func (u *User) Open(ctx context.Context, id string) (Action, error) {
	return u.act(ctx, KindOpen, "", func(rec *recorder) error {
		rec.sideEffect = true
		if err := rec.ensure(id); err != nil {
			return err
		}
		if err := rec.tx.SetOpened(rec.ctx, rec.user, id, rec.now); err != nil {
			return err
		}
		return rec.setFlag(id, FieldRead, true)
	})
}

// AddTag adds tag (cleaned by [NormalizeTag]) to every article of ids as
// one action; the returned Action's Arg is the tag as stored.
func (u *User) AddTag(ctx context.Context, ids []string, tag string) (Action, error) {
	return u.tag(ctx, ids, tag, true)
}

// RemoveTag removes tag from every article of ids as one action.
func (u *User) RemoveTag(ctx context.Context, ids []string, tag string) (Action, error) {
	return u.tag(ctx, ids, tag, false)
}

// tag adds or removes a tag on ids.
func (u *User) tag(ctx context.Context, ids []string, tag string, present bool) (Action, error) {
	t, err := NormalizeTag(tag)
	if err != nil {
		return Action{}, err
	}
	return u.act(ctx, pick(present, KindTag, KindUntag), t, func(rec *recorder) error {
		for _, id := range ids {
			if err := rec.setTag(id, t, present); err != nil {
				return err
			}
		}
		return nil
	})
}

// SetNote sets the note of article id; "" clears it. The note is cleaned of
// control characters and trimmed, and may be at most MaxNoteRunes long.
func (u *User) SetNote(ctx context.Context, id, note string) (Action, error) {
	n, err := normalizeNote(note)
	if err != nil {
		return Action{}, err
	}
	return u.act(ctx, KindNote, "", func(rec *recorder) error {
		return rec.setNote(id, n)
	})
}

// pick returns a when cond holds, else b.
func pick[T any](cond bool, a, b T) T {
	if cond {
		return a
	}
	return b
}
