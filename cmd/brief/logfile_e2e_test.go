//go:build unix

package main

import (
	"bufio"
	"bytes"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
)

// TestLibraryLogsStayOffTheScreen runs the reader on a terminal against
// a server that sends an unsolicited response on an idle connection, so
// that Go's HTTP client logs a line: the line must go to the log file,
// not over the reader's screen (issue 12, item 11).
func TestLibraryLogsStayOffTheScreen(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	body := "Harbour lights stay on\n\nThe council said the lights would stay on all winter."
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				r := bufio.NewReader(c)
				for {
					line, err := r.ReadString('\n')
					if err != nil {
						return
					}
					if line == "\r\n" {
						break
					}
				}
				_, _ = io.WriteString(c, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: "+
					strconv.Itoa(len(body))+"\r\n\r\n"+body)
				time.Sleep(300 * time.Millisecond)
				_, _ = io.WriteString(c, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
				time.Sleep(2 * time.Second)
			}()
		}
	}()
	dir := t.TempDir()
	cmd := exec.Command(binary(t), "--state", filepath.Join(dir, "state.db"), "http://"+ln.Addr().String()+"/story")
	cmd.Env = append(os.Environ(), "XDG_STATE_HOME="+dir, "XDG_CONFIG_HOME="+dir, "NO_COLOR=1")
	tty, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 24, Cols: 100})
	if err != nil {
		t.Fatal(err)
	}
	defer tty.Close()
	var mu sync.Mutex
	var out bytes.Buffer
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := tty.Read(buf)
			mu.Lock()
			out.Write(buf[:n])
			mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	screen := func() string { mu.Lock(); defer mu.Unlock(); return out.String() }
	logPath := filepath.Join(dir, "brief", "brief.log")
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		data, _ := os.ReadFile(logPath)
		if strings.Contains(screen(), "Harbour lights") && (bytes.Contains(data, []byte("Unsolicited")) || strings.Contains(screen(), "Unsolicited")) {
			break
		}
		time.Sleep(50 * time.Millisecond) // polling the terminal and the log, not asserting time
	}
	_, _ = tty.Write([]byte("q"))
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		_ = cmd.Process.Kill()
		<-done
	}
	if s := screen(); strings.Contains(s, "Unsolicited") {
		t.Errorf("a library log line reached the terminal:\n%q", s)
	}
	if data, _ := os.ReadFile(logPath); !bytes.Contains(data, []byte("Unsolicited response")) {
		t.Errorf("the HTTP client's line is not in %s:\n%s", logPath, data)
	}
}
