package render

import (
	"strings"
	"unicode/utf8"

	xansi "github.com/charmbracelet/x/ansi"
)

// stripANSI returns s without escape sequences.
func stripANSI(s string) string { return xansi.Strip(s) }

// stringWidth is the display width of s in cells: escape sequences
// count zero, wide characters (CJK, emoji) two. Text made only of
// narrow characters (Latin, Greek, Cyrillic, punctuation, box drawing)
// is measured by a fast scan; anything else by grapheme clusters.
func stringWidth(s string) int {
	w := 0
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == 0x1b && i+1 < len(s) && s[i+1] == '[':
			i, _ = csiEnd(s, i+2)
		case c == 0x1b && i+1 < len(s) && s[i+1] == ']':
			i, _ = oscEnd(s, i+2)
		case c < 0x20 || c == 0x7f:
			return xansi.StringWidth(s)
		case c < utf8.RuneSelf:
			w++
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if !narrowRune(r) {
				return xansi.StringWidth(s)
			}
			w++
			i += size
		}
	}
	return w
}

// narrowRune reports whether r is certainly one cell wide on its own and
// never joins a grapheme cluster with its neighbours.
func narrowRune(r rune) bool {
	switch {
	case r < 0xa0:
		return false // C1 controls: let the full measure decide
	case r < 0x300:
		return r != 0xad // soft hyphen
	case r < 0x370:
		return false // combining diacritics
	case r < 0x1100:
		return r < 0x483 || r > 0x489 && r < 0x591 || r > 0x5c7 && r < 0x610 || r >= 0x700 && r < 0x900
	case r >= 0x2010 && r <= 0x2027, r >= 0x2030 && r <= 0x205e:
		return true // dashes, quotes, bullets, ellipsis, primes
	case r >= 0x2190 && r <= 0x21ff, r >= 0x2500 && r <= 0x259f:
		return true // arrows, box drawing, block elements
	}
	return false
}

// truncate cuts styled s to at most w cells.
func truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	return xansi.Truncate(s, w, "")
}

// truncateTail cuts styled s to at most w cells, ending in "…" when cut.
func truncateTail(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if stringWidth(s) <= w {
		return s
	}
	return xansi.Truncate(s, w, "…")
}

// pad returns styled s cut or padded with spaces to exactly w cells.
func pad(s string, w int) string {
	sw := stringWidth(s)
	if sw > w {
		s = truncate(s, w)
		sw = stringWidth(s)
	}
	if sw < w {
		return s + strings.Repeat(" ", w-sw)
	}
	return s
}

// wrap wraps plain text to w cells per line, breaking words longer than
// a line (and text without spaces, such as CJK) wherever needed.
func wrap(s string, w int) []string {
	if w < 1 {
		w = 1
	}
	return strings.Split(xansi.Wrap(s, w, ""), "\n")
}

// cut returns cells [left, right) of styled s.
func cut(s string, left, right int) string { return xansi.Cut(s, left, right) }

// truncateLeft drops the first n cells of styled s, keeping its styling
// sequences.
func truncateLeft(s string, n int) string { return xansi.TruncateLeft(s, n, "") }

// trimRightStyled drops the trailing blanks of a styled line, with the
// style sequences that only color them, and ends the line with a reset.
// OSC sequences (hyperlink ends) after the last visible character are
// kept.
func trimRightStyled(s string) string {
	last := -1 // index after the last visible non-space character
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == 0x1b && i+1 < len(s) && s[i+1] == '[':
			end, _ := csiEnd(s, i+2)
			i = end
		case c == 0x1b && i+1 < len(s) && s[i+1] == ']':
			end, _ := oscEnd(s, i+2)
			i = end
		case c == ' ':
			i++
		default:
			_, size := decodeRune(s[i:])
			i += size
			last = i
		}
	}
	if last < 0 {
		return ""
	}
	if last == len(s) {
		return s
	}
	var b strings.Builder
	b.WriteString(s[:last])
	// Keep hyperlink ends from the tail.
	for i := last; i < len(s); {
		if s[i] == 0x1b && i+1 < len(s) && s[i+1] == ']' {
			end, _ := oscEnd(s, i+2)
			b.WriteString(s[i:end])
			i = end
			continue
		}
		i++
	}
	if strings.Contains(s[:last], "\x1b[") {
		b.WriteString("\x1b[m")
	}
	return b.String()
}

func decodeRune(s string) (rune, int) { return utf8.DecodeRuneInString(s) }

// WarmWidthTables builds the code-point width tables that the terminal
// renderer consults, for terminals that measure text by code point
// rather than by grapheme cluster, the first time it meets a character
// beyond U+02FF. Building them takes ~15 ms; a program calls this in a
// goroutine at start so that its first frame does not wait for them.
func WarmWidthTables() { xansi.StringWidthWc("\u2014") }
