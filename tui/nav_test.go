package tui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/source"
)

// TestEscReturnsWhereTheUserCameFrom: reading one article, going to
// another through the Quotes screen, then esc twice comes back to the
// first article, and once more to the library (navigation is a stack).
func TestEscReturnsWhereTheUserCameFrom(t *testing.T) {
	rec := &frames{}
	tm := teatest.NewTestModel(t, recorded{New(quoteOptions()), rec}, teatest.WithInitialTermSize(120, 40))
	waitScreen(t, rec, "3 articles")
	tm.Send(press("j"))
	tm.Send(press("enter"))
	waitScreen(t, rec, "Gullhaven ferry adds night crossing", "2/3")

	// The Quotes screen; the harbour article's quote, opened.
	tm.Send(press("Q"))
	waitScreen(t, rec, "brief · quotes · 7 quotes")
	tm.Send(press("/"))
	tm.Type("stay lit")
	tm.Send(press("enter"))
	tm.Send(press("enter"))
	waitScreen(t, rec, "Harbour lights stay on for winter", "1/3", "said at the quay on Friday evening")

	tm.Send(press("esc"))
	waitScreen(t, rec, "brief · quotes · 1 of 7 quotes")
	tm.Send(press("esc")) // clears the filter
	tm.Send(press("esc"))
	waitScreen(t, rec, "Gullhaven ferry adds night crossing", "2/3")
	tm.Send(press("esc"))
	waitScreen(t, rec, "brief · library")
	tm.Send(press("q"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}

// TestFailedSourcesShown: one good file and three bad sources open the
// good one in the reader, and the status line says three failed and
// how to list them; the list names each source with its reason; the
// library says so too.
func TestFailedSourcesShown(t *testing.T) {
	arts, briefs := testArticles()
	opts := testOptions()
	opts.Load = nil
	opts.Analyze = func(a model.Article) model.Brief { return briefs[a.ID] }
	opts.Stream = func(context.Context) <-chan source.Event {
		ch := make(chan source.Event, 5)
		ch <- source.Event{Origin: "good.txt", Articles: arts[1:]}
		for _, name := range []string{"missing.txt", "binary.bin", "empty.txt"} {
			ch <- source.Event{Origin: name, Err: &source.Error{Origin: name, Err: errors.New("reason for " + name)}}
		}
		ch <- source.Event{Final: true}
		close(ch)
		return ch
	}
	rec := &frames{}
	tm := teatest.NewTestModel(t, recorded{New(opts), rec}, teatest.WithInitialTermSize(100, 30))
	waitScreen(t, rec, "HARBOURTON", "3 sources failed · E lists them")
	tm.Send(press("E"))
	waitScreen(t, rec, "failed sources · 3", "missing.txt: reason for missing.txt", "binary.bin: reason for binary.bin", "empty.txt: reason for empty.txt")
	tm.Send(press("esc"))
	waitScreen(t, rec, "HARBOURTON")
	tm.Send(press("esc"))
	waitScreen(t, rec, "brief · library", "3 sources failed · E lists them · missing.txt: reason for missing.txt")
	tm.Send(press("q"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}

// TestLibraryFilterRanksAndSelectsBest: every typed word must match (no
// loose subsequence matches), word matches come first, and the cursor
// sits on the best one, wherever it was before.
func TestLibraryFilterRanksAndSelectsBest(t *testing.T) {
	var arts []model.Article
	for i := range 50 {
		title := fmt.Sprintf("Council notes, item %d", i)
		switch i {
		case 3:
			title = "Labour plans maternity pay rise"
		case 20:
			title = "Tony Blair visits Belfast"
		case 40:
			title = "Blairgowrie mill reopens"
		}
		arts = append(arts, model.Article{
			ID: fmt.Sprintf("f:%d", i), Title: title, Source: "Courier", Format: model.FormatText,
			Published:  time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(50-i) * time.Hour),
			Paragraphs: []string{"Text."}, Markdown: "Text.\n",
		})
	}
	opts := Options{Theme: "dark", Load: func(context.Context) ([]model.Article, []error) { return arts, nil },
		Analyze: func(model.Article) model.Brief { return model.Brief{} }}
	m := started(t, opts, 100, 30)
	m = drive(t, m, press("G")) // the cursor far from the matches
	m = drive(t, m, press("/"))
	for _, r := range "blair" {
		m = drive(t, m, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	s := screenOf(m)
	if !strings.Contains(s, "2 of 50 articles") || strings.Contains(s, "Labour plans") {
		t.Errorf("/blair matched the wrong articles:\n%s", s)
	}
	if got := m.library.Target(); got == nil || got.Title != "Tony Blair visits Belfast" {
		t.Errorf("cursor on %v, want the whole-word match", got)
	}
}

// TestEmptyWatchedFolder: an empty folder opened says so, and that it is
// watched, rather than a bare "No articles".
func TestEmptyWatchedFolder(t *testing.T) {
	dir := t.TempDir()
	opts := Options{Theme: "dark", Watch: []string{dir}, Load: func(context.Context) ([]model.Article, []error) { return nil, nil }}
	m := New(opts)
	m = drive(t, m, tea.WindowSizeMsg{Width: 120, Height: 30}, loadedMsg{})
	if s := screenOf(m); !strings.Contains(s, "No articles: "+dir+" is empty; watching it for new files") {
		t.Errorf("an empty watched folder:\n%s", s)
	}
}

// TestDuplicateFeedItemsShownOnce: two feed items with the same title and
// date (other links, other words) are one article in the library, as the
// README says; so are two with the same canonical URL.
func TestDuplicateFeedItemsShownOnce(t *testing.T) {
	day := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	mk := func(id, title, url string, at time.Time) model.Article {
		return model.Article{ID: id, Title: title, URL: url, Published: at, Source: "Feed",
			Paragraphs: []string{"Words of " + id + "."}, Markdown: "Words of " + id + ".\n", Format: model.FormatText}
	}
	arts := []model.Article{
		mk("f:1", "Ferry strike called off", "https://a.example/1", day),
		mk("f:2", "Ferry strike called off", "https://b.example/2", day.Add(3*time.Hour)),
		mk("f:3", "Harbour fees rise", "https://A.example/3/#comments", day),
		mk("f:4", "Harbour fees to rise in spring", "https://a.example/3", day.Add(time.Hour)),
	}
	opts := Options{Theme: "dark", Load: func(context.Context) ([]model.Article, []error) { return arts, nil }}
	m := started(t, opts, 120, 30)
	if n := m.coll.Len(); n != 2 {
		t.Errorf("%d articles, want 2:\n%s", n, screenOf(m))
	}
}
