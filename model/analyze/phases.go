package analyze

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
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
	// ordinalPhaseRE finds "first phase", "the final stage", "second
	// step", "initial ceasefire phase" (one modifier allowed between).
	ordinalPhaseRE = regexp.MustCompile(`(?i)\b(first|initial|opening|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|1st|2nd|3rd|[4-9]th|10th|next|final|last)(?:[- ]([a-z][a-z-]*))?[- ](phase|stage|step)s?\b`)
	// numberedPhaseRE finds "Phase 1", "phase one", "Stage II", "step 3".
	numberedPhaseRE = regexp.MustCompile(`(?i)\b(phase|stage|step)[- ](\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|I{1,3}|IV|VI{0,3}|IX|X)\b`)
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
	for pi, p := range doc.paras {
		if !strings.Contains(strings.ToLower(p.text), "phase") &&
			!strings.Contains(strings.ToLower(p.text), "stage") &&
			!strings.Contains(strings.ToLower(p.text), "step") {
			continue
		}
		for si, sp := range p.sentences {
			sent := p.text[sp.Start:sp.End]
			for _, loc := range ordinalPhaseRE.FindAllStringSubmatchIndex(sent, -1) {
				word := strings.ToLower(sent[loc[2]:loc[3]])
				var n int
				switch word {
				case "next":
					n = ordNext
				case "final", "last":
					n = ordFinal
				default:
					n = ordinalWords[word]
				}
				ms = append(ms, newMention(pi, p, si, sent, loc[0], loc[1], n, strings.ToLower(sent[loc[6]:loc[7]]), false))
			}
			for _, loc := range numberedPhaseRE.FindAllStringSubmatchIndex(sent, -1) {
				num := sent[loc[4]:loc[5]]
				n, err := strconv.Atoi(num)
				if err != nil {
					roman := num == strings.ToUpper(num) && strings.Trim(num, "IVX") == ""
					if strings.Trim(strings.ToUpper(num), "IVX") == "" && !roman {
						continue // "phase i" in lower case is not a Roman numeral
					}
					n = cardinalWords[strings.ToLower(num)]
				}
				if n <= 0 {
					continue
				}
				ms = append(ms, newMention(pi, p, si, sent, loc[0], loc[1], n, strings.ToLower(sent[loc[2]:loc[3]]), true))
			}
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
		loc := durationRE.FindStringSubmatchIndex(m.clause)
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

// summarize returns a stage's sentence, shortened to a readable length at
// a word boundary.
func summarize(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	const max = 220
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	cut := 0
	for i := range s {
		if utf8.RuneCountInString(s[:i]) > max {
			break
		}
		if s[i] == ' ' {
			cut = i
		}
	}
	return strings.TrimRight(s[:cut], ",;:") + "…"
}
