package source

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/brief-reader/brief/model"
)

// ParseText reads a plain-text article: an optional headline on the first
// line, then paragraphs separated by blank lines, or by single line breaks
// where the lines are not wrapped text (see blockParagraphs). An article
// that opens
// with its lede paragraph instead of a headline gets a derived title.
// Bullet lines ("•", "-", "*", "–", "1.") become paragraphs of their own,
// a closing credit line ("… contributed to this report.") becomes
// Article.Credit, and a leading "By …" line becomes Article.Byline.
func ParseText(origin, text string) (model.Article, error) {
	a := model.Article{Origin: origin, Format: model.FormatText}
	blocks := textBlocks(text)
	if len(blocks) == 0 {
		return a, &Error{origin, ErrEmpty}
	}
	for i, lines := range blocks {
		paras := blockParagraphs(lines)
		// The first line is the headline when it stands alone: on a line
		// of its own, or as a paragraph of its own in a block of
		// single-line paragraphs.
		if first := squeezeSpace(lines[0]); i == 0 && paras[0] == first && (isHeadline(first) || longHeadline(first, nextParagraph(blocks, paras))) {
			a.Title = first
			paras = paras[1:]
		}
		a.Paragraphs = append(a.Paragraphs, paras...)
	}
	extractFrame(&a)
	if len(a.Paragraphs) == 0 {
		if a.Title == "" {
			return a, &Error{origin, ErrNoBody}
		}
		// A one-line file: the line is all the text there is.
		a.Paragraphs = []string{a.Title}
	}
	if a.Title == "" {
		a.Title = deriveTitle(a.Paragraphs)
	}
	a.Markdown = paragraphsMarkdown(a.Paragraphs)
	return a, nil
}

// textBlocks splits text into blocks of non-blank lines. Lines holding
// only white space count as blank.
func textBlocks(text string) [][]string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	var blocks [][]string
	var cur []string
	for _, line := range strings.Split(text, "\n") {
		if strings.TrimSpace(line) == "" {
			if len(cur) > 0 {
				blocks = append(blocks, cur)
				cur = nil
			}
			continue
		}
		cur = append(cur, line)
	}
	if len(cur) > 0 {
		blocks = append(blocks, cur)
	}
	return blocks
}

// squeezeSpace returns line with its runs of white space made single
// spaces and its ends trimmed, as strings.Join(strings.Fields(line), " ")
// does, without copying a line that is already so (most are).
func squeezeSpace(line string) string {
	prevSpace := true // a space at the start needs trimming
	for i := 0; i < len(line); {
		c := line[i]
		size := 1
		space := c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
		if c >= utf8.RuneSelf {
			var r rune
			r, size = utf8.DecodeRuneInString(line[i:])
			space = unicode.IsSpace(r)
		}
		if space && (c != ' ' || prevSpace) {
			return strings.Join(strings.Fields(line), " ")
		}
		prevSpace = space
		i += size
	}
	if prevSpace && line != "" {
		return strings.Join(strings.Fields(line), " ") // a space at the end
	}
	return line
}

// bulletRE matches a list-item marker at the start of a line.
var bulletRE = regexp.MustCompile(`^\s*(?:[•\-*–—▪●◦‣]|\d{1,2}[.)])\s+\S`)

// blockParagraphs turns one block of lines into paragraphs. Each bullet
// line starts a paragraph of its own. Other lines are joined with spaces
// when the block is wrapped text; when it is not, each line that does not
// carry on the sentence before it (one starting in lower case) starts a
// paragraph: text whose paragraphs are separated by single line breaks.
func blockParagraphs(lines []string) []string {
	norm := make([]string, len(lines))
	width := 0
	for i, line := range lines {
		norm[i] = squeezeSpace(line)
		width = max(width, utf8.RuneCountInString(norm[i]))
	}
	lines = norm
	wrapped := isWrapped(lines, width)
	var out []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.Join(cur, " "))
			cur = nil
		}
	}
	for i, line := range lines {
		if bulletRE.MatchString(line) || i > 0 && paragraphBreak(lines[i-1], line, wrapped, width) {
			flush()
		}
		cur = append(cur, line)
	}
	flush()
	return out
}

// Text wrapped at a fixed width is taken to have lines of at most
// maxWrapWidth runes, the longest at least minWrapWidth: a block with
// longer or only shorter lines is not wrapped.
const (
	minWrapWidth = 40
	maxWrapWidth = 100
)

// isWrapped reports whether a block of lines at most width wide is
// wrapped text, hard line breaks inside its paragraphs: it is as wide as
// wrapped text is, and at least one of them breaks off in
// mid-sentence. That is a line before a line that is no bullet, which
// ends no sentence and is no heading: a heading is short and leaves room
// for the next line's first word.
func isWrapped(lines []string, width int) bool {
	if width < minWrapWidth || width > maxWrapWidth {
		return false
	}
	for i, line := range lines[:max(len(lines)-1, 0)] {
		next := lines[i+1]
		if !endsSentence(line) && !bulletRE.MatchString(next) && !(isHeadingLike(line) && fits(line, next, width)) {
			return true
		}
	}
	return false
}

// fits reports whether the first word of next would have fitted at the
// end of line in text wrapped at width.
func fits(line, next string, width int) bool {
	word, _, _ := strings.Cut(next, " ")
	return utf8.RuneCountInString(line)+1+utf8.RuneCountInString(word) <= width
}

// paragraphBreak reports whether the line break between prev and next, in
// a block of lines at most width wide, ends a paragraph. A line starting
// in lower case carries on the one before it. In wrapped text a break
// ends a paragraph only after a sentence or a heading, and only where the
// next line's first word would have fitted on prev: a wrapping tool broke
// the line for no other reason.
func paragraphBreak(prev, next string, wrapped bool, width int) bool {
	r, _ := utf8.DecodeRuneInString(next)
	if unicode.IsLower(r) {
		return false
	}
	if !wrapped {
		return true
	}
	return (endsSentence(prev) || isHeadingLike(prev)) && fits(prev, next, width)
}

// endsSentence reports whether line ends with sentence-final punctuation,
// possibly followed by closing quote marks or brackets.
func endsSentence(line string) bool {
	if signedQuote.MatchString(line) {
		return true // "“...” ― Nils Berg": a quotation and who said it
	}
	line = strings.TrimRight(line, "\"”’')]»")
	r, _ := utf8.DecodeLastRuneInString(line)
	return r == '.' || r == '!' || r == '?' || r == '…'
}

// signedQuote matches a line that ends with a quotation signed by a dash
// and a name, as lists of quotes are written: “...” ― Nils Berg, mayor.
var signedQuote = regexp.MustCompile(`["”]\s*[―—–-]\s*\p{Lu}[^"“”]{0,80}$`)

// nextParagraph returns the paragraph after the first of the first block:
// the second paragraph of the block, or the first line of the next.
func nextParagraph(blocks [][]string, first []string) string {
	if len(first) > 1 {
		return first[1]
	}
	if len(blocks) > 1 {
		return blocks[1][0]
	}
	return ""
}

// longHeadline reports whether a first line of 13 to 20 words ending in a
// full stop is a headline, not the lede: it quotes and reports no one,
// and it is in title case or the paragraph after it, the lede, restates
// it (half its longer words again).
func longHeadline(line, next string) bool {
	n := len(strings.Fields(line))
	if n <= 12 || n > 20 || !strings.HasSuffix(line, ".") || strings.HasSuffix(line, "...") ||
		strings.ContainsAny(line, "\"“”") || reportingRE.MatchString(line) || next == "" {
		return false
	}
	words := contentWords(line)
	if len(words) == 0 {
		return false
	}
	caps := 0
	for _, w := range words {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			caps++
		}
	}
	if caps*10 >= len(words)*7 {
		return true
	}
	lede := strings.ToLower(next)
	again := 0
	for _, w := range words {
		if strings.Contains(lede, strings.ToLower(w)) {
			again++
		}
	}
	return again*2 >= len(words)
}

// reportingRE matches the verbs of a lede that reports speech.
var reportingRE = regexp.MustCompile(`(?i)\b(said|says|told|tells|according|announced|claimed|warned)\b`)

// contentWords returns the words of s of four letters or more.
func contentWords(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '’' }) {
		if utf8.RuneCountInString(w) >= 4 {
			out = append(out, w)
		}
	}
	return out
}

// isHeadline reports whether the first line of a file is a headline rather
// than the lede: short, and not a long sentence ending in a period.
func isHeadline(line string) bool {
	line = strings.TrimSpace(line)
	n := utf8.RuneCountInString(line)
	if n == 0 || n > 200 || bulletRE.MatchString(line) {
		return false
	}
	w := len(strings.Fields(line))
	if strings.HasSuffix(line, ".") && !strings.HasSuffix(line, "...") {
		return w <= 12
	}
	return w <= 30
}

// The costliest patterns (Unicode classes) are compiled at first use, not
// at start: the reader's first frame waits for package initialisation,
// while a load compiles them on a worker, beside the terminal's setup.
var (
	creditRE = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)(contributed (to )?(this )?report|contributed reporting|^(reporting|writing|editing|additional reporting) by\b|^this (article|story) (has been|was) adapted from)`)
	})
	bylineRE = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^(?i:by)\s+\p{Lu}[\p{L}.'’-]*(\s+\p{Lu}[\p{L}.'’-]*){0,4}(\s*(,|and)\s*\p{Lu}[\p{L}.'’ -]*)*$`)
	})
	// datelineRE matches an opening place line: "WASHINGTON (AP) —",
	// "DUBAI, United Arab Emirates —", "(CNN) --", "Indianapolis –".
	datelineRE = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^((\p{Lu}[\p{L}.'’ ]*?(,\s*[\p{L}.'’ ]+)?)?\s*(\([A-Za-z .]+\))?)\s*(—|--|–|-)\s`)
	})
)

// extractFrame moves the credit and byline lines out of the body and
// records the dateline.
func extractFrame(a *model.Article) {
	p := a.Paragraphs
	for len(p) > 0 {
		last := p[len(p)-1]
		if len(last) < 200 && creditRE().MatchString(last) && !strings.ContainsAny(last, "“\"") {
			if a.Credit == "" {
				a.Credit = last
			} else {
				a.Credit = last + " " + a.Credit
			}
			p = p[:len(p)-1]
			continue
		}
		break
	}
	if len(p) > 0 && len(p[0]) < 80 && bylineRE().MatchString(p[0]) {
		a.Byline = p[0]
		p = p[1:]
	}
	// A byline without "By": a name and a newsroom title on a line of
	// their own before the lede ("Christian Datoc Senior White House
	// Correspondent") is the header's, not a sub-heading of the body.
	for i := 0; i < len(p)-1 && i < 2; i++ {
		if bylineLike(p[i]) {
			if a.Byline == "" {
				a.Byline = p[i]
			}
			p = append(p[:i:i], p[i+1:]...)
			break
		}
	}
	for _, para := range p {
		if bulletRE.MatchString(para) || isHeadingLike(para) {
			continue
		}
		// A dateline is short: matching a bounded prefix keeps the
		// backtracking regexp from scanning the whole lede.
		if m := matchDateline(prefix(para, 120)); m != nil && strings.TrimSpace(m[1]) != "" {
			d := strings.TrimSpace(m[1])
			if len(strings.Fields(d)) <= 6 && (isUpperWord(d) || strings.Contains(d, "(") || strings.Contains(d, ",")) || len(strings.Fields(d)) == 1 {
				a.Dateline = d
			}
		}
		break
	}
	a.Paragraphs = p
}

// matchDateline is datelineRE().FindStringSubmatch(s), skipping the
// backtracking regexp for the paragraphs that cannot match: before its
// dash a dateline holds only letters, spaces, commas, periods,
// apostrophes and brackets, so a paragraph whose first other character is
// not a dash (nearly every lede) has none.
func matchDateline(s string) []string {
	for _, r := range s {
		switch {
		case unicode.IsLetter(r), r == ' ', r == '\t', r == '\n', r == '\f', r == '\r',
			r == ',', r == '.', r == '\'', r == '’', r == '(', r == ')':
			continue
		case r == '-', r == '—', r == '–':
			return datelineRE().FindStringSubmatch(s)
		}
		return nil
	}
	return nil
}

// isUpperWord reports whether the letters of s up to its first comma or
// bracket are all upper case, as in a dateline ("BUFFALO, N.Y.").
func isUpperWord(s string) bool {
	if i := strings.IndexAny(s, ",("); i >= 0 {
		s = s[:i]
	}
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if !unicode.IsUpper(r) {
				return false
			}
		}
	}
	return letters > 1
}

// bylineLike reports whether a heading-like line is a name with a
// newsroom title ("Christian Datoc Senior White House Correspondent",
// "Ana Ruiz, Staff Writer"): every word capitalised, and one of them a
// newsroom role.
func bylineLike(p string) bool {
	if !isHeadingLike(p) {
		return false
	}
	words := strings.Fields(strings.ReplaceAll(p, ",", " "))
	if len(words) < 3 || len(words) > 9 {
		return false
	}
	role := false
	for _, w := range words {
		switch strings.ToLower(w) {
		case "correspondent", "reporter", "editor", "writer", "columnist", "contributor",
			"journalist", "producer", "photographer", "staff", "analyst":
			role = true
		case "and", "of", "the", "at", "for", "de", "van", "von":
			continue
		}
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) {
			return false
		}
	}
	return role
}

// isHeadingLike reports whether a paragraph reads as a sub-heading: one
// short line with no sentence-final punctuation.
func isHeadingLike(p string) bool {
	p = strings.TrimSpace(p)
	if p == "" || utf8.RuneCountInString(p) > 80 || len(strings.Fields(p)) > 10 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(p)
	return !strings.ContainsRune(".,;\"”’'", last)
}

// deriveTitle makes a short headline-like title from the lede when an
// article has no headline: the first sentence of the first real paragraph,
// cut at a clause boundary when it is long.
func deriveTitle(paras []string) string {
	lede := ""
	for _, p := range paras {
		if !bulletRE.MatchString(p) && !isHeadingLike(p) {
			lede = p
			break
		}
	}
	if lede == "" {
		lede = paras[0]
	}
	sentence := firstSentence(lede)
	ws := strings.Fields(sentence)
	const max = 12
	if len(ws) <= max {
		return strings.TrimRight(sentence, ".")
	}
	// Cut before a clause that starts with a reporting word, if one falls
	// within reach; else at the word limit.
	cut := max
	for i := 6; i < len(ws) && i <= max+2; i++ {
		switch strings.ToLower(strings.Trim(ws[i], ",;:")) {
		case "saying", "that", "which", "who", "after", "as", "while", "amid", "because":
			cut = i
		}
		if cut != max {
			break
		}
		if strings.HasSuffix(ws[i-1], ",") || strings.HasSuffix(ws[i-1], ";") {
			cut = i
			break
		}
	}
	if cut > len(ws) {
		cut = len(ws)
	}
	title := strings.TrimRight(strings.Join(ws[:cut], " "), ",;:")
	return title + "…"
}

// firstSentence returns the first sentence of p.
func firstSentence(p string) string {
	for i, r := range p {
		if r == '.' || r == '!' || r == '?' {
			next := i + 1
			if next >= len(p) {
				return p
			}
			if p[next] == ' ' && next+1 < len(p) {
				nr, _ := utf8.DecodeRuneInString(p[next+1:])
				prev := p[:i]
				if unicode.IsUpper(nr) && !endsWithInitial(prev) {
					return p[:i+1]
				}
			}
		}
	}
	return p
}

// endsWithInitial reports whether s ends in a single capital letter or a
// dotted abbreviation ("U.S"), whose period does not end a sentence.
func endsWithInitial(s string) bool {
	j := strings.LastIndexByte(s, ' ')
	w := s[j+1:]
	if utf8.RuneCountInString(w) == 1 {
		return true
	}
	return strings.Contains(w, ".") || w == "Mr" || w == "Mrs" || w == "Ms" || w == "Dr"
}
