// Package ptyrun runs a terminal program on a pseudo-terminal for the
// measuring scripts: it answers the queries a program sends the way a
// terminal would, waits for text to show, and reads the process's CPU
// time and peak memory from /proc while it runs.
package ptyrun

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/creack/pty"
)

// Run is one program running on a pseudo-terminal.
type Run struct {
	Cmd   *exec.Cmd
	Start time.Time

	f        *os.File
	answer   bool
	delay    time.Duration
	mu       sync.Mutex
	seen     []byte
	answered int
	changed  chan struct{} // closed and replaced when output arrives
	done     chan struct{} // closed when the output ends
}

// Options say how to run a program.
type Options struct {
	// Width and Height are the terminal's size; 0 means 120×40.
	Width, Height uint16
	// Env is added to the environment.
	Env []string
	// Dir is the working folder; "" means the current one.
	Dir string
	// Silent leaves terminal queries unanswered.
	Silent bool
	// AnswerDelay delays every answer (a slow link).
	AnswerDelay time.Duration
}

// Start starts argv on a pseudo-terminal.
func Start(argv []string, o Options) (*Run, error) {
	if o.Width == 0 || o.Height == 0 {
		o.Width, o.Height = 120, 40
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = append(append(os.Environ(), "TERM=xterm-256color"), o.Env...)
	cmd.Dir = o.Dir
	r := &Run{Cmd: cmd, answer: !o.Silent, delay: o.AnswerDelay, changed: make(chan struct{}), done: make(chan struct{})}
	r.Start = time.Now()
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: o.Height, Cols: o.Width})
	if err != nil {
		return nil, err
	}
	r.f = f
	go r.read()
	return r, nil
}

// read collects the program's output and answers its queries.
func (r *Run) read() {
	defer close(r.done)
	buf := make([]byte, 64*1024)
	for {
		n, err := r.f.Read(buf)
		r.mu.Lock()
		r.seen = append(r.seen, buf[:n]...)
		if r.answer {
			r.answered = answer(r.f, r.seen, r.answered, r.delay)
		}
		close(r.changed)
		r.changed = make(chan struct{})
		r.mu.Unlock()
		if err != nil {
			return
		}
	}
}

// WaitFor waits until the output holds marker and returns the time from
// the start; it fails after timeout or when the output ends first.
func (r *Run) WaitFor(marker string, timeout time.Duration) (time.Duration, error) {
	deadline := time.After(timeout)
	for {
		r.mu.Lock()
		found := bytes.Contains(r.seen, []byte(marker))
		ch := r.changed
		r.mu.Unlock()
		if found {
			return time.Since(r.Start), nil
		}
		select {
		case <-ch:
		case <-r.done:
			return 0, errors.New("the program ended before showing " + strconv.Quote(marker))
		case <-deadline:
			return 0, errors.New("no " + strconv.Quote(marker) + " on the terminal before the timeout")
		}
	}
}

// Output returns everything the program wrote so far.
func (r *Run) Output() []byte {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.seen)
}

// Stop kills the program and waits for it.
func (r *Run) Stop() {
	_ = r.Cmd.Process.Kill()
	_ = r.Cmd.Wait()
	r.f.Close()
}

// Usage is what a process used: CPU time (user and system, all threads)
// and peak resident memory.
type Usage struct {
	CPU     time.Duration
	PeakRSS int64 // bytes
}

// UsageOf reads the usage of process pid from /proc.
func UsageOf(pid int) (Usage, error) {
	var u Usage
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return u, err
	}
	// The fields after the command name, which is in parentheses.
	f := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+2:]))
	if len(f) < 13 {
		return u, errors.New("short /proc stat")
	}
	ut, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	u.CPU = time.Duration(ut+st) * time.Second / 100 // USER_HZ
	status, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return u, err
	}
	for line := range strings.SplitSeq(string(status), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			u.PeakRSS = kb << 10
		}
	}
	return u, nil
}

// Idle waits until process pid has used no CPU for quiet, and returns
// the time from start to its last use of CPU and its usage then. CPU is
// read in clock ticks (10 ms), so idle times are good to about that.
func Idle(pid int, start time.Time, quiet, timeout time.Duration) (time.Duration, Usage, error) {
	last, err := UsageOf(pid)
	if err != nil {
		return 0, last, err
	}
	lastAt := time.Since(start)
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		time.Sleep(2 * time.Millisecond)
		u, err := UsageOf(pid)
		if err != nil {
			return lastAt, last, err
		}
		now := time.Since(start)
		if u.CPU != last.CPU {
			lastAt = now
		}
		last = u
		if now-lastAt >= quiet {
			return lastAt, last, nil
		}
	}
	return lastAt, last, errors.New("still busy at the timeout")
}

// Settled is what Settle found: when the process settled, and the CPU
// it kept using afterwards.
type Settled struct {
	// At is the time from start to the end of the last window in which
	// the process was busy (or to the first look, when it was busy only
	// before), and CPU the CPU time it had used by then.
	At, CPU time.Duration
	// Usage is the process's usage when Settle returned.
	Usage Usage
	// Background is the CPU the process used per second once settled
	// (a program on a frame clock is never quite idle).
	Background time.Duration
	// Idle is what Idle reports: the last use of CPU before quiet with
	// none (in clock ticks); 0 when that did not come within the
	// tickQuiet Settle waits for it after settling.
	Idle time.Duration
}

// Settle waits until process pid has not been busy (more than busy CPU
// time in any window) for quiet, and reports when it last was. Idle asks
// for no CPU at all, which a program that wakes up on a clock (bubbletea
// draws on one at 120 frames a second, each wake-up costing tens of
// microseconds) never gives for long; Settle tells the end of the work
// from that background. CPU is read in nanoseconds from every thread's
// schedstat.
//
// It also waits, up to tickQuiet after settling, for quiet with no CPU
// clock tick at all, as Idle does, and reports that too.
func Settle(pid int, start time.Time, window, busy, quiet, tickQuiet, timeout time.Duration) (Settled, error) {
	type sample struct {
		at  time.Duration
		cpu time.Duration
	}
	var samples []sample
	var lastBusy, lastTick time.Duration
	var ticks time.Duration
	settled := time.Duration(-1)
	var out Settled
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		cpu, err := threadCPU(pid)
		if err != nil {
			return Settled{}, err
		}
		u, err := UsageOf(pid)
		if err != nil {
			return Settled{}, err
		}
		now := time.Since(start)
		if u.CPU != ticks {
			ticks, lastTick = u.CPU, now
		}
		if settled >= 0 {
			switch {
			case now-lastTick >= quiet:
				out.Idle, out.Usage = lastTick, u
				return out, nil
			case now-settled >= tickQuiet:
				return out, nil
			}
			time.Sleep(5 * time.Millisecond)
			continue
		}
		if len(samples) == 0 {
			lastBusy = now // busy before it was watched, for all Settle knows
		}
		samples = append(samples, sample{now, cpu})
		// The CPU used in the window ending now.
		i := len(samples) - 1
		for i > 0 && now-samples[i-1].at <= window {
			i--
		}
		if i > 0 {
			i--
		}
		if samples[len(samples)-1].cpu-samples[i].cpu > busy {
			lastBusy = now
		}
		if now-lastBusy >= quiet {
			var since sample
			for _, x := range samples {
				if x.at >= lastBusy {
					since = x
					break
				}
			}
			var bg time.Duration
			if now > since.at {
				bg = time.Duration(float64(cpu-since.cpu) / (now - since.at).Seconds())
			}
			out = Settled{At: lastBusy, CPU: since.cpu, Usage: u, Background: bg}
			settled = now
			if now-lastTick >= quiet {
				out.Idle = lastTick
				return out, nil
			}
		}
		if len(samples) > 4096 {
			samples = samples[len(samples)/2:]
		}
		time.Sleep(5 * time.Millisecond)
	}
	return Settled{}, errors.New("still busy at the timeout")
}

// threadCPU is the CPU time all of process pid's threads have run, from
// their schedstat (nanoseconds, unlike stat's clock ticks).
func threadCPU(pid int) (time.Duration, error) {
	dir := "/proc/" + strconv.Itoa(pid) + "/task"
	tasks, err := os.ReadDir(dir)
	if err != nil {
		return 0, err
	}
	var sum int64
	for _, t := range tasks {
		b, err := os.ReadFile(dir + "/" + t.Name() + "/schedstat")
		if err != nil {
			continue // the thread ended
		}
		f := strings.Fields(string(b))
		if len(f) > 0 {
			n, _ := strconv.ParseInt(f[0], 10, 64)
			sum += n
		}
	}
	return time.Duration(sum), nil
}

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

// answer answers each query in seen from offset from on (one cut between
// two reads does not match yet and is answered next time), after delay,
// and returns the offset to look from next time.
func answer(f *os.File, seen []byte, from int, delay time.Duration) int {
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

// Type sends keys to the program, as typed.
func (r *Run) Type(keys string) { _, _ = r.f.Write([]byte(keys)) }

// Pid is the program's process ID.
func (r *Run) Pid() int { return r.Cmd.Process.Pid }
