package main

import (
	"context"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"charm.land/log/v2"
	gossh "golang.org/x/crypto/ssh"

	"github.com/brief-reader/brief/cmd/brief/server"
	"github.com/brief-reader/brief/cmd/brief/server/sshtest"
	"github.com/brief-reader/brief/model/source"
	"github.com/brief-reader/brief/model/store"
	"github.com/brief-reader/brief/model/store/sqlite"
)

// serveWait bounds every wait for the screen in these tests.
const serveWait = 20 * time.Second

// startServe runs `brief serve`'s server with the real reader over the
// sample library on 127.0.0.1:0 and returns its address and client key.
func startServe(tb testing.TB, edit func(*server.Options)) (addr string, key gossh.Signer, st *store.Store) {
	tb.Helper()
	return startServeLibrary(tb, nil, edit)
}

// startServeLibrary is startServe over the articles at origins.
func startServeLibrary(tb testing.TB, origins []string, edit func(*server.Options)) (addr string, key gossh.Signer, st *store.Store) {
	tb.Helper()
	dir := tb.TempDir()
	logger := log.New(io.Discard)
	lib, err := loadLibrary(context.Background(), origins, &source.Fetcher{}, logger)
	if err != nil {
		tb.Fatal(err)
	}
	if st, err = sqlite.OpenStore(filepath.Join(dir, "state.db")); err != nil {
		tb.Fatal(err)
	}
	if key, err = sshtest.NewKey(); err != nil {
		tb.Fatal(err)
	}
	ak := filepath.Join(dir, "authorized_keys")
	if err := os.WriteFile(ak, []byte(sshtest.AuthorizedLine(key.PublicKey())+"\n"), 0o600); err != nil {
		tb.Fatal(err)
	}
	opts := server.Options{
		Listen:         "127.0.0.1:0",
		HostKeyPath:    filepath.Join(dir, "host"),
		AuthorizedKeys: ak,
		Logger:         logger,
		NewModel:       lib.sessionModel(st, &storeFlags{review: reviewPerUser}, logger),
	}
	if edit != nil {
		edit(&opts)
	}
	srv, err := server.New(opts)
	if err != nil {
		tb.Fatal(err)
	}
	a, err := srv.Listen()
	if err != nil {
		tb.Fatal(err)
	}
	go srv.Serve()
	tb.Cleanup(func() { srv.Close(); st.Close() })
	return a.String(), key, st
}

// openQuotes opens the Kessel Bay sample article (several quotes) in a
// new session and focuses its quotes panel.
func openQuotes(tb testing.TB, addr string, key gossh.Signer, w, h int) *sshtest.Client {
	tb.Helper()
	c, err := sshtest.Open(addr, key, sshtest.Options{Width: w, Height: h, Background: "rgb:1010/1010/1010"})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { c.Close() })
	// Wait for the whole sample library: articles stream in and re-sort,
	// so keys sent earlier could land on another row.
	if scr, err := c.WaitFor(serveWait, func(s string) bool {
		return strings.Contains(s, "5 articles") && strings.Contains(s, "Kessel Bay")
	}); err != nil {
		tb.Fatalf("library: %v\n%s", err, scr)
	}
	// Open it through the filter: the rows can still re-sort as the
	// user's state arrives, so a row number is not a stable address.
	for _, k := range []string{"/", "k", "e", "s", "s", "e", "l", "\r", "\r"} {
		if err := c.Send(k); err != nil {
			tb.Fatal(err)
		}
	}
	if scr, err := c.WaitText(serveWait, "Quotes ("); err != nil {
		tb.Fatalf("reader: %v\n%s", err, scr)
	}
	before := c.Screen()
	if err := c.Send("2"); err != nil {
		tb.Fatal(err)
	}
	if scr, err := c.WaitFor(serveWait, func(s string) bool { return s != before }); err != nil {
		tb.Fatalf("quotes focus: %v\n%s", err, scr)
	}
	return c
}

func TestServeRunsTheReader(t *testing.T) {
	addr, key, _ := startServe(t, nil)
	c := openQuotes(t, addr, key, 120, 40)
	scr := c.Screen()
	for _, want := range []string{"Key points", "Quotes (", "Phases", "Northshore Courier"} {
		if !strings.Contains(scr, want) {
			t.Errorf("reader screen lacks %q:\n%s", want, scr)
		}
	}
	// Moving through the quotes redraws the panel.
	before := c.Screen()
	if err := c.Send("j"); err != nil {
		t.Fatal(err)
	}
	if scr, err := c.WaitFor(serveWait, func(s string) bool { return s != before }); err != nil {
		t.Fatalf("j in quotes: %v\n%s", err, scr)
	}
	// A narrow client gets the narrow layout (one panel and a tab bar).
	if err := c.Resize(70, 24); err != nil {
		t.Fatal(err)
	}
	if scr, err := c.WaitFor(serveWait, func(s string) bool {
		return !strings.Contains(s, "Phases (") || !strings.Contains(s, "Key points (")
	}); err != nil {
		t.Fatalf("narrow layout: %v\n%s", err, scr)
	}
	if err := c.Send("q"); err != nil {
		t.Fatal(err)
	}
	if err := c.Wait(serveWait); err != nil {
		t.Errorf("quit: %v", err)
	}
}

// TestServePerUserState stars an article in one session and checks that a
// second session of the same key sees the star, in the store under the
// key's fingerprint, while the local user's state stays untouched.
func TestServePerUserState(t *testing.T) {
	addr, key, st := startServe(t, nil)
	c := openQuotes(t, addr, key, 120, 40)
	before := c.Screen()
	if err := c.Send("s"); err != nil {
		t.Fatal(err)
	}
	if scr, err := c.WaitFor(serveWait, func(s string) bool { return s != before }); err != nil {
		t.Fatalf("star: %v\n%s", err, scr)
	}
	user := st.User(server.Fingerprint(key.PublicKey()))
	var starred []string
	deadline := time.Now().Add(serveWait)
	for len(starred) == 0 && time.Now().Before(deadline) {
		states, err := user.States(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for id, s := range states {
			if s.Starred {
				starred = append(starred, id)
			}
		}
		if len(starred) == 0 {
			time.Sleep(20 * time.Millisecond) // polling the database, not asserting time
		}
	}
	if len(starred) != 1 {
		t.Fatalf("want one starred article for the key's user, got %v", starred)
	}
	local, err := st.User(store.LocalUser).States(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for id, s := range local {
		if s.Starred {
			t.Errorf("the local user's state changed: %s starred", id)
		}
	}
	// A second session of the same key shows the star in its library.
	c2, err := sshtest.Open(addr, key, sshtest.Options{Width: 120, Height: 40, Background: "rgb:1010/1010/1010"})
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close()
	if scr, err := c2.WaitText(serveWait, "Starred 1"); err != nil {
		t.Fatalf("second session does not show the star: %v\n%s", err, scr)
	}
}

// TestServeUndoIsPerSession is issue 12 item 10 over SSH: one session of
// a key stars an article; u in a second session of the same key must not
// take the star away while the first still shows it.
func TestServeUndoIsPerSession(t *testing.T) {
	addr, key, st := startServe(t, nil)
	c := openQuotes(t, addr, key, 120, 40)
	before := c.Screen()
	if err := c.Send("s"); err != nil {
		t.Fatal(err)
	}
	if scr, err := c.WaitFor(serveWait, func(s string) bool { return s != before }); err != nil {
		t.Fatalf("star: %v\n%s", err, scr)
	}
	c2, err := sshtest.Open(addr, key, sshtest.Options{Width: 120, Height: 40, Background: "rgb:1010/1010/1010"})
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close()
	if scr, err := c2.WaitText(serveWait, "Starred 1"); err != nil {
		t.Fatalf("second session does not show the star: %v\n%s", err, scr)
	}
	if err := c2.Send("u"); err != nil {
		t.Fatal(err)
	}
	if scr, err := c2.WaitText(serveWait, "nothing to undo"); err != nil {
		t.Fatalf("u in the second session: %v\n%s", err, scr)
	}
	states, err := st.User(server.Fingerprint(key.PublicKey())).States(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	starred := 0
	for _, s := range states {
		if s.Starred {
			starred++
		}
	}
	if starred != 1 {
		t.Errorf("after u in the second session %d articles are starred, want the first session's 1", starred)
	}
}

// BenchmarkServeKeystroke holds a fixed number of sessions (100 by default, BRIEF_SSH_SESSIONS overrides) open on one
// article each and moves through quotes in all of them at once, reporting
// the keystroke-to-screen time (p50, p99) and the Go heap per session.
// Clients and server share the process here; scripts/ssh-load measures
// the server binary alone.
func BenchmarkServeKeystroke(b *testing.B) {
	n := 100
	if v := os.Getenv("BRIEF_SSH_SESSIONS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil {
			b.Fatal(err)
		}
	}
	addr, key, _ := startServe(b, func(o *server.Options) {
		o.MaxSessions = n + 10
		o.RateLimit = server.RateLimit{Burst: -1}
	})
	openQuotes(b, addr, key, 120, 40).Close() // warm up
	heap0 := heapInUse()
	clients := make([]*sshtest.Client, n)
	var wg sync.WaitGroup
	sem := make(chan struct{}, 16)
	for i := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			clients[i] = openQuotes(b, addr, key, 120, 40)
		}()
	}
	wg.Wait()
	heap1 := heapInUse()

	b.ResetTimer()
	var mu sync.Mutex
	var lat []time.Duration
	per := max(1, b.N/n)
	for _, c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range per {
				key := "j"
				if i%2 == 1 {
					key = "k"
				}
				before := c.Screen()
				t0 := time.Now()
				if err := c.Send(key); err != nil {
					b.Error(err)
					return
				}
				if _, err := c.WaitFor(serveWait, func(s string) bool { return s != before }); err != nil {
					b.Errorf("keystroke: %v", err)
					return
				}
				d := time.Since(t0)
				mu.Lock()
				lat = append(lat, d)
				mu.Unlock()
				time.Sleep(50*time.Millisecond + rand.N(100*time.Millisecond))
			}
		}()
	}
	wg.Wait()
	b.StopTimer()
	slices.Sort(lat)
	if len(lat) > 0 {
		b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
		b.ReportMetric(float64(lat[min(len(lat)-1, len(lat)*99/100)].Microseconds())/1000, "p99-ms")
	}
	b.ReportMetric(float64(heap1-heap0)/float64(n)/(1<<20), "heap-MB/session")
}

// heapInUse returns the Go heap in use after a collection.
func heapInUse() int64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return int64(ms.HeapInuse)
}
