// Command first-frame measures how long a terminal program takes from
// launch to its first frame: it starts the program on a pseudo-terminal
// of the given size, again and again, and times each run from the start
// of the process to the first output that contains the marker text.
//
//	go build -o /tmp/brief ./cmd/brief
//	go run ./scripts/first-frame -runs 15 -- /tmp/brief --state /tmp/ff.db
//
// Several programs can be compared, their runs interleaved so that a
// change in the machine's load affects each alike: separate them with
// "--" (for example -- /tmp/old -- /tmp/new). The figures are wall-clock
// times, so they depend on how busy the machine is; run it on an idle
// machine and compare programs in one invocation.
//
// Like a real terminal, the pseudo-terminal answers the queries programs
// send (background and foreground color, cursor position, device
// attributes, mode reports) after -answer-delay; -answer=false leaves
// them unanswered, as a terminal that ignores them would. A program that
// waits for an answer before drawing pays the delay.
//
//	go run ./scripts/first-frame -marker budgeted -- /tmp/brief --state /tmp/ff.db a.md -- glow a.md
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/creack/pty"
)

func main() {
	runs := flag.Int("runs", 11, "launches of each program")
	marker := flag.String("marker", "brief", "text whose appearance on the terminal marks the first frame")
	width := flag.Int("width", 120, "terminal width")
	height := flag.Int("height", 40, "terminal height")
	timeout := flag.Duration("timeout", 5*time.Second, "give up on a run after this long")
	answer := flag.Bool("answer", true, "answer terminal queries as a terminal would")
	delay := flag.Duration("answer-delay", 0, "wait this long before answering a query (a slow link)")
	flag.Parse()
	progs := splitPrograms(flag.Args())
	if len(progs) == 0 {
		fmt.Fprintln(os.Stderr, "first-frame: name a program to run: first-frame [flags] -- PROGRAM [ARGS] [-- PROGRAM [ARGS]]")
		os.Exit(2)
	}
	times := make([][]time.Duration, len(progs))
	for range *runs {
		for i, p := range progs {
			d, err := firstFrame(p, *marker, uint16(*width), uint16(*height), *timeout, answerer(*answer, *delay))
			if err != nil {
				fmt.Fprintf(os.Stderr, "first-frame: %s: %v\n", strings.Join(p, " "), err)
				os.Exit(1)
			}
			times[i] = append(times[i], d)
		}
	}
	for i, p := range progs {
		t := times[i]
		slices.Sort(t)
		fmt.Printf("%s\n  launch to first frame over %d runs: min %s  median %s  max %s\n",
			strings.Join(p, " "), len(t), ms(t[0]), ms(t[len(t)/2]), ms(t[len(t)-1]))
	}
}

// splitPrograms splits the arguments at each "--" into command lines.
func splitPrograms(args []string) [][]string {
	var out [][]string
	for len(args) > 0 {
		i := slices.Index(args, "--")
		if i < 0 {
			i = len(args)
		}
		if i > 0 {
			out = append(out, args[:i])
		}
		args = args[min(i+1, len(args)):]
	}
	return out
}

// firstFrame runs argv once on a w×h pseudo-terminal and returns the time
// from starting it to the first output holding marker. The program is
// killed as soon as the marker shows. answer, when not nil, is given the
// output so far and the terminal to reply to queries on.
func firstFrame(argv []string, marker string, w, h uint16, timeout time.Duration, answer func(*os.File, []byte, int) int) (time.Duration, error) {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = append(os.Environ(), "TERM=xterm-256color")
	start := time.Now()
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: h, Cols: w})
	if err != nil {
		return 0, err
	}
	defer func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		f.Close()
	}()
	found := make(chan time.Duration, 1)
	go func() {
		var seen []byte
		answered := 0
		buf := make([]byte, 64*1024)
		for {
			n, err := f.Read(buf)
			seen = append(seen, buf[:n]...)
			if answer != nil {
				answered = answer(f, seen, answered)
			}
			if bytes.Contains(seen, []byte(marker)) {
				found <- time.Since(start)
				return
			}
			if err != nil {
				return
			}
		}
	}()
	select {
	case d := <-found:
		return d, nil
	case <-time.After(timeout):
		return 0, errors.New("no frame with the marker before the timeout")
	}
}

// ms formats a duration in milliseconds with one decimal.
func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

// queries are the terminal queries answered, with a terminal's answer: a
// dark background, a light foreground, the cursor at the top left, a
// VT220-class terminal, and "mode set" for every mode report.
var queries = []struct {
	ask    *regexp.Regexp
	answer string
}{
	{regexp.MustCompile(`\x1b\]11;\?(?:\x1b\\|\x07)`), "\x1b]11;rgb:1e1e/1e1e/1e1e\x1b\\"},
	{regexp.MustCompile(`\x1b\]10;\?(?:\x1b\\|\x07)`), "\x1b]10;rgb:d0d0/d0d0/d0d0\x1b\\"},
	{regexp.MustCompile(`\x1b\[6n`), "\x1b[1;1R"},
	{regexp.MustCompile(`\x1b\[0?c`), "\x1b[?62;22c"},
	{regexp.MustCompile(`\x1b\[\?(\d+)\$p`), "\x1b[?$1;1$$y"},
}

// answerer returns the function that answers the queries in a run's
// output, or nil when queries go unanswered. It answers each query that
// starts at or after offset from and returns the offset to look from
// next time.
func answerer(on bool, delay time.Duration) func(*os.File, []byte, int) int {
	if !on {
		return nil
	}
	return func(f *os.File, seen []byte, from int) int {
		// A query cut between two reads does not match yet; it is
		// answered next time, as the search starts after the last answer.
		type hit struct {
			at, end int
			reply   []byte
		}
		var hits []hit
		for _, q := range queries {
			for _, m := range q.ask.FindAllSubmatchIndex(seen[from:], -1) {
				hits = append(hits, hit{from + m[0], from + m[1], q.ask.Expand(nil, []byte(q.answer), seen[from:], m)})
			}
		}
		if len(hits) == 0 {
			return from
		}
		slices.SortFunc(hits, func(a, b hit) int { return a.at - b.at })
		var out []byte
		end := from
		for _, h := range hits {
			out = append(out, h.reply...)
			end = max(end, h.end)
		}
		go func() {
			time.Sleep(delay)
			_, _ = f.Write(out)
		}()
		return end
	}
}
