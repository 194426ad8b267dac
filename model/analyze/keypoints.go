package analyze

import (
	"sort"
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

// bulletLen returns the length of the list marker (with the white space
// around it) that opens a bullet paragraph, or 0 when t is not a bullet:
// "•", "-", "*", "–", "—", "▪", "●", "◦", "‣", or a number of one or two
// digits followed by "." or ")".
func bulletLen(t string) int {
	i := 0
	for i < len(t) && (t[i] == ' ' || t[i] == '\t') {
		i++
	}
	j := i
	switch {
	case j < len(t) && (t[j] == '-' || t[j] == '*'):
		j++
	case j < len(t) && t[j] >= '0' && t[j] <= '9':
		k := j + 1
		if k < len(t) && t[k] >= '0' && t[k] <= '9' {
			k++
		}
		if k >= len(t) || (t[k] != '.' && t[k] != ')') {
			return 0
		}
		j = k + 1
	default:
		r, size := utf8.DecodeRuneInString(t[j:])
		if !strings.ContainsRune("•–—▪●◦‣", r) || size == 0 {
			return 0
		}
		j += size
	}
	k := j
	for k < len(t) && (t[k] == ' ' || t[k] == '\t') {
		k++
	}
	if k == j || k >= len(t) {
		return 0
	}
	return k
}

// keyPoints returns the article's key points and the heading they came
// under. An explicit section is a heading from keyPointHeadings followed by
// bullets (or, in pull-quote boxes, by one short paragraph that the body
// repeats); without one, 3 to 5 points are derived from the lede and the
// most informative sentences.
func keyPoints(doc *document, title string) ([]model.KeyPoint, string) {
	for i, p := range doc.paras {
		heading, ok := keyPointHeading(p.text)
		if !ok {
			continue
		}
		if kps := sectionPoints(doc, i+1); len(kps) > 0 {
			return kps, heading
		}
	}
	return derivedKeyPoints(doc, title), ""
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
	var buf [64]byte
	if keyPointHeadings[string(normHeading(buf[:0], t))] {
		return t, true
	}
	return "", false
}

// normHeading appends to b the words of t in lower case, joined by single
// spaces: strings.ToLower(strings.Join(strings.Fields(t), " ")), without
// allocating when t is ASCII.
func normHeading(b []byte, t string) []byte {
	if !isASCII(t) {
		return append(b, strings.ToLower(strings.Join(strings.Fields(t), " "))...)
	}
	start := len(b)
	for i := 0; i < len(t); {
		for i < len(t) && asciiSpaceByte(t[i]) {
			i++
		}
		if i == len(t) {
			break
		}
		if len(b) > start {
			b = append(b, ' ')
		}
		for i < len(t) && !asciiSpaceByte(t[i]) {
			c := t[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
			i++
		}
	}
	return b
}

// asciiSpaceByte reports whether c is white space as strings.Fields
// sees it in ASCII text.
func asciiSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// sectionPoints collects the key points that follow a heading at index
// start: the run of bullet paragraphs, or else a short pull paragraph.
func sectionPoints(doc *document, start int) []model.KeyPoint {
	var kps []model.KeyPoint
	for i := start; i < len(doc.paras); i++ {
		t := doc.paras[i].text
		n := bulletLen(t)
		if n == 0 {
			break
		}
		if text := strings.TrimSpace(t[n:]); text != "" {
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
var datelinePrefixRE = lazyRegexp(`^(?:(?:[\p{Lu}][\p{L}.'’ ]*(?:,\s*[\p{L}.'’ ]+)?\s*)?(?:\([A-Za-z .]+\))?\s*(?:—|--|–)\s+|\([A-Za-z .]+\)\s+)`)

// candidate is a sentence considered for a derived key point.
type candidate struct {
	text      string
	para, pos int
	score     float64
	stats     sentStats
	// from and to are the candidate's content words (hashes, case
	// folded) as a range of the words shared by all candidates.
	from, to int32
	bad      bool // never a key point (keypoint_filter.go)
	lede     bool // the article's first sentence
}

// sentStats are wordStats of a candidate's text.
type sentStats struct {
	n, caps int
	first   string
}

// derivedKeyPoints picks the lede and the most informative sentences of an
// article without a key-point section, in document order. Promo lines,
// captions, pieces of quotations, sentences cut at a dash, sentences that
// lean on the one before and the title repeated are never chosen.
func derivedKeyPoints(doc *document, title string) []model.KeyPoint {
	nsent, size := 0, 0
	for _, p := range doc.paras {
		nsent += len(p.sentences)
		size += len(p.text)
	}
	cands := make([]candidate, 0, nsent)
	all := getU64(size/8 + 8)[:0]
	defer func() { putU64(all) }()
	bodyParas := 0
	var inQuote []bool
	title = normTitle(title)
	promo := false // a promo or caption came before the first candidate
	for i, p := range doc.paras {
		if isHeading(p.text) || bulletLen(p.text) > 0 {
			continue
		}
		if promoCaption(p.text) {
			promo = true
			continue
		}
		bodyParas++
		inQuote = quoteOpenAt(p, inQuote)
		for j := range p.sentences {
			s := strings.TrimSpace(p.sentence(j))
			if len(cands) == 0 && (strings.Contains(s, "(") || strings.Contains(s, "—") || strings.Contains(s, "--") || strings.Contains(s, "–")) {
				s = stripDateline(s)
			}
			from := len(all)
			var st sentStats
			all, st = scanSentence(all, s)
			// The title repeated as a paragraph of its own is no point;
			// a title derived from the lede's first sentence leaves the
			// lede alone.
			again := len(p.sentences) == 1 && sameAsTitle(s, title)
			bad := inQuote[j] || promoCaption(s) || cutAtDash(s) || listRow(st) || again
			cands = append(cands, candidate{text: s, para: i, pos: len(cands), stats: st, from: int32(from), to: int32(len(all)), bad: bad, lede: len(cands) == 0 && !promo})
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
	freq := termFrequencies(all)
	defer putU64(freq.slots)
	for i := range cands {
		if !cands[i].bad {
			cands[i].score = informativeness(cands[i], &freq)
		}
	}
	// The lede always leads, when it is a usable sentence.
	chosen := []candidate{}
	used := map[int]bool{}
	if first := cands[0]; first.score > 0 {
		chosen = append(chosen, first)
		used[0] = true
	}
	// The rest by score, skipping any that repeat a chosen fact.
	order := make([]int, 0, len(cands))
	for i, c := range cands {
		if !used[i] && c.score > 0 {
			order = append(order, i)
		}
	}
	sort.SliceStable(order, func(x, y int) bool { return cands[order[x]].score > cands[order[y]].score })
	for _, i := range order {
		if len(chosen) >= want {
			break
		}
		if !similarToAny(cands[i], chosen, all) {
			chosen = append(chosen, cands[i])
		}
	}
	sortByPosition(chosen)
	return keyPointsOf(chosen)
}

// isHeading reports whether a paragraph is a short heading-like line.
func isHeading(t string) bool {
	t = strings.TrimSpace(t)
	if t == "" || len(t) > 320 || utf8.RuneCountInString(t) > 80 {
		return false
	}
	if n, _, _ := wordStats(t); n > 10 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(t)
	return !strings.ContainsRune(".,;\"”’'!?", last) || strings.HasSuffix(t, "...")
}

// wordStats counts the words of s and those after the first that start
// with a capital or a digit, and returns the first word.
func wordStats(s string) (n, caps int, first string) {
	inWord := false
	start := 0
	for i, r := range s {
		if r == ' ' || (r >= utf8.RuneSelf || r < ' ') && unicode.IsSpace(r) {
			if inWord && n == 1 {
				first = s[start:i]
			}
			inWord = false
			continue
		}
		if !inWord {
			inWord = true
			n++
			start = i
			if n > 1 && ('A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r >= utf8.RuneSelf && unicode.IsUpper(r)) {
				caps++
			}
		}
	}
	if inWord && n == 1 {
		first = s[start:]
	}
	return n, caps, first
}

// informativeness scores a sentence for a derived key point: favour
// sentences of reporting length that carry the article's recurring terms,
// names and figures, early in the piece; penalise quotes; never questions
// or sentences that lean on an earlier one.
func informativeness(c candidate, freq *wordCounts) float64 {
	n, caps, firstWord := c.stats.n, c.stats.caps, c.stats.first
	if n < 6 || n > 60 {
		return 0
	}
	first, _ := utf8.DecodeRuneInString(c.text)
	if isQuoteMark(first) && !quotedTitleFirst(c.text) || strings.HasSuffix(c.text, "?") || strings.HasSuffix(c.text, ":") {
		return 0
	}
	score := 0.0
	for _, w := range freq.words[c.from:c.to] {
		if f := freq.get(w); f > 1 {
			score += float64(f - 1)
		}
	}
	score /= float64(n)
	score += 0.05 * float64(caps)
	if !c.lede && leansOn(c.text, firstWord) {
		return 0 // the lede stands on its own: "Another storm hit …"
	}
	if strings.IndexByte(c.text, '"') >= 0 || strings.Contains(c.text, "“") || strings.Contains(c.text, "”") {
		if !balancedQuotes(c.text) {
			return 0 // cut out of a longer quotation: it starts or ends inside one
		}
		score *= 0.6
	}
	score *= 1.0 / (1.0 + float64(c.pos)/12.0)
	return score
}

// balancedQuotes reports whether every quotation opened in s is closed
// in it: an even number of straight marks, as many “ as ”.
func balancedQuotes(s string) bool {
	return strings.Count(s, "\"")%2 == 0 && strings.Count(s, "“") == strings.Count(s, "”")
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
// sentence already chosen (the same fact said twice); all holds the
// candidates' words.
func similarToAny(c candidate, chosen []candidate, all []uint64) bool {
	cw := all[c.from:c.to]
	if len(cw) == 0 {
		return true
	}
	for _, o := range chosen {
		shared := 0
		for _, w := range cw {
			for _, ow := range all[o.from:o.to] {
				if w == ow {
					shared++
					break
				}
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
	sort.Slice(cs, func(i, j int) bool { return cs[i].pos < cs[j].pos })
}
