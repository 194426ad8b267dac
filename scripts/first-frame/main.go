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
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/brief-reader/brief/scripts/internal/ptyrun"
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
	cpus := make([][]time.Duration, len(progs))
	for range *runs {
		for i, p := range progs {
			d, cpu, err := firstFrame(p, *marker, ptyrun.Options{Width: uint16(*width), Height: uint16(*height), Silent: !*answer, AnswerDelay: *delay}, *timeout)
			if err != nil {
				fmt.Fprintf(os.Stderr, "first-frame: %s: %v\n", strings.Join(p, " "), err)
				os.Exit(1)
			}
			times[i] = append(times[i], d)
			cpus[i] = append(cpus[i], cpu)
		}
	}
	for i, p := range progs {
		t, c := times[i], cpus[i]
		slices.Sort(t)
		slices.Sort(c)
		fmt.Printf("%s\n  launch to first frame over %d runs: min %s  median %s  max %s\n  CPU used by then: median %s\n",
			strings.Join(p, " "), len(t), ms(t[0]), ms(t[len(t)/2]), ms(t[len(t)-1]), ms(c[len(c)/2]))
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
// killed as soon as the marker shows.
func firstFrame(argv []string, marker string, o ptyrun.Options, timeout time.Duration) (time.Duration, time.Duration, error) {
	r, err := ptyrun.Start(argv, o)
	if err != nil {
		return 0, 0, err
	}
	d, err := r.WaitFor(marker, timeout)
	r.Stop()
	if err != nil {
		return 0, 0, err
	}
	// The CPU the process used, up to a moment after the frame (it is
	// killed at once): user and system time, from the kernel's
	// scheduler accounting.
	var cpu time.Duration
	if ru, ok := r.Cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	return d, cpu, nil
}

// ms formats a duration in milliseconds with one decimal.
func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }
