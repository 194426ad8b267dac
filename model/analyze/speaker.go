package analyze

import (
	"sort"
	"strings"

	"github.com/brief-reader/brief/model"
)

// attribution is a speech verb of a sentence with its resolved speaker.
type attribution struct {
	verb   int // token index of the verb
	ent    *entity
	from   int  // first token of the subject phrase
	to     int  // one past its last token
	inv    bool // the subject follows the verb
	weak   bool // a verb that attributes but does not itself report speech
	fellBk bool // the subject came from the clause's subject, not the verb's own
	anon   bool // the subject describes someone the article does not name
	// unnamed: anon, and the phrase opens with "a", "an", "one" or
	// "another" ("a senior official", "one dealer"); many: they are many.
	unnamed, many bool
	ref           refKind
	choice        int32 // 1 + the index of the traced choice that resolved it, or 0
}

// focusItem is an entity that was the subject of a sentence or a speech
// verb, in document order: the candidates for pronouns and descriptions.
type focusItem struct {
	e     *entity
	para  int
	sent  int32 // index of the sentence
	spoke bool  // the entity is the speaker of a speech verb there
}

// recentSpeaker is how many sentences back a speaker of unknown gender
// still wins a pronoun over an earlier person whose gender fits: "Parks
// said. '...,' he said." is Parks, even when an earlier he is known.
const recentSpeaker = 2

// focusReach bounds how far back pronouns and descriptions look, so
// that analysis stays linear on pathological input.
const focusReach = 64

// passiveSpeech reports whether the verb at ts[v] is passive ("was accused").
func passiveSpeech(ts []tok, v int) bool {
	if v == 0 || ts[v-1].kind() != tWord || !ts[v-1].is(beAux) {
		return false
	}
	return !strings.HasSuffix(ts[v].s, "ing")
}

// attributions finds the speech verbs of a sentence and their speakers.
func (st *qstate) attributions(ts []tok, para int, main *entity, mainAt int, out []attribution) []attribution {
	var pbuf, bbuf [4][]tok
	lead := -1            // leadIndex(ts), when needed
	owned := hasOwner(ts) // a claim noun can have an owner (claimOwner)
	for v := 0; v < len(ts); v++ {
		t := ts[v]
		if t.kind() != tWord {
			continue
		}
		lw := t.s // lower case, but for a sentence's first word
		if !t.lower() {
			switch lw {
			case "According":
				lw = "according"
			case "Per":
				lw = "per"
			default:
				continue
			}
		}
		var parts [][]tok
		a := attribution{verb: v}
		owner := ""
		switch {
		case owned && headsClaim(ts, v) && claimNouns.get().lookup(lw) != 0 && claimOwner(ts, v) >= 0:
			// "But Podliska's most explosive claim is that ...", "His
			// assumption was that “...”": the owner of the claim that
			// opens the clause says what follows.
			o := claimOwner(ts, v)
			if owner = possessivePronoun(ts[o].s); owner == "" {
				parts = [][]tok{ts[runStartBack(ts, o) : o+1]}
			} else {
				a.from, a.to = ts[o].pos(), ts[o].stop()
			}
		case lw == "according":
			if v+1 >= len(ts) || !strings.EqualFold(ts[v+1].s, "to") {
				continue
			}
			parts = walkFwd(ts, v+1, &pbuf)
			a.inv = true
		case lw == "per":
			// "“...,” per Ida Marr, the city engineer": a source, like
			// "according to" (not "per cent", "per hour").
			if v+1 >= len(ts) || !capWord(ts[v+1]) || v == 0 || ts[v-1].kind() == tWord {
				continue
			}
			parts = walkFwd(ts, v, &pbuf)
			a.inv = true
		case lw[0] == 'r' && referAs(ts, v):
			// "Trump referred to her as “...”": naming, like "called".
			parts = walkBack(ts, v, &pbuf)
		case lw == "put" && v+1 < len(ts) && ts[v+1].s == "it":
			// "As Nils Berg put it, “...”": the subject before "put it".
			parts = walkBack(ts, v, &pbuf)
		case t.is(speechVerbs):
			a.weak = t.is(weakSpeech)
			if v > 0 && ts[v-1].kind() == tWord && ts[v-1].lower() &&
				(ts[v-1].is(modifierDets) && !relativeThat(ts, v) || ts[v-1].is(prepositions)) && !strings.HasSuffix(lw, "ing") ||
				v > 0 && possessive(ts[v-1].s) {
				continue // a noun: "the caution", "above predicted strength"
			}
			if v+1 < len(ts) && ts[v+1].kind() == tWord && ts[v+1].s == "by" {
				parts = walkFwd(ts, v+1, &pbuf)
				a.inv = true
				break
			}
			if lw == "pointed" && (v+1 >= len(ts) || ts[v+1].s != "out") {
				continue
			}
			if lw == "press" && v+1 < len(ts) && ts[v+1].kind() == tWord && ts[v+1].lower() &&
				!ts[v+1].is(determiners|prepositions|personalPronouns|modifierDets) {
				continue // "White House press secretary", "a press conference"
			}
			if passiveSpeech(ts, v) {
				continue
			}
			if v > 0 && strings.HasSuffix(lw, "ing") && ts[v-1].kind() == tWord && ts[v-1].lower() &&
				(ts[v-1].s == "by" || ts[v-1].s == "after" || ts[v-1].s == "before" || ts[v-1].s == "while") {
				break // "started the exchange by asking the author, ...": the clause's subject
			}
			prevQuote := v > 0 && ts[v-1].kind() == tQuote
			prevComma := v > 0 && isComma(ts[v-1])
			if v+1 < len(ts) && validInversionStart(ts[v+1], prevQuote) && !isTell(lw) &&
				(prevQuote || prevComma && !t.is(noInversion) && !strings.HasSuffix(lw, "ing") && pronounOf(ts[v+1].s) == "") {
				parts = walkFwd(ts, v, &pbuf)
				a.inv = true
				if !prevQuote {
					// "Yui Takeda, who runs a shop, said the closure ...":
					// a subject opening the sentence, then asides, is the
					// speaker; "said the closure" is no inversion.
					if lead < 0 {
						lead = leadIndex(ts) // once per sentence: linear on any input
					}
					back := walkBack(ts, v, &bbuf)
					for b := range back {
						// The name may follow an opening phrase: "In a
						// letter, Ana Ruiz, head of ..., noted the ...".
						if namedAside(ts, back[b], v, main != nil && ts[mainAt].pos() == back[b][0].pos(), lead) {
							parts, a.inv = back[b:], false
							break
						}
					}
				}
			} else {
				parts = walkBack(ts, v, &pbuf)
			}
		default:
			continue
		}
		if len(parts) > 0 {
			a.from, a.to = parts[0][0].pos(), parts[len(parts)-1][len(parts[len(parts)-1])-1].stop()
			ref := interpret(parts)
			a.ref = ref.kind
			if ref.kind != refNone {
				pos := gpos(para, parts[0][0].pos())
				n := st.choices()
				a.ent = st.resolve(ref, pos, para, ts, out, main, mainAt, v)
				if st.choices() > n {
					a.choice = int32(st.choices())
				}
				a.anon = a.ent == nil && ref.kind == refDesc && personNoun(ref.head) && !inSet(docNouns|orgNouns, ref.head)
				if d := parts[0][0]; a.anon && !a.weak && !(v > 0 && ts[v-1].is(relativeWords)) &&
					d.kind() == tWord && indefinite(strings.ToLower(d.s)) && d.s != "any" {
					// (Not "a leader that believes": no one speaks.)
					a.unnamed, a.many = true, isPlural(ref.head)
				}
				if a.ent == nil && ref.kind == refPronoun && st.anonymousBefore(ref.pron) {
					// "“...,” he said" after "a senior official told":
					// the same unnamed speaker, and "he added" after it.
					a.anon, a.unnamed, a.many = true, true, st.anonMany
				}
			}
		}
		if owner != "" {
			a.ref = refPronoun
			a.ent = st.resolve(npRef{kind: refPronoun, pron: owner}, gpos(para, a.from), para, ts, out, main, mainAt, v)
		}
		if a.ent == nil && len(parts) == 0 && !a.inv && owner == "" {
			// "..., saying ...", "and slammed ...", "by asking": the clause's
			// subject.
			prev := ""
			if v > 0 {
				prev = strings.ToLower(ts[v-1].s)
			}
			if prev == "," || prev == "and" || prev == "but" || prev == "then" || prev == "to" || strings.HasSuffix(lw, "ing") {
				// "..., saying", "and added", "went on to say": the
				// clause's subject speaks.
				for i := len(out) - 1; i >= 0 && i >= len(out)-8; i-- {
					if out[i].ent != nil && !out[i].weak {
						a.ent = out[i].ent
						break
					}
				}
				if a.ent == nil && main != nil && mainAt < v {
					a.ent = main
				}
				a.fellBk = a.ent != nil
			}
		}
		if a.ent != nil {
			a.ent.spoke = true
		}
		out = append(out, a)
	}
	return out
}

// relativeThat reports whether the "that" before the verb ts[v] is a
// relative pronoun ("a statement that says"), not a determiner ("that
// warning"): a finite verb after a noun.
func relativeThat(ts []tok, v int) bool {
	if ts[v-1].s != "that" || v < 2 || ts[v-2].kind() != tWord || !ts[v-2].lower() {
		return false
	}
	w := ts[v].s
	return strings.HasSuffix(w, "s") || strings.HasSuffix(w, "ed") || w == "said" || w == "told" || w == "wrote"
}

// isTell reports whether a speech verb is a form of "tell", whose next
// noun is always its object: “...,” told reporters.
func isTell(w string) bool {
	return w == "told" || w == "tell" || w == "tells" || w == "telling"
}

// namedAside reports whether part, the first part of the subject phrase
// of the verb at ts[v], is a name that opens the sentence (or is its
// subject) and is followed by an aside before the verb: "Yui Takeda, who
// runs a shop, said".
func namedAside(ts []tok, part []tok, v int, subject bool, lead int) bool {
	last := part[len(part)-1]
	if !capWord(last) {
		return false
	}
	for _, t := range part {
		if !capWord(t) && !(t.lower() && t.is(determiners|roleNouns|titleWords)) {
			return false
		}
	}
	if !subject && (lead >= len(ts) || ts[lead].pos() != part[0].pos() && !afterOpening(ts, lead, part[0])) {
		return false
	}
	// The token after the name must be a comma, and not the verb's own.
	i := sort.Search(len(ts), func(i int) bool { return ts[i].pos() > last.pos() })
	i = skipPartyTagFwd(ts, i) // "Sen. Ann Holt (D-Mo.), who ..., said"
	return i < v-1 && isComma(ts[i])
}

// afterOpening reports whether first follows the comma that closes an
// opening phrase of the sentence ("In a letter to the court, Ana Ruiz,
// ..."): the sentence leads with a preposition or a subordinator.
func afterOpening(ts []tok, lead int, first tok) bool {
	i := sort.Search(len(ts), func(i int) bool { return ts[i].pos() >= first.pos() })
	if i == 0 || i >= len(ts) || !isComma(ts[i-1]) || lead >= i {
		return false
	}
	t := ts[lead]
	return t.kind() == tWord && (t.is(prepositions) || t.is(stopCaps) && t.is(clauseWords) && !t.is(personalPronouns|determiners) ||
		openingPhrase(t)) // "Speaking later on the show, Ann Holt, ..."
}

// leadIndex returns the index of the first token of ts that is not
// punctuation or an opening conjunction.
func leadIndex(ts []tok) int {
	for i, t := range ts {
		if t.kind() == tPunct || t.kind() == tWord && (t.s == "But" || t.s == "And" || t.s == "So") {
			continue
		}
		return i
	}
	return len(ts)
}

// resolve finds the entity a subject phrase refers to.
func (st *qstate) resolve(ref npRef, pos, para int, ts []tok, local []attribution, main *entity, mainAt, v int) *entity {
	switch ref.kind {
	case refName:
		e := st.reg.resolveRun(ref.run, pos)
		if e == nil {
			switch ref.run.kind {
			case runSingle, runPlace:
				e = st.reg.add(nameText(ref.run.name), model.KindOrganization, pos)
				if ref.run.kind == runPlace {
					st.reg.rename(e, nameText(ref.run.all))
				}
			case runTitle:
				last := ref.run.all[len(ref.run.all)-1]
				d := npRef{kind: refDesc, head: strings.ToLower(stripPossessive(last.s)),
					mods: ref.run.all[:len(ref.run.all)-1], det: ref.det}
				if len(ref.run.all) == 1 && last.is(groupNouns) {
					g := st.reg.add(nameText(ref.run.all), model.KindGroup, pos)
					return g
				}
				return st.resolveDesc(d, pos, para, main, mainAt, v)
			}
		}
		if e != nil {
			st.reg.setRole(e, ref.role)
		}
		return e
	case refPronoun:
		if main != nil && ts[mainAt].pos() == pos&offMask {
			// The pronoun is the sentence's subject, resolved already.
			st.relogMain()
			return main
		}
		var subj *entity
		if main != nil && mainAt < v {
			subj = main
		}
		var loc []*entity
		for _, a := range local[max(0, len(local)-8):] {
			if a.ent != nil {
				loc = append(loc, a.ent)
			}
		}
		return st.resolvePronoun(ref.pron, pos&offMask, subj, loc)
	case refDesc:
		return st.resolveDesc(ref, pos, para, main, mainAt, v)
	}
	return nil
}

// resolvePronoun finds the referent of the pronoun p at offset pos of
// the current sentence: the best-scoring earlier person of the right
// gender for he and she, organisation or group for it and they (see
// candidates.go). subj is the sentence's subject when it comes before
// the pronoun, local the speakers of its earlier speech verbs.
func (st *qstate) resolvePronoun(p string, pos int, subj *entity, local []*entity) *entity {
	var want byte
	switch p {
	case "he":
		want = 'm'
	case "she":
		want = 'f'
	case "i", "we":
		return nil
	}
	if subj == nil && len(local) == 0 && st.anonymousBefore(p) {
		// "A senior official told CNN ... “...,” he said": the same
		// unnamed official, not someone named earlier.
		return nil
	}
	fits := func(e *entity) bool {
		if want != 0 {
			return personLike(e) && (e.gender == 0 || e.gender == want) && (e.full || e.titleForm || e.personal)
		}
		return e.kind != model.KindPerson || e.gender == 0 && !e.personal
	}
	cs := st.pronounCands(st.cur, pos, subj, local, want, fits, &pronounWeights)
	st.logCands(cs)
	e := best(cs)
	if e == nil {
		return nil
	}
	return st.setGender(e, want)
}

// anonymousBefore reports whether the sentence before the current one
// ended with someone the article does not name speaking, whom the
// pronoun p can mean: he or she for one, they for many.
func (st *qstate) anonymousBefore(p string) bool {
	if st.anon < 0 || st.anon != st.cur-1 || p == "it" {
		return false
	}
	return (p == "they") == st.anonMany
}

func (st *qstate) setGender(e *entity, g byte) *entity {
	if g != 0 && e.gender == 0 {
		e.gender = g
		e.personal = true
	}
	return e
}

// referAs reports whether ts[v] is "refer to ... as", naming what
// follows ("referred to the plan as “a fraud”"), not "referred the
// matter to".
func referAs(ts []tok, v int) bool {
	switch ts[v].s {
	case "refer", "refers", "referred", "referring":
	default:
		return false
	}
	if v+1 >= len(ts) || ts[v+1].s != "to" {
		return false
	}
	for i := v + 2; i < len(ts) && i <= v+10; i++ {
		if ts[i].s == "as" {
			return true
		}
		if ts[i].kind() != tWord {
			return false
		}
	}
	return false
}

// hasOwner reports whether the sentence ts holds a possessive name or
// pronoun, which claimOwner needs.
func hasOwner(ts []tok) bool {
	for _, t := range ts {
		if t.kind() == tWord && (possessive(t.s) || possessivePronoun(t.s) != "") {
			return true
		}
	}
	return false
}

// headsClaim reports whether the token after a claim noun shows the noun
// heading its phrase: "claim is that", "call for a", "response:",
// "insistence he was" (not "His friends call him"); the end of the
// sentence does not.
func headsClaim(ts []tok, v int) bool {
	if v+1 >= len(ts) {
		return false
	}
	switch n := ts[v+1]; n.kind() {
	case tWord:
		return n.is(beAux|personalPronouns) || n.s == "that" || n.s == "for" || n.s == "to"
	case tPunct:
		return n.s == "," || n.s == ":"
	}
	return true // a quotation: "His response “...”"
}

// claimNouns are what someone says, named as a thing: a quotation after
// "Podliska's claim is that" or "His assumption was that" is the owner's.
var claimNouns = lazyTable{build: func() map[string]wclass {
	m := make(map[string]wclass)
	for _, w := range strings.Fields(`claim claims contention assertion argument assumption belief view message
pledge promise vow plea warning prediction insistence accusation complaint suggestion explanation
retort response reply answer description verdict assessment call`) {
		m[w] = 1
	}
	return m
}}

// claimOwner returns the index of the owner of the claim noun ts[v] when
// the phrase "OWNER's [modifiers] NOUN" opens the clause ("But
// Podliska's most explosive claim", "While Sanders's call"), or -1.
func claimOwner(ts []tok, v int) int {
	o := v - 1
	for n := 0; n < 3 && o >= 0 && ts[o].kind() == tWord && ts[o].lower() && !possessive(ts[o].s) && !pluralNoun(ts[o].s) &&
		possessivePronoun(ts[o].s) == "" && (ts[o].s == "most" || !ts[o].is(determiners|prepositions|connectors|speechVerbs|beAux)); n++ {
		o-- // "most explosive", "controversial", "clarion"
	}
	if o < 0 || ts[o].kind() != tWord {
		return -1
	}
	start := o
	if possessivePronoun(ts[o].s) == "" {
		if !possessive(ts[o].s) || !capWord(ts[o]) {
			return -1
		}
		start = o + 1 - len(ownerRun(ts, o))
	}
	switch {
	case start == 0:
	case start == 1 && clauseOpener(ts[0]):
	case ts[start-1].kind() == tPunct && (ts[start-1].s == ";" || isDash(ts[start-1])):
	default:
		return -1
	}
	return o
}

// pluralNoun reports whether w looks like a plural noun ("supporters"),
// which makes a claim noun after it a verb ("Nemtsov's supporters claim
// he"): it ends in s, not ss, us or ous.
func pluralNoun(w string) bool {
	return strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us")
}

// ownerRun is the name that ends in the possessive ts[o], without a
// word that opens the sentence before it ("But Podliska's").
func ownerRun(ts []tok, o int) []tok {
	start := runStartBack(ts, o)
	for i := start; i < o; i++ {
		if ts[i].lower() {
			start = i + 1 // "Some of Nemtsov's": the name after "of"
		}
	}
	if start == 0 && start < o && clauseOpener(ts[0]) {
		start++
	}
	return ts[start : o+1]
}

// clauseOpener reports whether t is a conjunction that can open a
// sentence before its subject.
func clauseOpener(t tok) bool {
	switch t.s {
	case "But", "And", "While", "Yet", "Still", "Although", "Though":
		return true
	}
	return false
}

// possessivePronoun returns the personal pronoun of a possessive one
// ("his" → "he", "Her" → "she"), or "".
func possessivePronoun(w string) string {
	switch w {
	case "his", "His":
		return "he"
	case "her", "Her":
		return "she"
	case "their", "Their":
		return "they"
	}
	return ""
}
