package store

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"

	"github.com/brief-reader/brief/model"
)

// IDOf returns the identity the store files an article under: a.ID as the
// loader set it, else model.Identity(a), so the same article gets the same
// ID however it reached the store.
func IDOf(a model.Article) string {
	if a.ID != "" {
		return a.ID
	}
	return model.Identity(a)
}

// QuoteKey returns a stable key for quote q of the article articleID, to
// file quote marks under: "p<paragraph>:<hash>", where hash is the first 12
// hex digits of a SHA-256 of the article ID and the quote's text with its
// white space collapsed. It is the same across re-analysis of the same
// article, differs between two quotes of one paragraph and between
// articles, and changes only when the quote's paragraph index or words do.
func QuoteKey(articleID string, q model.Quote) string {
	h := sha256.New()
	h.Write([]byte(articleID))
	h.Write([]byte{0})
	h.Write([]byte(strings.Join(strings.Fields(q.Text), " ")))
	sum := h.Sum(nil)
	return "p" + strconv.Itoa(q.Paragraph) + ":" + hex.EncodeToString(sum[:6])
}
