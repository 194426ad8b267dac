package model

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// Identity returns the stable identity of an article: its canonical URL
// when known, else a hash of its title and body, so that the same article
// reached through a renamed file or a fresh download is recognised.
func Identity(a Article) string {
	if a.URL != "" {
		return CanonicalURL(a.URL)
	}
	h := sha256.New()
	buf := make([]byte, 0, 4096)
	buf = append(buf, strings.ToLower(strings.TrimSpace(a.Title))...)
	for _, p := range a.Paragraphs {
		// The paragraph with its white space folded, without building
		// the folded string.
		buf = append(buf, '\n')
		sep := false
		for f := range strings.FieldsSeq(p) {
			if sep {
				buf = append(buf, ' ')
			}
			buf = append(buf, f...)
			sep = true
		}
		if len(buf) > 3072 {
			h.Write(buf)
			buf = buf[:0]
		}
	}
	h.Write(buf)
	return "sha256:" + hex.EncodeToString(h.Sum(nil)[:16])
}

// CanonicalURL normalises a URL for identity: scheme and host lower-cased,
// fragment and trailing slash dropped.
func CanonicalURL(u string) string {
	u = strings.TrimSpace(u)
	if i := strings.IndexByte(u, '#'); i >= 0 {
		u = u[:i]
	}
	if i := strings.Index(u, "://"); i >= 0 {
		rest := u[i+3:]
		host, path, _ := strings.Cut(rest, "/")
		u = strings.ToLower(u[:i]) + "://" + strings.ToLower(host)
		if path != "" {
			u += "/" + path
		}
	}
	return strings.TrimSuffix(u, "/")
}
