package tui

import (
	"context"
	"path/filepath"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/brief-reader/brief/model/store"
	"github.com/brief-reader/brief/model/store/sqlite"
)

// TestPendingReviewChanges: what another session of this process is
// writing shows at once and stays until it settles; then the committed
// value shows, which is the one before when the write committed nothing;
// a committed change of a third session heard meanwhile shows once the
// writes under way have settled; this session's own change, a resync
// and a read of the whole review each leave no write showing forever.
func TestPendingReviewChanges(t *testing.T) {
	db, err := sqlite.OpenStore(filepath.Join(t.TempDir(), "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	me := db.User("SHA256:me", store.WithReviewer("me"), store.WithSharedReview())
	r := newReview(context.Background(), me, nil, newCollection())
	r.queue = func(string, func(context.Context, *store.User) (store.Action, error), func(error) tea.Msg) tea.Cmd {
		return nil
	}
	ref := store.QuoteRef{ArticleID: "a", Key: "p1:k"}
	change := func(session string, intent, seq int64, mark store.Mark, pending, settled bool) store.ReviewChange {
		return store.ReviewChange{
			Session: session, Reviewer: session, Scope: store.SharedScope, ArticleID: ref.ArticleID, Key: ref.Key,
			Field: store.FieldQuote, New: string(mark), Intent: intent, Seq: seq, Pending: pending, Settled: settled,
		}
	}
	pending := func(s string, i int64, m store.Mark) store.ReviewChange { return change(s, i, 0, m, true, false) }
	settled := func(s string, i int64) store.ReviewChange { return change(s, i, 0, "", false, true) }
	committed := func(s string, seq int64, m store.Mark) store.ReviewChange { return change(s, 0, seq, m, false, false) }
	step := func(what string, want store.Mark, by string, cs ...store.ReviewChange) {
		t.Helper()
		r.apply(cs)
		if got := r.marks[ref]; got.Mark != want || (want != store.MarkNone && got.Reviewer != by) {
			t.Errorf("%s: shows %q by %q, want %q by %q", what, got.Mark, got.Reviewer, want, by)
		}
	}

	step("a write starts", store.MarkChecked, "ana", pending("ana", 1, store.MarkChecked))
	step("it commits", store.MarkChecked, "ana", committed("ana", 10, store.MarkChecked))
	step("it settles", store.MarkChecked, "ana", settled("ana", 1))
	if len(r.writing) != 0 {
		t.Errorf("settled writes still held: %v", r.writing)
	}

	step("a write that will fail starts", store.MarkFlagged, "ana", pending("ana", 2, store.MarkFlagged))
	step("it settles without a commit", store.MarkChecked, "ana", settled("ana", 2))

	step("two writes start", store.MarkStarred, "bo", pending("ana", 3, store.MarkNone), pending("bo", 4, store.MarkStarred))
	step("a third session's commit is heard", store.MarkStarred, "bo", committed("cy", 11, store.MarkFlagged))
	step("the newer write settles with nothing committed", store.MarkNone, "", settled("bo", 4))
	step("the older settles: the last commit heard shows", store.MarkFlagged, "cy", settled("ana", 3))
	step("an old commit heard late changes nothing", store.MarkFlagged, "cy", committed("ana", 9, store.MarkNone))

	// This session marks the quote while another's write is under way:
	// its own mark shows, the other's settling does not undo it, and the
	// review is read again once its write is done.
	step("a write starts", store.MarkChecked, "ana", pending("ana", 5, store.MarkChecked))
	r.Toggle(store.Quote{ArticleID: ref.ArticleID, Key: ref.Key}, store.MarkStarred)
	step("it settles after this session's mark", store.MarkStarred, "me", settled("ana", 5))
	if !r.clashed[ref] {
		t.Error("the quote is not read again after this session's write")
	}

	// A resync (changes missed, settlements perhaps among them) and a
	// read of the whole review.
	other := store.QuoteRef{ArticleID: "b", Key: "p2:k"}
	r.apply([]store.ReviewChange{{Session: "bo", Scope: store.SharedScope, ArticleID: other.ArticleID, Key: other.Key,
		Field: store.FieldQuoteNote, New: "check this", Intent: 6, Pending: true}})
	if n, _ := r.Note(other); n != "check this" {
		t.Fatalf("a pending note shows %q", n)
	}
	r.Live(liveMsg{up: store.Update{Resync: true}})
	if n, _ := r.Note(other); n != "" || len(r.writing) != 0 {
		t.Errorf("after a resync a pending note shows %q (%d writes held)", n, len(r.writing))
	}
	r.apply([]store.ReviewChange{{Session: "bo", Scope: store.SharedScope, ArticleID: other.ArticleID, Key: other.Key,
		Field: store.FieldQuoteNote, New: "check this", Intent: 7, Pending: true}})
	r.take(store.Review{Notes: map[store.QuoteRef]store.QuoteNote{other: {Note: "older note", Reviewer: "cy"}}})
	if n, _ := r.Note(other); n != "check this" {
		t.Errorf("a read of the review hides what is being written: %q", n)
	}
	r.apply([]store.ReviewChange{{Session: "bo", Scope: store.SharedScope, ArticleID: other.ArticleID, Key: other.Key,
		Field: store.FieldQuoteNote, Intent: 7, Settled: true}})
	if n, _ := r.Note(other); n != "older note" {
		t.Errorf("after the write settles the note is %q, want the one read", n)
	}
}
