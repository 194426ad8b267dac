package storetest

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/brief-reader/brief/model/store"
)

// flags is a compact view of an ArticleState for table tests.
func flags(st store.ArticleState) string {
	var b strings.Builder
	for _, f := range []struct {
		on bool
		c  byte
	}{{st.Read, 'r'}, {st.Starred, 's'}, {st.Archived, 'a'}} {
		if f.on {
			b.WriteByte(f.c)
		} else {
			b.WriteByte('-')
		}
	}
	return b.String()
}

func testActionsAndUndo(t *testing.T, h *harness) {
	ids := []string{"a", "b", "c"}
	tests := []struct {
		name   string
		before func(u *store.User) error // state set up beforehand (not undone)
		do     func(u *store.User) (store.Action, error)
		kind   store.Kind
		count  int
		text   string
		after  map[string]string // id -> flags after
		check  func(t *testing.T, u *store.User)
	}{{
		name: "toggle read",
		do:   func(u *store.User) (store.Action, error) { return u.ToggleRead(bg, "a") },
		kind: store.KindRead, count: 1, text: "read 1 article",
		after: map[string]string{"a": "r--", "b": "---"},
	}, {
		name:   "toggle read back",
		before: func(u *store.User) error { _, err := u.SetRead(bg, []string{"a"}, true); return err },
		do:     func(u *store.User) (store.Action, error) { return u.ToggleRead(bg, "a") },
		kind:   store.KindUnread, count: 1,
		after: map[string]string{"a": "---"},
	}, {
		name: "toggle star",
		do:   func(u *store.User) (store.Action, error) { return u.ToggleStarred(bg, "b") },
		kind: store.KindStar, count: 1, text: "star 1 article",
		after: map[string]string{"a": "---", "b": "-s-"},
	}, {
		name: "toggle archive",
		do:   func(u *store.User) (store.Action, error) { return u.ToggleArchived(bg, "c") },
		kind: store.KindArchive, count: 1,
		after: map[string]string{"c": "--a"},
	}, {
		name: "bulk archive",
		do:   func(u *store.User) (store.Action, error) { return u.SetArchived(bg, ids, true) },
		kind: store.KindArchive, count: 3, text: "archive 3 articles",
		after: map[string]string{"a": "--a", "b": "--a", "c": "--a"},
	}, {
		name:   "bulk star skips the starred",
		before: func(u *store.User) error { _, err := u.ToggleStarred(bg, "b"); return err },
		do:     func(u *store.User) (store.Action, error) { return u.SetStarred(bg, ids, true) },
		kind:   store.KindStar, count: 2,
		after: map[string]string{"a": "-s-", "b": "-s-", "c": "-s-"},
	}, {
		name:   "archive read",
		before: func(u *store.User) error { _, err := u.SetRead(bg, []string{"a", "c"}, true); return err },
		do:     func(u *store.User) (store.Action, error) { return u.ArchiveRead(bg, ids) },
		kind:   store.KindArchiveRead, count: 2, text: "archive 2 articles read",
		after: map[string]string{"a": "r-a", "b": "---", "c": "r-a"},
	}, {
		name: "tag",
		do: func(u *store.User) (store.Action, error) {
			return u.AddTag(bg, []string{"a", "b"}, "  harbour   works ")
		},
		kind: store.KindTag, count: 2, text: "tag “harbour works” on 2 articles",
		check: func(t *testing.T, u *store.User) {
			st, _ := u.State(bg, "b")
			if !slices.Equal(st.Tags, []string{"harbour works"}) {
				t.Errorf("tags of b = %q", st.Tags)
			}
		},
	}, {
		name:   "untag",
		before: func(u *store.User) error { _, err := u.AddTag(bg, ids, "x"); return err },
		do:     func(u *store.User) (store.Action, error) { return u.RemoveTag(bg, []string{"a", "c"}, "x") },
		kind:   store.KindUntag, count: 2,
		check: func(t *testing.T, u *store.User) {
			st, _ := u.State(bg, "c")
			if st.HasTag("x") {
				t.Error("c still tagged x")
			}
		},
	}, {
		name: "note",
		do: func(u *store.User) (store.Action, error) {
			return u.SetNote(bg, "a", " ask the council \x1b[31mnow\x1b[0m ")
		},
		kind: store.KindNote, count: 1, text: "note on 1 article",
		check: func(t *testing.T, u *store.User) {
			st, _ := u.State(bg, "a")
			if st.Note != "ask the council now" {
				t.Errorf("note = %q", st.Note)
			}
		},
	}, {
		name: "quote mark",
		do: func(u *store.User) (store.Action, error) {
			return u.SetQuoteMark(bg, quote("a", "p1:k"), store.MarkFlagged)
		},
		kind: store.KindQuoteMark, count: 1, text: "mark quote flagged",
		check: func(t *testing.T, u *store.User) {
			m, _ := u.QuoteMarks(bg)
			if m[store.QuoteRef{ArticleID: "a", Key: "p1:k"}] != store.MarkFlagged {
				t.Errorf("marks = %v", m)
			}
		},
	}, {
		name: "toggle quote mark off",
		before: func(u *store.User) error {
			_, err := u.SetQuoteMark(bg, quote("a", "p1:k"), store.MarkChecked)
			return err
		},
		do: func(u *store.User) (store.Action, error) {
			return u.ToggleQuoteMark(bg, quote("a", "p1:k"), store.MarkChecked)
		},
		kind: store.KindQuoteMark, count: 1, text: "clear quote mark",
		check: func(t *testing.T, u *store.User) {
			m, _ := u.QuoteMarks(bg)
			if len(m) != 0 {
				t.Errorf("marks = %v, want none", m)
			}
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := h.open(t).User(store.LocalUser)
			if tt.before != nil {
				noErr(t, tt.before(u))
			}
			before, err := u.States(bg)
			noErr(t, err)
			marksBefore, err := u.QuoteMarks(bg)
			noErr(t, err)

			a, err := tt.do(u)
			noErr(t, err)
			if a.Kind != tt.kind || a.Count != tt.count || a.ID == 0 {
				t.Errorf("action = {ID %d Kind %s Count %d}, want {Kind %s Count %d}", a.ID, a.Kind, a.Count, tt.kind, tt.count)
			}
			if tt.text != "" && a.String() != tt.text {
				t.Errorf("String() = %q, want %q", a.String(), tt.text)
			}
			for id, want := range tt.after {
				st, err := u.State(bg, id)
				noErr(t, err)
				if got := flags(st); got != want {
					t.Errorf("after: %s = %s, want %s", id, got, want)
				}
			}
			if tt.check != nil {
				tt.check(t, u)
			}

			undone, err := u.Undo(bg)
			noErr(t, err)
			if undone.ID != a.ID || undone.Kind != a.Kind || undone.Count != a.Count || undone.String() != a.String() {
				t.Errorf("Undo returned %+v (%s), want the action %+v (%s)", undone, undone, a, a)
			}
			after, err := u.States(bg)
			noErr(t, err)
			for id, st := range before {
				if got := after[id]; flags(got) != flags(st) || got.Note != st.Note || !slices.Equal(got.Tags, st.Tags) {
					t.Errorf("undo did not restore %s: %+v, want %+v", id, got, st)
				}
			}
			marksAfter, err := u.QuoteMarks(bg)
			noErr(t, err)
			if len(marksAfter) != len(marksBefore) {
				t.Errorf("undo did not restore quote marks: %v, want %v", marksAfter, marksBefore)
			}
		})
	}
}

func testNoOpActionIsNotRecorded(t *testing.T, h *harness) {
	u := h.open(t).User(store.LocalUser)
	_, err := u.SetStarred(bg, []string{"a"}, true)
	noErr(t, err)
	for name, do := range map[string]func() (store.Action, error){
		"star again":         func() (store.Action, error) { return u.SetStarred(bg, []string{"a"}, true) },
		"archive read, none": func() (store.Action, error) { return u.ArchiveRead(bg, []string{"a", "b"}) },
		"untag absent":       func() (store.Action, error) { return u.RemoveTag(bg, []string{"a"}, "nope") },
		"same note":          func() (store.Action, error) { return u.SetNote(bg, "a", "") },
		"clear no mark":      func() (store.Action, error) { return u.SetQuoteMark(bg, quote("a", "p0:x"), store.MarkNone) },
		"empty bulk":         func() (store.Action, error) { return u.SetArchived(bg, nil, true) },
	} {
		a, err := do()
		noErr(t, err)
		if a.Count != 0 || a.ID != 0 {
			t.Errorf("%s: recorded %+v", name, a)
		}
	}
	hist, err := u.History(bg, 10)
	noErr(t, err)
	if len(hist) != 1 {
		t.Errorf("history has %d actions, want 1 (the first star)", len(hist))
	}
}

func testOpenReadArticleRecordsNoAction(t *testing.T, h *harness) {
	u := h.open(t).User(store.LocalUser)
	first, err := u.Open(bg, "a")
	noErr(t, err)
	st1, _ := u.State(bg, "a")
	again, err := u.Open(bg, "a")
	noErr(t, err)
	st2, _ := u.State(bg, "a")
	if first.Count != 1 || again.Count != 0 {
		t.Errorf("Open counts = %d, %d; want 1, 0", first.Count, again.Count)
	}
	if !st2.LastOpened.After(st1.LastOpened) {
		t.Errorf("LastOpened not updated: %v then %v", st1.LastOpened, st2.LastOpened)
	}
}

func testUndoStackOrderAndEmpty(t *testing.T, h *harness) {
	u := h.open(t).User(store.LocalUser)
	if _, err := u.Undo(bg); !errors.Is(err, store.ErrNothingToUndo) {
		t.Fatalf("Undo on empty log: %v, want ErrNothingToUndo", err)
	}
	_, err := u.ToggleStarred(bg, "a")
	noErr(t, err)
	_, err = u.AddTag(bg, []string{"a"}, "t")
	noErr(t, err)
	_, err = u.ToggleArchived(bg, "a")
	noErr(t, err)
	var kinds []store.Kind
	for {
		a, err := u.Undo(bg)
		if errors.Is(err, store.ErrNothingToUndo) {
			break
		}
		noErr(t, err)
		kinds = append(kinds, a.Kind)
	}
	if want := []store.Kind{store.KindArchive, store.KindTag, store.KindStar}; !slices.Equal(kinds, want) {
		t.Errorf("undo order = %v, want %v", kinds, want)
	}
	st, _ := u.State(bg, "a")
	if flags(st) != "---" || len(st.Tags) != 0 {
		t.Errorf("state after undoing everything = %+v", st)
	}
}

func testUndoSurvivesRestart(t *testing.T, h *harness) {
	db := h.db(t)
	b, err := db()
	noErr(t, err)
	s := store.New(b)
	u := s.User(store.LocalUser)
	_, err = u.SetRead(bg, []string{"a", "b"}, true)
	noErr(t, err)
	bulk, err := u.ArchiveRead(bg, []string{"a", "b", "c"})
	noErr(t, err)
	noErr(t, s.Close())

	s = openOn(t, db)
	u = s.User(store.LocalUser)
	a, err := u.Undo(bg)
	noErr(t, err)
	if a.ID != bulk.ID || a.Kind != store.KindArchiveRead || a.Count != 2 || len(a.Changes) != 2 {
		t.Errorf("Undo after restart = %+v, want the bulk archive %+v", a, bulk)
	}
	for _, id := range []string{"a", "b"} {
		if st, _ := u.State(bg, id); flags(st) != "r--" {
			t.Errorf("%s = %s after undo, want r--", id, flags(st))
		}
	}
}

func testUndoLimit(t *testing.T, h *harness) {
	u := h.open(t, store.WithUndoLimit(3)).User(store.LocalUser)
	for i := 0; i < 5; i++ {
		_, err := u.ToggleStarred(bg, "a")
		noErr(t, err)
	}
	hist, err := u.History(bg, 100)
	noErr(t, err)
	if len(hist) != 3 {
		t.Errorf("history holds %d actions, want 3", len(hist))
	}
	for range 3 {
		_, err := u.Undo(bg)
		noErr(t, err)
	}
	if _, err := u.Undo(bg); !errors.Is(err, store.ErrNothingToUndo) {
		t.Errorf("a fourth Undo: %v, want ErrNothingToUndo", err)
	}
	// Five toggles, the last three undone: as after the second, unstarred.
	if st, _ := u.State(bg, "a"); st.Starred {
		t.Errorf("state after undoing three of five toggles = %+v, want unstarred", st)
	}
}

func testUsersAreSeparate(t *testing.T, h *harness) {
	s := h.open(t)
	alice, bob := s.User("SHA256:alice"), s.User("SHA256:bob")
	_, err := alice.ToggleStarred(bg, "a")
	noErr(t, err)
	_, err = alice.AddTag(bg, []string{"a"}, "mine")
	noErr(t, err)
	if st, _ := bob.State(bg, "a"); st.Starred || len(st.Tags) != 0 {
		t.Errorf("bob sees alice's state: %+v", st)
	}
	if tags, _ := bob.Tags(bg); len(tags) != 0 {
		t.Errorf("bob sees alice's tags: %v", tags)
	}
	if _, err := bob.Undo(bg); !errors.Is(err, store.ErrNothingToUndo) {
		t.Errorf("bob undid alice's action: %v", err)
	}
	// Two handles (sessions) of the same user share state; the second
	// undoes the first one's actions only once the first has ended.
	again := s.User("SHA256:alice")
	if st, _ := again.State(bg, "a"); !st.Starred || !st.HasTag("mine") {
		t.Errorf("second alice handle sees %+v, want the star and tag", st)
	}
	if a, err := again.Undo(bg); !errors.Is(err, store.ErrNothingToUndo) {
		t.Errorf("second alice handle undid the first one's %v (%v) while it was live", a, err)
	}
	noErr(t, alice.End(bg))
	if a, err := again.Undo(bg); err != nil || a.Kind != store.KindTag {
		t.Errorf("second alice handle after the first ended: Undo = %v, %v; want the tag", a, err)
	}
}

func testTagsCountsAndValidation(t *testing.T, h *harness) {
	u := h.open(t).User(store.LocalUser)
	_, err := u.AddTag(bg, []string{"a", "b", "c"}, "economy")
	noErr(t, err)
	_, err = u.AddTag(bg, []string{"a"}, "Harbour")
	noErr(t, err)
	_, err = u.AddTag(bg, []string{"b"}, "budget")
	noErr(t, err)
	tags, err := u.Tags(bg)
	noErr(t, err)
	want := []store.TagCount{{Tag: "economy", Count: 3}, {Tag: "Harbour", Count: 1}, {Tag: "budget", Count: 1}}
	if !slices.Equal(tags, want) {
		t.Errorf("Tags = %v, want %v", tags, want)
	}
	st, _ := u.State(bg, "a")
	if !slices.Equal(st.Tags, []string{"Harbour", "economy"}) {
		t.Errorf("tags of a = %q, want sorted [Harbour economy]", st.Tags)
	}
	for _, bad := range []string{"", "  ", "\x1b[2J", strings.Repeat("x", store.MaxTagRunes+1)} {
		if _, err := u.AddTag(bg, []string{"a"}, bad); err == nil {
			t.Errorf("AddTag(%q) accepted", bad)
		}
	}
	if _, err := u.SetNote(bg, "a", strings.Repeat("n", store.MaxNoteRunes+1)); !errors.Is(err, store.ErrNoteTooLong) {
		t.Errorf("over-long note: %v", err)
	}
	if _, err := u.SetQuoteMark(bg, quote("a", "k"), store.Mark("loved")); !errors.Is(err, store.ErrBadMark) {
		t.Errorf("unknown mark: %v", err)
	}
}

func testStatesMatchState(t *testing.T, h *harness) {
	u := h.open(t).User(store.LocalUser)
	ids := []string{"a", "b", "c", "d"}
	for i, tag := range []string{"z", "m", "a", "m", "q"} {
		_, err := u.AddTag(bg, ids[i%3:], tag)
		noErr(t, err)
	}
	_, err := u.RemoveTag(bg, []string{"b", "d"}, "m")
	noErr(t, err)
	_, err = u.Undo(bg)
	noErr(t, err)
	_, err = u.RemoveTag(bg, []string{"c"}, "z")
	noErr(t, err)
	_, err = u.SetNote(bg, "b", "two\nlines")
	noErr(t, err)
	states, err := u.States(bg)
	noErr(t, err)
	want := map[string][]string{"a": {"m", "z"}, "b": {"m", "q", "z"}, "c": {"a", "m", "q"}, "d": {"a", "m", "q", "z"}}
	for _, id := range ids {
		one, err := u.State(bg, id)
		noErr(t, err)
		if !slices.Equal(states[id].Tags, want[id]) || !slices.Equal(one.Tags, want[id]) {
			t.Errorf("%s: States tags %q, State tags %q, want %q", id, states[id].Tags, one.Tags, want[id])
		}
		if one.Note != states[id].Note || !one.FirstSeen.Equal(states[id].FirstSeen) || flags(one) != flags(states[id]) {
			t.Errorf("%s: State %+v, States %+v", id, one, states[id])
		}
	}
	if states["b"].Note != "two\nlines" {
		t.Errorf("note of b = %q", states["b"].Note)
	}
}

func testSeenTaggedTagsNewArticlesOnly(t *testing.T, h *harness) {
	u := h.open(t).User(store.LocalUser)
	_, err := u.Seen(bg, []string{"old"})
	noErr(t, err)
	tags := map[string][]string{"new": {"japan", "防災", " "}, "old": {"japan"}}
	n, err := u.SeenTagged(bg, []string{"new", "old"}, tags)
	noErr(t, err)
	if n != 1 {
		t.Errorf("SeenTagged counted %d new, want 1", n)
	}
	if st, _ := u.State(bg, "new"); !slices.Equal(st.Tags, []string{"japan", "防災"}) {
		t.Errorf("tags of the new article %q, want [japan 防災]", st.Tags)
	}
	if st, _ := u.State(bg, "old"); len(st.Tags) != 0 {
		t.Errorf("an article the store knew was tagged: %q", st.Tags)
	}
	if h, _ := u.History(bg, 5); len(h) != 0 {
		t.Errorf("source tags were recorded as an action: %v", h)
	}
	// A source tag the user removes stays removed.
	_, err = u.RemoveTag(bg, []string{"new"}, "japan")
	noErr(t, err)
	_, err = u.SeenTagged(bg, []string{"new"}, tags)
	noErr(t, err)
	if st, _ := u.State(bg, "new"); slices.Contains(st.Tags, "japan") {
		t.Errorf("a removed source tag came back: %q", st.Tags)
	}
}

func testSeenSetsFirstSeenOnce(t *testing.T, h *harness) {
	u := h.open(t).User(store.LocalUser)
	n, err := u.Seen(bg, []string{"a", "b"})
	noErr(t, err)
	first, _ := u.State(bg, "a")
	m, err := u.Seen(bg, []string{"a", "b", "c"})
	noErr(t, err)
	again, _ := u.State(bg, "a")
	if n != 2 || m != 1 {
		t.Errorf("Seen counted %d, %d new; want 2, 1", n, m)
	}
	if first.FirstSeen.IsZero() || !again.FirstSeen.Equal(first.FirstSeen) {
		t.Errorf("FirstSeen %v then %v", first.FirstSeen, again.FirstSeen)
	}
	if h, _ := u.History(bg, 5); len(h) != 0 {
		t.Errorf("Seen was recorded as an action: %v", h)
	}
	if st, _ := u.State(bg, "never"); st.ID != "never" || !st.FirstSeen.IsZero() || st.Read {
		t.Errorf("unknown article state = %+v", st)
	}
}

// testOpenIsNotAnUndoStep: marking read on open is a side effect of the
// user's action, not an action of its own, so Undo after an open reverts
// what the user did before it (here the star), and the article opened
// stays read.
func testOpenIsNotAnUndoStep(t *testing.T, h *harness) {
	u := h.open(t).User(store.LocalUser)
	_, err := u.ToggleStarred(bg, "a")
	noErr(t, err)
	opened, err := u.Open(bg, "b")
	noErr(t, err)
	if opened.Count != 1 || opened.ID != 0 || len(opened.Changes) != 1 {
		t.Errorf("Open = %+v, want one change, not recorded (ID 0)", opened)
	}
	undone, err := u.Undo(bg)
	noErr(t, err)
	if undone.Kind != store.KindStar {
		t.Errorf("Undo after an open reverted %q, want the star", undone.Kind)
	}
	if st, _ := u.State(bg, "a"); st.Starred {
		t.Error("the star is still there after Undo")
	}
	if st, _ := u.State(bg, "b"); !st.Read || st.LastOpened.IsZero() {
		t.Errorf("the opened article lost its read state: %+v", st)
	}
}
