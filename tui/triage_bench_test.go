package tui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/store"
	"github.com/brief-reader/brief/model/store/sqlite"
	"github.com/brief-reader/brief/model/testkit"
)

// warmStore returns a store holding n cached articles, a third of them
// with triage state (read, some starred, archived or tagged).
func warmStore(b *testing.B, n int) *store.Store {
	b.Helper()
	st, err := sqlite.OpenStore(filepath.Join(b.TempDir(), "state.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	base := time.Date(2026, 11, 24, 18, 0, 0, 0, time.UTC)
	arts := make([]model.Article, n)
	for i := range arts {
		paras := []string{
			fmt.Sprintf("The council of district %d met on Tuesday to discuss item %d of its agenda.", i%97, i),
			"\"We will decide next month,\" the chair said after the meeting.",
		}
		arts[i] = model.Article{
			Title:      fmt.Sprintf("District %d council defers vote on item %d", i%97, i),
			Source:     fmt.Sprintf("Feed %d", i%40),
			URL:        fmt.Sprintf("https://news.example/%d/item-%d", i%40, i),
			Origin:     fmt.Sprintf("https://news.example/%d/feed.xml#%d", i%40, i),
			Published:  base.Add(-time.Duration(i) * 17 * time.Minute),
			Paragraphs: paras,
			Markdown:   strings.Join(paras, "\n\n") + "\n",
			Format:     model.FormatText,
		}
	}
	ctx := context.Background()
	if err := st.PutArticles(ctx, arts); err != nil {
		b.Fatal(err)
	}
	heads, err := st.Heads(ctx)
	if err != nil {
		b.Fatal(err)
	}
	u := st.User(store.LocalUser)
	var read, starred, archived, tagged []string
	for i, a := range heads {
		switch {
		case i%3 == 0:
			read = append(read, a.ID)
		case i%7 == 0:
			starred = append(starred, a.ID)
		case i%11 == 0:
			archived = append(archived, a.ID)
		case i%13 == 0:
			tagged = append(tagged, a.ID)
		}
	}
	for _, err := range []error{
		second(u.SetRead(ctx, read, true)),
		second(u.SetStarred(ctx, starred, true)),
		second(u.SetArchived(ctx, archived, true)),
		second(u.AddTag(ctx, tagged, "council")),
	} {
		if err != nil {
			b.Fatal(err)
		}
	}
	return st
}

// BenchmarkWarmStart measures a start with 10,000 known articles, from
// New to the library on screen: the user's state and the cached heads
// read from the store (one command), the library's views, tabs and day
// groups computed, and the first frame drawn at 200x60 (live sources
// may still be loading). Bodies are read later, in the background.
// store-ms is the store's part (States and Heads), ui-ms the rest.
func BenchmarkWarmStart(b *testing.B) {
	const n = 10000
	st := warmStore(b, n)
	u := st.User(store.LocalUser)
	now := time.Date(2026, 11, 24, 18, 0, 0, 0, time.UTC)
	var read, ui time.Duration
	cpu := testkit.CPUTime()
	b.ResetTimer()
	for b.Loop() {
		t0 := time.Now()
		m := New(Options{
			Theme: "dark", Width: 200, Height: 60,
			Store: u, Cached: st.Heads, Article: st.Article,
			Now: func() time.Time { return now },
		})
		// The state and the heads are read by two commands, which
		// bubbletea runs at once.
		statesCh := make(chan tea.Msg, 1)
		go func() { statesCh <- m.tri.Init()() }()
		heads := m.src.readHeads()()
		states := <-statesCh
		t1 := time.Now()
		// Deliver them, and what they emit: the heads arrived, the
		// state changed.
		var nm tea.Model = m
		for _, msg := range []tea.Msg{states, heads, nil, statesChangedMsg{}} {
			if msg == nil {
				msg = arrivedMsg{added: nm.(Model).coll.All()}
			}
			nm, _ = nm.Update(msg)
		}
		view := ansi.Strip(nm.View().Content)
		read, ui = read+t1.Sub(t0), ui+time.Since(t1)
		if !strings.Contains(view, "Inbox") || !strings.Contains(view, "District") {
			b.Fatalf("library not on screen:\n%s", view)
		}
	}
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 / float64(b.N) }
	b.ReportMetric(ms(b.Elapsed()), "ms/start")
	b.ReportMetric(ms(testkit.CPUTime()-cpu), "cpu-ms/start")
	b.ReportMetric(ms(read), "store-ms")
	b.ReportMetric(ms(ui), "ui-ms")
}
