package tui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/store"
	"github.com/brief-reader/brief/model/store/postgres"
	"github.com/brief-reader/brief/model/store/postgres/pgtest"
	"github.com/brief-reader/brief/model/store/sqlite"
)

// database is a fresh database of one backend for a test: open opens
// another Store on it (another process), closed at the test's cleanup.
type database struct {
	open func() (*store.Store, error)
}

func (d database) store(t *testing.T) *store.Store {
	t.Helper()
	st, err := d.open()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// backends makes a fresh database of each backend; PostgreSQL's is
// skipped (with a message) without BRIEF_PG outside CI.
var backends = map[string]func(t *testing.T) database{
	"sqlite": func(t *testing.T) database {
		path := filepath.Join(t.TempDir(), "state.db")
		return database{open: func() (*store.Store, error) { return sqlite.OpenStore(path) }}
	},
	"postgres": func(t *testing.T) database {
		u := pgtest.URL(t)
		return database{open: func() (*store.Store, error) { return postgres.OpenStore(context.Background(), u) }}
	},
}

// reviewSession starts a program of the quote test library for a
// reviewer of the shared review on st, hearing the other sessions.
func reviewSession(t *testing.T, st *store.Store, user, reviewer string, w, h int) (*teatest.TestModel, *frames) {
	t.Helper()
	opts := quoteOptions()
	opts.Store = st.User(user, store.WithReviewer(reviewer), store.WithSharedReview())
	live := st.Subscribe()
	t.Cleanup(live.Close)
	opts.Live = live
	return startTriage(t, opts, w, h)
}

// ctrl returns ctrl+r.
func ctrl(r rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: r, Mod: tea.ModCtrl} }

// TestSharedReviewLive: two sessions of the shared review, each on a
// Store of its own over one database (two servers). One marks a quote
// and corrects a speaker; the other, showing the Quotes screen, shows
// both with who did it, without a key pressed; the correction and its
// undo show in the first too.
func TestSharedReviewLive(t *testing.T) {
	for name, backend := range backends {
		t.Run(name, func(t *testing.T) {
			db := backend(t)
			ana, anaScreen := reviewSession(t, db.store(t), "SHA256:ana", "ana.ruiz@desk", 120, 40)
			bo, boScreen := reviewSession(t, db.store(t), "SHA256:bo", "bo", 120, 40)
			waitScreen(t, anaScreen, "3 articles")
			waitScreen(t, boScreen, "3 articles")
			bo.Send(press("Q"))
			waitScreen(t, boScreen, "Ola Brandt, harbour master · 3 quotes", "✓ 0/3")

			ana.Send(press("Q"))
			waitScreen(t, anaScreen, "Ola Brandt")
			ana.Send(press("x"))
			waitScreen(t, anaScreen, "✓ “The lighthouse")
			// bo sees the mark, ana's initials and the speaker's progress.
			waitScreen(t, boScreen, "✓ “The lighthouse", "· ✓ AR", "✓ 1/3")

			ana.Send(press("c"))
			waitScreen(t, anaScreen, "speaker: Ola Brandt, harbour master")
			ana.Send(ctrl('u'))
			ana.Type("Mira Holm")
			ana.Send(press("enter"))
			waitScreen(t, anaScreen, "speaker set to Mira Holm", "Mira Holm, the company's owner · 3 quotes")
			waitScreen(t, boScreen, "Mira Holm, the company's owner · 3 quotes", "Ola Brandt, harbour master · 2 quotes")

			ana.Send(press("u"))
			waitScreen(t, anaScreen, "undone: speaker set to Mira Holm", "Ola Brandt, harbour master · 3 quotes")
			waitScreen(t, boScreen, "Ola Brandt, harbour master · 3 quotes", "Mira Holm, the company's owner · 2 quotes")

			// bo's undo has nothing of bo's to undo: ana's mark stays.
			bo.Send(press("u"))
			waitScreen(t, boScreen, "nothing to undo", "✓ “The lighthouse")
		})
	}
}

// TestCorrectionPromptCompletesAndReverts: tab completes a speaker from
// the article's people; the analysis's own speaker takes the correction
// away; an empty speaker makes the quote unattributed.
func TestCorrectionPromptCompletesAndReverts(t *testing.T) {
	st := backends["sqlite"](t).store(t)
	opts := quoteOptions()
	u := st.User(store.LocalUser)
	opts.Store = u
	tm, rec := startTriage(t, opts, 120, 40)
	waitScreen(t, rec, "3 articles")
	tm.Send(press("Q"))
	waitScreen(t, rec, "Ola Brandt")

	tm.Send(press("c"))
	waitScreen(t, rec, "speaker: Ola Brandt, harbour master")
	tm.Send(ctrl('u'))
	tm.Type("Mi")
	waitScreen(t, rec, "speaker: Mira Holm, the company's owner")
	tm.Send(press("tab"))
	tm.Send(press("enter"))
	waitScreen(t, rec, "speaker set to Mira Holm", "Mira Holm, the company's owner · 3 quotes")
	corrections := func() map[store.QuoteRef]store.Correction {
		r, err := u.Review(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return r.Corrections
	}
	// The screen answers at once; the store is written in a command.
	waitFor(t, "one correction in the store", func() bool { return len(corrections()) == 1 })

	// The quote is now Mira Holm's; c starts from that, and the
	// analysis's speaker (Ola Brandt, harbour master) removes the
	// correction.
	tm.Send(press("c"))
	waitScreen(t, rec, "speaker: Mira Holm, the company's owner")
	tm.Send(ctrl('u'))
	tm.Type("Ola Brandt, harbour master")
	tm.Send(press("enter"))
	waitScreen(t, rec, "speaker as the analysis found it", "Ola Brandt, harbour master · 3 quotes")
	waitFor(t, "no correction left after going back to the analysis", func() bool { return len(corrections()) == 0 })

	// Empty: nobody said it.
	tm.Send(press("c"))
	tm.Send(ctrl('u'))
	tm.Send(press("enter"))
	waitScreen(t, rec, "quote set to no speaker", "Unattributed · 2 quotes", "Ola Brandt, harbour master · 2 quotes")
}

// loudQuoteCorrected opens a SQLite store whose local user has
// corrected the speaker of Gullhaven's unattributed "It will be loud,"
// to Kari Nes, resident, and returns that user, the quote articles and
// their briefs, and the Gullhaven article.
func loudQuoteCorrected(t *testing.T) (*store.User, []model.Article, map[string]model.Brief, model.Article) {
	t.Helper()
	st := backends["sqlite"](t).store(t)
	arts, briefs := quoteArticles()
	var g model.Article
	for _, a := range arts {
		if a.ID == "t:gullhaven" {
			g = a
		}
	}
	u := st.User(store.LocalUser)
	loud := briefs[g.ID].Quotes[3]
	if _, err := u.CorrectSpeaker(context.Background(), store.QuoteOf(g, loud), "Kari Nes", "resident"); err != nil {
		t.Fatal(err)
	}
	return u, arts, briefs, g
}

// TestOrphanedCorrectionAfterReanalysis: a correction whose quote a new
// analysis no longer finds is reported in the reader and applied to no
// other quote.
func TestOrphanedCorrectionAfterReanalysis(t *testing.T) {
	u, arts, briefs, g := loudQuoteCorrected(t)
	// A new analysis reads that quote differently: its words changed.
	b := briefs[g.ID]
	b.Quotes = append([]model.Quote(nil), b.Quotes...)
	b.Quotes[3].Text = "It will be very loud,"
	briefs[g.ID] = b

	opts := Options{
		Theme: "dark", Store: u,
		Load:    func(context.Context) ([]model.Article, []error) { return arts, nil },
		Analyze: func(a model.Article) model.Brief { return briefs[a.ID] },
	}
	tm, rec := startTriage(t, opts, 120, 40)
	waitScreen(t, rec, "3 articles")
	tm.Send(press("Q"))
	waitScreen(t, rec, "Unattributed")
	if s := lastScreen(rec); strings.Contains(s, "Kari Nes") {
		t.Errorf("an orphaned correction was applied:\n%s", s)
	}
	tm.Send(press("/"))
	tm.Type("loud")
	tm.Send(press("enter"))
	waitScreen(t, rec, "1 of 7 quotes")
	tm.Send(press("enter")) // the article, at the quote
	waitScreen(t, rec, "1 speaker correction of this article finds no quote", "It will be very loud")
}

// lastScreen is the last frame drawn.
func lastScreen(rec *frames) string {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if len(rec.all) == 0 {
		return ""
	}
	return rec.all[len(rec.all)-1]
}

// TestUncheckedFilter: v shows only the quotes nobody checked, and a
// quote checked meanwhile leaves the list.
func TestUncheckedFilter(t *testing.T) {
	m := started(t, quoteOptions(), 120, 40)
	m = drive(t, m, press("Q"), press("x"), press("v"))
	s := screenOf(m)
	if strings.Contains(s, "The lighthouse will stay lit") || !strings.Contains(s, "6 of 7 quotes unchecked") {
		t.Errorf("v still lists the checked quote:\n%s", s)
	}
	n := m.quotes.idx.Total
	m = drive(t, m, press("x"))
	if m.quotes.idx.Total != n-1 {
		t.Errorf("checking a quote with v on: %d quotes listed, want %d", m.quotes.idx.Total, n-1)
	}
	m = drive(t, m, press("v"))
	if s := screenOf(m); !strings.Contains(s, "The lighthouse will stay lit") {
		t.Errorf("v again does not list every quote:\n%s", s)
	}
}

func TestInitials(t *testing.T) {
	for in, want := range map[string]string{
		"ana.ruiz@desk":        "AR",
		"Bo Lind":              "BL",
		"mira":                 "Mi",
		"eva-maria.de-la-cruz": "EMD",
		"SHA256:mu2cq1ba95lm":  "mu",
		"":                     "",
	} {
		if got := Initials(in); got != want {
			t.Errorf("Initials(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestReviewWritesKeepKeyOrder: marks, their clearing and undo reach the
// store in the order the keys were pressed, however fast: x x leaves no
// mark, and u after a mark undoes that mark, not the action before it.
func TestReviewWritesKeepKeyOrder(t *testing.T) {
	st := backends["sqlite"](t).store(t)
	opts := quoteOptions()
	u := st.User(store.LocalUser)
	opts.Store = u
	tm, rec := startTriage(t, opts, 120, 40)
	waitScreen(t, rec, "3 articles")
	tm.Send(press("Q"))
	waitScreen(t, rec, "Ola Brandt")
	for _, k := range []string{"x", "x", "j", "!", "j", "*", "u"} {
		tm.Send(press(k))
	}
	waitScreen(t, rec, "undone: mark quote starred")
	want := map[string]store.Mark{"Night trade is where the island's future lies,": store.MarkFlagged}
	var got map[string]store.Mark
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		r, err := u.Review(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		got = map[string]store.Mark{}
		arts, briefs := quoteArticles()
		for _, a := range arts {
			for _, q := range briefs[a.ID].Quotes {
				if m := r.Marks[store.QuoteOf(a, q).Ref()]; m.Mark != store.MarkNone {
					got[q.Text] = m.Mark
				}
			}
		}
		if len(got) == len(want) && got["Night trade is where the island's future lies,"] == store.MarkFlagged {
			return
		}
		time.Sleep(20 * time.Millisecond) // polling the database, not asserting time
	}
	t.Errorf("marks in the store %v, want %v", got, want)
}
