// Package pgtest gives tests a PostgreSQL database of their own: a fresh
// schema on the server BRIEF_PG names, dropped when the test ends.
// Without BRIEF_PG the test is skipped with a message, except under CI
// (CI set), where .ci/run starts a server and a missing one is a
// failure.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// ServerURL returns BRIEF_PG, skipping (or, under CI, failing) t when it
// is unset.
func ServerURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv("BRIEF_PG")
	if u == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("BRIEF_PG is unset under CI: .ci/run should have started a PostgreSQL server")
		}
		t.Skip("BRIEF_PG is unset: start a server with `eval \"$(bash scripts/pg-throwaway.sh start)\"` to run the PostgreSQL tests")
	}
	return u
}

// URL creates an empty schema on the test server, dropped at t's
// cleanup, and returns a URL whose connections use it.
func URL(t testing.TB) string {
	t.Helper()
	base := ServerURL(t)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("connecting to BRIEF_PG: %v", err)
	}
	defer conn.Close(ctx)
	b := make([]byte, 6)
	rand.Read(b)
	schema := "brief_test_" + hex.EncodeToString(b)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx := context.Background()
		c, err := pgx.Connect(ctx, base)
		if err != nil {
			t.Errorf("dropping %s: %v", schema, err)
			return
		}
		defer c.Close(ctx)
		if _, err := c.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("dropping %s: %v", schema, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil || !strings.HasPrefix(u.Scheme, "postgres") {
		t.Fatalf("BRIEF_PG must be a postgres:// URL")
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
