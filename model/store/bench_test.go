package store

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/testkit"
)

// BenchmarkToggle measures one triage action (star toggle) including its
// durable commit, at each synchronous level.
func BenchmarkToggle(b *testing.B) {
	for _, sync := range []Sync{SyncFull, SyncNormal} {
		b.Run(sync.String(), func(b *testing.B) {
			s := openTemp(b, WithSync(sync))
			u := s.User(LocalUser)
			ids := fixtureIDs(100)
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
	u := s.User(LocalUser)
	ids := fixtureIDs(1000)
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
	u := s.User(LocalUser)
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
		s, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		m, err := s.User(LocalUser).States(bg)
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
		arts[i] = sampleArticle(i)
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
		arts[i] = sampleArticle(i)
	}
	for b.Loop() {
		if err := s.PutArticles(bg, arts); err != nil {
			b.Fatal(err)
		}
	}
}

// fixtureIDs returns n distinct article IDs.
func fixtureIDs(n int) []string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = "https://news.example/a/" + strconv.Itoa(i)
	}
	return ids
}

// fixtureDB builds, in b's temp dir, a state database holding n article
// states for LocalUser (every third read, every tenth starred, every
// seventh tagged), written in one transaction.
func fixtureDB(b *testing.B, n int) string { return fixtureDBT(b, n) }

// fixtureDBT is fixtureDB for any test.
func fixtureDBT(b testing.TB, n int) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "state.db")
	s, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	now := time.Now().UnixMilli()
	err = s.write(bg, func(tx *sql.Tx) error {
		st, err := tx.Prepare(`INSERT INTO article_state (user, article_id, read, starred, first_seen, tags)
			VALUES (?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		tg, err := tx.Prepare(`INSERT INTO tag (user, article_id, tag) VALUES (?, ?, ?)`)
		if err != nil {
			return err
		}
		for i, id := range fixtureIDs(n) {
			tag := ""
			if i%7 == 0 {
				tag = fmt.Sprintf("topic-%d", i%13)
			}
			if _, err := st.Exec(LocalUser, id, i%3 == 0, i%10 == 0, now-int64(i)*1000, tag); err != nil {
				return err
			}
			if tag != "" {
				if _, err := tg.Exec(LocalUser, id, tag); err != nil {
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

// sampleArticle returns a made-up article of some size, number i.
func sampleArticle(i int) model.Article {
	paras := make([]string, 12)
	for j := range paras {
		paras[j] = fmt.Sprintf("Paragraph %d of sample article %d says something plain about the harbour works, the council vote and the weather on the coast road.", j, i)
	}
	return model.Article{
		ID:         "https://news.example/a/" + strconv.Itoa(i),
		Title:      fmt.Sprintf("Sample article %d", i),
		Source:     "Example News",
		URL:        "https://news.example/a/" + strconv.Itoa(i),
		Origin:     "https://news.example/feed.xml#" + strconv.Itoa(i),
		Published:  time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Minute),
		Paragraphs: paras,
		Format:     model.FormatFeed,
		Tags:       []string{"harbour"},
	}
}
