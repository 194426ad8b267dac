package render

import (
	"strings"
	"unicode/utf8"

	xansi "github.com/charmbracelet/x/ansi"
)

// stripANSI returns s without escape sequences.
func stripANSI(s string) string { return xansi.Strip(s) }

// stringWidth is the display width of s in cells: escape sequences
// count zero, wide characters (CJK, emoji) two.
func stringWidth(s string) int { return xansi.StringWidth(s) }

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
