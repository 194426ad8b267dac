package storetest

import (
	"errors"
	"testing"

	"github.com/brief-reader/brief/model/store"
)

// testUndoIsPerSession is issue 12 item 10: two processes of one user on
// one database; the second one's undo must not revert the star the first
// one made (and still shows), only its own actions.
func testUndoIsPerSession(t *testing.T, h *harness) {
	db := h.db(t)
	p1 := openOn(t, db).User(store.LocalUser)
	p2 := openOn(t, db).User(store.LocalUser)
	_, err := p2.AddTag(bg, []string{"b"}, "mine")
	noErr(t, err)
	_, err = p1.ToggleStarred(bg, "a")
	noErr(t, err)

	undone, err := p2.Undo(bg)
	noErr(t, err)
	if undone.Kind != store.KindTag {
		t.Errorf("process 2's undo reverted %q, want its own tag", undone.Kind)
	}
	if st, _ := p1.State(bg, "a"); !st.Starred {
		t.Error("process 2's undo removed process 1's star")
	}
	if _, err := p2.Undo(bg); !errors.Is(err, store.ErrNothingToUndo) {
		t.Errorf("process 2's second undo: %v, want ErrNothingToUndo", err)
	}
	if st, _ := p1.State(bg, "a"); !st.Starred {
		t.Error("process 2's second undo removed process 1's star")
	}
	if a, err := p1.Undo(bg); err != nil || a.Kind != store.KindStar {
		t.Errorf("process 1's undo = %v, %v; want its star", a, err)
	}
}

// testEndedSessionsAreUndoneLast: once a session has nothing of its own
// left to undo, Undo goes on with the actions of sessions that have ended
// (a restart, a closed SSH session), newest first, and never reaches a
// live session's.
func testEndedSessionsAreUndoneLast(t *testing.T, h *harness) {
	db := h.db(t)
	s1, s2 := openOn(t, db), openOn(t, db)
	live, ended, me := s1.User(store.LocalUser), s1.User(store.LocalUser), s2.User(store.LocalUser)
	_, err := ended.ToggleStarred(bg, "old") // oldest
	noErr(t, err)
	_, err = me.ToggleStarred(bg, "mine")
	noErr(t, err)
	_, err = ended.AddTag(bg, []string{"old"}, "left")
	noErr(t, err)
	_, err = live.ToggleArchived(bg, "theirs") // newest, still live
	noErr(t, err)
	noErr(t, ended.End(bg))

	var got []store.Kind
	for {
		a, err := me.Undo(bg)
		if errors.Is(err, store.ErrNothingToUndo) {
			break
		}
		noErr(t, err)
		got = append(got, a.Kind)
	}
	want := []store.Kind{store.KindStar, store.KindTag, store.KindStar}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Errorf("undo order = %v, want %v (own, then the ended session's, newest first)", got, want)
	}
	if st, _ := me.State(bg, "theirs"); !st.Archived {
		t.Error("a live session's archive was undone by another session")
	}
	// Closing a Store ends the sessions it started.
	noErr(t, s1.Close())
	if a, err := me.Undo(bg); err != nil || a.Kind != store.KindArchive {
		t.Errorf("after the other store closed: Undo = %v, %v; want its archive", a, err)
	}
}
