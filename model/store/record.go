package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// recorder applies state changes inside one write transaction and records
// every change that actually altered something, for the undo log. Its
// statements are prepared once per transaction, so a bulk action over
// thousands of articles costs one prepare per statement kind.
type recorder struct {
	ctx     context.Context
	s       *Store
	tx      *sql.Tx
	user    string
	now     int64
	stmts   map[string]*sql.Stmt
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

// newRecorder returns a recorder writing as user in tx of s, stamping
// times now (Unix milliseconds).
func newRecorder(ctx context.Context, s *Store, tx *sql.Tx, user string, now int64) *recorder {
	return &recorder{ctx: ctx, s: s, tx: tx, user: user, now: now, stmts: map[string]*sql.Stmt{}}
}

// close releases the prepared statements.
func (r *recorder) close() {
	for _, st := range r.stmts {
		st.Close()
	}
}

// stmt returns query as a statement of the transaction: one of the
// Store's prepared hot-path statements bound to tx (database/sql reuses the
// compiled statement, since tx runs on the writer's single connection), or
// else prepared in tx on first use.
func (r *recorder) stmt(query string) (*sql.Stmt, error) {
	if st, ok := r.stmts[query]; ok {
		return st, nil
	}
	var (
		st  *sql.Stmt
		err error
	)
	if pre, ok := r.s.stmts[query]; ok {
		st = r.tx.StmtContext(r.ctx, pre)
	} else if st, err = r.tx.PrepareContext(r.ctx, query); err != nil {
		return nil, err
	}
	r.stmts[query] = st
	return st, nil
}

// hotQueries lists the statements actions run, for Store.prepare.
func hotQueries() []string {
	q := []string{
		qEnsure, qNote, qSetNote, qTagAdd, qTagDel, qTagsColumn, qMark, qMarkDel, qMarkSet,
		qLastOpened, qActionInsert, qChangeInsert, qTrimLog,
	}
	for _, f := range []Field{FieldRead, FieldStarred, FieldArchived} {
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
	qMark    = `SELECT mark FROM quote_mark WHERE user = ? AND article_id = ? AND quote_key = ?`
	qMarkDel = `DELETE FROM quote_mark WHERE user = ? AND article_id = ? AND quote_key = ?`
	qMarkSet = `INSERT INTO quote_mark (user, article_id, quote_key, mark, marked_at) VALUES (?1, ?2, ?3, ?4, ?5)
		ON CONFLICT DO UPDATE SET mark = ?4, marked_at = ?5`
	qLastOpened   = `UPDATE article_state SET last_opened = ? WHERE user = ? AND article_id = ?`
	qActionInsert = `INSERT INTO action (user, kind, arg, count, at) VALUES (?, ?, ?, ?, ?)`
	qChangeInsert = `INSERT INTO action_change (action_id, seq, article_id, field, key, old, new)
		VALUES (?, ?, ?, ?, ?, ?, ?)`
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

// exec runs query with args and returns the number of rows it changed.
func (r *recorder) exec(query string, args ...any) (int64, error) {
	st, err := r.stmt(query)
	if err != nil {
		return 0, err
	}
	res, err := st.ExecContext(r.ctx, args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
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
	_, err := r.exec(qEnsure, r.user, id, r.now)
	return err
}

// column maps a boolean Field to its article_state column.
func column(f Field) (string, error) {
	switch f {
	case FieldRead:
		return "read", nil
	case FieldStarred:
		return "starred", nil
	case FieldArchived:
		return "archived", nil
	}
	return "", fmt.Errorf("field %q is not a flag", f)
}

// flag reads a boolean field of id; false for an article without state.
func (r *recorder) flag(id string, f Field) (bool, error) {
	col, err := column(f)
	if err != nil {
		return false, err
	}
	st, err := r.stmt(qFlag(col))
	if err != nil {
		return false, err
	}
	var v bool
	err = st.QueryRowContext(r.ctx, r.user, id).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return v, err
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
	col, err := column(f)
	if err != nil {
		return err
	}
	if err := r.ensure(id); err != nil {
		return err
	}
	n, err := r.exec(qSetFlag(col), r.user, id, v)
	if err != nil || n == 0 {
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
	st, err := r.stmt(qNote)
	if err != nil {
		return err
	}
	var old string
	if err := st.QueryRowContext(r.ctx, r.user, id).Scan(&old); err != nil {
		return err
	}
	if old == note {
		return nil
	}
	if _, err := r.exec(qSetNote, note, r.user, id); err != nil {
		return err
	}
	r.changes = append(r.changes, Change{ArticleID: id, Field: FieldNote, Old: old, New: note})
	return nil
}

// setTag adds (present) or removes tag on id, recording the change if the
// article did not already have it that way.
func (r *recorder) setTag(id, tag string, present bool) error {
	var (
		n   int64
		err error
	)
	if present {
		if err := r.ensure(id); err != nil {
			return err
		}
		n, err = r.exec(qTagAdd, r.user, id, tag)
	} else {
		n, err = r.exec(qTagDel, r.user, id, tag)
	}
	if err != nil || n == 0 {
		return err
	}
	if _, err := r.exec(qTagsColumn, r.user, id); err != nil {
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
	old, err := r.mark(id, key)
	if err != nil || old == m {
		return err
	}
	if m == MarkNone {
		_, err = r.exec(qMarkDel, r.user, id, key)
	} else {
		_, err = r.exec(qMarkSet, r.user, id, key, string(m), r.now)
	}
	if err != nil {
		return err
	}
	r.changes = append(r.changes, Change{ArticleID: id, Field: FieldQuote, Key: key, Old: string(old), New: string(m)})
	return nil
}

// mark reads the mark of quote key of article id; MarkNone when unmarked.
func (r *recorder) mark(id, key string) (Mark, error) {
	st, err := r.stmt(qMark)
	if err != nil {
		return MarkNone, err
	}
	var m string
	err = st.QueryRowContext(r.ctx, r.user, id, key).Scan(&m)
	if errors.Is(err, sql.ErrNoRows) {
		return MarkNone, nil
	}
	return Mark(m), err
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
