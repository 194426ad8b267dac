package sqlite

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/store"
	"github.com/brief-reader/brief/model/store/storetest"
	"github.com/brief-reader/brief/model/testkit"
)

// BenchmarkToggle measures one triage action (star toggle) including its
// durable commit, at each synchronous level.
func BenchmarkToggle(b *testing.B) {
	for _, sync := range []Sync{SyncFull, SyncNormal} {
		b.Run(sync.String(), func(b *testing.B) {
			s := openTemp(b, WithSync(sync))
			u := s.User(store.LocalUser)
			ids := storetest.FixtureIDs(100)
			if _, err := u.Seen(bg, ids); err != nil {
				b.Fatal(err)
			}
			cpu := testkit.CPUTime()
			for i := 0; b.Loop(); i++ {
				if _, err := u.ToggleStarred(bg, ids[i%len(ids)]); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N), "µs/action")
			b.ReportMetric(float64((testkit.CPUTime()-cpu).Microseconds())/float64(b.N), "cpu-µs/action")
		})
	}
}

// BenchmarkBulkArchive1k measures one bulk action over 1,000 articles: one
// transaction, one undo entry.
func BenchmarkBulkArchive1k(b *testing.B) {
	s := openTemp(b)
	u := s.User(store.LocalUser)
	ids := storetest.FixtureIDs(1000)
	if _, err := u.SetRead(bg, ids, true); err != nil {
		b.Fatal(err)
	}
	for i := 0; b.Loop(); i++ {
		if _, err := u.SetArchived(bg, ids, i%2 == 0); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOpen100k measures a cold start over a state database of 100,000
// article states: Open (with its schema check) plus States.
func BenchmarkOpen100k(b *testing.B) { benchOpen(b, 100_000) }

// BenchmarkStates10k measures States over 10,000 article states on an open
// store.
func BenchmarkStates10k(b *testing.B) {
	path := fixtureDB(b, 10_000)
	s := openAt(b, path)
	u := s.User(store.LocalUser)
	cpu := testkit.CPUTime()
	for b.Loop() {
		m, err := u.States(bg)
		if err != nil || len(m) != 10_000 {
			b.Fatalf("States: %d, %v", len(m), err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/10_000, "ns/state")
	b.ReportMetric(float64((testkit.CPUTime()-cpu).Microseconds())/1000/float64(b.N), "cpu-ms/op")
}

// benchOpen opens a fixture of n states and loads them, per iteration;
// Close is not timed.
func benchOpen(b *testing.B, n int) {
	path := fixtureDB(b, n)
	b.ResetTimer()
	cpu := testkit.CPUTime()
	for range b.N {
		s, err := OpenStore(path)
		if err != nil {
			b.Fatal(err)
		}
		m, err := s.User(store.LocalUser).States(bg)
		if err != nil || len(m) != n {
			b.Fatalf("States: %d, %v", len(m), err)
		}
		b.StopTimer()
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/open")
	b.ReportMetric(float64((testkit.CPUTime()-cpu).Microseconds())/1000/float64(b.N), "cpu-ms/open")
}

// BenchmarkHeads10k measures reading the heads of 10,000 cached articles,
// what a warm start needs for the library listing, from a database written
// and closed by an earlier run.
func BenchmarkHeads10k(b *testing.B) {
	path := filepath.Join(b.TempDir(), "state.db")
	s := openAt(b, path)
	arts := make([]model.Article, 10_000)
	for i := range arts {
		arts[i] = storetest.SampleArticle(i)
	}
	if err := s.PutArticles(bg, arts); err != nil {
		b.Fatal(err)
	}
	noErr(b, s.Close())
	s = openAt(b, path)
	for b.Loop() {
		h, err := s.Heads(bg)
		if err != nil || len(h) != len(arts) {
			b.Fatalf("Heads: %d, %v", len(h), err)
		}
	}
}

// BenchmarkPutArticles1k measures caching 1,000 articles in one transaction.
func BenchmarkPutArticles1k(b *testing.B) {
	s := openTemp(b)
	arts := make([]model.Article, 1000)
	for i := range arts {
		arts[i] = storetest.SampleArticle(i)
	}
	for b.Loop() {
		if err := s.PutArticles(bg, arts); err != nil {
			b.Fatal(err)
		}
	}
}

// fixtureDB builds, in b's temp dir, a state database holding n article
// states for LocalUser (every third read, every tenth starred, every
// seventh tagged), written in one transaction.
func fixtureDB(b *testing.B, n int) string { return fixtureDBT(b, n) }

// fixtureDBT is fixtureDB for any test.
func fixtureDBT(b testing.TB, n int) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "state.db")
	db, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	now := time.Now().UnixMilli()
	err = db.write(bg, func(tx *sql.Tx) error {
		st, err := tx.Prepare(`INSERT INTO article_state (user, article_id, read, starred, first_seen, tags)
			VALUES (?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		tg, err := tx.Prepare(`INSERT INTO tag (user, article_id, tag) VALUES (?, ?, ?)`)
		if err != nil {
			return err
		}
		for i, id := range storetest.FixtureIDs(n) {
			tag := ""
			if i%7 == 0 {
				tag = fmt.Sprintf("topic-%d", i%13)
			}
			if _, err := st.Exec(store.LocalUser, id, i%3 == 0, i%10 == 0, now-int64(i)*1000, tag); err != nil {
				return err
			}
			if tag != "" {
				if _, err := tg.Exec(store.LocalUser, id, tag); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkQuickCheck100k measures the PRAGMA quick_check Open runs, on
// a database of 100,000 article states and on one that also caches
// 100,000 articles; size-MB is the file's size.
func BenchmarkQuickCheck100k(b *testing.B) {
	states := fixtureDB(b, 100_000)
	cached := fixtureDB(b, 100_000)
	s := openAt(b, cached)
	arts := make([]model.Article, 100_000)
	for i := range arts {
		arts[i] = storetest.SampleArticle(i)
	}
	if err := s.PutArticles(bg, arts); err != nil {
		b.Fatal(err)
	}
	noErr(b, s.Close())
	for name, path := range map[string]string{"states": states, "states+articles": cached} {
		b.Run(name, func(b *testing.B) {
			db, err := Open(path)
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			info, err := os.Stat(path)
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if err := db.quickCheck(bg); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(info.Size())/(1<<20), "size-MB")
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/check")
		})
	}
}
