package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/store"
)

// PutBriefs implements [store.BriefStore], in one transaction and one
// batch of statements.
func (db *DB) PutBriefs(ctx context.Context, briefs []store.StoredBrief) error {
	if len(briefs) == 0 {
		return nil
	}
	b := &pgx.Batch{}
	for _, sb := range briefs {
		data, err := db.codec.EncodeBrief(sb.Brief)
		if err != nil {
			return fmt.Errorf("store: put briefs: %w", err)
		}
		b.Queue(`INSERT INTO brief (id, hash, version, quotes, phases, data) VALUES ($1, $2, $3, $4, $5, $6)
			ON CONFLICT (id) DO UPDATE SET hash = $2, version = $3, quotes = $4, phases = $5, data = $6`,
			sb.ArticleID, sb.Hash, sb.Version, len(sb.Brief.Quotes), len(sb.Brief.Phases), data)
	}
	return pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		return tx.SendBatch(ctx, b).Close()
	})
}

// BriefInfos implements [store.BriefStore].
func (db *DB) BriefInfos(ctx context.Context) (map[string]store.BriefInfo, error) {
	rows, err := db.pool.Query(ctx, `SELECT b.id, b.hash, b.version, b.quotes, b.phases, coalesce(a.hash, '')
		FROM brief b LEFT JOIN article a ON a.id = b.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]store.BriefInfo{}
	for rows.Next() {
		var id string
		var i store.BriefInfo
		if err := rows.Scan(&id, &i.Hash, &i.Version, &i.Quotes, &i.Phases, &i.ArticleHash); err != nil {
			return nil, err
		}
		out[id] = i
	}
	return out, rows.Err()
}

// Briefs implements [store.BriefStore].
func (db *DB) Briefs(ctx context.Context, ids []string) (map[string]store.StoredBrief, error) {
	q := `SELECT id, hash, version, data FROM brief`
	var args []any
	if ids != nil {
		if len(ids) == 0 {
			return map[string]store.StoredBrief{}, nil
		}
		q += ` WHERE id = ANY($1)`
		args = append(args, ids)
	}
	rows, err := db.pool.Query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]store.StoredBrief{}
	for rows.Next() {
		var b store.StoredBrief
		var data []byte
		if err := rows.Scan(&b.ArticleID, &b.Hash, &b.Version, &data); err != nil {
			return nil, err
		}
		if b.Brief, err = db.codec.DecodeBrief(data); err != nil {
			return nil, fmt.Errorf("store: brief of %s: %w", b.ArticleID, err)
		}
		out[b.ArticleID] = b
	}
	return out, rows.Err()
}

// FeedState implements [store.BriefStore].
func (db *DB) FeedState(ctx context.Context, url string) (model.FeedState, bool, error) {
	var st model.FeedState
	var fetched, fresh, retry *time.Time
	err := db.pool.QueryRow(ctx, `SELECT etag, last_modified, fetched, fresh_until, retry_at, failures, last_error
		FROM feed_state WHERE url = $1`, url).Scan(&st.ETag, &st.LastModified, &fetched, &fresh, &retry, &st.Failures, &st.LastError)
	if errors.Is(err, pgx.ErrNoRows) {
		return st, false, nil
	}
	if err != nil {
		return st, false, err
	}
	st.Fetched, st.FreshUntil, st.RetryAt = unstamp(fetched), unstamp(fresh), unstamp(retry)
	return st, true, nil
}

// PutFeedState implements [store.BriefStore].
func (db *DB) PutFeedState(ctx context.Context, url string, st model.FeedState) error {
	_, err := db.pool.Exec(ctx, `INSERT INTO feed_state
		(url, etag, last_modified, fetched, fresh_until, retry_at, failures, last_error)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
		ON CONFLICT (url) DO UPDATE SET etag = $2, last_modified = $3, fetched = $4, fresh_until = $5,
			retry_at = $6, failures = $7, last_error = $8`,
		url, st.ETag, st.LastModified, stamp(st.Fetched), stamp(st.FreshUntil), stamp(st.RetryAt), st.Failures, st.LastError)
	return err
}
