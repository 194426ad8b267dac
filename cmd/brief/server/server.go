// Package server serves brief's reader over SSH: every SSH session gets
// its own bubbletea program, sized to the client's PTY and drawn with the
// client's color profile, built by a factory the caller supplies.
//
// The package knows nothing of the reader itself (it does not import the
// tui package): [Options.NewModel] receives a [Session] describing who
// connected and with what terminal, and returns the model to run.
//
// # Security defaults
//
//   - Public-key authentication only, against an authorized_keys file read
//     at start and re-read when it changes; [New] refuses to build a server
//     with neither [Options.AuthorizedKeys] nor [Options.AllowAnyKey].
//     Passwords and keyboard-interactive are not offered.
//   - Only interactive shells: exec requests and subsystems (sftp, scp) are
//     refused; a session without a PTY gets one line of explanation and is
//     closed. Port forwarding, agent forwarding and X11 are refused.
//   - The ed25519 host key is generated on first start, stored with mode
//     0600 and reused ([LoadOrCreateHostKey]).
//   - New connections are rate-limited per remote IP (a token bucket), the
//     number of concurrent sessions is capped, sessions without input for
//     [Options.IdleTimeout] are closed, and the SSH handshake must finish
//     within [Options.HandshakeTimeout].
//
// Every connection, authentication failure, session and disconnection is
// logged with the remote address and, once known, the key's fingerprint.
package server

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/log/v2"
	"charm.land/ssh"
	"github.com/charmbracelet/colorprofile"
)

// Defaults for the zero values of [Options].
const (
	DefaultListen           = "127.0.0.1:2323"
	DefaultIdleTimeout      = 30 * time.Minute
	DefaultMaxSessions      = 64
	DefaultHandshakeTimeout = 20 * time.Second
	DefaultDrainGrace       = 2 * time.Second
	// DefaultFPS is the frame rate cap of each session's renderer:
	// bubbletea's maximum, since a key waits for the next frame (half a
	// frame on average) before its effect is written.
	DefaultFPS = 120
	// MaxWidth and MaxHeight bound the window size a client may claim, so
	// that a hostile client cannot make its program lay out a huge screen:
	// memory grows with the area (scripts/ssh-load, 10 sessions on the
	// samples: 2.7 MB a session at 120x40, 22.5 MB at 400x150, 210 MB at
	// 1000x500, the old cap).
	MaxWidth  = 400
	MaxHeight = 150
)

// RateLimit is a token bucket applied to new connections per remote IP:
// Burst connections at once, then one more every Every. A Burst of zero
// or less disables the limit.
type RateLimit struct {
	Burst int
	Every time.Duration
}

// DefaultRateLimit allows ten connections at once from one address, then
// one a second.
var DefaultRateLimit = RateLimit{Burst: 10, Every: time.Second}

// Options configure a [Server]. NewModel is required, and so is one of
// AuthorizedKeys and AllowAnyKey.
type Options struct {
	// Listen is the TCP address to listen on (default [DefaultListen]).
	Listen string
	// HostKeyPath is the host's private key, created (ed25519, mode 0600)
	// when missing (default [DefaultHostKeyPath]).
	HostKeyPath string
	// AuthorizedKeys is an OpenSSH authorized_keys file: only its keys may
	// connect. Options before the key type are not supported.
	AuthorizedKeys string
	// AllowAnyKey lets every public key in (each key still gets its own
	// state). It must be asked for explicitly, and excludes AuthorizedKeys.
	AllowAnyKey bool
	// IdleTimeout closes a session that sent no input for this long
	// (default [DefaultIdleTimeout]; negative disables it).
	IdleTimeout time.Duration
	// MaxSessions caps concurrent sessions (default [DefaultMaxSessions]).
	MaxSessions int
	// RateLimit limits new connections per remote IP (zero value:
	// [DefaultRateLimit]; Burst < 0 disables it).
	RateLimit RateLimit
	// HandshakeTimeout bounds the SSH handshake and authentication
	// (default [DefaultHandshakeTimeout]).
	HandshakeTimeout time.Duration
	// DrainGrace is how long sessions show the shutdown notice before
	// they are closed by [Server.Shutdown] (default [DefaultDrainGrace]).
	DrainGrace time.Duration
	// FPS caps each session's frame rate (default [DefaultFPS]; bubbletea
	// allows 1 to 120).
	FPS int
	// NewModel builds the program for one session. An error is shown to
	// the client in one line and the session is closed.
	NewModel func(s Session) (tea.Model, error)
	// Logger receives the connection log (default: stderr, with times).
	Logger *log.Logger
}

// Session describes one SSH session to [Options.NewModel].
type Session struct {
	// Fingerprint is the SHA256 fingerprint of the client's public key
	// ("SHA256:..."): the user's identity, under which per-user state is
	// kept.
	Fingerprint string
	// User is the login name the client asked for. It is not
	// authenticated on its own: key per-user state by Fingerprint.
	User string
	// KeyComment is the comment of the key's line in authorized_keys
	// (often its owner's name), "" when it has none or any key is let in.
	KeyComment string
	// RemoteAddr is the client's address.
	RemoteAddr string
	// Width and Height are the PTY size in cells when the session starts,
	// clamped to [MaxWidth] x [MaxHeight].
	Width, Height int
	// Term is the client's TERM.
	Term string
	// Environ is the environment the client sent (a filtered list:
	// TERM, COLORTERM, NO_COLOR, CLICOLOR*, LANG, LC_*, TERM_PROGRAM*).
	Environ []string
	// ColorProfile is the client terminal's color profile, from its TERM
	// and environment. The program's output is already converted to it;
	// the model needs it only to choose styles (for example no color).
	ColorProfile colorprofile.Profile
	// Context is done when the session ends.
	Context context.Context
}

// Server is an SSH server running one program per session. Create it with
// [New]; it is safe for concurrent use.
type Server struct {
	opts Options
	log  *log.Logger
	ssh  *ssh.Server
	keys *authorizedKeys
	rate *rateLimiter

	mu       sync.Mutex
	ln       net.Listener
	sessions map[*liveSession]ssh.Session // admitted sessions
	bare     int                          // authenticated connections with no channel open
	draining bool
	active   sync.WaitGroup
}

// New checks opts, loads or creates the host key and reads the authorized
// keys, and returns a server ready to [Server.Serve].
func New(opts Options) (*Server, error) {
	if opts.NewModel == nil {
		return nil, errors.New("server: Options.NewModel is required")
	}
	switch {
	case opts.AuthorizedKeys == "" && !opts.AllowAnyKey:
		return nil, errors.New("no authorized_keys file given: refusing to start a server anyone could enter " +
			"(give an authorized_keys file, or allow any public key explicitly)")
	case opts.AuthorizedKeys != "" && opts.AllowAnyKey:
		return nil, errors.New("an authorized_keys file and allowing any key exclude each other: choose one")
	}
	if opts.Listen == "" {
		opts.Listen = DefaultListen
	}
	if opts.IdleTimeout == 0 {
		opts.IdleTimeout = DefaultIdleTimeout
	}
	if opts.MaxSessions <= 0 {
		opts.MaxSessions = DefaultMaxSessions
	}
	if opts.RateLimit == (RateLimit{}) {
		opts.RateLimit = DefaultRateLimit
	}
	if opts.HandshakeTimeout <= 0 {
		opts.HandshakeTimeout = DefaultHandshakeTimeout
	}
	if opts.DrainGrace <= 0 {
		opts.DrainGrace = DefaultDrainGrace
	}
	if opts.FPS <= 0 {
		opts.FPS = DefaultFPS
	}
	if opts.Logger == nil {
		opts.Logger = log.NewWithOptions(os.Stderr, log.Options{ReportTimestamp: true, TimeFormat: time.RFC3339})
	}
	if opts.HostKeyPath == "" {
		p, err := DefaultHostKeyPath()
		if err != nil {
			return nil, err
		}
		opts.HostKeyPath = p
	}
	s := &Server{
		opts:     opts,
		log:      opts.Logger,
		rate:     newRateLimiter(opts.RateLimit),
		sessions: map[*liveSession]ssh.Session{},
	}
	if opts.AuthorizedKeys != "" {
		k, err := loadAuthorizedKeys(opts.AuthorizedKeys, s.log.Warn)
		if err != nil {
			return nil, err
		}
		s.keys = k
		s.log.Info("authorized keys", "file", opts.AuthorizedKeys, "keys", k.len())
	} else {
		s.log.Warn("any public key may connect (allow-any-key); each key gets its own state")
	}
	signer, created, err := LoadOrCreateHostKey(opts.HostKeyPath)
	if err != nil {
		return nil, err
	}
	if created {
		s.log.Info("host key created", "file", opts.HostKeyPath, "fingerprint", fingerprint(signer.PublicKey()))
	} else {
		s.log.Info("host key", "file", opts.HostKeyPath, "fingerprint", fingerprint(signer.PublicKey()))
	}
	s.ssh = s.newSSHServer(signer)
	return s, nil
}

// Listen opens the listening socket without serving yet, so that callers
// can learn the address (with port 0, the chosen port) before [Server.Serve].
func (s *Server) Listen() (net.Addr, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ln != nil {
		return s.ln.Addr(), nil
	}
	ln, err := net.Listen("tcp", s.opts.Listen)
	if err != nil {
		return nil, fmt.Errorf("listen: %w", err)
	}
	s.ln = ln
	return ln.Addr(), nil
}

// Serve accepts connections until [Server.Shutdown] or [Server.Close],
// listening first if [Server.Listen] was not called. It returns nil after
// a shutdown.
func (s *Server) Serve() error {
	addr, err := s.Listen()
	if err != nil {
		return err
	}
	s.log.Info("listening", "addr", addr.String(), "max_sessions", s.opts.MaxSessions,
		"idle_timeout", s.opts.IdleTimeout)
	s.mu.Lock()
	ln := s.ln
	s.mu.Unlock()
	err = s.ssh.Serve(ln)
	if errors.Is(err, ssh.ErrServerClosed) {
		return nil
	}
	return err
}

// Sessions returns the number of sessions running a program now.
func (s *Server) Sessions() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.sessions)
}

// Shutdown drains the server: it stops accepting connections, shows every
// session a shutdown notice and freezes its input (so no new action
// starts), closes the sessions after [Options.DrainGrace], and returns once
// all of them have ended, or with ctx's error when ctx ends first (then the
// remaining connections are closed). The caller flushes and closes the
// state store afterwards.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	s.draining = true
	live := make([]*liveSession, 0, len(s.sessions))
	for ls := range s.sessions {
		live = append(live, ls)
	}
	s.mu.Unlock()
	s.log.Info("draining", "sessions", len(live))

	sshDone := make(chan error, 1)
	go func() { sshDone <- s.ssh.Shutdown(ctx) }()
	for _, ls := range live {
		ls.notify(noticeShutdown, s.opts.DrainGrace)
	}
	done := make(chan struct{})
	go func() { s.active.Wait(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
		_ = s.ssh.Close()
		return fmt.Errorf("drain: %w", ctx.Err())
	}
	// Every session has ended; connections whose clients linger are
	// closed rather than waited for.
	_ = s.ssh.Close()
	<-sshDone
	s.log.Info("drained")
	return nil
}

// Close closes the listener and every connection at once, without notice.
func (s *Server) Close() error {
	return s.ssh.Close()
}
