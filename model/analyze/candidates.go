package analyze

import (
	"math"
	"slices"
	"strings"

	"github.com/brief-reader/brief/model"
)

// Choosing among people. When a quote's speaker is a pronoun ("he
// said"), every person or organisation named shortly before is a
// candidate. Each candidate is described by the named features below,
// and the one with the highest weighted sum wins. The weights are the
// only tuning there is: one table, set and checked on the PolNeAR train
// split (scripts/score-polnear), and Explain prints each candidate's
// features and score for any quote.

// feature is one named property of a candidate.
type feature uint8

const (
	// fRecency is 1/(1+n) for a candidate last mentioned n sentences back.
	fRecency feature = iota
	// fSameSentence: named earlier in the pronoun's own sentence, but not
	// as its subject (fMainSubject).
	fSameSentence
	// fSameParagraph: named earlier in the pronoun's paragraph.
	fSameParagraph
	// fSubject: the subject of a sentence within the last two sentences.
	fSubject
	// fSpoke: the subject of a speech verb within the window.
	fSpoke
	// fLastSpeaker: the speaker of the most recent speech verb.
	fLastSpeaker
	// fGender: the candidate's gender is known and agrees.
	fGender
	// fSalience: log2 of one plus the mentions so far.
	fSalience
	// fTopic: the first person the article names.
	fTopic
	// fPossessive: the latest mention is a possessive ("Ryan's office").
	fPossessive
	// fSubjectPrev: the subject of the sentence just before, or of this
	// one before the pronoun.
	fSubjectPrev
	// fSpokeRecency is 1/(1+n) for a candidate that last spoke n
	// sentences back.
	fSpokeRecency
	// fParaMentions: log2 of one plus the mentions in the pronoun's
	// paragraph.
	fParaMentions
	// fChain: log2 of one plus the sentences of the window the candidate
	// was the subject of, by name or by pronoun.
	fChain
	// fMainSubject: the subject of the pronoun's own sentence, named
	// before it ("Holmes said he recalled it").
	fMainSubject
	// fRole: a definite description names the candidate's role or a word
	// of it ("the senator" for Sen. Ann Holt), one per word that matches.
	fRole
	nFeatures
)

var featureNames = [nFeatures]string{"recency", "same-sentence", "same-paragraph", "subject",
	"spoke", "last-speaker", "gender", "salience", "topic", "possessive", "subject-prev",
	"spoke-recency", "para-mentions", "chain", "main-subject", "role"}

// pronounWeights score the candidates of a personal pronoun. They were
// fitted on the quotes of the PolNeAR train split whose speaker is a
// pronoun (a softmax over each quote's candidates; refitted after the
// entity-resolution changes: two-fold accuracy 0.911 and 0.908 of the
// quotes whose speaker is among the candidates, against 0.904 before),
// rounded, and salience, which came out slightly negative, set to zero.
// The fit lowered subject-prev and main-subject to about 0.5 and 0.6;
// read on BBC stories, that lost the subject of the sentence before
// ("Souness felt ... An Alan Shearer strike ... “...,” he said") more
// often than it helped, so both keep 0.85.
var pronounWeights = [nFeatures]float32{
	fRecency:       1.9,
	fSameSentence:  -0.8,
	fSameParagraph: 0.15,
	fSubject:       0.7,
	fSpoke:         0.35,
	fLastSpeaker:   0.65,
	fGender:        0.8,
	fSalience:      0,
	fTopic:         0.15,
	fPossessive:    -0.6,
	fSubjectPrev:   0.85,
	fSpokeRecency:  1.25,
	fParaMentions:  0.55,
	fChain:         0.1,
	fMainSubject:   0.85,
}

// implicitWeights score the candidates for the speaker of a quotation
// with no attribution ("“...”" opening a paragraph after someone spoke).
// Fitted like pronounWeights on the PolNeAR train quotes that have no
// attribution (two-fold 0.75 and 0.82 of those whose speaker is a
// candidate, against 0.70 for pronounWeights' values) and rounded.
var implicitWeights = [nFeatures]float32{
	fRecency:       3.5,
	fSameSentence:  0.6,
	fSameParagraph: 0.7,
	fSubject:       0.35,
	fSpoke:         0.1,
	fLastSpeaker:   0.55,
	fSalience:      -0.3,
	fTopic:         1.5,
	fPossessive:    -0.4,
	fSubjectPrev:   0.85,
	fSpokeRecency:  2.1,
	fParaMentions:  0.35,
	fChain:         0.3,
}

// descWeights score the candidates for a definite description ("the
// senator said").
var descWeights = [nFeatures]float32{
	fRecency:      2.0,
	fSameSentence: -0.3,
	fSubject:      0.5,
	fSpoke:        0.7,
	fLastSpeaker:  0.45,
	fTopic:        0.45,
	fPossessive:   -0.4,
	fSubjectPrev:  0.85,
	fSpokeRecency: 1.0,
	fParaMentions: 0.55,
	fChain:        0.25,
	fMainSubject:  0.85,
	fRole:         3.0,
}

// describedCands chooses the person a definite description at the verb
// ts[v] names: the best-scoring person in view, the role weighing most.
// pos is the description's position.
func (st *qstate) describedCands(r npRef, pos, v int) *entity {
	fits := func(e *entity) bool { return e.kind == model.KindPerson }
	cs := st.pronounCands(st.cur, pos&offMask, nil, nil, 0, fits, &descWeights)
	// A person named later in the same or the next paragraph whose role
	// fits ("the Jewish state's premier ... Prime Minister X") is a
	// candidate too.
	if e := st.byRole(r, pos); e != nil && e.pos > pos && !containsCand(cs, e) {
		cs = append(cs, spkCand{e: st.reg.canon(e), last: st.cur, spoke: -1})
	}
	// "The New Jersey governor" is not the article's New York governor,
	// nor "the GOP front-runner" its Democratic front-runner.
	cs = slices.DeleteFunc(cs, func(c spkCand) bool { return roleConflict(c.e, r) })
	for i := range cs {
		c := &cs[i]
		c.f[fRole] = float32(roleMatch(c.e, r))
		c.score = 0
		for k, x := range c.f {
			c.score += x * descWeights[k]
		}
	}
	st.candBuf = cs
	st.logCands(cs)
	if !inSet(roleNouns|titleWords, r.head) && len(r.mods) == 0 {
		// "the announcer said": a bare description no one in view was
		// given, and no common title, names no one ("the 41-year-old
		// chart-topper" still describes someone in view).
		matched := false
		for i := range cs {
			matched = matched || cs[i].f[fRole] > 0
		}
		if !matched {
			return nil
		}
	}
	return best(cs)
}

// containsCand reports whether cs holds a candidate for e.
func containsCand(cs []spkCand, e *entity) bool {
	for _, c := range cs {
		if c.e == e {
			return true
		}
	}
	return false
}

// roleConflict reports whether description r names a party or a US
// state and e's role names another one.
func roleConflict(e *entity, r npRef) bool {
	if e.role == "" || len(r.mods) == 0 {
		return false
	}
	var party byte
	var sb [32]byte
	state := sb[:0] // the state the description names, lower case, words spaced
	for i, m := range r.mods {
		w := stripPossessive(m.s)
		if p := partyOf(w); p != 0 {
			party = p
		}
		if i+1 < len(r.mods) {
			if two := spaced(sb[:0], w, stripPossessive(r.mods[i+1].s)); usStateName(string(two)) {
				state = two
				continue
			}
		}
		if len(state) == 0 && usStateName(w) {
			state = append(sb[:0], w...)
		}
	}
	if party == 0 && len(state) == 0 {
		return false
	}
	var pb [32]byte
	prev := ""
	for w := range strings.FieldsFuncSeq(e.role, func(c rune) bool { return c == ' ' || c == ',' || c == '.' || c == '-' }) {
		w = stripPossessive(w)
		if p := partyOf(w); party != 0 && p != 0 && p != party {
			return true
		}
		if len(state) > 0 {
			if prev != "" && usStateName(string(spaced(pb[:0], prev, w))) {
				// "New York", "West Virginia": the pair decides, not its
				// last word.
				if !strings.EqualFold(string(spaced(pb[:0], prev, w)), string(state)) {
					return true
				}
			} else if usStateName(w) && !strings.EqualFold(w, string(state)) &&
				!(len(state) > len(w) && state[len(state)-len(w)-1] == ' ' && strings.EqualFold(string(state[len(state)-len(w):]), w)) {
				return true // (no state's name begins another's)
			}
		}
		prev = w
	}
	return false
}

// spaced appends a, a space and b to buf.
func spaced(buf []byte, a, b string) []byte {
	buf = append(buf, a...)
	buf = append(buf, ' ')
	return append(buf, b...)
}

// partyOf returns 'R' for a word naming the Republican party, 'D' for
// the Democratic one, else 0.
func partyOf(w string) byte {
	switch {
	case strings.EqualFold(w, "republican"), strings.EqualFold(w, "gop"), w == "R":
		return 'R'
	case strings.EqualFold(w, "democratic"), strings.EqualFold(w, "democrat"), w == "D":
		return 'D'
	}
	return 0
}

// roleMatch counts how well description r fits e's role and name: 1 for
// its head (or a synonym, or an abbreviation such as "Sen."), and one
// more for each modifier word that matches.
func roleMatch(e *entity, r npRef) int {
	desc := strings.ToLower(e.role + " " + e.name)
	n := 0
	if containsWord(desc, r.head) || containsAbbrev(desc, r.head) {
		n = 1
	} else if a := demonymAdjective(r.head); a != "" && containsWord(desc, a) {
		n = 1 // "the Frenchman" is the article's "French driver"
	} else {
		for _, syn := range roleSynonyms[r.head] {
			if containsWord(desc, syn) {
				n = 1
				break
			}
		}
	}
	if n == 0 {
		return 0
	}
	for _, m := range r.mods {
		if containsWord(desc, strings.ToLower(stripPossessive(m.s))) {
			n++
		}
	}
	return n
}

// spkCand is one candidate speaker: a possible referent with its features and score.
type spkCand struct {
	e     *entity
	f     [nFeatures]float32
	score float32
	last  int // the sentence of its latest mention
	spoke int // the sentence it last spoke in, or -1
	inPar int // mentions in the pronoun's paragraph
	subjs int // sentences of the window it was the subject of
}

// nameMention is one naming of an entity outside quotations.
type nameMention struct {
	e    *entity
	sent int32 // sentence index
	pos  int32 // offset in the paragraph
	poss bool  // a possessive ("Ryan's")
}

// candWindow is how many sentences back candidates are gathered from.
const candWindow = 8

// pronounCands gathers and scores the candidates for a pronoun at
// paragraph offset pos of sentence si; subj is the sentence's subject
// named before it (or nil), local the speakers of its earlier speech
// verbs, want the gender the pronoun asks for (0 for none). fits reports
// whether an entity can be the referent at all.
func (st *qstate) pronounCands(si, pos int, subj *entity, local []*entity, want byte, fits func(*entity) bool, w *[nFeatures]float32) []spkCand {
	cs := st.candBuf[:0]
	para := st.sents[si].para
	add := func(e *entity, sent int, poss bool) *spkCand {
		e = st.reg.canon(e)
		if e == nil || !fits(e) {
			return nil
		}
		for i := range cs {
			if cs[i].e == e {
				c := &cs[i]
				if sent > c.last {
					c.last = sent
					c.f[fPossessive] = b2f(poss)
				}
				if st.sents[sent].para == para {
					c.inPar++
				}
				return c
			}
		}
		cs = append(cs, spkCand{e: e, last: sent, spoke: -1})
		c := &cs[len(cs)-1]
		c.f[fPossessive] = b2f(poss)
		if st.sents[sent].para == para {
			c.inPar++
		}
		return c
	}
	if subj != nil {
		if c := add(subj, si, false); c != nil {
			c.f[fMainSubject] = 1
		}
	}
	for _, e := range local {
		if c := add(e, si, false); c != nil {
			c.f[fSpoke] = 1
			if c.f[fMainSubject] == 0 {
				c.f[fSameSentence] = 1
			}
		}
	}
	// Names, subjects and speakers of the window, latest first.
	lo := st.sentFloor(si)
	for i := st.mentionsBefore(si, pos) - 1; i >= 0; i-- {
		m := st.mentions[i]
		if int(m.sent) < lo {
			break
		}
		if c := add(m.e, int(m.sent), m.poss); c != nil && int(m.sent) == si && c.f[fMainSubject] == 0 {
			c.f[fSameSentence] = 1
		}
	}
	lastSpoke := true
	for i := len(st.focus) - 1; i >= 0 && i >= len(st.focus)-focusReach; i-- {
		f := st.focus[i]
		if int(f.sent) < lo {
			break
		}
		if int(f.sent) == si && f.e != subj && !containsEnt(local, f.e) {
			continue // later in this sentence than the pronoun
		}
		c := add(f.e, int(f.sent), false)
		if f.spoke && lastSpoke {
			lastSpoke = false
			if c != nil {
				c.f[fLastSpeaker] = 1
			}
		}
		if c == nil {
			continue
		}
		if !f.spoke {
			c.subjs++
		}
		if f.spoke {
			c.f[fSpoke] = 1
			c.spoke = max(c.spoke, int(f.sent))
		} else if si-int(f.sent) <= 2 {
			c.f[fSubject] = 1
			if si-int(f.sent) == 1 {
				c.f[fSubjectPrev] = 1
				if st.asks(si - 1) {
					// "Was Szlachta satisfied with Rubio's response?
					// “To a point,” he said.": who the question is
					// about answers it.
					c.f[fSubjectPrev] = 2
				}
			}
		}
	}
	for i := range cs {
		c := &cs[i]
		n := si - c.last
		c.f[fRecency] = 1 / float32(1+n)
		if st.sents[c.last].para == para {
			c.f[fSameParagraph] = 1
		}
		c.f[fSalience] = float32(math.Log2(1 + float64(st.mentionCount(c.e, si))))
		c.f[fTopic] = b2f(c.e == st.topic())
		if c.spoke >= 0 {
			c.f[fSpokeRecency] = 1 / float32(1+si-c.spoke)
		}
		c.f[fParaMentions] = float32(math.Log2(1 + float64(c.inPar)))
		c.f[fChain] = float32(math.Log2(1 + float64(c.subjs)))
		c.f[fGender] = b2f(want != 0 && c.e.gender == want)
		c.score = 0
		for k, v := range c.f {
			c.score += v * w[k]
		}
	}
	st.candBuf = cs
	return cs
}

// best returns the highest-scoring candidate's entity, the earliest
// listed on a tie, or nil when there is none.
func best(cs []spkCand) *entity {
	var b *spkCand
	for i := range cs {
		if b == nil || cs[i].score > b.score {
			b = &cs[i]
		}
	}
	if b == nil {
		return nil
	}
	return b.e
}

func b2f(b bool) float32 {
	if b {
		return 1
	}
	return 0
}

func containsEnt(es []*entity, e *entity) bool {
	for _, x := range es {
		if x == e {
			return true
		}
	}
	return false
}

// sentFloor is the first sentence of the candidate window of sentence
// si: candWindow sentences back, and no more than three paragraphs.
func (st *qstate) sentFloor(si int) int {
	lo := max(0, si-candWindow)
	para := st.sents[si].para
	for lo < si && para-st.sents[lo].para > 3 {
		lo++
	}
	return lo
}

// mentionsBefore returns the number of mentions that come before offset
// pos of sentence si.
func (st *qstate) mentionsBefore(si, pos int) int {
	ms := st.mentions
	lo, hi := 0, len(ms)
	for lo < hi {
		m := (lo + hi) / 2
		if int(ms[m].sent) < si || int(ms[m].sent) == si && int(ms[m].pos) < pos {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// mentionCount is how many times e (or a name merged into it) was named
// before sentence si, counting back at most focusReach mentions.
func (st *qstate) mentionCount(e *entity, si int) int {
	n := 0
	end := st.mentionsBefore(si, 0)
	for i := end - 1; i >= 0 && i >= end-4*focusReach; i-- {
		if st.reg.canon(st.mentions[i].e) == e {
			n++
		}
	}
	return n
}

// topic is the first person the article names in its body, or nil.
func (st *qstate) topic() *entity {
	if !st.topicDone {
		st.topicDone = true
		for _, m := range st.mentions {
			if m.e.kind == model.KindPerson {
				st.topicEnt = m.e
				break
			}
		}
	}
	return st.reg.canon(st.topicEnt)
}

// trace keeps every scored choice of an analysis, for Explain.
type trace struct {
	choices [][]spkCand
}

// logCands keeps a copy of the scored candidates when tracing.
func (st *qstate) logCands(cs []spkCand) {
	if st.trace != nil {
		st.trace.choices = append(st.trace.choices, append([]spkCand(nil), cs...))
	}
}

// choices returns how many choices the trace holds (0 when not tracing).
func (st *qstate) choices() int {
	if st.trace == nil {
		return 0
	}
	return len(st.trace.choices)
}

// relogMain logs again the choice that resolved the current sentence's
// subject, so that an attribution reusing that subject explains it.
func (st *qstate) relogMain() {
	if st.trace != nil && st.mainChoice > 0 {
		st.trace.choices = append(st.trace.choices, st.trace.choices[st.mainChoice-1])
	}
}

// asks reports whether sentence si is the writer's question: it ends
// with a question mark outside any quotation.
func (st *qstate) asks(si int) bool {
	ts := st.sents[si].toks
	return len(ts) > 0 && ts[len(ts)-1].kind() == tPunct && ts[len(ts)-1].s == "?"
}
