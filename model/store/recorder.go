package store

import (
	"context"
	"fmt"
	"time"
)

// recorder applies state changes inside one write transaction and records
// every change that actually altered something, for the undo log.
type recorder struct {
	ctx      context.Context
	tx       Tx
	user     string
	reviewer string
	scope    string // the handle's review scope
	origin   string // the Store's, for the audit log and live updates
	session  string // the handle's
	undo     bool   // the changes revert earlier ones
	now      time.Time
	changes  []Change
	// reviews are the review changes made, for the audit log (written
	// as they are made) and the live subscribers (after the commit).
	reviews []ReviewChange
	locked  map[string]bool // quotes locked in this transaction
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

// quoteLock names the lock on the review of quote q in scope.
func quoteLock(scope string, q Quote) string {
	return "review:" + scope + "\x1f" + q.ArticleID + "\x1f" + q.Key
}

// lockQuote serialises the transaction with every other write to the
// review of quote q in scope, once per transaction: two reviewers acting
// on one quote at once never both read its old value, and its changes
// commit in the order of their Seq. Writes to other quotes go on in
// parallel.
func (r *recorder) lockQuote(scope string, q Quote) error {
	k := quoteLock(scope, q)
	if r.locked[k] {
		return nil
	}
	if err := r.tx.Lock(r.ctx, k); err != nil {
		return err
	}
	if r.locked == nil {
		r.locked = map[string]bool{}
	}
	r.locked[k] = true
	return nil
}

// review records a review change: in the undo log's changes, in the
// audit log, and for the subscribers.
func (r *recorder) review(scope string, q Quote, f Field, before, after string) error {
	r.changes = append(r.changes, Change{ArticleID: q.ArticleID, Field: f, Key: q.Key, Scope: scope, Old: before, New: after})
	c := ReviewChange{
		At: r.now, User: r.user, Reviewer: r.reviewer, Origin: r.origin, Session: r.session, Scope: scope,
		ArticleID: q.ArticleID, ArticleTitle: q.ArticleTitle, Key: q.Key, QuoteText: q.Text,
		Field: f, Old: before, New: after, Undo: r.undo,
	}
	seq, err := r.tx.AppendAudit(r.ctx, c)
	if err != nil {
		return err
	}
	c.Seq = seq
	r.reviews = append(r.reviews, c)
	return nil
}

// setMark sets the mark of quote q in scope (MarkNone clears it),
// recording the change if it differs.
func (r *recorder) setMark(scope string, q Quote, m Mark) error {
	if err := r.lockQuote(scope, q); err != nil {
		return err
	}
	old, err := r.tx.Mark(r.ctx, scope, q.ArticleID, q.Key)
	if err != nil || old.Mark == m {
		return err
	}
	if err := r.tx.SetMark(r.ctx, scope, q.ArticleID, q.Key, ReviewMark{Mark: m, Reviewer: r.reviewer, At: r.now}); err != nil {
		return err
	}
	return r.review(scope, q, FieldQuote, string(old.Mark), string(m))
}

// setQuoteNote sets the note on quote q in scope ("" removes it),
// recording the change if it differs.
func (r *recorder) setQuoteNote(scope string, q Quote, note string) error {
	if err := r.lockQuote(scope, q); err != nil {
		return err
	}
	old, err := r.tx.QuoteNote(r.ctx, scope, q.ArticleID, q.Key)
	if err != nil || old.Note == note {
		return err
	}
	if err := r.tx.SetQuoteNote(r.ctx, scope, q.ArticleID, q.Key, QuoteNote{Note: note, Reviewer: r.reviewer, At: r.now}); err != nil {
		return err
	}
	return r.review(scope, q, FieldQuoteNote, old.Note, note)
}

// setCorrection sets the correction of quote q in scope (nil removes
// it), recording the change if it differs.
func (r *recorder) setCorrection(scope string, q Quote, c *Correction) error {
	if err := r.lockQuote(scope, q); err != nil {
		return err
	}
	old, err := r.tx.Correction(r.ctx, scope, q.ArticleID, q.Key)
	if err != nil {
		return err
	}
	oldV, newV := encodeCorrection(old), encodeCorrection(c)
	if oldV == newV {
		return nil
	}
	if c != nil {
		c.Reviewer, c.At = r.reviewer, r.now
	}
	if err := r.tx.SetCorrection(r.ctx, scope, q.ArticleID, q.Key, c); err != nil {
		return err
	}
	return r.review(scope, q, FieldSpeaker, oldV, newV)
}

// dropMoved removes the correction q.CorrectedAs names, when it is not
// q's own: q is corrected afresh under its own key.
func (r *recorder) dropMoved(q Quote) error {
	if q.CorrectedAs == "" || q.CorrectedAs == q.Key {
		return nil
	}
	return r.setCorrection(r.scope, Quote{ArticleID: q.ArticleID, ArticleTitle: q.ArticleTitle, Key: q.CorrectedAs, Text: q.Text}, nil)
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
		return r.setMark(c.Scope, Quote{ArticleID: c.ArticleID, Key: c.Key}, Mark(c.Old))
	case FieldQuoteNote:
		return r.setQuoteNote(c.Scope, Quote{ArticleID: c.ArticleID, Key: c.Key}, c.Old)
	case FieldSpeaker:
		old, err := decodeCorrection(c.Old)
		if err != nil {
			return err
		}
		return r.setCorrection(c.Scope, Quote{ArticleID: c.ArticleID, Key: c.Key}, old)
	}
	return fmt.Errorf("undo log holds an unknown field %q", c.Field)
}
