package analyze

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/brief-reader/brief/model"
)

// quoteSpan is one double-quoted stretch of a paragraph as found by
// scanQuotes. Text is para[start:end]; the region [mark, after) covers the
// marks too.
type quoteSpan struct {
	mark       int  // offset of the opening mark
	start, end int  // the words between the marks
	after      int  // offset just past the closing mark (end when unclosed)
	unclosed   bool // no closing mark: runs to the paragraph end or to a new opening mark
	reopened   bool // opened while the previous quote was still open (collapsed paragraphs)
}

// markKind classifies a quote mark.
type markKind uint8

const (
	markNone markKind = iota
	markOpen
	markClose
	markStraight // ", direction decided by context
)

// quoteMarkAt reports the double quote mark starting at s[i], if any, and
// its length in bytes. Two right single quotes (’’) close a quote and two
// left single quotes (‘‘) open one. Typewriter and wire copy write a
// double mark as two apostrophes, a straight mark, or opens one with two
// backticks.
func quoteMarkAt(s string, i int) (markKind, int) {
	c := s[i]
	switch {
	case c == '"':
		return markStraight, 1
	case c == '\'' && i+1 < len(s) && s[i+1] == '\'':
		if i+2 < len(s) && s[i+2] == '\'' {
			return markNone, 1 // ''' closes a single-quoted word, then the quote
		}
		return markStraight, 2
	case c == '`' && i+1 < len(s) && s[i+1] == '`':
		return markOpen, 2
	case c == 0xE2 && i+2 < len(s) && s[i+1] == 0x80:
		switch s[i+2] {
		case 0x9C, 0x9E: // “ „
			return markOpen, 3
		case 0x9D: // ”
			return markClose, 3
		case 0x99: // ’’
			if i+6 <= len(s) && s[i+3:i+6] == "\u2019" {
				return markClose, 6
			}
		case 0x98: // ‘‘
			if i+6 <= len(s) && s[i+3:i+6] == "\u2018" {
				return markOpen, 6
			}
		}
	case c == 0xC2 && i+1 < len(s):
		switch s[i+1] {
		case 0xAB: // «
			return markOpen, 2
		case 0xBB: // »
			return markClose, 2
		}
	}
	return markNone, 1
}

// opensBefore reports whether r, the rune before a straight quote mark, lets
// the mark open a quotation.
func opensBefore(r rune) bool {
	switch r {
	case '(', '[', '{', '—', '–', '-', '/', '“', '‘', '\'':
		return true
	}
	return unicode.IsSpace(r)
}

// nameThenVerb reports whether the words ws open with a capitalized name
// of at most four words (titles included) and a speech verb right after it
// ("Mr. Trump asked,").
func nameThenVerb(ws []string) bool {
	for i, w := range ws {
		if i > 4 {
			return false
		}
		w = strings.TrimRight(w, ".,;:!?")
		if isLowerWord(w) {
			return i > 0 && inSet(speechVerbs, w) && !inSet(weakSpeech, w)
		}
		if !isCap(w) {
			return false
		}
	}
	return false
}

// scanQuotes finds the double-quoted spans of a paragraph in one pass.
// Curly, straight and mixed marks pair up; a quote with no closing mark
// runs to the paragraph's end; an opening mark met inside an open quote,
// after white space, starts a new quote (paragraphs collapsed onto one
// line), and the old one ends before that space.
func scanQuotes(s string) []quoteSpan {
	var out []quoteSpan
	in := false
	var cur quoteSpan
	emit := func(end, after int, unclosed bool) {
		if unclosed {
			for end > cur.start {
				r, sz := utf8.DecodeLastRuneInString(s[:end])
				if !unicode.IsSpace(r) {
					break
				}
				end -= sz
			}
		}
		cur.end, cur.after, cur.unclosed = end, after, unclosed
		if unclosed {
			cur.after = end
		}
		if cur.end > cur.start {
			out = append(out, cur)
		}
		in = false
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c != '"' && c != 0xE2 && c != 0xC2 && c != '\'' && c != '`' {
			i++
			continue
		}
		kind, size := quoteMarkAt(s, i)
		if kind == markNone {
			i++
			continue
		}
		prev := ' '
		if i > 0 {
			prev, _ = utf8.DecodeLastRuneInString(s[:i])
		}
		next := ' '
		if i+size < len(s) {
			next, _ = utf8.DecodeRuneInString(s[i+size:])
		}
		prevOpen := i == 0 || opensBefore(prev)
		nextSpace := i+size >= len(s) || unicode.IsSpace(next)
		if prev == '=' && kind == markStraight && !in {
			// A markup attribute (author="..."), not a quotation: skip
			// to the mark that closes its value.
			if j := strings.IndexByte(s[i+size:], '"'); j >= 0 {
				i += size + j + 1
				continue
			}
		}
		switch kind {
		case markStraight:
			if !in {
				if nextSpace && !prevOpen {
					break // a stray closing mark
				}
				cur = quoteSpan{mark: i, start: i + size}
				in = true
			} else if prevOpen && !nextSpace && i > 0 && unicode.IsSpace(prev) {
				emit(i, i, true)
				cur = quoteSpan{mark: i, start: i + size, reopened: true}
				in = true
			} else {
				emit(i, i+size, false)
			}
		case markOpen:
			if in {
				emit(i, i, true)
				cur = quoteSpan{mark: i, start: i + size, reopened: true}
			} else {
				cur = quoteSpan{mark: i, start: i + size}
			}
			in = true
		case markClose:
			if in {
				emit(i, i+size, false)
			} else if prevOpen && !nextSpace {
				// A right mark used as an opening one.
				cur = quoteSpan{mark: i, start: i + size}
				in = true
			}
		}
		i += size
	}
	if in {
		emit(len(s), len(s), true)
	}
	return out
}

// quoteSentences returns the sentence spans of p with every boundary that
// falls inside a quotation removed, so that each quote, however many
// sentences it holds, lies within one span together with its attribution.
// New spans are built in buf, which is returned for reuse; the spans are
// only valid until then.
func quoteSentences(p paragraph, qs []quoteSpan, buf []model.Span) (spans, scratch []model.Span) {
	if len(qs) == 0 || len(p.sentences) < 2 {
		return p.sentences, buf
	}
	out := buf[:0]
	cur := p.sentences[0]
	qi := 0
	for _, sp := range p.sentences[1:] {
		b := sp.Start
		for qi < len(qs) && qs[qi].after <= b && qs[qi].end <= b {
			qi++
		}
		inside := false
		for j := qi; j < len(qs) && qs[j].mark < b; j++ {
			end := qs[j].after
			if qs[j].unclosed {
				end = qs[j].end
			}
			if b < end {
				inside = true
				break
			}
		}
		if inside || attributionFollows(p.text, qs, cur, sp) {
			cur.End = sp.End
			continue
		}
		out = append(out, cur)
		cur = sp
	}
	out = append(out, cur)
	// A quote that begins before the first sentence span (leading marks are
	// kept by the splitter) or ends after the last one is still covered:
	// widen the edges.
	if len(out) > 0 {
		if qs[0].mark < out[0].Start {
			out[0].Start = qs[0].mark
		}
		last := qs[len(qs)-1]
		if last.after > out[len(out)-1].End {
			out[len(out)-1].End = last.after
		}
	}
	return out, out
}

// attributionFollows reports whether the sentence next is only the
// attribution of a quotation that ends sentence cur with its own
// punctuation: `“... investigation?” Holmes testified.`
func attributionFollows(text string, qs []quoteSpan, cur, next model.Span) bool {
	var q *quoteSpan
	i := sort.Search(len(qs), func(i int) bool { return qs[i].after > cur.End })
	if i > 0 && !qs[i-1].unclosed && qs[i-1].after >= cur.End-1 {
		q = &qs[i-1]
	}
	if q == nil || q.end <= q.start || strings.TrimLeft(text[cur.Start:q.mark], " \t([—–-") != "" {
		return false // no quote, or one woven into a sentence of the writer's
	}
	r, _ := utf8.DecodeLastRuneInString(text[q.start:q.end])
	if r != '?' && r != '!' && r != '.' && r != '…' && r != '’' && r != '\'' {
		return false
	}
	ws := strings.Fields(text[next.Start:next.End])
	if len(ws) == 0 {
		return false
	}
	if len(ws) > 12 {
		// A long sentence may still open with the attribution: "Mr.
		// Trump asked, repeating a broadside ...".
		return r != '.' && nameThenVerb(ws)
	}
	if k, _ := quoteMarkAt(text, next.Start); k != markNone {
		return false
	}
	for i, w := range ws {
		if i >= 5 {
			break
		}
		w = strings.TrimRight(w, ".,;:!?")
		if isLowerWord(w) && inSet(speechVerbs, w) {
			return r != '.' || len(ws) <= 6
		}
	}
	return false
}
