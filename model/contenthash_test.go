package model

import (
	"strings"
	"testing"
)

func TestContentHash(t *testing.T) {
	a := Article{Title: "Bridge closes", Paragraphs: []string{"One.", strings.Repeat("Long paragraph. ", 400), "Three."}, Origin: "a.txt"}
	b := a
	b.Origin, b.URL, b.Markdown = "elsewhere.txt#4", "https://example.org/x", "# Different rendering"
	if ContentHash(a) != ContentHash(b) {
		t.Error("origin, URL and Markdown are not what analysis reads: same hash")
	}
	for name, c := range map[string]Article{
		"title":            {Title: "Bridge opens", Paragraphs: a.Paragraphs},
		"paragraph":        {Title: a.Title, Paragraphs: []string{"One.", a.Paragraphs[1], "Three!"}},
		"paragraph breaks": {Title: a.Title, Paragraphs: []string{"One." + a.Paragraphs[1], "Three."}},
		"title into body":  {Title: "", Paragraphs: append([]string{"Bridge closes"}, a.Paragraphs...)},
	} {
		if ContentHash(c) == ContentHash(a) {
			t.Errorf("%s changed, hash did not", name)
		}
	}
}
