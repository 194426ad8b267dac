package sqlite

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/brief-reader/brief/model/store"
	"github.com/brief-reader/brief/model/store/storetest"
)

// openDB opens the database at path, closed at cleanup.
func openDB(t testing.TB, path string, opts ...Option) *DB {
	t.Helper()
	db, err := Open(path, opts...)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// openTemp opens a store on a fresh file in t's temp dir, closed at cleanup.
func openTemp(t testing.TB, opts ...Option) *store.Store {
	t.Helper()
	return openAt(t, filepath.Join(t.TempDir(), "state.db"), opts...)
}

// openAt opens a store at path with a fake clock, closed at cleanup.
func openAt(t testing.TB, path string, opts ...Option) *store.Store {
	t.Helper()
	db, err := Open(path, opts...)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	s := store.New(db, store.WithClock(storetest.NewClock().Now))
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

// dbOf returns the SQLite backend of s.
func dbOf(s *store.Store) *DB { return s.Backend().(*DB) }

// noErr fails the test on err.
func noErr(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// bg is the context tests use.
var bg = context.Background()
