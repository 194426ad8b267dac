package tui

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/brief-reader/brief/model/store"
	"github.com/brief-reader/brief/model/store/sqlite"
)

// TestFailedWriteUndoneOnScreen: when the store cannot write (here it is
// closed, so it cannot read the truth back either), a star is shown as
// failed and taken back on screen, never left looking done (issue 12,
// item 6).
func TestFailedWriteUndoneOnScreen(t *testing.T) {
	st, err := sqlite.OpenStore(filepath.Join(t.TempDir(), "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	opts := testOptions()
	opts.Store = st.User(store.LocalUser)
	opts.Now = func() time.Time { return testNow }
	tm, rec := startTriage(t, opts, 120, 30)
	waitScreen(t, rec, "1 Inbox 2 │ 2 Unread 2 │ 3 Starred 0")
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	tm.Send(press("s"))
	// The failure is said (the re-read that follows fails too and says
	// so after it), and the star is gone from the screen.
	var said bool
	teatest.WaitFor(t, rec, func(b []byte) bool {
		said = said || strings.Contains(string(b), "star failed, undone")
		f := lastFrame(b)
		return said && strings.Contains(f, "3 Starred 0") && strings.Contains(f, "Harbour lights") && !strings.Contains(f, "★")
	}, teatest.WithDuration(15*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}
