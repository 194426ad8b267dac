package analyze

import (
	"sort"
	"strings"

	"github.com/brief-reader/brief/model"
)

// Who speaks a quotation that a speech verb in its sentence does not
// attribute: the attribution chosen among the sentence's verbs, a name
// signing it after a dash, a name before a colon, or the sentence after
// it naming its speaker.

// followingSpeaker returns the person the next sentence of the paragraph
// names as the speaker of the quotation ts[k], which is a sentence of its
// own: "That is the view of Vera Lind", "The warning came from Ivo Sand",
// "So said Mayor Tom Bell". The next sentence must hold no quotation.
func (st *qstate) followingSpeaker(si int, ts []tok, k int) *entity {
	if k > 0 && ts[0].kind() != tPunct || si+1 >= len(st.sents) || st.sents[si+1].para != st.sents[si].para {
		return nil
	}
	for _, t := range ts[k+1:] {
		if t.kind() != tPunct {
			return nil // words after the quotation: not a sentence of its own
		}
	}
	next := st.sents[si+1].toks
	para := st.sents[si+1].para
	for i, t := range next {
		if t.kind() == tQuote {
			return nil
		}
		if t.kind() != tWord || !t.lower() || i+1 >= len(next) {
			continue
		}
		cue := t.s == "from" && i > 0 && next[i-1].s == "came" || t.s == "of" && i > 0 && viewNouns[next[i-1].s] ||
			(t.s == "said" || t.s == "says") && i > 0 && strings.EqualFold(next[i-1].s, "so")
		if !cue {
			continue
		}
		j := i + 1
		for j < len(next) && next[j].kind() == tWord && next[j].lower() && (next[j].is(roleNouns|titleWords|determiners) || j+1 < len(next) && capWord(next[j+1])) && j-i < 5 {
			j++ // role words before the name: "engineer", "the economist"
		}
		if j >= len(next) || !capWord(next[j]) {
			return nil
		}
		nr := parseRun(next[j:runEndFwd(next, j)])
		if nr.kind != runPerson && !(nr.kind == runSingle && len(nr.prefix) > 0) {
			return nil
		}
		if e := st.reg.resolveRun(nr, gpos(para, next[j].pos())); e != nil && e.kind == model.KindPerson {
			return e
		}
		return nil
	}
	return nil
}

// viewNouns are what a quotation can be called in the sentence after it,
// before "of" and its speaker: "That is the view of Vera Lind".
var viewNouns = wordSet(`view views words verdict opinion assessment advice message warning warnings
plea prediction judgment judgement take position argument`)

// dashSpeaker returns the person who signs the quotation ts[k] with a
// dash and a name after it, ending the sentence ("“...” — Ann Holt",
// "“...” ― Nils Berg, mayor"), or nil.
func (st *qstate) dashSpeaker(ts []tok, k, para int) *entity {
	if k+2 >= len(ts) || !isDash(ts[k+1]) || !capWord(ts[k+2]) {
		return nil
	}
	j := runEndFwd(ts, k+2)
	if j < len(ts) && !isComma(ts[j]) && !(ts[j].kind() == tPunct && j == len(ts)-1) {
		return nil
	}
	nr := parseRun(ts[k+2 : j])
	if nr.kind != runPerson && !(nr.kind == runSingle && len(nr.prefix) > 0) {
		return nil
	}
	pos := gpos(para, ts[k+2].pos())
	e := st.reg.resolveRun(nr, pos)
	if e == nil || e.kind != model.KindPerson {
		return nil
	}
	e.spoke = true
	return e
}

// colonSpeaker finds the speaker named before the colon ts[colon] that
// introduces a quotation with no speech verb, as in transcripts and match
// reports: "- Manchester City boss Kevin Keegan: “...”". The words before
// the colon must be a name, maybe after role words. labelled reports a
// short label that names no one ("Question:"): the quotation then has no
// speaker rather than the previous one.
func (st *qstate) colonSpeaker(ts []tok, colon, para int) (e *entity, labelled bool) {
	// The words before the colon, back to punctuation, which may only be
	// a bullet or a dash that opens the sentence.
	i := colon
	for i > 0 && colon-i <= 10 && ts[i-1].kind() == tWord {
		i--
	}
	n := colon - i
	if n == 0 || n > 10 || !capWord(ts[colon-1]) {
		return nil, false
	}
	for j := i - 1; j >= 0; j-- {
		if ts[j].kind() != tPunct || i-j > 3 {
			return nil, false
		}
	}
	for _, t := range ts[i:colon] {
		if !capWord(t) && !(t.kind() == tWord && t.lower() && t.is(roleNouns|titleWords|determiners)) {
			return nil, false
		}
	}
	rs := max(runStartBack(ts[:colon], colon-1), i)
	if colon-rs >= 2 && ts[rs].is(speechVerbs) && !isGivenName(ts[rs+1].s) || colon-rs >= 3 && ts[rs].is(speechVerbs) {
		rs++ // "Said Ellis: “...”": the verb opens the sentence
		n = colon - rs
	}
	nr := parseRun(ts[rs:colon])
	pos := gpos(para, ts[rs].pos())
	switch {
	case nr.kind == runPerson || nr.kind == runSingle && len(nr.prefix) > 0:
		if e := st.reg.resolveRun(nr, pos); e != nil && e.kind == model.KindPerson {
			e.spoke = true
			return e, true
		}
	case nr.kind == runSingle && n == 1 && !inMap(colonLabels, nr.name[0].s) && !isAcronym(nr.name[0].s):
		// One name alone, as in a dialogue: "Titus: “...”".
		e := st.reg.resolveRun(nr, pos)
		if e == nil {
			e = st.reg.add(nameText(nr.name), model.KindPerson, pos)
		}
		e.spoke = true
		return e, true
	}
	return nil, n <= 3
}

// chooseAttribution picks the speech verb that governs the quotation at
// ts[k]: for a quote opening the sentence the verb after it; for one
// introduced by a verb that verb; for a partial quote a trailing
// attribution ("..., said X.") if any, else the nearest verb before it.
func chooseAttribution(ts []tok, k int, attrs []attribution, mode introMode) *attribution {
	// attrs are in token order: find the first verb after the quote.
	n := sort.Search(len(attrs), func(i int) bool { return attrs[i].verb > k })
	var before, after, trailing *attribution
	for i := n - 1; i >= 0 && i >= n-8; i-- {
		a := &attrs[i]
		if a.ent != nil && (!a.inv || a.to <= ts[k].pos()) {
			before = a
			break
		}
		if a.anon {
			break // "According to Reuters, a spokesperson said “...”": the spokesperson's
		}
	}
	for i := n; i < len(attrs) && i < n+8; i++ {
		if attrs[i].ent != nil {
			after = &attrs[i]
			break
		}
	}
	if after != nil && mode == modePartial && isTrailing(ts, k, after) && !thatOf(ts, k, before) {
		// (Not when the quotation is what the verb before it says:
		// "even as Holt claimed that “...,” an aide said ...".)
		trailing = after
	}
	switch mode {
	case modeStart:
		if after != nil {
			return after
		}
		return before
	case modeIntro:
		if before != nil {
			return before
		}
		return after
	}
	if trailing != nil {
		return trailing
	}
	if before != nil {
		return before
	}
	return after
}

// thatOf reports whether the quotation ts[k] follows "that" after the
// attribution a's verb, with no punctuation between, and a's subject is a
// person: the quotation is what that person said ("Holt claimed on
// Tuesday that “...”"), not what polls or papers suggest.
func thatOf(ts []tok, k int, a *attribution) bool {
	if a == nil || a.ent == nil || a.ent.kind != model.KindPerson || k == 0 || a.verb >= k || k-a.verb > 8 || ts[k-1].s != "that" {
		return false
	}
	for _, t := range ts[a.verb+1 : k] {
		if t.kind() != tWord {
			return false
		}
	}
	return true
}

// governingVerb returns the speech verb that governs the partial quotation
// ts[k] when its subject could not be resolved: the nearest verb before it
// in the same clause, or a trailing one ("..., one aide said"), or nil.
func governingVerb(ts []tok, k int, attrs []attribution) *attribution {
	n := sort.Search(len(attrs), func(i int) bool { return attrs[i].verb > k })
	if n < len(attrs) && isTrailing(ts, k, &attrs[n]) {
		return &attrs[n]
	}
	if n == 0 {
		return nil
	}
	a := &attrs[n-1]
	if k-a.verb > governReach {
		return nil
	}
	for _, t := range ts[a.verb+1 : k] {
		if t.kind() == tPunct && (t.s == ";" || t.s == "(" || t.s == ")") {
			return nil // another clause, or an aside
		}
	}
	return a
}

// governReach is how many tokens a speech verb may stand before a partial
// quotation and still govern it.
const governReach = 16
