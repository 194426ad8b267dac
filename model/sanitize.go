package model

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sanitize returns s with every terminal escape sequence and control
// character removed, so that text loaded from anywhere can be shown and
// stored safely. Newlines and tabs are kept (tabs become spaces); carriage
// returns are dropped; invalid UTF-8 becomes U+FFFD. ESC-introduced
// sequences (CSI, OSC, DCS, APC, PM, SOS and two-byte escapes) are removed
// whole, as are their 8-bit C1 equivalents; other C0 and C1 controls,
// zero-width format characters that can reorder text (bidi overrides) and
// the DEL character are dropped.
func Sanitize(s string) string {
	if isClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
			i++
		case r == 0x1b: // ESC
			i = skipEscape(s, i+1)
		case r == 0x9b: // 8-bit CSI
			i = skipCSI(s, i+size)
		case r == 0x9d || r == 0x90 || r == 0x9e || r == 0x9f || r == 0x98: // OSC, DCS, PM, APC, SOS
			i = skipString(s, i+size)
		case r == '\n':
			b.WriteByte('\n')
			i += size
		case r == '\t':
			b.WriteByte(' ')
			i += size
		case isUnsafe(r):
			i += size
		default:
			b.WriteString(s[i : i+size])
			i += size
		}
	}
	return b.String()
}

// isClean reports whether s needs no sanitizing: the common case, checked
// without allocating.
func isClean(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 && c != '\n') || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || isUnsafe(r) {
			return false
		}
		i += size
	}
	return true
}

// isUnsafe reports whether r must never reach a terminal.
func isUnsafe(r rune) bool {
	switch {
	case r < 0x20 || r == 0x7f:
		return true
	case r >= 0x80 && r < 0xa0: // C1 controls
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069: // bidi embeddings, overrides, isolates
		return true
	}
	return r != ' ' && unicode.Is(unicode.Cc, r)
}

// skipEscape skips the rest of an escape sequence whose ESC byte ended at
// i and returns the index after it.
func skipEscape(s string, i int) int {
	if i >= len(s) {
		return i
	}
	switch s[i] {
	case '[':
		return skipCSI(s, i+1)
	case ']', 'P', '^', '_', 'X':
		return skipString(s, i+1)
	}
	// Two-byte escape, possibly with intermediate bytes (ESC ( B).
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
		i++
	}
	if i < len(s) && s[i] >= 0x30 && s[i] <= 0x7e {
		i++
	}
	return i
}

// skipCSI skips parameter and intermediate bytes up to and including the
// final byte of a control sequence.
func skipCSI(s string, i int) int {
	for i < len(s) {
		c := s[i]
		i++
		if c >= 0x40 && c <= 0x7e {
			return i
		}
		if c < 0x20 || c > 0x7e {
			return i
		}
	}
	return i
}

// skipString skips a control string (OSC, DCS, ...) up to its terminator:
// BEL, ESC \ or the 8-bit ST.
func skipString(s string, i int) int {
	for i < len(s) {
		switch {
		case s[i] == 0x07:
			return i + 1
		case s[i] == 0x1b && i+1 < len(s) && s[i+1] == '\\':
			return i + 2
		case strings.HasPrefix(s[i:], "\u009c"):
			return i + len("\u009c")
		}
		i++
	}
	return i
}

// Invisible reports whether r is a zero-width or bidirectional format
// character that draws nothing but can shift or reorder what follows:
// zero width space, left-to-right and right-to-left marks, the Arabic
// letter mark, bidi embeddings, overrides and isolates, the word joiner,
// the Mongolian vowel separator and the byte order mark. The zero width
// joiner and non-joiner, which shape emoji and scripts, are not.
func Invisible(r rune) bool {
	switch {
	case r == 0x200b, r == 0x200e, r == 0x200f, r == 0x061c, r == 0x180e, r == 0x2060, r == 0xfeff:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// StripInvisible returns s without the characters Invisible reports:
// the form for text drawn in columns (titles, panels, the status line),
// where a character of no width that the terminal may still count
// misaligns everything after it.
func StripInvisible(s string) string {
	if strings.IndexFunc(s, Invisible) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if Invisible(r) {
			return -1
		}
		return r
	}, s)
}
