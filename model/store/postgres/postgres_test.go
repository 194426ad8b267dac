package postgres

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/brief-reader/brief/model/store"
	"github.com/brief-reader/brief/model/store/postgres/pgtest"
	"github.com/brief-reader/brief/model/store/storetest"
)

// serverURL and freshSchema are pgtest's, under the names these tests
// grew up with.
func serverURL(t testing.TB) string   { return pgtest.ServerURL(t) }
func freshSchema(t testing.TB) string { return pgtest.URL(t) }

var bg = context.Background()

func TestSuite(t *testing.T) {
	serverURL(t)
	storetest.Run(t, func(t testing.TB) func() (store.Backend, error) {
		u := freshSchema(t)
		return func() (store.Backend, error) { return Open(bg, u) }
	})
}

func TestIsURL(t *testing.T) {
	for spec, want := range map[string]bool{
		"postgres://u@h/db": true, "postgresql:///db?host=/tmp": true,
		"state.db": false, "/var/lib/brief/postgres://x": false, "": false,
	} {
		if IsURL(spec) != want {
			t.Errorf("IsURL(%q) = %v, want %v", spec, !want, want)
		}
	}
}

func TestConcurrentFirstOpen(t *testing.T) {
	u := freshSchema(t)
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			db, err := Open(bg, u)
			if err == nil {
				err = db.Close()
			}
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Errorf("opener: %v", err)
		}
	}
	db, err := Open(bg, u)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var steps int
	if err := db.pool.QueryRow(bg, `SELECT count(*) FROM schema_migrations`).Scan(&steps); err != nil {
		t.Fatal(err)
	}
	if v, err := db.Version(bg); err != nil || v != SchemaVersion() || steps != SchemaVersion() {
		t.Errorf("version %d (%v), %d steps recorded; want %d each", v, err, steps, SchemaVersion())
	}
}

func TestFailedMigrationLeavesNothing(t *testing.T) {
	u := freshSchema(t)
	broken := append(migrations[:1:1], store.Migration{
		Version: 2, Name: "broken",
		SQL: `CREATE TABLE half_done (x integer); INSERT INTO no_such_table VALUES (1);`,
	})
	if db, err := Open(bg, u, func(c *config) { c.migrations = broken }); err == nil {
		db.Close()
		t.Fatal("Open with a failing migration succeeded")
	}
	db, err := Open(bg, u, func(c *config) { c.migrations = migrations[:1] })
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.pool.QueryRow(bg, `SELECT count(*) FROM pg_tables WHERE tablename = 'half_done'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if v, _ := db.Version(bg); v != 1 || n != 0 {
		t.Errorf("after the failed step: version %d, half_done tables %d; want 1, 0", v, n)
	}
}

func TestNewerSchemaIsRefused(t *testing.T) {
	u := freshSchema(t)
	db, err := Open(bg, u)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.pool.Exec(bg, `INSERT INTO schema_migrations (version, name) VALUES ($1, 'future')`, SchemaVersion()+1); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if db, err := Open(bg, u); !errors.Is(err, ErrNewerSchema) {
		if err == nil {
			db.Close()
		}
		t.Errorf("Open of a newer schema: err = %v, want ErrNewerSchema", err)
	}
}

func TestBadURLKeepsPasswordOut(t *testing.T) {
	_, err := Open(bg, "postgres://u:s3cret@[bad/db")
	if err == nil || strings.Contains(err.Error(), "s3cret") {
		t.Errorf("Open of a bad URL: %v", err)
	}
}

func TestAuditLogIsAppendOnly(t *testing.T) {
	u := freshSchema(t)
	db, err := Open(bg, u)
	if err != nil {
		t.Fatal(err)
	}
	s := store.New(db)
	defer s.Close()
	_, err = s.User(store.LocalUser).ToggleQuoteMark(bg, store.Quote{ArticleID: "a", Key: "p1:k", Text: "words"}, store.MarkChecked)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`UPDATE review_audit SET new = 'flagged'`, `DELETE FROM review_audit`, `TRUNCATE review_audit`} {
		if _, err := db.pool.Exec(bg, q); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: %v, want refused as append-only", q, err)
		}
	}
	n := 0
	if err := s.Audit(bg, time.Time{}, func(store.ReviewChange) error { n++; return nil }); err != nil || n != 1 {
		t.Errorf("audit log holds %d changes (%v), want 1", n, err)
	}
}

func TestRedact(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://brief:s3cret@db.example:5432/brief": "postgres://brief:xxxxx@db.example:5432/brief",
		"postgres:///brief?host=/tmp&password=s3cret":   "postgres:///brief?host=%2Ftmp&password=xxxxx",
		"postgres://brief@db.example/brief":             "postgres://brief@db.example/brief",
		"host=db password=s3cret":                       "a PostgreSQL database",
	} {
		if got := Redact(in); got != want || strings.Contains(got, "s3cret") {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
	}
}
