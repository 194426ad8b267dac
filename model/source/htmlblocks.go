package source

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/brief-reader/brief/model"
)

// blockParagraphs returns the plain-text paragraph of each block: list
// items with their marker, headings and quotes as their own paragraphs.
func blocksParagraphs(blocks []block) []string {
	out := make([]string, 0, len(blocks))
	for _, b := range blocks {
		out = append(out, b.marker+b.plain)
	}
	return out
}

// blocksMarkdown renders blocks as Markdown: headings, nested lists, block
// quotes and fenced preformatted text.
func blocksMarkdown(blocks []block) string {
	var b strings.Builder
	size := 0
	for _, bl := range blocks {
		size += len(bl.md) + 8
	}
	b.Grow(size)
	for i, bl := range blocks {
		prefix := strings.Repeat("> ", bl.quote)
		if i > 0 {
			prev := blocks[i-1]
			if !(bl.kind == blockItem && prev.kind == blockItem && prev.quote == bl.quote) {
				b.WriteString(strings.TrimRight(strings.Repeat("> ", min(prev.quote, bl.quote)), " "))
				b.WriteByte('\n')
			}
		}
		indent := ""
		if bl.depth > 1 || (bl.depth == 1 && bl.kind != blockItem) {
			n := bl.depth
			if bl.kind == blockItem {
				n--
			}
			indent = strings.Repeat("   ", n)
		}
		switch bl.kind {
		case blockHeading:
			b.WriteString(prefix + strings.Repeat("#", bl.level) + " " + bl.md)
		case blockItem:
			b.WriteString(prefix + indent + bl.mdMarker + bl.md)
		case blockPre:
			fence := "```"
			for strings.Contains(bl.md, fence) {
				fence += "`"
			}
			lines := strings.Split(bl.md, "\n")
			b.WriteString(prefix + indent + fence + "\n")
			for _, l := range lines {
				b.WriteString(prefix + indent + l + "\n")
			}
			b.WriteString(prefix + indent + fence)
		default:
			b.WriteString(prefix + indent + bl.md)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// foldSpace returns b as a string with leading and trailing white space
// removed and every inner run folded to one space: what oneLine does,
// without the intermediate slices. Text that needs no folding is copied
// whole, and otherwise runs of text with single spaces are.
func foldSpace(b []byte) string {
	if !needsFold(b) {
		return string(b)
	}
	var out strings.Builder
	out.Grow(len(b))
	space := false
	for i := 0; i < len(b); {
		switch foldClass[b[i]] {
		case foldText:
			j := i + 1
			for j < len(b) {
				if k := foldClass[b[j]]; k == foldText {
					j++
					continue
				} else if k == foldSpaceByte && j+1 < len(b) && foldClass[b[j+1]] == foldText {
					j += 2
					continue
				}
				break
			}
			if space && out.Len() > 0 {
				out.WriteByte(' ')
			}
			space = false
			out.Write(b[i:j])
			i = j
		case foldSpaceByte, foldASCIISpace:
			space = true
			i++
		default:
			r, size := utf8.DecodeRune(b[i:])
			if unicode.IsSpace(r) {
				space = true
			} else {
				if space && out.Len() > 0 {
					out.WriteByte(' ')
				}
				space = false
				out.Write(b[i : i+size])
			}
			i += size
		}
	}
	return out.String()
}

// needsFold reports whether foldSpace changes b: it has white space at
// either end, two spaces in a row, or white space other than a space. It
// searches for each with the vectorised byte search, which is several
// times faster than a loop over the bytes for text that needs no change.
func needsFold(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	if b[0] == ' ' || b[len(b)-1] == ' ' || bytes.Contains(b, []byte("  ")) {
		return true
	}
	for _, c := range []byte("\t\n\v\f\r") {
		if bytes.IndexByte(b, c) >= 0 {
			return true
		}
	}
	// The other white space is U+0085, U+00A0, U+1680 and U+2000–U+3000,
	// whose first bytes (never continuation bytes) are these.
	for _, lead := range []byte{0xc2, 0xe1, 0xe2, 0xe3} {
		for s := b; ; {
			i := bytes.IndexByte(s, lead)
			if i < 0 {
				break
			}
			if r, _ := utf8.DecodeRune(s[i:]); unicode.IsSpace(r) {
				return true
			}
			s = s[i+1:]
		}
	}
	return false
}

// Byte classes for foldSpace.
const (
	foldText       = iota // not white space, nor the start of a rune that may be
	foldSpaceByte         // ' '
	foldASCIISpace        // the other ASCII white space: \t \n \v \f \r
	foldMaybe             // first byte of a rune that may be white space (U+0085, U+00A0, U+1680, U+2000–U+3000)
)

// foldClass is the class of each byte.
var foldClass = [256]uint8{' ': foldSpaceByte, '\t': foldASCIISpace, '\n': foldASCIISpace, '\v': foldASCIISpace,
	'\f': foldASCIISpace, '\r': foldASCIISpace, 0xc2: foldMaybe, 0xe1: foldMaybe, 0xe2: foldMaybe, 0xe3: foldMaybe}

// hasEscape reports whether s may hold an escape sequence: an ESC, or a
// C1 control (CSI, OSC, DCS…) encoded in UTF-8.
func hasEscape[T string | []byte](s T) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == 0x1b || c == 0xc2 && i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] < 0xa0 {
			return true
		}
	}
	return false
}

// hasEscapeBytes is hasEscape for a whole document, with the bytes
// package's fast search.
func hasEscapeBytes(b []byte) bool {
	if bytes.IndexByte(b, 0x1b) >= 0 {
		return true
	}
	for i := bytes.IndexByte(b, 0xc2); i >= 0 && i+1 < len(b); {
		if b[i+1] >= 0x80 && b[i+1] < 0xa0 {
			return true
		}
		j := bytes.IndexByte(b[i+1:], 0xc2)
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// markdownSpecial marks the bytes markdownEscaper escapes.
var markdownSpecial = [256]bool{'\\': true, '`': true, '*': true, '_': true, '[': true, ']': true,
	'<': true, '>': true, '#': true, '|': true, '~': true}

// appendEscaped appends s to dst escaped as markdownEscaper does, without
// making a string of it first. Text that holds an escape sequence is
// sanitized first: escaping the sequence's bytes ("\x1b[2J" to
// "\x1b\\[2J") would keep the sanitizer from seeing a sequence, and it
// would drop the ESC and leave "[2J" on screen.
func appendEscaped[T string | []byte](dst []byte, s T) []byte {
	if hasEscape(s) {
		return appendEscaped(dst, model.Sanitize(string(s)))
	}
	for len(s) > 0 {
		i := 0
		for i < len(s) && !markdownSpecial[s[i]] {
			i++
		}
		dst = append(dst, s[:i]...)
		if i == len(s) {
			break
		}
		dst = append(dst, '\\', s[i])
		s = s[i+1:]
	}
	return dst
}
