package source

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/brief-reader/brief/model/testkit"
	"golang.org/x/text/encoding/charmap"
)

func TestCorpusHTML(t *testing.T) {
	pages, _ := filepath.Glob(filepath.Join(testkit.Corpus(t), "html", "*.html"))
	if len(pages) == 0 {
		t.Skip("corpus has no html/ pages")
	}
	for _, page := range pages {
		name := strings.TrimSuffix(filepath.Base(page), ".html")
		t.Run(name, func(t *testing.T) {
			var meta struct {
				Title string `json:"title"`
			}
			raw, err := os.ReadFile(strings.TrimSuffix(page, ".html") + ".expected-metadata.json")
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(raw, &meta); err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(page)
			if err != nil {
				t.Fatal(err)
			}
			arts, err := Parse(page, data)
			if err != nil {
				t.Fatal(err)
			}
			a := arts[0]
			if a.Title != meta.Title {
				t.Errorf("title = %q, want %q", a.Title, meta.Title)
			}
			words := len(strings.Fields(strings.Join(a.Paragraphs, " ")))
			if words < 100 || strings.TrimSpace(a.Markdown) == "" {
				t.Errorf("body has %d words, markdown %d bytes", words, len(a.Markdown))
			}
		})
	}
}

func TestCorpusFeeds(t *testing.T) {
	feeds, _ := filepath.Glob(filepath.Join(testkit.Corpus(t), "feeds", "*"))
	if len(feeds) == 0 {
		t.Skip("corpus has no feeds/")
	}
	for _, feed := range feeds {
		t.Run(filepath.Base(feed), func(t *testing.T) {
			data, err := os.ReadFile(feed)
			if err != nil {
				t.Fatal(err)
			}
			arts, err := Parse(feed, data)
			if err != nil {
				t.Fatal(err)
			}
			if len(arts) < 10 {
				t.Errorf("%d items, want at least 10", len(arts))
			}
			for i, a := range arts {
				if a.Title == "" || len(a.Paragraphs) == 0 || a.Source == "" {
					t.Errorf("item %d: title %q, %d paragraphs, source %q", i, a.Title, len(a.Paragraphs), a.Source)
				}
				if strings.ContainsRune(a.Title+strings.Join(a.Paragraphs, ""), '\uFFFD') {
					t.Errorf("item %d holds undecodable text: %q", i, a.Title)
				}
			}
			if strings.Contains(feed, "uolNoticias") {
				// ISO-8859-1 with no declaration must decode correctly.
				found := false
				for _, a := range arts {
					if strings.Contains(a.Title+strings.Join(a.Paragraphs, " "), "ç") {
						found = true
					}
				}
				if !found {
					t.Error("no item decodes a ç: ISO-8859-1 not decoded")
				}
				if doc := string(decodeXML(data, "")); !strings.Contains(doc, "Últimas Notícias") {
					t.Error(`the channel's "Últimas Notícias" did not decode`)
				}
				latin1, _ := charmap.ISO8859_1.NewDecoder().Bytes(data)
				for i, a := range arts {
					if !strings.Contains(oneLine(string(latin1)), a.Title) {
						t.Errorf("item %d title %q is not in the ISO-8859-1 reading of the file", i, a.Title)
					}
				}
			}
		})
	}
}
