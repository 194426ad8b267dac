package server

import (
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	"charm.land/wish/v2/bubbletea"
	"github.com/charmbracelet/colorprofile"
)

// liveSession is a session counted against MaxSessions, from the guard's
// admission to the end of its program.
type liveSession struct {
	fingerprint string
	remote      string
	start       time.Time

	mu      sync.Mutex
	prog    *tea.Program
	pending *noticeMsg // a notice sent before the program existed
	last    string     // the notice to print once the program has ended
}

// notify shows n on the session's screen, freezes its input and ends the
// session after grace; the line is printed again after the program ends
// so that it stays in the client's terminal.
func (ls *liveSession) notify(text string, grace time.Duration) {
	msg := noticeMsg{text: text, grace: grace}
	ls.mu.Lock()
	defer ls.mu.Unlock()
	ls.last = text
	if ls.prog == nil {
		ls.pending = &msg
		return
	}
	go ls.prog.Send(msg)
}

// setProgram records the session's program and delivers a pending notice.
func (ls *liveSession) setProgram(p *tea.Program) {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	ls.prog = p
	if ls.pending != nil {
		go p.Send(*ls.pending)
		ls.pending = nil
	}
}

// lastNotice returns the notice shown to the session, if any.
func (ls *liveSession) lastNotice() string {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	return ls.last
}

// guard admits a session: it needs a PTY, a server that is not draining
// and a free slot. It logs the session's start and end.
func (s *Server) guard(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		fp, remote := keyFingerprint(sess), sess.RemoteAddr().String()
		if cmd := sess.RawCommand(); cmd != "" {
			s.log.Warn("refused", "remote", remote, "fingerprint", fp, "request", "exec "+fmt.Sprintf("%q", truncate(cmd, 80)))
			wish.Fatalln(sess, msgNoCommand)
			return
		}
		if perms := sess.Permissions(); perms.Permissions != nil && perms.Extensions[extNoPTY] != "" {
			s.log.Warn("refused", "remote", remote, "fingerprint", fp, "reason", "no-pty in authorized_keys")
			wish.Fatalln(sess, msgNoPTYAllowed)
			return
		}
		pty, _, ok := sess.Pty()
		if !ok {
			s.log.Warn("refused", "remote", remote, "fingerprint", fp, "reason", "no pty")
			wish.Fatalln(sess, msgNoPTY)
			return
		}
		ls := &liveSession{fingerprint: fp, remote: remote, start: time.Now()}
		s.mu.Lock()
		// Connections that authenticated but hold no channel (ssh -N)
		// take a place too.
		n, draining := len(s.sessions)+s.bare, s.draining
		if !draining && n < s.opts.MaxSessions {
			s.sessions[ls] = sess
			s.active.Add(1)
		}
		s.mu.Unlock()
		switch {
		case draining:
			s.log.Info("refused", "remote", remote, "fingerprint", fp, "reason", "draining")
			wish.Fatalln(sess, msgDraining)
			return
		case n >= s.opts.MaxSessions:
			s.log.Warn("refused", "remote", remote, "fingerprint", fp, "reason", "full", "sessions", n)
			wish.Fatalln(sess, fmt.Sprintf(msgFull, n, s.opts.MaxSessions))
			return
		}
		defer s.active.Done()
		s.log.Info("session start", "remote", remote, "fingerprint", fp, "user", sess.User(),
			"term", pty.Term, "size", fmt.Sprintf("%dx%d", pty.Window.Width, pty.Window.Height), "sessions", n+1)

		next(sess)

		s.mu.Lock()
		delete(s.sessions, ls)
		s.mu.Unlock()
		if line := ls.lastNotice(); line != "" {
			wish.Println(sess, line)
		}
		s.log.Info("session end", "remote", remote, "fingerprint", fp,
			"duration", time.Since(ls.start).Round(time.Millisecond))
		// Send the exit status now, before the deferred Done lets a
		// draining Shutdown close the connection: the ssh library would
		// otherwise send it only after this handler returns, racing the
		// close, and the client would see no exit status.
		_ = sess.Exit(0)
	}
}

// program builds the session's bubbletea program: the caller's model in
// a notice wrapper, the client's I/O, size, environment and color
// profile, input watched for idleness, and no signal handler of its own
// (signals belong to the server, which drains on SIGTERM).
func (s *Server) program(sess ssh.Session) *tea.Program {
	ls := s.live(sess)
	if ls == nil {
		return nil
	}
	pty, _, _ := sess.Pty()
	env := append(sess.Environ(), "TERM="+pty.Term)
	w, h := clampSize(pty.Window.Width, pty.Window.Height)
	info := Session{
		Fingerprint:  ls.fingerprint,
		KeyComment:   keyComment(sess),
		User:         sess.User(),
		RemoteAddr:   ls.remote,
		Width:        w,
		Height:       h,
		Term:         pty.Term,
		Environ:      env,
		ColorProfile: colorprofile.Env(env),
		Context:      sess.Context(),
	}
	m, err := s.opts.NewModel(info)
	if err != nil {
		s.log.Error("session model", "remote", ls.remote, "fingerprint", ls.fingerprint, "err", err)
		wish.Errorln(sess, "brief: could not open the reader: "+oneLine(err.Error()))
		return nil
	}
	in := &idleReader{r: sess}
	in.touch()
	opts := append(bubbletea.MakeOptions(sess),
		tea.WithInput(in),
		tea.WithWindowSize(w, h),
		tea.WithFilter(filterMsg),
		tea.WithoutSignalHandler(),
		tea.WithFPS(s.opts.FPS),
	)
	p := tea.NewProgram(newWrapper(m, w, h), opts...)
	ls.setProgram(p)
	if s.opts.IdleTimeout > 0 {
		go s.watchIdle(sess, ls, in)
	}
	return p
}

// live returns the admitted session of sess, or nil.
func (s *Server) live(sess ssh.Session) *liveSession {
	s.mu.Lock()
	defer s.mu.Unlock()
	for ls, ss := range s.sessions {
		if ss == sess {
			return ls
		}
	}
	return nil
}

// watchIdle ends the session once it has had no input for IdleTimeout.
func (s *Server) watchIdle(sess ssh.Session, ls *liveSession, in *idleReader) {
	t := time.NewTimer(s.opts.IdleTimeout)
	defer t.Stop()
	for {
		select {
		case <-sess.Context().Done():
			return
		case <-t.C:
			idle := in.idle()
			if idle < s.opts.IdleTimeout {
				t.Reset(s.opts.IdleTimeout - idle)
				continue
			}
			s.log.Info("idle timeout", "remote", ls.remote, "fingerprint", ls.fingerprint, "idle", idle.Round(time.Second))
			ls.notify(fmt.Sprintf(noticeIdle, s.opts.IdleTimeout), time.Second)
			return
		}
	}
}

// filterMsg clamps window sizes and turns suspend (ctrl+z), which makes
// no sense remotely, into resume, as wish's default filter does.
func filterMsg(_ tea.Model, msg tea.Msg) tea.Msg {
	switch msg := msg.(type) {
	case tea.SuspendMsg:
		return tea.ResumeMsg{}
	case tea.WindowSizeMsg:
		msg.Width, msg.Height = clampSize(msg.Width, msg.Height)
		return msg
	}
	return msg
}

// clampSize bounds a client-claimed window size.
func clampSize(w, h int) (int, int) {
	return max(0, min(w, MaxWidth)), max(0, min(h, MaxHeight))
}

// oneLine keeps the first line of s.
func oneLine(s string) string {
	for i, r := range s {
		if r == '\n' || r == '\r' {
			return s[:i]
		}
	}
	return s
}

// idleReader is the session's input, remembering when it last delivered
// bytes.
type idleReader struct {
	r    io.Reader
	last atomic.Int64 // unix nanoseconds
}

// Read reads from the session and records the time.
func (r *idleReader) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	if n > 0 {
		r.touch()
	}
	return n, err
}

// touch records input now.
func (r *idleReader) touch() { r.last.Store(time.Now().UnixNano()) }

// idle returns how long ago the last input arrived.
func (r *idleReader) idle() time.Duration {
	return time.Since(time.Unix(0, r.last.Load()))
}

// keyComment returns the comment of the session's key in authorized_keys.
func keyComment(sess ssh.Session) string {
	if perms := sess.Permissions(); perms.Permissions != nil {
		return perms.Extensions[extComment]
	}
	return ""
}
