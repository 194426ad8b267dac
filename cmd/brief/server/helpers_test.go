package server

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/log/v2"
	gossh "golang.org/x/crypto/ssh"

	"github.com/brief-reader/brief/cmd/brief/server/sshtest"
	"github.com/brief-reader/brief/model/store"
	"github.com/brief-reader/brief/model/store/sqlite"
)

// wait is the deadline of every wait for the screen in these tests.
const wait = 10 * time.Second

// testArticle is the article ID the test model stars.
const testArticle = "article-1"

// testModel is a tiny reader standing in for the real one: it shows who
// it runs for, its size, color profile and background, and stars an
// article in the per-user store.
type testModel struct {
	sess    Session
	user    *store.User
	w, h    int
	bg      string
	starred string
	count   int
}

// starredMsg carries the article's starred state read from the store.
type starredMsg struct {
	starred bool
	err     error
}

func (m *testModel) Init() tea.Cmd { return tea.Batch(tea.RequestBackgroundColor, m.read) }

// read loads the article's state (a Cmd: I/O stays out of Update).
func (m *testModel) read() tea.Msg {
	st, err := m.user.State(context.Background(), testArticle)
	return starredMsg{starred: st.Starred, err: err}
}

// star toggles the article's star, then reads it back.
func (m *testModel) star() tea.Msg {
	if _, err := m.user.ToggleStarred(context.Background(), testArticle); err != nil {
		return starredMsg{err: err}
	}
	return m.read()
}

func (m *testModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.w, m.h = msg.Width, msg.Height
	case tea.BackgroundColorMsg:
		m.bg = map[bool]string{true: "dark", false: "light"}[msg.IsDark()]
	case starredMsg:
		m.starred = fmt.Sprint(msg.starred)
		if msg.err != nil {
			m.starred = "error: " + msg.err.Error()
		}
	case tea.KeyPressMsg:
		switch msg.String() {
		case "q":
			return m, tea.Quit
		case "s":
			return m, m.star
		case "r":
			return m, m.read
		case "j":
			m.count++
		}
	}
	return m, nil
}

func (m *testModel) View() tea.View {
	fp := m.sess.Fingerprint
	v := tea.NewView(fmt.Sprintf("hello from brief\nuser=%s\nname=%s\nsize=%dx%d\nprofile=%s\nbg=%s\nstarred=%s\ncount=%d\nenv=%s",
		fp[len(fp)-8:], m.sess.KeyComment, m.w, m.h, m.sess.ColorProfile, m.bg, m.starred, m.count,
		strings.Join(m.sess.Environ, ",")))
	v.AltScreen = true
	return v
}

// syncBuffer is a bytes.Buffer safe for the logger and the test at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// harness is a running server with its keys, store and log.
type harness struct {
	srv   *Server
	addr  string
	key   gossh.Signer // authorized
	other gossh.Signer // authorized, a second user
	keys  string       // authorized_keys path
	st    *store.Store
	log   *syncBuffer
	dir   string
}

// start runs a server on 127.0.0.1:0 with two authorized keys, the test
// model over a fresh store, and edit applied to its options.
func start(t *testing.T, edit func(*Options)) *harness {
	t.Helper()
	h := &harness{dir: t.TempDir(), log: &syncBuffer{}}
	var err error
	if h.key, err = sshtest.NewKey(); err != nil {
		t.Fatal(err)
	}
	if h.other, err = sshtest.NewKey(); err != nil {
		t.Fatal(err)
	}
	h.keys = filepath.Join(h.dir, "authorized_keys")
	lines := "# test users\n" + sshtest.AuthorizedLine(h.key.PublicKey()) + " alice\n\n" +
		sshtest.AuthorizedLine(h.other.PublicKey()) + " bob\n"
	if err := os.WriteFile(h.keys, []byte(lines), 0o600); err != nil {
		t.Fatal(err)
	}
	h.st, err = sqlite.OpenStore(filepath.Join(h.dir, "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	opts := Options{
		Listen:         "127.0.0.1:0",
		HostKeyPath:    filepath.Join(h.dir, "host_key"),
		AuthorizedKeys: h.keys,
		Logger:         log.NewWithOptions(h.log, log.Options{ReportTimestamp: true, TimeFormat: time.RFC3339}),
		NewModel: func(s Session) (tea.Model, error) {
			return &testModel{sess: s, user: h.st.User(s.Fingerprint), w: s.Width, h: s.Height}, nil
		},
	}
	if edit != nil {
		edit(&opts)
	}
	h.srv, err = New(opts)
	if err != nil {
		t.Fatal(err)
	}
	addr, err := h.srv.Listen()
	if err != nil {
		t.Fatal(err)
	}
	h.addr = addr.String()
	served := make(chan error, 1)
	go func() { served <- h.srv.Serve() }()
	t.Cleanup(func() {
		_ = h.srv.Close()
		if err := <-served; err != nil {
			t.Errorf("Serve: %v", err)
		}
		_ = h.st.Close()
		if t.Failed() {
			t.Logf("server log:\n%s", h.log.String())
		}
	})
	return h
}

// open starts an interactive session with key and waits for the model.
func (h *harness) open(t *testing.T, key gossh.Signer, o sshtest.Options) *sshtest.Client {
	t.Helper()
	c, err := sshtest.Open(h.addr, key, o)
	if err != nil {
		t.Fatalf("open session: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	if scr, err := c.WaitText(wait, "hello from brief"); err != nil {
		t.Fatalf("waiting for the model: %v; screen:\n%s\noutput: %q", err, scr, c.Output())
	}
	return c
}

// expect waits for text on c's screen.
func expect(t *testing.T, c *sshtest.Client, text string) {
	t.Helper()
	if scr, err := c.WaitText(wait, text); err != nil {
		t.Fatalf("waiting for %q: %v; screen:\n%s", text, err, scr)
	}
}

// dialAlice connects to h as alice with h's key; the connection is
// closed when the test ends.
func dialAlice(t *testing.T, h *harness) *gossh.Client {
	t.Helper()
	conn, err := sshtest.Dial(h.addr, "alice", nil, gossh.PublicKeys(h.key))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}

// newSession opens a session on conn.
func newSession(t *testing.T, conn *gossh.Client) *gossh.Session {
	t.Helper()
	sess, err := conn.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	return sess
}
