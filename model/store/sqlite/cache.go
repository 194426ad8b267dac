package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/brief-reader/brief/model"
)

// The article cache stores each article whole as one JSON document,
// compressed (article_body), so fields added to model.Article later are
// kept without a migration, and its listing fields and content hash also
// as columns (article_head), so a library listing reads thousands of
// heads without decoding any document.

// PutArticles implements [store.ArticleStore].
func (db *DB) PutArticles(ctx context.Context, articles []model.Article, at time.Time) error {
	if len(articles) == 0 {
		return nil
	}
	now := millis(at)
	err := db.write(ctx, func(tx *sql.Tx) error {
		head, err := tx.PrepareContext(ctx, `INSERT INTO article_head
			(id, title, source, url, origin, byline, credit, dateline, format, published, tags, cached_at, hash)
			VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
			ON CONFLICT (id) DO UPDATE SET title = ?2, source = ?3, url = ?4, origin = ?5, byline = ?6,
				credit = ?7, dateline = ?8, format = ?9, published = ?10, tags = ?11, cached_at = ?12, hash = ?13`)
		if err != nil {
			return err
		}
		defer head.Close()
		body, err := tx.PrepareContext(ctx, `INSERT INTO article_body (id, article) VALUES (?1, ?2)
			ON CONFLICT (id) DO UPDATE SET article = ?2`)
		if err != nil {
			return err
		}
		defer body.Close()
		for _, a := range articles {
			a.ID = model.ArticleID(a)
			j, err := db.codec.EncodeArticle(a)
			if err != nil {
				return err
			}
			if _, err := head.ExecContext(ctx, a.ID, a.Title, a.Source, a.URL, a.Origin, a.Byline, a.Credit,
				a.Dateline, string(a.Format), millis(a.Published), strings.Join(a.Tags, tagSep), now,
				model.ContentHash(a)); err != nil {
				return err
			}
			if _, err := body.ExecContext(ctx, a.ID, j); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: put articles: %w", err)
	}
	return nil
}

// Articles implements [store.ArticleStore].
func (db *DB) Articles(ctx context.Context) ([]model.Article, error) {
	return collect(ctx, db, `SELECT b.article FROM article_head h JOIN article_body b ON b.id = h.id
		ORDER BY h.published DESC, h.id`, db.scanWhole)
}

// Heads implements [store.ArticleStore].
func (db *DB) Heads(ctx context.Context) ([]model.Article, error) {
	return db.heads(ctx, -1)
}

// NewestHeads implements [store.ArticleStore].
func (db *DB) NewestHeads(ctx context.Context, n int) ([]model.Article, error) {
	return db.heads(ctx, max(n, 0))
}

// heads reads the first n heads, newest first; all of them when n < 0.
func (db *DB) heads(ctx context.Context, limit int) ([]model.Article, error) {
	// As in States, the rows come back packed into one string
	// (fieldSep between columns, recSep between articles): the driver's
	// cost per row returned is most of the cost of reading them one by
	// one. Head fields hold no control character.
	//
	// The records are put in order here, not by the query: an ordered
	// group_concat sorts every row again in a temporary b-tree, and for
	// all of them the table is read in its own order instead of through
	// the index. Reading 10,000 heads took 34-46 ms that way, most of it
	// the two sorts.
	var n int
	var packed string
	const fields = `coalesce(group_concat(
		id || char(28) || title || char(28) || source || char(28) || url || char(28) || origin || char(28) ||
		byline || char(28) || credit || char(28) || dateline || char(28) || format || char(28) ||
		published || char(28) || tags, char(29)), '')`
	var err error
	if limit < 0 {
		err = db.r.QueryRowContext(ctx, `SELECT count(*), `+fields+` FROM article_head`).Scan(&n, &packed)
	} else {
		err = db.r.QueryRowContext(ctx, `SELECT count(*), `+fields+`
			FROM (SELECT * FROM article_head ORDER BY published DESC, id LIMIT ?)`, limit).Scan(&n, &packed)
	}
	if err != nil {
		return nil, fmt.Errorf("store: articles: %w", err)
	}
	out := make([]model.Article, 0, n)
	if n == 0 {
		return out, nil
	}
	published := make([]int64, 0, n)
	for rec := range strings.SplitSeq(packed, recSep) {
		a, ms, err := parseHead(rec)
		if err != nil {
			return nil, fmt.Errorf("store: articles: %w", err)
		}
		out = append(out, a)
		published = append(published, ms)
	}
	// Newest first (published DESC, then id, as the index reads them).
	order := make([]int, len(out))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(i, j int) int {
		if c := cmp.Compare(published[j], published[i]); c != 0 {
			return c
		}
		return strings.Compare(out[i].ID, out[j].ID)
	})
	sorted := make([]model.Article, len(out))
	for k, i := range order {
		sorted[k] = out[i]
	}
	return sorted, nil
}

// parseHead reads one record of the packed form Heads reads, and its
// publication time in Unix milliseconds (0 = unknown).
func parseHead(rec string) (model.Article, int64, error) {
	var a model.Article
	var f [11]string
	rest := rec
	for i := range f {
		var ok bool
		if i == len(f)-1 {
			f[i] = rest
			break
		}
		f[i], rest, ok = strings.Cut(rest, fieldSep)
		if !ok {
			return a, 0, fmt.Errorf("malformed article record %q", rec)
		}
	}
	published, err := strconv.ParseInt(f[9], 10, 64)
	if err != nil {
		return a, 0, fmt.Errorf("malformed article record %q", rec)
	}
	a.ID, a.Title, a.Source, a.URL, a.Origin, a.Byline, a.Credit, a.Dateline = f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7]
	a.Format, a.Published = model.Format(f[8]), fromMillis(published)
	if f[10] != "" {
		a.Tags = strings.Split(f[10], tagSep)
	}
	return a, published, nil
}

// collect runs a listing query and scans every row with scan.
func collect(ctx context.Context, db *DB, query string, scan func(scanner) (model.Article, error)) ([]model.Article, error) {
	var n int
	if err := db.r.QueryRowContext(ctx, `SELECT count(*) FROM article_head`).Scan(&n); err != nil {
		return nil, fmt.Errorf("store: articles: %w", err)
	}
	rows, err := db.r.QueryContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("store: articles: %w", err)
	}
	defer rows.Close()
	out := make([]model.Article, 0, n)
	for rows.Next() {
		a, err := scan(rows)
		if err != nil {
			return nil, fmt.Errorf("store: articles: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: articles: %w", err)
	}
	return out, nil
}

// scanWhole decodes a row holding one article's document.
func (db *DB) scanWhole(sc scanner) (model.Article, error) {
	var j []byte
	if err := sc.Scan(&j); err != nil {
		return model.Article{}, err
	}
	return db.codec.DecodeArticle(j)
}

// Article implements [store.ArticleStore].
func (db *DB) Article(ctx context.Context, id string) (a model.Article, ok bool, err error) {
	a, err = db.scanWhole(db.r.QueryRowContext(ctx, `SELECT article FROM article_body WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return model.Article{}, false, nil
	}
	if err != nil {
		return model.Article{}, false, fmt.Errorf("store: article %s: %w", id, err)
	}
	return a, true, nil
}

// KnownIDs implements [store.ArticleStore].
func (db *DB) KnownIDs(ctx context.Context) (map[string]struct{}, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT id FROM article_head`)
	if err != nil {
		return nil, fmt.Errorf("store: known ids: %w", err)
	}
	defer rows.Close()
	out := make(map[string]struct{})
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: known ids: %w", err)
		}
		out[id] = struct{}{}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: known ids: %w", err)
	}
	return out, nil
}
