package render

import (
	"net/url"
	"regexp"
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
// escape sequences, control characters and zero-width or bidi format
// characters (model.Invisible) removed, tabs as spaces, and sequences
// terminals count differently made to count alike (Cells).
func Plain(s string) string { return Cells(model.StripInvisible(model.Sanitize(s))) }

// Line returns s safe to draw on one line: Plain with every run of white
// space folded to one space.
func Line(s string) string {
	s = Plain(s)
	if strings.IndexFunc(s, unicode.IsSpace) < 0 {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// MarkdownSource prepares untrusted Markdown for glamour: sanitized, with
// numeric character references decoded here so that none can decode to
// a control character later. Every reference is read as HTML reads it
// (any number of digits, the semicolon optional), because glamour runs
// the text goldmark leaves through html.UnescapeString: one that names a
// control character, or no character, is dropped; one with its
// semicolon is replaced by its character (ASCII punctuation kept
// literal with a backslash escape, as the reference itself would have
// been); one without is left for glamour to decode.
func MarkdownSource(md string) string {
	md = Cells(model.Sanitize(md))
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
		r, n, semi := numericRef(md[i:])
		if n == 0 {
			b.WriteString("&#")
			md = md[i+2:]
			continue
		}
		ref := md[i : i+n]
		md = md[i+n:]
		switch {
		case r <= 0 || r > unicode.MaxRune || !utf8.ValidRune(r) || unsafeRune(r) || model.Invisible(r):
			// Dropped: a control character, or no character at all.
		case !semi:
			b.WriteString(ref)
		case r < utf8.RuneSelf && unicode.IsPunct(r) || r < utf8.RuneSelf && unicode.IsSymbol(r):
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return Cells(b.String())
}

// numericRef parses a numeric character reference at the start of s
// ("&#27;", "&#x1B;", "&#000000027", as HTML reads them: any number of
// digits, the semicolon optional) and returns the rune (-1 when the
// number is too large for one), the reference's length and whether it
// ended with a semicolon; n == 0 when s does not start with one.
func numericRef(s string) (r rune, n int, semi bool) {
	j := 2
	base := 10
	if j < len(s) && (s[j] == 'x' || s[j] == 'X') {
		base = 16
		j++
	}
	start := j
	v := 0
	for j < len(s) && isDigitIn(s[j], base) {
		if v <= unicode.MaxRune {
			v = v*base + digitValue(s[j])
		}
		j++
	}
	if j == start {
		return 0, 0, false
	}
	if v > unicode.MaxRune {
		v = -1
	}
	if j < len(s) && s[j] == ';' {
		return rune(v), j + 1, true
	}
	return rune(v), j, false
}

func digitValue(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	}
	return int(c-'A') + 10
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
// sequence removed except the SGR attributes the theme uses (see
// allowSGR) and OSC 8 hyperlinks to safe targets whose visible text is
// the link itself or text that names no other site (see linkAllowed);
// every control character except newlines is removed. Tabs become
// spaces.
func Terminal(s string) string {
	t := terminalWriter{out: make([]byte, 0, len(s))}
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == 0x1b && i+1 < len(s) && s[i+1] == '[':
			end, final := csiEnd(s, i+2)
			if final == 'm' {
				t.out = appendSGR(t.out, s[i+2:end-1])
			}
			i = end
		case c == 0x1b && i+1 < len(s) && s[i+1] == ']':
			end, body := oscEnd(s, i+2)
			if link, ok := strings.CutPrefix(body, "8;"); ok {
				if params, target, ok := strings.Cut(link, ";"); ok {
					t.link(params, target)
				}
			}
			i = end
		case c == 0x1b:
			i = escEnd(s, i+1)
		case c == '\n':
			t.out = append(t.out, '\n')
			i++
		case c == '\t':
			t.out = append(t.out, ' ')
			i++
		case c < 0x20 || c == 0x7f:
			i++
		case c < utf8.RuneSelf:
			t.out = append(t.out, c)
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			switch {
			case r == utf8.RuneError && size == 1:
				t.out = utf8.AppendRune(t.out, utf8.RuneError)
			case r >= 0x80 && r < 0xa0:
				// An 8-bit control: drop it and any sequence it opens.
				if r == 0x9b || r == 0x9d || r == 0x90 || r == 0x9e || r == 0x9f || r == 0x98 {
					t.out = append(t.out, model.Sanitize(s[i:])...)
					i = len(s)
					continue
				}
			case !unsafeRune(r):
				t.out = append(t.out, s[i:i+size]...)
			}
			i += size
		}
	}
	t.link("", "")
	return Cells(string(t.out))
}

// terminalWriter is Terminal's output. A hyperlink's opening sequence is
// held back until the link closes: it is written before the link's text
// only when linkAllowed accepts that text.
type terminalWriter struct {
	out    []byte
	open   bool   // a hyperlink is open
	at     int    // where its text starts in out
	params string // its OSC 8 parameters (id=...)
	target string
}

// link handles an OSC 8 sequence: an empty target closes the open link,
// any other opens one (closing the open one first).
func (t *terminalWriter) link(params, target string) {
	if t.open {
		t.open = false
		if linkAllowed(stripANSI(string(t.out[t.at:])), t.target) {
			seq := "\x1b]8;" + t.params + ";" + t.target + "\x1b\\"
			t.out = append(t.out[:t.at], append([]byte(seq), t.out[t.at:]...)...)
			t.out = append(t.out, "\x1b]8;;\x1b\\"...)
		}
	}
	if target == "" || !SafeLink(target) || !sgrParams(strings.ReplaceAll(params, "id=", "")) {
		return
	}
	t.open, t.at, t.params, t.target = true, len(t.out), params, target
}

// linkAllowed reports whether a hyperlink to target may be drawn over
// visible: the text is the link itself, or the article's own words for
// it, as long as they name no site but the target's. "bank.example"
// over a link to another host is refused (the words stay, unlinked).
func linkAllowed(visible, target string) bool {
	v := strings.Join(strings.Fields(visible), "")
	if v == "" {
		return false
	}
	if v == target || strings.TrimSuffix(v, "/") == strings.TrimSuffix(target, "/") {
		return true
	}
	want := linkHost(target)
	for _, h := range hostRE.FindAllString(strings.ToLower(v), -1) {
		if h = strings.TrimPrefix(h, "www."); h != want {
			return false
		}
	}
	return true
}

// hostRE matches what reads as a host name: labels joined by dots,
// ending in a label of letters.
var hostRE = regexp.MustCompile(`(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}\b`)

// linkHost is the lower-cased host of a link target, without "www.";
// for mailto, the mail domain.
func linkHost(target string) string {
	u, err := url.Parse(target)
	if err != nil {
		return ""
	}
	h := u.Hostname()
	if u.Scheme == "mailto" {
		_, h, _ = strings.Cut(u.Opaque, "@")
		h, _, _ = strings.Cut(h, "?")
	}
	return strings.TrimPrefix(strings.ToLower(h), "www.")
}

// appendSGR appends the SGR sequence with parameters p keeping only the
// attributes brief's themes use: reset, bold, italic, underline,
// strike-through, their resets, and colors (the 16 named, 256-color and
// true-color forms). Blink, reverse, concealed text, fonts and anything
// unknown are dropped; a sequence left empty is not written.
func appendSGR(out []byte, p string) []byte {
	if p == "" {
		return append(out, "\x1b[m"...)
	}
	if !sgrParams(p) || strings.Contains(p, ":") {
		return out
	}
	ps := strings.Split(p, ";")
	var keep []string
	for i := 0; i < len(ps); i++ {
		n, err := strconv.Atoi(ps[i])
		if ps[i] == "" {
			n, err = 0, nil
		}
		if err != nil {
			return out
		}
		switch {
		case n == 0 || n == 1 || n == 3 || n == 4 || n == 9 || n == 22 || n == 23 || n == 24 || n == 29 || n == 39 || n == 49,
			n >= 30 && n <= 37, n >= 40 && n <= 47, n >= 90 && n <= 97, n >= 100 && n <= 107:
			keep = append(keep, strconv.Itoa(n))
		case n == 38 || n == 48:
			k := colorArgs(ps[i+1:])
			if k == 0 {
				i = len(ps) // malformed: drop the rest
				continue
			}
			keep = append(keep, ps[i:i+1+k]...)
			i += k
		}
	}
	if len(keep) == 0 {
		return out
	}
	out = append(out, "\x1b["...)
	out = append(out, strings.Join(keep, ";")...)
	return append(out, 'm')
}

// colorArgs returns how many parameters after 38 or 48 make a valid
// extended color (5;n or 2;r;g;b, each at most 255), or 0.
func colorArgs(ps []string) int {
	byteArg := func(s string) bool {
		n, err := strconv.Atoi(s)
		return err == nil && n >= 0 && n <= 255
	}
	switch {
	case len(ps) >= 2 && ps[0] == "5" && byteArg(ps[1]):
		return 2
	case len(ps) >= 4 && ps[0] == "2" && byteArg(ps[1]) && byteArg(ps[2]) && byteArg(ps[3]):
		return 4
	}
	return 0
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
