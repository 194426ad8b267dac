package main

// The database side of the measure: the schema each run gets, waiting for
// the writes to land, and checking what they left.

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"time"

	"github.com/jackc/pgx/v5"
)

// drain waits until the audit log holds want marks, or has not grown for
// 10 s, and returns how long it waited.
func drain(ctx context.Context, dbURL string, want int64) (time.Duration, error) {
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		return 0, err
	}
	defer conn.Close(ctx)
	start, last, grew := time.Now(), int64(-1), time.Now()
	for {
		var n int64
		if err := conn.QueryRow(ctx, `SELECT count(*) FROM review_audit WHERE field = 'quote'`).Scan(&n); err != nil {
			return 0, err
		}
		if n >= want || time.Since(grew) > 10*time.Second {
			return time.Since(start), nil
		}
		if n != last {
			last, grew = n, time.Now()
		}
		time.Sleep(50 * time.Millisecond) // polling the database
	}
}

// dbCheck is what the database holds after the load.
type dbCheck struct {
	lines, marks int64
	perReviewer  bool
	replay       bool
	detail       string
}

// checkDatabase compares the audit log with the marks made, and the
// marks table with a replay of the audit log.
func checkDatabase(ctx context.Context, dbURL string, made map[string]int64) (dbCheck, error) {
	var c dbCheck
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		return c, err
	}
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, `SELECT reviewer, scope, article_id, quote_key, new FROM review_audit
		WHERE field = 'quote' ORDER BY seq`)
	if err != nil {
		return c, err
	}
	byReviewer := map[string]int64{}
	replay := map[string]string{}
	for rows.Next() {
		var reviewer, scope, article, key, nu string
		if err := rows.Scan(&reviewer, &scope, &article, &key, &nu); err != nil {
			return c, err
		}
		c.lines++
		byReviewer[reviewer]++
		replay[scope+"\x00"+article+"\x00"+key] = nu
	}
	if err := rows.Err(); err != nil {
		return c, err
	}
	c.perReviewer = true
	for name, n := range made {
		if byReviewer[name] != n {
			c.perReviewer = false
			c.detail += fmt.Sprintf("%s made %d, logged %d; ", name, n, byReviewer[name])
		}
	}
	table := map[string]string{}
	rows, err = conn.Query(ctx, `SELECT scope, article_id, quote_key, mark FROM review_mark`)
	if err != nil {
		return c, err
	}
	for rows.Next() {
		var scope, article, key, mark string
		if err := rows.Scan(&scope, &article, &key, &mark); err != nil {
			return c, err
		}
		c.marks++
		table[scope+"\x00"+article+"\x00"+key] = mark
	}
	if err := rows.Err(); err != nil {
		return c, err
	}
	c.replay = true
	for k, v := range replay {
		if table[k] != v {
			c.replay = false
		}
	}
	for k := range table {
		if _, ok := replay[k]; !ok {
			c.replay = false
		}
	}
	return c, nil
}

// freshSchema creates a schema of its own on the server and returns a URL
// that uses it and a function that drops it.
func freshSchema(ctx context.Context, base string) (string, func(), error) {
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		return "", nil, fmt.Errorf("connecting to PostgreSQL: %w", err)
	}
	b := make([]byte, 6)
	rand.Read(b)
	schema := "review_load_" + hex.EncodeToString(b)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		conn.Close(ctx)
		return "", nil, err
	}
	conn.Close(ctx)
	drop := func() {
		c, err := pgx.Connect(context.Background(), base)
		if err == nil {
			_, _ = c.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
			c.Close(context.Background())
		}
	}
	u, err := url.Parse(base)
	if err != nil {
		drop()
		return "", nil, err
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String(), drop, nil
}
