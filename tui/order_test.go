package tui

import (
	"context"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/source"
	"github.com/brief-reader/brief/model/store"
	"github.com/brief-reader/brief/model/store/sqlite"
)

// cascadeOneByOne is cascade with the commands of every tea.Batch run
// one at a time, each with everything it leads to before the next
// starts, first to last or (lastFirst) last to first: bubbletea runs a
// batch's commands concurrently, so on a busy machine one of them may
// finish after all the others and what they led to. A sequence keeps
// its order.
func cascadeOneByOne(t *testing.T, m Model, msg tea.Msg, lastFirst bool) Model {
	t.Helper()
	steps := 0
	return oneByOne(t, m, msg, lastFirst, &steps)
}

func oneByOne(t *testing.T, m Model, msg tea.Msg, lastFirst bool, steps *int) Model {
	t.Helper()
	if msg == nil {
		return m
	}
	if *steps++; *steps > 10000 {
		t.Fatal("too many messages")
	}
	if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeOf(tea.Cmd(nil)) {
		cmds := make([]tea.Cmd, v.Len())
		for i := range cmds {
			cmds[i] = v.Index(i).Interface().(tea.Cmd)
		}
		if _, batch := msg.(tea.BatchMsg); batch && lastFirst {
			slices.Reverse(cmds)
		}
		for _, c := range cmds {
			m = oneByOne(t, m, runCmd(c), lastFirst, steps)
		}
		return m
	}
	m.spinning = true
	nm, cmd := m.Update(msg)
	m = nm.(Model)
	m.spinning = true
	return oneByOne(t, m, runCmd(cmd), lastFirst, steps)
}

// TestRefreshStatusEndsWithItsResult: R says "refreshing feeds…" and,
// when the refresh is done, what it brought; in whatever order the
// commands behind R finish, the status line never goes back to
// "refreshing feeds…" after the result (seen under load in
// TestRefreshAndCachedHeads).
func TestRefreshStatusEndsWithItsResult(t *testing.T) {
	opts, _ := triageOptions(t)
	arts, _ := testArticles()
	fresh := arts[1]
	fresh.ID, fresh.Title, fresh.Origin = "t:fresh", "Fresh tide tables published", "https://news.example/feed#1"
	opts.Refresh = func(context.Context) <-chan source.Event {
		ch := make(chan source.Event, 2)
		ch <- source.Event{Origin: "https://news.example/feed", Articles: []model.Article{fresh}}
		ch <- source.Event{Final: true}
		close(ch)
		return ch
	}
	for _, lastFirst := range []bool{false, true} {
		m := cascadeOneByOne(t, started(t, opts, 120, 30), press("R"), lastFirst)
		lines := strings.Split(screenOf(m), "\n")
		if footer := lines[len(lines)-1]; !strings.Contains(footer, "refreshed: 1 new article") {
			t.Errorf("batches run one by one (last first: %v): after the refresh ended the status line says %q", lastFirst, strings.TrimSpace(footer))
		}
	}
}

// TestTriageStatusesInOrder: each triage write reports itself in the
// status line when the store has it, after the one before: when the
// report of a read (r) is slow to arrive, the archive (A) that follows
// still has the last word. Before, A's write started as soon as r's
// was stored and the two reports raced (TestArchiveReadBulk failing
// under go test -cpu 1: "read 1 article" after "archive 1 article read").
func TestTriageStatusesInOrder(t *testing.T) {
	opts, u := triageOptions(t)
	m := started(t, opts, 120, 30)
	// cascade, except that what the first stored write leads to is held
	// back until everything else, A included, has run: bubbletea runs it
	// in a goroutine, which may be slow.
	var held tea.Cmd
	holding := true
	var run func(m Model, msg tea.Msg) Model
	run = func(m Model, msg tea.Msg) Model {
		if msg == nil {
			return m
		}
		if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeOf(tea.Cmd(nil)) {
			for i := range v.Len() {
				m = run(m, runCmd(v.Index(i).Interface().(tea.Cmd)))
			}
			return m
		}
		_, written := msg.(triageMsg)
		m.spinning = true
		nm, cmd := m.Update(msg)
		m = nm.(Model)
		m.spinning = true
		if written && holding {
			held, holding = cmd, false
			return m
		}
		return run(m, runCmd(cmd))
	}
	m = run(m, press("r"))
	if held == nil {
		t.Fatal("r's write led to nothing: the test holds nothing back")
	}
	m = run(m, press("A"))
	m = run(m, runCmd(held))
	lines := strings.Split(screenOf(m), "\n")
	if footer := lines[len(lines)-1]; !strings.Contains(footer, "archive 1 article read") {
		t.Errorf("after r then A the status line says %q", strings.TrimSpace(footer))
	}
	if !stateOf(t, u, "t:harbour").Archived {
		t.Error("A did not archive the article read")
	}
}

// TestOpeningAHeadReadsItOnce: opening a loaded article that went back
// to the cache once its brief was stored (a head) reads its body once,
// whichever of the commands behind the open finish first. Before, the
// filled article was announced (and analysed, which stored its brief
// and turned it back into a head) before it was opened, so the open
// found a head again and read it again, sometimes over and over
// (TestLoadedArticlesLeaveMemoryOnceCached failing under GOMAXPROCS=1:
// 2 or 3 reads).
func TestOpeningAHeadReadsItOnce(t *testing.T) {
	for _, lastFirst := range []bool{false, true} {
		st, err := sqlite.OpenStore(filepath.Join(t.TempDir(), "state.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		a := model.Article{
			Title: "Harbour dredging starts", Source: "Coast Feed", URL: "https://coast.example/0",
			Origin: "https://coast.example/feed#1", Published: testNow.Add(-time.Hour), Format: model.FormatFeed,
			Paragraphs: []string{"The body of the item, kept in the cache."},
		}
		a.Markdown = a.Paragraphs[0] + "\n"
		a.ID = model.ArticleID(a)
		b := a
		b.Title, b.URL, b.Origin, b.Published = "Ferry timetable cut", "https://coast.example/1", "https://coast.example/feed#2", testNow.Add(-2*time.Hour)
		b.Paragraphs = []string{"The ferry will run twice a day from Monday."}
		b.Markdown = b.Paragraphs[0] + "\n"
		b.ID = ""
		b.ID = model.ArticleID(b)
		reads := &countingReads{reads: map[string]int{}, read: st.Article}
		opts := Options{
			Theme: "dark", Store: st.User(store.LocalUser), Now: func() time.Time { return testNow },
			Cached: st.Heads, Article: reads.Article, Briefs: st,
			Load: func(context.Context) ([]model.Article, []error) { return []model.Article{a, b}, nil },
			Cache: func(ctx context.Context, arts []model.Article) ([]string, error) {
				var ids []string
				for _, x := range arts {
					ids = append(ids, model.ArticleID(x))
				}
				return ids, st.PutArticles(ctx, arts)
			},
			Analyze: func(model.Article) model.Brief { return madeUpBrief(2, 0) },
		}
		m := started(t, opts, 120, 30)
		art := m.library.Target()
		if art == nil || art.ID != a.ID || !m.coll.IsHead(art) {
			t.Fatalf("the article is not a head once its brief is stored:\n%s", screenOf(m))
		}
		before := reads.of(a.ID)
		m = cascadeOneByOne(t, m, press("enter"), lastFirst)
		if s := screenOf(m); !strings.Contains(s, "The body of the item, kept in the cache.") {
			t.Errorf("last first %v: the article did not open:\n%s", lastFirst, s)
		}
		if n := reads.of(a.ID) - before; n != 1 {
			t.Errorf("last first %v: opening read the article %d times from the cache, want once", lastFirst, n)
		}
	}
}
