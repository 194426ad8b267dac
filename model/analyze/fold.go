package analyze

import (
	"strings"
	"unicode/utf8"
)

// lowerKey returns strings.ToLower(s) as bytes, written into buf when s is
// ASCII (the usual case), so that a map lookup m[string(lowerKey(...))]
// does not allocate.
func lowerKey(buf []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return []byte(strings.ToLower(s))
		}
	}
	return appendLowerASCII(buf[:0], s)
}

// appendLowerASCII appends the ASCII string s in lower case to b.
func appendLowerASCII(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

// titleKey is the registry key of the title-and-surname form of a
// surname: "\x00title:" and the surname in lower case.
func titleKey(buf []byte, surname string) []byte {
	b := append(buf[:0], "\x00title:"...)
	for i := 0; i < len(surname); i++ {
		if surname[i] >= utf8.RuneSelf {
			return append(b, strings.ToLower(surname)...)
		}
	}
	return appendLowerASCII(b, surname)
}

// appendLower appends strings.ToLower(s) to b.
func appendLower(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return append(b, strings.ToLower(s)...)
		}
	}
	return appendLowerASCII(b, s)
}

// isLowerASCII reports whether s is ASCII with no upper-case letter, so
// that strings.ToLower(s) == s.
func isLowerASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			return false
		}
	}
	return true
}

// joinLowerKey appends strings.ToLower(strings.Join(words, " ")) to b.
func joinLowerKey(b []byte, words []string) []byte {
	for i, w := range words {
		if i > 0 {
			b = append(b, ' ')
		}
		b = appendLower(b, w)
	}
	return b
}

// nameLowerKey appends strings.ToLower(nameText(ts)) to b.
func nameLowerKey(b []byte, ts []tok) []byte {
	for i, t := range ts {
		if i > 0 {
			b = append(b, ' ')
		}
		w := t.s
		if i == len(ts)-1 {
			w = stripPossessive(w)
		}
		b = appendLower(b, w)
	}
	return b
}

// isClausePunct reports whether c is a period, comma, semicolon or colon.
func isClausePunct(c byte) bool { return c == '.' || c == ',' || c == ';' || c == ':' }

// trimPunctRight is strings.TrimRight(w, ".,;:") without building the
// cut set on every call.
func trimPunctRight(w string) string {
	for len(w) > 0 && isClausePunct(w[len(w)-1]) {
		w = w[:len(w)-1]
	}
	return w
}

// trimPunct is strings.Trim(w, ".,;:") without building the cut set on
// every call.
func trimPunct(w string) string {
	for len(w) > 0 && isClausePunct(w[0]) {
		w = w[1:]
	}
	return trimPunctRight(w)
}
