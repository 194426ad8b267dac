package analyze

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokKind tells words, punctuation and whole quotations apart.
type tokKind uint8

const (
	tWord tokKind = iota
	tPunct
	tQuote // a whole quotation, marks included
)

// tok is one token of a sentence outside its quotations; each quotation is
// a single tQuote token.
type tok struct {
	s     string
	start int32 // offset of s in the paragraph
	// meta packs the word classes (for tWord, below clsBits), the kind
	// and the case flags (fCap, fLower), so that a token takes 24 bytes.
	meta uint32
}

// Layout of tok.meta: 28 bits of classes, 2 of kind, 2 of flags.
const (
	clsBits   = 28
	clsMask   = 1<<clsBits - 1
	kindShift = clsBits
	flagShift = clsBits + 2
)

// Every word class must fit in the bits kept for classes.
var _ = [clsMask - int(makingVerbs)]struct{}{}

// mkTok makes a token.
func mkTok(s string, start int, kind tokKind, cls wclass, flags uint8) tok {
	return tok{s: s, start: int32(start), meta: uint32(cls)&clsMask | uint32(kind)<<kindShift | uint32(flags)<<flagShift}
}

// kind tells words, punctuation and quotations apart.
func (t tok) kind() tokKind { return tokKind(t.meta >> kindShift & 3) }

// cls returns the word classes of a word token (0 for others).
func (t tok) cls() wclass { return wclass(t.meta & clsMask) }

// flags returns the case flags of a word token.
func (t tok) flags() uint8 { return uint8(t.meta >> flagShift & 3) }

// pos is the offset of the token in its paragraph.
func (t tok) pos() int { return int(t.start) }

// stop is the offset just past the token in its paragraph.
func (t tok) stop() int { return int(t.start) + len(t.s) }

// tokenize appends the tokens of s[from:to] to buf. The quotations qs of
// the paragraph (in order) become single tQuote tokens.
func tokenize(s string, from, to int, qs []quoteSpan, buf []tok) []tok {
	qi := 0
	for qi < len(qs) && regionEnd(qs[qi]) <= from {
		qi++
	}
	i := from
	for i < to {
		if qi < len(qs) && i >= qs[qi].mark {
			e := regionEnd(qs[qi])
			if e > to {
				e = to
			}
			buf = append(buf, mkTok(s[qs[qi].mark:e], qs[qi].mark, tQuote, 0, 0))
			i = e
			qi++
			continue
		}
		limit := to
		if qi < len(qs) && qs[qi].mark < limit {
			limit = qs[qi].mark
		}
		c := s[i]
		var r rune
		sz := 1
		if c < utf8.RuneSelf {
			if asciiClass[c]&aSpace != 0 {
				i++
				continue
			}
			r = rune(c)
		} else {
			r, sz = utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				i += sz
				continue
			}
		}
		switch {
		case c < utf8.RuneSelf && asciiClass[c]&aWord != 0 || c >= utf8.RuneSelf && isWordRune(r) ||
			r == '#' || r == '@' || r == '$' || r == '£' || r == '€':
			j := wordEnd(s, i+sz, limit)
			w := s[i:j]
			buf = append(buf, mkTok(w, i, tWord, classOf(w), caseFlags(w)))
			i = j
		default:
			j := i + sz
			if r == '-' || r == '.' {
				for j < limit && s[j] == byte(r) {
					j++
				}
			}
			buf = append(buf, mkTok(s[i:j], i, tPunct, 0, 0))
			i = j
		}
	}
	return buf
}

// quoteIndex returns the index in qs of the quotation whose opening mark
// is at mark.
func quoteIndex(qs []quoteSpan, mark int) int {
	return sort.Search(len(qs), func(i int) bool { return qs[i].mark >= mark })
}

// regionEnd is where the quotation q's marks end.
func regionEnd(q quoteSpan) int {
	if q.unclosed {
		return q.end
	}
	return q.after
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// wordEnd returns the end of the word whose rest starts at i: letters and
// digits, joined by inner apostrophes, hyphens, periods, ampersands and
// slashes; a final period is kept for abbreviations and initials, a final
// apostrophe after s for plural possessives.
func wordEnd(s string, i, limit int) int {
	for i < limit {
		c := s[i]
		r, sz := rune(c), 1
		if c < utf8.RuneSelf {
			if asciiClass[c]&aWord != 0 {
				i++
				continue
			}
		} else {
			r, sz = utf8.DecodeRuneInString(s[i:])
			if isWordRune(r) || unicode.Is(unicode.Mn, r) {
				i += sz
				continue
			}
		}
		switch r {
		case '\'', '’', '-', '.', '&', '/', '%', '_':
			if i+sz < limit {
				r2, _ := utf8.DecodeRuneInString(s[i+sz:])
				if isWordRune(r2) {
					i += sz
					continue
				}
			}
			if r == '%' {
				return i + sz
			}
			if r == '.' && keepsPeriod(s[:i]) {
				return i + sz
			}
			if (r == '\'' || r == '’') && i > 0 && (s[i-1] == 's' || s[i-1] == 'S') {
				return i + sz
			}
		}
		return i
	}
	return i
}

// ASCII character classes for the tokenizer's fast path.
const (
	aSpace = 1 << iota // unicode.IsSpace
	aWord              // a letter or digit
)

var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for c := range t {
		if unicode.IsSpace(rune(c)) {
			t[c] |= aSpace
		}
		if isWordRune(rune(c)) {
			t[c] |= aWord
		}
	}
	return t
}()

// Token case flags, from the first rune of the token.
const (
	fCap   = 1 << iota // starts with an upper-case letter (isCap)
	fLower             // starts with a lower-case letter (isLowerWord)
)

// caseFlags returns the case flags of a word.
func caseFlags(w string) uint8 {
	if w == "" {
		return 0
	}
	if c := w[0]; c < utf8.RuneSelf {
		switch {
		case 'A' <= c && c <= 'Z':
			return fCap
		case 'a' <= c && c <= 'z':
			return fLower
		}
		return 0
	}
	var f uint8
	if isCap(w) {
		f |= fCap
	}
	if isLowerWord(w) {
		f |= fLower
	}
	return f
}

// capital reports whether the token starts with an upper-case letter.
func (t tok) capital() bool { return t.flags()&fCap != 0 }

// lower reports whether the token starts with a lower-case letter.
func (t tok) lower() bool { return t.flags()&fLower != 0 }

// keepsPeriod reports whether the word ending at the end of s takes the
// period that follows it: initials, dotted abbreviations and known ones.
func keepsPeriod(s string) bool {
	j := len(s)
	for j > 0 {
		r, sz := utf8.DecodeLastRuneInString(s[:j])
		if !unicode.IsLetter(r) && r != '.' {
			break
		}
		j -= sz
	}
	w := s[j:]
	if w == "" {
		return false
	}
	if utf8.RuneCountInString(w) == 1 {
		r, _ := utf8.DecodeRuneInString(w)
		return unicode.IsUpper(r)
	}
	if strings.Contains(w, ".") {
		return true
	}
	return inMap(abbreviations, w)
}

// lowerInto writes the ASCII-lowered s into buf and reports whether it fit.
func lowerInto(buf []byte, s string) (int, bool) {
	if len(s) > len(buf) {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return len(s), true
}

// inMap reports whether the lower case of s is in m, without allocating.
func inMap(m map[string]bool, s string) bool {
	var buf [48]byte
	n, ok := lowerInto(buf[:], s)
	return ok && m[string(buf[:n])]
}

// isCap reports whether the word starts with an upper-case letter.
func isCap(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// isLowerWord reports whether the word starts with a lower-case letter.
func isLowerWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// possessive reports whether the word ends in a possessive 's or s'.
func possessive(s string) bool {
	n := len(s)
	if n < 2 {
		return false
	}
	// Decided by the last byte, without a suffix search for most words.
	switch s[n-1] {
	case 's': // 's, ’s
		return s[n-2] == '\'' || n >= 4 && s[n-4:n-1] == "’"
	case '\'': // s'
		return s[n-2] == 's'
	case 0x99: // s’ (’ is E2 80 99)
		return n >= 4 && s[n-3:] == "’" && s[n-4] == 's'
	}
	return false
}

// stripPossessive removes a possessive ending.
func stripPossessive(s string) string {
	if !possessive(s) {
		return s
	}
	switch {
	case strings.HasSuffix(s, "'s"):
		return s[:len(s)-2]
	case strings.HasSuffix(s, "’s"):
		return s[:len(s)-len("’s")]
	case strings.HasSuffix(s, "s'"):
		return s[:len(s)-1]
	case strings.HasSuffix(s, "s’"):
		return s[:len(s)-len("’")]
	}
	return s
}

// tokText joins the words of ts with single spaces, punctuation attached.
func tokText(ts []tok) string {
	if len(ts) == 1 {
		return ts[0].s
	}
	n := 0
	for i, t := range ts {
		if i > 0 && spaceBefore(t) {
			n++
		}
		n += len(t.s)
	}
	var b strings.Builder
	b.Grow(n)
	for i, t := range ts {
		if i > 0 && spaceBefore(t) {
			b.WriteByte(' ')
		}
		b.WriteString(t.s)
	}
	return b.String()
}

// spaceBefore reports whether tokText puts a space before t: before words
// and quotations, and before an opening bracket or a dash.
func spaceBefore(t tok) bool {
	return t.kind() != tPunct || t.s == "(" || t.s == "&" || t.s == "-" || t.s == "--" || t.s == "—" || t.s == "–"
}
