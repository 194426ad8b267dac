package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/brief-reader/brief/model/store"
)

// txn is a write transaction, the [store.Tx] of this backend. pgx
// prepares and caches each statement per connection on first use.
type txn struct {
	db *DB
	tx pgx.Tx
}

// column maps a boolean Field to its article_state column.
func column(f store.Field) (string, error) {
	switch f {
	case store.FieldRead:
		return "read", nil
	case store.FieldStarred:
		return "starred", nil
	case store.FieldArchived:
		return "archived", nil
	}
	return "", fmt.Errorf("field %q is not a flag", f)
}

// Lock implements [store.Tx] with a transaction-scoped advisory lock on a
// 64-bit hash of each scope, taken left to right in one statement.
func (t *txn) Lock(ctx context.Context, scopes ...string) error {
	if len(scopes) == 0 {
		return nil
	}
	var q strings.Builder
	args := make([]any, len(scopes))
	q.WriteString("SELECT ")
	for i, s := range scopes {
		if i > 0 {
			q.WriteString(", ")
		}
		fmt.Fprintf(&q, "pg_advisory_xact_lock(hashtextextended($%d, 0))", i+1)
		args[i] = s
	}
	_, err := t.tx.Exec(ctx, q.String(), args...)
	return err
}

// AddState implements [store.Tx].
func (t *txn) AddState(ctx context.Context, user, id string, at time.Time) (bool, error) {
	tag, err := t.tx.Exec(ctx, `INSERT INTO article_state (user_name, article_id, first_seen) VALUES ($1, $2, $3)
		ON CONFLICT DO NOTHING`, user, id, stamp(at))
	return tag.RowsAffected() > 0, err
}

// Flag implements [store.Tx].
func (t *txn) Flag(ctx context.Context, user, id string, f store.Field) (bool, error) {
	col, err := column(f)
	if err != nil {
		return false, err
	}
	var v bool
	err = t.tx.QueryRow(ctx, `SELECT `+col+` FROM article_state WHERE user_name = $1 AND article_id = $2`,
		user, id).Scan(&v)
	if errors.Is(err, pgx.ErrNoRows) {
		return false, nil
	}
	return v, err
}

// SetFlag implements [store.Tx].
func (t *txn) SetFlag(ctx context.Context, user, id string, f store.Field, v bool) (bool, error) {
	col, err := column(f)
	if err != nil {
		return false, err
	}
	tag, err := t.tx.Exec(ctx, `UPDATE article_state SET `+col+` = $3
		WHERE user_name = $1 AND article_id = $2 AND `+col+` <> $3`, user, id, v)
	return tag.RowsAffected() > 0, err
}

// Note implements [store.Tx].
func (t *txn) Note(ctx context.Context, user, id string) (string, error) {
	var note string
	err := t.tx.QueryRow(ctx, `SELECT note FROM article_state WHERE user_name = $1 AND article_id = $2`,
		user, id).Scan(&note)
	return note, err
}

// SetNote implements [store.Tx].
func (t *txn) SetNote(ctx context.Context, user, id, note string) error {
	_, err := t.tx.Exec(ctx, `UPDATE article_state SET note = $3 WHERE user_name = $1 AND article_id = $2`,
		user, id, note)
	return err
}

// SetTag implements [store.Tx]: the tags live in the state row's array,
// kept sorted bytewise.
func (t *txn) SetTag(ctx context.Context, user, id, tag string, present bool) (bool, error) {
	q := `UPDATE article_state SET tags = array_remove(tags, $3)
		WHERE user_name = $1 AND article_id = $2 AND $3 = ANY (tags)`
	if present {
		q = `UPDATE article_state SET tags = ARRAY(
				SELECT x FROM unnest(array_append(tags, $3)) AS x ORDER BY x COLLATE "C")
			WHERE user_name = $1 AND article_id = $2 AND NOT ($3 = ANY (tags))`
	}
	res, err := t.tx.Exec(ctx, q, user, id, tag)
	return res.RowsAffected() > 0, err
}

// SetOpened implements [store.Tx].
func (t *txn) SetOpened(ctx context.Context, user, id string, at time.Time) error {
	_, err := t.tx.Exec(ctx, `UPDATE article_state SET last_opened = $3 WHERE user_name = $1 AND article_id = $2`,
		user, id, stamp(at))
	return err
}

// Mark implements [store.Tx].
func (t *txn) Mark(ctx context.Context, scope, id, key string) (store.ReviewMark, error) {
	var (
		m  store.ReviewMark
		at *time.Time
	)
	err := t.tx.QueryRow(ctx, `SELECT mark, reviewer, marked_at FROM review_mark
		WHERE scope = $1 AND article_id = $2 AND quote_key = $3`, scope, id, key).Scan(&m.Mark, &m.Reviewer, &at)
	if errors.Is(err, pgx.ErrNoRows) {
		return store.ReviewMark{}, nil
	}
	m.At = unstamp(at)
	return m, err
}

// SetMark implements [store.Tx].
func (t *txn) SetMark(ctx context.Context, scope, id, key string, m store.ReviewMark) error {
	var err error
	if m.Mark == store.MarkNone {
		_, err = t.tx.Exec(ctx, `DELETE FROM review_mark WHERE scope = $1 AND article_id = $2 AND quote_key = $3`,
			scope, id, key)
	} else {
		_, err = t.tx.Exec(ctx, `INSERT INTO review_mark (scope, article_id, quote_key, mark, reviewer, marked_at)
			VALUES ($1, $2, $3, $4, $5, $6)
			ON CONFLICT (scope, article_id, quote_key) DO UPDATE SET mark = $4, reviewer = $5, marked_at = $6`,
			scope, id, key, string(m.Mark), m.Reviewer, stamp(m.At))
	}
	return err
}

// QuoteNote implements [store.Tx].
func (t *txn) QuoteNote(ctx context.Context, scope, id, key string) (store.QuoteNote, error) {
	var (
		n  store.QuoteNote
		at *time.Time
	)
	err := t.tx.QueryRow(ctx, `SELECT note, reviewer, noted_at FROM quote_note
		WHERE scope = $1 AND article_id = $2 AND quote_key = $3`, scope, id, key).Scan(&n.Note, &n.Reviewer, &at)
	if errors.Is(err, pgx.ErrNoRows) {
		return store.QuoteNote{}, nil
	}
	n.At = unstamp(at)
	return n, err
}

// SetQuoteNote implements [store.Tx].
func (t *txn) SetQuoteNote(ctx context.Context, scope, id, key string, n store.QuoteNote) error {
	var err error
	if n.Note == "" {
		_, err = t.tx.Exec(ctx, `DELETE FROM quote_note WHERE scope = $1 AND article_id = $2 AND quote_key = $3`,
			scope, id, key)
	} else {
		_, err = t.tx.Exec(ctx, `INSERT INTO quote_note (scope, article_id, quote_key, note, reviewer, noted_at)
			VALUES ($1, $2, $3, $4, $5, $6)
			ON CONFLICT (scope, article_id, quote_key) DO UPDATE SET note = $4, reviewer = $5, noted_at = $6`,
			scope, id, key, n.Note, n.Reviewer, stamp(n.At))
	}
	return err
}

// Correction implements [store.Tx].
func (t *txn) Correction(ctx context.Context, scope, id, key string) (*store.Correction, error) {
	var (
		c  store.Correction
		at *time.Time
	)
	err := t.tx.QueryRow(ctx, `SELECT paragraph, quote_text, speaker, role, reviewer, corrected_at
		FROM speaker_correction WHERE scope = $1 AND article_id = $2 AND quote_key = $3`, scope, id, key).
		Scan(&c.Paragraph, &c.Text, &c.Speaker, &c.Role, &c.Reviewer, &at)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil
	}
	c.At = unstamp(at)
	return &c, err
}

// SetCorrection implements [store.Tx].
func (t *txn) SetCorrection(ctx context.Context, scope, id, key string, c *store.Correction) error {
	var err error
	if c == nil {
		_, err = t.tx.Exec(ctx, `DELETE FROM speaker_correction
			WHERE scope = $1 AND article_id = $2 AND quote_key = $3`, scope, id, key)
	} else {
		_, err = t.tx.Exec(ctx, `INSERT INTO speaker_correction
			(scope, article_id, quote_key, paragraph, quote_text, speaker, role, reviewer, corrected_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
			ON CONFLICT (scope, article_id, quote_key) DO UPDATE SET
			paragraph = $4, quote_text = $5, speaker = $6, role = $7, reviewer = $8, corrected_at = $9`,
			scope, id, key, c.Paragraph, c.Text, c.Speaker, c.Role, c.Reviewer, stamp(c.At))
	}
	return err
}

// AppendAudit implements [store.Tx]: the line, and its notification
// (see Listen) carrying the Seq the line was given, in one statement.
func (t *txn) AppendAudit(ctx context.Context, c store.ReviewChange) (int64, error) {
	tail, err := noticeTail(c)
	if err != nil {
		return 0, err
	}
	var seq int64
	err = t.tx.QueryRow(ctx, `WITH line AS (
			INSERT INTO review_audit (at, user_name, reviewer, origin, scope, article_id,
				article_title, quote_key, quote_text, field, old, new, undo)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
			RETURNING seq)
		SELECT seq, pg_notify($14, '{"s":' || seq || ',' || $15) FROM line`,
		stamp(c.At), c.User, c.Reviewer, c.Origin, c.Scope, c.ArticleID, c.ArticleTitle, c.Key, c.QuoteText,
		string(c.Field), c.Old, c.New, c.Undo, t.db.channel, tail).Scan(&seq, nil)
	return seq, err
}

// AddAction implements [store.Tx]: the action, all its changes and the
// trimming of the log in one statement.
func (t *txn) AddAction(ctx context.Context, user, session string, a store.Action, keep int) (int64, error) {
	n := len(a.Changes)
	seq, art, field, key, scope, old, nu := make([]int32, n), make([]string, n), make([]string, n),
		make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	for i, c := range a.Changes {
		seq[i], art[i], field[i], key[i], scope[i], old[i], nu[i] = int32(i), c.ArticleID, string(c.Field), c.Key,
			c.Scope, c.Old, c.New
	}
	// The statement's parts see the log as it was before it: the newest
	// keep-1 earlier actions stay beside the new one.
	var id int64
	err := t.tx.QueryRow(ctx, `WITH act AS (
			INSERT INTO action (user_name, session, kind, arg, count, at)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id),
		changes AS (
			INSERT INTO action_change (action_id, seq, article_id, field, key, scope, old, new)
			SELECT act.id, ch.* FROM act, unnest($7::integer[], $8::text[], $9::text[], $10::text[], $11::text[],
				$12::text[], $13::text[]) AS ch),
		dropped AS (
			DELETE FROM action WHERE $14::integer > 0 AND user_name = $1 AND id <=
				(SELECT id FROM action WHERE user_name = $1 ORDER BY id DESC LIMIT 1 OFFSET greatest($14::integer - 1, 0)))
		SELECT id FROM act`,
		user, session, string(a.Kind), a.Arg, a.Count, stamp(a.At), seq, art, field, key, scope, old, nu, keep).Scan(&id)
	return id, err
}

// LastAction implements [store.Tx].
func (t *txn) LastAction(ctx context.Context, user, session string) (store.Action, bool, error) {
	var (
		a  store.Action
		at *time.Time
	)
	// The session's own newest, else the newest of ended sessions: two
	// index lookups on (user_name, session, id).
	err := t.tx.QueryRow(ctx, `SELECT id, kind, arg, count, at FROM (
			(SELECT 0 AS pass, * FROM action WHERE user_name = $1 AND session = $2 ORDER BY id DESC LIMIT 1)
			UNION ALL
			(SELECT 1 AS pass, * FROM action WHERE user_name = $1 AND session = '' ORDER BY id DESC LIMIT 1)) AS last
		ORDER BY pass LIMIT 1`, user, session).Scan(&a.ID, &a.Kind, &a.Arg, &a.Count, &at)
	if errors.Is(err, pgx.ErrNoRows) {
		return a, false, nil
	}
	if err != nil {
		return a, false, err
	}
	a.At = unstamp(at)
	rows, err := t.tx.Query(ctx, `SELECT article_id, field, key, scope, old, new FROM action_change
		WHERE action_id = $1 ORDER BY seq`, a.ID)
	if err != nil {
		return a, false, err
	}
	a.Changes, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.Change, error) {
		var c store.Change
		err := r.Scan(&c.ArticleID, &c.Field, &c.Key, &c.Scope, &c.Old, &c.New)
		return c, err
	})
	return a, err == nil, err
}

// EndSession implements [store.Tx].
func (t *txn) EndSession(ctx context.Context, user, session string) error {
	_, err := t.tx.Exec(ctx, `UPDATE action SET session = '' WHERE user_name = $1 AND session = $2`, user, session)
	return err
}

// DeleteAction implements [store.Tx].
func (t *txn) DeleteAction(ctx context.Context, id int64) error {
	_, err := t.tx.Exec(ctx, `DELETE FROM action WHERE id = $1`, id)
	return err
}
