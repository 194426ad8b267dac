package analyze

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/brief-reader/brief/model"
)

// Ordinal words and their numbers. "final" and "last" are placed after
// every numbered stage once all are known; "next" follows the stage
// mentioned before it.
var (
	ordinalWords = map[string]int{
		"first": 1, "initial": 1, "opening": 1, "second": 2, "third": 3, "fourth": 4,
		"fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
		"1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "6th": 6, "7th": 7, "8th": 8, "9th": 9, "10th": 10,
	}
	cardinalWords = map[string]int{
		"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
		"eight": 8, "nine": 9, "ten": 10,
		"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10,
	}
)

const (
	ordNext  = -1 // "next phase": one after the previous mention
	ordFinal = -2 // "final phase": after all the others
)

var (
	// durationRE finds how long something lasts: "six weeks", "42 days",
	// "a six-week", "three to four months".
	durationRE = regexp.MustCompile(`(?i)\b(\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|sixty|ninety|several|a few)(?:\s+(?:to|or)\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twelve))?[- ](hour|day|week|month|year)s?\b`)
)

// mention is one place the article names a stage of a plan.
type mention struct {
	n        int // ordinal, or ordNext / ordFinal
	label    string
	para     int
	span     model.Span
	leading  bool // the mention opens its sentence: the sentence is about it
	numbered bool // "Phase 1" form: a name, not just an ordinal adjective
	sentence string
	sentOff  int    // offset of sentence within its paragraph
	clause   string // the part of the sentence about this mention alone
	noun     string
}

// phases finds the ordered stages of any plan the article describes:
// ordinal stages ("first phase", "final stage", "second step") and
// numbered ones ("Phase 1", "phase one", "Stage II"). A lone ordinal stage
// ("the first stage of his physical") is not a plan; a lone numbered phase
// is (a "phase one" deal). Stages of the same number merge; "final" comes
// last.
func phases(doc *document) []model.Phase {
	ms := phaseMentions(doc)
	if len(ms) == 0 {
		return nil
	}
	// Keep the noun most used for plans in this article: a text about
	// phases that mentions "the first step" in passing has two nouns.
	nouns := map[string]int{}
	for _, m := range ms {
		nouns[m.noun]++
	}
	main := ms[0].noun
	for noun, c := range nouns {
		if c > nouns[main] || (c == nouns[main] && noun < main) {
			main = noun
		}
	}
	kept := ms[:0]
	for _, m := range ms {
		if m.noun == main {
			kept = append(kept, m)
		}
	}
	ms = kept
	// Resolve "next" and "final".
	maxN := 0
	prev := 0
	for i := range ms {
		switch ms[i].n {
		case ordNext:
			ms[i].n = prev + 1
		case ordFinal:
			continue
		}
		prev = ms[i].n
		if ms[i].n > maxN {
			maxN = ms[i].n
		}
	}
	for i := range ms {
		if ms[i].n == ordFinal {
			ms[i].n = maxN + 1
		}
	}
	byN := map[int][]mention{}
	for _, m := range ms {
		byN[m.n] = append(byN[m.n], m)
	}
	if len(byN) == 1 && !ms[0].numbered {
		only := true
		for _, m := range ms {
			if m.numbered {
				only = false
			}
		}
		if only {
			return nil
		}
	}
	ns := make([]int, 0, len(byN))
	for n := range byN {
		ns = append(ns, n)
	}
	sort.Ints(ns)
	out := make([]model.Phase, 0, len(ns))
	for _, n := range ns {
		best := pickMention(byN[n])
		out = append(out, model.Phase{
			N:         n,
			Label:     best.label,
			Summary:   summarize(best.sentence),
			Duration:  durationOf(byN[n]),
			Paragraph: best.para,
			Span:      best.span,
		})
	}
	return out
}

// phaseMentions lists every stage mention in document order.
func phaseMentions(doc *document) []mention {
	var ms []mention
	var toks []token // reused for the words of each sentence
	for pi, p := range doc.paras {
		if !mentionsStage(p.text) {
			continue
		}
		for si, sp := range p.sentences {
			sent := p.text[sp.Start:sp.End]
			if !mentionsStage(sent) {
				continue
			}
			var found []mention
			found, toks = sentenceMentions(pi, p, si, sent, toks[:0])
			ms = append(ms, found...)
		}
	}
	sort.SliceStable(ms, func(i, j int) bool {
		if ms[i].para != ms[j].para {
			return ms[i].para < ms[j].para
		}
		return ms[i].span.Start < ms[j].span.Start
	})
	// A sentence naming several stages is cut between them, so that each
	// stage's duration is looked for in its own part.
	for i := range ms {
		lo, hi := 0, len(ms[i].sentence)
		if i > 0 && sameSentence(ms[i-1], ms[i]) {
			lo = ms[i-1].span.End - ms[i].sentOff
		}
		if i+1 < len(ms) && sameSentence(ms[i], ms[i+1]) {
			hi = ms[i+1].span.Start - ms[i].sentOff
		}
		if lo > hi {
			lo = hi
		}
		ms[i].clause = ms[i].sentence[lo:hi]
	}
	return ms
}

// sameSentence reports whether two mentions are in one sentence.
func sameSentence(a, b mention) bool { return a.para == b.para && a.sentOff == b.sentOff }

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

// stageNouns are the nouns that name a stage of a plan, with plurals.
var stageNouns = map[string]string{
	"phase": "phase", "phases": "phase", "stage": "stage", "stages": "stage", "step": "step", "steps": "step",
}

// joined reports whether two adjacent tokens are separated only by one
// space or hyphen ("first phase", "six-week").
func joined(s string, a, b token) bool {
	gap := s[a.end:b.start]
	return gap == " " || gap == "-"
}

// ordinalOf returns the stage number an ordinal word gives, ordNext or
// ordFinal, and whether the word is an ordinal at all.
func ordinalOf(w string) (int, bool) {
	switch w {
	case "next":
		return ordNext, true
	case "final", "last":
		return ordFinal, true
	}
	n, ok := ordinalWords[w]
	return n, ok
}

// numberOf reads the number after a stage noun: digits, a cardinal word,
// or an upper-case Roman numeral.
func numberOf(word string) int {
	if n, err := strconv.Atoi(word); err == nil {
		if n > 0 && n < 100 {
			return n
		}
		return 0
	}
	if strings.Trim(word, "IVX") == "" {
		return cardinalWords[strings.ToLower(word)]
	}
	if strings.Trim(strings.ToLower(word), "ivx") == "" {
		return 0 // "phase i" in lower case is not a Roman numeral
	}
	return cardinalWords[strings.ToLower(word)]
}

// sentenceMentions finds the stage mentions of one sentence: an ordinal
// before a stage noun, with at most one modifier between ("first phase",
// "initial ceasefire phase"), or a number after it ("Phase 2", "stage
// two", "Stage II"). The words of the sentence are appended to buf, which
// is returned for reuse.
func sentenceMentions(pi int, p paragraph, si int, sent string, buf []token) ([]mention, []token) {
	var ms []mention
	toks := appendStageTokens(buf, sent)
	for i, t := range toks {
		var kb [16]byte
		tl := lowerKey(kb[:], sent[t.start:t.end])
		noun, ok := stageNouns[string(tl)]
		if !ok {
			continue
		}
		plural := noun != string(tl) // "the first steps" is no stage of a plan
		if i > 0 && !plural && joined(sent, toks[i-1], t) {
			if n, ok := ordinalOf(toks[i-1].lower(sent)); ok {
				ms = append(ms, newMention(pi, p, si, sent, toks[i-1].start, t.end, n, noun, false))
				continue
			}
			if i > 1 && joined(sent, toks[i-2], toks[i-1]) && !isDigits(toks[i-1].lower(sent)) {
				if n, ok := ordinalOf(toks[i-2].lower(sent)); ok {
					ms = append(ms, newMention(pi, p, si, sent, toks[i-2].start, t.end, n, noun, false))
					continue
				}
			}
		}
		if !plural && i+1 < len(toks) && joined(sent, t, toks[i+1]) && !inName(sent, toks, i) {
			num := sent[toks[i+1].start:toks[i+1].end]
			if n := numberOf(num); n > 0 && !(num == "I" && pronounI(sent, toks, i+1)) {
				ms = append(ms, newMention(pi, p, si, sent, t.start, toks[i+1].end, n, noun, true))
			}
		}
	}
	return ms, toks
}

// inName reports whether the stage noun toks[i] follows a capitalized
// word inside its sentence, as in the name "Key Stage 2".
func inName(sent string, toks []token, i int) bool {
	if i < 2 || !joined(sent, toks[i-1], toks[i]) {
		return false
	}
	w := sent[toks[i-1].start:toks[i-1].end]
	return isCap(w) && w != "The" && w != "A"
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

// isDigits reports whether s is all ASCII digits.
func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// mentionsStage is a cheap test for the nouns a stage mention needs: it
// reports whether s holds "phase", "step" or "stage" in any ASCII case. (A
// byte window of the noun's length can only fold to it if it is ASCII, so
// ASCII folding decides.) Each noun has a rare letter at a fixed place, p
// or g, which IndexByte finds quickly.
func mentionsStage(s string) bool {
	for _, c := range [...]byte{'p', 'P'} {
		for i := 0; ; {
			j := strings.IndexByte(s[i:], c)
			if j < 0 {
				break
			}
			j += i
			if j+5 <= len(s) && equalLowerASCII(s[j:j+5], "phase") || j >= 3 && equalLowerASCII(s[j-3:j+1], "step") {
				return true
			}
			i = j + 1
		}
	}
	for _, c := range [...]byte{'g', 'G'} {
		for i := 0; ; {
			j := strings.IndexByte(s[i:], c)
			if j < 0 {
				break
			}
			j += i
			if j >= 3 && j+2 <= len(s) && equalLowerASCII(s[j-3:j+2], "stage") {
				return true
			}
			i = j + 1
		}
	}
	return false
}

// newMention builds a mention found at [start, end) of sentence si of p.
func newMention(pi int, p paragraph, si int, sent string, start, end, n int, noun string, numbered bool) mention {
	off := p.sentences[si].Start
	before := strings.TrimSpace(sent[:start])
	before = strings.TrimSuffix(strings.TrimSuffix(before, "The"), "the")
	leading := strings.TrimSpace(strings.Trim(before, "“\"‘'")) == ""
	return mention{
		n:        n,
		para:     pi,
		label:    strings.Trim(sent[start:end], "-"),
		span:     model.Span{Start: off + start, End: off + end},
		leading:  leading,
		numbered: numbered,
		sentence: sent,
		sentOff:  off,
		noun:     strings.TrimSuffix(noun, "s"),
	}
}

// pickMention chooses the mention that best describes a stage: one whose
// sentence is about the stage (it opens the sentence), else the first.
func pickMention(ms []mention) mention {
	for _, m := range ms {
		if m.leading {
			return m
		}
	}
	return ms[0]
}

// durationOf returns the first duration given in a stage's sentences, with
// the adjective form ("six-week") turned into a plain one ("six weeks").
func durationOf(ms []mention) string {
	for _, m := range ms {
		if !mayHoldDuration(m.clause) {
			continue
		}
		loc := durationRE.FindStringIndex(m.clause)
		if loc == nil {
			continue
		}
		d := m.clause[loc[0]:loc[1]]
		if strings.Contains(d, "-") {
			d = strings.ReplaceAll(d, "-", " ")
			if !strings.HasSuffix(d, "s") {
				d += "s"
			}
		}
		if strings.HasPrefix(strings.ToLower(d), "a ") && !strings.HasPrefix(strings.ToLower(d), "a few") {
			d = "one " + d[2:]
		}
		return d
	}
	return ""
}

// mayHoldDuration is a cheap test for the unit words durationRE needs
// (hour, day, week, month, year in any case), so that the expression runs
// only on the few clauses that can match. The Kelvin sign, which (?i)
// matches as a k, sends a clause to the expression too.
func mayHoldDuration(s string) bool {
	for i := 0; i+3 <= len(s); i++ {
		switch s[i] | 0x20 {
		case 'h':
			if i+4 <= len(s) && strings.EqualFold(s[i:i+4], "hour") {
				return true
			}
		case 'd':
			if strings.EqualFold(s[i:i+3], "day") {
				return true
			}
		case 'w':
			if i+4 <= len(s) && strings.EqualFold(s[i:i+4], "week") {
				return true
			}
		case 'm':
			if i+5 <= len(s) && strings.EqualFold(s[i:i+5], "month") {
				return true
			}
		case 'y':
			if i+4 <= len(s) && strings.EqualFold(s[i:i+4], "year") {
				return true
			}
		}
	}
	return strings.Contains(s, "\u212a")
}

// summarize returns a stage's sentence, shortened to a readable length at
// a word boundary.
func summarize(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	const max = 220
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	cut, n := 0, 0 // n: runes before i
	for i := range s {
		if n > max {
			break
		}
		if s[i] == ' ' {
			cut = i
		}
		n++
	}
	return strings.TrimRight(s[:cut], ",;:") + "…"
}
