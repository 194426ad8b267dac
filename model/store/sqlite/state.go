package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/brief-reader/brief/model/store"
)

// Separators in aggregated query results; notes and tags never contain
// control characters other than newline (see NormalizeTag and SetNote).
const (
	tagSep  = "\x1f" // between tags
	noteSep = "\x1e" // between the note and the tags
)

// stateColumns selects an store.ArticleState row of article_state s in four
// columns, the fewest that carry it, since reading 100,000 states costs
// mostly per column: the ID; first seen (Unix milliseconds, under 2^44)
// shifted left by three with the three flags in the low bits; last opened;
// and NULL for an article with neither note nor tags (the common case),
// else the note, a noteSep and the tags. The tags come from the row's own
// tags column, which the store keeps equal to the article's rows in the
// tag table (see qTagsColumn), so no per-row lookup of that table is needed.
const stateColumns = `s.article_id,
	(s.first_seen << 3) | s.read | (s.starred << 1) | (s.archived << 2),
	s.last_opened,
	CASE WHEN s.note = '' AND s.tags = '' THEN NULL ELSE s.note || char(30) || s.tags END`

// Bits of the packed second column of stateColumns.
const (
	bitRead     = 1
	bitStarred  = 2
	bitArchived = 4
	flagBits    = 3
)

// scanState scans one row selected with stateColumns.
func scanState(sc scanner) (store.ArticleState, error) {
	var (
		st          store.ArticleState
		packed, opd int64
		extra       sql.NullString
	)
	if err := sc.Scan(&st.ID, &packed, &opd, &extra); err != nil {
		return st, err
	}
	st.Read, st.Starred, st.Archived = packed&bitRead != 0, packed&bitStarred != 0, packed&bitArchived != 0
	st.FirstSeen, st.LastOpened = fromMillis(packed>>flagBits), fromMillis(opd)
	if extra.Valid {
		note, tags, hasTags := strings.Cut(extra.String, noteSep)
		st.Note = note
		if hasTags && tags != "" {
			st.Tags = strings.Split(tags, tagSep) // stored sorted
		}
	}
	return st, nil
}

// State implements [store.StateReader].
func (db *DB) State(ctx context.Context, user, id string) (store.ArticleState, error) {
	row := db.r.QueryRowContext(ctx, `SELECT `+stateColumns+`
		FROM article_state s WHERE s.user = ? AND s.article_id = ?`, user, id)
	st, err := scanState(row)
	if errors.Is(err, sql.ErrNoRows) {
		return store.ArticleState{ID: id}, nil
	}
	return st, err
}

// States implements [store.StateReader] in one query.
func (db *DB) States(ctx context.Context, user string) (map[string]store.ArticleState, error) {
	// The rows come back packed into one long string, records split by
	// recSep and fields by fieldSep, because the driver's cost per row
	// returned is most of the cost of reading 100,000 states one by one.
	// IDs, notes and tags hold no control character but newline.
	rows, err := db.r.QueryContext(ctx, `SELECT count(*), coalesce(group_concat(
		s.article_id || char(28) || ((s.first_seen << 3) | s.read | (s.starred << 1) | (s.archived << 2)) ||
		char(28) || s.last_opened || char(28) ||
		CASE WHEN s.note = '' AND s.tags = '' THEN '' ELSE s.note || char(30) || s.tags END, char(29)), '')
		FROM article_state s WHERE s.user = ?`, user)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out map[string]store.ArticleState
	for rows.Next() {
		var n int
		var packed string
		if err := rows.Scan(&n, &packed); err != nil {
			return nil, err
		}
		out = make(map[string]store.ArticleState, n)
		if n == 0 {
			break
		}
		for rec := range strings.SplitSeq(packed, recSep) {
			st, err := parseState(rec)
			if err != nil {
				return nil, err
			}
			out[st.ID] = st
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if out == nil {
		out = map[string]store.ArticleState{}
	}
	return out, nil
}

// Separators of the packed form States reads.
const (
	fieldSep = "\x1c"
	recSep   = "\x1d"
)

// parseState reads one record of the packed form: ID, packed flags and
// first seen, last opened, and the note and tags (or "").
func parseState(rec string) (store.ArticleState, error) {
	var st store.ArticleState
	id, rest, ok1 := strings.Cut(rec, fieldSep)
	flags, rest, ok2 := strings.Cut(rest, fieldSep)
	opened, extra, ok3 := strings.Cut(rest, fieldSep)
	if !ok1 || !ok2 || !ok3 {
		return st, fmt.Errorf("malformed state record %q", rec)
	}
	packed, err1 := strconv.ParseInt(flags, 10, 64)
	opd, err2 := strconv.ParseInt(opened, 10, 64)
	if err1 != nil || err2 != nil {
		return st, fmt.Errorf("malformed state record %q", rec)
	}
	st.ID = id
	st.Read, st.Starred, st.Archived = packed&bitRead != 0, packed&bitStarred != 0, packed&bitArchived != 0
	st.FirstSeen, st.LastOpened = fromMillis(packed>>flagBits), fromMillis(opd)
	if extra != "" {
		note, tags, hasTags := strings.Cut(extra, noteSep)
		st.Note = note
		if hasTags && tags != "" {
			st.Tags = strings.Split(tags, tagSep) // stored sorted
		}
	}
	return st, nil
}

// Tags implements [store.StateReader].
func (db *DB) Tags(ctx context.Context, user string) ([]store.TagCount, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT tag, count(*) FROM tag WHERE user = ? GROUP BY tag`, user)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.TagCount
	for rows.Next() {
		var tc store.TagCount
		if err := rows.Scan(&tc.Tag, &tc.Count); err != nil {
			return nil, err
		}
		out = append(out, tc)
	}
	return out, rows.Err()
}

// History implements [store.StateReader].
func (db *DB) History(ctx context.Context, user string, limit int) ([]store.Action, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT id, kind, arg, count, at FROM action
		WHERE user = ? ORDER BY id DESC LIMIT ?`, user, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.Action
	for rows.Next() {
		var (
			a  store.Action
			at int64
		)
		if err := rows.Scan(&a.ID, &a.Kind, &a.Arg, &a.Count, &at); err != nil {
			return nil, err
		}
		a.At = fromMillis(at)
		out = append(out, a)
	}
	return out, rows.Err()
}
