package model

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Visible returns s with every character that could act on a terminal
// shown as an escape instead: C0 controls except newline and tab, and
// DEL, as \x1b; C1 controls and the zero-width and bidi format
// characters (Invisible) as \u009b; bytes that are not UTF-8 as \xff.
// It is how brief prints text from outside (file names, URLs, server
// replies, error messages) on its command line, where dropping
// characters silently would hide what a name really holds.
func Visible(s string) string {
	if visibleClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		writeVisible(&b, r, size, s[i])
		i += size
	}
	return b.String()
}

// visibleClean reports whether Visible would return s unchanged.
func visibleClean(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || (r >= 0x80 && r < 0xa0) || Invisible(r) {
			return false
		}
		i += size
	}
	return true
}

// writeVisible writes rune r (size bytes, first byte c) to b, escaped
// when it must be.
func writeVisible(b *strings.Builder, r rune, size int, c byte) {
	switch {
	case r == utf8.RuneError && size == 1:
		fmt.Fprintf(b, `\x%02x`, c)
	case r < 0x20 && r != '\n' && r != '\t', r == 0x7f:
		fmt.Fprintf(b, `\x%02x`, r)
	case r >= 0x80 && r < 0xa0, Invisible(r):
		fmt.Fprintf(b, `\u%04x`, r)
	default:
		b.WriteRune(r)
	}
}

// VisibleWriter writes through to w what Visible makes of it. A UTF-8
// sequence split between two writes is held until it is whole.
type VisibleWriter struct {
	w    io.Writer
	tail []byte // the start of a UTF-8 sequence cut off by the last write
}

// NewVisibleWriter returns a VisibleWriter writing to w.
func NewVisibleWriter(w io.Writer) *VisibleWriter { return &VisibleWriter{w: w} }

// Write writes p with its controls shown as escapes. It reports len(p)
// written when w took everything.
func (v *VisibleWriter) Write(p []byte) (int, error) {
	data := p
	if len(v.tail) > 0 {
		data = append(v.tail, p...)
		v.tail = nil
	}
	// Hold back an incomplete UTF-8 sequence at the end.
	cut := len(data)
	for k := 1; k <= utf8.UTFMax && k <= len(data); k++ {
		c := data[len(data)-k]
		if c < utf8.RuneSelf {
			break
		}
		if utf8.RuneStart(c) {
			if !utf8.FullRune(data[len(data)-k:]) {
				cut = len(data) - k
			}
			break
		}
	}
	v.tail = append(v.tail, data[cut:]...)
	if _, err := io.WriteString(v.w, Visible(string(data[:cut]))); err != nil {
		return 0, err
	}
	return len(p), nil
}
