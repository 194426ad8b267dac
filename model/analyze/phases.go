package analyze

import (
	"slices"
	"sort"
	"strings"

	"github.com/brief-reader/brief/model"
)

// phases finds the ordered stages of any plan the article describes:
// ordinal stages ("first phase", "final stage", "second tranche"),
// numbered ones ("Phase 1", "phase one", "Stage II", "Phase 1b", "Phase
// A", "Alert Level 3" where restrictions are the subject), colour-coded
// ones ("the red phase") and a first step told only as "will first …".
// "Next" is the stage after the one mentioned before it, or the numbered
// stage it anticipates; "this phase" is the stage just described; "final"
// comes last, or is the last of an announced "three-phase plan". The
// headline can give the number of a stage the body describes.
//
// A lone ordinal stage ("the first stage of his physical") is no plan
// unless the article announces a plan of several; a lone numbered phase
// is (a "phase one" deal). Stages of a race or competition and phases of
// a clinical trial are no plan.
func phases(doc *document, title string) []model.Phase {
	ms, size, phased := phaseMentions(doc, title)
	if len(ms) == 0 {
		return nil
	}
	ms = mainNounMentions(ms)
	if len(ms) == 0 {
		return nil // only back references ("that phase")
	}
	// "In phases": several, however many.
	several := size > 1 || slices.Contains(phased, ms[0].noun)
	ms = bareColours(doc, ms)
	ms = resolveMentions(ms, size)
	groups := groupMentions(ms)
	if len(groups) > 0 && groups[0].n == 2 {
		if first, ok := firstStep(doc, groups[0].ms); ok {
			groups = slices.Insert(groups, 0, stageGroup{n: 1, ms: []mention{first}})
		}
	}
	if !isPlan(groups, several) {
		return nil
	}
	out := make([]model.Phase, 0, len(groups))
	for _, g := range groups {
		best := pickMention(doc, g.ms)
		out = append(out, model.Phase{
			N:         g.n,
			Label:     best.label,
			Summary:   phaseSummary(doc, best, g.ms),
			Duration:  durationOf(best, g.ms),
			Paragraph: best.para,
			Span:      best.span,
		})
	}
	return out
}

// phaseMentions lists every stage mention of the headline and the body
// in document order (the headline first), each with its clause; the
// largest plan size the article announces; and the nouns of the plans it
// says are carried out in stages, without a number.
func phaseMentions(doc *document, title string) ([]mention, int, []string) {
	var ms []mention
	var phased []string
	size := 0
	var toks []token // reused for the words of each sentence
	scan := func(pi int, p paragraph) {
		if !mentionsStage(p.text) {
			return
		}
		for si, sp := range p.sentences {
			sent := p.text[sp.Start:sp.End]
			if !mentionsStage(sent) {
				continue
			}
			var found []mention
			var n int
			var ph []string
			found, n, ph, toks = scanSentenceStages(pi, p, si, sent, toks[:0])
			size = max(size, n)
			phased = append(phased, ph...)
			ms = append(ms, notAPlan(found, sent)...)
		}
	}
	if title != "" && mentionsStage(title) {
		scan(-1, paragraph{text: title, sentences: splitSentences(title)})
	}
	for pi, p := range doc.paras {
		scan(pi, p)
	}
	sort.SliceStable(ms, func(i, j int) bool {
		if ms[i].para != ms[j].para {
			return ms[i].para < ms[j].para
		}
		return ms[i].span.Start < ms[j].span.Start
	})
	ms = dropWeak(ms)
	setClauses(ms)
	return ms, size, phased
}

// dropWeak drops the levels and tiers whose sentences do not speak of
// restrictions, unless the article's other levels show that restrictions
// are the subject.
func dropWeak(ms []mention) []mention {
	strong := map[string]bool{}
	for _, m := range ms {
		if numberedOnly(m.noun) && !m.weak {
			strong[m.noun] = true
		}
	}
	kept := ms[:0]
	for _, m := range ms {
		if !m.weak || strong[m.noun] {
			kept = append(kept, m)
		}
	}
	return kept
}

// notAPlan drops the mentions of a sentence about the phases of a
// clinical trial, or the stages, levels and tiers of a race or
// competition.
func notAPlan(found []mention, sent string) []mention {
	if len(found) == 0 {
		return nil
	}
	if hasWordOf(sent, trialWords) {
		return nil
	}
	kept := found[:0]
	race := -1
	for _, m := range found {
		if m.noun == "stage" || numberedOnly(m.noun) {
			if race < 0 {
				race = 0
				if hasWordOf(sent, raceWords) {
					race = 1
				}
			}
			if race == 1 {
				continue
			}
		}
		kept = append(kept, m)
	}
	return kept
}

// setClauses cuts a sentence naming several stages between them, so that
// each stage's duration is looked for in its own part: a mention's clause
// runs from the mention to the next one. A hyphened duration just before
// a mention ("a six-week second phase") goes with it, and so does the
// start of a sentence that opens with how long ("For six weeks, …"); any
// other length of time before the first mention is about something else
// ("During the next six weeks, Israel will negotiate phase two").
func setClauses(ms []mention) {
	for i := range ms {
		lo, hi := 0, len(ms[i].sentence)
		switch {
		case i > 0 && sameSentence(ms[i-1], ms[i]):
			lo = clauseStart(ms[i].sentence, ms[i-1].span.End-ms[i].sentOff, ms[i].span.Start-ms[i].sentOff)
		case !forPrefix(ms[i].sentence):
			lo = clauseStart(ms[i].sentence, 0, ms[i].span.Start-ms[i].sentOff)
		}
		if i+1 < len(ms) && sameSentence(ms[i], ms[i+1]) {
			hi = clauseStart(ms[i].sentence, ms[i].span.End-ms[i].sentOff, ms[i+1].span.Start-ms[i].sentOff)
		}
		if lo > hi {
			lo = hi
		}
		ms[i].clause, ms[i].clauseAt = ms[i].sentence[lo:hi], lo
	}
}

// forPrefix reports whether a sentence opens with how long something
// lasts: "For six weeks, …", "Over two years, …".
func forPrefix(sent string) bool {
	w := firstWordLower(sent)
	return w == "for" || w == "over"
}

// clauseStart returns where the clause of a mention starting at start
// begins, when the previous mention ends at prevEnd: at the mention, or
// at a length of time just before it ("a six-week second phase", "a
// six-week lockdown under stage three").
func clauseStart(sent string, prevEnd, start int) int {
	if prevEnd > start {
		return start
	}
	between := sent[prevEnd:start]
	if !mayHoldDuration(between) {
		return start
	}
	locs := durationRE().FindAllStringIndex(between, -1)
	if len(locs) == 0 {
		return start
	}
	last := locs[len(locs)-1]
	tail := strings.TrimSpace(between[last[1]:])
	if tail == "" || tail == "the" || tail == "a" {
		return prevEnd + last[0]
	}
	// A hyphened length of a period tied to the stage: "a six-week
	// lockdown under stage three".
	if ws := strings.Fields(tail); strings.IndexByte(between[last[0]:last[1]], '-') >= 0 && len(ws) <= 3 &&
		durationNouns[strings.ToLower(ws[0])] && !strings.ContainsAny(tail, ",;") {
		return prevEnd + last[0]
	}
	return start
}

// sameSentence reports whether two mentions are in one sentence.
func sameSentence(a, b mention) bool { return a.para == b.para && a.sentOff == b.sentOff }

// mainNounMentions keeps the mentions of the noun most used for stages
// in the article: a text about phases that mentions "the first step" in
// passing has two nouns.
func mainNounMentions(ms []mention) []mention {
	nouns := map[string]int{}
	for _, m := range ms {
		if m.kind != kindAnaphor {
			nouns[m.noun]++
		}
	}
	main := ""
	for noun, c := range nouns {
		if main == "" || c > nouns[main] || (c == nouns[main] && noun < main) {
			main = noun
		}
	}
	kept := ms[:0]
	for _, m := range ms {
		if m.noun == main {
			kept = append(kept, m)
		}
	}
	return kept
}

// resolveMentions gives every mention its stage number: colours by rank,
// "next" after the stage before it (or the stage the headline names, or
// the numbered stage that follows), "final" last, and "this phase" the
// stage just described. Mentions left without a number are dropped.
func resolveMentions(ms []mention, size int) []mention {
	var colours []int
	for _, m := range ms {
		if m.kind == kindColour && !slices.Contains(colours, m.n) {
			colours = append(colours, m.n)
		}
	}
	slices.Sort(colours)
	titleN := 0
	for i := range ms {
		if ms[i].kind == kindColour {
			ms[i].n = slices.Index(colours, ms[i].n) + 1
		}
		if ms[i].para < 0 && ms[i].n > 0 && titleN == 0 {
			titleN = ms[i].n
		}
	}
	prev := 0
	ref := make([]int, len(ms)) // the mention an anaphor refers to, +1
	last := -1
	for i := range ms {
		m := &ms[i]
		if m.kind == kindAnaphor {
			ref[i] = last + 1
			continue
		}
		if m.n == ordNext {
			switch {
			case m.para >= 0 && prev > 0:
				m.n = prev + 1
			case m.para >= 0 && titleN > 0:
				m.n = titleN
			default:
				m.n = prev + 1
				for _, o := range ms[i+1:] {
					if o.n > 0 && (o.kind == kindNumbered || o.kind == kindOrdinal) {
						m.n = o.n
						break
					}
				}
			}
		}
		if m.para >= 0 && m.n > 0 {
			prev = m.n
		}
		last = i
	}
	maxN := 0
	for _, m := range ms {
		maxN = max(maxN, m.n)
	}
	for i := range ms {
		if ms[i].n != ordFinal {
			continue
		}
		switch {
		case size > 1 && size >= maxN:
			ms[i].n = size
		case apposed(ms, i) > 0:
			ms[i].n = apposed(ms, i)
		default:
			ms[i].n = maxN + 1
		}
	}
	for i := range ms {
		if ms[i].kind == kindAnaphor && ref[i] > 0 {
			ms[i].n, ms[i].sub = ms[ref[i]-1].n, ms[ref[i]-1].sub
		}
	}
	kept := ms[:0]
	for _, m := range ms {
		if m.n > 0 {
			kept = append(kept, m)
		}
	}
	return kept
}

// apposed returns the number of a numbered mention set beside the final
// mention i in its sentence ("Phase 3, the final phase,"), or 0.
func apposed(ms []mention, i int) int {
	for _, j := range []int{i - 1, i + 1} {
		if j < 0 || j >= len(ms) || !sameSentence(ms[i], ms[j]) || ms[j].kind != kindNumbered {
			continue
		}
		a, b := ms[j], ms[i]
		if a.span.Start > b.span.Start {
			a, b = b, a
		}
		between := ms[i].sentence[a.span.End-ms[i].sentOff : b.span.Start-ms[i].sentOff]
		ok := true
		for _, w := range strings.FieldsFunc(between, func(r rune) bool { return r == ' ' || r == ',' || r == '(' || r == ')' || r == '—' || r == '–' }) {
			switch strings.ToLower(w) {
			case "the", "its", "and", "or", "is", "which", "also", "-":
				continue
			}
			ok = false
		}
		if ok {
			return ms[j].n
		}
	}
	return 0
}

// stageGroup is one stage of the plan with every mention of it.
type stageGroup struct {
	n, sub int
	ms     []mention
}

// groupMentions merges the mentions of the same stage, in stage order.
// A stage only the headline names, with nothing in the body about it, is
// left out.
func groupMentions(ms []mention) []stageGroup {
	var gs []stageGroup
	for _, m := range ms {
		i := slices.IndexFunc(gs, func(g stageGroup) bool { return g.n == m.n && g.sub == m.sub })
		if i < 0 {
			gs = append(gs, stageGroup{n: m.n, sub: m.sub})
			i = len(gs) - 1
		}
		gs[i].ms = append(gs[i].ms, m)
	}
	kept := gs[:0]
	for _, g := range gs {
		if slices.ContainsFunc(g.ms, func(m mention) bool { return m.para >= 0 }) {
			kept = append(kept, g)
		}
	}
	sort.Slice(kept, func(i, j int) bool {
		if kept[i].n != kept[j].n {
			return kept[i].n < kept[j].n
		}
		return kept[i].sub < kept[j].sub
	})
	return kept
}

// isPlan reports whether the stages found make a plan: two stages or
// more (two levels at least, for levels and tiers); or one that is
// numbered ("phase one" names a deal) or belongs to a plan the article
// announces as having several ("a three-phase plan", "in phases").
func isPlan(groups []stageGroup, several bool) bool {
	if len(groups) == 0 {
		return false
	}
	if numberedOnly(groups[0].ms[0].noun) {
		return len(groups) >= 2
	}
	if len(groups) > 1 || several {
		return true
	}
	return slices.ContainsFunc(groups[0].ms, mention.numbered)
}

// pickMention chooses the mention that best describes a stage: one in
// the body before one in the headline; one that names the stage before
// one that refers back to it; one in a sentence or a heading over the
// stage's paragraphs ("Phase One") before one in a heading that says
// more; one whose sentence is about the stage (it opens the sentence);
// else the first.
func pickMention(doc *document, ms []mention) mention {
	best, score := ms[0], -1
	for _, m := range ms {
		s := 0
		if m.para >= 0 {
			s += 8
		}
		if m.kind != kindAnaphor {
			s += 4
		}
		if m.para >= 0 && (!headingMention(doc, m) || wordsBeyondLabel(m.sentence, m.label) == 0) {
			s += 2 // a sentence, or a heading over the stage's paragraphs
		}
		if m.leading {
			s++
		}
		if s > score {
			best, score = m, s
		}
	}
	return best
}
