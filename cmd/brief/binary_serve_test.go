//go:build unix

package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/brief-reader/brief/cmd/brief/server/sshtest"
)

// syncBuffer is a bytes.Buffer safe to read while a process writes it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// serveBinary starts the built brief serve with args in dir and returns
// the address it listens on and its stderr. It is stopped with SIGTERM
// when the test ends.
func serveBinary(t *testing.T, dir string, args ...string) (addr string, stderr *syncBuffer) {
	t.Helper()
	cmd := exec.Command(binary(t), append([]string{"serve", "--listen", "127.0.0.1:0"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "XDG_STATE_HOME="+filepath.Join(dir, "state"), "XDG_DATA_HOME="+filepath.Join(dir, "data"))
	stderr = &syncBuffer{}
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			_ = cmd.Process.Kill()
		}
	})
	re := regexp.MustCompile(`listening addr=(\S+)`)
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if m := re.FindStringSubmatch(stderr.String()); m != nil {
			return m[1], stderr
		}
		time.Sleep(20 * time.Millisecond) // polling the log, not asserting time
	}
	t.Fatalf("brief serve did not start listening:\n%s", stderr.String())
	return "", nil
}

// TestBinaryAuthorizedKeysOptions runs brief serve with an
// authorized_keys file whose lines carry options (issue 12, item 3):
// from= is honoured, no-pty and restrict refuse the terminal the reader
// needs, cert-authority and command= lines are left out with a warning
// naming the line, and a group-writable file is warned about.
func TestBinaryAuthorizedKeysOptions(t *testing.T) {
	dir := t.TempDir()
	names := []string{"from-elsewhere", "from-here", "no-pty", "restrict", "restrict-pty", "cert-authority", "command", "plain"}
	opts := []string{`from="10.9.9.9,192.168.*"`, `from="!10.0.0.1,127.0.0.0/8"`, `no-pty`, `restrict`, `restrict,pty`, `cert-authority`, `command="/bin/sh"`, ``}
	keys := map[string]gossh.Signer{}
	var file strings.Builder
	for i, n := range names {
		k, err := sshtest.NewKey()
		if err != nil {
			t.Fatal(err)
		}
		keys[n] = k
		line := sshtest.AuthorizedLine(k.PublicKey())
		if opts[i] != "" {
			line = opts[i] + " " + line
		}
		file.WriteString(line + "\n")
	}
	ak := filepath.Join(dir, "authorized_keys")
	if err := os.WriteFile(ak, []byte(file.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(ak, 0o620); err != nil {
		t.Fatal(err)
	}
	addr, stderr := serveBinary(t, dir, "--authorized-keys", ak)

	for _, c := range []struct {
		key  string
		want string // "" for refused at authentication
	}{
		{"from-elsewhere", ""},
		{"cert-authority", ""},
		{"command", ""},
		{"no-pty", "may not open a terminal"},
		{"restrict", "may not open a terminal"},
		{"from-here", "Kessel Bay"},
		{"restrict-pty", "Kessel Bay"},
		{"plain", "Kessel Bay"},
	} {
		t.Run(c.key, func(t *testing.T) {
			conn, err := sshtest.Dial(addr, "test", nil, gossh.PublicKeys(keys[c.key]))
			if c.want == "" {
				if err == nil {
					conn.Close()
					t.Fatalf("key %s was accepted", c.key)
				}
				return
			}
			if err != nil {
				t.Fatalf("key %s refused: %v", c.key, err)
			}
			cl, err := sshtest.Start(conn, sshtest.Options{Width: 100, Height: 30})
			if err != nil {
				t.Fatal(err)
			}
			defer cl.Close()
			if _, err := cl.WaitFor(20*time.Second, func(s string) bool {
				return strings.Contains(s, c.want) || strings.Contains(cl.Output(), c.want)
			}); err != nil {
				t.Errorf("key %s: %q not shown: %v\n%s", c.key, c.want, err, cl.Output())
			}
		})
	}
	log := stderr.String()
	for _, want := range []string{
		fmt.Sprintf("%s:6: key %s left out: cert-authority", ak, gossh.FingerprintSHA256(keys["cert-authority"].PublicKey())),
		fmt.Sprintf("%s:7: key %s left out: option", ak, gossh.FingerprintSHA256(keys["command"].PublicKey())),
		"writable by group or others",
	} {
		if !strings.Contains(log, want) {
			t.Errorf("log lacks %q:\n%s", want, log)
		}
	}
}
