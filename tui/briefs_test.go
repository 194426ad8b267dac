package tui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/analyze"
	"github.com/brief-reader/brief/model/store"
	"github.com/brief-reader/brief/model/store/sqlite"
)

// countingReads wraps the store's Article and counts the reads by ID.
type countingReads struct {
	mu    sync.Mutex
	reads map[string]int
	read  func(context.Context, string) (model.Article, bool, error)
}

func (c *countingReads) Article(ctx context.Context, id string) (model.Article, bool, error) {
	c.mu.Lock()
	c.reads[id]++
	c.mu.Unlock()
	return c.read(ctx, id)
}

func (c *countingReads) of(id string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.reads[id]
}

// madeUpBrief is a brief analysis would never make of the test
// articles: seeing it on screen shows it came from the store.
func madeUpBrief(quotes, phases int) model.Brief {
	var b model.Brief
	for i := range quotes {
		b.Quotes = append(b.Quotes, model.Quote{Text: fmt.Sprintf("Stored words %d", i), Speaker: "Stored Speaker"})
	}
	for i := range phases {
		b.Phases = append(b.Phases, model.Phase{N: i + 1, Label: "phase", Summary: "Stored phase."})
	}
	return b
}

// TestWarmStartFromStoredBriefs starts on a cache whose briefs are
// stored: fresh ones give the counts and the Quotes screen without any
// body read or analysis; a stale one (an older analyser's) is analysed
// again in the background from its body and stored.
func TestWarmStartFromStoredBriefs(t *testing.T) {
	st, err := sqlite.OpenStore(filepath.Join(t.TempDir(), "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ctx := context.Background()
	var arts []model.Article
	for i, title := range []string{"Harbour dredging starts", "Ferry timetable cut", "Tram strike called off"} {
		a := model.Article{
			Title: title, Source: "Coast Feed", URL: fmt.Sprintf("https://coast.example/%d", i),
			Origin:    fmt.Sprintf("https://coast.example/feed#%d", i+1),
			Published: testNow.Add(-time.Duration(i+1) * time.Hour), Format: model.FormatFeed,
			Paragraphs: []string{fmt.Sprintf("“We start on Monday,” said port director Ines Varga about item %d.", i)},
		}
		a.Markdown = a.Paragraphs[0] + "\n"
		a.ID = model.ArticleID(a)
		arts = append(arts, a)
	}
	if err := st.PutArticles(ctx, arts); err != nil {
		t.Fatal(err)
	}
	stale := arts[2]
	if err := st.PutBriefs(ctx, []store.StoredBrief{
		{ArticleID: arts[0].ID, Hash: model.ContentHash(arts[0]), Version: analyze.Version, Brief: madeUpBrief(5, 2)},
		{ArticleID: arts[1].ID, Hash: model.ContentHash(arts[1]), Version: analyze.Version, Brief: madeUpBrief(4, 0)},
		{ArticleID: stale.ID, Hash: model.ContentHash(stale), Version: analyze.Version - 1, Brief: madeUpBrief(7, 0)},
	}); err != nil {
		t.Fatal(err)
	}
	reads := &countingReads{reads: map[string]int{}, read: st.Article}
	analysed := make(chan string, 10)
	opts := Options{
		Theme: "dark", Store: st.User(store.LocalUser), Now: func() time.Time { return testNow },
		Cached: st.Heads, Article: reads.Article, Briefs: st,
		Analyze: func(a model.Article) model.Brief { analysed <- a.ID; return madeUpBrief(1, 1) },
	}
	tm, rec := startTriage(t, opts, 120, 30)
	// Fresh stored briefs give their counts; the stale one is made
	// again, and its row shows the new counts.
	waitScreen(t, rec, "Harbour dredging starts", "5 q · 2 ph", "Ferry timetable cut", "4 q · 0 ph",
		"Tram strike called off", "1 q · 1 ph")
	if got := <-analysed; got != stale.ID {
		t.Errorf("analysed %s, want only the stale article", got)
	}
	infos, err := st.BriefInfos(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if i := infos[stale.ID]; !i.Fresh(analyze.Version) || i.Quotes != 1 {
		t.Errorf("the stale brief was not stored again: %+v", i)
	}
	tm.Send(press("Q"))
	waitScreen(t, rec, "Stored Speaker", "Stored words 4")
	for _, a := range arts[:2] {
		if n := reads.of(a.ID); n != 0 {
			t.Errorf("%s: body read %d times; a fresh stored brief needs none", a.Title, n)
		}
	}
	if reads.of(stale.ID) != 1 {
		t.Errorf("stale article read %d times, want once", reads.of(stale.ID))
	}
	select {
	case id := <-analysed:
		t.Errorf("analysed %s again", id)
	default:
	}
	tm.Send(press("q"))
	tm.Send(press("q"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}

// TestLoadedArticlesLeaveMemoryOnceCached loads articles from a feed:
// once the cache keeps them and their briefs are stored, the program
// drops their bodies, so opening one reads it back from the cache, once.
// It drives the model message by message (drive): a teatest program
// gave no way to wait for the moment the program, not the store, had
// dropped the bodies, and under load Enter sometimes came first (the
// article opened from memory, 0 reads).
func TestLoadedArticlesLeaveMemoryOnceCached(t *testing.T) {
	st, err := sqlite.OpenStore(filepath.Join(t.TempDir(), "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	var arts []model.Article
	for i, title := range []string{"Harbour dredging starts", "Ferry timetable cut"} {
		a := model.Article{
			Title: title, Source: "Coast Feed", URL: fmt.Sprintf("https://coast.example/%d", i),
			Origin:    fmt.Sprintf("https://coast.example/feed#%d", i+1),
			Published: testNow.Add(-time.Duration(i+1) * time.Hour), Format: model.FormatFeed,
			Paragraphs: []string{fmt.Sprintf("The body of item %d, kept in the cache.", i)},
		}
		a.Markdown = a.Paragraphs[0] + "\n"
		a.ID = model.ArticleID(a)
		arts = append(arts, a)
	}
	reads := &countingReads{reads: map[string]int{}, read: st.Article}
	opts := Options{
		Theme: "dark", Store: st.User(store.LocalUser), Now: func() time.Time { return testNow },
		Cached: st.Heads, Article: reads.Article, Briefs: st,
		Load: func(context.Context) ([]model.Article, []error) { return arts, nil },
		Cache: func(ctx context.Context, a []model.Article) ([]string, error) {
			var ids []string
			for _, x := range a {
				ids = append(ids, model.ArticleID(x))
			}
			return ids, st.PutArticles(ctx, a)
		},
		Analyze: func(a model.Article) model.Brief { return madeUpBrief(2, 0) },
	}
	m := started(t, opts, 120, 30)
	if s := screenOf(m); !strings.Contains(s, "Harbour dredging starts") || !strings.Contains(s, "Ferry timetable cut") || !strings.Contains(s, "2 q · 0 ph") {
		t.Fatalf("the library:\n%s", s)
	}
	infos, err := st.BriefInfos(context.Background())
	if err != nil || len(infos) != 2 {
		t.Fatalf("%d briefs stored (%v), want 2", len(infos), err)
	}
	for _, a := range m.coll.All() {
		if !m.coll.IsHead(a) || a.Markdown != "" || len(a.Paragraphs) > 0 {
			t.Errorf("%s kept its body in memory once cached and analysed", a.Title)
		}
	}
	// (Analysis may have read it from the cache too, when the cache took
	// it before analysis began.)
	before := reads.of(arts[0].ID)
	m = drive(t, m, press("enter"))
	if s := screenOf(m); !strings.Contains(s, "The body of item 0, kept in the cache.") {
		t.Errorf("the article did not open:\n%s", s)
	}
	if n := reads.of(arts[0].ID) - before; n != 1 {
		t.Errorf("opening read the article %d times from the cache, want once", n)
	}
}

// TestNewestHeadsShowFirst shows the first screen of a large cached
// library from CachedNewest while Cached still reads the rest.
func TestNewestHeadsShowFirst(t *testing.T) {
	var heads []model.Article
	for i := range 250 {
		heads = append(heads, model.Article{ID: fmt.Sprintf("h%03d", i), Title: fmt.Sprintf("Cached story %03d", i),
			Source: "Coast Feed", Published: testNow.Add(-time.Duration(i) * time.Minute), Format: model.FormatFeed})
	}
	release := make(chan struct{})
	opts := Options{
		Theme: "dark", Now: func() time.Time { return testNow },
		Cached: func(ctx context.Context) ([]model.Article, error) {
			select {
			case <-release:
			case <-ctx.Done():
			}
			return heads, nil
		},
		CachedNewest: func(_ context.Context, n int) ([]model.Article, error) { return heads[:n], nil },
	}
	tm, rec := startTriage(t, opts, 120, 30)
	waitScreen(t, rec, "Cached story 000", "200 articles")
	close(release)
	waitScreen(t, rec, "250 articles")
	tm.Send(press("q"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}

// countingBackend counts the sightings (AddState) a store backend is
// asked to record.
type countingBackend struct {
	store.Backend
	mu     sync.Mutex
	states int
}

// countingTx counts a transaction's AddState calls.
type countingTx struct {
	store.Tx
	c *countingBackend
}

func (t countingTx) AddState(ctx context.Context, user, id string, at time.Time) (bool, error) {
	t.c.mu.Lock()
	t.c.states++
	t.c.mu.Unlock()
	return t.Tx.AddState(ctx, user, id, at)
}

func (c *countingBackend) Write(ctx context.Context, fn func(store.Tx) error) error {
	return c.Backend.Write(ctx, func(tx store.Tx) error { return fn(countingTx{tx, c}) })
}

func (c *countingBackend) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.states
}

// TestWarmStartWritesNoSightings starts on cached articles the user has
// all seen before: none is recorded again (a write of every cached row
// that changed nothing, at each start), while one the user never saw
// gets its first sighting once the user's state is in.
func TestWarmStartWritesNoSightings(t *testing.T) {
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	cb := &countingBackend{Backend: db}
	st := store.New(cb)
	t.Cleanup(func() { st.Close() })
	ctx := context.Background()
	var arts []model.Article
	for i := range 30 {
		a := model.Article{
			Title: fmt.Sprintf("Cached story %02d", i), Source: "Coast Feed", URL: fmt.Sprintf("https://coast.example/%d", i),
			Origin:    fmt.Sprintf("https://coast.example/feed#%d", i+1),
			Published: testNow.Add(-time.Duration(i+1) * time.Hour), Format: model.FormatFeed,
			Paragraphs: []string{fmt.Sprintf("Body %d.", i)},
		}
		a.ID = model.ArticleID(a)
		arts = append(arts, a)
	}
	if err := st.PutArticles(ctx, arts); err != nil {
		t.Fatal(err)
	}
	u := st.User(store.LocalUser)
	var ids []string
	for _, a := range arts[1:] {
		ids = append(ids, a.ID)
	}
	if _, err := u.SeenTagged(ctx, ids, nil); err != nil {
		t.Fatal(err)
	}
	before := cb.count()
	opts := Options{
		Theme: "dark", Store: u, Now: func() time.Time { return testNow },
		Cached: st.Heads, Article: st.Article,
		Load: func(context.Context) ([]model.Article, []error) { return nil, nil },
	}
	tm, rec := startTriage(t, opts, 120, 40)
	waitScreen(t, rec, "Cached story 00", "Cached story 01")
	deadline := time.Now().Add(10 * time.Second)
	for {
		s, err := u.State(ctx, arts[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if !s.FirstSeen.IsZero() {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the cached article the user never saw got no first sighting")
		}
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(100 * time.Millisecond)
	if n := cb.count() - before; n != 1 {
		t.Errorf("the start recorded %d sightings, want 1 (the one article the user never saw)", n)
	}
	tm.Send(press("q"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}

// infosOnly is a BriefStore that counts the reads of its infos.
type infosOnly struct {
	BriefStore
	reads *atomic.Int64
}

func (s infosOnly) BriefInfos(context.Context) (map[string]store.BriefInfo, error) {
	s.reads.Add(1)
	return nil, nil
}

// TestNewestHeadsAreReadAlone: the first screen's heads are read by
// themselves; the rest of the heads and the briefs' infos are read only
// once those are in the library, so they take nothing from the first
// screen.
func TestNewestHeadsAreReadAlone(t *testing.T) {
	var heads []model.Article
	for i := range 250 {
		heads = append(heads, model.Article{ID: fmt.Sprintf("h%03d", i), Title: fmt.Sprintf("Cached story %03d", i),
			Published: testNow.Add(-time.Duration(i) * time.Minute), Format: model.FormatFeed})
	}
	var all, infos atomic.Int64
	m := New(Options{
		Theme: "dark", Width: 120, Height: 30, Now: func() time.Time { return testNow },
		Cached:       func(context.Context) ([]model.Article, error) { all.Add(1); return heads, nil },
		CachedNewest: func(_ context.Context, n int) ([]model.Article, error) { return heads[:n], nil },
		Briefs:       infosOnly{reads: &infos},
	})
	msg := m.src.readHeads()()
	first, ok := msg.(headsMsg)
	require.True(t, ok, "one message with the first heads, got %T", msg)
	assert.Len(t, first.heads, firstHeads)
	assert.Zero(t, all.Load(), "the rest was read with the first screen")
	assert.Zero(t, infos.Load(), "the infos were read with the first screen")
	// Handling the first heads starts the rest.
	var run func(tea.Cmd)
	run = func(c tea.Cmd) {
		if c == nil {
			return
		}
		if b, ok := c().(tea.BatchMsg); ok {
			for _, c := range b {
				run(c)
			}
		}
	}
	run(m.src.handleHeads(first))
	assert.Equal(t, int64(1), all.Load())
	assert.Equal(t, int64(1), infos.Load())
}

// messagesOf runs c and the commands of the batches it returns, and
// returns the other messages.
func messagesOf(c tea.Cmd) []tea.Msg {
	if c == nil {
		return nil
	}
	msg := c()
	b, ok := msg.(tea.BatchMsg)
	if !ok {
		return []tea.Msg{msg}
	}
	var out []tea.Msg
	for _, c := range b {
		out = append(out, messagesOf(c)...)
	}
	return out
}

// TestFailedSourceLeavesTheScreensAlone: a source that fails while
// others still load brings nothing, and the screens are not told that
// articles arrived (the library would select its rows again); one that
// brings an article, or the end of the load, does tell them.
func TestFailedSourceLeavesTheScreensAlone(t *testing.T) {
	m := New(Options{Theme: "dark", Width: 120, Height: 30, Now: func() time.Time { return testNow }})
	arrived := func(msgs []tea.Msg) int {
		n := 0
		for _, msg := range msgs {
			if _, ok := msg.(arrivedMsg); ok {
				n++
			}
		}
		return n
	}
	assert.Zero(t, arrived(messagesOf(m.src.arrive(nil, []string{"http://feed.example/a.xml: connection refused"}, false, nil))))
	art := model.Article{ID: "x1", Title: "Harbour bridge closes", Published: testNow, Paragraphs: []string{"Text."}, Format: model.FormatText}
	assert.Equal(t, 1, arrived(messagesOf(m.src.arrive([]model.Article{art}, nil, false, nil))))
	assert.Equal(t, 1, arrived(messagesOf(m.src.arrive(nil, nil, true, nil))), "the end of the load")
}
