package analyze

import (
	"strings"
	"unicode"

	"github.com/brief-reader/brief/model"
)

// mentionKind tells how a mention names its stage.
type mentionKind uint8

const (
	kindOrdinal   mentionKind = iota // "first phase", "next stage", "final tranche"
	kindNumbered                     // "Phase 2", "stage two", "Phase 1a", "Stage B"
	kindColour                       // "the red phase"
	kindAnaphor                      // "that phase": the stage just described
	kindFirstStep                    // "will first …": an unnamed first stage
)

// mention is one place the article names a stage of a plan.
type mention struct {
	n        int // ordinal, or ordNext / ordFinal; colour rank for kindColour
	sub      int // sub-phase letter, 1 for the a of "1a"; 0 for none
	kind     mentionKind
	label    string
	para     int // paragraph index; -1 for the headline
	sent     int // sentence index within the paragraph
	span     model.Span
	noun     string
	sentOff  int  // offset of sentence within its paragraph
	leading  bool // the mention opens its sentence: the sentence is about it
	sentence string
	clause   string // the part of the sentence about this mention alone
	clauseAt int    // where clause starts in sentence
	weak     bool   // a level whose sentence does not speak of restrictions
}

// numbered reports whether the mention names its stage ("Phase 1"), not
// just an ordinal adjective.
func (m mention) numbered() bool { return m.kind == kindNumbered }

// token is one word of a sentence with its byte range.
type token struct {
	start, end int
}

// lower returns the token's text in lower case.
func (t token) lower(s string) string { return strings.ToLower(s[t.start:t.end]) }

// appendStageTokens appends to toks the runs of letters and digits of s.
func appendStageTokens(toks []token, s string) []token {
	start := -1
	for i, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			toks = append(toks, token{start, i})
			start = -1
		}
	}
	if start >= 0 {
		toks = append(toks, token{start, len(s)})
	}
	return toks
}

// joined reports whether two adjacent tokens are separated only by one
// space or hyphen ("first phase", "six-week").
func joined(s string, a, b token) bool {
	gap := s[a.end:b.start]
	return gap == " " || gap == "-"
}

// quoteJoined is joined, also allowing a quote mark after the first
// token: the “yellow” phase.
func quoteJoined(s string, a, b token) bool {
	if joined(s, a, b) {
		return true
	}
	gap := strings.TrimSuffix(s[a.end:b.start], " ")
	return gap == "”" || gap == "\"" || gap == "’" || gap == "'"
}

// sentenceScan finds the stage mentions of one sentence and the size of
// any plan it announces.
type sentenceScan struct {
	pi, si int
	p      paragraph
	sent   string
	toks   []token
	out    []mention
}

// word returns the i-th token's text.
func (sc *sentenceScan) word(i int) string { t := sc.toks[i]; return sc.sent[t.start:t.end] }

// add records a mention of the tokens from..to (inclusive).
func (sc *sentenceScan) add(from, to int, kind mentionKind, n, sub int, noun string) {
	off := sc.p.sentences[sc.si].Start
	start, end := sc.toks[from].start, sc.toks[to].end
	before := strings.TrimSpace(sc.sent[:start])
	before = strings.TrimSuffix(strings.TrimSuffix(before, "The"), "the")
	before = strings.TrimLeft(before, "•-*–—▪●◦‣ \t")
	before = strings.TrimSpace(strings.Trim(before, "“\"‘'"))
	// The sentence is about the stage when it opens with it, or with a
	// preposition placing what follows in it: "Under Level 3, …".
	leading := before == ""
	if len(before) <= len("throughout") {
		switch strings.ToLower(before) {
		case "in", "under", "during", "throughout", "within", "at":
			leading = true
		}
	}
	sc.out = append(sc.out, mention{
		n: n, sub: sub, kind: kind, noun: noun,
		label:    strings.Trim(sc.sent[start:end], "-"),
		para:     sc.pi,
		sent:     sc.si,
		span:     model.Span{Start: off + start, End: off + end},
		leading:  leading,
		sentence: sc.sent,
		sentOff:  off,
	})
}

// scanSentenceStages finds the stage mentions of one sentence: an
// ordinal before a stage noun, with at most one modifier between ("first
// phase", "initial ceasefire phase", "second loan tranche"); a number,
// sub-phase or letter after it ("Phase 2", "stage two", "Stage II",
// "Phase 1b", "Phase A"), and any listed after that ("Phases 1 and 2");
// a colour before it ("the red phase"); a demonstrative before it ("that
// phase"). It returns the mentions, the size of a plan the sentence
// announces ("a three-phase plan") or 0, and the nouns of plans it says
// are carried out in stages without a number ("in phases"). The words of the sentence are
// appended to buf, which is returned for reuse.
func scanSentenceStages(pi int, p paragraph, si int, sent string, buf []token) ([]mention, int, []string, []token) {
	sc := sentenceScan{pi: pi, si: si, p: p, sent: sent, toks: appendStageTokens(buf, sent)}
	size := 0
	var phased []string
	var kb [16]byte
	for i := range sc.toks {
		lw := lowerKey(kb[:], sc.word(i))
		noun, ok := stageNouns[string(lw)]
		if !ok {
			continue
		}
		plural := noun != string(lw)
		if n := sc.announcedSize(i, noun, plural); n > size {
			size = n
		}
		if plural && sc.phasedPlan(i) {
			phased = append(phased, noun)
		}
		if sc.isVerb(i, noun) {
			continue
		}
		if sc.ordinalBefore(i, noun, plural) || sc.colourBefore(i, noun, plural) || sc.anaphorBefore(i, noun, plural) {
			continue
		}
		sc.numberAfter(i, noun)
	}
	return sc.out, size, phased, sc.toks
}

// isVerb reports whether the stage noun at i is the verb "phase" ("phase
// out", "phase-in").
func (sc *sentenceScan) isVerb(i int, noun string) bool {
	if noun != "phase" || i+1 >= len(sc.toks) || !joined(sc.sent, sc.toks[i], sc.toks[i+1]) {
		return false
	}
	switch sc.toks[i+1].lower(sc.sent) {
	case "out", "down", "in":
		// "phase in" is the verb only without a determiner before it;
		// "the first phase in May" is the noun.
		return sc.toks[i+1].lower(sc.sent) != "in" || i == 0 || verbBefore[sc.toks[i-1].lower(sc.sent)]
	}
	return false
}

// ordinalAt reads an ordinal at token j that can stand before a stage
// noun: not the end of a compound ("quarter-final stage") and not an
// adverb before the verb ("will first phase out").
func (sc *sentenceScan) ordinalAt(j int) (int, bool) {
	if j < 0 {
		return 0, false
	}
	n, ok := ordinalOf(sc.toks[j].lower(sc.sent))
	if !ok {
		return 0, false
	}
	if j > 0 {
		if gap := sc.sent[sc.toks[j-1].end:sc.toks[j].start]; gap == "-" {
			return 0, false
		}
		if verbBefore[sc.toks[j-1].lower(sc.sent)] && sc.toks[j-1].lower(sc.sent) != "and" {
			return 0, false
		}
	}
	return n, true
}

// ordinalBefore records an ordinal mention ending at the stage noun i.
func (sc *sentenceScan) ordinalBefore(i int, noun string, plural bool) bool {
	if i == 0 || numberedOnly(noun) {
		return false
	}
	s, toks := sc.sent, sc.toks
	if !joined(s, toks[i-1], toks[i]) {
		return false
	}
	if plural {
		// "the fourth and fifth tranches": two stages; "the first
		// steps" is none.
		a, okA := sc.ordinalAt(i - 3)
		b, okB := sc.ordinalAt(i - 1)
		if i < 3 || !okA || !okB || a <= 0 || b <= 0 || !joined(s, toks[i-3], toks[i-2]) || !joined(s, toks[i-2], toks[i-1]) {
			return false
		}
		if c := toks[i-2].lower(s); c != "and" && c != "or" {
			return false
		}
		sc.add(i-3, i-3, kindOrdinal, a, 0, noun)
		sc.add(i-1, i, kindOrdinal, b, 0, noun)
		return true
	}
	if n, ok := sc.ordinalAt(i - 1); ok {
		from := i - 1
		// "the third and final phase" is the third.
		if n == ordFinal && i >= 3 && joined(s, toks[i-3], toks[i-2]) && joined(s, toks[i-2], toks[i-1]) && toks[i-2].lower(s) == "and" {
			if m, ok := sc.ordinalAt(i - 3); ok && m > 0 {
				n, from = m, i-3
			}
		}
		sc.add(from, i, kindOrdinal, n, 0, noun)
		return true
	}
	if i > 1 && joined(s, toks[i-2], toks[i-1]) && !isDigits(toks[i-1].lower(s)) {
		if c := toks[i-1].lower(s); c == "and" || c == "or" {
			return false
		}
		if n, ok := sc.ordinalAt(i - 2); ok {
			sc.add(i-2, i, kindOrdinal, n, 0, noun)
			return true
		}
	}
	return false
}

// colourBefore records a colour-coded stage: "the red phase", "the
// “yellow” phase".
func (sc *sentenceScan) colourBefore(i int, noun string, plural bool) bool {
	if i == 0 || plural || noun == "step" || noun == "tranche" {
		return false
	}
	rank, ok := colourRanks[sc.toks[i-1].lower(sc.sent)]
	if !ok || !quoteJoined(sc.sent, sc.toks[i-1], sc.toks[i]) {
		return false
	}
	sc.add(i-1, i, kindColour, rank, 0, noun)
	return true
}

// anaphorBefore records a stage mention that refers back to the one
// just described: "that phase", "this stage", "the current phase". The
// idioms "at this stage" and "by that stage" mean "now" and "then".
func (sc *sentenceScan) anaphorBefore(i int, noun string, plural bool) bool {
	if i == 0 || plural || numberedOnly(noun) || !joined(sc.sent, sc.toks[i-1], sc.toks[i]) {
		return false
	}
	if !anaphorWords[sc.toks[i-1].lower(sc.sent)] {
		return false
	}
	if i > 1 {
		switch sc.toks[i-2].lower(sc.sent) {
		case "at", "by", "from", "until", "till", "to", "beyond", "past":
			return false
		}
	}
	sc.add(i-1, i, kindAnaphor, 0, 0, noun)
	return true
}

// numberAt reads the stage number of token j: digits, a cardinal word, an
// upper-case Roman numeral, a sub-phase ("1b") or a letter ("B").
func (sc *sentenceScan) numberAt(j int, letters bool) (n, sub int) {
	w := sc.word(j)
	if n := numberOf(w); n > 0 {
		if w == "I" && pronounI(sc.sent, sc.toks, j) {
			return 0, 0
		}
		return n, 0
	}
	if n, sub := subNumberOf(w); n > 0 {
		return n, sub
	}
	if letters {
		if n := letterOf(w); n > 0 && (w != "A" || !articleA(sc.sent, sc.toks, j)) {
			return n, 0
		}
	}
	return 0, 0
}

// numberAfter records a numbered mention starting at the stage noun i,
// and the stages listed after it: "Phases 1, 2 and 3".
func (sc *sentenceScan) numberAfter(i int, noun string) {
	s, toks := sc.sent, sc.toks
	if i+1 >= len(toks) || !joined(s, toks[i], toks[i+1]) || inName(s, toks, i) {
		return
	}
	letters := !numberedOnly(noun)
	n, sub := sc.numberAt(i+1, letters)
	if n == 0 {
		return
	}
	// A level is a stage where restrictions are the subject; one in a
	// sentence that does not say so is kept only if another does.
	weak := numberedOnly(noun) && !sc.aboutRestrictions()
	first := len(sc.out)
	sc.add(i, i+1, kindNumbered, n, sub, noun)
	for k := i + 1; k+1 < len(toks); {
		gap := s[toks[k].end:toks[k+1].start]
		next := k + 1
		if c := toks[next].lower(s); (c == "and" || c == "or") && (gap == " " || gap == ", ") && next+1 < len(toks) && s[toks[next].end:toks[next+1].start] == " " {
			next++
		} else if gap != ", " {
			break
		}
		m, msub := sc.numberAt(next, letters)
		if m == 0 {
			break
		}
		sc.add(next, next, kindNumbered, m, msub, noun)
		k = next
	}
	for j := first; j < len(sc.out); j++ {
		sc.out[j].weak = weak
	}
}

// aboutRestrictions reports whether the sentence, or one next to it in
// its paragraph, speaks of restrictions, so that its numbered levels are
// stages of a plan.
func (sc *sentenceScan) aboutRestrictions() bool {
	for si := max(sc.si-1, 0); si <= sc.si+1 && si < len(sc.p.sentences); si++ {
		if hasWordOf(sc.p.sentence(si), restrictionWords) {
			return true
		}
	}
	return false
}

// announcedSize reads the size of a plan announced at the stage noun i:
// "a three-phase plan", "3-stage", "in two tranches", "into four
// phases". "Three-phase power" is electrical.
func (sc *sentenceScan) announcedSize(i int, noun string, plural bool) int {
	s, toks := sc.sent, sc.toks
	if i == 0 || numberedOnly(noun) || !joined(s, toks[i-1], toks[i]) {
		return 0
	}
	w := toks[i-1].lower(s)
	n := 0
	switch {
	case isDigits(w):
		n = numberOf(w)
	case strings.Trim(w, "ivx") != "": // lower-case Roman numerals are words
		n = cardinalWords[w]
	}
	if n < 2 || n > 10 {
		return 0
	}
	if i+1 < len(toks) && electricWords[toks[i+1].lower(s)] {
		return 0
	}
	if plural {
		if i < 2 {
			return 0
		}
		switch toks[i-2].lower(s) {
		case "in", "into", "over", "across", "of", "has", "have", "with", "through":
			return n
		}
		return 0
	}
	return n
}

// phasedPlan reports whether the stage noun at i, in the plural, says a
// plan is carried out in stages without saying how many: "released in
// phases", "implemented in several phases".
func (sc *sentenceScan) phasedPlan(i int) bool {
	s, toks := sc.sent, sc.toks
	j := i - 1
	if j >= 0 && joined(s, toks[j], toks[i]) {
		switch toks[j].lower(s) {
		case "several", "multiple", "successive", "separate", "distinct":
			j--
		}
	}
	if j < 0 {
		return false
	}
	switch toks[j].lower(s) {
	case "in", "into", "over":
		return true
	}
	return false
}

// inName reports whether the stage noun toks[i] follows a capitalized
// word inside its sentence, as in the name "Key Stage 2".
func inName(sent string, toks []token, i int) bool {
	if i < 2 || !joined(sent, toks[i-1], toks[i]) {
		return false
	}
	w := sent[toks[i-1].start:toks[i-1].end]
	r := []rune(w)[0]
	if !unicode.IsUpper(r) || w == "The" || w == "A" || w == "Alert" {
		return false
	}
	_, colour := colourRanks[strings.ToLower(w)]
	return !colour
}

// pronounI reports whether "I" at toks[j] is the pronoun, not a numeral:
// "at this stage I'm", "at that stage I think".
func pronounI(sent string, toks []token, j int) bool {
	if end := toks[j].end; end < len(sent) && (sent[end] == '\'' || strings.HasPrefix(sent[end:], "’")) {
		return true
	}
	if j+1 >= len(toks) {
		return false
	}
	switch toks[j+1].lower(sent) {
	case "am", "was", "have", "had", "will", "would", "can", "could", "do", "did", "think",
		"know", "want", "guess", "believe", "feel", "said", "say", "thought", "felt", "knew", "just":
		return true
	}
	return false
}

// articleA reports whether "A" at toks[j] is the article starting a noun
// phrase ("at this stage A new law …") rather than the letter of Stage A:
// it is followed by a word that is no verb a stage takes.
func articleA(sent string, toks []token, j int) bool {
	if j+1 >= len(toks) || sent[toks[j].end:toks[j+1].start] != " " {
		return false
	}
	switch toks[j+1].lower(sent) {
	case "will", "would", "is", "was", "of", "and", "or", "covers", "includes", "begins",
		"starts", "lasts", "runs", "ends", "sees", "allows", "calls", "involves", "to", "in":
		return false
	}
	return true
}

// hasWordOf reports whether s holds one of the lower-case words of set,
// in any case.
func hasWordOf(s string, set map[string]bool) bool {
	var kb [16]byte
	start := -1
	for i, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			if set[string(lowerKey(kb[:], s[start:i]))] {
				return true
			}
			start = -1
		}
	}
	return start >= 0 && set[string(lowerKey(kb[:], s[start:]))]
}

// mentionsStage is a cheap test for the nouns a stage mention needs: it
// reports whether s holds "phase", "step", "stage", "level", "tier" or
// "tranche" in any ASCII case. (A byte window of the noun's length can
// only fold to it if it is ASCII, so ASCII folding decides.) One pass
// looks at each noun's anchor letter, p, g, v or r, in either case.
func mentionsStage(s string) bool {
	for i := 0; i < len(s); i++ {
		switch stageAnchor[s[i]] {
		case 0:
			continue
		case 'p':
			if i+5 <= len(s) && equalLowerASCII(s[i:i+5], "phase") || i >= 3 && equalLowerASCII(s[i-3:i+1], "step") {
				return true
			}
		case 'g':
			if i >= 3 && i+2 <= len(s) && equalLowerASCII(s[i-3:i+2], "stage") {
				return true
			}
		case 'v':
			if i >= 2 && i+3 <= len(s) && equalLowerASCII(s[i-2:i+3], "level") {
				return true
			}
		case 'r':
			if i >= 3 && equalLowerASCII(s[i-3:i+1], "tier") || i >= 1 && i+6 <= len(s) && equalLowerASCII(s[i-1:i+6], "tranche") {
				return true
			}
		}
	}
	return false
}

// stageAnchor maps the anchor letters of mentionsStage, in either case,
// to their lower case.
var stageAnchor = func() (t [256]byte) {
	for _, c := range "pgvr" {
		t[c], t[c-'a'+'A'] = byte(c), byte(c)
	}
	return t
}()
