package source

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/brief-reader/brief/model"
)

func TestIdentityStable(t *testing.T) {
	long := strings.Repeat("word \t spaced\u00a0out ", 400)
	a := model.Article{Title: " Title ", Paragraphs: []string{"one  two", long, "x\ny", long}}
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
