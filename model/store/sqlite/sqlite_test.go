package sqlite

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/adrg/xdg"
	"github.com/brief-reader/brief/model/store"
	"github.com/brief-reader/brief/model/store/storetest"
)

func TestSuite(t *testing.T) {
	storetest.Run(t, func(t testing.TB) func() (store.Backend, error) {
		path := filepath.Join(t.TempDir(), "state.db")
		return func() (store.Backend, error) { return Open(path) }
	})
}

func TestOpenSetsUpDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	db := openDB(t, path)

	fi, err := os.Stat(path)
	noErr(t, err)
	if mode := fi.Mode().Perm(); mode != 0o600 {
		t.Errorf("database file mode = %o, want 600", mode)
	}
	var mode string
	noErr(t, db.w.QueryRow("PRAGMA journal_mode").Scan(&mode))
	if !strings.EqualFold(mode, "wal") {
		t.Errorf("journal_mode = %q, want wal", mode)
	}
	for _, c := range []struct {
		name string
		q    querier
	}{{"writer", db.w}, {"reader", db.r}} {
		var fk, sync, busy int
		noErr(t, c.q.QueryRowContext(bg, "PRAGMA foreign_keys").Scan(&fk))
		noErr(t, c.q.QueryRowContext(bg, "PRAGMA synchronous").Scan(&sync))
		noErr(t, c.q.QueryRowContext(bg, "PRAGMA busy_timeout").Scan(&busy))
		if fk != 1 || sync != 1 || busy != int(DefaultBusyTimeout.Milliseconds()) {
			t.Errorf("%s: foreign_keys=%d synchronous=%d busy_timeout=%d, want 1, 1 (NORMAL), %d",
				c.name, fk, sync, busy, DefaultBusyTimeout.Milliseconds())
		}
	}
	if v, err := db.Version(bg); err != nil || v != SchemaVersion() {
		t.Errorf("Version = %d, %v; want %d", v, err, SchemaVersion())
	}
	noErr(t, db.Check(bg))
}

func TestOpenWithSyncFull(t *testing.T) {
	db := openDB(t, filepath.Join(t.TempDir(), "state.db"), WithSync(SyncFull))
	var sync int
	noErr(t, db.w.QueryRow("PRAGMA synchronous").Scan(&sync))
	if sync != 2 {
		t.Errorf("synchronous = %d, want 2 (FULL)", sync)
	}
}

func TestOpenRejectsNoFile(t *testing.T) {
	for _, p := range []string{"", ":memory:"} {
		if db, err := Open(p); err == nil {
			db.Close()
			t.Errorf("Open(%q) succeeded, want an error", p)
		}
	}
}

func TestReadersAreQueryOnly(t *testing.T) {
	db := openDB(t, filepath.Join(t.TempDir(), "state.db"))
	if _, err := db.r.Exec(`INSERT INTO article_state (user, article_id) VALUES ('x', 'y')`); err == nil {
		t.Error("a write through the reader pool succeeded")
	}
}

func TestDefaultPath(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_STATE_HOME", dir)
	xdg.Reload()
	t.Cleanup(xdg.Reload)
	p, err := DefaultPath()
	noErr(t, err)
	if want := filepath.Join(dir, "brief", "state.db"); p != want {
		t.Errorf("DefaultPath = %q, want %q", p, want)
	}
	fi, err := os.Stat(filepath.Dir(p))
	noErr(t, err)
	if !fi.IsDir() || fi.Mode().Perm() != 0o700 {
		t.Errorf("state folder mode = %v, want drwx------", fi.Mode())
	}
}

func TestUndoLimitTrimsChanges(t *testing.T) {
	s := openTemp(t)
	s = store.New(dbOf(s), store.WithUndoLimit(3))
	u := s.User(store.LocalUser)
	for range 5 {
		_, err := u.ToggleStarred(bg, "a")
		noErr(t, err)
	}
	var changes int
	noErr(t, dbOf(s).r.QueryRow(`SELECT count(*) FROM action_change`).Scan(&changes))
	if changes != 3 {
		t.Errorf("%d changes left in the log, want 3 (trimmed with their actions)", changes)
	}
}

func TestTagsColumnMatchesTagTable(t *testing.T) {
	s := openTemp(t)
	u := s.User(store.LocalUser)
	ids := []string{"a", "b", "c", "d"}
	for i, tag := range []string{"z", "m", "a", "m", "q"} {
		_, err := u.AddTag(bg, ids[i%3:], tag)
		noErr(t, err)
	}
	_, err := u.RemoveTag(bg, []string{"b", "d"}, "m")
	noErr(t, err)
	_, err = u.Undo(bg)
	noErr(t, err)
	_, err = u.RemoveTag(bg, []string{"c"}, "z")
	noErr(t, err)
	states, err := u.States(bg)
	noErr(t, err)
	for _, id := range ids {
		rows, err := dbOf(s).r.Query(`SELECT tag FROM tag WHERE user = ? AND article_id = ? ORDER BY tag`, store.LocalUser, id)
		noErr(t, err)
		var want []string
		for rows.Next() {
			var tag string
			noErr(t, rows.Scan(&tag))
			want = append(want, tag)
		}
		rows.Close()
		if !slices.Equal(states[id].Tags, want) {
			t.Errorf("%s: States tags %q, tag table %q", id, states[id].Tags, want)
		}
	}
}

func TestAuditLogIsAppendOnly(t *testing.T) {
	s := openTemp(t)
	u := s.User(store.LocalUser)
	_, err := u.ToggleQuoteMark(bg, store.Quote{ArticleID: "a", Key: "p1:k", Text: "words"}, store.MarkChecked)
	noErr(t, err)
	for _, q := range []string{`UPDATE review_audit SET new = 'flagged'`, `DELETE FROM review_audit`} {
		if _, err := dbOf(s).w.Exec(q); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: %v, want refused as append-only", q, err)
		}
	}
	n := 0
	noErr(t, s.Audit(bg, time.Time{}, func(store.ReviewChange) error { n++; return nil }))
	if n != 1 {
		t.Errorf("audit log holds %d changes, want 1", n)
	}
}
