package model

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
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

// ArticleID returns the identity brief files an article under: a.ID as
// the loader set it, else [Identity](a), so the same article gets the same
// ID however it reached brief.
func ArticleID(a Article) string {
	if a.ID != "" {
		return a.ID
	}
	return Identity(a)
}

// QuoteKey returns a stable key for quote q of the article articleID, to
// file marks and corrections under: "p<paragraph>:<hash>", where hash is
// the first 12 hex digits of a SHA-256 of the article ID and the quote's
// text with its white space collapsed. It is the same across re-analysis
// of the same article, differs between two quotes of one paragraph and
// between articles, and changes only when the quote's paragraph index or
// words do.
func QuoteKey(articleID string, q Quote) string {
	h := sha256.New()
	h.Write([]byte(articleID))
	h.Write([]byte{0})
	h.Write([]byte(strings.Join(strings.Fields(q.Text), " ")))
	sum := h.Sum(nil)
	return "p" + strconv.Itoa(q.Paragraph) + ":" + hex.EncodeToString(sum[:6])
}
