package model

import (
	"crypto/sha256"
	"encoding/hex"
)

// ContentHash returns a hash of what analysis reads of an article (its
// title and paragraphs), so a stored brief can be checked against the
// article it was made from: the same hash means the same input, whatever
// the article's origin or metadata.
func ContentHash(a Article) string {
	h := sha256.New()
	buf := append(make([]byte, 0, 4096), a.Title...)
	for _, p := range a.Paragraphs {
		if len(buf)+len(p) >= cap(buf) {
			h.Write(buf)
			buf = buf[:0]
		}
		buf = append(append(buf, 0), p...)
	}
	h.Write(buf)
	return hex.EncodeToString(h.Sum(nil)[:16])
}
