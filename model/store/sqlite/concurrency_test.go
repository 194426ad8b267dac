package sqlite

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/brief-reader/brief/model/store"
	"github.com/brief-reader/brief/model/store/storetest"
)

// The multi-process tests re-run this test binary as a child process that
// runs only TestChildWriter, configured through these variables.
const (
	childEnv    = "BRIEF_STORE_CHILD"   // set to run as a child
	childPath   = "BRIEF_STORE_PATH"    // database file
	childPrefix = "BRIEF_STORE_PREFIX"  // article ID prefix of the child's actions
	childCount  = "BRIEF_STORE_ACTIONS" // number of actions, 0 for endless
)

// TestChildWriter is not a test: it is the body of the child process of
// the multi-process tests, and skips unless BRIEF_STORE_CHILD is set. It
// performs its actions and prints "ack N" after action N is committed.
func TestChildWriter(t *testing.T) {
	if os.Getenv(childEnv) == "" {
		t.Skip("child process body for the multi-process and crash tests")
	}
	s, err := OpenStore(os.Getenv(childPath))
	if err != nil {
		fmt.Println("error", err)
		os.Exit(2)
	}
	u := s.User(store.LocalUser)
	prefix := os.Getenv(childPrefix)
	n, _ := strconv.Atoi(os.Getenv(childCount))
	for i := 0; n == 0 || i < n; i++ {
		if err := storetest.Act(bg, u, prefix, i); err != nil {
			fmt.Println("error", err)
			os.Exit(2)
		}
		fmt.Println("ack", i)
	}
	if err := s.Close(); err != nil {
		fmt.Println("error", err)
		os.Exit(2)
	}
}

// child starts a child writer process on path.
func child(t *testing.T, path, prefix string, n int) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestChildWriter$", "-test.count=1")
	cmd.Env = append(os.Environ(), childEnv+"=1", childPath+"="+path, childPrefix+"="+prefix,
		childCount+"="+strconv.Itoa(n))
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	noErr(t, err)
	noErr(t, cmd.Start())
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
	})
	return cmd, bufio.NewScanner(out)
}

// readAcks reads a child's output to its end and returns the acknowledged
// action numbers; lines starting with "error" fail the test. stop, when not
// nil, is called after each ack with the number of acks so far.
func readAcks(t *testing.T, sc *bufio.Scanner, stop func(acks int)) []int {
	t.Helper()
	var acks []int
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "ack "):
			n, err := strconv.Atoi(strings.TrimPrefix(line, "ack "))
			noErr(t, err)
			acks = append(acks, n)
			if stop != nil {
				stop(len(acks))
			}
		case strings.HasPrefix(line, "error"):
			t.Errorf("child: %s", line)
		}
	}
	return acks
}

func TestTwoProcessesConcurrently(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	path := filepath.Join(t.TempDir(), "state.db")
	s := openAt(t, path)
	const each = 200
	type result struct {
		prefix string
		acks   []int
		err    error
	}
	results := make(chan result, 2)
	started := make(chan struct{}, 2)
	for _, prefix := range []string{"p1", "p2"} {
		cmd, sc := child(t, path, prefix, each)
		go func() {
			acks := readAcks(t, sc, func(n int) {
				if n == 1 {
					started <- struct{}{}
				}
			})
			results <- result{prefix, acks, cmd.Wait()}
		}()
	}
	// This process writes too, once both children are writing.
	for range 2 {
		select {
		case <-started:
		case <-time.After(30 * time.Second):
			t.Fatal("children did not start writing")
		}
	}
	u := s.User(store.LocalUser)
	for i := range each {
		noErr(t, storetest.Act(bg, u, "parent", i))
	}
	for range 2 {
		r := <-results
		if r.err != nil {
			t.Errorf("child %s: %v", r.prefix, r.err)
		}
		if len(r.acks) != each {
			t.Errorf("child %s acknowledged %d actions, want %d", r.prefix, len(r.acks), each)
		}
	}
	states, err := u.States(bg)
	noErr(t, err)
	for _, prefix := range []string{"p1", "p2", "parent"} {
		for i := range each {
			if err := storetest.CheckAct(states, prefix, i); err != nil {
				t.Errorf("%s: %v", prefix, err)
			}
		}
	}
	h, err := u.History(bg, 10_000)
	noErr(t, err)
	if len(h) != 3*each {
		t.Errorf("undo log holds %d actions, want %d", len(h), 3*each)
	}
	noErr(t, dbOf(s).Check(bg))
}

func TestCrashKeepsAcknowledgedActions(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills child processes")
	}
	path := filepath.Join(t.TempDir(), "state.db")
	// Three crashes in a row on the same file, each after a different
	// number of acknowledged actions, so recovery from one crash is itself
	// exercised by the next burst.
	acked := map[string][]int{}
	for round, killAfter := range []int{37, 150, 301} {
		prefix := fmt.Sprintf("crash%d", round)
		cmd, sc := child(t, path, prefix, 0)
		killed := false
		acks := readAcks(t, sc, func(n int) {
			if n == killAfter && !killed {
				killed = true
				noErr(t, cmd.Process.Signal(syscall.SIGKILL))
			}
		})
		err := cmd.Wait()
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
			t.Fatalf("round %d: child did not die of SIGKILL: %v", round, err)
		}
		if len(acks) < killAfter {
			t.Fatalf("round %d: only %d acks before the kill", round, len(acks))
		}
		acked[prefix] = acks
	}

	s := openAt(t, path)
	noErr(t, dbOf(s).Check(bg))
	states, err := s.User(store.LocalUser).States(bg)
	noErr(t, err)
	for prefix, acks := range acked {
		for _, i := range acks {
			if err := storetest.CheckAct(states, prefix, i); err != nil {
				t.Errorf("%s: acknowledged but lost: %v", prefix, err)
			}
		}
		t.Logf("%s: %d acknowledged actions all present", prefix, len(acks))
	}
	// The undo log is intact too: it holds every acknowledged action (a
	// killed session's actions stay its own, so they are not undoable by
	// the next session; see User.Undo).
	total := 0
	for _, acks := range acked {
		total += len(acks)
	}
	ctx, cancel := context.WithTimeout(bg, 10*time.Second)
	defer cancel()
	hist, err := s.User(store.LocalUser).History(ctx, 10_000)
	noErr(t, err)
	if len(hist) < total {
		t.Errorf("undo log holds %d actions after the crashes, want at least the %d acknowledged", len(hist), total)
	}
	noErr(t, dbOf(s).Check(bg))
}

func TestWriterWaitsForLockInsteadOfFailing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	a, b := openAt(t, path), openAt(t, path, WithBusyTimeout(5*time.Second))
	// a takes the write lock (BEGIN IMMEDIATE) and holds it for a while.
	tx, err := dbOf(a).w.BeginTx(bg, nil)
	noErr(t, err)
	const hold = 300 * time.Millisecond
	go func() {
		time.Sleep(hold)
		tx.Commit()
	}()
	start := time.Now()
	if _, err := b.User(store.LocalUser).ToggleStarred(bg, "x"); err != nil {
		t.Fatalf("action while another Store held the write lock: %v", err)
	}
	if waited := time.Since(start); waited < hold/2 {
		t.Errorf("action finished after %v although the lock was held for %v", waited, hold)
	}

	// With a busy timeout shorter than the hold, the action fails cleanly
	// and leaves nothing behind.
	c := openAt(t, path, WithBusyTimeout(50*time.Millisecond))
	tx, err = dbOf(a).w.BeginTx(bg, nil)
	noErr(t, err)
	if _, err := c.User(store.LocalUser).ToggleStarred(bg, "y"); err == nil {
		t.Error("action succeeded while the lock was held past the busy timeout")
	}
	noErr(t, tx.Rollback())
	if st, _ := c.User(store.LocalUser).State(bg, "y"); st.Starred {
		t.Error("failed action left its change")
	}
}
