package analyze

import (
	"unicode"
	"unicode/utf8"
)

// Content words of derived key-point candidates: hashed, case-folded
// words, counted across the article.

// stopwords are too common to say what a sentence is about.
var stopwords = map[string]bool{
	"the": true, "a": true, "an": true, "and": true, "or": true, "but": true, "of": true,
	"to": true, "in": true, "on": true, "at": true, "for": true, "with": true, "by": true,
	"from": true, "as": true, "is": true, "are": true, "was": true, "were": true, "be": true,
	"been": true, "has": true, "have": true, "had": true, "it": true, "its": true, "that": true,
	"this": true, "these": true, "those": true, "he": true, "she": true, "they": true, "we": true,
	"i": true, "you": true, "his": true, "her": true, "their": true, "our": true, "said": true,
	"says": true, "will": true, "would": true, "could": true, "not": true, "who": true, "which": true,
	"than": true, "also": true, "after": true, "about": true, "into": true, "more": true, "there": true,
}

// termFrequencies counts content words across all candidates, whose
// words are all, in order.
func termFrequencies(all []uint64) wordCounts { return countWords(all) }

// scanSentence appends to out the hashes of the case-folded words of s
// that are long enough and not stopwords (runs of letters and digits of
// three bytes or more, hashed with foldHash), and returns the wordStats of
// s, in one pass.
func scanSentence(out []uint64, s string) ([]uint64, sentStats) {
	var st sentStats
	start := -1 // start of the current run of letters and digits
	var h uint64
	runASCII := true
	inWord := false // inside a space-separated word
	wstart := 0
	flush := func(end int) {
		if start >= 0 && end-start > 2 {
			hh := h
			if !runASCII {
				hh = foldHash(s[start:end])
			}
			if !stopwordHashes.has(hh) {
				out = append(out, hh)
			}
		}
		start = -1
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			k := kpClass[c]
			if k&kpSpace != 0 {
				if inWord && st.n == 1 {
					st.first = s[wstart:i]
				}
				inWord = false
			} else if !inWord {
				inWord = true
				st.n++
				wstart = i
				if st.n > 1 && k&kpCapDigit != 0 {
					st.caps++
				}
			}
			if k&kpAlnum != 0 {
				if start < 0 {
					start, h, runASCII = i, fnvOffset, true
				}
				// This byte and the ASCII letters and digits after it: none
				// of them starts a word.
				for {
					h ^= uint64(asciiLower[c])
					h *= fnvPrime
					i++
					if i >= len(s) {
						break
					}
					c = s[i]
					if c >= utf8.RuneSelf || kpClass[c]&kpAlnum == 0 {
						break
					}
				}
				continue
			}
			flush(i)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			if inWord && st.n == 1 {
				st.first = s[wstart:i]
			}
			inWord = false
		} else if !inWord {
			inWord = true
			st.n++
			wstart = i
			if st.n > 1 && unicode.IsUpper(r) {
				st.caps++
			}
		}
		if isAlnum(r) {
			if start < 0 {
				start = i
			}
			runASCII = false
		} else {
			flush(i)
		}
		i += size
	}
	if inWord && st.n == 1 {
		st.first = s[wstart:]
	}
	flush(len(s))
	return out, st
}

// FNV-1a constants for foldHash.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// ASCII classes for scanSentence.
const (
	kpSpace    = 1 << iota // white space as wordStats counts it
	kpAlnum                // a letter or digit
	kpCapDigit             // an upper-case letter or a digit
)

// asciiLower folds ASCII upper case.
var asciiLower = func() (t [utf8.RuneSelf]byte) {
	for c := range t {
		t[c] = byte(c)
		if 'A' <= c && c <= 'Z' {
			t[c] += 'a' - 'A'
		}
	}
	return t
}()

var kpClass = func() (t [utf8.RuneSelf]uint8) {
	for c := range t {
		r := rune(c)
		if r == ' ' || r < ' ' && unicode.IsSpace(r) {
			t[c] |= kpSpace
		}
		if isAlnum(r) {
			t[c] |= kpAlnum
		}
		if 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' {
			t[c] |= kpCapDigit
		}
	}
	return t
}()

// isAlnum reports whether r is a letter or digit, with an ASCII fast
// path.
func isAlnum(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// foldHash is the FNV-1a hash of the lower-cased word w.
func foldHash(w string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return foldHashRunes(h, w[i:])
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		h ^= uint64(c)
		h *= fnvPrime
	}
	return h
}

// foldHashRunes continues foldHash over non-ASCII text.
func foldHashRunes(h uint64, w string) uint64 {
	for _, r := range w {
		r = unicode.ToLower(r)
		for r > 0 {
			h ^= uint64(r & 0xff)
			h *= 1099511628211
			r >>= 8
		}
	}
	return h
}

// stopwordHashes holds foldHash of every stopword.
var stopwordHashes = func() hashCounts {
	m := newHashCounts(len(stopwords))
	for w := range stopwords {
		m.add(foldHash(w))
	}
	return m
}()
