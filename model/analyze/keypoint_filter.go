package analyze

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/brief-reader/brief/model"
)

// Sentences that can never be a derived key point: promo lines,
// captions, pieces of quotations, sentences cut at a dash, and sentences
// that only make sense after the one before.

// promoStarts open a promo or navigation line ("RELATED:", "READ MORE",
// "Click here", "Sign up", "Follow us", "Watch: …") or a caption or
// credit ("Media caption …", "Image copyright …", "Photo: …"). A sentence
// that opens with such an imperative tells the reader what to do next,
// never what happened. Each is lower case; one ending in a letter must be
// followed by a non-letter.
var promoStarts = []string{
	"related:", "related stories", "related articles", "related coverage", "more:", "also read",
	"read", "watch", "listen", "click", "see", "join", "share", "follow", "subscribe",
	"download", "sign up", "like us on", "get the latest", "get our", "advertisement",
	"continues after advertising", "this story has been updated", "this story was updated",
	"media caption", "image caption", "image copyright", "image source", "caption:",
	"photo:", "photograph:", "picture:", "pictured:", "video:", "image:", "file photo", "(photo",
}

// creditEnds close a picture credit: "… (Getty Images)", "… /AP Photo".
var creditEnds = []string{"getty images", "getty images)", "ap photo", "ap photo)", "/ reuters", "/reuters", "/afp", "/ afp"}

// promoCaption reports whether a paragraph or sentence is a promo line
// or a caption; none of its sentences can be a key point.
func promoCaption(p string) bool {
	p = strings.TrimSpace(p)
	if p == "" {
		return false
	}
	var buf [32]byte
	if c := p[0]; promoLead[c] && promoWord(p) {
		if head := appendLowerASCII(buf[:0], p[:min(len(p), len(buf))]); promoStart(head) {
			return true
		}
	}
	tail := strings.TrimRight(p[max(0, len(p)-16):], ".")
	if tail == "" {
		return false
	}
	switch tail[len(tail)-1] | 0x20 { // the last letters of creditEnds
	case 's', 'o', ')', 'p':
	default:
		return false
	}
	if strings.IndexByte(tail, '/') < 0 && !strings.Contains(tail, "etty") && !strings.Contains(tail, "ETTY") {
		return false // every credit ending holds a slash or Getty
	}
	tl := appendLowerASCII(buf[:0], tail)
	for _, w := range creditEnds {
		if len(tl) >= len(w) && string(tl[len(tl)-len(w):]) == w {
			return true
		}
	}
	return false
}

// promoWord reports whether the first word of p, in any case, is the
// first word of one of promoStarts: a quick test before promoStart.
func promoWord(p string) bool {
	i := 0
	for i < len(p) && i < 16 && isASCIILetter(p[i]) {
		i++
	}
	if i == 0 {
		return p[0] == '('
	}
	var buf [16]byte
	switch string(appendLowerASCII(buf[:0], p[:i])) {
	case "related", "more", "also", "read", "watch", "listen", "click", "see", "join", "share",
		"follow", "subscribe", "download", "sign", "like", "get", "advertisement", "continues",
		"this", "media", "image", "caption", "photo", "photograph", "picture", "pictured", "video", "file":
		return true
	}
	return false
}

// promoLead marks the first bytes of promoStarts, in either case.
var promoLead = func() (t [256]bool) {
	for _, w := range promoStarts {
		t[w[0]] = true
		if 'a' <= w[0] && w[0] <= 'z' {
			t[w[0]-'a'+'A'] = true
		}
	}
	return t
}()

// promoStart reports whether head, the lower-cased start of a text,
// opens with one of promoStarts.
func promoStart(head []byte) bool {
	for _, w := range promoStarts {
		if len(head) >= len(w) && string(head[:len(w)]) == w {
			last := w[len(w)-1]
			if last < 'a' || last > 'z' || len(head) == len(w) || !isASCIILetter(head[len(w)]) {
				return true
			}
		}
	}
	return false
}

// isASCIILetter reports whether c is an ASCII letter.
func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// leansOnPrevious are first words that make a sentence lean on the one
// before it: pronouns and possessives without their noun, demonstratives,
// and connectives.
var leansOnPrevious = map[string]bool{
	"he": true, "she": true, "it": true, "they": true, "his": true, "her": true, "its": true,
	"their": true, "him": true, "them": true, "this": true, "that": true, "these": true,
	"those": true, "such": true, "but": true, "and": true, "so": true, "yet": true, "or": true,
	"however": true, "also": true, "instead": true, "meanwhile": true, "moreover": true,
	"furthermore": true, "additionally": true, "nevertheless": true, "nonetheless": true,
	"thus": true, "therefore": true, "hence": true, "then": true, "besides": true,
	"otherwise": true, "likewise": true, "similarly": true, "consequently": true, "still": true,
	"another": true,
}

// leadsOnPhrases open a sentence that leans on the one before: "In that
// phase, …", "At the same time, …".
var leadsOnPhrases = []string{
	"by then", "since then", "until then", "at the same time", "during the same ",
	"in the same ", "on the same ", "the same ", "the latter", "the former", "the move ",
	"the comments ", "the remarks ", "in addition", "as a result", "even so",
	"on the other hand", "for his part", "for her part", "for their part", "in turn",
}

// leansOn reports whether a sentence only makes sense after the one
// before it.
func leansOn(s string, first string) bool {
	var kb [16]byte
	w := strings.TrimRight(first, ",;:")
	if w == "Still" && !strings.HasSuffix(first, ",") {
		return false // "Still basking in …" describes, "Still, …" connects
	}
	lw := lowerKey(kb[:], w)
	if leansOnPrevious[string(lw)] {
		return true
	}
	if !leadPrepositions[string(lw)] && !phraseStarts[string(lw)] {
		return false
	}
	var buf [24]byte
	head := string(appendLowerASCII(buf[:0], s[:min(len(s), len(buf))]))
	for _, p := range leadsOnPhrases {
		if strings.HasPrefix(head, p) {
			return true
		}
	}
	// A preposition and a demonstrative: "In that phase", "By this
	// time", "During those years".
	prep, rest, _ := strings.Cut(head, " ")
	if !leadPrepositions[prep] {
		return false
	}
	det, _, _ := strings.Cut(rest, " ")
	switch det {
	case "this", "that", "these", "those", "which", "such":
		return true
	}
	return false
}

// phraseStarts are the first words of leadsOnPhrases that are no
// leadPrepositions.
var phraseStarts = map[string]bool{"the": true, "as": true, "even": true}

// leadPrepositions open a sentence with a phrase that may point back.
var leadPrepositions = map[string]bool{
	"in": true, "at": true, "by": true, "during": true, "after": true, "before": true,
	"since": true, "until": true, "from": true, "for": true, "on": true, "with": true,
	"under": true, "within": true, "throughout": true, "despite": true, "of": true,
}

// cutAtDash reports whether a sentence is a piece cut out of a longer
// one: it starts in lower case or with a dash, or ends with a dash.
func cutAtDash(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	if unicode.IsLower(r) || r == '-' || r == '—' || r == '–' {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(strings.TrimSpace(s))
	return last == '-' || last == '—' || last == '–'
}

// quoteOpenAt returns, for each sentence of a paragraph, whether it
// starts inside a quotation opened by an earlier sentence and not yet
// closed: a piece of a quotation, whatever its own marks. A straight
// mark opens when it follows white space or the start of the text, and
// closes otherwise; an opening mark inside a quotation starts a new
// segment of it (quotations running over collapsed paragraphs).
func quoteOpenAt(p paragraph, out []bool) []bool {
	out = out[:0]
	open := false
	pos := 0
	for _, sp := range p.sentences {
		open = scanQuoteState(p.text, pos, sp.Start, open)
		pos = sp.Start
		out = append(out, open)
	}
	return out
}

// scanQuoteState carries the open-quotation state over text[from:to].
// It jumps between the bytes that can start a mark: '"' and 0xE2, the
// first byte of “ and ”; each is looked for again only once passed.
func scanQuoteState(text string, from, to int, open bool) bool {
	seg := text[:to]
	next := func(c byte, i int) int {
		if j := strings.IndexByte(seg[i:], c); j >= 0 {
			return i + j
		}
		return to
	}
	q, e := next('"', from), next(0xE2, from)
	for q < to || e < to {
		if q < e {
			prev := byte(' ')
			if q > 0 {
				prev = text[q-1]
			}
			open = prev == ' ' || prev == '\t' || prev == '\n' || prev == '(' || prev == '['
			q = next('"', q+1)
			continue
		}
		if e+2 < len(text) && text[e+1] == 0x80 && (text[e+2] == 0x9C || text[e+2] == 0x9D) {
			open = text[e+2] == 0x9C // “ opens, ” closes
		}
		e = next(0xE2, e+1)
	}
	return open
}

// agencyPrefixRE matches an opening place and agency in brackets glued
// to the lede or followed by a dash: "(CNN)Former …", "Coral Gables,
// Florida (CNN)Former …", "(The Hollywood Reporter)Melissa …".
var agencyPrefixRE = lazyRegexp(`^(?:\p{Lu}[\p{L}.'’]*(?:,? \p{Lu}[\p{L}.'’]*){0,5},? ?)?\((?:[A-Z][A-Za-z.]*)(?: [A-Z][A-Za-z.]*){0,3}\)\s*(?:(?:—|--|–|-)\s*)?`)

// stripDateline removes an opening dateline ("WASHINGTON (AP) — ",
// "(CNN) -- ", "(CNN)Former …", "DUBAI, United Arab Emirates — ") from
// the lede, and nothing else: a clause before a dash ("A case was
// reported on Sunday — after …") stays.
func stripDateline(s string) string {
	if strings.IndexByte(s[:min(len(s), 80)], '(') >= 0 {
		if loc := agencyPrefixRE().FindStringIndex(s); loc != nil && loc[1] < len(s) {
			if r, _ := utf8.DecodeRuneInString(s[loc[1]:]); unicode.IsUpper(r) || unicode.IsDigit(r) || isQuoteMark(r) {
				return s[loc[1]:]
			}
		}
	}
	loc := datelinePrefixRE().FindStringIndex(s)
	if loc == nil {
		return s
	}
	d := strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s[:loc[1]]), "—–-"))
	n := len(strings.Fields(d))
	if n == 1 || n <= 6 && (strings.Contains(d, "(") || strings.Contains(d, ",") || upperLetters(d)) {
		return s[loc[1]:]
	}
	return s
}

// upperLetters reports whether the letters of s, up to its first comma
// or bracket, are all upper case ("BUFFALO, N.Y.").
func upperLetters(s string) bool {
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

// sameAsTitle reports whether a sentence repeats the article's title,
// a full stop at the end or not; title is normTitle of the title.
func sameAsTitle(s, title string) bool {
	if title == "" || len(s) < len(title)-2 || len(s) > len(title)+8 {
		return false
	}
	return normTitle(s) == title
}

// normTitle folds a title or sentence for sameAsTitle: single spaces,
// lower case, no closing full stop or ellipsis.
func normTitle(t string) string {
	return strings.ToLower(strings.TrimRight(strings.Join(strings.Fields(t), " "), ".…"))
}

// listRow reports whether a sentence reads as a row of a table or list
// rather than a sentence: nearly every word is capitalised or a number.
func listRow(st sentStats) bool {
	return st.n >= 4 && st.caps*10 >= (st.n-1)*7
}

// keyPointsOf builds the key points of the chosen candidates.
func keyPointsOf(chosen []candidate) []model.KeyPoint {
	kps := make([]model.KeyPoint, len(chosen))
	for i, c := range chosen {
		kps[i] = model.KeyPoint{Text: c.text, Derived: true, Paragraph: c.para}
	}
	return kps
}

// quotedTitleFirst reports whether a sentence that opens with a quote
// mark opens with a quoted name, not speech: a few words closed before
// the sentence goes on with no comma ("“Saturday Night Live” cast member
// Kate McKinnon got rave reviews …").
func quotedTitleFirst(s string) bool {
	_, size := utf8.DecodeRuneInString(s)
	rest := s[size:]
	end := strings.IndexAny(rest, "\"”")
	if end < 0 || len(strings.Fields(rest[:end])) > 5 {
		return false
	}
	_, cl := utf8.DecodeRuneInString(rest[end:])
	after := strings.TrimSpace(rest[end+cl:])
	r, _ := utf8.DecodeRuneInString(after)
	return len(strings.Fields(after)) >= 4 && r != ',' && !unicode.IsPunct(r)
}
