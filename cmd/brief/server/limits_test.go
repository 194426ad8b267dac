package server

import (
	"context"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/brief-reader/brief/cmd/brief/server/sshtest"
)

func TestMaxSessionsFullMessage(t *testing.T) {
	h := start(t, func(o *Options) { o.MaxSessions = 2 })
	h.open(t, h.key, sshtest.Options{})
	h.open(t, h.other, sshtest.Options{})
	c, err := sshtest.Open(h.addr, h.key, sshtest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Wait(wait); err == nil {
		t.Error("third session exited cleanly, want a failure status")
	}
	want := fmt.Sprintf(msgFull, 2, 2)
	if out := c.Output(); !strings.Contains(out, want) {
		t.Errorf("output %q, want %q", out, want)
	}
	if n := h.srv.Sessions(); n != 2 {
		t.Errorf("Sessions() = %d, want 2", n)
	}
	waitLog(t, h, "refused", "reason=full")
}

func TestIdleSessionClosedWithNotice(t *testing.T) {
	h := start(t, func(o *Options) { o.IdleTimeout = 300 * time.Millisecond })
	c := h.open(t, h.key, sshtest.Options{})
	expect(t, c, "without input")
	if err := c.Wait(wait); err != nil {
		t.Errorf("idle session ended with %v, want a clean exit", err)
	}
	if out := c.Output(); !strings.Contains(out, "closing this session after 300ms without input") {
		t.Errorf("no idle notice left in the terminal: %q", out)
	}
	waitLog(t, h, "idle timeout", Fingerprint(h.key.PublicKey()))
}

func TestInputKeepsSessionAlive(t *testing.T) {
	h := start(t, func(o *Options) { o.IdleTimeout = time.Second })
	c := h.open(t, h.key, sshtest.Options{})
	// A key every 200 ms for three seconds keeps the session open well
	// past the one-second timeout.
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	for range 15 {
		<-tick.C
		if err := c.Send("j"); err != nil {
			t.Fatal(err)
		}
	}
	expect(t, c, "count=15")
	if strings.Contains(c.Output(), "without input") {
		t.Error("session closed for idleness while typing")
	}
}

func TestRateLimitPerAddress(t *testing.T) {
	h := start(t, func(o *Options) { o.RateLimit = RateLimit{Burst: 3, Every: time.Hour} })
	for i := range 3 {
		conn, err := sshtest.Dial(h.addr, "alice", nil, gossh.PublicKeys(h.key))
		if err != nil {
			t.Fatalf("connection %d within the burst: %v", i+1, err)
		}
		conn.Close()
	}
	if _, err := sshtest.Dial(h.addr, "alice", nil, gossh.PublicKeys(h.key)); err == nil {
		t.Error("connection beyond the burst accepted")
	}
	waitLog(t, h, "rate limited", "127.0.0.1")
}

func TestRateLimiterRefills(t *testing.T) {
	r := newRateLimiter(RateLimit{Burst: 2, Every: time.Second})
	now := time.Unix(1000, 0)
	r.now = func() time.Time { return now }
	a := &net.TCPAddr{IP: net.IPv4(10, 0, 0, 1), Port: 1}
	b := &net.TCPAddr{IP: net.IPv4(10, 0, 0, 2), Port: 1}
	got := []bool{r.allow(a), r.allow(&net.TCPAddr{IP: a.IP, Port: 2}), r.allow(a), r.allow(b)}
	if fmt.Sprint(got) != "[true true false true]" {
		t.Errorf("burst: %v, want [true true false true] (ports share their IP's bucket)", got)
	}
	now = now.Add(1500 * time.Millisecond)
	if !r.allow(a) || r.allow(a) {
		t.Error("after 1.5 s, want exactly one new token")
	}
	if newRateLimiter(RateLimit{Burst: -1}).allow(a) != true {
		t.Error("disabled limiter refused")
	}
}

func TestShutdownDrainsSessionsAndKeepsState(t *testing.T) {
	h := start(t, func(o *Options) { o.DrainGrace = 300 * time.Millisecond })
	c := h.open(t, h.key, sshtest.Options{})
	c2 := h.open(t, h.other, sshtest.Options{})
	if err := c.Send("s"); err != nil {
		t.Fatal(err)
	}
	expect(t, c, "starred=true")

	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- h.srv.Shutdown(ctx) }()

	for _, cl := range []*sshtest.Client{c, c2} {
		expect(t, cl, "shutting down")
	}
	// Input is frozen once the notice shows: this star must not land.
	if err := c2.Send("s"); err != nil {
		t.Fatal(err)
	}
	for _, cl := range []*sshtest.Client{c, c2} {
		if err := cl.Wait(wait); err != nil {
			t.Errorf("session ended with %v, want a clean exit", err)
		}
		if out := cl.Output(); !strings.Contains(out, noticeShutdown) {
			t.Errorf("notice not left in the terminal: %q", out)
		}
	}
	if err := <-done; err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
	if _, err := sshtest.Dial(h.addr, "alice", nil, gossh.PublicKeys(h.key)); err == nil {
		t.Error("new connection accepted after shutdown")
	}
	st, err := h.st.User(Fingerprint(h.key.PublicKey())).State(context.Background(), testArticle)
	if err != nil || !st.Starred {
		t.Errorf("state after drain: %+v, %v; want the star kept", st, err)
	}
	st, err = h.st.User(Fingerprint(h.other.PublicKey())).State(context.Background(), testArticle)
	if err != nil || st.Starred {
		t.Errorf("state of the frozen session: %+v, %v; want no star", st, err)
	}
	waitLog(t, h, "drained")
}

func TestEveryConnectionLogged(t *testing.T) {
	h := start(t, nil)
	c := h.open(t, h.key, sshtest.Options{})
	fp := Fingerprint(h.key.PublicKey())
	if err := c.Send("q"); err != nil {
		t.Fatal(err)
	}
	if err := c.Wait(wait); err != nil {
		t.Fatal(err)
	}
	c.Close()
	waitLog(t, h, "connect", "remote=127.0.0.1:")
	waitLog(t, h, "session start", "fingerprint="+fp, "term=xterm-256color", "size=80x24")
	waitLog(t, h, "session end", "fingerprint="+fp)
	waitLog(t, h, "disconnect", "fingerprint="+fp, "duration=")
	// Times are logged in RFC 3339.
	if first := strings.SplitN(h.log.String(), " ", 2)[0]; !strings.Contains(first, "T") {
		t.Errorf("log line without a timestamp: %q", first)
	}
}

// TestChannelLessConnectionCountedAndClosed: a client that authenticates
// and opens no channel (ssh -N) takes a place against MaxSessions and is
// closed on the idle timeout (issue 12).
func TestChannelLessConnectionCountedAndClosed(t *testing.T) {
	h := start(t, func(o *Options) { o.MaxSessions = 1; o.IdleTimeout = 2 * time.Second })
	bare := dialAlice(t, h)
	// While it holds the only place, a session is refused as full.
	c, err := sshtest.Open(h.addr, h.other, sshtest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_ = c.Wait(wait)
	if out := c.Output(); !strings.Contains(out, fmt.Sprintf(msgFull, 1, 1)) {
		t.Errorf("session beside a channel-less connection: %q, want the full message", out)
	}
	// And the idle timeout closes it.
	closed := make(chan error, 1)
	go func() { closed <- bare.Wait() }()
	select {
	case <-closed:
	case <-time.After(wait):
		t.Fatal("a connection with no channel is still open after the idle timeout")
	}
	waitLog(t, h, "idle timeout", "channels=0")
	// Its place is free again once the refused client has gone too.
	c.Close()
	deadline := time.Now().Add(wait)
	for h.srv.bareConns() > 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond) // polling the server, not asserting time
	}
	c2 := h.open(t, h.other, sshtest.Options{})
	expect(t, c2, "size=")
}
