// Package storetest is the behavioural test suite of brief's store: every
// backend (package sqlite, package postgres) runs [Run] against a fresh
// database and must pass it whole.
package storetest

import (
	"context"
	"fmt"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/store"
)

// NewDB makes a fresh, empty database for one test, removed (or left to
// the test's temp dir) at its cleanup, and returns a function that opens a
// backend on it. Each call of that function opens another handle on the
// same database, as another process would.
type NewDB func(t testing.TB) func() (store.Backend, error)

// Run runs the whole suite against the backend newDB makes.
func Run(t *testing.T, newDB NewDB) {
	h := &harness{newDB: newDB}
	for _, tc := range []struct {
		name string
		test func(*testing.T, *harness)
	}{
		{"ActionsAndUndo", testActionsAndUndo},
		{"NoOpActionIsNotRecorded", testNoOpActionIsNotRecorded},
		{"OpenReadArticleRecordsNoAction", testOpenReadArticleRecordsNoAction},
		{"OpenIsNotAnUndoStep", testOpenIsNotAnUndoStep},
		{"UndoStackOrderAndEmpty", testUndoStackOrderAndEmpty},
		{"UndoSurvivesRestart", testUndoSurvivesRestart},
		{"UndoLimit", testUndoLimit},
		{"UsersAreSeparate", testUsersAreSeparate},
		{"UndoIsPerSession", testUndoIsPerSession},
		{"EndedSessionsAreUndoneLast", testEndedSessionsAreUndoneLast},
		{"TagsCountsAndValidation", testTagsCountsAndValidation},
		{"StatesMatchState", testStatesMatchState},
		{"SeenSetsFirstSeenOnce", testSeenSetsFirstSeenOnce},
		{"SeenTaggedTagsNewArticlesOnly", testSeenTaggedTagsNewArticlesOnly},
		{"EmptyUserIsRejected", testEmptyUserIsRejected},
		{"ArticleCache", testArticleCache},
		{"PutArticlesReplacesAndFillsID", testPutArticlesReplacesAndFillsID},
		{"CacheIsSharedAcrossStores", testCacheIsSharedAcrossStores},
		{"BriefsStoredBesideArticles", testBriefsStoredBesideArticles},
		{"FeedStateKept", testFeedStateKept},
		{"MarksRecordReviewer", testMarksRecordReviewer},
		{"SharedReview", testSharedReview},
		{"Corrections", testCorrections},
		{"AuditLog", testAuditLog},
		{"LiveUpdates", testLiveUpdates},
		{"TwoStoresConcurrently", testTwoStoresConcurrently},
		{"ConcurrentTogglesOfOneArticle", testConcurrentTogglesOfOneArticle},
	} {
		t.Run(tc.name, func(t *testing.T) { tc.test(t, h) })
	}
}

// harness opens stores for the tests.
type harness struct {
	newDB NewDB
}

// db makes a fresh database and returns its opener.
func (h *harness) db(t testing.TB) func() (store.Backend, error) {
	t.Helper()
	return h.newDB(t)
}

// open opens a Store on a fresh database with a fake clock, closed at
// cleanup.
func (h *harness) open(t testing.TB, opts ...store.Option) *store.Store {
	t.Helper()
	return openOn(t, h.db(t), opts...)
}

// openOn opens another Store on the database of opener with a fake
// clock, closed at cleanup.
func openOn(t testing.TB, opener func() (store.Backend, error), opts ...store.Option) *store.Store {
	t.Helper()
	b, err := opener()
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	s := store.New(b, append([]store.Option{store.WithClock(NewClock().Now)}, opts...)...)
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

// Clock is a fake clock for tests: every call of Now returns a time one
// second after the previous one.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock returns a clock starting at a fixed date.
func NewClock() *Clock {
	return &Clock{t: time.Date(2025, 3, 14, 9, 0, 0, 0, time.UTC)}
}

// Now returns the next tick.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Second)
	return c.t
}

// noErr fails the test on err.
func noErr(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// bg is the context tests use.
var bg = context.Background()

// FixtureIDs returns n distinct article IDs.
func FixtureIDs(n int) []string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = "https://news.example/a/" + strconv.Itoa(i)
	}
	return ids
}

// SampleArticle returns a made-up article of some size, number i.
func SampleArticle(i int) model.Article {
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

// quote returns a quote of article id filed under key, for the review
// tests.
func quote(id, key string) store.Quote {
	return store.Quote{ArticleID: id, ArticleTitle: "Article " + id, Key: key, Paragraph: 1, Text: "Words of " + key}
}
