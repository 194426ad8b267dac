package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/brief-reader/brief/model"
)

// The article cache keeps articles that came from feeds and URLs so they
// stay readable offline and after the feed drops them. It is shared by all
// users. Each article is stored as two JSON documents: the head (every
// field but the body) and the body (Paragraphs and Markdown), so a library
// listing can read thousands of heads without decoding their bodies.

// body is the stored form of an article's body.
type body struct {
	Paragraphs []string `json:"paragraphs,omitempty"`
	Markdown   string   `json:"markdown,omitempty"`
}

// PutArticles adds articles to the cache, or replaces the cached copy of
// an article with the same identity ([IDOf]), all in one transaction. The
// articles are stored with their ID filled in.
func (s *Store) PutArticles(ctx context.Context, articles []model.Article) error {
	if len(articles) == 0 {
		return nil
	}
	now := millis(s.now())
	err := s.write(ctx, func(tx *sql.Tx) error {
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO article
			(id, title, source, url, origin, format, published, cached_at, head, body)
			VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
			ON CONFLICT (id) DO UPDATE SET title = ?2, source = ?3, url = ?4, origin = ?5, format = ?6,
				published = ?7, cached_at = ?8, head = ?9, body = ?10`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for _, a := range articles {
			a.ID = IDOf(a)
			b, err := json.Marshal(body{Paragraphs: a.Paragraphs, Markdown: a.Markdown})
			if err != nil {
				return err
			}
			a.Paragraphs, a.Markdown = nil, ""
			h, err := json.Marshal(a)
			if err != nil {
				return err
			}
			if _, err := stmt.ExecContext(ctx, a.ID, a.Title, a.Source, a.URL, a.Origin, string(a.Format),
				millis(a.Published), now, h, b); err != nil {
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

// Articles returns every cached article, whole, newest published first.
func (s *Store) Articles(ctx context.Context) ([]model.Article, error) {
	return s.articles(ctx, true)
}

// Heads returns every cached article without its body (Paragraphs and
// Markdown empty), newest published first: enough for a library listing,
// and much faster than Articles for thousands of articles. Read a body
// with [Store.Article] when the article is opened.
func (s *Store) Heads(ctx context.Context) ([]model.Article, error) {
	return s.articles(ctx, false)
}

// articles reads the cache, with bodies when whole.
func (s *Store) articles(ctx context.Context, whole bool) ([]model.Article, error) {
	q := `SELECT head, '' FROM article ORDER BY published DESC, id`
	if whole {
		q = `SELECT head, body FROM article ORDER BY published DESC, id`
	}
	var n int
	if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM article`).Scan(&n); err != nil {
		return nil, fmt.Errorf("store: articles: %w", err)
	}
	rows, err := s.r.QueryContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("store: articles: %w", err)
	}
	defer rows.Close()
	out := make([]model.Article, 0, n)
	for rows.Next() {
		a, err := scanArticle(rows, whole)
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

// scanArticle decodes one (head, body) row.
func scanArticle(sc interface{ Scan(...any) error }, whole bool) (model.Article, error) {
	var (
		a    model.Article
		h, b []byte
	)
	if err := sc.Scan(&h, &b); err != nil {
		return a, err
	}
	if err := json.Unmarshal(h, &a); err != nil {
		return a, err
	}
	if whole {
		var bd body
		if err := json.Unmarshal(b, &bd); err != nil {
			return a, err
		}
		a.Paragraphs, a.Markdown = bd.Paragraphs, bd.Markdown
	}
	return a, nil
}

// Article returns the cached article id, whole; ok is false when the cache
// does not hold it.
func (s *Store) Article(ctx context.Context, id string) (a model.Article, ok bool, err error) {
	row := s.r.QueryRowContext(ctx, `SELECT head, body FROM article WHERE id = ?`, id)
	a, err = scanArticle(row, true)
	if errors.Is(err, sql.ErrNoRows) {
		return model.Article{}, false, nil
	}
	if err != nil {
		return model.Article{}, false, fmt.Errorf("store: article %s: %w", id, err)
	}
	return a, true, nil
}

// KnownIDs returns the identities of every cached article.
func (s *Store) KnownIDs(ctx context.Context) (map[string]struct{}, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id FROM article`)
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
