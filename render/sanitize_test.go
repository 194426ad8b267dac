package render

import (
	"context"
	xansi "github.com/charmbracelet/x/ansi"
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
	sgrRE     = regexp.MustCompile(`^\x1b\[([0-9;:]*)m`)
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
		if p := sgrRE.FindStringSubmatch(m); p != nil && string(appendSGR(nil, p[1])) != m {
			t.Errorf("SGR attribute outside the themes' at %d: %q", i, m)
		}
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
	body := strings.Join(flatten(RenderBlocks(context.Background(), r, src, 0, len(src.Blocks))), "\n")
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
		{"a\x1b]8;;file:///x\x1b\\l\x1b]8;;\x1b\\b", "alb"},
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
		{"&#;&#x;&#12345678901;", "&#;&#x;"},
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

// TestLongNumericReferences: references with any number of digits, or
// without their semicolon, never decode to a live escape (issue 12,
// item 4): glamour runs text through html.UnescapeString, which reads
// them all.
func TestLongNumericReferences(t *testing.T) {
	for _, md := range []string{
		"a &#000000027;[5;7mblink&#000000027;[0m b",
		"a &#x00000001b;[5mblink b",
		"a &#27[5mblink b",
		"a \\&#27;[8mhidden b",
		"`&#000000027;[5m` in code",
		"a &#x0000001b;]8;;https://evil.example&#x0000001b;\\\\bank.example&#x0000001b;]8;;&#x0000001b;\\\\ b",
	} {
		a := model.Article{ID: "r", Markdown: md}
		b := renderAll(t, SplitBody(a), 80)
		out := strings.Join(b.Lines, "\n")
		checkSafe(t, out)
		if strings.Contains(out, "\x1b]8;;https://evil") {
			t.Errorf("%q rendered a live link:\n%q", md, out)
		}
	}
}

// TestTerminalSGRAllowList: only the attributes the themes use pass.
func TestTerminalSGRAllowList(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"\x1b[5;7;1mX", "\x1b[1mX"},
		{"\x1b[8mX", "X"},
		{"\x1b[38;5;203;48;5;236mX", "\x1b[38;5;203;48;5;236mX"},
		{"\x1b[38;2;1;2;3;6mX", "\x1b[38;2;1;2;3mX"},
		{"\x1b[38;5;999;5mX", "X"},
		{"\x1b[4:3mX", "X"},
		{"\x1b[mX\x1b[0m", "\x1b[mX\x1b[0m"},
	} {
		if got := Terminal(c.in); got != c.want {
			t.Errorf("Terminal(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestHyperlinkVisibleText: a hyperlink is kept over the link itself or
// over words that name no other site; over words naming another site
// the words stay and the link goes.
func TestHyperlinkVisibleText(t *testing.T) {
	link := func(target, text string) string {
		return "\x1b]8;id=1;" + target + "\x1b\\" + text + "\x1b]8;;\x1b\\"
	}
	for _, c := range []struct {
		target, text string
		keep         bool
	}{
		{"https://evil.example/x", "https://evil.example/x", true},
		{"https://news.example/a", "the council's report", true},
		{"https://www.news.example/a", "news.example", true},
		{"https://evil.example/x", "https://bank.example/login", false},
		{"https://evil.example/x", "bank.example", false},
		{"https://evil.example/x", "\x1b[1mbank\x1b[m.example", false},
		{"mailto:desk@news.example", "desk@news.example", true},
		{"mailto:desk@evil.example", "desk@bank.example", false},
	} {
		got := Terminal("a " + link(c.target, c.text) + " b")
		if kept := strings.Contains(got, "\x1b]8;id=1;"+c.target); kept != c.keep {
			t.Errorf("link to %s over %q kept=%v, want %v: %q", c.target, c.text, kept, c.keep, got)
		}
		if !strings.Contains(stripANSI(got), stripANSI(c.text)) {
			t.Errorf("words %q lost: %q", c.text, got)
		}
	}
	md := "[https://bank.example/login](https://evil.example/x)"
	out := strings.Join(renderAll(t, SplitBody(model.Article{ID: "l", Markdown: md}), 100).Lines, "\n")
	// Every hyperlink drawn: none to evil.example may show bank's name.
	// (Its words stay as text, which may itself be a link to where it
	// says; the address goes to the list of links, issue 14 item 9.)
	for _, m := range regexp.MustCompile(`\x1b\]8;[^;]*;([^\x1b]*)\x1b\\(.*?)\x1b\]8;;\x1b\\`).FindAllStringSubmatch(out, -1) {
		if strings.Contains(m[1], "evil.example") && strings.Contains(stripANSI(m[2]), "bank") {
			t.Errorf("a link to evil.example drawn over bank.example: %q", out)
		}
	}
}

// TestInvisibleCharactersOutOfLines: zero-width and bidi format
// characters never reach titles and panel text (issue 12, item 13).
func TestInvisibleCharactersOutOfLines(t *testing.T) {
	in := "\ufeffTi\u200btle\u200e\u200f \u202aa\u202e \u2066b\u2069 \u2060c\u061c"
	want := "Title a b c"
	if got := Line(in); got != want {
		t.Errorf("Line(%q) = %q, want %q", in, got, want)
	}
	if got := Plain(in); got != want {
		t.Errorf("Plain(%q) = %q, want %q", in, got, want)
	}
	// A joiner is no invisible: it stays where it shapes a script. In an
	// emoji sequence, which terminals count differently, Cells takes it
	// out (issue 14, item 10).
	if got := Line("क्\u200dष"); got != "क्\u200dष" {
		t.Errorf("zero width joiner of a Devanagari conjunct removed: %q", got)
	}
	if got := Line("family 👨\u200d👩\u200d👧"); xansi.StringWidth(got) != xansi.StringWidthWc(got) {
		t.Errorf("an emoji sequence terminals count differently kept: %q", got)
	}
}
