// Command ssh-load measures `brief serve` under load on loopback: it
// starts the server binary, holds N concurrent SSH sessions (real
// x/crypto/ssh clients with PTYs), in each opens an article and moves
// through its quotes, and reports the server's memory per session (RSS
// growth divided by N) and the keystroke-to-screen time (from writing a
// key to the first screen change it causes), p50 and p99, with the
// sessions' keystrokes spread as people type: each session starts at its
// own moment and pauses a jittered -pace between keys. Apart from that
// steady stream it times one synchronised burst, every session pressing a
// key in the same millisecond, the worst case of a crowd. While the
// sessions run it keeps opening fresh ones, to check that the server
// still serves newcomers.
//
//	go build -o /tmp/brief ./cmd/brief
//	go run ./scripts/ssh-load -bin /tmp/brief -n 100 -keys 20
//
// It is bounded in count (-n sessions, -keys keystrokes each) and in time
// (-timeout), and only ever connects to 127.0.0.1.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/brief-reader/brief/cmd/brief/server/sshtest"
)

func main() {
	bin := flag.String("bin", "", "path to the brief binary (required)")
	n := flag.Int("n", 100, "concurrent sessions")
	keys := flag.Int("keys", 20, "quote moves per session")
	users := flag.Int("users", 10, "distinct keys (users) among the sessions")
	pace := flag.Duration("pace", 100*time.Millisecond, "mean pause between a session's keystrokes (uniformly jittered ±50%)")
	timeout := flag.Duration("timeout", 3*time.Minute, "give up after this long")
	width := flag.Int("width", 120, "PTY width")
	height := flag.Int("height", 40, "PTY height")
	fps := flag.Int("fps", 0, "pass --fps to the server (0: its default)")
	probe := flag.Duration("probe", 500*time.Millisecond, "open a fresh session this often during the keystrokes (0: never)")
	flag.Parse()
	if *bin == "" {
		fmt.Fprintln(os.Stderr, "ssh-load: -bin is required")
		os.Exit(2)
	}
	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	if err := run(ctx, *bin, *n, *keys, *users, *pace, *probe, *width, *height, *fps); err != nil {
		fmt.Fprintln(os.Stderr, "ssh-load:", err)
		os.Exit(1)
	}
}

// run starts the server, loads it and prints the report.
func run(ctx context.Context, bin string, n, keys, users int, pace, probe time.Duration, w, h, fps int) error {
	dir, err := os.MkdirTemp("", "ssh-load")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	signers := make([]gossh.Signer, users)
	var lines []string
	for i := range signers {
		if signers[i], err = sshtest.NewKey(); err != nil {
			return err
		}
		lines = append(lines, sshtest.AuthorizedLine(signers[i].PublicKey()))
	}
	ak := filepath.Join(dir, "authorized_keys")
	if err := os.WriteFile(ak, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, bin, "serve", "--listen", "127.0.0.1:0", "--authorized-keys", ak,
		"--host-key", filepath.Join(dir, "host"), "--state", filepath.Join(dir, "state.db"),
		"--max-sessions", strconv.Itoa(n+20), "--rate-burst", "0", "--fps", strconv.Itoa(max(fps, 0)))
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	addr, err := listeningAddr(stderr)
	if err != nil {
		return err
	}
	if !strings.HasPrefix(addr, "127.0.0.1:") {
		return fmt.Errorf("server listens on %s, not loopback", addr)
	}
	pid := cmd.Process.Pid

	// Warm the server with one session so that one-time costs (glamour,
	// styles, code pages) do not count against the sessions.
	if err := warm(addr, signers[0], w, h); err != nil {
		return fmt.Errorf("warm-up session: %w", err)
	}
	rss0, err := rss(pid)
	if err != nil {
		return err
	}

	// Open every session and its article, then move through quotes in all
	// of them at once.
	clients := make([]*sshtest.Client, n)
	start := time.Now()
	var wg sync.WaitGroup
	errs := make(chan error, n)
	sem := make(chan struct{}, 16) // handshakes in flight
	for i := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			c, err := openArticle(addr, signers[i%users], w, h)
			if err != nil {
				errs <- fmt.Errorf("session %d: %w", i, err)
				return
			}
			clients[i] = c
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		return err
	}
	defer func() {
		for _, c := range clients {
			c.Close()
		}
	}()
	opened := time.Since(start)
	rss1, err := rss(pid)
	if err != nil {
		return err
	}

	idle0, _ := cpuTime(pid)
	time.Sleep(2 * time.Second)
	idle1, _ := cpuTime(pid)
	fmt.Printf("idle with %d sessions open: server CPU %.1f%% of one core\n", n, 100*(idle1-idle0).Seconds()/2)
	burst := pressAtOnce(clients)
	cpu0, _ := cpuTime(pid)
	keysStart := time.Now()
	var mu sync.Mutex
	var lat []time.Duration
	var failures int
	stop := make(chan struct{})
	newcomers := make(chan time.Duration, 64)
	if probe > 0 {
		go probeNewcomers(addr, signers[0], w, h, probe, stop, newcomers)
	} else {
		close(newcomers)
	}
	for _, c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// People do not press keys in step: each session starts at
			// its own moment within the first pause, so keys arrive as a
			// steady stream of about n/pace per second.
			time.Sleep(rand.N(pace))
			got, bad := moveThroughQuotes(ctx, c, keys, pace)
			mu.Lock()
			lat = append(lat, got...)
			failures += bad
			mu.Unlock()
		}()
	}
	wg.Wait()
	keysTook := time.Since(keysStart)
	cpu1, _ := cpuTime(pid)
	rss2, _ := rss(pid)
	close(stop)
	var probes []time.Duration
	for d := range newcomers {
		probes = append(probes, d)
	}

	slices.Sort(lat)
	fmt.Printf("sessions: %d (%d users), opened with their article in %s\n", n, users, opened.Round(time.Millisecond))
	fmt.Printf("server RSS: %.1f MB warm, %.1f MB with %d sessions open, %.1f MB after the keystrokes\n",
		mb(rss0), mb(rss1), n, mb(rss2))
	fmt.Printf("memory per session: %.2f MB (RSS growth / sessions; %.2f MB after the keystrokes)\n",
		mb(rss1-rss0)/float64(n), mb(max(rss1, rss2)-rss0)/float64(n))
	if len(lat) > 0 {
		fmt.Printf("keystroke to screen: n=%d p50=%s p90=%s p99=%s max=%s (failures: %d)\n", len(lat),
			pct(lat, 50), pct(lat, 90), pct(lat, 99), lat[len(lat)-1].Round(10*time.Microsecond), failures)
	}
	fmt.Printf("keystroke phase: %s, %.0f keys/s, server CPU %.0f%% of one core (%.2f ms CPU per keystroke)\n",
		keysTook.Round(time.Millisecond), float64(len(lat))/keysTook.Seconds(),
		100*(cpu1-cpu0).Seconds()/keysTook.Seconds(), float64((cpu1-cpu0).Microseconds())/1000/float64(max(1, len(lat))))
	if len(burst) > 0 {
		fmt.Printf("burst (every session pressing a key in the same millisecond): n=%d p50=%s max=%s\n",
			len(burst), pct(burst, 50), burst[len(burst)-1].Round(10*time.Microsecond))
	}
	if len(probes) > 0 {
		slices.Sort(probes)
		fmt.Printf("new sessions during the load: %d, connect to first screen p50=%s max=%s\n",
			len(probes), pct(probes, 50), probes[len(probes)-1].Round(time.Millisecond))
	} else if probe > 0 {
		fmt.Println("new sessions during the load: none succeeded")
	}
	return nil
}

// listeningAddr reads the server log until it names its address, then
// keeps draining the log in the background.
func listeningAddr(r interface{ Read([]byte) (int, error) }) (string, error) {
	re := regexp.MustCompile(`listening addr=(\S+)`)
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		if m := re.FindStringSubmatch(sc.Text()); m != nil {
			go func() {
				for sc.Scan() {
				}
			}()
			return m[1], nil
		}
	}
	return "", errors.New("the server exited before listening")
}

// warm opens one session with an article and closes it.
func warm(addr string, key gossh.Signer, w, h int) error {
	c, err := openArticle(addr, key, w, h)
	if err != nil {
		return err
	}
	return c.Close()
}

// openArticle connects, waits for the library, opens the second article
// (one with several quotes in the samples) and focuses the quotes panel.
func openArticle(addr string, key gossh.Signer, w, h int) (*sshtest.Client, error) {
	c, err := sshtest.Open(addr, key, sshtest.Options{Width: w, Height: h, Background: "rgb:1010/1010/1010"})
	if err != nil {
		return nil, err
	}
	steps := []struct{ keys, want string }{
		{"", "Kessel Bay"},
		{"j", ""},
		{"\r", "Quotes ("},
	}
	for _, s := range steps {
		if s.keys != "" {
			if err := c.Send(s.keys); err != nil {
				c.Close()
				return nil, err
			}
		}
		if s.want != "" {
			if scr, err := c.WaitText(30*time.Second, s.want); err != nil {
				c.Close()
				return nil, fmt.Errorf("waiting for %q: %w\n%s", s.want, err, scr)
			}
		}
	}
	before := c.Screen()
	if err := c.Send("2"); err != nil {
		c.Close()
		return nil, err
	}
	if _, err := c.WaitFor(30*time.Second, func(s string) bool { return s != before }); err != nil {
		c.Close()
		return nil, fmt.Errorf("focusing quotes: %w", err)
	}
	return c, nil
}

// pressAtOnce has every session press "j" in the same instant, then "k"
// to return, and returns the sorted times from the common instant to
// each session's screen change: the worst case of a synchronised crowd,
// reported apart from the steady stream.
func pressAtOnce(clients []*sshtest.Client) []time.Duration {
	var (
		mu  sync.Mutex
		lat []time.Duration
		wg  sync.WaitGroup
	)
	for _, key := range []string{"j", "k"} {
		start := make(chan time.Time)
		for _, c := range clients {
			wg.Add(1)
			go func() {
				defer wg.Done()
				before := c.Screen()
				t0 := <-start
				if c.Send(key) != nil {
					return
				}
				if _, err := c.WaitFor(10*time.Second, func(s string) bool { return s != before }); err == nil {
					mu.Lock()
					lat = append(lat, time.Since(t0))
					mu.Unlock()
				}
			}()
		}
		time.Sleep(50 * time.Millisecond) // every session is waiting
		t0 := time.Now()
		for range clients {
			start <- t0
		}
		wg.Wait()
		time.Sleep(time.Second)
	}
	slices.Sort(lat)
	return lat
}

// moveThroughQuotes alternates down and up in the quotes panel, timing
// each key to the first screen change.
func moveThroughQuotes(ctx context.Context, c *sshtest.Client, keys int, pace time.Duration) (lat []time.Duration, failures int) {
	for i := range keys {
		if ctx.Err() != nil {
			return lat, failures + keys - i
		}
		key := "j"
		if i%2 == 1 {
			key = "k"
		}
		before := c.Screen()
		t0 := time.Now()
		if err := c.Send(key); err != nil {
			return lat, failures + keys - i
		}
		if _, err := c.WaitFor(10*time.Second, func(s string) bool { return s != before }); err != nil {
			failures++
			continue
		}
		lat = append(lat, time.Since(t0))
		// Jitter, so keys do not arrive in step with the renderer's frames.
		time.Sleep(pace/2 + rand.N(pace))
	}
	return lat, failures
}

// probeNewcomers opens and closes a fresh session every so often until
// stop, sending how long each took to show the library.
func probeNewcomers(addr string, key gossh.Signer, w, h int, every time.Duration, stop <-chan struct{}, out chan<- time.Duration) {
	defer close(out)
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case <-stop:
			return
		case <-tick.C:
		}
		t0 := time.Now()
		c, err := sshtest.Open(addr, key, sshtest.Options{Width: w, Height: h})
		if err != nil {
			continue
		}
		if _, err := c.WaitText(30*time.Second, "Kessel Bay"); err == nil {
			out <- time.Since(t0)
		}
		c.Close()
	}
}

// rss returns the resident set size of process pid in bytes.
func rss(pid int) (int64, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, err := strconv.ParseInt(f[1], 10, 64)
			return kb * 1024, err
		}
	}
	return 0, errors.New("no VmRSS")
}

// cpuTime returns the user and system CPU time of process pid.
func cpuTime(pid int) (time.Duration, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	// Fields after the command name, which is in parentheses.
	f := strings.Fields(string(data[strings.LastIndexByte(string(data), ')')+1:]))
	if len(f) < 13 {
		return 0, errors.New("short /proc stat")
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err := errors.Join(err1, err2); err != nil {
		return 0, err
	}
	const ticks = 100 // USER_HZ on Linux
	return time.Duration(utime+stime) * time.Second / ticks, nil
}

// mb converts bytes to megabytes.
func mb(b int64) float64 { return float64(b) / (1 << 20) }

// pct returns the p-th percentile of sorted durations.
func pct(sorted []time.Duration, p int) time.Duration {
	i := min(len(sorted)-1, (len(sorted)*p+99)/100-1)
	return sorted[max(0, i)].Round(10 * time.Microsecond)
}
