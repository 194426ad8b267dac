package sshtest

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"time"

	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"
)

// NewKey returns a fresh ed25519 client key.
func NewKey() (gossh.Signer, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	return gossh.NewSignerFromKey(priv)
}

// AuthorizedLine returns key as an authorized_keys line.
func AuthorizedLine(key gossh.PublicKey) string {
	return strings.TrimSpace(string(gossh.MarshalAuthorizedKey(key)))
}

// Dial connects to addr as user with the given auth methods, accepting
// any host key and reporting the one it saw through hostKey (may be nil).
func Dial(addr, user string, hostKey *gossh.PublicKey, auth ...gossh.AuthMethod) (*gossh.Client, error) {
	cfg := &gossh.ClientConfig{
		User: user,
		Auth: auth,
		HostKeyCallback: func(_ string, _ net.Addr, key gossh.PublicKey) error {
			if hostKey != nil {
				*hostKey = key
			}
			return nil
		},
		Timeout: 10 * time.Second,
	}
	return gossh.Dial("tcp", addr, cfg)
}

// Client is one interactive session with a PTY: keys go in with Send, and
// the screen the program draws is read with Screen and WaitFor.
type Client struct {
	conn   *gossh.Client
	sess   *gossh.Session
	stdin  io.WriteCloser
	screen *Screen

	mu      sync.Mutex
	changed chan struct{} // closed and replaced on every output
	raw     bytes.Buffer  // all output, for messages printed outside the screen
	done    bool
	ended   chan struct{} // closed when both output streams have ended
}

// Options for [Open].
type Options struct {
	User          string            // login name (default "test")
	Width, Height int               // PTY size (default 80x24)
	Term          string            // TERM (default xterm-256color)
	Env           map[string]string // environment sent with "env" requests
	// Background, when set (an X11 color such as "rgb:ffff/ffff/ffff"),
	// is the answer to the program's background color query (OSC 11),
	// as a real terminal would give.
	Background string
}

// Open connects with key, requests a PTY and a shell, and starts reading
// the program's output into a Screen.
func Open(addr string, key gossh.Signer, o Options) (*Client, error) {
	if o.User == "" {
		o.User = "test"
	}
	if o.Width == 0 {
		o.Width, o.Height = 80, 24
	}
	if o.Term == "" {
		o.Term = "xterm-256color"
	}
	conn, err := Dial(addr, o.User, nil, gossh.PublicKeys(key))
	if err != nil {
		return nil, err
	}
	c, err := Start(conn, o)
	if err != nil {
		conn.Close()
		return nil, err
	}
	return c, nil
}

// Start opens an interactive session on an established connection.
func Start(conn *gossh.Client, o Options) (*Client, error) {
	sess, err := conn.NewSession()
	if err != nil {
		return nil, err
	}
	for k, v := range o.Env {
		_ = sess.Setenv(k, v) // the server may refuse some; that is its choice
	}
	if err := sess.RequestPty(o.Term, o.Height, o.Width, gossh.TerminalModes{gossh.ECHO: 0}); err != nil {
		sess.Close()
		return nil, fmt.Errorf("pty: %w", err)
	}
	stdin, err := sess.StdinPipe()
	if err != nil {
		sess.Close()
		return nil, err
	}
	stdout, err := sess.StdoutPipe()
	if err != nil {
		sess.Close()
		return nil, err
	}
	stderr, err := sess.StderrPipe()
	if err != nil {
		sess.Close()
		return nil, err
	}
	c := &Client{conn: conn, sess: sess, stdin: stdin, screen: NewScreen(o.Width, o.Height), changed: make(chan struct{}), ended: make(chan struct{})}
	if o.Background != "" {
		c.screen.OnOSC = func(cmd int, data []byte) {
			if cmd == 11 && bytes.HasSuffix(data, []byte("?")) {
				go c.Send("\x1b]11;" + o.Background + "\x1b\\")
			}
		}
	}
	if err := sess.Shell(); err != nil {
		sess.Close()
		return nil, fmt.Errorf("shell: %w", err)
	}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); c.pump(stdout, true) }()
	go func() { defer wg.Done(); c.pump(stderr, false) }()
	go func() {
		wg.Wait()
		c.mu.Lock()
		c.done = true
		close(c.changed)
		c.changed = make(chan struct{})
		c.mu.Unlock()
		close(c.ended)
	}()
	return c, nil
}

// pump copies one output stream to the screen and the raw log.
func (c *Client) pump(r io.Reader, screen bool) {
	buf := make([]byte, 32*1024)
	for {
		n, err := r.Read(buf)
		if n > 0 {
			if screen {
				_, _ = c.screen.Write(buf[:n])
			}
			c.mu.Lock()
			c.raw.Write(buf[:n])
			close(c.changed)
			c.changed = make(chan struct{})
			c.mu.Unlock()
		}
		if err != nil {
			return
		}
	}
}

// Send types keys: text as is, with ANSI sequences for special keys (for
// example "\x1b[B" for down, "\r" for enter).
func (c *Client) Send(keys string) error {
	_, err := io.WriteString(c.stdin, keys)
	return err
}

// Resize tells the server the window changed size.
func (c *Client) Resize(w, h int) error {
	c.screen.Resize(w, h)
	return c.sess.WindowChange(h, w)
}

// Screen returns the text of the screen now.
func (c *Client) Screen() string { return c.screen.String() }

// Output returns everything the session printed so far, stdout and
// stderr, with escape sequences removed.
func (c *Client) Output() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return ansi.Strip(c.raw.String())
}

// ErrTimeout is returned by WaitFor when the condition never held.
var ErrTimeout = errors.New("sshtest: timed out")

// WaitFor waits until ok(screen) holds, re-checking after every chunk of
// output, for at most timeout. It returns the last screen either way.
func (c *Client) WaitFor(timeout time.Duration, ok func(screen string) bool) (string, error) {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		c.mu.Lock()
		changed, done := c.changed, c.done
		c.mu.Unlock()
		scr := c.Screen()
		if ok(scr) {
			return scr, nil
		}
		if done {
			return scr, fmt.Errorf("sshtest: session ended: %w", io.EOF)
		}
		select {
		case <-changed:
		case <-deadline.C:
			return scr, ErrTimeout
		}
	}
}

// WaitText waits until the screen contains text.
func (c *Client) WaitText(timeout time.Duration, text string) (string, error) {
	return c.WaitFor(timeout, func(s string) bool { return strings.Contains(s, text) })
}

// Wait waits for the session to end and its output to be read, and
// returns its exit error (nil for exit status 0), for at most timeout.
func (c *Client) Wait(timeout time.Duration) error {
	ch := make(chan error, 1)
	go func() { ch <- c.sess.Wait() }()
	t := time.NewTimer(timeout)
	defer t.Stop()
	var err error
	select {
	case err = <-ch:
	case <-t.C:
		return ErrTimeout
	}
	select {
	case <-c.ended:
		return err
	case <-t.C:
		return ErrTimeout
	}
}

// WindowChange tells the server the window changed size without
// resizing the local screen (to test what the server accepts).
func (c *Client) WindowChange(w, h int) error {
	return c.sess.WindowChange(h, w)
}

// Close ends the session and the connection.
func (c *Client) Close() error {
	_ = c.sess.Close()
	return c.conn.Close()
}
