package analyze

import (
	"strings"
)

// refKind says how a subject phrase names its referent.
type refKind uint8

const (
	refNone    refKind = iota
	refName            // a capitalized name ("Kirby", "the Arab League")
	refPronoun         // he, she, they, it, we, I
	refDesc            // a common-noun description ("the spokesman")
)

// npRef is what a subject phrase refers to, before resolution.
type npRef struct {
	kind refKind
	run  nameRun
	pron string // lower case, for refPronoun
	head string // lower-case head noun, for refDesc
	mods []tok  // words before the head, determiner dropped
	det  string // lower-case determiner ("the", "a") or ""
	tail []tok  // complement after the head ("for the British Foreign Office")
	role string // the role the phrase gives
}

// npReach bounds the words of one part of a subject phrase.
const npReach = 24

func isComma(t tok) bool { return t.kind() == tPunct && t.s == "," }

// walkBack returns the comma-separated parts of the subject phrase that
// ends just before the verb at ts[v]: "Sweden's deputy director ...,
// Eva-Marie Persson," gives two parts. The parts are kept in buf.
func walkBack(ts []tok, v int, buf *[4][]tok) [][]tok {
	i := skipAuxBack(ts, v-1)
	if i < 0 {
		return nil
	}
	// "Cruz himself said", "he himself said": the intensifier adds nothing.
	if i > 0 && ts[i].kind() == tWord && ts[i].lower() && isIntensifier(ts[i].s) &&
		ts[i-1].kind() == tWord && (capWord(ts[i-1]) || pronounOf(ts[i-1].s) != "") {
		i--
	}
	// A party and state tag after a name: "Sen. Ann Holt (D-Mo.) said",
	// "Rep. Joe Marsh, R-Ky., said".
	if j := skipPartyTag(ts, i); j != i {
		i = j
	}
	if ts[i].kind() == tWord && pronounOf(ts[i].s) != "" {
		buf[0] = ts[i : i+1]
		return buf[:1]
	}
	if isDash(ts[i]) {
		// "Gingrich — mentioned by Newsmax as a choice — told": the name
		// before a dashed aside.
		if name := beforeDashAside(ts, i); name != nil {
			buf[0] = name
			return buf[:1]
		}
		return nil
	}
	if ts[i].kind() == tWord && ts[i].lower() && isWhoWhich(ts[i]) {
		// "Sanders, who says it's “disastrous”": the relative pronoun's
		// antecedent is the subject.
		if name := antecedent(ts, i); name != nil {
			buf[0] = name
			return buf[:1]
		}
	}
	if ts[i].kind() == tQuote && i > 0 && (ts[i-1].s == "of" || ts[i-1].is(namingCues)) {
		// "Ana Ruiz, author of “Dry Bones,” put it": the aside ends in a
		// quoted title whose comma is inside the marks.
		if name := leadAside(ts, i); name != nil {
			buf[0] = name
			return buf[:1]
		}
	}
	if isComma(ts[i]) && strings.HasSuffix(ts[v].s, "ing") {
		return nil // "..., saying": the subject is the clause's
	}
	if isComma(ts[i]) {
		// "Pete Seat, an Indiana consultant whose firm was retained by the
		// campaign, said": the name that opens the sentence, then an
		// aside of any length.
		if name := leadAside(ts, i); name != nil {
			buf[0] = name
			return buf[:1]
		}
		// "Fissette, who worked with Kim Clijsters, Simona Halep and
		// others when they won, said": a relative clause across commas
		// hides the subject before it.
		if subj := beforeRelative(ts, i); subj != nil {
			buf[0] = subj
			return buf[:1]
		}
		// Parts are found last first, and put in order at the end.
		parts := buf[:0]
		end := i
		for n := 0; n < 4; n++ {
			if end > 0 {
				if j := skipPartyTag(ts, end-1); j != end-1 && j >= 0 {
					end = j + 1 // "Sen. Ann Holt (D-Mo.), who ..., said"
				}
			}
			k := end - 1
			for k >= 0 && (ts[k].kind() == tWord || ts[k].s == "&" || ts[k].s == "." && k > 0 && ts[k-1].kind() == tWord) && end-k < npReach {
				k-- // ("an analyst at Compass Point Research & Trading", "Pa.")
			}
			part := ts[k+1 : end]
			if len(parts) == 0 && len(part) > 0 && len(part) <= 3 && (stateAbbrev(joinToks(part)) || usState(part)) && k > 0 && isComma(ts[k]) {
				end = k // "a nurse in Reno, Nev., said": the state is a place
				continue
			}
			if len(parts) > 0 && len(part) > 0 && openingPhrase(part[0]) {
				break // "After winning Ohio, Gov. Ann Holt (R-Ohio), said"
			}
			if len(part) > 0 && !(part[0].lower() && part[0].is(relativeWords)) {
				c := -1
				np := part[0].is(determiners | roleNouns | titleWords) // an appositive noun phrase
				for m := len(part) - 1; m >= 0; m-- {
					if part[m].clause() && !part[m].is(relativeWords) && !(np && (part[m].s == "and" || part[m].s == "or")) ||
						part[m].s == "that" && m+1 < len(part) && capWord(part[m+1]) && runEndFwd(part, m+1) == len(part) {
						// ("years ago that Ann Holt, who ..., said": a name after
						// "that" opens the clause.)
						c = m
						break
					}
				}
				if c >= 0 {
					if c+1 < len(part) {
						parts = append(parts, part[c+1:])
					}
					break
				}
				parts = append(parts, part)
			}
			if k < 0 || !isComma(ts[k]) {
				break
			}
			end = k
		}
		for a, b := 0, len(parts)-1; a < b; a, b = a+1, b-1 {
			parts[a], parts[b] = parts[b], parts[a]
		}
		if len(parts) == 0 {
			return nil
		}
		return parts
	}
	k := i
	if capWord(ts[i]) {
		// A name with connectors inside is one subject: "The Department
		// for Education and Skills said".
		if st := runStartBack(ts, i); st < i && i-st < npReach && parseRun(ts[st:i+1]).kind == runOrg {
			k = st
		}
	}
	restarted := false
	for k >= 0 && ts[k].kind() == tWord && i-k < npReach {
		t := ts[k]
		if restarted && t.lower() && t.is(determiners) {
			k-- // "released a statement that says": the phrase starts here
			break
		}
		if t.clause() && !(t.capital() && k == i && k > 0 && ts[k-1].kind() == tWord) ||
			t.lower() && t.is(speechVerbs|timeWords) || t.capital() && t.is(timeWords) {
			// (A capitalized function word just before the verb, in
			// mid-sentence, is a name: "While Will acknowledges".)
			if !restarted && t.lower() && t.is(relativeWords) && k > 0 && ts[k-1].kind() == tWord &&
				!(t.s != "that" && k+1 < v && ts[k+1].is(determiners|personalPronouns)) &&
				!(capWord(ts[k+1]) && runEndFwd(ts, k+1) == i+1) {
				// (Not when a name follows and ends just before the verb:
				// in "a clip that Judge Ann Holt called", she is its subject.)
				// "the people who attended said": the head is before "who".
				restarted = true
				i = k - 1
				k = i
				continue
			}
			break
		}
		k--
	}
	if k+1 > i {
		return nil
	}
	if k >= 1 && ts[k].kind() == tWord && ts[k].lower() && (ts[k].s == "to" || ts[k].s == "for") &&
		ts[k-1].kind() == tWord && ts[k-1].lower() && personNoun(ts[k-1].s) && !ts[k-1].is(clauseWords|speechVerbs|auxWords) {
		// "an aide to Prime Minister Ann Holt said": the aide speaks, not
		// the name after "to".
		m := k - 1
		for m > 0 && k-m < 5 && ts[m-1].kind() == tWord && (ts[m-1].lower() || ts[m-1].is(determiners)) &&
			!ts[m-1].is(clauseWords|speechVerbs|prepositions) {
			m--
		}
		buf[0] = ts[m : i+1]
		return buf[:1]
	}
	if strings.HasSuffix(ts[v].s, "ing") {
		for _, t := range ts[max(k, 0) : i+1] {
			if t.kind() == tWord && t.lower() && (t.is(prepositions) && t.s != "with" || t.s == "to") {
				// "wrote in a statement to Wired explaining": the noun
				// before a participle is a preposition's object, not its
				// subject; the clause's subject is. ("with X warning"
				// makes X the subject.)
				return nil
			}
		}
	}
	buf[0] = ts[k+1 : i+1]
	return buf[:1]
}

// walkFwd returns the comma-separated parts of the phrase after ts[v]
// (inversions: `said Scott Strenfel, PG&E's principal meteorologist`).
// The parts are kept in buf.
func walkFwd(ts []tok, v int, buf *[4][]tok) [][]tok {
	parts := buf[:0]
	start := v + 1
	for n := 0; n < 3 && start < len(ts); n++ {
		k := start
		stop := false
		for k < len(ts) && ts[k].kind() == tWord && k-start < npReach {
			if k > start && ts[k].is(relativeWords) && ts[k].lower() {
				stop = true
				break
			}
			k++
		}
		if k > start {
			if ts[start].is(relativeWords) {
				break
			}
			parts = append(parts, ts[start:k])
		}
		if stop || k >= len(ts) || !isComma(ts[k]) {
			break
		}
		start = k + 1
	}
	if len(parts) == 0 {
		return nil
	}
	return parts
}

// validInversionStart reports whether t can begin the subject of an
// inverted attribution ("said Kirby", "said the spokesman", "said he").
// Right after a quotation any noun may ("said treasurer Ida Vance").
func validInversionStart(t tok, afterQuote bool) bool {
	if t.kind() != tWord {
		return false
	}
	if afterQuote && t.lower() && !t.is(prepositions|timeWords|clauseWords|auxWords) && !isAdverb(t.s) &&
		!strings.ContainsAny(t.s, "'’") {
		return true // not a contraction: “...,” says it's
	}
	if afterQuote && strings.Contains(t.s, "-year-old") {
		return true // “...,” said 14-year-old starter Creighton Avery
	}
	if t.lower() && t.is(roleNouns|titleWords) && !t.is(clauseWords|prepositions|determiners) && !isPlural(t.s) {
		return true // ", said engineer Tomas Reyes"
	}
	w := t.s
	if isCap(w) {
		return !inSet(timeWords, w) && !isClause(w) || w == "I"
	}
	switch strings.ToLower(w) {
	case "he", "she", "the", "a", "an", "another", "one", "his", "her", "their", "its":
		return true
	}
	return false
}

// interpret turns the parts of a subject phrase into a reference.
func interpret(parts [][]tok) npRef {
	var name, pron, desc npRef // kind refNone until found
	var descToks []tok         // the first description, made text only if used
	haveDesc := false
	for _, p := range parts {
		if len(p) > 2 && p[0].capital() && p[0].is(prepositions) && !capWord(p[len(p)-1]) {
			// "In a joint statement the firms said": the subject follows
			// the opening phrase's last determiner.
			for d := len(p) - 2; d > 1; d-- {
				if p[d].is(determiners) {
					p = p[d:]
					break
				}
			}
		}
		det := ""
		for len(p) > 0 && p[0].kind() == tWord && (p[0].is(determiners) || len(p) > 1 && p[0].clause() && p[0].capital() && !p[0].is(personalPronouns) ||
			len(p) > 1 && p[0].is(adverbParts)) { // ("Later the harbour board said")
			if det == "" {
				det = strings.ToLower(p[0].s)
			}
			p = p[1:]
		}
		if len(p) == 0 {
			continue
		}
		if len(p) == 1 && p[0].is(adverbParts) {
			continue
		}
		for len(p) > 1 && p[0].lower() && (p[0].is(prepositions) || p[0].s == "despite") {
			p = p[1:]
			if det == "" && p[0].is(determiners) {
				det = strings.ToLower(p[0].s)
				p = p[1:]
			}
		}
		if len(p) == 0 {
			continue
		}
		if len(p) > 2 && p[0].capital() && (p[0].is(prepositions) || strings.HasSuffix(p[0].s, "ing")) && capWord(p[len(p)-1]) {
			// "Speaking in Harrogate Mr Kennedy said": an opening phrase,
			// then the subject's name.
			p = p[runStartBack(p, len(p)-1):]
		}
		first := p[0]
		if first.kind() != tWord || first.lower() && (first.is(relativeWords) || first.is(prepositions)) {
			continue
		}
		if len(p) == 1 && pronounOf(first.s) != "" {
			if pron.kind == refNone {
				pron = npRef{kind: refPronoun, pron: pronounOf(first.s)}
			}
			continue
		}
		cut := len(p)
		for k := 1; k < len(p); k++ {
			w := p[k]
			if w.kind() != tWord || !w.lower() {
				continue
			}
			if w.is(prepositions) || w.is(relativeWords) || w.s == "to" && !capWord(p[k-1]) {
				if w.is(connectors) && capWord(p[k-1]) && k+1 < len(p) && capWord(p[k+1]) {
					continue
				}
				cut = k // ("an aide to Prime Minister Ann Holt": the aide)
				break
			}
			if strings.HasSuffix(w.s, "ing") && !w.is(roleNouns|titleWords) && k+1 < len(p) &&
				(p[k+1].is(determiners|modifierDets|prepositions) || capWord(p[k+1])) {
				cut = k // "a police official handling the case", not "governing body"
				break
			}
		}
		head, tail := p[:cut], p[cut:]
		last := len(head) - 1
		if capWord(head[last]) && !(det == "the" && len(head) == 1 && isDemonym(stripPossessive(head[0].s))) {
			// (Not "the Frenchman": a description of someone.)
			rs := runStartBack(head, last)
			nr := parseRun(head[rs:])
			if nr.kind != runNone {
				if name.kind == refNone || name.run.kind == runTitle && nr.kind != runTitle {
					role := tokText(head[:rs])
					if len(nr.prefix) > 0 && !nr.honor && (nr.kind == runPerson || nr.kind == runSingle) {
						role = strings.TrimSpace(role + " " + tokText(nr.prefix))
					}
					name = npRef{kind: refName, run: nr, role: role, det: det, tail: tail}
				}
				continue
			}
		}
		if desc.kind == refNone {
			desc = npRef{kind: refDesc, head: strings.ToLower(stripPossessive(head[last].s)),
				mods: head[:last], det: det, tail: tail}
		}
		if !haveDesc {
			descToks = roleWords(p)
			haveDesc = len(descToks) > 0
		}
	}
	switch {
	case name.kind != refNone && name.run.kind != runTitle:
		if name.role == "" && haveDesc {
			name.role = tokText(descToks)
		}
		return name
	case pron.kind != refNone:
		return pron
	case desc.kind != refNone:
		return desc
	case name.kind != refNone:
		return name
	}
	return npRef{}
}

// roleWords is the part of an appositive that can be a role: not a
// participle clause ("roaming the stage"), and cut before a relative
// clause ("a doctor who the senator called a friend").
func roleWords(p []tok) []tok {
	if len(p) == 0 || p[0].lower() && (strings.HasSuffix(p[0].s, "ing") || strings.HasSuffix(p[0].s, "ed")) && !p[0].is(roleNouns|titleWords) {
		return nil
	}
	for i, t := range p {
		if i > 0 && t.lower() && t.is(relativeWords) {
			return p[:i]
		}
	}
	return p
}

// descText is the text of a description without its determiner.
func (r npRef) descText() string {
	if len(r.mods) == 0 {
		return r.head
	}
	return tokText(r.mods) + " " + r.head
}

// hasCapMod reports whether a description has a capitalized modifier
// ("Russia's foreign ministry", "Aviation analysts").
func (r npRef) hasCapMod() bool {
	for _, t := range r.mods {
		if capWord(t) {
			return true
		}
	}
	return false
}

// isPlural guesses whether a lower-case noun is plural.
func isPlural(w string) bool {
	return len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") &&
		!strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is")
}

// isAdverb guesses whether a lower-case word is an adverb ("also",
// "previously").
func isAdverb(w string) bool {
	return len(w) > 4 && strings.HasSuffix(w, "ly") && !inSet(notAdverbs, w) &&
		!inSet(orgNouns, w) && !inSet(groupNouns, w) && !inSet(roleNouns, w)
}

// pronounOf returns the personal pronoun a word is, contractions included
// ("they've" is "they"), or "".
func pronounOf(w string) string {
	// A pronoun's apostrophe comes within its first five bytes ("they've",
	// "I’m"): look no further than that.
	for i := 1; i < len(w) && i <= 4; i++ {
		if w[i] == '\'' || w[i] == 0xE2 && strings.HasPrefix(w[i:], "’") {
			w = w[:i]
			break
		}
	}
	if len(w) > 4 || !inSet(personalPronouns, w) {
		return ""
	}
	switch w {
	case "he", "He", "HE":
		return "he"
	case "she", "She", "SHE":
		return "she"
	case "they", "They", "THEY":
		return "they"
	case "it", "It", "IT":
		if w == "IT" {
			return ""
		}
		return "it"
	case "we", "We", "WE":
		return "we"
	}
	return "i"
}

// isClause reports whether w is a function word that ends a subject
// phrase; acronyms such as "US" or "IT" are not.
func isClause(w string) bool {
	return inSet(clauseWords, w) && !isAcronym(w)
}

// clause is isClause for a token.
func (t tok) clause() bool { return t.is(clauseWords) && !isAcronym(t.s) }
