package model

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestIdentityStable(t *testing.T) {
	long := strings.Repeat("word \t spaced\u00a0out ", 400)
	a := Article{Title: " Title ", Paragraphs: []string{"one  two", long, "x\ny", long}}
	h := sha256.New()
	h.Write([]byte(strings.ToLower(strings.TrimSpace(a.Title))))
	for _, p := range a.Paragraphs {
		h.Write([]byte{'\n'})
		h.Write([]byte(strings.Join(strings.Fields(p), " ")))
	}
	want := "sha256:" + hex.EncodeToString(h.Sum(nil)[:16])
	if got := Identity(a); got != want {
		t.Errorf("Identity = %s, want %s", got, want)
	}
}

func TestIdentityURL(t *testing.T) {
	a := Article{Title: "x", URL: "HTTPS://Example.ORG/News/Story/#top"}
	assert.Equal(t, "https://example.org/News/Story", Identity(a))
	b := a
	b.Title, b.Paragraphs = "other title", []string{"other body"}
	assert.Equal(t, Identity(a), Identity(b), "the URL alone decides")
}
