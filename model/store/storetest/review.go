package storetest

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/brief-reader/brief/model/store"
)

// testMarksRecordReviewer: a mark records who set it and when.
func testMarksRecordReviewer(t *testing.T, h *harness) {
	u := h.open(t).User("SHA256:ana", store.WithReviewer("ana@desk"))
	_, err := u.ToggleQuoteMark(bg, quote("a", "p1:k"), store.MarkChecked)
	noErr(t, err)
	r, err := u.Review(bg)
	noErr(t, err)
	m := r.Marks[store.QuoteRef{ArticleID: "a", Key: "p1:k"}]
	if m.Mark != store.MarkChecked || m.Reviewer != "ana@desk" || m.At.IsZero() {
		t.Errorf("mark = %+v, want checked by ana@desk with a time", m)
	}
}

// testSharedReview: in a shared review, marks, notes and corrections
// belong to the library: every shared reviewer sees them; a per-user
// reviewer does not; each reviewer undoes only their own.
func testSharedReview(t *testing.T, h *harness) {
	s := h.open(t)
	ana := s.User("SHA256:ana", store.WithReviewer("ana"), store.WithSharedReview())
	bo := s.User("SHA256:bo", store.WithReviewer("bo"), store.WithSharedReview())
	solo := s.User("SHA256:cy")
	q := quote("a", "p1:k")
	_, err := ana.ToggleQuoteMark(bg, q, store.MarkFlagged)
	noErr(t, err)
	_, err = ana.CorrectSpeaker(bg, q, "Eli Park", "clerk")
	noErr(t, err)
	_, err = bo.SetQuoteNote(bg, quote("a", "p2:k"), "check the tape")
	noErr(t, err)

	r, err := bo.Review(bg)
	noErr(t, err)
	if m := r.Marks[q.Ref()]; m.Mark != store.MarkFlagged || m.Reviewer != "ana" {
		t.Errorf("bo sees mark %+v, want ana's flag", m)
	}
	if c := r.Corrections[q.Ref()]; c.Speaker != "Eli Park" || c.Role != "clerk" || c.Reviewer != "ana" || c.Text != q.Text {
		t.Errorf("bo sees correction %+v", c)
	}
	if n := r.Notes[store.QuoteRef{ArticleID: "a", Key: "p2:k"}]; n.Note != "check the tape" || n.Reviewer != "bo" {
		t.Errorf("note = %+v", n)
	}
	mine, err := solo.Review(bg)
	noErr(t, err)
	if len(mine.Marks)+len(mine.Notes)+len(mine.Corrections) != 0 {
		t.Errorf("a per-user reviewer sees the shared review: %+v", mine)
	}

	// bo's undo takes back bo's note, not ana's work.
	a, err := bo.Undo(bg)
	noErr(t, err)
	if a.Kind != store.KindQuoteNote {
		t.Errorf("bo's undo reverted %s, want the note", a.Kind)
	}
	if _, err := bo.Undo(bg); !errors.Is(err, store.ErrNothingToUndo) {
		t.Errorf("bo's second undo: %v, want ErrNothingToUndo", err)
	}
	// ana's undo takes back her correction, then her mark.
	for _, want := range []store.Kind{store.KindCorrect, store.KindQuoteMark} {
		a, err := ana.Undo(bg)
		noErr(t, err)
		if a.Kind != want {
			t.Errorf("ana's undo reverted %s, want %s", a.Kind, want)
		}
	}
	r, err = bo.Review(bg)
	noErr(t, err)
	if len(r.Marks)+len(r.Notes)+len(r.Corrections) != 0 {
		t.Errorf("review after every undo = %+v, want empty", r)
	}
}

// testCorrections: set, replace, set to nobody, remove, and undo each.
func testCorrections(t *testing.T, h *harness) {
	u := h.open(t).User(store.LocalUser, store.WithReviewer("me"))
	q := quote("a", "p1:k")
	correction := func() (store.Correction, bool) {
		r, err := u.Review(bg)
		noErr(t, err)
		c, ok := r.Corrections[q.Ref()]
		return c, ok
	}
	a, err := u.CorrectSpeaker(bg, q, "  Eli \x1b[31mPark ", " clerk\n")
	noErr(t, err)
	if a.Kind != store.KindCorrect || a.String() != "speaker set to Eli Park" || a.Count != 1 {
		t.Errorf("action = %+v (%s)", a, a)
	}
	if c, ok := correction(); !ok || c.Speaker != "Eli Park" || c.Role != "clerk" || c.Paragraph != q.Paragraph {
		t.Errorf("correction = %+v, %v", c, ok)
	}
	_, err = u.CorrectSpeaker(bg, q, "", "ignored without a speaker")
	noErr(t, err)
	if c, ok := correction(); !ok || c.Speaker != "" || c.Role != "" {
		t.Errorf("set to nobody: %+v, %v", c, ok)
	}
	_, err = u.RemoveCorrection(bg, q)
	noErr(t, err)
	if c, ok := correction(); ok {
		t.Errorf("after RemoveCorrection: %+v", c)
	}
	if a, err := u.RemoveCorrection(bg, q); err != nil || a.Count != 0 {
		t.Errorf("removing no correction: %+v, %v; want nothing recorded", a, err)
	}
	for _, want := range []string{"", "Eli Park"} { // undo the removal, then the nobody
		_, err := u.Undo(bg)
		noErr(t, err)
		if c, ok := correction(); !ok || c.Speaker != want {
			t.Errorf("after undo: %+v, %v; want speaker %q", c, ok, want)
		}
	}
	_, err = u.Undo(bg)
	noErr(t, err)
	if c, ok := correction(); ok {
		t.Errorf("after undoing everything: %+v", c)
	}
	// A correction that found its quote by its words after the quote
	// moved (filed under the old key) is replaced when the quote is
	// corrected again, in one action; removing the quote's correction
	// removes it too.
	_, err = u.CorrectSpeaker(bg, q, "Eli Park", "")
	noErr(t, err)
	moved := quote("a", "p2:k")
	moved.Text, moved.CorrectedAs = q.Text, q.Key
	all := func() map[store.QuoteRef]store.Correction {
		r, err := u.Review(bg)
		noErr(t, err)
		return r.Corrections
	}
	a, err = u.CorrectSpeaker(bg, moved, "Ada Lund", "")
	noErr(t, err)
	if c := all(); len(c) != 1 || c[moved.Ref()].Speaker != "Ada Lund" || a.Count != 1 || len(a.Changes) != 2 {
		t.Errorf("re-correcting a moved quote: corrections %+v, action %+v", c, a)
	}
	_, err = u.Undo(bg)
	noErr(t, err)
	if c := all(); len(c) != 1 || c[q.Ref()].Speaker != "Eli Park" {
		t.Errorf("after undoing it: %+v", c)
	}
	_, err = u.RemoveCorrection(bg, moved)
	noErr(t, err)
	if c := all(); len(c) != 0 {
		t.Errorf("after removing the moved quote's correction: %+v", c)
	}
	_, err = u.Undo(bg)
	noErr(t, err)
	_, err = u.Undo(bg)
	noErr(t, err)
	if c := all(); len(c) != 0 {
		t.Errorf("after undoing everything again: %+v", c)
	}
	if _, err := u.CorrectSpeaker(bg, q, strings.Repeat("x", store.MaxSpeakerRunes+1), ""); !errors.Is(err, store.ErrSpeakerTooLong) {
		t.Errorf("over-long speaker: %v", err)
	}
	if _, err := u.CorrectSpeaker(bg, store.Quote{Text: "x"}, "A", ""); !errors.Is(err, store.ErrNoQuote) {
		t.Errorf("quote without a key: %v", err)
	}
}

// testAuditLog: every review change, undo included, is in the audit log
// in order, with who, when, which quote and the values before and after.
func testAuditLog(t *testing.T, h *harness) {
	clock := NewClock()
	s := openOn(t, h.db(t), store.WithClock(clock.Now))
	u := s.User("SHA256:ana", store.WithReviewer("ana"), store.WithSharedReview())
	q := quote("a", "p1:k")
	_, err := u.ToggleQuoteMark(bg, q, store.MarkChecked)
	noErr(t, err)
	_, err = u.ToggleStarred(bg, "a") // triage: not a review change
	noErr(t, err)
	mid := clock.Now()
	_, err = u.CorrectSpeaker(bg, q, "Eli Park", "")
	noErr(t, err)
	_, err = u.Undo(bg)
	noErr(t, err)

	var all []store.ReviewChange
	noErr(t, s.Audit(bg, time.Time{}, func(c store.ReviewChange) error { all = append(all, c); return nil }))
	if len(all) != 3 {
		t.Fatalf("audit log holds %d changes, want 3: %+v", len(all), all)
	}
	mark, fix, undo := all[0], all[1], all[2]
	if mark.Field != store.FieldQuote || mark.Old != "" || mark.New != "checked" || mark.Reviewer != "ana" ||
		mark.User != "SHA256:ana" || mark.ArticleTitle != q.ArticleTitle || mark.QuoteText != q.Text || mark.Undo {
		t.Errorf("mark entry = %+v", mark)
	}
	if fix.Field != store.FieldSpeaker || fix.Old != "" || store.DescribeCorrection(fix.New) != "Eli Park" || fix.Undo {
		t.Errorf("correction entry = %+v", fix)
	}
	if undo.Field != store.FieldSpeaker || undo.Old != fix.New || undo.New != "" || !undo.Undo {
		t.Errorf("undo entry = %+v", undo)
	}
	if !(mark.Seq < fix.Seq && fix.Seq < undo.Seq) || !mark.At.Before(fix.At) {
		t.Errorf("entries out of order: %+v", all)
	}
	var since []store.ReviewChange
	noErr(t, s.Audit(bg, mid, func(c store.ReviewChange) error { since = append(since, c); return nil }))
	if len(since) != 2 || since[0].Seq != fix.Seq {
		t.Errorf("Audit since the middle = %+v, want the correction and its undo", since)
	}
}

// testLiveUpdates: a change made through one Store reaches a subscriber
// of the same Store at once and one of another Store on the database
// (another process) soon after, in order, with nothing doubled; the
// same Store's subscribers also hear each write as it starts (Pending)
// and ends (Settled), even one that changes nothing.
func testLiveUpdates(t *testing.T, h *harness) {
	db := h.db(t)
	here, there := openOn(t, db), openOn(t, db)
	subHere, subThere := here.Subscribe(), there.Subscribe()
	defer subHere.Close()
	defer subThere.Close()
	u := here.User("SHA256:ana", store.WithSharedReview())
	q := quote("a", "p1:k")
	_, err := u.SetQuoteMark(bg, q, store.MarkChecked)
	noErr(t, err)
	_, err = u.CorrectSpeaker(bg, q, "Eli Park", "")
	noErr(t, err)
	_, err = u.SetQuoteMark(bg, q, store.MarkChecked) // changes nothing
	noErr(t, err)

	// What is heard carries the Seq of its audit line.
	var seqs []int64
	noErr(t, here.Audit(bg, time.Time{}, func(c store.ReviewChange) error {
		seqs = append(seqs, c.Seq)
		return nil
	}))
	if len(seqs) != 2 || seqs[0] <= 0 || seqs[1] <= seqs[0] {
		t.Fatalf("audit log Seqs %v", seqs)
	}
	hear := func(name string, sub *store.Subscription, n int) []store.ReviewChange {
		var got []store.ReviewChange
		ctx, cancel := context.WithTimeout(bg, 10*time.Second)
		defer cancel()
		for len(got) < n {
			up, err := sub.Next(ctx)
			if err != nil {
				t.Fatalf("%s: after %d changes: %v", name, len(got), err)
			}
			if up.Resync {
				t.Errorf("%s: told to resync", name)
			}
			got = append(got, up.Changes...)
		}
		return got
	}
	// The same Store: each write's Pending, its committed change, its
	// Settled.
	all := hear("same store", subHere, 8)
	kinds := ""
	for _, c := range all {
		switch {
		case c.Pending:
			kinds += "P"
		case c.Settled:
			kinds += "S"
		default:
			kinds += "C"
		}
	}
	if kinds != "PCSPCSPS" || len(all) != 8 {
		t.Fatalf("same store heard %s: %+v", kinds, all)
	}
	for i, w := range []struct {
		pending, settled int
		field            store.Field
		new              string
	}{{0, 2, store.FieldQuote, "checked"}, {3, 5, store.FieldSpeaker, all[4].New}, {6, 7, store.FieldQuote, "checked"}} {
		p, st := all[w.pending], all[w.settled]
		if p.Intent == 0 || st.Intent != p.Intent || p.Seq != 0 || p.Field != w.field || p.New != w.new ||
			p.Ref() != q.Ref() || p.Session != u.Session() || p.Scope != store.SharedScope || st.Ref() != q.Ref() {
			t.Errorf("write %d: pending %+v, settled %+v", i, p, st)
		}
	}
	if all[0].Intent == all[3].Intent || all[3].Intent == all[6].Intent {
		t.Errorf("writes share an Intent: %d, %d, %d", all[0].Intent, all[3].Intent, all[6].Intent)
	}
	// A write that fails settles too, with nothing committed between.
	gone, cancel := context.WithCancel(bg)
	cancel()
	if _, err := u.SetQuoteMark(gone, q, store.MarkFlagged); err == nil {
		t.Error("a mark with a cancelled context was written")
	}
	if failed := hear("same store", subHere, 2); len(failed) != 2 || !failed[0].Pending || failed[0].New != "flagged" ||
		!failed[1].Settled || failed[1].Intent != failed[0].Intent {
		t.Errorf("a failed write was heard as %+v", failed)
	}
	committed := map[string][]store.ReviewChange{"same store": {all[1], all[4]}, "other store": hear("other store", subThere, 2)}
	for name, got := range committed {
		if len(got) != 2 || got[0].Field != store.FieldQuote || got[1].Field != store.FieldSpeaker ||
			got[0].Scope != store.SharedScope || got[0].Ref() != q.Ref() || got[0].New != "checked" ||
			got[0].Pending || got[0].Settled || got[1].Pending || got[1].Settled {
			t.Errorf("%s heard %+v", name, got)
			continue
		}
		if got[0].Seq != seqs[0] || got[1].Seq != seqs[1] {
			t.Errorf("%s heard Seqs %d, %d; the audit log has %v", name, got[0].Seq, got[1].Seq, seqs)
		}
		if c, err := got[1].Correction(got[1].New); err != nil || c == nil || c.Speaker != "Eli Park" {
			t.Errorf("%s: correction %+v, %v", name, c, err)
		}
	}
	// Closing ends a waiting Next.
	subThere.Close()
	if _, err := subThere.Next(bg); !errors.Is(err, store.ErrClosed) {
		t.Errorf("Next after Close: %v", err)
	}
}
