package tui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/source"
	"github.com/brief-reader/brief/model/store"
	"github.com/brief-reader/brief/model/store/sqlite"
)

// testNow is the clock of the triage tests: the harbour article
// (24 Nov, 10:00) is from today, the ferry article (20 Nov) is older.
var testNow = time.Date(2026, 11, 24, 18, 0, 0, 0, time.UTC)

// triageOptions are testOptions with a store on a fresh database.
func triageOptions(t *testing.T) (Options, *store.User) {
	t.Helper()
	st, err := sqlite.OpenStore(filepath.Join(t.TempDir(), "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	u := st.User(store.LocalUser)
	opts := testOptions()
	opts.Store = u
	opts.Now = func() time.Time { return testNow }
	return opts, u
}

// stateOf reads an article's state back from the store.
func stateOf(t *testing.T, u *store.User, id string) store.ArticleState {
	t.Helper()
	s, err := u.State(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func startTriage(t *testing.T, opts Options, w, h int) (*teatest.TestModel, *frames) {
	t.Helper()
	rec := &frames{}
	tm := teatest.NewTestModel(t, recorded{New(opts), rec}, teatest.WithInitialTermSize(w, h))
	t.Cleanup(func() { tm.Quit() })
	return tm, rec
}

// TestTriageActions goes through every triage key and its undo in the
// library, checking the screen and what the store holds after each.
func TestTriageActions(t *testing.T) {
	opts, u := triageOptions(t)
	tm, rec := startTriage(t, opts, 120, 30)
	waitScreen(t, rec, "1 Inbox 2 │ 2 Unread 2 │ 3 Starred 0 │ 4 Archive 0", "Today", "Fri 20 Nov 2026")

	// The selection starts on the newest article, the harbour one.
	tm.Send(press("s"))
	waitScreen(t, rec, "3 Starred 1", "star 1 article · u to undo")
	if !stateOf(t, u, "t:harbour").Starred {
		t.Error("s did not star the article in the store")
	}
	tm.Send(press("r"))
	waitScreen(t, rec, "2 Unread 1", "read 1 article · u to undo")
	if !stateOf(t, u, "t:harbour").Read {
		t.Error("r did not mark the article read in the store")
	}
	tm.Send(press("r"))
	waitScreen(t, rec, "2 Unread 2", "unread 1 article")

	tm.Send(press("t"))
	waitScreen(t, rec, "tag: ")
	tm.Type("lights")
	tm.Send(press("enter"))
	waitScreen(t, rec, "#lights 1", "tag “lights” on 1 article")
	if got := stateOf(t, u, "t:harbour").Tags; len(got) != 1 || got[0] != "lights" {
		t.Errorf("tags in the store %q, want [lights]", got)
	}

	// Tag completion: the prompt suggests the tag in use; tab takes it.
	tm.Send(press("j"))
	tm.Send(press("t"))
	tm.Type("li")
	waitScreen(t, rec, "tag: lights")
	tm.Send(press("tab"))
	tm.Send(press("enter"))
	waitScreen(t, rec, "#lights 2", "tag “lights” on 1 article")
	if got := stateOf(t, u, "t:ferry").Tags; len(got) != 1 || got[0] != "lights" {
		t.Errorf("completed tag in the store %q, want [lights]", got)
	}

	tm.Send(press("e"))
	tm.Type("ask about Sundays")
	tm.Send(press("enter"))
	waitScreen(t, rec, "note on 1 article")
	if got := stateOf(t, u, "t:ferry").Note; got != "ask about Sundays" {
		t.Errorf("note in the store %q", got)
	}
	tm.Send(press("u"))
	waitScreen(t, rec, "undone: note on 1 article")
	if got := stateOf(t, u, "t:ferry").Note; got != "" {
		t.Errorf("note after undo %q, want none", got)
	}

	tm.Send(press("a"))
	waitScreen(t, rec, "1 Inbox 1 │", "4 Archive 1", "archive 1 article")
	if !stateOf(t, u, "t:ferry").Archived {
		t.Error("a did not archive the article in the store")
	}
	tm.Send(tea.KeyPressMsg{Code: 'z', Mod: tea.ModCtrl})
	waitScreen(t, rec, "1 Inbox 2 │", "4 Archive 0", "undone: archive 1 article")
	if stateOf(t, u, "t:ferry").Archived {
		t.Error("ctrl+z did not take the article out of the archive")
	}

	// Views: the Starred tab shows the starred article only.
	tm.Send(press("3"))
	waitScreen(t, rec, "1 of 2 articles", "Harbour lights stay on")
	tm.Send(press("l"))
	waitScreen(t, rec, "0 of 2 articles", "No articles in this view")
	tm.Send(press("1"))
	waitScreen(t, rec, "2 articles")
	tm.Send(press("q"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}

// TestTriageReader: opening marks read, triage keys work in the reader,
// archiving opens the next article, and undo takes it back.
func TestTriageReader(t *testing.T) {
	opts, u := triageOptions(t)
	tm, rec := startTriage(t, opts, 120, 40)
	waitScreen(t, rec, "2 Unread 2")
	tm.Send(press("enter"))
	waitScreen(t, rec, "1/2", "HARBOURTON")
	tm.Send(press("s"))
	waitScreen(t, rec, "star 1 article", "★ 1/2")
	tm.Send(press("t"))
	tm.Type("lights")
	tm.Send(press("enter"))
	waitScreen(t, rec, "★ #lights 1/2")
	st := stateOf(t, u, "t:harbour")
	if !st.Read || !st.Starred || st.LastOpened.IsZero() {
		t.Errorf("after opening and s: %+v, want read, starred, opened", st)
	}
	tm.Send(press("a"))
	waitScreen(t, rec, "Ferry timetable changes", "The Millbrook ferry runs", "archive 1 article")
	if !stateOf(t, u, "t:harbour").Archived {
		t.Error("a in the reader did not archive the article")
	}
	tm.Send(press("esc"))
	waitScreen(t, rec, "1 Inbox 1 │", "4 Archive 1")
	tm.Send(press("u"))
	waitScreen(t, rec, "undone: archive 1 article", "1 Inbox 2 │", "2 Unread 0")
	tm.Send(press("u"))
	waitScreen(t, rec, "undone: tag “lights” on 1 article")
	tm.Send(press("q"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}

// TestUndoAfterArchiveInReader: a in the reader archives and opens the
// next article, which marks it read; u then undoes the archive (what the
// user did), not the marking read, and says so.
func TestUndoAfterArchiveInReader(t *testing.T) {
	opts, u := triageOptions(t)
	tm, rec := startTriage(t, opts, 120, 40)
	waitScreen(t, rec, "2 Unread 2")
	tm.Send(press("enter"))
	waitScreen(t, rec, "1/2", "HARBOURTON")
	tm.Send(press("a"))
	waitScreen(t, rec, "The Millbrook ferry runs", "archive 1 article")
	tm.Send(press("u"))
	waitScreen(t, rec, "undone: archive 1 article")
	if stateOf(t, u, "t:harbour").Archived {
		t.Error("u left the archived article in the archive")
	}
	if !stateOf(t, u, "t:ferry").Read {
		t.Error("the article opened after archiving lost its read mark")
	}
	tm.Send(press("q"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}

// TestArchiveReadBulk: A archives the read articles the view shows, not
// hidden ones, as one action that one undo reverts.
func TestArchiveReadBulk(t *testing.T) {
	opts, u := triageOptions(t)
	arts, _ := testArticles()
	third := arts[0]
	third.ID, third.Title = "t:ferry2", "Ferry fares rise in spring"
	third.Published = third.Published.Add(time.Hour)
	load := opts.Load
	opts.Load = func(ctx context.Context) ([]model.Article, []error) {
		a, e := load(ctx)
		return append(a, third), e
	}
	tm, rec := startTriage(t, opts, 120, 30)
	waitScreen(t, rec, "2 Unread 3")
	for range 3 {
		tm.Send(press("r"))
		tm.Send(press("j"))
	}
	waitScreen(t, rec, "2 Unread 0")

	// Filter to the two ferry articles: only they are archived.
	tm.Send(press("/"))
	tm.Type("ferry")
	tm.Send(press("enter"))
	waitScreen(t, rec, "2 of 3 articles")
	tm.Send(press("A"))
	waitScreen(t, rec, "archive 2 articles read", "4 Archive 2")
	for id, want := range map[string]bool{"t:ferry": true, "t:ferry2": true, "t:harbour": false} {
		if got := stateOf(t, u, id).Archived; got != want {
			t.Errorf("%s archived %v, want %v", id, got, want)
		}
	}
	tm.Send(press("u"))
	waitScreen(t, rec, "undone: archive 2 articles read", "4 Archive 0")
	for _, id := range []string{"t:ferry", "t:ferry2"} {
		if stateOf(t, u, id).Archived {
			t.Errorf("%s still archived after one undo", id)
		}
	}
	tm.Send(press("q"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}

// TestTabCounts checks the tab bar against state already in the store.
func TestTabCounts(t *testing.T) {
	opts, u := triageOptions(t)
	ctx := context.Background()
	for _, err := range []error{
		second(u.SetRead(ctx, []string{"t:harbour"}, true)),
		second(u.SetStarred(ctx, []string{"t:ferry"}, true)),
		second(u.SetArchived(ctx, []string{"t:ferry"}, true)),
		second(u.AddTag(ctx, []string{"t:ferry", "t:harbour"}, "port")),
		second(u.AddTag(ctx, []string{"t:harbour"}, "winter")),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	view := screenOf(started(t, opts, 120, 30))
	want := "1 Inbox 1 │ 2 Unread 0 │ 3 Starred 1 │ 4 Archive 1 │ #port 2 │ #winter 1"
	if !strings.Contains(view, want) {
		t.Errorf("tab bar missing %q in\n%s", want, view)
	}
	if !strings.Contains(view, "#port #winter") {
		t.Errorf("row does not show its tags:\n%s", view)
	}
}

// TestNoStoreDisablesTriage: without a store the triage keys do nothing
// and help does not offer them.
func TestNoStoreDisablesTriage(t *testing.T) {
	m := drive(t, started(t, testOptions(), 120, 30), press("s"))
	for _, b := range m.keys.TriageKeys.stateHelp() {
		if b.Enabled() {
			t.Errorf("%s enabled without a store", b.Help().Desc)
		}
	}
	view := screenOf(m)
	if strings.Contains(view, "Inbox") || strings.Contains(view, "star") {
		t.Errorf("triage shown without a store:\n%s", view)
	}
}

func second[T any](_ T, err error) error { return err }

// last returns the last frame recorded.
func (f *frames) last() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.all) == 0 {
		return ""
	}
	return f.all[len(f.all)-1]
}

// TestFirstSeenKeptWhenStateArrivesLate: an undated article shown before
// the user's state was read is filed under the day it was first seen, and
// stays there when the state (which does not know it yet) arrives.
func TestFirstSeenKeptWhenStateArrivesLate(t *testing.T) {
	opts, _ := triageOptions(t)
	arts, _ := testArticles()
	var ferry model.Article
	for _, a := range arts {
		if a.ID == "t:ferry" {
			ferry = a
		}
	}
	undated := ferry
	undated.ID, undated.Title, undated.Published = "t:undated", "Notice without a date", time.Time{}
	m := New(opts)
	m = drive(t, m, tea.WindowSizeMsg{Width: 120, Height: 30}, loadedMsg{articles: []model.Article{undated, ferry}})
	if got := m.tri.states.m["t:undated"].FirstSeen; !got.Equal(testNow) {
		t.Fatalf("first seen in memory %v, want %v", got, testNow)
	}
	m = drive(t, m, statesMsg{states: map[string]store.ArticleState{}})
	if got := m.tri.states.m["t:undated"].FirstSeen; !got.Equal(testNow) {
		t.Errorf("first seen after the state arrived %v, want %v", got, testNow)
	}
	screen := ansi.Strip(m.content())
	if !strings.Contains(screen, "─ Today") || strings.Contains(screen, "─ Undated") {
		t.Errorf("the undated article is not filed under Today:\n%s", screen)
	}
	if !strings.Contains(screen, "undated     Notice without a date") {
		t.Errorf("the undated article is filed under Today without saying it is undated:\n%s", screen)
	}
}

// TestSinceLeavesUndatedOut: with --since an undated article (which may
// be years old) is not shown, though it was first seen today.
func TestSinceLeavesUndatedOut(t *testing.T) {
	opts, _ := triageOptions(t)
	opts.Since = 24 * time.Hour
	arts, _ := testArticles()
	undated := arts[0]
	undated.ID, undated.Title, undated.Published = "t:undated", "Notice without a date", time.Time{}
	opts.Load = func(context.Context) ([]model.Article, []error) { return append(arts, undated), nil }
	screen := screenOf(started(t, opts, 120, 30))
	if strings.Contains(screen, "Notice without a date") {
		t.Errorf("--since 24h shows an undated article:\n%s", screen)
	}
	if !strings.Contains(screen, "Harbour lights stay on") || strings.Contains(screen, "Ferry timetable") {
		t.Errorf("--since 24h does not show exactly the last day's article:\n%s", screen)
	}
}

// TestFrontMatterTags: tags an article's front matter gives become its
// tags: a tab, a filter match, the reader's header, and the store.
func TestFrontMatterTags(t *testing.T) {
	opts, u := triageOptions(t)
	a, err := source.ParseMarkdown("drill.md", "---\ntitle: Tsunami drill in Kamaishi\ntags: [japan, 防災]\n---\n\nThe city held its yearly tsunami drill on Sunday, with every school taking part.\n")
	if err != nil {
		t.Fatal(err)
	}
	arts, _ := testArticles()
	opts.Load = func(context.Context) ([]model.Article, []error) { return append(arts, a), nil }
	tm, rec := startTriage(t, opts, 120, 30)
	waitScreen(t, rec, "#japan 1", "#防災 1")
	tm.Send(press("/"))
	tm.Type("japan")
	waitScreen(t, rec, "1 of 3 articles", "Tsunami drill in Kamaishi")
	tm.Send(press("enter"))
	tm.Send(press("enter"))
	waitScreen(t, rec, "#japan #防災", "yearly tsunami drill")
	// Recording the first sighting runs in a command of its own.
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if st := stateOf(t, u, model.ArticleID(a)); len(st.Tags) == 2 || time.Now().After(deadline) {
			if len(st.Tags) != 2 {
				t.Errorf("tags in the store %q, want [japan 防災]", st.Tags)
			}
			break
		}
	}
	tm.Send(press("q"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}

// TestRoughEdges: counts agree with their nouns ("1 article"), R with
// nothing to refresh says so, and an empty tag prompt closes quietly.
func TestRoughEdges(t *testing.T) {
	opts, _ := triageOptions(t)
	arts, _ := testArticles()
	opts.Load = func(context.Context) ([]model.Article, []error) { return arts[1:], nil }
	m := started(t, opts, 120, 30)
	m = drive(t, m, press("esc")) // the one article opened by itself
	s := screenOf(m)
	if !strings.Contains(s, "brief · library · 1 article") || strings.Contains(s, "1 articles") {
		t.Errorf("the library counts one article as %q", strings.SplitN(s, "\n", 2)[0])
	}
	m = drive(t, m, press("R"))
	if m.status.text != "nothing to refresh: no feeds or URLs" {
		t.Errorf("R without feeds: status %q", m.status.text)
	}
	m = drive(t, m, press("t"), press("enter"))
	if m.status.text != "" || m.tri.Prompting() {
		t.Errorf("an empty tag: status %q, prompt open %v", m.status.text, m.tri.Prompting())
	}
	m = drive(t, m, press("Q"), press("/"))
	for _, r := range "stay lit" {
		m = drive(t, m, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	if s := screenOf(m); !strings.Contains(s, "1 of 2 quotes") {
		t.Errorf("quotes heading: %q", strings.SplitN(s, "\n", 2)[0])
	}
}
