package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/store"
)

// PutBriefs implements [store.BriefStore].
func (db *DB) PutBriefs(ctx context.Context, briefs []store.StoredBrief) error {
	if len(briefs) == 0 {
		return nil
	}
	// Encode before the write lock is taken: compression is the slow part.
	data := make([][]byte, len(briefs))
	for i, b := range briefs {
		d, err := db.codec.EncodeBrief(b.Brief)
		if err != nil {
			return fmt.Errorf("store: put briefs: %w", err)
		}
		data[i] = d
	}
	err := db.write(ctx, func(tx *sql.Tx) error {
		st, err := tx.PrepareContext(ctx, `INSERT INTO brief (id, hash, version, quotes, phases, data, article_hash)
			VALUES (?1, ?2, ?3, ?4, ?5, ?6, coalesce((SELECT hash FROM article_head WHERE id = ?1), ''))
			ON CONFLICT (id) DO UPDATE SET hash = ?2, version = ?3, quotes = ?4, phases = ?5, data = ?6`)
		if err != nil {
			return err
		}
		defer st.Close()
		for i, b := range briefs {
			if _, err := st.ExecContext(ctx, b.ArticleID, b.Hash, b.Version, len(b.Brief.Quotes), len(b.Brief.Phases), data[i]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: put briefs: %w", err)
	}
	return nil
}

// BriefInfos implements [store.BriefStore]. As Heads does, it reads the
// rows packed into one string, all from the brief_info index: the
// article's hash is the copy the brief row keeps (migration 0009).
func (db *DB) BriefInfos(ctx context.Context) (map[string]store.BriefInfo, error) {
	var n int
	var packed string
	err := db.r.QueryRowContext(ctx, `SELECT count(*), coalesce(group_concat(
		b.id || char(28) || b.hash || char(28) || b.version || char(28) || b.quotes || char(28) ||
		b.phases || char(28) || b.article_hash, char(29)), '')
		FROM brief b`).Scan(&n, &packed)
	if err != nil {
		return nil, fmt.Errorf("store: brief infos: %w", err)
	}
	out := make(map[string]store.BriefInfo, n)
	if n == 0 {
		return out, nil
	}
	for rec := range strings.SplitSeq(packed, recSep) {
		f := strings.Split(rec, fieldSep)
		if len(f) != 6 {
			return nil, fmt.Errorf("store: brief infos: malformed record %q", rec)
		}
		v, err1 := strconv.Atoi(f[2])
		q, err2 := strconv.Atoi(f[3])
		p, err3 := strconv.Atoi(f[4])
		if err := errors.Join(err1, err2, err3); err != nil {
			return nil, fmt.Errorf("store: brief infos: malformed record %q", rec)
		}
		out[f[0]] = store.BriefInfo{Hash: f[1], Version: v, Quotes: q, Phases: p, ArticleHash: f[5]}
	}
	return out, nil
}

// Briefs implements [store.BriefStore].
func (db *DB) Briefs(ctx context.Context, ids []string) (map[string]store.StoredBrief, error) {
	q := `SELECT id, hash, version, data FROM brief`
	var args []any
	if ids != nil {
		if len(ids) == 0 {
			return map[string]store.StoredBrief{}, nil
		}
		q += ` WHERE id IN (SELECT value FROM json_each(?))`
		j, err := jsonList(ids)
		if err != nil {
			return nil, err
		}
		args = append(args, j)
	}
	rows, err := db.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: briefs: %w", err)
	}
	defer rows.Close()
	out := map[string]store.StoredBrief{}
	for rows.Next() {
		var b store.StoredBrief
		var data []byte
		if err := rows.Scan(&b.ArticleID, &b.Hash, &b.Version, &data); err != nil {
			return nil, fmt.Errorf("store: briefs: %w", err)
		}
		if b.Brief, err = db.codec.DecodeBrief(data); err != nil {
			return nil, fmt.Errorf("store: brief of %s: %w", b.ArticleID, err)
		}
		out[b.ArticleID] = b
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: briefs: %w", err)
	}
	return out, nil
}

// FeedState implements [store.BriefStore].
func (db *DB) FeedState(ctx context.Context, url string) (model.FeedState, bool, error) {
	var st model.FeedState
	var fetched, fresh, retry int64
	err := db.r.QueryRowContext(ctx, `SELECT etag, last_modified, fetched, fresh_until, retry_at, failures, last_error
		FROM feed_state WHERE url = ?`, url).Scan(&st.ETag, &st.LastModified, &fetched, &fresh, &retry, &st.Failures, &st.LastError)
	if errors.Is(err, sql.ErrNoRows) {
		return st, false, nil
	}
	if err != nil {
		return st, false, fmt.Errorf("store: feed state of %s: %w", url, err)
	}
	st.Fetched, st.FreshUntil, st.RetryAt = fromMillis(fetched), fromMillis(fresh), fromMillis(retry)
	return st, true, nil
}

// PutFeedState implements [store.BriefStore].
func (db *DB) PutFeedState(ctx context.Context, url string, st model.FeedState) error {
	err := db.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO feed_state
			(url, etag, last_modified, fetched, fresh_until, retry_at, failures, last_error)
			VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
			ON CONFLICT (url) DO UPDATE SET etag = ?2, last_modified = ?3, fetched = ?4, fresh_until = ?5,
				retry_at = ?6, failures = ?7, last_error = ?8`,
			url, st.ETag, st.LastModified, millis(st.Fetched), millis(st.FreshUntil), millis(st.RetryAt), st.Failures, st.LastError)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: feed state of %s: %w", url, err)
	}
	return nil
}

// jsonList encodes ids as a JSON array, for json_each.
func jsonList(ids []string) (string, error) {
	j, err := json.Marshal(ids)
	if err != nil {
		return "", fmt.Errorf("store: briefs: %w", err)
	}
	return string(j), nil
}
