package main

// The server side: the library the sessions read, their connections, and
// the server's log.

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/brief-reader/brief/cmd/brief/server/sshtest"
)

// writeLibrary writes one article per marker, with quotesPer quotes
// carrying its filter word, and the probe article.
func writeLibrary(dir string, sessions []*session) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	speakers := []string{"Ana Berg", "Bo Lind", "Cy Moss", "Dag Holm"}
	for _, ss := range sessions {
		if ss.role != marker {
			continue
		}
		var b strings.Builder
		fmt.Fprintf(&b, "Desk %s report\n\nThe desk met on Monday to go through the items.\n", ss.token)
		for q := range quotesPer {
			fmt.Fprintf(&b, "\n“Item %s number %d is ready for the page,” said %s.\n", ss.token, q+1, speakers[q%len(speakers)])
		}
		if err := os.WriteFile(filepath.Join(dir, ss.token+".txt"), []byte(b.String()), 0o644); err != nil {
			return err
		}
	}
	probe := "Zebra crossing repainted\n\nThe council repainted the crossing on Friday.\n\n" +
		"“The zebra crossing is safe again,” said Eva Lund, the road engineer.\n"
	return os.WriteFile(filepath.Join(dir, "zebra.txt"), []byte(probe), 0o644)
}

// open connects a session and waits for the library.
func open(addr string, key gossh.Signer) (*sshtest.Client, error) {
	c, err := sshtest.Open(addr, key, sshtest.Options{Width: width, Height: height, Background: "rgb:1010/1010/1010"})
	if err != nil {
		return nil, err
	}
	if _, err := c.WaitText(60*time.Second, "articles"); err != nil {
		c.Close()
		return nil, fmt.Errorf("library: %w", err)
	}
	return c, nil
}

// serverLog keeps a server's log lines.
type serverLog struct {
	mu    sync.Mutex
	lines []string
}

func (l *serverLog) add(s string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, s)
}

// grep returns the lines holding any of words.
func (l *serverLog) grep(words ...string) string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []string
	for _, line := range l.lines {
		for _, w := range words {
			if strings.Contains(line, w) {
				out = append(out, line)
				break
			}
		}
	}
	return strings.Join(out, "\n")
}

// listeningAddr reads the server log until it names its address, then
// goes on keeping it in the background.
func listeningAddr(r interface{ Read([]byte) (int, error) }, log *serverLog) (string, error) {
	re := regexp.MustCompile(`listening addr=(\S+)`)
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		log.add(sc.Text())
		if m := re.FindStringSubmatch(sc.Text()); m != nil {
			go func() {
				for sc.Scan() {
					log.add(sc.Text())
				}
			}()
			return m[1], nil
		}
	}
	return "", errors.New("the server exited before listening")
}
