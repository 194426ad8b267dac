package server

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"sync"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// Fingerprint returns the SHA256 fingerprint of key as OpenSSH prints it
// ("SHA256:" and unpadded base64): the user identity over SSH.
func Fingerprint(key gossh.PublicKey) string { return gossh.FingerprintSHA256(key) }

// fingerprint is Fingerprint for internal callers.
func fingerprint(key gossh.PublicKey) string { return gossh.FingerprintSHA256(key) }

// authorizedKeys is the set of keys of an authorized_keys file, re-read
// when the file's size or modification time changes.
type authorizedKeys struct {
	path string

	mu    sync.Mutex
	keys  map[string]struct{} // wire form of each key
	mtime time.Time
	size  int64
}

// loadAuthorizedKeys reads path; a line that does not parse is an error
// naming the file and line, so a typo cannot silently lock people out.
func loadAuthorizedKeys(path string) (*authorizedKeys, error) {
	a := &authorizedKeys{path: path}
	if err := a.reload(); err != nil {
		return nil, err
	}
	return a, nil
}

// reload re-reads the file. Callers hold a.mu or own a exclusively.
func (a *authorizedKeys) reload() error {
	info, err := os.Stat(a.path)
	if err != nil {
		return fmt.Errorf("authorized keys: %w", err)
	}
	data, err := os.ReadFile(a.path)
	if err != nil {
		return fmt.Errorf("authorized keys: %w", err)
	}
	keys, err := parseAuthorizedKeys(a.path, data)
	if err != nil {
		return err
	}
	a.keys, a.mtime, a.size = keys, info.ModTime(), info.Size()
	return nil
}

// parseAuthorizedKeys parses the lines of an authorized_keys file, skipping
// blanks and comments.
func parseAuthorizedKeys(path string, data []byte) (map[string]struct{}, error) {
	keys := map[string]struct{}{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		key, _, _, _, err := gossh.ParseAuthorizedKey(line)
		if err != nil {
			return nil, fmt.Errorf("authorized keys %s:%d: %w", path, n, err)
		}
		keys[string(key.Marshal())] = struct{}{}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("authorized keys %s: %w", path, err)
	}
	return keys, nil
}

// allows reports whether key is in the file, re-reading the file first
// when it changed. When the file is gone or no longer parses, no key is
// allowed (fail closed) and the error is returned for logging.
func (a *authorizedKeys) allows(key gossh.PublicKey) (ok bool, reloadErr error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if info, err := os.Stat(a.path); err != nil {
		reloadErr = fmt.Errorf("authorized keys: %w", err)
	} else if !info.ModTime().Equal(a.mtime) || info.Size() != a.size {
		reloadErr = a.reload()
	}
	if reloadErr != nil {
		a.keys, a.mtime, a.size = nil, time.Time{}, -1
		return false, reloadErr
	}
	_, ok = a.keys[string(key.Marshal())]
	return ok, reloadErr
}

// len returns the number of keys.
func (a *authorizedKeys) len() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return len(a.keys)
}
