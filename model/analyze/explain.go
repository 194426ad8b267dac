package analyze

import (
	"github.com/brief-reader/brief/model"
)

// Explanation says how the speaker of one quote was chosen: the rule that
// decided, the speech verb and subject phrase it read, and, when it chose
// among several people, each candidate with its score.
type Explanation struct {
	Quote model.Quote
	// Rule names the deciding rule: "attribution" (a speech verb of the
	// quote's own sentence and its subject), "unresolved" (a speech verb
	// whose subject names no one the article identifies), "anonymous"
	// ("a spokesman said"), "colon" (a name before a colon), "continued"
	// (carries on the previous quote), "implicit" (no attribution: the
	// current speaker), "chain" (a segment of a quote running across
	// paragraphs), "repeat" (repeats words attributed elsewhere), "nested"
	// (speech inside another quote) or "" when nothing applied.
	Rule string
	// Verb is the speech verb read, or "".
	Verb string
	// Subject is the subject phrase of the verb as written, or "".
	Subject string
	// Ref says how the subject names its referent: "name", "pronoun",
	// "description", or "" (the clause's subject, or none).
	Ref string
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
)

var ruleNames = [...]string{"", "attribution", "unresolved", "anonymous", "colon", "continued",
	"implicit", "chain", "repeat"}

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
}

// whyOf records that attribution a decided, in the sentence ts.
func (st *qstate) whyOf(r rule, ts []tok, a *attribution) why {
	w := why{rule: r, ref: a.ref, para: int32(st.sents[st.cur].para)}
	v := ts[a.verb]
	w.verb, w.verbEnd = int32(v.pos()), int32(v.stop())
	w.subjFrom, w.subjTo = int32(a.from), int32(a.to)
	return w
}

// Explain analyses a and says, for every quote it finds, how its speaker
// was chosen. The quotes are those Analyze returns, in the same order.
func Explain(a model.Article) []Explanation {
	doc := newDocument(a.Paragraphs)
	defer doc.release()
	st := newQState(doc)
	defer putToks(st.toks)
	var out []Explanation
	for i := range st.cands {
		c := &st.cands[i]
		if c.pending {
			continue
		}
		if c.ent != nil {
			e := st.reg.canon(c.ent)
			c.q.Speaker, c.q.Role = e.name, e.role
		}
		x := Explanation{Quote: c.q, Rule: ruleNames[c.why.rule], Ref: refNames[c.why.ref]}
		text := doc.paras[c.why.para].text
		if c.why.verbEnd > c.why.verb {
			x.Verb = text[c.why.verb:c.why.verbEnd]
		}
		if c.why.subjTo > c.why.subjFrom {
			x.Subject = text[c.why.subjFrom:c.why.subjTo]
		}
		out = append(out, x)
		for _, n := range st.nested(c) {
			out = append(out, Explanation{Quote: n, Rule: "nested"})
		}
	}
	return out
}
