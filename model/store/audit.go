package store

import (
	"context"
	"fmt"
	"time"
)

// ReviewChange is one change to a quote's review: a line of the audit log
// and what live subscribers hear. Old and New are stored forms: a Mark
// for FieldQuote, the note for FieldQuoteNote, a correction for
// FieldSpeaker (read it with [ReviewChange.Correction]).
type ReviewChange struct {
	// Seq orders the changes: it grows with every change committed to
	// the database, so of two changes to one quote the later has the
	// greater Seq.
	Seq int64
	// At is when the change was made.
	At time.Time
	// User is the store user who made it; Reviewer the name shown for
	// them.
	User, Reviewer string
	// Origin names the Store (so, the process) that made it, Session
	// the session (User handle) within it; the audit log keeps Origin.
	Origin, Session string
	// Scope is the review scope changed: the user's name, or SharedScope.
	Scope string
	// ArticleID and Key name the quote. ArticleTitle and QuoteText say
	// which it was; an undo leaves them "" (the change it reverts, earlier
	// in the log, has them).
	ArticleID, ArticleTitle, Key, QuoteText string
	// Field is what changed: FieldQuote, FieldQuoteNote or FieldSpeaker.
	Field Field
	// Old and New are the values before and after.
	Old, New string
	// Undo is true for a change made by undoing an earlier one.
	Undo bool
	// Pending is true for a change a session of this Store is writing
	// now, heard before its transaction begins so that the Store's other
	// sessions can show it at once instead of after the database's round
	// trips: it has a New value but no Seq and no Old, is never in the
	// audit log, and only the Store's own subscribers hear it. Once the
	// write ends (committed, found to change nothing, or failed) a change
	// with Settled and the same Intent follows, after the committed change
	// if there is one.
	Pending, Settled bool
	// Intent ties a Pending change to its Settled one.
	Intent int64
}

// Ref returns the quote the change is about.
func (c ReviewChange) Ref() QuoteRef { return QuoteRef{ArticleID: c.ArticleID, Key: c.Key} }

// Correction decodes a stored correction value (Old or New of a
// FieldSpeaker change); nil for none.
func (c ReviewChange) Correction(v string) (*Correction, error) {
	cor, err := decodeCorrection(v)
	if cor != nil {
		cor.Reviewer, cor.At = c.Reviewer, c.At
	}
	return cor, err
}

// DescribeCorrection renders a stored correction value for people:
// "Speaker, Role", "(nobody)" for a quote set to no speaker, and "" for
// no correction (the analysis's speaker).
func DescribeCorrection(v string) string {
	c, err := decodeCorrection(v)
	switch {
	case err != nil:
		return v
	case c == nil:
		return ""
	case c.Speaker == "":
		return "(nobody)"
	case c.Role != "":
		return c.Speaker + ", " + c.Role
	}
	return c.Speaker
}

// Audit calls fn with every review change committed after since (all of
// them for the zero Time), oldest first. The audit log is append-only:
// the database refuses to change or delete its lines.
func (s *Store) Audit(ctx context.Context, since time.Time, fn func(ReviewChange) error) error {
	if err := s.b.Audit(ctx, since, 0, fn); err != nil {
		return fmt.Errorf("store: audit log: %w", err)
	}
	return nil
}
