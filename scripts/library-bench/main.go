// Command library-bench measures brief's daily library side by side with
// newsboat, on feeds served over loopback: a warm start, a restart with
// unchanged feeds, and the ingest of one large feed; and `brief extract`
// on one core and on all of them. Runs of the programs compared are
// interleaved, so a change in the machine's load affects each alike.
//
//	go build -o /tmp/brief ./cmd/brief
//	go run ./scripts/library-bench -brief /tmp/brief ingest warm restart extract
//
// Feeds come from ../shared/tools/gen_feeds.py (10,000 BBC articles as
// one 26 MB RSS feed, and as ten feeds of 1,000), written once to -data
// and served by this program on 127.0.0.1:-port, which counts the
// requests and bytes. "No network" is a feed URL on a port nobody
// listens on. newsboat runs with a fresh HOME, an empty config and its
// own cache; leave it out with -newsboat=false.
package main

import (
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/brief-reader/brief/scripts/internal/ptyrun"
)

var (
	briefBins = flag.String("brief", "/tmp/brief", "brief binaries to measure, comma-separated")
	withNB    = flag.Bool("newsboat", true, "measure newsboat side by side")
	runs      = flag.Int("runs", 5, "runs of each program")
	dataDir   = flag.String("data", "/tmp/brief-bench-feeds", "where the generated feeds are kept")
	port      = flag.Int("port", 18080, "loopback port the feeds are served on (it is in the items' links)")
	corpus    = flag.String("corpus", "../shared/corpus", "the shared corpus (for extract)")
	genFeeds  = flag.String("gen", "../shared/tools/gen_feeds.py", "the feed generator")
)

func main() {
	flag.Parse()
	if len(flag.Args()) == 0 {
		fmt.Fprintln(os.Stderr, "library-bench: name benchmarks: ingest warm restart extract")
		os.Exit(2)
	}
	must(prepareFeeds())
	srv := serve()
	defer srv.Close()
	for _, b := range flag.Args() {
		switch b {
		case "ingest":
			ingest(srv)
		case "warm":
			warm(srv)
		case "restart":
			restart(srv)
		case "extract":
			extract()
		default:
			fmt.Fprintln(os.Stderr, "library-bench: unknown benchmark", b)
			os.Exit(2)
		}
	}
}

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "library-bench:", err)
		os.Exit(1)
	}
}

// prepareFeeds writes the feeds once.
func prepareFeeds() error {
	if _, err := os.Stat(filepath.Join(*dataDir, "bbc-1k-part-10.xml")); err == nil {
		return nil
	}
	cmd := exec.Command("python3", *genFeeds, *dataDir, "--port", fmt.Sprint(*port), "--items", "10000", "--parts", "10")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	return cmd.Run()
}

// server serves the feeds and counts what it is asked and sends.
type server struct {
	ln       net.Listener
	requests atomic.Int64
	bytes    atomic.Int64 // sent and received on the wire
	mu       sync.Mutex
	last     time.Time // when the last response was written
}

func serve() *server {
	ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", *port))
	must(err)
	s := &server{ln: ln}
	files := http.FileServer(http.Dir(*dataDir))
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		files.ServeHTTP(w, r)
		s.requests.Add(1)
		s.mu.Lock()
		s.last = time.Now()
		s.mu.Unlock()
	})
	go http.Serve(countingListener{ln, s}, h)
	return s
}

func (s *server) Close() { s.ln.Close() }

// reset zeroes the counters.
func (s *server) reset() {
	s.requests.Store(0)
	s.bytes.Store(0)
	s.mu.Lock()
	s.last = time.Time{}
	s.mu.Unlock()
}

func (s *server) lastResponse() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.last
}

type countingListener struct {
	net.Listener
	s *server
}

func (l countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return countingConn{c, l.s}, nil
}

type countingConn struct {
	net.Conn
	s *server
}

func (c countingConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.s.bytes.Add(int64(n))
	return n, err
}

func (c countingConn) Write(p []byte) (int, error) {
	n, err := c.Conn.Write(p)
	c.s.bytes.Add(int64(n))
	return n, err
}

// feedURL is the address of a generated feed.
func feedURL(name string) string { return fmt.Sprintf("http://127.0.0.1:%d/%s", *port, name) }

// deadURL is a feed address with nobody listening: no network.
const deadURL = "http://127.0.0.1:9/bbc-10k.xml"

// parts are the ten feeds of 1,000 items.
func parts() []string {
	var out []string
	for i := 1; i <= 10; i++ {
		out = append(out, feedURL(fmt.Sprintf("bbc-1k-part-%d.xml", i)))
	}
	return out
}

// briefs are the brief binaries measured.
func briefs() []string { return strings.Split(*briefBins, ",") }

// temp makes a fresh folder.
func temp() string {
	d, err := os.MkdirTemp("", "brief-bench-")
	must(err)
	return d
}

// briefArgs runs brief on a state database with no config file.
func briefArgs(bin, dir string, urls ...string) []string {
	return append([]string{bin, "--state", filepath.Join(dir, "state.db"), "--config", filepath.Join(dir, "none.toml")}, urls...)
}

// quit asks a brief on a terminal to quit and waits for it, so the
// database is closed (and its WAL checkpointed) as a user leaves it.
func quit(r *ptyrun.Run) {
	done := make(chan struct{})
	go func() { _ = r.Cmd.Wait(); close(done) }()
	r.Type("q")
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		r.Stop()
	}
}

// settled is one run's usage once it settled (ptyrun.Settle).
type settled ptyrun.Settled

// settle waits until a program has settled: no 50 ms window with more
// than 5 ms of CPU (a tenth of a core) for a second. A bubbletea program
// wakes up on its 120-a-second frame clock and never uses no CPU for a
// whole second for long, so "idle" (no clock tick of CPU for a second)
// comes at random; it is still reported, as idle_ms, when it comes
// within 10 s of settling (-1 otherwise).
func settle(r *ptyrun.Run, timeout time.Duration) settled {
	st, err := ptyrun.Settle(r.Pid(), r.Start, 50*time.Millisecond, 5*time.Millisecond, time.Second, 10*time.Second, timeout)
	must(err)
	return settled(st)
}

// with adds the settled figures to x: settled_ms, cpu_ms (CPU used by
// then), peak_MiB, bg_ms/s (CPU per second afterwards) and idle_ms.
func (s settled) with(x row) row {
	x["settled_ms"] = ms(s.At)
	x["cpu_ms"] = ms(s.CPU)
	x["peak_MiB"] = mib(s.Usage.PeakRSS)
	x["bg_ms/s"] = ms(s.Background)
	x["idle_ms"] = -1
	if s.Idle > 0 {
		x["idle_ms"] = ms(s.Idle)
	}
	return x
}

// sizeOf adds up the sizes of the files matching pattern.
func sizeOf(pattern string) int64 {
	m, _ := filepath.Glob(pattern)
	var n int64
	for _, f := range m {
		if fi, err := os.Stat(f); err == nil {
			n += fi.Size()
		}
	}
	return n
}

// row is one run's figures.
type row map[string]float64

// report prints the median of each figure of each program.
func report(title string, order []string, rows map[string][]row, keys ...string) {
	fmt.Printf("\n== %s (median of %d runs; min in brackets)\n", title, *runs)
	for _, prog := range order {
		fmt.Printf("%-40s", prog)
		for _, k := range keys {
			var v []float64
			for _, r := range rows[prog] {
				if x, ok := r[k]; ok {
					v = append(v, x)
				}
			}
			if len(v) == 0 {
				continue
			}
			slices.Sort(v)
			fmt.Printf("  %s %s [%s]", k, num(v[len(v)/2]), num(v[0]))
		}
		fmt.Println()
	}
}

func num(x float64) string {
	if x >= 100 {
		return fmt.Sprintf("%.0f", x)
	}
	return fmt.Sprintf("%.1f", x)
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func mib(n int64) float64 { return float64(n) / (1 << 20) }

// newsboatDirs makes a HOME with an empty config and a urls file.
func newsboatDirs(urls ...string) (dir string, args []string) {
	dir = temp()
	must(os.WriteFile(filepath.Join(dir, "urls"), []byte(strings.Join(urls, "\n")+"\n"), 0o644))
	must(os.WriteFile(filepath.Join(dir, "config"), nil, 0o644))
	return dir, []string{"newsboat", "-u", filepath.Join(dir, "urls"), "-c", filepath.Join(dir, "cache.db"), "-C", filepath.Join(dir, "config")}
}

// runNewsboat runs newsboat without a terminal (newsboat -x reload) and
// returns its wall time and usage.
func runNewsboat(dir string, args []string) (time.Duration, ptyrun.Usage, error) {
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	out, _ := os.Create(filepath.Join(dir, "out.log"))
	defer out.Close()
	cmd.Stdout, cmd.Stderr = out, out
	start := time.Now()
	err := cmd.Run()
	d := time.Since(start)
	var u ptyrun.Usage
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		u.PeakRSS = ru.Maxrss << 10
		u.CPU = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	return d, u, err
}

// copyFiles copies the files matching pattern into dir.
func copyFiles(pattern, dir string) {
	m, _ := filepath.Glob(pattern)
	for _, f := range m {
		in, err := os.Open(f)
		must(err)
		out, err := os.Create(filepath.Join(dir, filepath.Base(f)))
		must(err)
		_, err = io.Copy(out, in)
		must(err)
		in.Close()
		out.Close()
	}
}
