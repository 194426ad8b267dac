package analyze

import (
	"github.com/brief-reader/brief/model"
)

// Explanation says how the speaker of one quote was chosen: the rule that
// decided, the speech verb and subject phrase it read, and, when it chose
// among several people, each candidate with its score.
type Explanation struct {
	Quote model.Quote `json:"quote"`
	// Rule names the deciding rule: "attribution" (a speech verb of the
	// quote's own sentence and its subject), "unresolved" (a speech verb
	// whose subject names no one the article identifies), "anonymous"
	// ("a spokesman said"), "colon" (a name before a colon), "continued"
	// (carries on the previous quote), "implicit" (no attribution: the
	// current speaker), "chain" (a segment of a quote running across
	// paragraphs), "repeat" (repeats words attributed elsewhere), "nested"
	// (speech inside another quote) or "" when nothing applied.
	Rule string `json:"rule"`
	// Verb is the speech verb read, or "".
	Verb string `json:"verb,omitempty"`
	// Subject is the subject phrase of the verb as written, or "".
	Subject string `json:"subject,omitempty"`
	// Ref says how the subject names its referent: "name", "pronoun",
	// "description", or "" (the clause's subject, or none).
	Ref string `json:"ref,omitempty"`
	// Candidates are the people the speaker was chosen from, with their
	// scores, in the order they were gathered; empty when the choice was
	// not among several.
	Candidates []Candidate `json:"candidates,omitempty"`
}

// Candidate is one possible speaker with its score and the features that
// make it up.
type Candidate struct {
	Name     string    `json:"name"`
	Score    float64   `json:"score"`
	Features []Feature `json:"features"`
}

// Feature is one named feature of a candidate: its value and the weight
// it is multiplied by.
type Feature struct {
	Name   string  `json:"name"`
	Value  float64 `json:"value"`
	Weight float64 `json:"weight"`
}

// rule is the deciding rule of an Explanation.
type rule uint8

const (
	ruleNone rule = iota
	ruleAttribution
	ruleUnresolved
	ruleAnonymous
	ruleColon
	ruleContinued
	ruleImplicit
	ruleChain
	ruleRepeat
	ruleIntro
	ruleSigned
	ruleFollowing
)

var ruleNames = [...]string{"", "attribution", "unresolved", "anonymous", "colon", "continued",
	"implicit", "chain", "repeat", "intro", "signed", "following"}

var refNames = [...]string{"", "name", "pronoun", "description"}

// why is what a quotation candidate keeps for Explain: small and copied
// by value, so that analysis pays nothing for it.
type why struct {
	rule     rule
	ref      refKind
	para     int32
	verb     int32 // offsets of the verb in its paragraph; both 0 when none
	verbEnd  int32
	subjFrom int32 // the subject phrase, when one was read
	subjTo   int32
	choice   int32 // 1 + the index of the traced choice, or 0
}

// whyOf records that attribution a decided, in the sentence ts.
func (st *qstate) whyOf(r rule, ts []tok, a *attribution) why {
	w := why{rule: r, ref: a.ref, para: int32(st.sents[st.cur].para)}
	v := ts[a.verb]
	w.verb, w.verbEnd = int32(v.pos()), int32(v.stop())
	w.subjFrom, w.subjTo = int32(a.from), int32(a.to)
	w.choice = a.choice
	return w
}

// Explain analyses a and says, for every quote it finds, how its speaker
// was chosen. The quotes are those Analyze returns, in the same order.
func Explain(a model.Article) []Explanation {
	doc := newDocument(model.BoundParagraphs(a.Paragraphs))
	defer doc.release()
	st := newQState(doc, a.Title, &trace{})
	defer putToks(st.toks)
	var out []Explanation
	for i := range st.cands {
		c := &st.cands[i]
		if c.pending {
			continue
		}
		if c.ent != nil {
			e := st.reg.canon(c.ent)
			c.q.Speaker, c.q.Role = e.shown()
		}
		x := Explanation{Quote: c.q, Rule: ruleNames[c.why.rule], Ref: refNames[c.why.ref]}
		text := doc.paras[c.why.para].text
		if c.why.verbEnd > c.why.verb {
			x.Verb = text[c.why.verb:c.why.verbEnd]
		}
		if c.why.subjTo > c.why.subjFrom {
			x.Subject = text[c.why.subjFrom:c.why.subjTo]
		}
		if c.why.choice > 0 {
			w := &pronounWeights
			switch {
			case c.why.rule == ruleImplicit:
				w = &implicitWeights
			case c.why.ref == refDesc:
				w = &descWeights
			}
			for _, k := range st.trace.choices[c.why.choice-1] {
				x.Candidates = append(x.Candidates, explainCand(st.reg.canon(k.e), k, w))
			}
		}
		out = append(out, x)
		for _, n := range st.nested(c) {
			out = append(out, Explanation{Quote: n, Rule: "nested"})
		}
	}
	return out
}

// explainCand describes candidate k of entity e scored with weights w.
func explainCand(e *entity, k spkCand, w *[nFeatures]float32) Candidate {
	c := Candidate{Name: e.name, Score: float64(k.score)}
	for f, v := range k.f {
		if v != 0 {
			c.Features = append(c.Features, Feature{Name: featureNames[f], Value: float64(v), Weight: float64(w[f])})
		}
	}
	return c
}
