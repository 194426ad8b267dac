package server

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	gossh "golang.org/x/crypto/ssh"

	"github.com/brief-reader/brief/cmd/brief/server/sshtest"
)

func TestSessionSizedAndColoredLikeTheClient(t *testing.T) {
	h := start(t, nil)
	c := h.open(t, h.key, sshtest.Options{
		Width: 100, Height: 30,
		Env:        map[string]string{"COLORTERM": "truecolor", "SECRET_TOKEN": "x", "LC_ALL": "C"},
		Background: "rgb:ffff/ffff/ffff",
	})
	fp := Fingerprint(h.key.PublicKey())
	expect(t, c, "user="+fp[len(fp)-8:])
	expect(t, c, "size=100x30")
	expect(t, c, "profile=TrueColor")
	expect(t, c, "bg=light")
	scr := c.Screen()
	if strings.Contains(scr, "SECRET_TOKEN") || !strings.Contains(scr, "LC_ALL=C") {
		t.Errorf("environment not filtered to terminal variables:\n%s", scr)
	}

	if err := c.Resize(120, 40); err != nil {
		t.Fatal(err)
	}
	expect(t, c, "size=120x40")
	// A hostile size is clamped (see TestFilterClampsWindowSize) and the
	// session goes on.
	if err := c.WindowChange(50000, 50000); err != nil {
		t.Fatal(err)
	}
	if err := c.Resize(90, 20); err != nil {
		t.Fatal(err)
	}
	expect(t, c, "size=90x20")

	if err := c.Send("q"); err != nil {
		t.Fatal(err)
	}
	if err := c.Wait(wait); err != nil {
		t.Errorf("session after q: %v, want a clean exit", err)
	}
}

func TestFilterClampsWindowSize(t *testing.T) {
	got := filterMsg(nil, tea.WindowSizeMsg{Width: 50000, Height: 70000})
	if got != (tea.WindowSizeMsg{Width: MaxWidth, Height: MaxHeight}) {
		t.Errorf("filtered %v, want %dx%d", got, MaxWidth, MaxHeight)
	}
	if got := filterMsg(nil, tea.SuspendMsg{}); got != (tea.ResumeMsg{}) {
		t.Errorf("suspend filtered to %T, want ResumeMsg", got)
	}
}

func TestDarkBackgroundAnd256Colors(t *testing.T) {
	h := start(t, nil)
	c := h.open(t, h.other, sshtest.Options{Background: "rgb:1010/1010/1010"})
	expect(t, c, "bg=dark")
	expect(t, c, "profile=ANSI256")
	c2 := h.open(t, h.other, sshtest.Options{Env: map[string]string{"NO_COLOR": "1"}})
	expect(t, c2, "profile=Ascii")
}

func TestUnknownKeyRefused(t *testing.T) {
	h := start(t, nil)
	stranger, err := sshtest.NewKey()
	if err != nil {
		t.Fatal(err)
	}
	_, err = sshtest.Dial(h.addr, "mallory", nil, gossh.PublicKeys(stranger))
	if err == nil || !strings.Contains(err.Error(), "unable to authenticate") {
		t.Fatalf("unknown key: err = %v, want an authentication failure", err)
	}
	waitLog(t, h, "auth failed", Fingerprint(stranger.PublicKey()))
}

func TestPasswordAndKeyboardInteractiveRefused(t *testing.T) {
	h := start(t, nil)
	ki := gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) {
		return []string{"hunter2"}, nil
	})
	for name, auth := range map[string]gossh.AuthMethod{"password": gossh.Password("hunter2"), "keyboard-interactive": ki} {
		_, err := sshtest.Dial(h.addr, "alice", nil, auth)
		if err == nil || !strings.Contains(err.Error(), "unable to authenticate") {
			t.Errorf("%s: err = %v, want an authentication failure", name, err)
		}
	}
	// The server offers public keys only: the client's error lists what
	// it attempted against what the server accepts.
	_, err := sshtest.Dial(h.addr, "alice", nil, gossh.Password("x"))
	if err == nil || !strings.Contains(err.Error(), "[none]") {
		t.Errorf("password: err = %v, want no method offered but publickey", err)
	}
}

func TestExecSubsystemAndForwardingRefused(t *testing.T) {
	h := start(t, nil)
	conn := dialAlice(t, h)
	sess := newSession(t, conn)
	if out, err := sess.CombinedOutput("cat /etc/passwd"); err == nil || !strings.Contains(string(out), "runs no commands") {
		t.Errorf("exec: err %v, output %q; want it refused with a line saying why", err, out)
	}
	sess.Close()
	waitLog(t, h, "refused", `exec \"cat /etc/passwd\"`)

	sess = newSession(t, conn)
	if err := sess.RequestSubsystem("sftp"); err == nil {
		t.Error("sftp subsystem accepted")
	}
	sess.Close()

	sess = newSession(t, conn)
	if ok, err := sess.SendRequest("auth-agent-req@openssh.com", true, nil); ok || err != nil {
		t.Errorf("agent forwarding request: ok=%v err=%v, want refused", ok, err)
	}
	if ok, err := sess.SendRequest("x11-req", true, gossh.Marshal(struct {
		Single bool
		Proto  string
		Cookie string
		Screen uint32
	}{false, "MIT-MAGIC-COOKIE-1", "00", 0})); ok || err != nil {
		t.Errorf("x11 request: ok=%v err=%v, want refused", ok, err)
	}
	sess.Close()

	if ln, err := conn.Listen("tcp", "127.0.0.1:0"); err == nil {
		ln.Close()
		t.Error("remote port forwarding accepted")
	}
	if c, err := conn.Dial("tcp", h.addr); err == nil {
		c.Close()
		t.Error("local port forwarding (direct-tcpip) accepted")
	}
	fp := Fingerprint(h.key.PublicKey())
	waitLog(t, h, "refused", "fingerprint="+fp, "request=auth-agent-req@openssh.com")
	waitLog(t, h, "refused", "request=tcpip-forward")
	waitLog(t, h, "refused", "fingerprint="+fp, "channel=direct-tcpip")
}

func TestNoPTYGetsOneLineAndIsClosed(t *testing.T) {
	h := start(t, nil)
	sess := newSession(t, dialAlice(t, h))
	defer sess.Close()
	var out strings.Builder
	sess.Stdout, sess.Stderr = &out, &out
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	err := sess.Wait()
	var exit *gossh.ExitError
	if !errors.As(err, &exit) || exit.ExitStatus() != 1 {
		t.Errorf("exit: %v, want status 1", err)
	}
	if got := strings.TrimSpace(out.String()); got != msgNoPTY {
		t.Errorf("output %q, want the one line %q", got, msgNoPTY)
	}
}

func TestPerUserStateIsSharedBetweenSessionsOfOneKey(t *testing.T) {
	h := start(t, nil)
	a1 := h.open(t, h.key, sshtest.Options{})
	a2 := h.open(t, h.key, sshtest.Options{})
	b := h.open(t, h.other, sshtest.Options{})
	for _, c := range []*sshtest.Client{a1, a2, b} {
		expect(t, c, "starred=false")
	}
	if err := a1.Send("s"); err != nil {
		t.Fatal(err)
	}
	expect(t, a1, "starred=true")
	if err := a2.Send("r"); err != nil {
		t.Fatal(err)
	}
	expect(t, a2, "starred=true")
	// Another key is another user.
	if err := b.Send("r"); err != nil {
		t.Fatal(err)
	}
	if err := b.Send("j"); err != nil {
		t.Fatal(err)
	}
	if scr, err := b.WaitText(wait, "count=1"); err != nil || !strings.Contains(scr, "starred=false") {
		t.Errorf("other user sees the star (err %v):\n%s", err, scr)
	}
	st, err := h.st.User(Fingerprint(h.key.PublicKey())).State(context.Background(), testArticle)
	if err != nil || !st.Starred {
		t.Errorf("store for the key's fingerprint: %+v, %v; want starred", st, err)
	}
}

func TestHostKeyCreatedPrivateAndReused(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "keys", "host")
	k1, created, err := LoadOrCreateHostKey(path)
	if err != nil || !created {
		t.Fatalf("first start: created=%v err=%v", created, err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("host key mode %04o, want 0600", info.Mode().Perm())
	}
	if k1.PublicKey().Type() != gossh.KeyAlgoED25519 {
		t.Errorf("host key type %s, want ed25519", k1.PublicKey().Type())
	}
	k2, created, err := LoadOrCreateHostKey(path)
	if err != nil || created {
		t.Fatalf("second start: created=%v err=%v", created, err)
	}
	if Fingerprint(k1.PublicKey()) != Fingerprint(k2.PublicKey()) {
		t.Error("host key changed between starts")
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := LoadOrCreateHostKey(path); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Errorf("world-readable host key: err = %v, want a refusal", err)
	}
}

func TestServersShareTheStoredHostKey(t *testing.T) {
	dir := t.TempDir()
	hostKey := filepath.Join(dir, "host")
	seen := make([]string, 2)
	for i := range seen {
		h := start(t, func(o *Options) { o.HostKeyPath = hostKey })
		var got gossh.PublicKey
		conn, err := sshtest.Dial(h.addr, "alice", &got, gossh.PublicKeys(h.key))
		if err != nil {
			t.Fatal(err)
		}
		conn.Close()
		seen[i] = Fingerprint(got)
		h.srv.Close()
	}
	if seen[0] != seen[1] {
		t.Errorf("host key seen by clients changed across restarts: %s then %s", seen[0], seen[1])
	}
}

func TestRefusesToStartWithoutAuthorizedKeys(t *testing.T) {
	model := func(Session) (tea.Model, error) { return nil, nil }
	_, err := New(Options{NewModel: model, HostKeyPath: filepath.Join(t.TempDir(), "k")})
	if err == nil || !strings.Contains(err.Error(), "authorized_keys") {
		t.Errorf("no keys: err = %v, want a refusal naming authorized_keys", err)
	}
	_, err = New(Options{NewModel: model, AuthorizedKeys: "x", AllowAnyKey: true})
	if err == nil {
		t.Error("authorized keys and allow-any-key together: no error")
	}
	bad := filepath.Join(t.TempDir(), "authorized_keys")
	if err := os.WriteFile(bad, []byte("ssh-ed25519 AAAA-not-base64 x\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = New(Options{NewModel: model, AuthorizedKeys: bad, HostKeyPath: filepath.Join(t.TempDir(), "k")})
	if err == nil || !strings.Contains(err.Error(), bad+":1") {
		t.Errorf("bad authorized_keys: err = %v, want the file and line", err)
	}
}

func TestAllowAnyKeyGivesEachKeyItsOwnUser(t *testing.T) {
	h := start(t, func(o *Options) { o.AuthorizedKeys, o.AllowAnyKey = "", true })
	stranger, err := sshtest.NewKey()
	if err != nil {
		t.Fatal(err)
	}
	c := h.open(t, stranger, sshtest.Options{})
	fp := Fingerprint(stranger.PublicKey())
	expect(t, c, "user="+fp[len(fp)-8:])
	if _, err := sshtest.Dial(h.addr, "x", nil, gossh.Password("x")); err == nil {
		t.Error("allow-any-key accepted a password")
	}
}

func TestAuthorizedKeysReloadedWhenChanged(t *testing.T) {
	h := start(t, nil)
	newcomer, err := sshtest.NewKey()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sshtest.Dial(h.addr, "carol", nil, gossh.PublicKeys(newcomer)); err == nil {
		t.Fatal("key accepted before it was authorized")
	}
	line := sshtest.AuthorizedLine(newcomer.PublicKey()) + " carol\n"
	if err := os.WriteFile(h.keys, []byte(line), 0o600); err != nil {
		t.Fatal(err)
	}
	conn, err := sshtest.Dial(h.addr, "carol", nil, gossh.PublicKeys(newcomer))
	if err != nil {
		t.Fatalf("newly authorized key: %v", err)
	}
	conn.Close()
	if _, err := sshtest.Dial(h.addr, "alice", nil, gossh.PublicKeys(h.key)); err == nil {
		t.Error("key removed from authorized_keys still accepted")
	}
	if err := os.Remove(h.keys); err != nil {
		t.Fatal(err)
	}
	if _, err := sshtest.Dial(h.addr, "carol", nil, gossh.PublicKeys(newcomer)); err == nil {
		t.Error("key accepted after authorized_keys was deleted")
	}
}

// waitLog waits until the server log has a line containing every part.
func waitLog(t *testing.T, h *harness, parts ...string) {
	t.Helper()
	deadline := time.Now().Add(wait)
	for {
		for _, line := range strings.Split(h.log.String(), "\n") {
			ok := true
			for _, p := range parts {
				ok = ok && strings.Contains(line, p)
			}
			if ok {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no log line with %q in:\n%s", parts, h.log.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestKeyCommentNamesTheUser: the session knows the comment of its key's
// line in authorized_keys, the name a shared review shows.
func TestKeyCommentNamesTheUser(t *testing.T) {
	h := start(t, nil)
	expect(t, h.open(t, h.key, sshtest.Options{Width: 80, Height: 24}), "name=alice")
	expect(t, h.open(t, h.other, sshtest.Options{Width: 80, Height: 24}), "name=bob")
}

// TestWindowCapBoundsMemory: a client claiming the old cap (1000x500,
// 210 MB a session) gets at most MaxWidth x MaxHeight, a size whose
// memory is measured in MaxWidth's comment (issue 12, item 12).
func TestWindowCapBoundsMemory(t *testing.T) {
	got := filterMsg(nil, tea.WindowSizeMsg{Width: 1000, Height: 500}).(tea.WindowSizeMsg)
	if got.Width > 400 || got.Height > 150 {
		t.Errorf("a 1000x500 window is kept at %dx%d", got.Width, got.Height)
	}
}
