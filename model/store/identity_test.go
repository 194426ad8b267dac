package store

import (
	"strings"
	"testing"

	"github.com/brief-reader/brief/model"
)

func TestIDOf(t *testing.T) {
	a := model.Article{Title: "Council Votes", Paragraphs: []string{"The council  voted.", "It rained."}}
	if got := IDOf(model.Article{ID: "https://x.example/1", Title: "T"}); got != "https://x.example/1" {
		t.Errorf("IDOf with ID = %q", got)
	}
	id := IDOf(a)
	if !strings.HasPrefix(id, "sha256:") || len(id) != len("sha256:")+32 {
		t.Errorf("IDOf fallback = %q, want sha256: and 32 hex digits", id)
	}
	same := model.Article{Title: " council votes ", Paragraphs: []string{"The council voted.", "It  rained."}, Origin: "other.txt"}
	if IDOf(same) != id {
		t.Error("IDOf differs for the same article re-read with other spacing and origin")
	}
	other := model.Article{Title: "Council Votes", Paragraphs: []string{"The council voted.", "It snowed."}}
	if IDOf(other) == id {
		t.Error("IDOf is equal for different bodies")
	}
	split := model.Article{Title: "Council Votes", Paragraphs: []string{"The council voted. It rained."}}
	if IDOf(split) == id {
		t.Error("IDOf ignores paragraph boundaries")
	}
}

func TestQuoteKey(t *testing.T) {
	q := model.Quote{Text: "We will  build it", Paragraph: 4}
	k := QuoteKey("art", q)
	if !strings.HasPrefix(k, "p4:") || len(k) != len("p4:")+12 {
		t.Errorf("QuoteKey = %q, want p4: and 12 hex digits", k)
	}
	if QuoteKey("art", model.Quote{Text: " We will build\nit ", Paragraph: 4, Speaker: "Ng"}) != k {
		t.Error("QuoteKey depends on spacing or speaker")
	}
	for name, k2 := range map[string]string{
		"paragraph": QuoteKey("art", model.Quote{Text: q.Text, Paragraph: 5}),
		"text":      QuoteKey("art", model.Quote{Text: "We will not build it", Paragraph: 4}),
		"article":   QuoteKey("other", q),
	} {
		if k2 == k {
			t.Errorf("QuoteKey equal for a different %s", name)
		}
	}
}
