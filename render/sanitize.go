package render

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/brief-reader/brief/model"
)

// Untrusted text is made safe twice:
//
//  1. Before glamour, MarkdownSource runs model.Sanitize on the article's
//     Markdown and decodes numeric character references (&#27;, &#x1b;)
//     itself, dropping any that name a control character, so that
//     glamour cannot decode one into an escape sequence.
//  2. After glamour, Terminal keeps only the SGR (color and attribute)
//     sequences and the OSC 8 hyperlinks whose target is http, https or
//     mailto; every other escape sequence and control character is
//     removed.
//
// Text drawn outside glamour (titles, quotes, panel items) is plain and
// goes through model.Sanitize by way of Plain.

// Plain returns s safe to draw as plain text on one or more lines:
// escape sequences and control characters removed, tabs as spaces.
func Plain(s string) string { return model.Sanitize(s) }

// Line returns s safe to draw on one line: Plain with every run of white
// space folded to one space.
func Line(s string) string {
	s = model.Sanitize(s)
	if strings.IndexFunc(s, unicode.IsSpace) < 0 {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// MarkdownSource prepares untrusted Markdown for glamour: sanitized, with
// numeric character references decoded here so that none can decode to
// a control character later. A reference to ASCII punctuation is kept
// literal with a backslash escape, as the reference itself would have
// been.
func MarkdownSource(md string) string {
	md = model.Sanitize(md)
	if !strings.Contains(md, "&#") {
		return md
	}
	var b strings.Builder
	b.Grow(len(md))
	for {
		i := strings.Index(md, "&#")
		if i < 0 {
			b.WriteString(md)
			break
		}
		b.WriteString(md[:i])
		r, n := numericRef(md[i:])
		if n == 0 {
			b.WriteString("&#")
			md = md[i+2:]
			continue
		}
		md = md[i+n:]
		switch {
		case r == 0 || r > unicode.MaxRune || !utf8.ValidRune(r) || unsafeRune(r):
			// Dropped: a control character, or no character at all.
		case r < utf8.RuneSelf && unicode.IsPunct(r) || r < utf8.RuneSelf && unicode.IsSymbol(r):
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// numericRef parses a numeric character reference at the start of s
// ("&#27;", "&#x1B;") and returns the rune and the reference's length,
// or n == 0 when s does not start with one.
func numericRef(s string) (r rune, n int) {
	j := 2
	base := 10
	if j < len(s) && (s[j] == 'x' || s[j] == 'X') {
		base = 16
		j++
	}
	start := j
	for j < len(s) && j-start < 8 && isDigitIn(s[j], base) {
		j++
	}
	if j == start || j >= len(s) || s[j] != ';' {
		return 0, 0
	}
	v, err := strconv.ParseUint(s[start:j], base, 32)
	if err != nil {
		return 0, 0
	}
	return rune(v), j + 1
}

func isDigitIn(c byte, base int) bool {
	if c >= '0' && c <= '9' {
		return true
	}
	return base == 16 && (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')
}

// unsafeRune reports whether r must never be drawn: C0 and C1 controls,
// DEL, and the bidi embedding, override and isolate characters.
func unsafeRune(r rune) bool {
	switch {
	case r < 0x20 || r == 0x7f, r >= 0x80 && r < 0xa0:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// SafeLink reports whether a link target may be emitted as an OSC 8
// hyperlink: only http, https and mailto URLs are.
func SafeLink(target string) bool {
	scheme, _, ok := strings.Cut(target, ":")
	if !ok {
		return false
	}
	switch strings.ToLower(scheme) {
	case "http", "https", "mailto":
		return model.Sanitize(target) == target && !strings.ContainsAny(target, " \t\n")
	}
	return false
}

// Terminal returns styled text (glamour's output) with every escape
// sequence removed except SGR sequences and OSC 8 hyperlinks to safe
// targets, and every control character removed except newlines. Tabs
// become spaces.
func Terminal(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == 0x1b && i+1 < len(s) && s[i+1] == '[':
			end, final := csiEnd(s, i+2)
			if final == 'm' && sgrParams(s[i+2:end-1]) {
				b.WriteString(s[i:end])
			}
			i = end
		case c == 0x1b && i+1 < len(s) && s[i+1] == ']':
			end, body := oscEnd(s, i+2)
			if link, ok := strings.CutPrefix(body, "8;"); ok {
				if _, target, ok := strings.Cut(link, ";"); ok && (target == "" || SafeLink(target)) {
					b.WriteString("\x1b]8;")
					b.WriteString(link)
					b.WriteString("\x1b\\")
				}
			}
			i = end
		case c == 0x1b:
			i = escEnd(s, i+1)
		case c == '\n':
			b.WriteByte('\n')
			i++
		case c == '\t':
			b.WriteByte(' ')
			i++
		case c < 0x20 || c == 0x7f:
			i++
		case c < utf8.RuneSelf:
			b.WriteByte(c)
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			switch {
			case r == utf8.RuneError && size == 1:
				b.WriteRune(utf8.RuneError)
			case r >= 0x80 && r < 0xa0:
				// An 8-bit control: drop it and any sequence it opens.
				if r == 0x9b || r == 0x9d || r == 0x90 || r == 0x9e || r == 0x9f || r == 0x98 {
					b.WriteString(model.Sanitize(s[i:]))
					return b.String()
				}
			case !unsafeRune(r):
				b.WriteString(s[i : i+size])
			}
			i += size
		}
	}
	return b.String()
}

// csiEnd returns the index after the control sequence whose parameters
// start at i, and its final byte (0 when unterminated or broken).
func csiEnd(s string, i int) (int, byte) {
	for i < len(s) {
		c := s[i]
		i++
		if c >= 0x40 && c <= 0x7e {
			return i, c
		}
		if c < 0x20 || c > 0x7e {
			return i, 0
		}
	}
	return i, 0
}

// sgrParams reports whether p is a plain SGR parameter list.
func sgrParams(p string) bool {
	for i := 0; i < len(p); i++ {
		c := p[i]
		if !(c >= '0' && c <= '9' || c == ';' || c == ':') {
			return false
		}
	}
	return true
}

// oscEnd returns the index after the operating system command whose body
// starts at i, and the body. It ends at BEL or ST (ESC \).
func oscEnd(s string, i int) (int, string) {
	for j := i; j < len(s); j++ {
		switch {
		case s[j] == 0x07:
			return j + 1, s[i:j]
		case s[j] == 0x1b && j+1 < len(s) && s[j+1] == '\\':
			return j + 2, s[i:j]
		case s[j] == 0x1b:
			return j, "" // broken: drop what came so far
		}
	}
	return len(s), ""
}

// escEnd returns the index after an escape sequence other than CSI and
// OSC whose ESC byte ended at i: a control string (DCS, SOS, PM, APC) up
// to its terminator, or a two-byte escape with its intermediates.
func escEnd(s string, i int) int {
	if i >= len(s) {
		return i
	}
	switch s[i] {
	case 'P', 'X', '^', '_':
		end, _ := oscEnd(s, i+1)
		return end
	}
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
		i++
	}
	if i < len(s) && s[i] >= 0x30 && s[i] <= 0x7e {
		i++
	}
	return i
}
