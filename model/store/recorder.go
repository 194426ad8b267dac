package store

import (
	"context"
	"fmt"
	"time"
)

// recorder applies state changes inside one write transaction and records
// every change that actually altered something, for the undo log.
type recorder struct {
	ctx     context.Context
	tx      Tx
	user    string
	now     time.Time
	changes []Change
	// kind and arg describe the action for the undo log; an action whose
	// kind depends on the current state (a toggle) sets them as it runs.
	kind Kind
	arg  string
	// sideEffect marks changes made as a side effect of what the user
	// did (an open marking the article read): applied and reported, but
	// not written to the undo log.
	sideEffect bool
}

// articles counts the distinct articles among the recorded changes.
func (r *recorder) articles() int {
	seen := make(map[string]struct{}, len(r.changes))
	for _, c := range r.changes {
		seen[c.ArticleID] = struct{}{}
	}
	return len(seen)
}

// ensure creates the user's state row for id, first seen now, if missing.
func (r *recorder) ensure(id string) error {
	_, err := r.tx.AddState(r.ctx, r.user, id, r.now)
	return err
}

// isFlag reports whether f is one of the boolean fields.
func isFlag(f Field) bool {
	return f == FieldRead || f == FieldStarred || f == FieldArchived
}

// flag reads a boolean field of id; false for an article without state.
func (r *recorder) flag(id string, f Field) (bool, error) {
	if !isFlag(f) {
		return false, fmt.Errorf("field %q is not a flag", f)
	}
	return r.tx.Flag(r.ctx, r.user, id, f)
}

// bit is the undo-log form of a boolean.
func bit(v bool) string {
	if v {
		return "1"
	}
	return "0"
}

// setFlag sets a boolean field of id to v, recording the change if it was
// not v already.
func (r *recorder) setFlag(id string, f Field, v bool) error {
	if !isFlag(f) {
		return fmt.Errorf("field %q is not a flag", f)
	}
	if err := r.ensure(id); err != nil {
		return err
	}
	changed, err := r.tx.SetFlag(r.ctx, r.user, id, f, v)
	if err != nil || !changed {
		return err
	}
	r.changes = append(r.changes, Change{ArticleID: id, Field: f, Old: bit(!v), New: bit(v)})
	return nil
}

// setNote sets the note of id, recording the change if it differs.
func (r *recorder) setNote(id, note string) error {
	if err := r.ensure(id); err != nil {
		return err
	}
	old, err := r.tx.Note(r.ctx, r.user, id)
	if err != nil || old == note {
		return err
	}
	if err := r.tx.SetNote(r.ctx, r.user, id, note); err != nil {
		return err
	}
	r.changes = append(r.changes, Change{ArticleID: id, Field: FieldNote, Old: old, New: note})
	return nil
}

// setTag adds (present) or removes tag on id, recording the change if the
// article did not already have it that way.
func (r *recorder) setTag(id, tag string, present bool) error {
	if present {
		if err := r.ensure(id); err != nil {
			return err
		}
	}
	changed, err := r.tx.SetTag(r.ctx, r.user, id, tag, present)
	if err != nil || !changed {
		return err
	}
	r.changes = append(r.changes, Change{ArticleID: id, Field: FieldTag, Key: tag, Old: bit(!present), New: bit(present)})
	return nil
}

// setMark sets the mark of quote key of article id (MarkNone clears it),
// recording the change if it differs.
func (r *recorder) setMark(id, key string, m Mark) error {
	if err := r.ensure(id); err != nil {
		return err
	}
	old, err := r.tx.Mark(r.ctx, r.user, id, key)
	if err != nil || old == m {
		return err
	}
	if err := r.tx.SetMark(r.ctx, r.user, id, key, m, r.now); err != nil {
		return err
	}
	r.changes = append(r.changes, Change{ArticleID: id, Field: FieldQuote, Key: key, Old: string(old), New: string(m)})
	return nil
}

// restore puts back the old value of c (for Undo).
func (r *recorder) restore(c Change) error {
	switch c.Field {
	case FieldRead, FieldStarred, FieldArchived:
		return r.setFlag(c.ArticleID, c.Field, c.Old == "1")
	case FieldNote:
		return r.setNote(c.ArticleID, c.Old)
	case FieldTag:
		return r.setTag(c.ArticleID, c.Key, c.Old == "1")
	case FieldQuote:
		return r.setMark(c.ArticleID, c.Key, Mark(c.Old))
	}
	return fmt.Errorf("undo log holds an unknown field %q", c.Field)
}
