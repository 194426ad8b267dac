package server

import (
	"bufio"
	"bytes"
	"fmt"
	"net"
	"os"
	"path"
	"strings"
	"sync"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/safefile"
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
	warn func(msg any, kv ...any) // logs a line brief refuses

	mu    sync.Mutex
	keys  map[string][]keyLine // by the key's wire form
	mtime time.Time
	size  int64
}

// keyLine is one line of the file: where it is and what its options
// allow.
type keyLine struct {
	line int
	// from holds the patterns of a from="..." option; nil when the line
	// has none.
	from []string
	// noPTY is set by no-pty, or by restrict without a later pty.
	noPTY bool
	// comment is the line's comment (often the owner's name or address),
	// control characters removed; "" when it has none.
	comment string
}

// grant is what an accepted key may do.
type grant struct {
	// noPTY: the line forbids a terminal, so the reader cannot run.
	noPTY bool
	// comment is the key's comment in the file.
	comment string
}

// loadAuthorizedKeys reads path; a line that does not parse is an error
// naming the file and line, so a typo cannot silently lock people out.
// A line with an option brief does not implement is left out with a
// warning naming the line (see parseOptions), and a file that group or
// others may write is warned about.
func loadAuthorizedKeys(path string, warn func(msg any, kv ...any)) (*authorizedKeys, error) {
	a := &authorizedKeys{path: path, warn: warn}
	if err := a.reload(); err != nil {
		return nil, err
	}
	if info, err := os.Stat(path); err == nil && info.Mode().Perm()&0o022 != 0 {
		warn("authorized keys file is writable by group or others: anyone who can write it can let themselves in",
			"file", path, "mode", fmt.Sprintf("%04o", info.Mode().Perm()))
	}
	return a, nil
}

// reload re-reads the file. Callers hold a.mu or own a exclusively.
func (a *authorizedKeys) reload() error {
	info, err := os.Stat(a.path)
	if err != nil {
		return fmt.Errorf("authorized keys: %w", err)
	}
	data, err := safefile.ReadFile(a.path, 16<<20)
	if err != nil {
		return fmt.Errorf("authorized keys %s: %w", a.path, err)
	}
	keys, warnings, err := parseAuthorizedKeys(a.path, data)
	if err != nil {
		return err
	}
	for _, w := range warnings {
		a.warn(w)
	}
	a.keys, a.mtime, a.size = keys, info.ModTime(), info.Size()
	return nil
}

// parseAuthorizedKeys parses the lines of an authorized_keys file,
// skipping blanks and comments. Lines whose options brief does not honour
// are left out, each with a warning.
func parseAuthorizedKeys(path string, data []byte) (map[string][]keyLine, []string, error) {
	keys := map[string][]keyLine{}
	var warnings []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		key, comment, options, _, err := gossh.ParseAuthorizedKey(line)
		if err != nil {
			return nil, nil, fmt.Errorf("authorized keys %s:%d: %w", path, n, err)
		}
		kl, err := parseOptions(options)
		if err != nil {
			warnings = append(warnings, fmt.Sprintf("authorized keys %s:%d: key %s left out: %v", path, n, fingerprint(key), err))
			continue
		}
		kl.line = n
		kl.comment = strings.Join(strings.Fields(model.Sanitize(comment)), " ")
		keys[string(key.Marshal())] = append(keys[string(key.Marshal())], kl)
	}
	if err := sc.Err(); err != nil {
		return nil, nil, fmt.Errorf("authorized keys %s: %w", path, err)
	}
	return keys, warnings, nil
}

// parseOptions reads a line's options. from= is honoured; restrict and
// no-pty forbid the terminal the reader needs; the options that forbid
// forwarding, agents, X11 or rc files ask for what brief never allows
// anyway. Anything else (cert-authority, command=, principals=,
// environment=, expiry-time=, tunnel=, unknown options) is an error: a
// line brief cannot honour whole is not used at all, rather than
// granting more than the file says.
func parseOptions(options []string) (keyLine, error) {
	var kl keyLine
	pty := false
	restrict := false
	for _, o := range options {
		name, value, hasValue := strings.Cut(o, "=")
		switch strings.ToLower(name) {
		case "from":
			v, ok := unquote(value)
			if !hasValue || !ok || v == "" {
				return kl, fmt.Errorf("malformed option %q", o)
			}
			kl.from = append(kl.from, strings.Split(v, ",")...)
		case "restrict":
			restrict = true
		case "no-pty":
			kl.noPTY = true
		case "pty":
			pty = true
		case "no-port-forwarding", "no-agent-forwarding", "no-x11-forwarding", "no-user-rc",
			"port-forwarding", "agent-forwarding", "x11-forwarding", "user-rc", "permitopen", "permitlisten":
			// Forwarding, agents, X11 and rc files are refused to every key.
		case "cert-authority":
			return kl, fmt.Errorf("cert-authority lines are not supported (certificates are never accepted)")
		default:
			return kl, fmt.Errorf("option %q is not supported", name)
		}
	}
	if restrict && !pty {
		kl.noPTY = true
	}
	return kl, nil
}

// unquote strips the double quotes around an option's value.
func unquote(v string) (string, bool) {
	if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
		return v[1 : len(v)-1], true
	}
	return v, false
}

// fromMatches reports whether the client address ip is allowed by a
// from= pattern list, as OpenSSH reads one: address patterns with * and
// ? wildcards or CIDR masks, each possibly negated with "!"; a negated
// match refuses outright. Host-name patterns never match, since brief
// does not look names up.
func fromMatches(patterns []string, ip net.IP) bool {
	matched := false
	for _, p := range patterns {
		p = strings.TrimSpace(p)
		neg := strings.HasPrefix(p, "!")
		p = strings.TrimPrefix(p, "!")
		var hit bool
		if _, cidr, err := net.ParseCIDR(p); err == nil {
			hit = cidr.Contains(ip)
		} else {
			hit, _ = path.Match(strings.ToLower(p), ip.String())
		}
		if hit && neg {
			return false
		}
		matched = matched || hit
	}
	return matched
}

// allows returns what key may do when connecting from remote: the first
// of its lines whose from= allows the address, or nil. The file is
// re-read first when it changed; when it is gone or no longer parses, no
// key is allowed (fail closed) and the error is returned for logging.
func (a *authorizedKeys) allows(key gossh.PublicKey, remote net.Addr) (g *grant, reloadErr error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if info, err := os.Stat(a.path); err != nil {
		reloadErr = fmt.Errorf("authorized keys: %w", err)
	} else if !info.ModTime().Equal(a.mtime) || info.Size() != a.size {
		reloadErr = a.reload()
	}
	if reloadErr != nil {
		a.keys, a.mtime, a.size = nil, time.Time{}, -1
		return nil, reloadErr
	}
	var ip net.IP
	if ta, ok := remote.(*net.TCPAddr); ok {
		ip = ta.IP
	} else if host, _, err := net.SplitHostPort(remote.String()); err == nil {
		ip = net.ParseIP(host)
	}
	for _, kl := range a.keys[string(key.Marshal())] {
		if kl.from != nil && (ip == nil || !fromMatches(kl.from, ip)) {
			continue
		}
		return &grant{noPTY: kl.noPTY, comment: kl.comment}, nil
	}
	return nil, nil
}

// len returns the number of keys.
func (a *authorizedKeys) len() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return len(a.keys)
}
