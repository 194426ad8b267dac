package analyze

import (
	"sort"
	"strings"
	"unicode"

	"github.com/brief-reader/brief/model"
)

// Stages a plan names without a stage noun: a first step told as "will
// first …", and colours listed beside colour-coded phases.

// firstStep finds a first stage told only as "will first …" before the
// second stage's first mention in the body: in the same sentence, an
// earlier one of its paragraph, or the paragraph before.
func firstStep(doc *document, second []mention) (mention, bool) {
	var at mention
	found := false
	for _, m := range second {
		if m.para >= 0 {
			at, found = m, true
			break
		}
	}
	if !found {
		return mention{}, false
	}
	var toks []token
	for pi := at.para; pi >= 0 && pi >= at.para-1; pi-- {
		p := doc.paras[pi]
		last := len(p.sentences) - 1
		if pi == at.para {
			last = at.sent
		}
		for si := last; si >= 0; si-- {
			sent := p.sentence(si)
			limit := len(sent)
			if pi == at.para && si == at.sent {
				limit = at.span.Start - at.sentOff
			}
			toks = appendStageTokens(toks[:0], sent[:limit])
			for i := 1; i < len(toks); i++ {
				if toks[i].lower(sent) != "first" || !joined(sent, toks[i-1], toks[i]) {
					continue
				}
				switch toks[i-1].lower(sent) {
				case "will", "would", "shall", "must", "should", "to", "can", "could":
					off := p.sentences[si].Start
					return mention{
						n: 1, kind: kindFirstStep, noun: at.noun, para: pi, sent: si,
						label:    sent[toks[i].start:toks[i].end],
						span:     model.Span{Start: off + toks[i].start, End: off + toks[i].end},
						sentence: sent, sentOff: off, clause: sent,
					}, true
				}
			}
		}
	}
	return mention{}, false
}

// bareColours adds, to a plan of two colour-coded stages or more, the
// colours named without the noun in a list of colours ("moving from red
// to yellow to green"): each is a stage of the plan too.
func bareColours(doc *document, ms []mention) []mention {
	seen := map[int]bool{}
	noun := ""
	for _, m := range ms {
		if m.kind == kindColour {
			seen[m.n], noun = true, m.noun
		}
	}
	if len(seen) < 2 {
		return ms
	}
	n := len(ms)
	var toks []token
	for pi, p := range doc.paras {
		for si := range p.sentences {
			sent := p.sentence(si)
			toks = appendStageTokens(toks[:0], sent)
			for i, t := range toks {
				rank, ok := colourRanks[t.lower(sent)]
				if !ok || seen[rank] || !inColourList(sent, toks, i) {
					continue
				}
				seen[rank] = true
				off := p.sentences[si].Start
				ms = append(ms, mention{
					n: rank, kind: kindColour, noun: noun, para: pi, sent: si,
					label: sent[t.start:t.end], span: model.Span{Start: off + t.start, End: off + t.end},
					sentence: sent, sentOff: off, clause: sent,
				})
			}
		}
	}
	if len(ms) > n {
		sort.SliceStable(ms, func(i, j int) bool {
			if ms[i].para != ms[j].para {
				return ms[i].para < ms[j].para
			}
			return ms[i].span.Start < ms[j].span.Start
		})
	}
	return ms
}

// inColourList reports whether the colour word at toks[i] is listed with
// another colour: "red to yellow", "red, yellow and green".
func inColourList(sent string, toks []token, i int) bool {
	for _, d := range []int{-1, 1} {
		j := i + d
		if j >= 0 && j < len(toks) {
			if w := toks[j].lower(sent); w == "to" || w == "and" || w == "or" {
				j += d
			}
		}
		if j < 0 || j >= len(toks) {
			continue
		}
		if _, ok := colourRanks[toks[j].lower(sent)]; ok {
			a, b := toks[min(i, j)], toks[max(i, j)]
			if len(strings.FieldsFunc(sent[a.end:b.start], func(r rune) bool { return !unicode.IsLetter(r) })) <= 1 {
				return true
			}
		}
	}
	return false
}
