package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/adrg/xdg"
)

func TestOpenSetsUpDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	s := openAt(t, path)

	fi, err := os.Stat(path)
	noErr(t, err)
	if mode := fi.Mode().Perm(); mode != 0o600 {
		t.Errorf("database file mode = %o, want 600", mode)
	}
	var mode string
	noErr(t, s.w.QueryRow("PRAGMA journal_mode").Scan(&mode))
	if !strings.EqualFold(mode, "wal") {
		t.Errorf("journal_mode = %q, want wal", mode)
	}
	for _, db := range []struct {
		name string
		q    querier
	}{{"writer", s.w}, {"reader", s.r}} {
		var fk, sync, busy int
		noErr(t, db.q.QueryRowContext(bg, "PRAGMA foreign_keys").Scan(&fk))
		noErr(t, db.q.QueryRowContext(bg, "PRAGMA synchronous").Scan(&sync))
		noErr(t, db.q.QueryRowContext(bg, "PRAGMA busy_timeout").Scan(&busy))
		if fk != 1 || sync != 1 || busy != int(DefaultBusyTimeout.Milliseconds()) {
			t.Errorf("%s: foreign_keys=%d synchronous=%d busy_timeout=%d, want 1, 1 (NORMAL), %d",
				db.name, fk, sync, busy, DefaultBusyTimeout.Milliseconds())
		}
	}
	if v, err := s.Version(bg); err != nil || v != SchemaVersion() {
		t.Errorf("Version = %d, %v; want %d", v, err, SchemaVersion())
	}
	noErr(t, s.Check(bg))
}

func TestOpenWithSyncFull(t *testing.T) {
	s := openTemp(t, WithSync(SyncFull))
	var sync int
	noErr(t, s.w.QueryRow("PRAGMA synchronous").Scan(&sync))
	if sync != 2 {
		t.Errorf("synchronous = %d, want 2 (FULL)", sync)
	}
}

func TestOpenRejectsNoFile(t *testing.T) {
	for _, p := range []string{"", ":memory:"} {
		if s, err := Open(p); err == nil {
			s.Close()
			t.Errorf("Open(%q) succeeded, want an error", p)
		}
	}
}

func TestReadersAreQueryOnly(t *testing.T) {
	s := openTemp(t)
	if _, err := s.r.Exec(`INSERT INTO article_state (user, article_id) VALUES ('x', 'y')`); err == nil {
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

func TestEmptyUserIsRejected(t *testing.T) {
	u := openTemp(t).User("")
	if _, err := u.ToggleRead(bg, "a"); !errors.Is(err, ErrNoUser) {
		t.Errorf("ToggleRead err = %v, want ErrNoUser", err)
	}
	if _, err := u.States(bg); !errors.Is(err, ErrNoUser) {
		t.Errorf("States err = %v, want ErrNoUser", err)
	}
	if _, err := u.Undo(bg); !errors.Is(err, ErrNoUser) {
		t.Errorf("Undo err = %v, want ErrNoUser", err)
	}
}
