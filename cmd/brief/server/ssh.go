package server

import (
	"fmt"
	"net"
	"strings"
	"time"

	"charm.land/ssh"
	"charm.land/wish/v2"
	"charm.land/wish/v2/bubbletea"
	gossh "golang.org/x/crypto/ssh"
)

// ctxKeyConn is the ssh.Context key of a connection's *trackedConn.
type ctxKey struct{ name string }

var ctxKeyConn = &ctxKey{"brief-conn"}

// Messages shown to clients. Each is one line.
const (
	msgRateLimited  = "brief: too many new connections from your address; try again in a few seconds"
	msgNoPTY        = "brief: this server only runs the interactive reader; connect from a terminal (ssh -t), without a command"
	msgNoCommand    = "brief: this server runs no commands, only the interactive reader: connect without a command (ssh -p PORT HOST)"
	msgFull         = "brief: the server is full (%d of %d sessions in use); please try again later"
	msgDraining     = "brief: the server is shutting down; please try again in a moment"
	msgNoPTYAllowed = "brief: your key may not open a terminal here (no-pty or restrict in authorized_keys), and the reader needs one"
)

// newSSHServer builds the wish server: public-key auth only, shells only,
// nothing forwarded.
func (s *Server) newSSHServer(signer gossh.Signer) *ssh.Server {
	srv := &ssh.Server{
		Addr:             s.opts.Listen,
		Version:          "brief",
		HostSigners:      []ssh.Signer{signer},
		HandshakeTimeout: s.opts.HandshakeTimeout,
		PublicKeyHandler: s.authPublicKey,
		ServerConfigCallback: func(ssh.Context) *gossh.ServerConfig {
			return &gossh.ServerConfig{AuthLogCallback: s.authLog, MaxAuthTries: 6}
		},
		ConnCallback:             s.acceptConn,
		ConnectionFailedCallback: s.connFailed,
		SessionRequestCallback:   s.sessionRequest,
		// Only "session" channels, with agent and X11 requests refused:
		// no direct-tcpip (local forwarding), no auth-agent channels.
		ChannelHandlers: map[string]ssh.ChannelHandler{
			"session": s.filteredSessionHandler,
			"default": s.refuseChannel,
		},
		// No global requests: tcpip-forward (remote forwarding) and the
		// rest are answered with a refusal.
		RequestHandlers: map[string]ssh.RequestHandler{
			"tcpip-forward":                   s.refuseForward,
			"streamlocal-forward@openssh.com": s.refuseForward,
		},
		SubsystemHandlers: map[string]ssh.SubsystemHandler{},
		// Port forwarding callbacks stay nil: both kinds are denied.
	}
	// The middlewares run last to first: guard, then the program.
	_ = wish.WithMiddleware(
		bubbletea.MiddlewareWithProgramHandler(s.program),
		s.guard,
	)(srv)
	return srv
}

// acceptConn rate-limits new connections per IP and starts tracking the
// ones it lets through.
func (s *Server) acceptConn(ctx ssh.Context, conn net.Conn) net.Conn {
	remote := conn.RemoteAddr().String()
	if !s.rate.allow(conn.RemoteAddr()) {
		s.log.Warn("rate limited", "remote", remote)
		// Lines before the SSH version string are allowed by RFC 4253;
		// OpenSSH shows them with -v.
		_ = conn.SetWriteDeadline(time.Now().Add(time.Second))
		_, _ = fmt.Fprint(conn, msgRateLimited+"\r\n")
		return nil
	}
	s.log.Info("connect", "remote", remote)
	tc := &trackedConn{Conn: conn, start: time.Now(), onClose: func(c *trackedConn) {
		s.setBare(c, false)
		s.log.Info("disconnect", "remote", remote, "fingerprint", c.Fingerprint(),
			"duration", time.Since(c.start).Round(time.Millisecond))
	}}
	ctx.SetValue(ctxKeyConn, tc)
	return tc
}

// extNoPTY is the permissions extension set when the key's line in
// authorized_keys forbids a terminal.
const extNoPTY = "brief-no-pty"

// extComment is the permissions extension holding the key's comment in
// authorized_keys.
const extComment = "brief-key-comment"

// authPublicKey accepts key when it is authorized (or any key is allowed).
func (s *Server) authPublicKey(ctx ssh.Context, key ssh.PublicKey) bool {
	fp := fingerprint(key)
	g := &grant{} // AllowAnyKey
	if s.keys != nil {
		var err error
		g, err = s.keys.allows(key, ctx.RemoteAddr())
		if err != nil {
			s.log.Error("authorized keys unreadable: refusing every key", "err", err)
		}
	}
	if g == nil {
		s.log.Warn("auth failed", "remote", ctx.RemoteAddr().String(), "user", ctx.User(),
			"method", "publickey", "fingerprint", fp)
		return false
	}
	if tc, _ := ctx.Value(ctxKeyConn).(*trackedConn); tc != nil {
		tc.setFingerprint(fp)
		s.setBare(tc, true)
	}
	if perms := ctx.Permissions(); perms != nil && perms.Permissions != nil {
		if perms.Extensions == nil {
			perms.Extensions = map[string]string{}
		}
		perms.Extensions["pubkey-fp"] = fp
		perms.Extensions[extComment] = g.comment
		// The line's no-pty (or restrict) travels with the connection;
		// guard refuses the session it would need a terminal for.
		if g.noPTY {
			perms.Extensions[extNoPTY] = "1"
		} else {
			delete(perms.Extensions, extNoPTY)
		}
	}
	return true
}

// authLog logs authentication attempts by methods the server does not
// offer (publickey failures are logged by authPublicKey with the key).
func (s *Server) authLog(conn gossh.ConnMetadata, method string, err error) {
	if err == nil || method == "publickey" || method == "none" {
		return
	}
	s.log.Warn("auth failed", "remote", conn.RemoteAddr().String(), "user", conn.User(), "method", method)
}

// connFailed logs a connection that never completed its handshake.
func (s *Server) connFailed(conn net.Conn, err error) {
	s.log.Warn("handshake failed", "remote", conn.RemoteAddr().String(), "err", err)
}

// sessionRequest lets shells through and refuses subsystems. An exec
// request is let through to be refused by guard, which can still write
// the client a line of explanation before the channel closes.
func (s *Server) sessionRequest(sess ssh.Session, requestType string) bool {
	if requestType == "shell" || requestType == "exec" {
		return true
	}
	what := requestType
	if sub := sess.Subsystem(); sub != "" {
		what = "subsystem " + fmt.Sprintf("%q", truncate(sub, 40))
	}
	s.log.Warn("refused", "remote", sess.RemoteAddr().String(), "fingerprint", keyFingerprint(sess), "request", what)
	return false
}

// keyFingerprint returns the fingerprint of the session's key, or "".
func keyFingerprint(sess ssh.Session) string {
	if k := sess.PublicKey(); k != nil {
		return fingerprint(k)
	}
	return ""
}

// truncate shortens s to n bytes for logging.
func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "..."
	}
	return s
}

// refuseChannel refuses and logs a channel other than a session, such as
// direct-tcpip (local port forwarding).
func (s *Server) refuseChannel(_ *ssh.Server, conn *gossh.ServerConn, ch gossh.NewChannel, _ ssh.Context) {
	s.log.Warn("refused", "remote", conn.RemoteAddr().String(), "fingerprint", connFingerprint(conn),
		"channel", truncate(ch.ChannelType(), 40))
	_ = ch.Reject(gossh.Prohibited, "brief serves the reader only")
}

// refuseForward refuses and logs a remote forwarding request.
func (s *Server) refuseForward(ctx ssh.Context, _ *ssh.Server, req *gossh.Request) (bool, []byte) {
	s.log.Warn("refused", "remote", ctx.RemoteAddr().String(), "request", req.Type)
	return false, nil
}

// connFingerprint returns the fingerprint recorded on an authenticated
// connection.
func connFingerprint(conn *gossh.ServerConn) string {
	if conn.Permissions != nil {
		if fp, ok := conn.Permissions.Extensions["pubkey-fp"]; ok {
			return fp
		}
	}
	return ""
}

// filteredSessionHandler is ssh's session channel handler behind a filter
// that refuses agent forwarding and X11 requests and keeps only the
// environment variables that describe the terminal.
func (s *Server) filteredSessionHandler(srv *ssh.Server, conn *gossh.ServerConn, ch gossh.NewChannel, ctx ssh.Context) {
	if tc, _ := ctx.Value(ctxKeyConn).(*trackedConn); tc != nil {
		s.channelOpen(tc, true)
		defer s.channelOpen(tc, false)
	}
	ssh.DefaultSessionHandler(srv, conn, filteredChannel{ch, func(what string) {
		s.log.Warn("refused", "remote", conn.RemoteAddr().String(), "fingerprint", connFingerprint(conn), "request", what)
	}}, ctx)
}

// filteredChannel is a session channel whose requests pass a filter.
type filteredChannel struct {
	gossh.NewChannel
	refused func(what string)
}

// maxEnv bounds the environment variables a session may set.
const maxEnv = 32

// Accept accepts the channel and filters its requests.
func (c filteredChannel) Accept() (gossh.Channel, <-chan *gossh.Request, error) {
	ch, reqs, err := c.NewChannel.Accept()
	if err != nil {
		return ch, reqs, err
	}
	out := make(chan *gossh.Request)
	go func() {
		defer close(out)
		env := 0
		for r := range reqs {
			switch r.Type {
			case "auth-agent-req@openssh.com", "x11-req":
				c.refused(r.Type)
				_ = r.Reply(false, nil)
				continue
			case "env":
				var kv struct{ Key, Value string }
				if gossh.Unmarshal(r.Payload, &kv) != nil || env >= maxEnv || !keepEnv(kv.Key) {
					_ = r.Reply(false, nil)
					continue
				}
				env++
			}
			out <- r
		}
	}()
	return ch, out, nil
}

// keepEnv reports whether a client's environment variable is passed to
// the program: only those that describe the terminal and locale.
func keepEnv(key string) bool {
	switch key {
	case "TERM", "COLORTERM", "NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "LANG", "TERM_PROGRAM", "TERM_PROGRAM_VERSION":
		return true
	}
	return strings.HasPrefix(key, "LC_")
}

// setBare counts c as an authenticated connection without a channel (on)
// or stops counting it, and arms or stops the timer that closes it after
// IdleTimeout: a client that authenticates and opens nothing (ssh -N)
// holds a place like a session and is closed like an idle one.
func (s *Server) setBare(c *trackedConn, on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c.mu.Lock()
	defer c.mu.Unlock()
	on = on && c.channels == 0 && !c.closed()
	if on == c.bare {
		return
	}
	c.bare = on
	if on {
		s.bare++
		if s.opts.IdleTimeout > 0 {
			c.idle = time.AfterFunc(s.opts.IdleTimeout, func() {
				s.log.Info("idle timeout", "remote", c.RemoteAddr().String(), "fingerprint", c.Fingerprint(), "channels", 0)
				c.Close()
			})
		}
		return
	}
	s.bare--
	if c.idle != nil {
		c.idle.Stop()
		c.idle = nil
	}
}

// channelOpen records a session channel opening (open) or closing on c:
// a connection with a channel is not bare; one whose last channel closed
// is bare again.
func (s *Server) channelOpen(c *trackedConn, open bool) {
	c.mu.Lock()
	if open {
		c.channels++
	} else {
		c.channels--
	}
	n := c.channels
	c.mu.Unlock()
	s.setBare(c, n == 0)
}

// bareConns is the number of authenticated connections without a channel.
func (s *Server) bareConns() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.bare
}
