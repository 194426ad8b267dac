package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/brief-reader/brief/model/store"
)

// Review implements [store.StateReader], in one round trip.
func (db *DB) Review(ctx context.Context, scope string) (store.Review, error) {
	r := store.Review{
		Marks:       map[store.QuoteRef]store.ReviewMark{},
		Notes:       map[store.QuoteRef]store.QuoteNote{},
		Corrections: map[store.QuoteRef]store.Correction{},
	}
	b := &pgx.Batch{}
	b.Queue(`SELECT article_id, quote_key, mark, reviewer, marked_at FROM review_mark WHERE scope = $1`, scope).
		Query(func(rows pgx.Rows) error {
			var (
				ref store.QuoteRef
				m   store.ReviewMark
				at  *time.Time
			)
			_, err := pgx.ForEachRow(rows, []any{&ref.ArticleID, &ref.Key, &m.Mark, &m.Reviewer, &at}, func() error {
				m.At = unstamp(at)
				r.Marks[ref] = m
				return nil
			})
			return err
		})
	b.Queue(`SELECT article_id, quote_key, note, reviewer, noted_at FROM quote_note WHERE scope = $1`, scope).
		Query(func(rows pgx.Rows) error {
			var (
				ref store.QuoteRef
				n   store.QuoteNote
				at  *time.Time
			)
			_, err := pgx.ForEachRow(rows, []any{&ref.ArticleID, &ref.Key, &n.Note, &n.Reviewer, &at}, func() error {
				n.At = unstamp(at)
				r.Notes[ref] = n
				return nil
			})
			return err
		})
	b.Queue(`SELECT article_id, quote_key, paragraph, quote_text, speaker, role, reviewer, corrected_at
		FROM speaker_correction WHERE scope = $1`, scope).
		Query(func(rows pgx.Rows) error {
			var (
				ref store.QuoteRef
				c   store.Correction
				at  *time.Time
			)
			_, err := pgx.ForEachRow(rows, []any{&ref.ArticleID, &ref.Key, &c.Paragraph, &c.Text, &c.Speaker,
				&c.Role, &c.Reviewer, &at}, func() error {
				c.At = unstamp(at)
				r.Corrections[ref] = c
				return nil
			})
			return err
		})
	err := db.pool.SendBatch(ctx, b).Close()
	return r, err
}

// Audit implements [store.StateReader].
func (db *DB) Audit(ctx context.Context, since time.Time, after int64, fn func(store.ReviewChange) error) error {
	var from any
	if !since.IsZero() {
		from = since
	}
	rows, err := db.pool.Query(ctx, `SELECT seq, at, user_name, reviewer, origin, scope, article_id, article_title,
		quote_key, quote_text, field, old, new, undo FROM review_audit
		WHERE ($1::timestamptz IS NULL OR at > $1) AND seq > $2 ORDER BY seq`, from, after)
	if err != nil {
		return err
	}
	var (
		c  store.ReviewChange
		at *time.Time
	)
	_, err = pgx.ForEachRow(rows, []any{&c.Seq, &at, &c.User, &c.Reviewer, &c.Origin, &c.Scope, &c.ArticleID, &c.ArticleTitle,
		&c.Key, &c.QuoteText, &c.Field, &c.Old, &c.New, &c.Undo}, func() error {
		c.At = unstamp(at)
		return fn(c)
	})
	return err
}
