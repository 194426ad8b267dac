package analyze

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/brief-reader/brief/model"
)

// document is the article body prepared for analysis: its paragraphs and
// the sentences within each.
type document struct {
	paras []paragraph
	spans []model.Span // backs every paragraph's sentences
}

// paragraph is one block of the body with its sentence boundaries.
type paragraph struct {
	text      string
	sentences []model.Span
}

// sentence returns the text of the i-th sentence of p.
func (p paragraph) sentence(i int) string {
	s := p.sentences[i]
	return p.text[s.Start:s.End]
}

func newDocument(paras []string) *document {
	d := &document{paras: getParas(len(paras))}
	// The sentences of every paragraph share one backing array.
	size := 0
	for _, t := range paras {
		size += len(t)
	}
	buf := getSpans(size/80 + len(paras))
	for i, t := range paras {
		from := len(buf)
		buf = appendSentences(buf, t)
		var sents []model.Span
		if len(buf) > from {
			sents = buf[from:len(buf):len(buf)]
		}
		d.paras[i] = paragraph{text: t, sentences: sents}
	}
	d.spans = buf
	return d
}

// Pools of the document's arrays, reused between analyses: a document
// lives only while Analyze runs and nothing in a Brief points into it.
// Arrays are cleared before they are pooled, so they keep no text alive.
var (
	parasPool sync.Pool // *[]paragraph
	spansPool sync.Pool // *[]model.Span
)

// getParas returns a zeroed slice of n paragraphs.
func getParas(n int) []paragraph {
	if p, ok := parasPool.Get().(*[]paragraph); ok && cap(*p) >= n {
		return (*p)[:n]
	}
	return make([]paragraph, n)
}

// getSpans returns an empty span buffer with room for n spans.
func getSpans(n int) []model.Span {
	if p, ok := spansPool.Get().(*[]model.Span); ok && cap(*p) >= n {
		return (*p)[:0]
	}
	return make([]model.Span, 0, n)
}

// release returns the document's arrays to their pools; d must not be
// used afterwards.
func (d *document) release() {
	if c := cap(d.paras); c > 0 && c <= 1<<16 {
		ps := d.paras[:c]
		clear(ps)
		ps = ps[:0]
		parasPool.Put(&ps)
	}
	if c := cap(d.spans); c > 0 && c <= 1<<20 {
		sp := d.spans[:0]
		spansPool.Put(&sp)
	}
	d.paras, d.spans = nil, nil
}

// abbreviations end with a period that does not end a sentence. Keys are
// lower case, without the period.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "rev": true,
	"gen": true, "lt": true, "col": true, "maj": true, "capt": true, "sgt": true,
	"cpl": true, "pvt": true, "adm": true, "cmdr": true, "gov": true, "sen": true,
	"rep": true, "reps": true, "sens": true, "pres": true, "supt": true, "atty": true, "del": true,
	"hon": true, "st": true, "jr": true, "sr": true, "no": true, "nos": true,
	"vs": true, "etc": true, "inc": true, "co": true, "corp": true, "ltd": true,
	"bros": true, "dept": true, "univ": true, "assn": true, "ave": true, "blvd": true,
	"mt": true, "ft": true, "fig": true, "approx": true, "est": true, "ex": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true,
	"aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"a.m": true, "p.m": true, "e.g": true, "i.e": true, "u.s": true, "u.k": true,
	"u.n": true, "d.c": true, "u.s.a": true, "e.u": true,
}

// sentenceStarters are words that, capitalized after an abbreviation such
// as "U.S.", still begin a new sentence.
var sentenceStarters = map[string]bool{
	"the": true, "a": true, "an": true, "he": true, "she": true, "it": true,
	"they": true, "we": true, "i": true, "but": true, "and": true, "this": true,
	"that": true, "these": true, "those": true, "in": true, "on": true, "at": true,
	"his": true, "her": true, "their": true, "its": true, "there": true, "meanwhile": true,
}

// isClosing reports whether r can follow sentence-final punctuation and
// still belong to the sentence: closing quote marks and brackets.
func isClosing(r rune) bool {
	switch r {
	case '"', '\'', '’', '”', ')', ']', '»':
		return true
	}
	return false
}

// isOpening reports whether r can open a new sentence before its first
// letter: opening quote marks and brackets.
func isOpening(r rune) bool {
	switch r {
	case '"', '\'', '‘', '“', '(', '[', '«':
		return true
	}
	return false
}

// splitSentences returns the sentence spans of s. A sentence ends at '.',
// '!' or '?' (and any closing quote marks or brackets after it) followed by
// white space and an upper-case letter, digit or opening mark, unless the
// period belongs to a known abbreviation or an initial ("Brian M. Good").
// Leading and trailing white space is excluded from each span.
func splitSentences(s string) []model.Span { return appendSentences(nil, s) }

// appendSentences appends the sentence spans of s to spans.
func appendSentences(spans []model.Span, s string) []model.Span {
	start := skipSpace(s, 0)
	i := start
	for i < len(s) {
		// Only '.', '!', '?' and '…' (which starts with 0xE2, never a
		// continuation byte) can end a sentence.
		for i < len(s) && !sentenceEndLead[s[i]] {
			i++
		}
		if i >= len(s) {
			break
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r != '.' && r != '!' && r != '?' && r != '…' {
			i += size
			continue
		}
		end := i + size
		// Swallow repeated terminal punctuation ("!!!", "?!") and closers.
		for end < len(s) {
			r2, sz := utf8.DecodeRuneInString(s[end:])
			if r2 == '.' || r2 == '!' || r2 == '?' || isClosing(r2) {
				end += sz
				continue
			}
			break
		}
		next := skipSpace(s, end)
		if next == end || next >= len(s) {
			i = end
			continue
		}
		if r == '.' && isAbbreviation(s[start:i], s[next:]) {
			i = end
			continue
		}
		nr, _ := utf8.DecodeRuneInString(s[next:])
		if !(unicode.IsUpper(nr) || unicode.IsDigit(nr) || isOpening(nr)) {
			i = end
			continue
		}
		spans = append(spans, trimSpan(s, start, end))
		start = next
		i = next
	}
	if start < len(s) {
		if sp := trimSpan(s, start, len(s)); sp.End > sp.Start {
			spans = append(spans, sp)
		}
	}
	return spans
}

// sentenceEndLead marks the bytes that can start a sentence-ending rune.
var sentenceEndLead = [256]bool{'.': true, '!': true, '?': true, 0xE2: true}

// isAbbreviation reports whether the word ending just before a period is
// an abbreviation or initial, so the period does not end the sentence.
// before is the sentence so far (up to the period); after is the text that
// follows the white space after it.
func isAbbreviation(before, after string) bool {
	j := len(before)
	for j > 0 {
		r, sz := utf8.DecodeLastRuneInString(before[:j])
		if unicode.IsLetter(r) || r == '.' {
			j -= sz
			continue
		}
		break
	}
	word := before[j:]
	if word == "" {
		return false
	}
	// A single capital letter is an initial ("M." in "Brian M. Good").
	if utf8.RuneCountInString(word) == 1 {
		r, _ := utf8.DecodeRuneInString(word)
		return unicode.IsUpper(r)
	}
	var kb [16]byte
	if dottedInitials(word) {
		// "J.M. Berger", "E.J. Dionne": initials, unless the next word
		// plainly starts a sentence.
		return !sentenceStarters[string(lowerKey(kb[:], firstWord(after)))]
	}
	if !abbreviations[string(lowerKey(kb[:], word))] {
		return false
	}
	// Dotted abbreviations such as "U.S." may still end a sentence when
	// the next word plainly starts one. (Lower-casing keeps the dots.)
	if strings.Contains(word, ".") {
		return !sentenceStarters[string(lowerKey(kb[:], firstWord(after)))]
	}
	return true
}

// dottedInitials reports whether w is capital letters joined by periods
// ("J.M", "J.R.R"), the last period not included.
func dottedInitials(w string) bool {
	if len(w) < 3 {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if i%2 == 0 && (c < 'A' || c > 'Z') || i%2 == 1 && c != '.' {
			return false
		}
	}
	return len(w)%2 == 1
}

// firstWord returns the leading run of letters of s.
func firstWord(s string) string {
	for i, r := range s {
		if !unicode.IsLetter(r) {
			return s[:i]
		}
	}
	return s
}

func skipSpace(s string, i int) int {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += size
	}
	return i
}

// trimSpan returns [start, end) with surrounding white space removed.
func trimSpan(s string, start, end int) model.Span {
	for start < end {
		r, size := utf8.DecodeRuneInString(s[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		start += size
	}
	for end > start {
		r, size := utf8.DecodeLastRuneInString(s[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= size
	}
	return model.Span{Start: start, End: end}
}

// words splits s into words on white space.
func words(s string) []string { return strings.Fields(s) }
