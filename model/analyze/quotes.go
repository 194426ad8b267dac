package analyze

import (
	"sort"
	"strings"
	"sync"

	"github.com/brief-reader/brief/model"
)

// qsent is one quote-aware sentence: its paragraph, span and tokens.
type qsent struct {
	para int
	span model.Span
	toks []tok
}

// qcand is a quotation found in the text, before the final decisions.
type qcand struct {
	q          model.Quote
	ent        *entity
	fallback   *entity // the implicit speaker, when the quote has no attribution
	qs         quoteSpan
	own        bool // attributed within its own sentence
	pending    bool // a partial quote with no attribution: kept only if it repeats a quote
	standalone bool
	chained    bool // carries on the previous quote (reopened or run on)
	sent       int
	// why records how the speaker was found, for Explain.
	why why
}

// qstate is the working state of one analysis; nothing is shared between
// calls.
type qstate struct {
	doc   *document
	qs    [][]quoteSpan
	sents []qsent
	reg   *registry
	pass1 int // entities registered by the first pass, in document order
	focus []focusItem
	// cur is the index of the sentence being analysed.
	cur   int
	cands []qcand
	// attrBuf is reused for the attributions of each sentence.
	attrBuf []attribution
	// toks backs every sentence's tokens; it goes back to tokPool when
	// the analysis ends.
	toks []tok
	// mentions are the names outside quotations, in document order.
	mentions []nameMention
	// candBuf is reused for each choice among candidates.
	candBuf []spkCand
	// topicEnt is the first person named, once known (topicDone).
	topicEnt  *entity
	topicDone bool
	// trace, when not nil, keeps every scored choice for Explain;
	// mainChoice is 1 + the index of the choice that resolved the current
	// sentence's subject, or 0.
	trace      *trace
	mainChoice int
	// anon is the last sentence whose last speaker was someone the
	// article does not name ("a senior official said"), or -1; anonMany
	// is whether they were many ("some officials").
	anon     int
	anonMany bool
}

// tokPool recycles token buffers between analyses: tokens are the largest
// allocation of an analysis, and reusing them spares the garbage
// collector most of its work. A buffer is cleared before it is pooled, so
// it keeps no article's text alive; sync.Pool is safe for concurrent use.
var tokPool sync.Pool

// getToks returns an empty token buffer with room for at least n tokens.
func getToks(n int) []tok {
	if p, ok := tokPool.Get().(*[]tok); ok && cap(*p) >= n {
		return (*p)[:0]
	}
	return make([]tok, 0, n)
}

// putToks clears buf and returns it to the pool.
func putToks(buf []tok) {
	if cap(buf) == 0 || cap(buf) > 1<<20 {
		return // nothing to keep, or too large to hold on to
	}
	buf = buf[:cap(buf)]
	clear(buf)
	buf = buf[:0]
	tokPool.Put(&buf)
}

// quotesAndPeople finds the direct quotes of the document with their
// speakers, and the people and organizations it names.
func quotesAndPeople(doc *document, title string) ([]model.Quote, []model.Person) {
	st := newQState(doc, title, nil)
	defer putToks(st.toks)
	return st.quotes(), st.people()
}

// newQState analyses doc, the body of an article headlined title:
// quotations found, speakers chosen. A non-nil tr keeps every scored
// choice for Explain.
func newQState(doc *document, title string, tr *trace) *qstate {
	st := &qstate{doc: doc, reg: newRegistry(), qs: make([][]quoteSpan, len(doc.paras)), trace: tr, anon: -1}
	st.reg.headings = make([]bool, len(doc.paras))
	for i, p := range doc.paras {
		st.reg.headings[i] = isSectionHeading(p.text)
	}
	st.tokenizeAll()
	st.focus = make([]focusItem, 0, len(st.sents))
	st.registerTitle(title)
	st.registerNames()
	st.pass1 = len(st.reg.ents)
	for si := range st.sents {
		st.analyzeSentence(si)
	}
	st.finish()
	st.mergeNames()
	return st
}

// quotes returns the quotations kept, nested speech after the quote that
// holds it.
func (st *qstate) quotes() []model.Quote {
	quotes := make([]model.Quote, 0, len(st.cands))
	for i := range st.cands {
		c := &st.cands[i]
		if c.pending {
			continue
		}
		if c.ent != nil {
			e := st.reg.canon(c.ent)
			c.q.Speaker, c.q.Role = e.shown()
		}
		quotes = append(quotes, c.q)
		quotes = append(quotes, st.nested(c)...)
	}
	return quotes
}

// tokenizeAll splits every paragraph into quote-aware sentences and
// tokens.
func (st *qstate) tokenizeAll() {
	type rng struct{ para, from, to int }
	n := 0
	for _, p := range st.doc.paras {
		n += len(p.sentences)
	}
	spans := make([]rng, 0, n)
	sps := make([]model.Span, 0, n)
	total := 0
	for _, p := range st.doc.paras {
		total += len(p.text)
	}
	buf := getToks(total/6 + 16)
	nq := 0
	var scratch []model.Span // spans of the current paragraph
	for pi, p := range st.doc.paras {
		qs := scanQuotes(p.text)
		st.qs[pi] = qs
		nq += len(qs)
		var qsp []model.Span
		qsp, scratch = quoteSentences(p, qs, scratch)
		for _, sp := range qsp {
			from := len(buf)
			buf = tokenize(p.text, sp.Start, sp.End, qs, buf)
			spans = append(spans, rng{pi, from, len(buf)})
			sps = append(sps, sp)
		}
	}
	st.toks = buf
	st.cands = make([]qcand, 0, nq)
	st.sents = make([]qsent, len(spans))
	for i, r := range spans {
		st.sents[i] = qsent{para: r.para, span: sps[i], toks: buf[r.from:r.to:r.to]}
	}
}

// analyzeSentence attributes the quotations of one sentence and records
// its subjects for later pronouns.
func (st *qstate) analyzeSentence(si int) {
	s := st.sents[si]
	ts := s.toks
	st.cur = si
	d := st.datelineEnd(si)
	n := st.choices()
	main, mainAt := st.sentenceSubject(ts[d:], s.para, nil)
	st.mainChoice = 0
	if st.choices() > n {
		st.mainChoice = st.choices()
	}
	mainAt += d
	attrs := st.attributions(ts, s.para, main, mainAt, st.attrBuf[:0])
	st.attrBuf = attrs
	for k, t := range ts {
		if t.kind() == tQuote {
			st.quote(si, ts, k, attrs, main, mainAt)
		}
	}
	if main != nil {
		st.focus = append(st.focus, focusItem{e: main, para: s.para, sent: int32(si)})
	}
	for _, a := range attrs {
		if a.ent != nil && !a.fellBk {
			st.focus = append(st.focus, focusItem{e: a.ent, para: s.para, sent: int32(si), spoke: true})
		}
	}
	// Whether the last speaker was someone the article does not name: a
	// pronoun opening the next sentence's attribution is theirs
	// (anonymousBefore).
	st.anon = -1
	for _, a := range attrs {
		if main != nil && main.kind == model.KindPerson {
			break // "Trump deflected when a reporter asked": Trump's sentence
		}
		switch {
		case a.unnamed:
			st.anon, st.anonMany = si, a.many
		case a.ent != nil && !a.fellBk:
			st.anon = -1
		}
	}
}

// introMode says how a quotation sits in its sentence.
type introMode uint8

const (
	modeStart   introMode = iota // the sentence opens with it
	modeIntro                    // after "he said:" or "Teachers chanted,"
	modePartial                  // woven into the writer's sentence
)

// classify tells how the quotation ts[k] is introduced.
func classify(ts []tok, k int) introMode {
	j := k - 1
	for j >= 0 && ts[j].kind() == tPunct && ts[j].s != "," && ts[j].s != ":" {
		j--
	}
	if j < 0 {
		return modeStart
	}
	allPunct := true
	for i := 0; i < k; i++ {
		if ts[i].kind() != tPunct && !(i == k-2 && ts[k-1].s == ":" && isAcronym(ts[i].s)) {
			allPunct = false
			break
		}
	}
	if allPunct {
		return modeStart
	}
	switch {
	case ts[j].s == ":":
		return modeIntro
	case strings.EqualFold(ts[j].s, "quote"):
		return modeIntro
	case isComma(ts[j]):
		m := j - 1
		if m >= 1 && strings.EqualFold(ts[m].s, "quote") && isComma(ts[m-1]) {
			m -= 2
		}
		for n := 0; n < 3 && m >= 0; n, m = n+1, m-1 {
			if ts[m].kind() == tWord && ts[m].lower() && ts[m].is(speechVerbs) {
				return modeIntro
			}
			if ts[m].kind() != tWord {
				break
			}
		}
	case ts[j].kind() == tWord && (ts[j].s == "and" || ts[j].s == "or") && j > 0 && ts[j-1].kind() == tQuote:
		return classify(ts, j-1)
	}
	return modePartial
}

// setFollowing makes e, named by the sentence after the quotation, its
// speaker, and reports whether there was one.
func (c *qcand) setFollowing(e *entity) bool {
	if e == nil {
		return false
	}
	c.ent, c.own = e, true
	c.why.rule = ruleFollowing
	return true
}

// quote records the quotation ts[k] of sentence si.
func (st *qstate) quote(si int, ts []tok, k int, attrs []attribution, main *entity, mainAt int) {
	s := st.sents[si]
	p := st.doc.paras[s.para]
	qs := st.qs[s.para][quoteIndex(st.qs[s.para], ts[k].pos())]
	text := p.text[qs.start:qs.end]
	mode := classify(ts, k)
	var a *attribution
	if mode == modePartial && k > 0 && isComma(ts[k-1]) && fullSentences(text) && !notSpeech(ts, k, text, nil) {
		// "Trump issued a statement, “Last night, our nation ...”",
		// "According to Woodward, “The ...”": sentences of their own
		// after a comma are introduced, not a fragment of the clause,
		// when someone before them can be introducing them.
		if main != nil && main.kind == model.KindPerson && mainAt < k-1 {
			mode = modeIntro
		} else if a = chooseAttribution(ts, k, attrs, modeIntro); a != nil {
			mode = modeIntro
		}
	}
	c := qcand{
		q: model.Quote{Text: text, Paragraph: s.para, Span: model.Span{Start: qs.start, End: qs.end},
			Partial: mode == modePartial},
		qs: qs, sent: si, standalone: mode != modePartial,
	}
	if a == nil {
		a = chooseAttribution(ts, k, attrs, mode)
	}
	verb := a
	if verb == nil && mode == modePartial {
		verb = governingVerb(ts, k, attrs)
	}
	if mode == modePartial && notSpeech(ts, k, text, verb) || usedAsName(ts, k, text) {
		return
	}
	if a != nil {
		c.ent, c.own = a.ent, true
		c.why = st.whyOf(ruleAttribution, ts, a)
	} else if verb != nil {
		// A speech verb governs the fragment but its subject names no one
		// the article identifies ("one aide said it was “...”"): the words
		// are still reported speech, with no speaker.
		c.own = true
		c.why = st.whyOf(ruleUnresolved, ts, verb)
	} else if mode != modeIntro && anonNear(ts, k, attrs, mode) {
		// “...,” said a tourist waiting at a bus stop; a spokesman said
		// he had “no idea”: someone unnamed, not the previous speaker.
		c.own = true
		c.why.rule = ruleAnonymous
	} else if e := st.dashSpeaker(ts, k, s.para); e != nil {
		// "“...” ― Nils Berg": a quotation signed with a dash and a name.
		c.ent, c.own = e, true
		c.why.rule = ruleSigned
	} else if mode == modeIntro && k > 0 && isComma(ts[k-1]) && main != nil && mainAt < k-1 && main.kind == model.KindPerson {
		// "Trump issued a statement, “...”": with no speech verb, the
		// sentence's subject introduces the sentences after the comma.
		c.ent, c.own = main, true
		c.why.rule = ruleIntro
	} else if mode == modeIntro && k > 0 && ts[k-1].s == ":" {
		// "Manchester City boss Kevin Keegan: “...”", "Question: “...”".
		c.ent, c.own = st.colonSpeaker(ts, k-1, s.para)
		c.why.rule = ruleColon
		if !c.own && main != nil && mainAt < k-1 {
			// "Kasich resisted: “...”": the sentence's subject speaks.
			c.ent, c.own = main, true
		}
	}
	prev := st.prevCand(s.para)
	if qs.reopened || prev != nil && prev.qs.unclosed && prev.q.Paragraph == s.para-1 && k == 0 && qs.mark == firstNonSpace(p.text) {
		c.chained = prev != nil
	}
	if !c.own {
		switch {
		case mode == modePartial:
			c.pending = true
		case prev != nil && (prev.q.Paragraph == s.para || c.chained):
			c.fallback = prev.ent
			if c.fallback == nil {
				c.fallback = prev.fallback
			}
			c.q.Continued = true
			c.why.rule = ruleContinued
		case mode == modeStart && c.setFollowing(st.followingSpeaker(si, ts, k)):
			// "“The bridge will close.” The warning came from engineer
			// Ivo Sand." The sentence after names who said it.
		default:
			n := st.choices()
			c.fallback = st.implicitSpeaker(si, ts[k].pos())
			c.why.rule = ruleImplicit
			if st.choices() > n {
				c.why.choice = int32(st.choices())
			}
			if c.fallback == nil && !speechLike(text) {
				return
			}
		}
		if (titleCase(text) || capsOnly(text) && !c.q.Continued && len(attrs) == 0) && c.fallback == nil {
			return // a title, with no speech verb in its sentence
		}
	} else if prev != nil && prev.q.Paragraph == s.para && st.reg.canon(prev.ent) == st.reg.canon(c.ent) && c.standalone && prev.sent == si {
		c.q.Continued = true
	}
	if c.chained {
		c.q.Continued = true
	}
	if !c.own && c.fallback != nil {
		// Whoever is given an unattributed quote speaks there, for later
		// pronouns and quotes.
		st.focus = append(st.focus, focusItem{e: c.fallback, para: s.para, sent: int32(si), spoke: true})
	}
	st.cands = append(st.cands, c)
}

// colonLabels are words that label a quotation in a transcript without
// naming who speaks.
var colonLabels = map[string]bool{"question": true, "answer": true, "q": true, "a": true,
	"note": true, "update": true, "warning": true, "caption": true, "editor": true,
	"interviewer": true, "transcript": true, "source": true, "quote": true, "text": true}

func firstNonSpace(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r' {
			return i
		}
	}
	return len(s)
}

// prevCand is the last quotation kept so far, if it is in this paragraph
// or the one before.
func (st *qstate) prevCand(para int) *qcand {
	for i := len(st.cands) - 1; i >= 0 && i >= len(st.cands)-focusReach; i-- {
		c := &st.cands[i]
		if c.pending {
			continue
		}
		if c.q.Paragraph >= para-1 {
			return c
		}
		return nil
	}
	return nil
}

// implicitSpeaker is the speaker of an unattributed quotation at offset
// pos of sentence si: the best-scoring person or organisation in view
// (candidates.go), the last speaker weighing most.
func (st *qstate) implicitSpeaker(si, pos int) *entity {
	fits := func(e *entity) bool { return true }
	cs := st.pronounCands(si, pos, nil, nil, 0, fits, &implicitWeights)
	st.logCands(cs)
	return best(cs)
}

// anonNear reports whether the speech verb that governs the quotation
// ts[k] (the first after it for a quote that opens the sentence, the last
// before it for a partial one) has a subject that describes someone
// unnamed.
func anonNear(ts []tok, k int, attrs []attribution, mode introMode) bool {
	n := sort.Search(len(attrs), func(i int) bool { return attrs[i].verb > k })
	if mode == modeStart {
		return n < len(attrs) && attrs[n].anon && attrs[n].verb-k <= 12
	}
	return n > 0 && attrs[n-1].anon && k-attrs[n-1].verb <= 12
}

// isTrailing reports whether attribution a closes the sentence after the
// quotation at ts[k]: "..., said another witness, X." or "..., X said."
func isTrailing(ts []tok, k int, a *attribution) bool {
	// The subject phrase (or the verb, for inversions) must follow a comma
	// or a quotation.
	first := a.verb
	if !a.inv {
		// Back over the subject phrase and any auxiliaries, not over a
		// conjunction before it: in "“deliver” before the administration
		// would agree", the attribution does not close the sentence.
		for first > 0 && ts[first-1].kind() == tWord && (a.to == 0 || ts[first-1].pos() >= a.from) {
			first--
		}
		for first > 0 && (isComma(ts[first-1]) || ts[first-1].kind() == tWord) && ts[first-1].pos() >= a.from && a.from > 0 {
			first--
		}
	}
	if first == 0 {
		return false
	}
	b := ts[first-1]
	if b.kind() != tQuote && !isComma(b) {
		return false
	}
	if a.inv {
		return true
	}
	rest := 0
	for i := a.verb + 1; i < len(ts) && rest <= 8; i++ {
		if ts[i].kind() == tWord {
			rest++
		}
		if ts[i].kind() == tQuote {
			return false
		}
	}
	return rest <= 8
}
