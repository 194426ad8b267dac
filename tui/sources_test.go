package tui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/source"
)

// TestWatchNewFile: a file written into a watched folder shows up as
// unread while the program runs, and the selection stays put.
func TestWatchNewFile(t *testing.T) {
	dir := t.TempDir()
	opts, u := triageOptions(t)
	opts.Watch = []string{dir}
	tm, rec := startTriage(t, opts, 120, 30)
	waitScreen(t, rec, "2 Unread 2")
	tm.Send(press("j")) // select the ferry article
	waitScreen(t, rec, "▌ ●  2026-11-20")
	text := "Night buses return to the coast road\n\nThe night buses will run again from Monday, the transport office said.\n"
	// The watcher starts in a command; write until it reports the file.
	deadline := time.Now().Add(5 * time.Second)
	for {
		if err := os.WriteFile(filepath.Join(dir, "buses.txt"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(rec.last(), "Night buses return") || time.Now().After(deadline) {
			break
		}
		time.Sleep(400 * time.Millisecond)
	}
	waitScreen(t, rec, "Night buses return to the coast road", "2 Unread 3", "new article")
	if !strings.Contains(rec.last(), "▌ ●  2026-11-20") {
		t.Error("the selection moved off the ferry article when the new file arrived")
	}
	// The store records first sightings in a command of its own, which
	// may still be running when the screen shows the article.
	seen := 0
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		states, err := u.States(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		seen = 0
		for _, s := range states {
			if !s.FirstSeen.IsZero() {
				seen++
			}
		}
		if seen >= 3 || time.Now().After(deadline) {
			break
		}
	}
	if seen != 3 {
		t.Errorf("%d articles recorded as seen, want 3", seen)
	}
	tm.Send(press("q"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}

// TestRefreshAndCachedHeads: cached heads show at start and open whole;
// R brings new articles from the refresh without moving the selection,
// and new articles are handed to the cache.
func TestRefreshAndCachedHeads(t *testing.T) {
	opts, _ := triageOptions(t)
	arts, _ := testArticles()
	cachedFull := model.Article{
		ID: "t:cached", Title: "Cached pier report", Source: "Feed",
		Published:  testNow.Add(-26 * time.Hour),
		Paragraphs: []string{"The pier report was kept from yesterday's feed."},
		Markdown:   "The pier report was kept from yesterday's feed.\n", Format: model.FormatText,
	}
	head := cachedFull
	head.Paragraphs, head.Markdown = nil, ""
	opts.Cached = func(context.Context) ([]model.Article, error) { return []model.Article{head}, nil }
	opts.Article = func(_ context.Context, id string) (model.Article, bool, error) {
		if id == cachedFull.ID {
			return cachedFull, true, nil
		}
		return model.Article{}, false, nil
	}
	fresh := arts[1]
	fresh.ID, fresh.Title, fresh.Origin = "t:fresh", "Fresh tide tables published", "https://news.example/feed#1"
	fresh.Published = testNow.Add(-time.Hour)
	opts.Refresh = func(context.Context) <-chan source.Event {
		ch := make(chan source.Event, 2)
		ch <- source.Event{Origin: "https://news.example/feed", Articles: []model.Article{fresh}}
		ch <- source.Event{Final: true}
		close(ch)
		return ch
	}
	cached := make(chan []model.Article, 10)
	opts.Cache = func(_ context.Context, a []model.Article) ([]string, error) { cached <- a; return nil, nil }

	tm, rec := startTriage(t, opts, 120, 30)
	waitScreen(t, rec, "Cached pier report", "2 Unread 3")
	tm.Send(press("j"))
	waitScreen(t, rec, "▌ ●  2026-11-23")
	tm.Send(press("R"))
	waitScreen(t, rec, "Fresh tide tables published", "refreshed: 1 new article", "▌ ●  2026-11-23")
	// The cache write runs in a command of its own, which may finish
	// after the screen shows the article: wait for it, with a bound.
	deadline := time.After(15 * time.Second)
	for got := false; !got; {
		select {
		case batch := <-cached:
			for _, a := range batch {
				got = got || a.ID == "t:fresh"
			}
		case <-deadline:
			t.Fatal("the refreshed article was not handed to the cache")
		}
	}
	tm.Send(press("enter"))
	waitScreen(t, rec, "The pier report was kept")
	tm.Send(press("q"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}
