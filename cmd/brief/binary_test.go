//go:build unix

package main

import (
	"bufio"
	"bytes"
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The tests in this file run the built brief binary, as a user or an
// attacker would: the bugs they guard against were in what reaches the
// process's real output and in how it opens real files.

// runBinary runs the built brief with args and stdin in dir, with
// XDG folders inside dir, and returns its output and exit code. A run
// that has not ended after 20 s is killed and fails the test: the FIFO
// bug was a hang.
func runBinary(t *testing.T, dir, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	bin := binary(t) // built before the clock starts: a build on a busy machine is slow
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(),
		"XDG_STATE_HOME="+filepath.Join(dir, "state"),
		"XDG_CONFIG_HOME="+filepath.Join(dir, "config"),
		"XDG_DATA_HOME="+filepath.Join(dir, "data"),
		"NO_COLOR=1")
	cmd.Stdin = strings.NewReader(stdin)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("brief %s: still running after 20 s (killed)\nstderr: %s", strings.Join(args, " "), errOut.String())
	}
	code = 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errOut.String(), code
}

// TestBinaryRefusesFIFO gives a named pipe with no writer to every
// command that reads a path: each must refuse it at once, naming it
// (issue 12, item 7). Before the fix, extract waited forever.
func TestBinaryRefusesFIFO(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.md")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	for _, args := range [][]string{
		{"extract", fifo},
		{"quotes", fifo},
		{"export", "--state", filepath.Join(dir, "s.db"), fifo},
		{"extract", "--format", "json", fifo},
		{"--state", fifo},
		{"--config", fifo},
		{"export", "--state", fifo},
		{"serve", "--listen", "127.0.0.1:0", "--authorized-keys", fifo, "--library", hostileMD(t)},
		{"serve", "--listen", "127.0.0.1:0", "--allow-any-key", "--library", fifo},
	} {
		t.Run(strings.Join(args[:2], " "), func(t *testing.T) {
			_, errOut, code := runBinary(t, dir, "", args...)
			if code == 0 {
				t.Errorf("brief %v exited 0", args)
			}
			if !strings.Contains(errOut, fifo) || !strings.Contains(errOut, "not a regular file") {
				t.Errorf("brief %v: stderr does not name the FIFO and the reason:\n%s", args, errOut)
			}
		})
	}
}

// TestBinaryOPMLOnlyWebFeeds loads OPML lists, from a file and from
// standard input, whose outlines name a local secret file by path,
// relative path and file: URL; none may be read, each is refused naming
// the entry (issue 12, item 2).
func TestBinaryOPMLOnlyWebFeeds(t *testing.T) {
	dir := t.TempDir()
	secret := filepath.Join(dir, "secret.txt")
	if err := os.WriteFile(secret, []byte("Secret headline\n\nThe password is hunter2."), 0o600); err != nil {
		t.Fatal(err)
	}
	list := `<?xml version="1.0"?><opml version="2.0"><body>` +
		`<outline xmlUrl="` + secret + `"/>` +
		`<outline xmlUrl="secret.txt"/>` +
		`<outline xmlUrl="file://` + secret + `"/>` +
		`</body></opml>`
	listPath := filepath.Join(dir, "list.opml")
	if err := os.WriteFile(listPath, []byte(list), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, stdin string
		args        []string
	}{
		{"file", "", []string{"extract", listPath}},
		{"stdin", list, []string{"extract", "-"}},
		{"quotes", "", []string{"quotes", listPath}},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, errOut, code := runBinary(t, dir, c.stdin, c.args...)
			if strings.Contains(out, "hunter2") || strings.Contains(errOut, "hunter2") {
				t.Fatalf("the local file listed in the OPML was read:\n%s", out)
			}
			if code == 0 {
				t.Error("exit status 0 with refused entries")
			}
			for _, entry := range []string{secret + ":", "secret.txt:", "file://" + secret + ":"} {
				if !strings.Contains(errOut, entry) {
					t.Errorf("no error naming %q:\n%s", entry, errOut)
				}
			}
			if n := strings.Count(errOut, "may only name http and https feeds"); n != 3 {
				t.Errorf("%d refusals, want 3:\n%s", n, errOut)
			}
		})
	}
}

// hostileMD is the absolute path of testdata/hostile.md.
func hostileMD(t *testing.T) string {
	p, err := filepath.Abs(filepath.Join("..", "..", "testdata", "hostile.md"))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestBinaryShowsControlsVisibly: a file name and an HTTP status text
// carrying escape sequences are printed by extract, export and on
// stderr with their controls shown as \x1b, never raw (issue 12,
// item 5).
func TestBinaryShowsControlsVisibly(t *testing.T) {
	dir := t.TempDir()
	evil := "story\x1b]0;owned\x07\x1b[2J\u202e.md"
	if err := os.WriteFile(filepath.Join(dir, evil), []byte("# Headline\n\n\"We will,\" said Ola Berg."), 0o600); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			_, _ = bufio.NewReader(c).ReadString('\n')
			_, _ = c.Write([]byte("HTTP/1.1 503 Gone\x1b]0;owned\x07\x1b[5m away\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"))
			c.Close()
		}
	}()
	url := "http://" + ln.Addr().String() + "/feed"
	for _, c := range []struct {
		args      []string
		out, errs []string // shown visibly on stdout, on stderr
	}{
		{[]string{"extract", evil, url, "missing\x1b[31m.md"}, []string{`story\x1b]0;owned\x07\x1b[2J\u202e.md`},
			[]string{`missing\x1b[31m.md`, `Gone\x1b]0;owned\x07\x1b[5m away`}},
		{[]string{"extract", "--format", "markdown", evil}, []string{`story\x1b\]0;owned\x07\x1b\[2J\u202e.md`}, nil},
		{[]string{"extract", "--format", "json", evil}, []string{`story\u001b]0;owned\u0007\u001b[2J\u202e.md`}, nil},
		{[]string{"quotes", evil, "missing\x1b[31m.md"}, nil, []string{`missing\x1b[31m.md`}},
		{[]string{"export", "--all", "--state", filepath.Join(dir, "s.db"), evil, url}, nil, []string{`Gone\x1b]0;owned\x07\x1b[5m away`}},
	} {
		t.Run(strings.Join(c.args[:2], " "), func(t *testing.T) {
			out, errOut, _ := runBinary(t, dir, "", c.args...)
			for name, s := range map[string]string{"stdout": out, "stderr": errOut} {
				for _, r := range s {
					if r != '\n' && r != '\t' && (r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 || r == 0x202e) {
						t.Fatalf("brief %q: raw %U on %s:\n%q", c.args, r, name, s)
					}
				}
			}
			for _, w := range c.out {
				if !strings.Contains(out, w) {
					t.Errorf("brief %q: stdout lacks %s:\n%s", c.args, w, out)
				}
			}
			for _, w := range c.errs {
				if !strings.Contains(errOut, w) {
					t.Errorf("brief %q: stderr lacks %s:\n%s", c.args, w, errOut)
				}
			}
		})
	}
}

// TestBinaryRefusesDamagedState: a state database with garbage in the
// middle stops brief at start with the file, the damage and what to do,
// instead of starting with no stars (issue 12, item 6).
func TestBinaryRefusesDamagedState(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "state.db")
	md := hostileMD(t)
	// Star enough to fill some pages, through the real program.
	if _, errOut, code := runBinary(t, dir, "", "export", "--state", db, md); code != 0 {
		t.Fatalf("export: %d\n%s", code, errOut)
	}
	f, err := os.OpenFile(db, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	info, _ := f.Stat()
	if _, err := f.WriteAt(bytes.Repeat([]byte("garbage!"), 2048), info.Size()/3); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, errOut, code := runBinary(t, dir, "", "export", "--state", db)
	if code == 0 {
		t.Fatal("brief ran on a damaged state database")
	}
	for _, want := range []string{db, "damaged", "--state", "recover"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("message lacks %q:\n%s", want, errOut)
		}
	}
}

// TestBinaryConfigMaxSize: the config file's max_size caps what serve
// and quotes read, as it does for the reader and export, and the
// --max-size flag still wins over it.
func TestBinaryConfigMaxSize(t *testing.T) {
	dir := t.TempDir()
	conf := filepath.Join(dir, "config", "brief")
	if err := os.MkdirAll(conf, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(conf, "config.toml"), []byte("max_size = { page = \"1KiB\" }\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.txt")
	if err := os.WriteFile(big, []byte(story+strings.Repeat("More words in a long story.\n\n", 100)), 0o600); err != nil {
		t.Fatal(err)
	}
	const capped = "too large: more than the 1.0 KiB cap for a page"
	for _, args := range [][]string{
		{"quotes", big},
		{"serve", "--listen", "127.0.0.1:0", "--allow-any-key", "--library", big},
	} {
		t.Run(args[0], func(t *testing.T) {
			_, errOut, code := runBinary(t, dir, "", args...)
			if code == 0 {
				t.Errorf("brief %v exited 0 over a file above the config's cap", args)
			}
			if !strings.Contains(errOut, big) || !strings.Contains(errOut, capped) {
				t.Errorf("brief %v: stderr does not name the file and the config's cap:\n%s", args, errOut)
			}
		})
	}
	out, errOut, code := runBinary(t, dir, "", "quotes", "--max-size", "page=4KiB", big)
	if code != 0 || !strings.Contains(out, "Ines Varga") {
		t.Errorf("quotes --max-size page=4KiB over the config's 1 KiB: exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
}
