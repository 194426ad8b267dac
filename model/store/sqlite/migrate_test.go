package sqlite

import (
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/store"
	"github.com/brief-reader/brief/model/store/storetest"
)

// withMigrations opens with a different migration list, to build databases
// as older (or broken) builds did.
func withMigrations(list []store.Migration) Option {
	return func(c *config) { c.migrations = list }
}

func TestMigrateV1Database(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")

	// A database as the first release left it, with some state in it.
	old, err := Open(path, withMigrations(migrations[:1]))
	noErr(t, err)
	if v, _ := old.Version(bg); v != 1 {
		t.Fatalf("old build wrote version %d, want 1", v)
	}
	_, err = old.w.Exec(`INSERT INTO article_state (user, article_id, read, starred, note, first_seen, tags)
		VALUES ('local', 'a1', 1, 1, 'check the figures', 1700000000000, 'economy');
		INSERT INTO tag (user, article_id, tag) VALUES ('local', 'a1', 'economy');
		INSERT INTO quote_mark (user, article_id, quote_key, mark, marked_at) VALUES ('local', 'a1', 'p3:abc', 'flagged', 1)`)
	noErr(t, err)
	if _, err := old.w.Exec(`INSERT INTO action (user, kind, count, at) VALUES ('local', 'star', 1, 1)`); err == nil {
		t.Fatal("v1 database already has the undo log")
	}
	noErr(t, old.Close())

	s := openAt(t, path)
	if v, err := dbOf(s).Version(bg); err != nil || v != SchemaVersion() {
		t.Fatalf("after migration version = %d, %v; want %d", v, err, SchemaVersion())
	}
	u := s.User(store.LocalUser)
	st, err := u.State(bg, "a1")
	noErr(t, err)
	if !st.Read || !st.Starred || st.Archived || st.Note != "check the figures" || !st.HasTag("economy") {
		t.Errorf("state lost in migration: %+v", st)
	}
	marks, err := u.QuoteMarks(bg)
	noErr(t, err)
	if marks[store.QuoteRef{ArticleID: "a1", Key: "p3:abc"}] != store.MarkFlagged {
		t.Errorf("quote marks lost in migration: %v", marks)
	}
	// The tables of later migrations work.
	a, err := u.ToggleArchived(bg, "a1")
	noErr(t, err)
	if _, err := u.Undo(bg); err != nil || a.Count != 1 {
		t.Errorf("undo log after migration: action %v, undo err %v", a, err)
	}
	noErr(t, s.PutArticles(bg, []model.Article{storetest.SampleArticle(1)}))
	noErr(t, dbOf(s).Check(bg))
}

func TestMigrationStepIsOneTransaction(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	broken := append(migrations[:1:1], store.Migration{
		Version: 2,
		Name:    "broken",
		SQL:     `CREATE TABLE half_done (x INTEGER); INSERT INTO no_such_table VALUES (1);`,
	})
	if s, err := Open(path, withMigrations(broken)); err == nil {
		s.Close()
		t.Fatal("Open with a failing migration succeeded")
	}
	s := openAt(t, path, withMigrations(migrations[:1]))
	if v, _ := dbOf(s).Version(bg); v != 1 {
		t.Errorf("version after failed step = %d, want 1", v)
	}
	var n int
	noErr(t, dbOf(s).r.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'`).Scan(&n))
	if n != 0 {
		t.Error("the failed step's first statement was kept")
	}
}

func TestNewerSchemaIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	s, err := Open(path)
	noErr(t, err)
	_, err = s.w.Exec(fmt.Sprintf("PRAGMA user_version = %d", SchemaVersion()+1))
	noErr(t, err)
	noErr(t, s.Close())
	if s, err := Open(path); !errors.Is(err, ErrNewerSchema) {
		if err == nil {
			s.Close()
		}
		t.Errorf("Open of a newer schema: err = %v, want ErrNewerSchema", err)
	}
}

func TestConcurrentFirstOpen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := Open(path)
			if err == nil {
				err = s.Close()
			}
			errs[i] = err
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("opener %d: %v", i, err)
		}
	}
	s := openAt(t, path)
	if v, _ := dbOf(s).Version(bg); v != SchemaVersion() {
		t.Errorf("version = %d, want %d", v, SchemaVersion())
	}
}

func TestMigrateV3ArticleCache(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	old, err := Open(path, withMigrations(migrations[:3]))
	noErr(t, err)
	// A cached article as version 3 stored it: JSON head without the body,
	// JSON body with lower-case keys.
	_, err = old.w.Exec(`INSERT INTO article (id, title, source, url, origin, format, published, cached_at, head, body)
		VALUES ('https://x.example/1', 'Port reopens', 'Harbour Times', 'https://x.example/1', 'feed#1', 'feed',
			1700000000000, 1700000000500,
			'{"ID":"https://x.example/1","Title":"Port reopens","Source":"Harbour Times","URL":"https://x.example/1","Origin":"feed#1","Byline":"By Ana Ruiz","Published":"2023-11-14T22:13:20Z","Format":"feed","Tags":["port","ships"]}',
			'{"paragraphs":["Ships moved again.","Crews cheered."],"markdown":"Ships moved again.\n\nCrews cheered."}')`)
	noErr(t, err)
	noErr(t, old.Close())

	s := openAt(t, path)
	a, ok, err := s.Article(bg, "https://x.example/1")
	noErr(t, err)
	if !ok || a.Title != "Port reopens" || a.Byline != "By Ana Ruiz" || len(a.Paragraphs) != 2 ||
		a.Paragraphs[1] != "Crews cheered." || a.Markdown != "Ships moved again.\n\nCrews cheered." ||
		!a.Published.Equal(time.UnixMilli(1700000000000)) || len(a.Tags) != 2 {
		t.Errorf("migrated article = %+v, %v", a, ok)
	}
	heads, err := s.Heads(bg)
	noErr(t, err)
	if len(heads) != 1 || heads[0].Byline != "By Ana Ruiz" || heads[0].Tags[1] != "ships" || heads[0].Format != model.FormatFeed {
		t.Errorf("migrated heads = %+v", heads)
	}
	noErr(t, dbOf(s).Check(bg))
}
