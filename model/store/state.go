package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// ErrNoUser is returned by every method of a [User] handle made with an
// empty name.
var ErrNoUser = errors.New("store: empty user name")

// User is a handle on one user's state in a Store: every read and every
// action through it is scoped to that user. Handles are cheap values; make
// one per program (locally) or per SSH session. Two handles with the same
// name, in one process or in two, see and undo the same state.
type User struct {
	s    *Store
	name string
}

// User returns the handle for the user called name: [LocalUser] for the
// local program, the SSH public key fingerprint over SSH.
func (s *Store) User(name string) *User { return &User{s: s, name: name} }

// Name returns the user's name.
func (u *User) Name() string { return u.name }

// check reports ErrNoUser for a handle with an empty name.
func (u *User) check() error {
	if u.name == "" {
		return ErrNoUser
	}
	return nil
}

// ArticleState is one user's triage state of one article. The zero value
// (with ID set) is the state of an article the user has never touched:
// unread, not starred, not archived, no tags, no note.
type ArticleState struct {
	// ID is the article's identity (see [IDOf]).
	ID string
	// Read is true once the article was opened or marked read.
	Read bool
	// Starred is true for a starred article.
	Starred bool
	// Archived is true for an archived article (out of the Inbox).
	Archived bool
	// Tags are the user's tags on the article, sorted.
	Tags []string
	// Note is the user's short note, or "".
	Note string
	// FirstSeen is when the store first heard of the article for this user
	// (through [User.Seen] or a first action); the zero Time if never.
	FirstSeen time.Time
	// LastOpened is when the article was last opened; the zero Time if
	// never.
	LastOpened time.Time
}

// HasTag reports whether the article carries tag.
func (st ArticleState) HasTag(tag string) bool {
	_, found := slices.BinarySearch(st.Tags, tag)
	return found
}

// Separators in aggregated query results; notes and tags never contain
// control characters other than newline (see NormalizeTag and SetNote).
const (
	tagSep  = "\x1f" // between tags
	noteSep = "\x1e" // between the note and the tags
)

// stateColumns selects an ArticleState row of article_state s in four
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
func scanState(sc scanner) (ArticleState, error) {
	var (
		st          ArticleState
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

// State returns the user's state of article id; an article the user never
// touched has the zero state.
func (u *User) State(ctx context.Context, id string) (ArticleState, error) {
	if err := u.check(); err != nil {
		return ArticleState{}, err
	}
	return u.state(ctx, u.s.r, id)
}

// state reads one state through q (the readers, or a write transaction).
func (u *User) state(ctx context.Context, q querier, id string) (ArticleState, error) {
	row := q.QueryRowContext(ctx, `SELECT `+stateColumns+`
		FROM article_state s WHERE s.user = ? AND s.article_id = ?`, u.name, id)
	st, err := scanState(row)
	if errors.Is(err, sql.ErrNoRows) {
		return ArticleState{ID: id}, nil
	}
	if err != nil {
		return ArticleState{}, fmt.Errorf("store: state of %s: %w", id, err)
	}
	return st, nil
}

// States returns the state of every article the user has a state for,
// keyed by article ID, in one query. Articles missing from the map have
// the zero state.
func (u *User) States(ctx context.Context) (map[string]ArticleState, error) {
	if err := u.check(); err != nil {
		return nil, err
	}
	// The rows come back packed into one long string, records split by
	// recSep and fields by fieldSep, because the driver's cost per row
	// returned is most of the cost of reading 100,000 states one by one.
	// IDs, notes and tags hold no control character but newline.
	rows, err := u.s.r.QueryContext(ctx, `SELECT count(*), coalesce(group_concat(
		s.article_id || char(28) || ((s.first_seen << 3) | s.read | (s.starred << 1) | (s.archived << 2)) ||
		char(28) || s.last_opened || char(28) ||
		CASE WHEN s.note = '' AND s.tags = '' THEN '' ELSE s.note || char(30) || s.tags END, char(29)), '')
		FROM article_state s WHERE s.user = ?`, u.name)
	if err != nil {
		return nil, fmt.Errorf("store: states: %w", err)
	}
	defer rows.Close()
	var out map[string]ArticleState
	for rows.Next() {
		var n int
		var packed string
		if err := rows.Scan(&n, &packed); err != nil {
			return nil, fmt.Errorf("store: states: %w", err)
		}
		out = make(map[string]ArticleState, n)
		if n == 0 {
			break
		}
		for rec := range strings.SplitSeq(packed, recSep) {
			st, err := parseState(rec)
			if err != nil {
				return nil, fmt.Errorf("store: states: %w", err)
			}
			out[st.ID] = st
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: states: %w", err)
	}
	if out == nil {
		out = map[string]ArticleState{}
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
func parseState(rec string) (ArticleState, error) {
	var st ArticleState
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

// TagCount is a tag and how many of the user's articles carry it.
type TagCount struct {
	// Tag is the tag as the user wrote it.
	Tag string
	// Count is the number of articles tagged with it.
	Count int
}

// Tags returns the user's tags with their article counts, most used first
// (ties by name): for tag completion and the tag tab bar.
func (u *User) Tags(ctx context.Context) ([]TagCount, error) {
	if err := u.check(); err != nil {
		return nil, err
	}
	rows, err := u.s.r.QueryContext(ctx, `SELECT tag, count(*) AS n FROM tag
		WHERE user = ? GROUP BY tag ORDER BY n DESC, tag`, u.name)
	if err != nil {
		return nil, fmt.Errorf("store: tags: %w", err)
	}
	defer rows.Close()
	var out []TagCount
	for rows.Next() {
		var tc TagCount
		if err := rows.Scan(&tc.Tag, &tc.Count); err != nil {
			return nil, fmt.Errorf("store: tags: %w", err)
		}
		out = append(out, tc)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: tags: %w", err)
	}
	return out, nil
}

// Mark is a user's mark on a quote.
type Mark string

// The quote marks; MarkNone clears a mark.
const (
	MarkNone    Mark = ""
	MarkChecked Mark = "checked"
	MarkFlagged Mark = "flagged"
	MarkStarred Mark = "starred"
)

// Valid reports whether m is one of the defined marks (MarkNone included).
func (m Mark) Valid() bool {
	switch m {
	case MarkNone, MarkChecked, MarkFlagged, MarkStarred:
		return true
	}
	return false
}

// QuoteRef names one quote: its article and its [QuoteKey].
type QuoteRef struct {
	// ArticleID is the identity of the quote's article.
	ArticleID string
	// Key is the quote's QuoteKey.
	Key string
}

// QuoteMarks returns every quote the user marked, with its mark.
func (u *User) QuoteMarks(ctx context.Context) (map[QuoteRef]Mark, error) {
	if err := u.check(); err != nil {
		return nil, err
	}
	rows, err := u.s.r.QueryContext(ctx, `SELECT article_id, quote_key, mark FROM quote_mark WHERE user = ?`, u.name)
	if err != nil {
		return nil, fmt.Errorf("store: quote marks: %w", err)
	}
	defer rows.Close()
	out := make(map[QuoteRef]Mark)
	for rows.Next() {
		var (
			ref QuoteRef
			m   string
		)
		if err := rows.Scan(&ref.ArticleID, &ref.Key, &m); err != nil {
			return nil, fmt.Errorf("store: quote marks: %w", err)
		}
		out[ref] = Mark(m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: quote marks: %w", err)
	}
	return out, nil
}

// Seen records that the user's library now holds the articles ids, setting
// their first-seen time to now where the store had no state for them yet;
// it returns how many were new. It is bookkeeping, not an undoable action,
// and all ids are written in one transaction.
func (u *User) Seen(ctx context.Context, ids []string) (int, error) {
	if err := u.check(); err != nil {
		return 0, err
	}
	if len(ids) == 0 {
		return 0, nil
	}
	now := millis(u.s.now())
	var added int
	err := u.s.write(ctx, func(tx *sql.Tx) error {
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO article_state (user, article_id, first_seen)
			VALUES (?, ?, ?) ON CONFLICT DO NOTHING`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for _, id := range ids {
			res, err := stmt.ExecContext(ctx, u.name, id, now)
			if err != nil {
				return err
			}
			n, _ := res.RowsAffected()
			added += int(n)
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("store: seen: %w", err)
	}
	return added, nil
}
