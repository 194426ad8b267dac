package tui

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/store"
	"github.com/brief-reader/brief/model/store/sqlite"
	"github.com/brief-reader/brief/render"
)

// quoteArticles are three articles written for these tests: one
// speaker quoted in two of them, another in one, and an unattributed
// quote; briefs fixed here so that the flows do not depend on analysis.
func quoteArticles() ([]model.Article, map[string]model.Brief) {
	arts, briefs := testArticles()
	paras := []string{
		"GULLHAVEN — The ferry company will add a night crossing from March, its owner said.",
		"\"Night trade is where the island's future lies,\" harbour master Ola Brandt said.",
		"\"We will run the crossing every night of the week,\" said Mira Holm, the company's owner.",
		"\"Passengers asked for it for years,\" she said.",
		"\"It will be loud,\" one resident said.",
		"\"The quay needs lights,\" Brandt added.",
	}
	g := model.Article{
		ID: "t:gullhaven", Title: "Gullhaven ferry adds night crossing", Source: "Island Post",
		Published: time.Date(2026, 11, 22, 8, 0, 0, 0, time.UTC), Paragraphs: paras,
		Markdown: strings.Join(paras, "\n\n") + "\n", Format: model.FormatText,
	}
	briefs[g.ID] = model.Brief{Quotes: []model.Quote{
		{Text: "Night trade is where the island's future lies,", Speaker: "Ola Brandt", Role: "harbour master", Paragraph: 1},
		{Text: "We will run the crossing every night of the week,", Speaker: "Mira Holm", Role: "the company's owner", Paragraph: 2},
		{Text: "Passengers asked for it for years,", Speaker: "Mira Holm", Paragraph: 3},
		{Text: "It will be loud,", Paragraph: 4},
		{Text: "The quay needs lights,", Speaker: "Ola Brandt", Paragraph: 5},
	}, People: []model.Person{{Name: "Ola Brandt", Kind: model.KindPerson}, {Name: "Mira Holm", Kind: model.KindPerson}}}
	return append(arts, g), briefs
}

func quoteOptions() Options {
	arts, briefs := quoteArticles()
	return Options{
		Theme:   "dark",
		Load:    func(context.Context) ([]model.Article, []error) { return arts, nil },
		Analyze: func(a model.Article) model.Brief { return briefs[a.ID] },
	}
}

func TestQuotesFlow(t *testing.T) {
	rec := &frames{}
	tm := teatest.NewTestModel(t, recorded{New(quoteOptions()), rec}, teatest.WithInitialTermSize(120, 40))
	waitScreen(t, rec, "3 articles")

	// Q opens the Quotes screen: speakers by number of quotes, the
	// unattributed last, with the Speakers panel beside the list.
	tm.Send(press("Q"))
	waitScreen(t, rec, "brief · quotes · 7 quotes", "Ola Brandt, harbour master · 3 quotes", "Mira Holm", "Unattributed · 1 quote",
		"Speakers (4)", "3 quotes in 2 articles", "first 2026-11-22 · last 2026-11-24")
	screen := lastFrame(rec.bytes())
	if strings.Index(screen, "Ola Brandt, harbour") > strings.Index(screen, "Mira Holm, the company") ||
		strings.Index(screen, "harbour board · 1") > strings.Index(screen, "Unattributed") {
		t.Errorf("speakers out of order:\n%s", screen)
	}

	// Filter by words, open the quote in the reader: its paragraph, far
	// down the article, is on screen.
	tm.Send(press("/"))
	tm.Type("stay lit")
	waitScreen(t, rec, "1 of 7 quotes", "“The lighthouse will stay lit,”")
	tm.Send(press("enter"))
	tm.Send(press("enter"))
	waitScreen(t, rec, "Harbour lights stay on for winter", "said at the quay on Friday evening")

	// esc goes back to the same place: the filter and the selection.
	tm.Send(press("esc"))
	waitScreen(t, rec, "brief · quotes · 1 of 7 quotes", "/stay lit", "“The lighthouse will stay lit,”")

	// Star the quote; clear the filter; the star stays on it.
	tm.Send(press("*"))
	waitScreen(t, rec, "★ “The lighthouse will stay lit,”")
	tm.Send(press("esc"))
	waitScreen(t, rec, "7 quotes · 4 speakers", "★ “The lighthouse will stay lit,”", "1 of 7")

	// The Speakers panel takes the keys with tab; j moves to the next
	// speaker's first quote.
	tm.Send(press("tab"))
	tm.Send(press("j"))
	waitScreen(t, rec, "4 of 7")

	// esc returns to the library.
	tm.Send(press("esc"))
	waitScreen(t, rec, "brief · library")
	tm.Send(press("q"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}

// bytes returns every frame recorded so far, as WaitFor reads them.
func (f *frames) bytes() []byte {
	f.mu.Lock()
	defer f.mu.Unlock()
	var b []byte
	for _, s := range f.all {
		b = append(b, '\f')
		b = append(b, s...)
	}
	return b
}

func TestQuotesNarrowTabs(t *testing.T) {
	m := started(t, quoteOptions(), 80, 24)
	m = drive(t, m, press("Q"))
	s := screenOf(m)
	for _, want := range []string{"Quotes 7 │ Speakers 4", "Ola Brandt, harbour master"} {
		if !strings.Contains(s, want) {
			t.Errorf("narrow screen lacks %q:\n%s", want, s)
		}
	}
	m = drive(t, m, press("tab"))
	s = screenOf(m)
	if !strings.Contains(s, "Speakers (4)") || strings.Contains(s, "“The lighthouse") {
		t.Errorf("tab does not show the Speakers panel alone:\n%s", s)
	}
	// enter on a speaker shows their quotes.
	m = drive(t, m, press("j"), press("enter"))
	if s := screenOf(m); !strings.Contains(s, "Quotes (7)") || !strings.Contains(s, "4 of 7") {
		t.Errorf("enter on the second speaker does not show their first quote:\n%s", s)
	}
	m = drive(t, m, tea.WindowSizeMsg{Width: 30, Height: 8})
	if s := screenOf(m); strings.Contains(s, "\n") || !strings.Contains(s, "small") {
		t.Errorf("too small: %q", s)
	}
}

// TestQuotesReturnToSamePlace checks that reading a quote and coming
// back keeps the selection, the scroll and the filter, in a list long
// enough to scroll.
func TestQuotesReturnToSamePlace(t *testing.T) {
	opts := bigLibraryOptions(40, 5)
	m := started(t, opts, 100, 24)
	m = drive(t, m, press("Q"))
	for i := 0; i < 17; i++ {
		m = drive(t, m, press("j"))
	}
	before := *m.quotes
	if before.offset == 0 {
		t.Fatal("the list did not scroll; the test needs a longer list")
	}
	m = drive(t, m, press("enter"))
	if m.screenName() != "reader" || m.reader().focus != render.Quotes && m.reader().focus != render.Article {
		t.Fatalf("enter did not open the reader at the quote (screen %s)", m.screenName())
	}
	r, _ := before.ref(before.selected)
	if got := m.reader().panels[render.Quotes].Selected(); got != r.Index || m.reader().article.ID != r.Article.ID {
		t.Errorf("reader opened %s quote %d, want %s quote %d", m.reader().article.ID, got, r.Article.ID, r.Index)
	}
	if m.reader().shown == nil && m.reader().pending == nil {
		t.Error("no highlight on its way for the quote")
	}
	m = drive(t, m, press("esc"))
	if m.screenName() != "quotes" || m.quotes.selected != before.selected || m.quotes.offset != before.offset {
		t.Errorf("back at screen %s, selection %d offset %d; want quotes, %d, %d", m.screenName(), m.quotes.selected, m.quotes.offset, before.selected, before.offset)
	}
}

// bigLibraryOptions is a library of n articles of k quotes each, by
// speakers shared across articles.
func bigLibraryOptions(n, k int) Options {
	var arts []model.Article
	briefs := map[string]model.Brief{}
	for i := 0; i < n; i++ {
		var paras []string
		var qs []model.Quote
		for j := 0; j < k; j++ {
			text := fmt.Sprintf("Stall %d of market %d will reopen after the repairs,", j, i)
			paras = append(paras, "\""+text+"\" the market warden said.")
			qs = append(qs, model.Quote{Text: text, Speaker: fmt.Sprintf("Warden %c", 'A'+rune((i+j)%7)), Role: "market warden", Paragraph: j})
		}
		a := model.Article{
			ID: fmt.Sprintf("m:%d", i), Title: fmt.Sprintf("Market %d reopens", i), Source: "Market News",
			Published:  time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Hour),
			Paragraphs: paras, Markdown: strings.Join(paras, "\n\n") + "\n", Format: model.FormatText,
		}
		arts = append(arts, a)
		briefs[a.ID] = model.Brief{Quotes: qs}
	}
	return Options{
		Theme:   "dark",
		Load:    func(context.Context) ([]model.Article, []error) { return arts, nil },
		Analyze: func(a model.Article) model.Brief { return briefs[a.ID] },
	}
}

// TestQuoteMarksPersist marks quotes through a store and finds the marks
// again in a new program on the same store.
func TestQuoteMarksPersist(t *testing.T) {
	st, err := sqlite.OpenStore(filepath.Join(t.TempDir(), "brief.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	opts := quoteOptions()
	opts.Store = st.User(store.LocalUser)

	m := started(t, opts, 120, 40)
	m = drive(t, m, press("Q"), press("x"), press("j"), press("!"), press("j"), press("*"), press("*"))
	if s := screenOf(m); !strings.Contains(s, "✓ “The lighthouse will stay lit,”") || !strings.Contains(s, "⚑ “Night trade") {
		t.Errorf("marks not shown:\n%s", s)
	}
	marks, err := opts.Store.QuoteMarks(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(marks) != 2 {
		t.Errorf("store has %d marks, want 2 (a star set and cleared leaves none): %v", len(marks), marks)
	}

	m2 := started(t, opts, 120, 40)
	m2 = drive(t, m2, press("Q"))
	s := screenOf(m2)
	if !strings.Contains(s, "✓ “The lighthouse will stay lit,”") || !strings.Contains(s, "⚑ “Night trade") || strings.Contains(s, "★") {
		t.Errorf("marks not found again from the store:\n%s", s)
	}

	// The reader's Quotes panel shows the marks and sets them too, in
	// the same store.
	m2 = drive(t, m2, press("enter"), press("2"))
	if s := screenOf(m2); !strings.Contains(s, "✓ “The lighthouse will stay lit,”") {
		t.Errorf("the reader's Quotes panel does not show the mark:\n%s", s)
	}
	m2 = drive(t, m2, press("x"))
	if s := screenOf(m2); strings.Contains(s, "✓ “The lighthouse") || !strings.Contains(s, "  “The lighthouse will stay lit,”") {
		t.Errorf("the cleared mark is still shown in the reader:\n%s", s)
	}
	if !strings.Contains(m2.status.text, "cleared") {
		t.Errorf("x on the checked quote in the reader: status %q, want the mark cleared", m2.status.text)
	}
	marks, _ = opts.Store.QuoteMarks(context.Background())
	if len(marks) != 1 {
		t.Errorf("store has %d marks after clearing one in the reader, want 1", len(marks))
	}
}

func TestQuoteMarksWithoutStore(t *testing.T) {
	m := started(t, quoteOptions(), 120, 40)
	m = drive(t, m, press("Q"), press("x"))
	s := screenOf(m)
	if !strings.Contains(s, "✓ “The lighthouse") || !strings.Contains(s, "no store") {
		t.Errorf("without a store, a mark is kept for the session and says so:\n%s", s)
	}
}

func TestQuotesHelpListsMarks(t *testing.T) {
	m := started(t, quoteOptions(), 120, 40)
	m = drive(t, m, press("Q"), press("?"))
	s := screenOf(m)
	for _, want := range []string{"checked", "flagged", "starred", "read at quote", "filter"} {
		if !strings.Contains(s, want) {
			t.Errorf("quotes help lacks %q:\n%s", want, s)
		}
	}
	m = drive(t, m, press("?"), press("esc"), press("?"))
	if s := screenOf(m); strings.Contains(s, "starred") {
		t.Errorf("library help lists the quote marks:\n%s", s)
	}
}

// TestQuotesFollowLibrary rebuilds the index when articles arrive while
// the screen is open.
func TestQuotesFollowLibrary(t *testing.T) {
	arts, briefs := quoteArticles()
	opts := Options{Theme: "dark", Analyze: func(a model.Article) model.Brief { return briefs[a.ID] }}
	m := New(opts)
	m = drive(t, m, tea.WindowSizeMsg{Width: 120, Height: 40}, loadedMsg{articles: arts[:1]}, press("Q"))
	if m.quotes.full.Total != 0 {
		t.Fatalf("index has %d quotes from an article with none", m.quotes.full.Total)
	}
	m = drive(t, m, loadedMsg{articles: arts[1:]})
	if m.quotes.full.Total != 7 || !strings.Contains(screenOf(m), "Mira Holm") {
		t.Errorf("index not rebuilt with the new articles: %d quotes\n%s", m.quotes.full.Total, screenOf(m))
	}
	// A brief renewed for an article already indexed (a cached head
	// filled in) rebuilds it too.
	renewed := &model.Brief{Quotes: []model.Quote{{Text: "The ferry will run,", Speaker: "Mira Holm", Paragraph: 0}}}
	m = drive(t, m, analyzedMsg{briefs: map[string]*model.Brief{"t:ferry": renewed}})
	if m.quotes.full.Total != 8 {
		t.Errorf("index not rebuilt with a renewed brief: %d quotes, want 8", m.quotes.full.Total)
	}
}

// bigQuotesModel is the collection of a library of 10,000 analysed
// articles of 8 quotes each, with styles and keys.
func bigQuotesModel() (*collection, *render.Styles, KeyMap) {
	opts := bigLibraryOptions(10000, 8)
	arts, _ := opts.Load(context.Background())
	coll := newCollection()
	coll.Add(arts)
	for _, a := range coll.All() {
		br := opts.Analyze(*a)
		coll.SetBriefs(map[string]*model.Brief{a.ID: &br})
	}
	return coll, render.NewStyles(render.ThemeFor(true), false), DefaultKeyMap()
}

// BenchmarkQuotesView measures one frame of the Quotes screen at 200x60
// with a library of 10,000 articles of 8 quotes each, after the first.
func BenchmarkQuotesView(b *testing.B) {
	coll, st, keys := bigQuotesModel()
	q := newQuotes(context.Background(), st, &keys, coll, newReview(context.Background(), nil, nil, coll), nil)
	q.SetSize(200, 60)
	q.inFront = true
	msg := q.build()().(quotesBuiltMsg)
	q.SetIndex(msg.idx, msg.quoted)
	for i := 0; i < 500; i++ {
		q.move(1)
		if i%3 == 0 {
			_ = q.toggleMark(store.MarkStarred) // marks on screen: keys are hashed per frame
		}
	}
	_ = q.View("footer", "·")
	b.ReportMetric(float64(q.full.Total), "quotes")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = q.View("footer", "·")
	}
}

// TestSpeakerProgressFollowsMarks: the Speakers panel's checked counts,
// kept up to date from the marks' changes, equal a count from scratch
// after any sequence of marks, reads of the whole review, and more
// changes than the change log holds.
func TestSpeakerProgressFollowsMarks(t *testing.T) {
	arts, briefs := quoteArticles()
	coll := newCollection()
	coll.Add(arts)
	for _, a := range coll.All() {
		br := briefs[a.ID]
		coll.SetBriefs(map[string]*model.Brief{a.ID: &br})
	}
	db, err := sqlite.OpenStore(filepath.Join(t.TempDir(), "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	st, keys := render.NewStyles(render.ThemeFor(true), false), DefaultKeyMap()
	marks := newReview(context.Background(), db.User(store.LocalUser), nil, coll)
	q := newQuotes(context.Background(), st, &keys, coll, marks, nil)
	q.inFront = true
	msg := q.build()().(quotesBuiltMsg)
	q.SetIndex(msg.idx, msg.quoted)
	var refs []store.QuoteRef
	for _, sp := range q.full.Speakers {
		for _, r := range sp.Quotes {
			refs = append(refs, storeRef(r))
		}
	}
	if len(q.full.Speakers) < 3 || len(refs) < 6 {
		t.Fatalf("the test library has %d speakers, %d quotes", len(q.full.Speakers), len(refs))
	}
	check := func(step string) {
		t.Helper()
		for _, sp := range q.full.Speakers {
			want := 0
			for _, r := range sp.Quotes {
				if marks.Of(storeRef(r)) == store.MarkChecked {
					want++
				}
			}
			if got := q.checked(sp); got != want {
				t.Fatalf("%s: %q shows %d checked, has %d", step, sp.Name, got, want)
			}
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	kinds := []store.Mark{store.MarkNone, store.MarkChecked, store.MarkChecked, store.MarkFlagged, store.MarkStarred}
	check("no marks")
	for i := range 3 * maxMarkLog {
		marks.setMark(refs[rng.IntN(len(refs))], store.ReviewMark{Mark: kinds[rng.IntN(len(kinds))]})
		switch {
		case i%maxMarkLog == maxMarkLog-1:
			// More changes than the log holds between two frames.
			for range maxMarkLog + 1 {
				marks.setMark(refs[rng.IntN(len(refs))], store.ReviewMark{Mark: kinds[rng.IntN(len(kinds))]})
			}
		case i%500 == 250:
			// The whole review read again.
			rv := store.Review{Marks: map[store.QuoteRef]store.ReviewMark{}}
			for _, ref := range refs[:rng.IntN(len(refs))] {
				rv.Marks[ref] = store.ReviewMark{Mark: store.MarkChecked}
			}
			marks.take(rv)
		}
		if i%7 == 0 {
			check(fmt.Sprintf("after change %d", i))
		}
	}
	check("at the end")
}

// BenchmarkQuotesViewReview is BenchmarkQuotesView in a review with a
// store, where the Speakers panel shows each speaker's progress
// (checked/total) of the whole library: a frame after another session's
// mark, which changes no count on screen.
func BenchmarkQuotesViewReview(b *testing.B) {
	coll, st, keys := bigQuotesModel()
	db, err := sqlite.OpenStore(filepath.Join(b.TempDir(), "state.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	marks := newReview(context.Background(), db.User(store.LocalUser), nil, coll)
	q := newQuotes(context.Background(), st, &keys, coll, marks, nil)
	q.SetSize(200, 60)
	q.inFront = true
	msg := q.build()().(quotesBuiltMsg)
	q.SetIndex(msg.idx, msg.quoted)
	for i := 0; i < 500; i++ {
		q.move(1)
	}
	other := store.QuoteRef{ArticleID: "elsewhere", Key: "k"}
	_ = q.View("footer", "·")
	b.ReportMetric(float64(q.full.Total), "quotes")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		marks.setMark(other, store.ReviewMark{Mark: store.MarkFlagged, Reviewer: "bo"})
		_ = q.View("footer", "·")
	}
}

// BenchmarkQuotesBuild measures the Quotes screen's index command for a
// library of 10,000 articles of 8 quotes each: the snapshot taken in
// Update, and the index with every quote's store key built in the
// command.
func BenchmarkQuotesBuild(b *testing.B) {
	coll, st, keys := bigQuotesModel()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		q := newQuotes(context.Background(), st, &keys, coll, newReview(context.Background(), nil, nil, coll), nil)
		q.inFront = true
		if _, ok := q.build()().(quotesBuiltMsg); !ok {
			b.Fatal("no index built")
		}
	}
}
