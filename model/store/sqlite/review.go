package sqlite

import (
	"context"
	"time"

	"github.com/brief-reader/brief/model/store"
)

// Review implements [store.StateReader].
func (db *DB) Review(ctx context.Context, scope string) (store.Review, error) {
	r := store.Review{
		Marks:       map[store.QuoteRef]store.ReviewMark{},
		Notes:       map[store.QuoteRef]store.QuoteNote{},
		Corrections: map[store.QuoteRef]store.Correction{},
	}
	rows, err := db.r.QueryContext(ctx, `SELECT article_id, quote_key, mark, reviewer, marked_at
		FROM review_mark WHERE scope = ?`, scope)
	if err != nil {
		return r, err
	}
	for rows.Next() {
		var (
			ref store.QuoteRef
			m   store.ReviewMark
			at  int64
		)
		if err := rows.Scan(&ref.ArticleID, &ref.Key, &m.Mark, &m.Reviewer, &at); err != nil {
			rows.Close()
			return r, err
		}
		m.At = fromMillis(at)
		r.Marks[ref] = m
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return r, err
	}
	rows, err = db.r.QueryContext(ctx, `SELECT article_id, quote_key, note, reviewer, noted_at
		FROM quote_note WHERE scope = ?`, scope)
	if err != nil {
		return r, err
	}
	for rows.Next() {
		var (
			ref store.QuoteRef
			n   store.QuoteNote
			at  int64
		)
		if err := rows.Scan(&ref.ArticleID, &ref.Key, &n.Note, &n.Reviewer, &at); err != nil {
			rows.Close()
			return r, err
		}
		n.At = fromMillis(at)
		r.Notes[ref] = n
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return r, err
	}
	rows, err = db.r.QueryContext(ctx, `SELECT article_id, quote_key, paragraph, quote_text, speaker, role,
		reviewer, corrected_at FROM speaker_correction WHERE scope = ?`, scope)
	if err != nil {
		return r, err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			ref store.QuoteRef
			c   store.Correction
			at  int64
		)
		if err := rows.Scan(&ref.ArticleID, &ref.Key, &c.Paragraph, &c.Text, &c.Speaker, &c.Role, &c.Reviewer, &at); err != nil {
			return r, err
		}
		c.At = fromMillis(at)
		r.Corrections[ref] = c
	}
	return r, rows.Err()
}

// Audit implements [store.StateReader].
func (db *DB) Audit(ctx context.Context, since time.Time, after int64, fn func(store.ReviewChange) error) error {
	rows, err := db.r.QueryContext(ctx, `SELECT seq, at, user, reviewer, origin, scope, article_id, article_title,
		quote_key, quote_text, field, old, new, undo FROM review_audit WHERE at > ? AND seq > ? ORDER BY seq`,
		millis(since), after)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			c  store.ReviewChange
			at int64
		)
		if err := rows.Scan(&c.Seq, &at, &c.User, &c.Reviewer, &c.Origin, &c.Scope, &c.ArticleID, &c.ArticleTitle,
			&c.Key, &c.QuoteText, &c.Field, &c.Old, &c.New, &c.Undo); err != nil {
			return err
		}
		c.At = fromMillis(at)
		if err := fn(c); err != nil {
			return err
		}
	}
	return rows.Err()
}
