package analyze

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/brief-reader/brief/model"
)

// keyPointHeadings are the headings, lower-cased and without punctuation,
// that introduce an article's own key points.
var keyPointHeadings = map[string]bool{
	"what you need to know": true, "what to know": true, "what we know": true,
	"key points": true, "key takeaways": true, "takeaways": true, "the takeaways": true,
	"highlights": true, "story highlights": true, "key highlights": true,
	"at a glance": true, "the big picture": true, "big picture": true,
	"tl;dr": true, "tldr": true, "tl dr": true, "summary": true, "in summary": true,
	"in brief": true, "the essentials": true, "key facts": true, "main points": true,
	"the latest": true, "quick read": true, "why it matters": true, "the bottom line": true,
}

// bulletMarkerRE matches the list marker that opens a bullet paragraph.
var bulletMarkerRE = regexp.MustCompile(`^\s*(?:[•\-*–—▪●◦‣]|\d{1,2}[.)])\s+`)

// keyPoints returns the article's key points and the heading they came
// under. An explicit section is a heading from keyPointHeadings followed by
// bullets (or, in pull-quote boxes, by one short paragraph that the body
// repeats); without one, 3 to 5 points are derived from the lede and the
// most informative sentences.
func keyPoints(doc *document) ([]model.KeyPoint, string) {
	for i, p := range doc.paras {
		heading, ok := keyPointHeading(p.text)
		if !ok {
			continue
		}
		if kps := sectionPoints(doc, i+1); len(kps) > 0 {
			return kps, heading
		}
	}
	return derivedKeyPoints(doc), ""
}

// keyPointHeading reports whether text is a key-point heading, returning
// it as written without markup.
func keyPointHeading(text string) (string, bool) {
	t := strings.TrimSpace(text)
	if len(t) > 60 {
		return "", false
	}
	t = strings.Trim(t, "#*_=:.- \t")
	t = strings.TrimSpace(strings.TrimSuffix(t, ":"))
	norm := strings.ToLower(strings.Join(strings.Fields(t), " "))
	if keyPointHeadings[norm] {
		return t, true
	}
	return "", false
}

// sectionPoints collects the key points that follow a heading at index
// start: the run of bullet paragraphs, or else a short pull paragraph.
func sectionPoints(doc *document, start int) []model.KeyPoint {
	var kps []model.KeyPoint
	for i := start; i < len(doc.paras); i++ {
		t := doc.paras[i].text
		loc := bulletMarkerRE.FindStringIndex(t)
		if loc == nil {
			break
		}
		if text := strings.TrimSpace(t[loc[1]:]); text != "" {
			kps = append(kps, model.KeyPoint{Text: text, Paragraph: i})
		}
	}
	if len(kps) > 0 || start >= len(doc.paras) {
		return kps
	}
	// No bullets: a highlights box holding pull sentences. Take the first
	// paragraph when it is short, and any following ones that the body
	// repeats word for word.
	for i := start; i < len(doc.paras); i++ {
		p := doc.paras[i]
		short := len(p.sentences) <= 2 && utf8.RuneCountInString(p.text) <= 300
		if !short || (i > start && !repeatedLater(doc, i)) {
			break
		}
		kps = append(kps, model.KeyPoint{Text: strings.TrimSpace(p.text), Paragraph: i})
		if !repeatedLater(doc, i) {
			break
		}
	}
	return kps
}

// repeatedLater reports whether paragraph i occurs again later in the
// document (a pull sentence repeated in the body).
func repeatedLater(doc *document, i int) bool {
	want := strings.TrimSpace(doc.paras[i].text)
	for _, p := range doc.paras[i+1:] {
		if strings.Contains(p.text, want) {
			return true
		}
	}
	return false
}

// datelinePrefixRE matches an opening dateline that a derived key point
// should not repeat: "WASHINGTON (AP) — ", "(CNN) -- ", "DUBAI, United Arab
// Emirates — ".
var datelinePrefixRE = regexp.MustCompile(`^(?:(?:[\p{Lu}][\p{L}.'’ ]*(?:,\s*[\p{L}.'’ ]+)?\s*)?(?:\([A-Za-z .]+\))?\s*(?:—|--|–)\s+|\([A-Za-z .]+\)\s+)`)

// candidate is a sentence considered for a derived key point.
type candidate struct {
	text      string
	para, pos int
	score     float64
}

// derivedKeyPoints picks the lede and the most informative sentences of an
// article without a key-point section, in document order.
func derivedKeyPoints(doc *document) []model.KeyPoint {
	var cands []candidate
	bodyParas := 0
	for i, p := range doc.paras {
		if isHeading(p.text) || bulletMarkerRE.MatchString(p.text) {
			continue
		}
		bodyParas++
		for j := range p.sentences {
			s := strings.TrimSpace(p.sentence(j))
			if len(cands) == 0 {
				s = datelinePrefixRE.ReplaceAllString(s, "")
			}
			cands = append(cands, candidate{text: s, para: i, pos: len(cands)})
		}
	}
	if len(cands) == 0 {
		return nil
	}
	want := 3
	switch {
	case bodyParas >= 16:
		want = 5
	case bodyParas >= 9:
		want = 4
	}
	freq := termFrequencies(cands)
	for i := range cands {
		cands[i].score = informativeness(cands[i], freq)
	}
	// The lede always leads, when it is a usable sentence.
	chosen := []candidate{}
	used := map[int]bool{}
	if first := cands[0]; first.score > 0 {
		chosen = append(chosen, first)
		used[0] = true
	}
	for len(chosen) < want {
		best := -1
		for i, c := range cands {
			if used[i] || c.score <= 0 || similarToAny(c, chosen) {
				continue
			}
			if best < 0 || c.score > cands[best].score {
				best = i
			}
		}
		if best < 0 {
			break
		}
		used[best] = true
		chosen = append(chosen, cands[best])
	}
	sortByPosition(chosen)
	kps := make([]model.KeyPoint, len(chosen))
	for i, c := range chosen {
		kps[i] = model.KeyPoint{Text: c.text, Derived: true, Paragraph: c.para}
	}
	return kps
}

// isHeading reports whether a paragraph is a short heading-like line.
func isHeading(t string) bool {
	t = strings.TrimSpace(t)
	if t == "" || len(strings.Fields(t)) > 10 || utf8.RuneCountInString(t) > 80 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(t)
	return !strings.ContainsRune(".,;\"”’'!?", last) || strings.HasSuffix(t, "...")
}

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

// termFrequencies counts content words across all candidates.
func termFrequencies(cands []candidate) map[string]int {
	freq := map[string]int{}
	for _, c := range cands {
		for _, w := range contentWords(c.text) {
			freq[w]++
		}
	}
	return freq
}

// contentWords returns the lower-cased non-stopwords of s.
func contentWords(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		w = strings.ToLower(w)
		if len(w) > 2 && !stopwords[w] {
			out = append(out, w)
		}
	}
	return out
}

// informativeness scores a sentence for a derived key point: favour
// sentences of reporting length that carry the article's recurring terms,
// names and figures, early in the piece; penalise quotes, questions and
// sentences that lean on an earlier one.
func informativeness(c candidate, freq map[string]int) float64 {
	ws := strings.Fields(c.text)
	n := len(ws)
	if n < 6 || n > 60 {
		return 0
	}
	first, _ := utf8.DecodeRuneInString(c.text)
	if isQuoteMark(first) || strings.HasSuffix(c.text, "?") || strings.HasSuffix(c.text, ":") {
		return 0
	}
	score := 0.0
	for _, w := range contentWords(c.text) {
		if f := freq[w]; f > 1 {
			score += float64(f - 1)
		}
	}
	score /= float64(n)
	for _, w := range ws[1:] {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) || unicode.IsDigit(r) {
			score += 0.05
		}
	}
	switch strings.ToLower(strings.Trim(ws[0], ",")) {
	case "he", "she", "it", "they", "this", "that", "these", "those", "but", "and", "so", "yet":
		score *= 0.5
	}
	if strings.ContainsAny(c.text, "“”\"") {
		score *= 0.6
	}
	score *= 1.0 / (1.0 + float64(c.pos)/12.0)
	return score
}

// isQuoteMark reports whether r is a quotation mark.
func isQuoteMark(r rune) bool {
	switch r {
	case '"', '“', '”', '„', '«', '»', '‘', '’', '\'':
		return true
	}
	return false
}

// similarToAny reports whether c shares most of its content words with a
// sentence already chosen (the same fact said twice).
func similarToAny(c candidate, chosen []candidate) bool {
	cw := contentWords(c.text)
	if len(cw) == 0 {
		return true
	}
	for _, o := range chosen {
		set := map[string]bool{}
		for _, w := range contentWords(o.text) {
			set[w] = true
		}
		shared := 0
		for _, w := range cw {
			if set[w] {
				shared++
			}
		}
		if shared*10 >= len(cw)*6 {
			return true
		}
	}
	return false
}

// sortByPosition orders candidates as they appear in the article.
func sortByPosition(cs []candidate) {
	for i := 1; i < len(cs); i++ {
		for j := i; j > 0 && cs[j].pos < cs[j-1].pos; j-- {
			cs[j], cs[j-1] = cs[j-1], cs[j]
		}
	}
}
