package model

import (
	"strings"
	"testing"
)

func TestArticleID(t *testing.T) {
	a := Article{Title: "Council Votes", Paragraphs: []string{"The council  voted.", "It rained."}}
	if got := ArticleID(Article{ID: "https://x.example/1", Title: "T"}); got != "https://x.example/1" {
		t.Errorf("ArticleID with ID = %q", got)
	}
	id := ArticleID(a)
	if !strings.HasPrefix(id, "sha256:") || len(id) != len("sha256:")+32 {
		t.Errorf("ArticleID fallback = %q, want sha256: and 32 hex digits", id)
	}
	same := Article{Title: " council votes ", Paragraphs: []string{"The council voted.", "It  rained."}, Origin: "other.txt"}
	if ArticleID(same) != id {
		t.Error("ArticleID differs for the same article re-read with other spacing and origin")
	}
	other := Article{Title: "Council Votes", Paragraphs: []string{"The council voted.", "It snowed."}}
	if ArticleID(other) == id {
		t.Error("ArticleID is equal for different bodies")
	}
	split := Article{Title: "Council Votes", Paragraphs: []string{"The council voted. It rained."}}
	if ArticleID(split) == id {
		t.Error("ArticleID ignores paragraph boundaries")
	}
}

func TestQuoteKey(t *testing.T) {
	q := Quote{Text: "We will  build it", Paragraph: 4}
	k := QuoteKey("art", q)
	if !strings.HasPrefix(k, "p4:") || len(k) != len("p4:")+12 {
		t.Errorf("QuoteKey = %q, want p4: and 12 hex digits", k)
	}
	if QuoteKey("art", Quote{Text: " We will build\nit ", Paragraph: 4, Speaker: "Ng"}) != k {
		t.Error("QuoteKey depends on spacing or speaker")
	}
	for name, k2 := range map[string]string{
		"paragraph": QuoteKey("art", Quote{Text: q.Text, Paragraph: 5}),
		"text":      QuoteKey("art", Quote{Text: "We will not build it", Paragraph: 4}),
		"article":   QuoteKey("other", q),
	} {
		if k2 == k {
			t.Errorf("QuoteKey equal for a different %s", name)
		}
	}
}
