package source

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/brief-reader/brief/model"
)

// checkArticle fails on an article that breaks the package's promises:
// text is valid UTF-8 with no escape or control characters left, and the
// body is never empty.
func checkArticle(t *testing.T, a model.Article) {
	t.Helper()
	for _, s := range append([]string{a.Title, a.Source, a.Byline, a.URL, a.Markdown}, a.Paragraphs...) {
		if !utf8.ValidString(s) {
			t.Fatalf("invalid UTF-8: %q", s)
		}
		if strings.ContainsAny(s, "\x1b\x07\x00\r") {
			t.Fatalf("control character survived: %q", s)
		}
	}
	if len(a.Paragraphs) == 0 {
		t.Fatal("article with no paragraphs")
	}
	if strings.Contains(a.Title, "\n") {
		t.Fatalf("title spans lines: %q", a.Title)
	}
}

func addSeeds(f *testing.F, names ...string) {
	for _, n := range names {
		data, err := readFileForSeed(n)
		if err == nil {
			f.Add(data)
		}
	}
}

func readFileForSeed(name string) ([]byte, error) {
	return readFile("testdata/"+name, Limits{})
}

// FuzzParse exercises the sniffing entry point with arbitrary bytes.
func FuzzParse(f *testing.F) {
	addSeeds(f, "page.html", "feed.rss", "feed.atom", "feed.json", "latin1.rss", "cp1252.rss", "list.opml")
	f.Add([]byte("Headline\n\nA paragraph.\n\n• a bullet\n\nReuters contributed to this report."))
	f.Add([]byte("---\ntitle: x\n---\n# Head\n\n- item\n"))
	f.Add([]byte("\xff\xfeH\x00i\x00"))
	f.Add([]byte("<p>\x1b[31mred</p>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		arts, err := Parse("fuzz", data)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error %T is not *Error", err)
			}
			return
		}
		for _, a := range arts {
			checkArticle(t, a)
		}
	})
}

// FuzzHTML exercises page extraction and the HTML converter.
func FuzzHTML(f *testing.F) {
	addSeeds(f, "page.html")
	f.Add([]byte(`<ul><li>a<ol start="-3"><li><blockquote><pre>x</pre></blockquote></li></ol></li></ul>`))
	f.Add([]byte(`<p><a href="javascript:x"><em><strong>*</strong></em></a><q>q</q><br><br>b</p>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := ParseHTML("https://example.com/a", toUTF8Bytes(data))
		if err == nil {
			finish(&a)
			checkArticle(t, a)
		}
		blocks := htmlFragmentBlocks(string(data), nil)
		_ = blocksMarkdown(blocks)
		for _, p := range blocksParagraphs(blocks) {
			if strings.TrimSpace(p) == "" {
				t.Fatal("empty paragraph")
			}
		}
	})
}

// FuzzFeed exercises the feed and OPML parsers.
func FuzzFeed(f *testing.F) {
	addSeeds(f, "feed.rss", "feed.atom", "feed.json", "latin1.rss", "cp1252.rss", "list.opml")
	f.Add([]byte(`<rss><channel><item><title>&amp;lt;b&amp;gt;</title><description>&lt;p&gt;x</description></item></channel></rss>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		arts, err := ParseFeed("https://example.com/feed", decodeXML(data, ""))
		if err == nil {
			for _, a := range arts {
				finish(&a)
				checkArticle(t, a)
				if !strings.HasPrefix(a.Origin, "https://example.com/feed#") {
					t.Fatalf("origin %q", a.Origin)
				}
			}
		}
		_, _ = ParseOPML("list.opml", data)
	})
}

// FuzzMarkdown exercises Markdown loading and front matter.
func FuzzMarkdown(f *testing.F) {
	f.Add("---\ntitle: A\npublished: 2031-01-02\ntags: [x]\n---\n# T\n\nBody *em*.\n\n- a\n- b\n")
	f.Add("+++\ntitle = \"A\"\n+++\n> quote\n\n1. one\n")
	f.Add("---\n---\n")
	f.Fuzz(func(t *testing.T, src string) {
		a, err := ParseMarkdown("fuzz.md", src)
		if err == nil {
			finish(&a)
			checkArticle(t, a)
		}
		if s := escapeMarkdown(src); len(s) < len(src) {
			t.Fatal("escaping lost text")
		}
	})
}
