package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/brief-reader/brief/model/store"
)

// txn is a write transaction, the [store.Tx] of this backend. Its
// statements are bound once per transaction, so a bulk action over
// thousands of articles costs one bind per statement kind.
type txn struct {
	db    *DB
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
}

// close releases the statements bound to the transaction.
func (t *txn) close() {
	for _, st := range t.stmts {
		st.Close()
	}
}

// stmt returns query as a statement of the transaction: one of the DB's
// prepared hot-path statements bound to tx (database/sql reuses the
// compiled statement, since tx runs on the writer's single connection), or
// else prepared in tx on first use.
func (t *txn) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := t.stmts[query]; ok {
		return st, nil
	}
	var (
		st  *sql.Stmt
		err error
	)
	if pre, ok := t.db.stmts[query]; ok {
		st = t.tx.StmtContext(ctx, pre)
	} else if st, err = t.tx.PrepareContext(ctx, query); err != nil {
		return nil, err
	}
	t.stmts[query] = st
	return st, nil
}

// exec runs query with args and returns the number of rows it changed.
func (t *txn) exec(ctx context.Context, query string, args ...any) (int64, error) {
	st, err := t.stmt(ctx, query)
	if err != nil {
		return 0, err
	}
	res, err := st.ExecContext(ctx, args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// hotQueries lists the statements actions run, for DB.prepare.
func hotQueries() []string {
	q := []string{
		qEnsure, qNote, qSetNote, qTagAdd, qTagDel, qTagsColumn, qMark, qMarkDel, qMarkSet,
		qLastOpened, qActionInsert, qChangeInsert, qTrimLog, qAudit,
	}
	for _, f := range []store.Field{store.FieldRead, store.FieldStarred, store.FieldArchived} {
		col, _ := column(f)
		q = append(q, qFlag(col), qSetFlag(col))
	}
	return q
}

// The statements of actions.
const (
	qEnsure = `INSERT INTO article_state (user, article_id, first_seen) VALUES (?, ?, ?)
		ON CONFLICT DO NOTHING`
	qNote    = `SELECT note FROM article_state WHERE user = ? AND article_id = ?`
	qSetNote = `UPDATE article_state SET note = ? WHERE user = ? AND article_id = ?`
	qTagAdd  = `INSERT INTO tag (user, article_id, tag) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`
	qTagDel  = `DELETE FROM tag WHERE user = ? AND article_id = ? AND tag = ?`
	// qTagsColumn keeps the row's tags column, read by States, equal to
	// the article's tag rows.
	qTagsColumn = `UPDATE article_state SET tags = coalesce((SELECT group_concat(tag, char(31) ORDER BY tag)
		FROM tag WHERE user = ?1 AND article_id = ?2), '') WHERE user = ?1 AND article_id = ?2`
	qMark = `SELECT mark, reviewer, marked_at FROM review_mark
		WHERE scope = ? AND article_id = ? AND quote_key = ?`
	qMarkDel = `DELETE FROM review_mark WHERE scope = ? AND article_id = ? AND quote_key = ?`
	qMarkSet = `INSERT INTO review_mark (scope, article_id, quote_key, mark, reviewer, marked_at)
		VALUES (?1, ?2, ?3, ?4, ?5, ?6)
		ON CONFLICT DO UPDATE SET mark = ?4, reviewer = ?5, marked_at = ?6`
	qAudit = `INSERT INTO review_audit (at, user, reviewer, origin, scope, article_id, article_title, quote_key,
		quote_text, field, old, new, undo) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	qLastOpened   = `UPDATE article_state SET last_opened = ? WHERE user = ? AND article_id = ?`
	qActionInsert = `INSERT INTO action (user, session, kind, arg, count, at) VALUES (?, ?, ?, ?, ?, ?)`
	qChangeInsert = `INSERT INTO action_change (action_id, seq, article_id, field, key, scope, old, new)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
	// qTrimLog drops a user's actions beyond the newest ?2.
	qTrimLog = `DELETE FROM action WHERE user = ?1 AND id <=
		(SELECT id FROM action WHERE user = ?1 ORDER BY id DESC LIMIT 1 OFFSET ?2)`
)

// qFlag reads the boolean column col of one state row.
func qFlag(col string) string {
	return `SELECT ` + col + ` FROM article_state WHERE user = ? AND article_id = ?`
}

// qSetFlag sets the boolean column col of one state row to ?3 when it is
// not that already.
func qSetFlag(col string) string {
	return `UPDATE article_state SET ` + col + ` = ?3 WHERE user = ?1 AND article_id = ?2 AND ` + col + ` != ?3`
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

// Lock implements [store.Tx]: an IMMEDIATE transaction already holds the
// database's only write lock.
func (t *txn) Lock(context.Context, ...string) error { return nil }

// AddState implements [store.Tx].
func (t *txn) AddState(ctx context.Context, user, id string, at time.Time) (bool, error) {
	n, err := t.exec(ctx, qEnsure, user, id, millis(at))
	return n > 0, err
}

// Flag implements [store.Tx].
func (t *txn) Flag(ctx context.Context, user, id string, f store.Field) (bool, error) {
	col, err := column(f)
	if err != nil {
		return false, err
	}
	st, err := t.stmt(ctx, qFlag(col))
	if err != nil {
		return false, err
	}
	var v bool
	err = st.QueryRowContext(ctx, user, id).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
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
	n, err := t.exec(ctx, qSetFlag(col), user, id, v)
	return n > 0, err
}

// Note implements [store.Tx].
func (t *txn) Note(ctx context.Context, user, id string) (string, error) {
	st, err := t.stmt(ctx, qNote)
	if err != nil {
		return "", err
	}
	var note string
	err = st.QueryRowContext(ctx, user, id).Scan(&note)
	return note, err
}

// SetNote implements [store.Tx].
func (t *txn) SetNote(ctx context.Context, user, id, note string) error {
	_, err := t.exec(ctx, qSetNote, note, user, id)
	return err
}

// SetTag implements [store.Tx], keeping the state row's tags column equal
// to its tag rows.
func (t *txn) SetTag(ctx context.Context, user, id, tag string, present bool) (bool, error) {
	q := qTagDel
	if present {
		q = qTagAdd
	}
	n, err := t.exec(ctx, q, user, id, tag)
	if err != nil || n == 0 {
		return false, err
	}
	_, err = t.exec(ctx, qTagsColumn, user, id)
	return err == nil, err
}

// SetOpened implements [store.Tx].
func (t *txn) SetOpened(ctx context.Context, user, id string, at time.Time) error {
	_, err := t.exec(ctx, qLastOpened, millis(at), user, id)
	return err
}

// Mark implements [store.Tx].
func (t *txn) Mark(ctx context.Context, scope, id, key string) (store.ReviewMark, error) {
	st, err := t.stmt(ctx, qMark)
	if err != nil {
		return store.ReviewMark{}, err
	}
	var (
		m  store.ReviewMark
		at int64
	)
	err = st.QueryRowContext(ctx, scope, id, key).Scan(&m.Mark, &m.Reviewer, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return store.ReviewMark{}, nil
	}
	m.At = fromMillis(at)
	return m, err
}

// SetMark implements [store.Tx].
func (t *txn) SetMark(ctx context.Context, scope, id, key string, m store.ReviewMark) error {
	var err error
	if m.Mark == store.MarkNone {
		_, err = t.exec(ctx, qMarkDel, scope, id, key)
	} else {
		_, err = t.exec(ctx, qMarkSet, scope, id, key, string(m.Mark), m.Reviewer, millis(m.At))
	}
	return err
}

// QuoteNote implements [store.Tx].
func (t *txn) QuoteNote(ctx context.Context, scope, id, key string) (store.QuoteNote, error) {
	var (
		n  store.QuoteNote
		at int64
	)
	err := t.tx.QueryRowContext(ctx, `SELECT note, reviewer, noted_at FROM quote_note
		WHERE scope = ? AND article_id = ? AND quote_key = ?`, scope, id, key).Scan(&n.Note, &n.Reviewer, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return store.QuoteNote{}, nil
	}
	n.At = fromMillis(at)
	return n, err
}

// SetQuoteNote implements [store.Tx].
func (t *txn) SetQuoteNote(ctx context.Context, scope, id, key string, n store.QuoteNote) error {
	var err error
	if n.Note == "" {
		_, err = t.tx.ExecContext(ctx, `DELETE FROM quote_note WHERE scope = ? AND article_id = ? AND quote_key = ?`,
			scope, id, key)
	} else {
		_, err = t.tx.ExecContext(ctx, `INSERT INTO quote_note (scope, article_id, quote_key, note, reviewer, noted_at)
			VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO UPDATE SET note = ?4, reviewer = ?5, noted_at = ?6`,
			scope, id, key, n.Note, n.Reviewer, millis(n.At))
	}
	return err
}

// Correction implements [store.Tx].
func (t *txn) Correction(ctx context.Context, scope, id, key string) (*store.Correction, error) {
	var (
		c  store.Correction
		at int64
	)
	err := t.tx.QueryRowContext(ctx, `SELECT paragraph, quote_text, speaker, role, reviewer, corrected_at
		FROM speaker_correction WHERE scope = ? AND article_id = ? AND quote_key = ?`, scope, id, key).
		Scan(&c.Paragraph, &c.Text, &c.Speaker, &c.Role, &c.Reviewer, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	c.At = fromMillis(at)
	return &c, err
}

// SetCorrection implements [store.Tx].
func (t *txn) SetCorrection(ctx context.Context, scope, id, key string, c *store.Correction) error {
	var err error
	if c == nil {
		_, err = t.tx.ExecContext(ctx, `DELETE FROM speaker_correction
			WHERE scope = ? AND article_id = ? AND quote_key = ?`, scope, id, key)
	} else {
		_, err = t.tx.ExecContext(ctx, `INSERT INTO speaker_correction
			(scope, article_id, quote_key, paragraph, quote_text, speaker, role, reviewer, corrected_at)
			VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT DO UPDATE SET
			paragraph = ?4, quote_text = ?5, speaker = ?6, role = ?7, reviewer = ?8, corrected_at = ?9`,
			scope, id, key, c.Paragraph, c.Text, c.Speaker, c.Role, c.Reviewer, millis(c.At))
	}
	return err
}

// AppendAudit implements [store.Tx]; other processes read the audit
// log itself (see DB.Listen).
func (t *txn) AppendAudit(ctx context.Context, c store.ReviewChange) (int64, error) {
	st, err := t.stmt(ctx, qAudit)
	if err != nil {
		return 0, err
	}
	res, err := st.ExecContext(ctx, millis(c.At), c.User, c.Reviewer, c.Origin, c.Scope, c.ArticleID, c.ArticleTitle, c.Key,
		c.QuoteText, string(c.Field), c.Old, c.New, c.Undo)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// AddAction implements [store.Tx].
func (t *txn) AddAction(ctx context.Context, user, session string, a store.Action, keep int) (int64, error) {
	ins, err := t.stmt(ctx, qActionInsert)
	if err != nil {
		return 0, err
	}
	res, err := ins.ExecContext(ctx, user, session, string(a.Kind), a.Arg, a.Count, millis(a.At))
	if err != nil {
		return 0, err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	for i, c := range a.Changes {
		if _, err := t.exec(ctx, qChangeInsert, id, i, c.ArticleID, string(c.Field), c.Key, c.Scope, c.Old, c.New); err != nil {
			return 0, err
		}
	}
	if keep > 0 {
		if _, err := t.exec(ctx, qTrimLog, user, keep); err != nil {
			return 0, err
		}
	}
	return id, nil
}

// LastAction implements [store.Tx].
func (t *txn) LastAction(ctx context.Context, user, session string) (store.Action, bool, error) {
	var (
		a  store.Action
		at int64
	)
	// The session's own newest, else the newest of ended sessions: two
	// index lookups on (user, session, id).
	err := t.tx.QueryRowContext(ctx, `SELECT id, kind, arg, count, at FROM (
			SELECT * FROM (SELECT 0 AS pass, * FROM action WHERE user = ?1 AND session = ?2 ORDER BY id DESC LIMIT 1)
			UNION ALL
			SELECT * FROM (SELECT 1 AS pass, * FROM action WHERE user = ?1 AND session = '' ORDER BY id DESC LIMIT 1))
		ORDER BY pass LIMIT 1`, user, session).Scan(&a.ID, &a.Kind, &a.Arg, &a.Count, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return a, false, nil
	}
	if err != nil {
		return a, false, err
	}
	a.At = fromMillis(at)
	rows, err := t.tx.QueryContext(ctx, `SELECT article_id, field, key, scope, old, new FROM action_change
		WHERE action_id = ? ORDER BY seq`, a.ID)
	if err != nil {
		return a, false, err
	}
	defer rows.Close()
	for rows.Next() {
		var c store.Change
		if err := rows.Scan(&c.ArticleID, &c.Field, &c.Key, &c.Scope, &c.Old, &c.New); err != nil {
			return a, false, err
		}
		a.Changes = append(a.Changes, c)
	}
	return a, true, rows.Err()
}

// EndSession implements [store.Tx].
func (t *txn) EndSession(ctx context.Context, user, session string) error {
	_, err := t.tx.ExecContext(ctx, `UPDATE action SET session = '' WHERE user = ? AND session = ?`, user, session)
	return err
}

// DeleteAction implements [store.Tx].
func (t *txn) DeleteAction(ctx context.Context, id int64) error {
	_, err := t.tx.ExecContext(ctx, `DELETE FROM action WHERE id = ?`, id)
	return err
}
