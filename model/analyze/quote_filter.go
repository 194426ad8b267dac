package analyze

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/brief-reader/brief/model"
)

// notSpeech reports whether a quotation woven into a sentence is a name,
// title, term or scare quote rather than someone's words.
func notSpeech(ts []tok, k int, text string, a *attribution) bool {
	// A naming cue just before: "the name “X”", "such as, “X”".
	n := 0
	for j := k - 1; j >= 0 && n < 2; j-- {
		if ts[j].kind() == tPunct && (ts[j].s == "," || ts[j].s == ":") {
			continue
		}
		if ts[j].kind() != tWord {
			break
		}
		if ts[j].is(namingCues) {
			return true
		}
		n++
	}
	// Written on a thing: "a sign that says “...”", "a hat that said".
	if k >= 3 && ts[k-1].kind() == tWord && ts[k-1].is(speechVerbs) && ts[k-2].s == "that" && ts[k-3].kind() == tWord && ts[k-3].is(namingCues) {
		return true
	}
	// Named just before: "Called “Confirmation,” the film ...", "the
	// so-called “magic circle”".
	if k > 0 && ts[k-1].kind() == tWord && (ts[k-1].s == "Called" || strings.EqualFold(ts[k-1].s, "so-called") ||
		ts[k-1].s == "called" && capsOnly(text)) {
		return true
	}
	// A capitalized title after a preposition: on “CNN Newsroom.”, in
	// “Cabaret”.
	if k > 0 && (ts[k-1].s == "on" || ts[k-1].s == "in" || ts[k-1].s == "at") && capsOnly(text) {
		return true
	}
	nw := countFields(text)
	// verbNear reports whether the speech verb is at most window tokens
	// before the quotation, in the same clause: in "told TOLO TV, which
	// produces “Afghan Star”" the quotation is not what was told.
	verbNear := func(window int) bool {
		if a != nil && a.verb > k && a.verb-k <= 3 {
			// A trailing attribution: “Hamastan,” Netanyahu said.
			named := a.inv && a.verb == k+1
			for _, t := range ts[k+1 : a.verb] {
				named = capWord(t)
				if !named {
					break
				}
			}
			return named
		}
		if a == nil || a.verb >= k || k-a.verb > window {
			return false
		}
		for _, t := range ts[a.verb+1 : k] {
			if t.kind() == tWord && t.lower() && t.is(relativeWords) && t.s != "that" || t.s == "(" {
				return false // a relative clause or an aside in brackets
			}
		}
		return true
	}
	// An attributive modifier: determiner or name, short unpunctuated
	// quote, noun ("a “skinny” deal", "Thunderbolt “tankbuster” jets").
	if nw <= 3 && !endsClause(text) && k > 0 && k+1 < len(ts) &&
		ts[k-1].kind() == tWord && (ts[k-1].is(modifierDets) || capWord(ts[k-1]) && !possessive(ts[k-1].s) && k > 1 && ts[k-2].kind() == tWord) &&
		ts[k+1].kind() == tWord && ts[k+1].lower() &&
		!ts[k+1].clause() && !ts[k+1].is(prepositions) && !verbNear(4) {
		return true
	}
	// A title or name in capitals with no speech verb close before it;
	// after a possessive ("CNBC's “Trading Nation”") whatever the verb;
	// the object of a verb of making ("who wrote “Quiet Water”").
	if titleCase(text) && (!verbNear(8) || possessive(ts[k-1].s) || a != nil && a.verb == k-1 && ts[a.verb].is(makingVerbs)) {
		return true
	}
	// A short run of capitalized words far from any speech verb, or in
	// brackets ("(Sundance hit “Dope,”)"): a title.
	if capsOnly(text) && !verbNear(8) {
		return true
	}
	return false
}

// usedAsName reports whether the quotation ts[k] is a short title used as
// a noun in its sentence: capitalized words followed by a verb of their
// own (“Temple” is about ..., “Cinderella,” starring ...).
func usedAsName(ts []tok, k int, text string) bool {
	if k+1 >= len(ts) {
		return false
	}
	t := ts[k+1]
	return t.kind() == tWord && t.lower() && !t.is(speechVerbs) &&
		(t.is(beAux) || t.is(auxWords) && !isAdverb(t.s) && !t.is(adverbParts) || strings.HasSuffix(t.s, "ing") && t.s != "according") &&
		capsOnly(text)
}

// capsOnly reports whether a quoted span of one to five words has every
// word capitalized, but for small function words inside it ("Keeping Up
// with the Kardashians"): a title or a name. Pronouns and interjections
// ("I", "Yes") are not titles.
func capsOnly(s string) bool {
	n := 0
	for w := range strings.FieldsSeq(s) {
		w = strings.Trim(w, ".,!?;:\"'’‘“”()")
		if w == "" {
			continue
		}
		n++
		if n > 5 {
			return false
		}
		capital := isCap(w)
		if capital && n > 1 {
			continue
		}
		var kb [16]byte
		k := string(lowerKey(kb[:], w))
		if n == 1 && (notNames[k] || inSet(personalPronouns, w)) {
			return false
		}
		if !capital && !(n > 1 && titleFunctionWords[k]) {
			return false
		}
	}
	return n > 0
}

// endsClause reports whether quoted text ends like a clause.
func endsClause(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimSpace(s))
	switch r {
	case '.', ',', '?', '!', '…', ';', ':':
		return true
	}
	return false
}

// fullSentences reports whether a quotation is one or more whole
// sentences: it opens with a capital letter, ends a sentence, and has at
// least five words.
func fullSentences(s string) bool {
	s = strings.TrimSpace(s)
	r, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) || countFields(s) < 5 {
		return false
	}
	s = strings.TrimRight(s, "\"'’”)")
	last, _ := utf8.DecodeLastRuneInString(s)
	return last == '.' || last == '!' || last == '?'
}

// speechLike reports whether an unattributed quotation still reads as
// speech: a sentence, or at least a few words.
func speechLike(s string) bool {
	return endsClause(s) || countFields(s) >= 4
}

// titleCase reports whether a short quoted span looks like a title or a
// name: every word of more than three letters capitalized, or one word
// with capitals inside it ("factcheckUK", "VIP").
func titleCase(s string) bool {
	n, first := 0, ""
	for w := range strings.FieldsSeq(s) {
		if n == 0 {
			first = w
		}
		n++
		if n > 10 {
			return false
		}
	}
	if n == 0 {
		return false
	}
	if n == 1 {
		w := strings.Trim(first, ".,!?;:")
		caps := 0
		for i, r := range w {
			if unicode.IsUpper(r) && i > 0 {
				caps++
			}
		}
		return caps > 0 && utf8.RuneCountInString(w) > 1
	}
	if !isCap(first) {
		return false
	}
	long := 0
	for w := range strings.FieldsSeq(s) {
		w = strings.Trim(w, ".,!?;:\"'’‘“”()")
		if utf8.RuneCountInString(w) <= 3 {
			continue
		}
		long++
		if !isCap(w) {
			return false
		}
	}
	return long >= 2
}

// countFields returns len(strings.Fields(s)) without allocating.
func countFields(s string) int {
	n := 0
	for range strings.FieldsSeq(s) {
		n++
	}
	return n
}

// finish settles what the sentence pass left open: the speakers of quotes
// that run on from an earlier segment, implicit speakers, and partial
// quotes kept because they repeat words quoted elsewhere.
func (st *qstate) finish() {
	cs := st.cands
	// Chains of segments (collapsed or run-on paragraphs) share the first
	// speaker any of them is given in its own sentence.
	for i := 0; i < len(cs); {
		j := i + 1
		for j < len(cs) && cs[j].chained && !cs[j].pending {
			j++
		}
		var sp *entity
		for m := i; m < j; m++ {
			if cs[m].own && cs[m].ent != nil {
				sp = cs[m].ent
				break
			}
		}
		for m := i; m < j; m++ {
			if cs[m].own {
				sp = cs[m].ent
				continue
			}
			if sp != nil {
				cs[m].ent = sp
				cs[m].why.rule = ruleChain
			} else if cs[m].ent == nil {
				cs[m].ent = cs[m].fallback
				if cs[m].ent == nil && m > i {
					cs[m].ent = cs[m-1].ent
				}
			}
		}
		i = j
	}
	// Words quoted twice (a highlight repeating the body, a writer echoing
	// a quote) share a speaker; a partial quote with no attribution is kept
	// only when it repeats words quoted and attributed elsewhere.
	// The normal forms (normQuote) live in one arena, made on demand.
	type span struct{ from, to int32 }
	norms := make([]span, len(cs))
	done := make([]bool, len(cs))
	var arena []byte
	norm := func(i int) []byte {
		if !done[i] {
			var from, to int
			arena, from, to = appendNormQuote(arena, cs[i].q.Text)
			norms[i], done[i] = span{int32(from), int32(to)}, true
		}
		return arena[norms[i].from:norms[i].to]
	}
	for i := range cs {
		c := &cs[i]
		if c.ent != nil && c.own && !c.pending {
			continue
		}
		nt := norm(i)
		if bytes.Count(nt, space) < 2 {
			continue
		}
		// Look among nearby quotes only (a key point repeats the body
		// near the top of an article), which keeps this linear.
		lo, hi := max(0, i-repeatReach), min(len(cs), i+repeatReach)
		for j := lo; j < hi; j++ {
			o := &cs[j]
			if j == i || o.pending || o.ent == nil {
				continue
			}
			ot := norm(j)
			if bytes.Contains(ot, nt) || bytes.Contains(nt, ot) && bytes.Count(ot, space) >= 2 {
				c.ent = o.ent
				c.pending = false
				c.why.rule = ruleRepeat
				break
			}
		}
	}
}

// repeatReach bounds how far apart two quotes can be and still be found
// to repeat each other.
const repeatReach = 200

// normCut is what normQuote trims from the edges of a quotation.
const normCut = " .,;:!?'\"’‘“”-—…"

var space = []byte{' '}

// normQuote folds a quotation for comparison: lower case, marks and
// punctuation at the edges removed, spaces collapsed.
func normQuote(s string) string {
	b, from, to := appendNormQuote(nil, s)
	return string(b[from:to])
}

// appendNormQuote appends the normQuote form of s to b, with its untrimmed
// edges, and returns where the form lies in b.
func appendNormQuote(b []byte, s string) ([]byte, int, int) {
	start := len(b)
	for w := range strings.FieldsSeq(s) {
		if len(b) > start {
			b = append(b, ' ')
		}
		b = appendLower(b, w)
	}
	all := b[start:]
	lead := len(all) - len(bytes.TrimLeft(all, normCut))
	n := len(bytes.Trim(all, normCut))
	return b, start + lead, start + lead + n
}

// scanSingles finds single-quoted spans inside a quotation: an opening ‘
// or ' after a space or the start and before a letter, closed by ’ or '
// after a non-space and not before a letter (so it's, Poms' and 'n' stay
// apostrophes).
func scanSingles(s string) []quoteSpan {
	var out []quoteSpan
	open := -1
	for i := 0; i < len(s); {
		r, sz := utf8.DecodeRuneInString(s[i:])
		if r != '\'' && r != '‘' && r != '’' {
			i += sz
			continue
		}
		prev, next := ' ', ' '
		if i > 0 {
			prev, _ = utf8.DecodeLastRuneInString(s[:i])
		}
		if i+sz < len(s) {
			next, _ = utf8.DecodeRuneInString(s[i+sz:])
		}
		if open < 0 {
			if (r == '‘' || r == '\'') && (i == 0 || unicode.IsSpace(prev) || prev == '(' || prev == '"' || prev == '“') && unicode.IsLetter(next) {
				open = i
			}
		} else if (r == '’' || r == '\'') && !unicode.IsSpace(prev) && !unicode.IsLetter(next) && !unicode.IsDigit(next) {
			start := open + utf8.RuneLen([]rune(s[open:])[0])
			if i > start {
				out = append(out, quoteSpan{mark: open, start: start, end: i, after: i + sz})
			}
			open = -1
		}
		i += sz
	}
	return out
}

// nested returns the speech quoted inside quotation c: single-quoted
// words that someone in the quote is said to have said ("I heard
// President Trump ask, quote, ‘So he’s going ...?’").
func (st *qstate) nested(c *qcand) []model.Quote {
	text := c.q.Text
	// IndexByte and Contains are fast; ContainsAny with a non-ASCII mark
	// in its set is not.
	if strings.IndexByte(text, '\'') < 0 && !strings.Contains(text, "‘") {
		return nil
	}
	inner := scanSingles(text)
	if len(inner) == 0 {
		return nil
	}
	ts := tokenize(text, 0, len(text), inner, nil)
	pos := gpos(c.q.Paragraph, c.q.Span.Start)
	main, mainAt := (*entity)(nil), 0
	for i, t := range ts {
		if capWord(t) && t.s != "I" {
			nr := parseRun(ts[i:runEndFwd(ts, i)])
			if nr.kind == runPerson || nr.kind == runSingle {
				main, mainAt = st.reg.resolveRun(nr, pos), i
			}
			break
		}
		if t.kind() != tWord || !t.clause() {
			break
		}
	}
	attrs := st.attributions(ts, c.q.Paragraph, main, mainAt, nil)
	var out []model.Quote
	for k, t := range ts {
		if t.kind() != tQuote {
			continue
		}
		mode := classify(ts, k)
		var a *attribution
		for i := range attrs {
			if attrs[i].verb < k && attrs[i].ent != nil && k-attrs[i].verb <= 8 {
				a = &attrs[i]
			}
		}
		if a == nil {
			continue
		}
		sp := inner[quoteIndex(inner, t.pos())]
		name, role := st.reg.canon(a.ent).shown()
		out = append(out, model.Quote{
			Text: text[sp.start:sp.end], Speaker: name, Role: role,
			Partial: mode == modePartial, Nested: true, Paragraph: c.q.Paragraph,
			Span: model.Span{Start: c.q.Span.Start + sp.start, End: c.q.Span.Start + sp.end},
		})
	}
	return out
}
