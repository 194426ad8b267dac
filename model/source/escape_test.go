package source

import (
	"context"
	"strings"
	"testing"
)

// TestEscapeSequencesLeaveNothing: an escape sequence in a text file,
// an HTML page or a feed item leaves no part of itself in the article's
// Markdown (what the reader renders) or paragraphs: not "[2J", not
// "]8;;http://…", not "[5mblink[0m" — CSI, OSC and DCS, 7-bit and 8-bit.
func TestEscapeSequencesLeaveNothing(t *testing.T) {
	seqs := "Body one \x1b[2J cleared \x1b]8;;http://evil.example/\x1b\\link\x1b]8;;\x1b\\ and \x1b[5mblink\x1b[0m and \u009b2J c1 and \x1bP1;2qDCS\x1b\\ and \u009d8;;http://c1.example/\u009c done."
	para := "Another paragraph that carries on for a while so that the page has enough text to count as an article."
	for name, page := range map[string]string{
		"text": "Escape test\n\n" + seqs + "\n\n" + para + "\n",
		"html": "<html><head><title>Escape test</title></head><body><article><p>" + seqs + "</p><p>" + para + "</p></article></body></html>",
		"feed": `<?xml version="1.0"?><rss version="2.0"><channel><title>F</title><item><title>Escape test</title><description><![CDATA[<p>` + seqs + `</p><p>` + para + `</p>]]></description></item></channel></rss>`,
	} {
		t.Run(name, func(t *testing.T) {
			arts, err := Parse("esc."+name, []byte(page))
			if err != nil || len(arts) == 0 {
				t.Fatalf("parse: %v", err)
			}
			a := arts[0]
			for _, text := range append([]string{a.Markdown}, a.Paragraphs...) {
				for _, bad := range []string{"[2J", "2J", "8;;", "evil.example", "c1.example", "[5m", "[0m", "1;2q", "DCS"} {
					if strings.Contains(text, bad) {
						t.Errorf("%q left in %q", bad, text)
					}
				}
			}
			if !strings.Contains(a.Markdown, "blink") || !strings.Contains(a.Markdown, "link") {
				t.Errorf("the text around the sequences is lost: %q", a.Markdown)
			}
		})
	}
}

// TestUnsupportedSchemeSaysSo: an ftp:// or file:// origin is refused as
// an unsupported URL scheme, not as a missing file.
func TestUnsupportedSchemeSaysSo(t *testing.T) {
	for _, o := range []string{"ftp://example.com/news.txt", "file:///etc/hostname", "gopher://example.com/x"} {
		_, errs := LoadAll(context.Background(), []string{o}, nil)
		if len(errs) != 1 || !strings.Contains(errs[0].Error(), "unsupported URL scheme") || strings.Contains(errs[0].Error(), "no such file") {
			t.Errorf("%s: errors %v, want one saying the scheme is unsupported", o, errs)
		}
	}
	if _, errs := LoadAll(context.Background(), []string{"no-such-file.txt"}, nil); len(errs) != 1 || !strings.Contains(errs[0].Error(), "no such file") {
		t.Errorf("a missing file: %v", errs)
	}
}

// TestTextListsAndBylines: a plain-text numbered list keeps its numbers,
// a name with a newsroom title before the lede is the byline, and such a
// line later in the text is no sub-heading.
func TestTextListsAndBylines(t *testing.T) {
	text := "Council sets out harbour plan\n\nChristian Datoc Senior White House Correspondent\n\nThe council set out its plans on Monday in a long statement to the press.\n\n1. Repair the old harbour wall.\n2. Dredge the channel.\n3. Open the ferry terminal.\n\nAna Ruiz, Staff Writer\n\nThe rest of the article follows here with more words and a full stop.\n"
	a, err := ParseText("plan.txt", text)
	if err != nil {
		t.Fatal(err)
	}
	if a.Byline != "Christian Datoc Senior White House Correspondent" {
		t.Errorf("byline %q", a.Byline)
	}
	for _, want := range []string{"1. Repair the old harbour wall.\n2. Dredge the channel.\n3. Open the ferry terminal.\n", "\nAna Ruiz, Staff Writer\n"} {
		if !strings.Contains(a.Markdown, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, a.Markdown)
		}
	}
	if strings.Contains(a.Markdown, "### Christian") || strings.Contains(a.Markdown, "### Ana") || strings.Contains(a.Markdown, "- Repair") {
		t.Errorf("a byline as a heading, or numbers as bullets:\n%s", a.Markdown)
	}
}
