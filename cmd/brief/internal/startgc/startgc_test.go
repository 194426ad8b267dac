package startgc

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestMain runs the package's tests, or, in the processes that
// TestOffUntilRestored starts, checks the collector from process start.
func TestMain(m *testing.M) {
	if want, ok := os.LookupEnv("STARTGC_WANT"); ok {
		if err := checkFromStart(want); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestOffUntilRestored checks, in a process of its own for each GOGC,
// that the collector is off from the start (no collection while 16 MB,
// four times the first goal, is allocated) and that Restore brings back
// the percentage the process started with.
func TestOffUntilRestored(t *testing.T) {
	for _, c := range []struct {
		gogc string
		want int
	}{{"", 100}, {"250", 250}, {"off", -1}} {
		t.Run("GOGC="+c.gogc, func(t *testing.T) {
			cmd := exec.Command(os.Args[0])
			cmd.Env = append(os.Environ(), "GOGC="+c.gogc, "STARTGC_WANT="+strconv.Itoa(c.want))
			out, err := cmd.CombinedOutput()
			assert.NoError(t, err, "%s", out)
		})
	}
}

// checkFromStart is the check TestOffUntilRestored runs in a process of
// its own.
func checkFromStart(wantText string) error {
	want, err := strconv.Atoi(wantText)
	if err != nil {
		return err
	}
	var junk []byte
	for range 4096 {
		junk = make([]byte, 4096)
	}
	runtime.KeepAlive(junk)
	var st runtime.MemStats
	runtime.ReadMemStats(&st)
	if st.NumGC != 0 {
		return fmt.Errorf("%d collections before Restore, want none", st.NumGC)
	}
	if Percent() != want {
		return fmt.Errorf("Percent() = %d, want %d", Percent(), want)
	}
	Restore()
	if got := debug.SetGCPercent(want); got != want {
		return fmt.Errorf("after Restore the percentage is %d, want %d", got, want)
	}
	return nil
}
