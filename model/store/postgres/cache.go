package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/brief-reader/brief/model"
)

// The article cache is one table: the listing fields as columns and the
// whole article as one JSON document, which PostgreSQL keeps out of line
// (TOAST) so that reading heads never touches it.

// PutArticles implements [store.ArticleStore], in one transaction and one
// batch of statements.
func (db *DB) PutArticles(ctx context.Context, articles []model.Article, at time.Time) error {
	if len(articles) == 0 {
		return nil
	}
	b := &pgx.Batch{}
	for _, a := range articles {
		a.ID = model.ArticleID(a)
		j, err := json.Marshal(a)
		if err != nil {
			return err
		}
		tags := a.Tags
		if tags == nil {
			tags = []string{}
		}
		b.Queue(`INSERT INTO article (id, title, source, url, origin, byline, credit, dateline, format, published,
				tags, cached_at, body, hash)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
			ON CONFLICT (id) DO UPDATE SET title = $2, source = $3, url = $4, origin = $5, byline = $6,
				credit = $7, dateline = $8, format = $9, published = $10, tags = $11, cached_at = $12, body = $13,
				hash = $14`,
			a.ID, a.Title, a.Source, a.URL, a.Origin, a.Byline, a.Credit, a.Dateline, string(a.Format),
			stamp(a.Published), tags, stamp(at), j, model.ContentHash(a))
	}
	return pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		return tx.SendBatch(ctx, b).Close()
	})
}

// order is the order of Articles and Heads.
const order = ` ORDER BY published DESC NULLS LAST, id COLLATE "C"`

// Articles implements [store.ArticleStore].
func (db *DB) Articles(ctx context.Context) ([]model.Article, error) {
	rows, err := db.pool.Query(ctx, `SELECT body FROM article`+order)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, scanWhole)
}

// scanWhole decodes a row holding one article's JSON.
func scanWhole(r pgx.CollectableRow) (model.Article, error) {
	var (
		a model.Article
		j []byte
	)
	if err := r.Scan(&j); err != nil {
		return a, err
	}
	err := json.Unmarshal(j, &a)
	return a, err
}

// Heads implements [store.ArticleStore].
func (db *DB) Heads(ctx context.Context) ([]model.Article, error) {
	return db.heads(ctx, `SELECT id, title, source, url, origin, byline, credit, dateline, format,
		published, tags FROM article`+order)
}

// NewestHeads implements [store.ArticleStore].
func (db *DB) NewestHeads(ctx context.Context, n int) ([]model.Article, error) {
	return db.heads(ctx, `SELECT id, title, source, url, origin, byline, credit, dateline, format,
		published, tags FROM article`+order+` LIMIT $1`, max(n, 0))
}

// heads runs a query of heads.
func (db *DB) heads(ctx context.Context, q string, args ...any) ([]model.Article, error) {
	rows, err := db.pool.Query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (model.Article, error) {
		var (
			a         model.Article
			format    string
			published *time.Time
		)
		err := r.Scan(&a.ID, &a.Title, &a.Source, &a.URL, &a.Origin, &a.Byline, &a.Credit, &a.Dateline, &format,
			&published, &a.Tags)
		a.Format, a.Published = model.Format(format), unstamp(published)
		if len(a.Tags) == 0 {
			a.Tags = nil
		}
		return a, err
	})
}

// Article implements [store.ArticleStore].
func (db *DB) Article(ctx context.Context, id string) (model.Article, bool, error) {
	rows, err := db.pool.Query(ctx, `SELECT body FROM article WHERE id = $1`, id)
	if err != nil {
		return model.Article{}, false, err
	}
	a, err := pgx.CollectExactlyOneRow(rows, scanWhole)
	if errors.Is(err, pgx.ErrNoRows) {
		return model.Article{}, false, nil
	}
	if err != nil {
		return model.Article{}, false, err
	}
	return a, true, nil
}

// KnownIDs implements [store.ArticleStore].
func (db *DB) KnownIDs(ctx context.Context) (map[string]struct{}, error) {
	rows, err := db.pool.Query(ctx, `SELECT id FROM article`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make(map[string]struct{})
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out[id] = struct{}{}
	}
	return out, rows.Err()
}
