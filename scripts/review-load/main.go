// Command review-load measures a team quote review on PostgreSQL: it
// starts two `brief serve --review shared` processes on one database (a
// fresh schema of the server -pg names, dropped at the end), opens -n SSH
// sessions against each (loopback only), and has half of each server's
// sessions mark quotes at a steady pace while the other half watch. It
// reports:
//
//   - marks per second the two servers held (committed, counted in the
//     audit log) against those offered;
//
//   - the time for a mark to appear, without a key press, in a session of
//     the other server and in a session of the same one (p50, p99): one
//     probe session toggles a quote no one else touches, every watcher
//     shows only that quote, and the time runs from the key to the
//     watcher's screen change;
//
//   - the servers' memory per session (RSS growth over the sessions);
//
//   - that every mark is in the database afterwards: each reviewer's
//     audit lines equal the marks they made, and the marks table equals
//     a replay of the audit log (none lost, none doubled).
//
//     go build -o /tmp/brief ./cmd/brief
//     eval "$(bash scripts/pg-throwaway.sh start)"
//     go run ./scripts/review-load -bin /tmp/brief -n 50
//
// It is bounded in count (-n, -probes) and time (-duration, -timeout).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/brief-reader/brief/cmd/brief/server/sshtest"
)

func main() {
	bin := flag.String("bin", "", "path to the brief binary (required)")
	pg := flag.String("pg", os.Getenv("BRIEF_PG"), "PostgreSQL server URL (default $BRIEF_PG)")
	n := flag.Int("n", 50, "SSH sessions per server")
	rate := flag.Float64("rate", 4, "marks per second each marking session makes")
	aligned := flag.Bool("aligned", false, "every marking session presses x at the same instant (a burst per period) instead of at its own phase")
	duration := flag.Duration("duration", 30*time.Second, "how long the sessions mark")
	probes := flag.Int("probes", 40, "probe marks timed (spread over -duration)")
	timeout := flag.Duration("timeout", 5*time.Minute, "give up after this long")
	flag.Parse()
	if *bin == "" || *pg == "" {
		fmt.Fprintln(os.Stderr, "review-load: -bin and -pg (or BRIEF_PG) are required")
		os.Exit(2)
	}
	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	if err := run(ctx, *bin, *pg, *n, *rate, *aligned, *duration, *probes); err != nil {
		fmt.Fprintln(os.Stderr, "review-load:", err)
		os.Exit(1)
	}
}

// Sizes of the sessions' terminals.
const width, height = 100, 30

// quotesPer is the number of quotes of each marker's own article.
const quotesPer = 8

// role of one session.
type role int

const (
	marker  role = iota // marks the quotes of its own article
	watcher             // shows the probe quote
	prober              // toggles the probe quote
)

// session is one SSH session of the load.
type session struct {
	server int
	name   string // the key's comment: the reviewer
	token  string // a marker's filter word
	role   role
	key    gossh.Signer
	c      *sshtest.Client
	marks  int64 // marks made (x pressed)
}

// run sets everything up, runs the load and prints the report.
func run(ctx context.Context, bin, pg string, n int, rate float64, aligned bool, duration time.Duration, probes int) (err error) {
	dir, err := os.MkdirTemp("", "review-load")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	dbURL, drop, err := freshSchema(ctx, pg)
	if err != nil {
		return err
	}
	defer drop()

	// The sessions: per server, the first half mark (on server 0 the
	// first of them is the prober), the rest watch.
	var sessions []*session
	var lines []string
	for s := range 2 {
		for i := range n {
			ss := &session{server: s, name: fmt.Sprintf("s%d-%02d", s, i), role: watcher}
			switch {
			case s == 0 && i == 0:
				ss.role = prober
			case i < n/2:
				ss.role, ss.token = marker, fmt.Sprintf("mk%d%02d", s, i)
			}
			if ss.key, err = sshtest.NewKey(); err != nil {
				return err
			}
			lines = append(lines, sshtest.AuthorizedLine(ss.key.PublicKey())+" "+ss.name)
			sessions = append(sessions, ss)
		}
	}
	ak := filepath.Join(dir, "authorized_keys")
	if err := os.WriteFile(ak, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		return err
	}
	lib := filepath.Join(dir, "library")
	if err := writeLibrary(lib, sessions); err != nil {
		return err
	}

	var addrs [2]string
	var pids [2]int
	var logs [2]*serverLog
	defer func() {
		if err != nil {
			for s, l := range logs {
				if l != nil {
					fmt.Fprintf(os.Stderr, "server %d log, warnings and errors:\n%s\n", s, l.grep("WARN", "ERRO"))
				}
			}
		}
	}()
	for s := range 2 {
		cmd := exec.CommandContext(ctx, bin, "serve", "--listen", "127.0.0.1:0", "--authorized-keys", ak,
			"--host-key", filepath.Join(dir, fmt.Sprintf("host%d", s)), "--store", dbURL, "--review", "shared",
			"--library", lib, "--max-sessions", strconv.Itoa(n+10), "--rate-burst", "0", "--idle-timeout", "0")
		cmd.Env = append(os.Environ(), "XDG_CONFIG_HOME="+dir, "XDG_STATE_HOME="+dir, "XDG_DATA_HOME="+dir)
		stderr, err := cmd.StderrPipe()
		if err != nil {
			return err
		}
		if err := cmd.Start(); err != nil {
			return err
		}
		defer func() { _ = cmd.Process.Signal(os.Interrupt); _ = cmd.Wait() }()
		logs[s] = &serverLog{}
		if addrs[s], err = listeningAddr(stderr, logs[s]); err != nil {
			return err
		}
		if !strings.HasPrefix(addrs[s], "127.0.0.1:") {
			return fmt.Errorf("server listens on %s, not loopback", addrs[s])
		}
		pids[s] = cmd.Process.Pid
	}

	// Warm each server with one session, then take its memory.
	var rss0 [2]int64
	for s := range 2 {
		c, err := open(addrs[s], sessions[s*n+n-1].key)
		if err != nil {
			return fmt.Errorf("warm-up session: %w", err)
		}
		_ = c.Close()
		time.Sleep(300 * time.Millisecond) // let the closed session go
		if rss0[s], err = rss(pids[s]); err != nil {
			return err
		}
	}

	// Open every session on its Quotes screen, filtered to its quotes.
	start := time.Now()
	var wg sync.WaitGroup
	errs := make(chan error, len(sessions))
	sem := make(chan struct{}, 8)
	for _, ss := range sessions {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			if err := ss.prepare(addrs[ss.server]); err != nil {
				errs <- fmt.Errorf("%s: %w", ss.name, err)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		return err
	}
	defer func() {
		for _, ss := range sessions {
			_ = ss.c.Close()
		}
	}()
	fmt.Printf("%d sessions on 2 servers ready in %v\n", len(sessions), time.Since(start).Round(time.Millisecond))
	fmt.Printf("marking: %g marks/s per marking session, %s; load average %s\n", rate,
		map[bool]string{true: "all in step (-aligned)", false: "each at its own phase"}[aligned], loadAvg())
	var rss1 [2]int64
	for s := range 2 {
		if rss1[s], err = rss(pids[s]); err != nil {
			return err
		}
	}

	// Mark, and meanwhile time the probe marks.
	stop := make(chan struct{})
	var markers sync.WaitGroup
	period := time.Duration(float64(time.Second) / rate)
	var nth int
	for _, ss := range sessions {
		if ss.role == marker {
			// Reviewers do not press keys in step: each starts at its
			// own phase of the period, spread evenly, unless -aligned.
			phase := time.Duration(0)
			if !aligned {
				phase = period * time.Duration(nth) / time.Duration(len(sessions)/2)
			}
			nth++
			markers.Go(func() { ss.mark(period, phase, stop) })
		}
	}
	markStart := time.Now()
	cpu0, machine0, pg0 := cpuOf(pids), machineCPU(), commandCPU("postgres")
	self0 := selfCPU()
	cross, same, err := probe(sessions, probes, duration)
	close(stop)
	markers.Wait()
	markTime := time.Since(markStart)
	cpu1, machine1, pg1 := cpuOf(pids), machineCPU(), commandCPU("postgres")
	self1 := selfCPU()
	var rss2 [2]int64
	for s := range 2 {
		rss2[s], _ = rss(pids[s])
	}

	// Let the sessions' queued writes land (a session writes one at a
	// time, in key order), then check the database.
	made := map[string]int64{}
	var total int64
	for _, ss := range sessions {
		made[ss.name] = ss.marks
		total += ss.marks
	}
	drained, err := drain(ctx, dbURL, total)
	if err != nil {
		return err
	}
	check, err := checkDatabase(ctx, dbURL, made)
	if err != nil {
		return err
	}
	if drained > 0 {
		fmt.Printf("the last queued marks landed %v after the keys stopped\n", drained.Round(time.Millisecond))
	}

	fmt.Printf("marks made: %d by %d marking sessions in %v (%.0f/s offered); committed at %.0f/s (%d in %v)\n",
		total, len(sessions)/2-1, markTime.Round(time.Millisecond), float64(total)/markTime.Seconds(),
		float64(check.lines)/(markTime+drained).Seconds(), check.lines, (markTime + drained).Round(time.Millisecond))
	fmt.Printf("a mark seen in a session of the other server: p50 %v, p99 %v, max %v (%d samples)\n",
		pct(cross, 50), pct(cross, 99), pct(cross, 100), len(cross))
	fmt.Printf("a mark seen in a session of the same server:  p50 %v, p99 %v, max %v (%d samples)\n",
		pct(same, 50), pct(same, 99), pct(same, 100), len(same))
	if err != nil {
		return err
	}
	for s := range 2 {
		fmt.Printf("server %d memory: %.1f MiB warm, %.1f MiB with %d sessions, %.1f MiB after marking: %.2f MiB per session\n",
			s, mb(rss0[s]), mb(rss1[s]), n, mb(rss2[s]), mb(max(rss1[s], rss2[s])-rss0[s])/float64(n))
	}
	fmt.Printf("load average after marking: %s\n", loadAvg())
	secs := markTime.Seconds()
	fmt.Printf("CPU while marking (cores busy): server 0 %.2f, server 1 %.2f, PostgreSQL %.2f, this load client %.2f, whole machine %.2f of %d\n",
		(cpu1[0]-cpu0[0])/secs, (cpu1[1]-cpu0[1])/secs, (pg1-pg0)/secs, (self1-self0)/secs, (machine1.busy-machine0.busy)/secs, machine1.cores)
	fmt.Printf("database: %d audit lines, %d marks; every reviewer's lines match the marks they made: %v; marks table matches the audit replay: %v\n",
		check.lines, check.marks, check.perReviewer, check.replay)
	if !check.perReviewer || !check.replay || check.lines != total {
		return fmt.Errorf("marks lost or doubled: %d made, %d in the audit log (%s)", total, check.lines, check.detail)
	}
	return nil
}

// prepare opens the session's Quotes screen, filtered to the quotes it
// marks or watches.
func (ss *session) prepare(addr string) error {
	c, err := open(addr, ss.key)
	if err != nil {
		return err
	}
	ss.c = c
	if err := c.Send("Q"); err != nil {
		return err
	}
	// The filter key works once the index is built ("N quotes · ...").
	built := regexp.MustCompile(`quotes · \d+ quotes ·`)
	if _, err := c.WaitFor(60*time.Second, built.MatchString); err != nil {
		return fmt.Errorf("Quotes screen: %w", err)
	}
	word := ss.token
	if ss.role != marker {
		word = "zebra"
	}
	// Open the filter, and type only once it is open.
	if _, err := c.WaitFor(60*time.Second, func(s string) bool {
		if strings.Contains(s, "filter by speaker") {
			return true
		}
		_ = c.Send("/")
		time.Sleep(100 * time.Millisecond) // the key again, until the filter opens
		return false
	}); err != nil {
		return fmt.Errorf("opening the filter: %w", err)
	}
	if err := c.Send(word + "\r"); err != nil {
		return err
	}
	want := "of"
	if _, err := c.WaitFor(60*time.Second, func(s string) bool {
		return strings.Contains(s, want) && strings.Contains(s, word)
	}); err != nil {
		return fmt.Errorf("filter %q: %w", word, err)
	}
	return nil
}

// mark presses x (and j, to the next quote) every period, the first
// after phase, until stop, counting the marks.
func (ss *session) mark(period, phase time.Duration, stop <-chan struct{}) {
	select {
	case <-stop:
		return
	case <-time.After(phase):
	}
	tick := time.NewTicker(period)
	defer tick.Stop()
	for {
		select {
		case <-stop:
			return
		case <-tick.C:
		}
		if err := ss.c.Send("x"); err != nil {
			return
		}
		atomic.AddInt64(&ss.marks, 1)
		if atomic.LoadInt64(&ss.marks)%quotesPer == 0 {
			_ = ss.c.Send("g") // back to the first of its quotes
		} else {
			_ = ss.c.Send("j")
		}
	}
}

// probe toggles the probe quote probes times over duration and times
// how long each watcher takes to show it.
func probe(sessions []*session, probes int, duration time.Duration) (cross, same []time.Duration, err error) {
	var p *session
	var watchers []*session
	for _, ss := range sessions {
		switch ss.role {
		case prober:
			p = ss
		case watcher:
			watchers = append(watchers, ss)
		}
	}
	gap := duration / time.Duration(probes)
	on := false
	for i := range probes {
		time.Sleep(gap / 2)
		on = !on
		shows := func(s string) bool { return strings.Contains(s, "✓ “The zebra") == on }
		var mu sync.Mutex
		var wg sync.WaitGroup
		t0 := time.Now()
		if err := p.c.Send("x"); err != nil {
			return nil, nil, err
		}
		p.marks++
		for _, w := range watchers {
			wg.Go(func() {
				if _, err := w.c.WaitFor(10*time.Second, shows); err != nil {
					return // counted below as missing
				}
				d := time.Since(t0)
				mu.Lock()
				defer mu.Unlock()
				if w.server == p.server {
					same = append(same, d)
				} else {
					cross = append(cross, d)
				}
			})
		}
		wg.Wait()
		if want := (i + 1) * len(watchers); len(cross)+len(same) != want {
			return cross, same, fmt.Errorf("probe %d: %d of %d watchers saw it within 10 s", i, len(cross)+len(same)-i*len(watchers), len(watchers))
		}
		time.Sleep(gap / 2)
	}
	slices.Sort(cross)
	slices.Sort(same)
	return cross, same, nil
}
