package source

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/brief-reader/brief/model"
)

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestParseHTMLPage(t *testing.T) {
	arts, err := Parse("testdata/page.html", readTestdata(t, "page.html"))
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 1 {
		t.Fatalf("got %d articles, want 1", len(arts))
	}
	a := arts[0]
	checks := []struct{ name, got, want string }{
		{"title", a.Title, "Harbor town approves three-stage seawall plan"},
		{"byline", a.Byline, "Mara Lindqvist"},
		{"source", a.Source, "The Coastal Ledger"},
		{"url", a.URL, "https://ledger.example.org/news/2031/04/harbor-seawall-plan"},
		{"id", a.ID, "https://ledger.example.org/news/2031/04/harbor-seawall-plan"},
		{"dateline", a.Dateline, "PORT ELLIS"},
		{"format", string(a.Format), string(model.FormatHTML)},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	if want := time.Date(2031, 4, 12, 9, 30, 0, 0, time.UTC); !a.Published.Equal(want) {
		t.Errorf("published = %v, want %v", a.Published, want)
	}
	// Key-point section, list markers, quotes and block quotes survive as
	// paragraphs of their own.
	for _, want := range []string{
		"What You Need To Know",
		"• The council approved a three-stage seawall plan costing $41 million.",
		"• Residents can comment on the final design until June 30.",
		"1. Stage one: the ferry terminal, eight months.",
		"3. Stage three: the lighthouse point.",
		"“A wall is only as good as its weakest section,” the engineering report warned.",
	} {
		if !slices.Contains(a.Paragraphs, want) {
			t.Errorf("paragraphs lack %q", want)
		}
	}
	body := strings.Join(a.Paragraphs, "\n")
	for _, bad := range []string{"tracking", "Home", "All rights reserved", "Harbor town approves"} {
		if strings.Contains(body, bad) {
			t.Errorf("paragraphs hold page furniture %q", bad)
		}
	}
	if !strings.Contains(body, "“a concrete gamble”") {
		t.Error("<q> lost its quote marks")
	}
	for _, want := range []string{
		"## What You Need To Know\n\n- The council approved",
		"\n- Construction of the first stage begins in September.\n",
		"> “A wall is only as good",
		"1. Stage one: the ferry terminal, eight months.\n2. Stage two",
		"*shield the ferry terminal*",
		"**final stage**",
		"[full report](https://ledger.example.org/docs/seawall-report.pdf)",
		"[the council](mailto:council@ledger.example.org);",
	} {
		if !strings.Contains(a.Markdown, want) {
			t.Errorf("markdown lacks %q:\n%s", want, a.Markdown)
		}
	}
	if strings.Contains(a.Markdown, "javascript") {
		t.Error("markdown kept a javascript: link")
	}
}

func TestHTMLConversion(t *testing.T) {
	tests := []struct {
		name       string
		html       string
		paragraphs []string
		markdown   string
	}{
		{"escapes markup characters", `<p>Use *stars* and [brackets] # here</p>`,
			[]string{"Use *stars* and [brackets] # here"}, `Use \*stars\* and \[brackets\] \# here` + "\n"},
		{"leading list marker escaped", `<p>1. is not a list</p><p>- nor this</p>`,
			[]string{"1. is not a list", "- nor this"}, "1\\. is not a list\n\n\\- nor this\n"},
		{"double br splits, single br joins", `line one<br>still one<br><br>two`,
			[]string{"line one still one", "two"}, "line one still one\n\ntwo\n"},
		{"nested list", `<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>`,
			[]string{"• a", "• b", "• c"}, "- a\n   - b\n- c\n"},
		{"ordered start", `<ol start="4"><li>four</li><li>five</li></ol>`,
			[]string{"4. four", "5. five"}, "4. four\n5. five\n"},
		{"relative link without base is text", `<p><a href="/x">here</a></p>`,
			[]string{"here"}, "here\n"},
		{"heading levels", `<h3>Key points</h3><p>Text.</p>`,
			[]string{"Key points", "Text."}, "### Key points\n\nText.\n"},
		{"pre kept", "<pre>a  b\n c</pre>", []string{"a  b\n c"}, "```\na  b\n c\n```\n"},
		{"code span", "<p>run <code>go test</code> now</p>", []string{"run go test now"}, "run `go test` now\n"},
		{"images and scripts dropped", `<p>x<img src="a.png" alt="pic"><script>bad()</script></p>`,
			[]string{"x"}, "x\n"},
		{"quote nesting", `<blockquote><p>one</p><blockquote><p>two</p></blockquote></blockquote>`,
			[]string{"one", "two"}, "> one\n>\n> > two\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			blocks := htmlFragmentBlocks(tt.html, nil)
			if got := blocksParagraphs(blocks); !slices.Equal(got, tt.paragraphs) {
				t.Errorf("paragraphs = %q, want %q", got, tt.paragraphs)
			}
			if got := blocksMarkdown(blocks); got != tt.markdown {
				t.Errorf("markdown = %q, want %q", got, tt.markdown)
			}
		})
	}
}

func TestParseFeeds(t *testing.T) {
	tests := []struct {
		file   string
		source string
		titles []string
		firstP string
		url    string
		byline string
		tags   []string
	}{
		{"feed.rss", "Valley Courier — Latest",
			[]string{"Library extends weekend hours", "Bridge repairs delayed by rain & wind", "Empty item keeps its title"},
			"The town library will stay open until 8 p.m. on Saturdays from June.",
			"https://courier.example.net/2031/05/library-hours", "By Priya Natarajan", []string{"Town", "Culture"}},
		{"feed.atom", "Northern Science Notes",
			[]string{"Glacier retreat measured by drone", "Seed bank opens to schools"},
			"Survey drones mapped the glacier's edge in two days.",
			"https://notes.example.com/glacier-drones", "By Sofie Halvorsen", nil},
		{"feed.json", "Orchard Street Weekly",
			[]string{"Market day moves to Thursdays", "Tram line survey begins"},
			"The farmers' market will move to Thursdays in August.",
			"https://orchard.example.com/posts/market-day", "", []string{"market"}},
		{"latin1.rss", "Notícias do Vale", []string{"Ponte reabre após obras de verão"},
			"A ponte principal reabriu nesta segunda-feira, disse a prefeitura. É a primeira vez em três meses.",
			"https://vale.example.br/ponte", "", nil},
		{"cp1252.rss", "Café Gazette", []string{"“Quoted” headline – with a dash"},
			"The café reopened — “finally,” said its owner.", "https://gazette.example.fr/a", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			origin := "testdata/" + tt.file
			arts, err := Parse(origin, readTestdata(t, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			var titles []string
			for i, a := range arts {
				titles = append(titles, a.Title)
				if a.Source != tt.source {
					t.Errorf("item %d source = %q, want %q", i, a.Source, tt.source)
				}
				if want := origin + "#" + string(rune('1'+i)); a.Origin != want {
					t.Errorf("item %d origin = %q, want %q", i, a.Origin, want)
				}
				if a.Format != model.FormatFeed || len(a.Paragraphs) == 0 || a.Markdown == "" {
					t.Errorf("item %d: format %q, %d paragraphs, markdown %q", i, a.Format, len(a.Paragraphs), a.Markdown)
				}
			}
			if !slices.Equal(titles, tt.titles) {
				t.Errorf("titles = %q, want %q", titles, tt.titles)
			}
			a := arts[0]
			if a.Paragraphs[0] != tt.firstP {
				t.Errorf("first paragraph = %q, want %q", a.Paragraphs[0], tt.firstP)
			}
			if a.URL != tt.url || a.Byline != tt.byline || !slices.Equal(a.Tags, tt.tags) {
				t.Errorf("url, byline, tags = %q, %q, %q; want %q, %q, %q", a.URL, a.Byline, a.Tags, tt.url, tt.byline, tt.tags)
			}
		})
	}
}

func TestFeedDetails(t *testing.T) {
	arts, err := Parse("testdata/feed.rss", readTestdata(t, "feed.rss"))
	if err != nil {
		t.Fatal(err)
	}
	first := arts[0]
	if !slices.Contains(first.Paragraphs, "• Sunday opening starts in July.") || !strings.Contains(first.Markdown, "### Key points") {
		t.Errorf("key-point section lost: %q\n%s", first.Paragraphs, first.Markdown)
	}
	if slices.Contains(first.Paragraphs, "A short summary that should not be used.") {
		t.Error("description used although the item has full content")
	}
	second := arts[1]
	if second.URL != "https://courier.example.net/2031/05/bridge-repairs" {
		t.Errorf("relative item link resolved to %q", second.URL)
	}
	if len(second.Paragraphs) != 2 {
		t.Errorf("<br><br> did not split paragraphs: %q", second.Paragraphs)
	}
	if want := time.Date(2031, 5, 4, 17, 45, 0, 0, time.UTC); !second.Published.Equal(want) {
		t.Errorf("published = %v, want %v", second.Published, want)
	}
	lat, _ := Parse("testdata/latin1.rss", readTestdata(t, "latin1.rss"))
	if want := time.Date(2031, 9, 24, 22, 42, 40, 0, time.UTC); !lat[0].Published.Equal(want) {
		t.Errorf("Portuguese date read as %v, want %v", lat[0].Published, want)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, origin, data string
		want               string
	}{
		{"empty", "a.txt", "  \n", "empty"},
		{"binary", "a.bin", "\x00\x01\x02abc", "binary"},
		{"truncated feed", "f.rss", `<rss version="2.0"><channel><title>x</title><item><title>a`, "malformed feed: XML syntax error"},
		{"malformed JSON feed", "f.json", `{"version":"https://jsonfeed.org/version/1", "items": [`, "malformed feed"},
		{"feed without items", "f.rss", `<rss version="2.0"><channel><title>Quiet</title></channel></rss>`, "no items"},
		{"json not a feed", "data.json", `{"a": 1}`, "not an article"},
		{"other xml", "doc.xml", `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>`, "not an article"},
		{"html without text", "p.html", `<html><body><nav><a href="/">Home</a></nav></body></html>`, "not an article"},
		{"opml", "l.opml", `<opml version="2.0"><body><outline xmlUrl="https://x.example/f"/></body></opml>`, "OPML"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.origin, []byte(tt.data))
			var se *Error
			if !errors.As(err, &se) {
				t.Fatalf("err = %v, want *Error", err)
			}
			if se.Origin != tt.origin || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %q, want origin %q and %q", err, tt.origin, tt.want)
			}
		})
	}
}

func TestSniffKind(t *testing.T) {
	tests := []struct {
		origin, data, contentType string
		want                      kind
	}{
		{"x.txt", "<rss version=\"2.0\"><channel></channel></rss>", "", kindFeed},
		{"x", "<?xml version=\"1.0\"?>\n<!-- c --><feed xmlns=\"http://www.w3.org/2005/Atom\">", "", kindFeed},
		{"x", "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">", "", kindFeed},
		{"x", `{"version": "https://jsonfeed.org/version/1", "items": []}`, "", kindFeed},
		{"x.xml", "<opml version=\"1.0\">", "", kindOPML},
		{"x.rss", "<!DOCTYPE html><html><p>hi</p></html>", "", kindHTML},
		{"x", "<div><p>fragment</p></div>", "", kindHTML},
		{"https://e.example/a", "Plain words\n\nA paragraph.", "text/html; charset=utf-8", kindText},
		{"x.md", "Title\n\nbody", "", kindMarkdown},
		{"x.txt", "# Heading\n\nbody", "", kindMarkdown},
		{"x.txt", "Headline\n\nBody text.", "", kindText},
		{"x.html", "Headline\n\nBody <b>bold</b> text.", "", kindText},
	}
	for _, tt := range tests {
		if got := sniffKind(tt.origin, []byte(tt.data), tt.contentType); got != tt.want {
			t.Errorf("sniffKind(%q, %q, %q) = %d, want %d", tt.origin, tt.data, tt.contentType, got, tt.want)
		}
	}
}

func TestDecodeDeclaredEncodings(t *testing.T) {
	// An HTML page declaring ISO-8859-1 in a meta tag.
	page := "<html><head><meta charset=\"iso-8859-1\"><title>Caf\xe9</title></head><body><article><p>" +
		strings.Repeat("Le caf\xe9 est ouvert tous les jours de la semaine. ", 20) + "</p></article></body></html>"
	arts, err := Parse("p.html", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	if arts[0].Title != "Café" || !strings.Contains(arts[0].Paragraphs[0], "Le café est ouvert") {
		t.Errorf("meta charset not honoured: %q %q", arts[0].Title, arts[0].Paragraphs[0])
	}
	// A UTF-8 page served with a Content-Type charset of its own.
	got := decodeHTML([]byte("<p>caf\xe9</p>"), "text/html; charset=ISO-8859-1")
	if string(got) != "<p>café</p>" {
		t.Errorf("Content-Type charset: %q", got)
	}
	// XML declaring ISO-8859-1: decoded and the declaration rewritten.
	x := decodeXML([]byte("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><t>\xe9</t></rss>"), "")
	if string(x) != "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss><t>é</t></rss>" {
		t.Errorf("decodeXML = %q", x)
	}
	// UTF-16 with a byte-order mark.
	utf16 := []byte{0xff, 0xfe}
	for _, r := range "Headline\n\nBody text here." {
		utf16 = append(utf16, byte(r), 0)
	}
	arts, err = Parse("u.txt", utf16)
	if err != nil || arts[0].Title != "Headline" {
		t.Errorf("UTF-16: %v %+v", err, arts)
	}
}

func TestParseOPML(t *testing.T) {
	feeds, err := ParseOPML("testdata/list.opml", readTestdata(t, "list.opml"))
	if err != nil {
		t.Fatal(err)
	}
	// Entries are listed as written unless they are web addresses:
	// loading them is refused (listedFeed), never resolved to files.
	want := []string{"feed.rss", "feed.atom", "feed.json"}
	if !slices.Equal(feeds, want) {
		t.Errorf("feeds = %q, want %q", feeds, want)
	}
	remote := `<opml><body><outline xmlUrl="feed.xml"/><outline xmlUrl="file:///etc/passwd"/><outline xmlUrl="javascript:x"/><outline xmlUrl="https://other.example/f"/></body></opml>`
	for _, origin := range []string{"https://lists.example.com/mine/list.opml", "list.opml", "-"} {
		feeds, err = ParseOPML(origin, []byte(remote))
		if err != nil {
			t.Fatal(err)
		}
		var web []string
		for _, f := range feeds {
			if err := listedFeed(f); err == nil {
				web = append(web, f)
			} else if !errors.Is(err, ErrNotWebFeed) || !strings.Contains(err.Error(), f) {
				t.Errorf("refusal of %q: %v", f, err)
			}
		}
		wantWeb := []string{"https://other.example/f"}
		if isURL(origin) {
			wantWeb = []string{"https://lists.example.com/mine/feed.xml", "https://other.example/f"}
		}
		if !slices.Equal(web, wantWeb) {
			t.Errorf("list at %s: web feeds %q, want %q", origin, web, wantWeb)
		}
	}
	if _, err := ParseOPML("x.opml", []byte(`<opml><body></body></opml>`)); err == nil {
		t.Error("an OPML listing nothing gave no error")
	}
}

func TestDedup(t *testing.T) {
	day := time.Date(2031, 5, 1, 10, 0, 0, 0, time.UTC)
	arts := []model.Article{
		{Title: "A", URL: "https://News.example.com/a/", Origin: "1"},
		{Title: "B", Published: day, Origin: "2"},
		{Title: "A again", URL: "https://news.example.com/a#comments", Origin: "3"},
		{Title: "b", Published: day.Add(3 * time.Hour), Origin: "4"},
		{Title: "B", Published: day.AddDate(0, 0, 1), Origin: "5"},
		{Title: "C", Origin: "6"},
		{Title: "C", Origin: "7"},
	}
	var origins []string
	for _, a := range Dedup(arts) {
		origins = append(origins, a.Origin)
	}
	// Same URL (case of host, fragment, trailing slash aside) or same
	// title and day is a repeat; a title alone with no date is not.
	if want := []string{"1", "2", "5", "6", "7"}; !slices.Equal(origins, want) {
		t.Errorf("kept %q, want %q", origins, want)
	}
}
