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

func TestFoldSpace(t *testing.T) {
	for _, s := range []string{"", "  ", " a  b\t\nc ", "\u00a0x\u2003y\u00a0", "caf\xc3\xa9  \x85 z", "bad\xffutf8  x", "\u3000"} {
		if got, want := foldSpace([]byte(s)), oneLine(s); got != want {
			t.Errorf("foldSpace(%q) = %q, want %q", s, got, want)
		}
	}
}
