package render

import (
	"regexp"
	"strings"
	"testing"

	"github.com/brief-reader/brief/model"
)

// hostile is text crafted to take over a terminal: raw escape sequences,
// an OSC 8 link to a file, BEL, numeric character references that decode
// to ESC and BEL, 8-bit C1 controls and a bidi override.
const hostile = "Plain \x1b[31mred\x1b[0m \x1b]0;owned title\x07 \x1b]8;;file:///etc/passwd\x1b\\link\x1b]8;;\x1b\\ " +
	"bell\x07 ref&#27;[2J ref&#x1b;]0;t&#x07; c1\u009b31m \u009d0;x\u009c dcs\x1bPq#0\x1b\\ bidi\u202eevil\u202c " +
	"del\x7f back\bspace nul\x00 tab\tend &#42;star&#42; &#x2019;ok"

func hostileArticle() (model.Article, model.Brief) {
	md := "Intro " + hostile + "\n\n" +
		"[bad](javascript:alert(1)) [file](file:///etc/passwd) [good](https://example.com/a) [mail](mailto:desk@example.com)\n\n" +
		"- item " + hostile + "\n\n" +
		"`code &#27;[31m` and <span>&#27;</span>\n"
	a := model.Article{
		ID:         "hostile",
		Title:      "Title " + hostile,
		Source:     "Src\x1b[5m",
		Byline:     "By \x1b]52;c;ZXZpbA==\x07Eve",
		Paragraphs: []string{"Intro " + hostile, "bad file good mail", "item " + hostile, "code"},
		Markdown:   md,
	}
	b := model.Brief{
		KeyPoints: []model.KeyPoint{{Text: "kp " + hostile, Paragraph: 0}},
		Quotes:    []model.Quote{{Text: "q " + hostile, Speaker: "Eve\x1b[8m", Role: "role\u202e", Paragraph: 2}},
		Phases:    []model.Phase{{N: 1, Label: "phase\x1b[2J", Summary: hostile, Duration: "\x07two weeks", Paragraph: 0}},
	}
	return a, b
}

var (
	allowedRE = regexp.MustCompile(`^\x1b\[[0-9;:]*m|^\x1b\]8;[^\x07\x1b]*;(|(?i:https?|mailto):[^\x07\x1b]*)\x1b\\`)
)

// checkSafe fails when out holds anything but SGR sequences, OSC 8
// links to safe targets, printable text and newlines.
func checkSafe(t *testing.T, out string) {
	t.Helper()
	for i := 0; i < len(out); {
		j := strings.IndexByte(out[i:], 0x1b)
		if j < 0 {
			break
		}
		i += j
		m := allowedRE.FindString(out[i:])
		if m == "" {
			t.Errorf("disallowed escape sequence at %d: %q", i, out[i:min(i+24, len(out))])
			m = "\x1b"
		}
		i += len(m)
	}
	for i, r := range out {
		switch {
		case r == '\n' || r == 0x1b:
		case r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0:
			t.Errorf("control character %U at %d", r, i)
		case r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069:
			t.Errorf("bidi control %U at %d", r, i)
		}
	}
	for _, bad := range []string{"file:///etc/passwd\x1b", "javascript:alert(1)\x1b", "]0;", "]52;"} {
		if strings.Contains(out, "\x1b]8;;"+bad) || strings.Contains(out, "\x1b"+bad) {
			t.Errorf("output carries %q", bad)
		}
	}
}

func TestSanitizeReader(t *testing.T) {
	a, b := hostileArticle()
	for _, noColor := range []bool{false, true} {
		st := NewStyles(ThemeFor(true), noColor)
		for _, sz := range sizes {
			out := drawReader(t, a, &b, sz.w, sz.h, Quotes, st)
			checkSafe(t, out)
			checkScreen(t, out, sz.w, sz.h)
		}
	}
}

func TestSanitizeLinks(t *testing.T) {
	a, _ := hostileArticle()
	st := NewStyles(ThemeFor(true), false)
	src := SplitBody(a)
	r, err := NewBodyRenderer(100, st.Glamour)
	if err != nil {
		t.Fatal(err)
	}
	body := strings.Join(flatten(RenderBlocks(r, src, 0, len(src.Blocks))), "\n")
	checkSafe(t, body)
	if !strings.Contains(body, "\x1b]8;") || !strings.Contains(body, "https://example.com/a") {
		t.Errorf("the https link is not a hyperlink:\n%q", body)
	}
	if strings.Contains(body, "\x1b]8;id=") && strings.Contains(body, ";javascript:") {
		t.Error("javascript: link emitted as a hyperlink")
	}
	plain := stripANSI(body)
	if !strings.Contains(plain, "*star*") {
		t.Errorf("&#42; should stay a literal asterisk: %q", plain)
	}
	if !strings.Contains(plain, "’ok") {
		t.Errorf("&#x2019; should decode to ’: %q", plain)
	}
}

func TestTerminal(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"a\x1b[1;31mb\x1b[0m", "a\x1b[1;31mb\x1b[0m"},
		{"a\x1b[2Jb", "ab"},
		{"a\x1b[?1049hb", "ab"},
		{"a\x1b]0;title\x07b", "ab"},
		{"a\x1b]8;;https://x.org\x07l\x1b]8;;\x07b", "a\x1b]8;;https://x.org\x1b\\l\x1b]8;;\x1b\\b"},
		{"a\x1b]8;;file:///x\x1b\\l\x1b]8;;\x1b\\b", "al\x1b]8;;\x1b\\b"},
		{"a\x1bPq\x1b\\b", "ab"},
		{"a\x07\x08\x7f\u009b31mb", "ab"},
		{"x\u202ey\tz", "xy z"},
	} {
		if got := Terminal(c.in); got != c.want {
			t.Errorf("Terminal(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestMarkdownSource(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"a&#27;[31mb", "a[31mb"},
		{"a&#x1b;b&#X1B;c", "abc"},
		{"a&#x07;b&#155;c&#8238;d", "abcd"},
		{"&#42;x&#42;", `\*x\*`},
		{"don&#8217;t", "don’t"},
		{"&#;&#x;&#12345678901;", "&#;&#x;&#12345678901;"},
		{"\x1b[31mred", "red"},
	} {
		if got := MarkdownSource(c.in); got != c.want {
			t.Errorf("MarkdownSource(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func flatten(blocks [][]string) []string {
	var out []string
	for _, b := range blocks {
		out = append(out, b...)
	}
	return out
}
