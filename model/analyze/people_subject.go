package analyze

import (
	"strings"

	"github.com/brief-reader/brief/model"
)

// The subject of a sentence, for the pronouns and descriptions that
// follow it: the name that opens the clause after any opening phrase,
// or the two people joined by "and" who act together.

// sentenceSubject finds the entity a sentence is about: a pronoun or a
// known name at its start, after any opening conjunction or adverbial
// phrase ("Speaking in London on Monday, Gen Musharraf said ...").
func (st *qstate) sentenceSubject(ts []tok, para int, local []*entity) (*entity, int) {
	i := 0
	for i < len(ts) && (ts[i].kind() == tPunct || ts[i].is(adverbParts) || i+1 < len(ts) && ts[i+1].kind() == tWord && ts[i+1].lower() && ts[i+1].is(stopCaps|prepositions) && isAdverb(ts[i].s) ||
		strings.EqualFold(ts[i].s, "but") || strings.EqualFold(ts[i].s, "and") || strings.EqualFold(ts[i].s, "so")) {
		i++
	}
	if i < len(ts) && ts[i].kind() == tWord && (ts[i].is(prepositions) || ts[i].is(stopCaps) && !ts[i].is(personalPronouns) && !ts[i].is(determiners) ||
		strings.HasSuffix(ts[i].s, "ing") || strings.HasSuffix(ts[i].s, "ed")) {
		for k := i; k < len(ts) && k < i+32; k++ {
			if ts[k].kind() == tQuote {
				break
			}
			if isComma(ts[k]) {
				i = skipOpeningTail(ts, k+1)
				break
			}
			if capWord(ts[k]) && k > i {
				// "Last week State Department official David Holmes
				// revealed": no comma closes the opening phrase; a name
				// and its verb are the subject.
				j := runEndFwd(ts, k)
				if j < len(ts) && ts[j].kind() == tWord && ts[j].lower() && !ts[j].is(prepositions|clauseWords|determiners) &&
					(ts[j].is(speechVerbs) || strings.HasSuffix(ts[j].s, "ed")) {
					if nr := parseRun(ts[k:j]); nr.kind == runPerson {
						if e := st.reg.resolveRun(nr, gpos(para, ts[k].pos())); e != nil {
							return e, k
						}
					}
				}
				k = j - 1
			}
		}
	}
	if i >= len(ts) {
		return nil, 0
	}
	if ts[i].kind() == tWord && pronounOf(ts[i].s) != "" {
		return st.resolvePronoun(pronounOf(ts[i].s), ts[i].pos(), nil, local), i
	}
	// "The company that runs the AMAs, Dick Clark Productions, denies":
	// a description, then the name in apposition.
	if i+1 < len(ts) && ts[i].is(determiners) && ts[i+1].lower() {
		for c := i + 2; c < len(ts) && c < i+16; c++ {
			if ts[c].kind() == tQuote {
				break
			}
			if !isComma(ts[c]) {
				continue
			}
			d := c + 1
			for d < len(ts) && (capWord(ts[d]) || ts[d].kind() == tWord && ts[d].is(connectors)) {
				d++
			}
			if d > c+1 && d < len(ts) && (isComma(ts[d]) || ts[d].kind() == tWord && ts[d].lower() && ts[d].is(prepositions) && d-c > 2) {
				// ("One pastor supporting him, Dan Whit of Marion, said")
				nr := parseRun(ts[c+1 : d])
				pos := gpos(para, ts[c+1].pos())
				var e *entity
				switch nr.kind {
				case runPerson, runSingle, runOrg:
					e = st.reg.resolveRun(nr, pos)
					if e == nil {
						e = st.reg.add(nameText(nr.all), model.KindOrganization, pos)
					}
				}
				if e != nil {
					return e, c + 1
				}
			}
			break
		}
	}
	for k := i; k < len(ts) && k < i+10; k++ {
		t := ts[k]
		if t.kind() != tWord {
			if isComma(t) && k > i {
				continue
			}
			break
		}
		if t.lower() && (t.is(prepositions) || t.clause() || t.is(speechVerbs)) {
			break
		}
		if capWord(t) {
			j := runEndFwd(ts, k)
			nr := parseRun(ts[k:j])
			if possessive(ts[j-1].s) || k == i && nr.kind != runPerson && personAfter(ts, j) {
				// "Harbour master Oskar Lind met ...": a modifier, then a
				// role, then the subject's name.
				k = j - 1
				continue
			}
			if nr.kind == runPerson || nr.kind == runSingle || nr.kind == runOrg {
				if e := st.reg.resolveRun(nr, gpos(para, ts[k].pos())); e != nil {
					if pair := st.pairWith(e, ts, j, para); pair != nil {
						return pair, k
					}
					return e, k
				}
			}
			k = j - 1
		}
	}
	return nil, 0
}

// pairWith returns the pair "Ann Holt and Tom Bell" when the person e,
// named just before ts[j], is joined by "and" to another person as the
// subject of a verb: the two are one subject, the "they" of what follows.
func (st *qstate) pairWith(e *entity, ts []tok, j, para int) *entity {
	if e.kind != model.KindPerson || j+2 >= len(ts) || ts[j].s != "and" || !capWord(ts[j+1]) {
		return nil
	}
	end := runEndFwd(ts, j+1)
	if end >= len(ts) || ts[end].kind() != tWord || !ts[end].lower() || ts[end].is(prepositions|clauseWords) && !ts[end].is(auxWords|beAux) {
		return nil // a verb follows the pair
	}
	nr := parseRun(ts[j+1 : end])
	if nr.kind != runPerson {
		return nil
	}
	other := st.reg.resolveRun(nr, gpos(para, ts[j+1].pos()))
	if other == nil || other == e || other.kind != model.KindPerson {
		return nil
	}
	return st.reg.add(e.name+" and "+other.name, model.KindGroup, gpos(para, ts[j+1].pos()))
}

// skipOpeningTail steps over the rest of an opening phrase that commas
// split, from ts[i] just after one: the state after a city and a time
// after a place ("At a rally in Portsmouth, N.H., on Tuesday, Ann Holt
// said"). It returns the index where the clause begins.
func skipOpeningTail(ts []tok, i int) int {
	for n := 0; n < 3; n++ {
		c := i
		for c < len(ts) && c < i+7 && (ts[c].kind() == tWord || ts[c].s == ".") {
			c++
		}
		if c == i || c >= len(ts) || !isComma(ts[c]) {
			return i
		}
		seg := ts[i:c]
		switch {
		case len(seg) <= 3 && stateAbbrev(joinToks(seg)) || len(seg) <= 2 && i >= 2 && capWord(ts[i-2]) && usState(seg):
		case len(seg) <= 4 && seg[0].lower() && (seg[0].s == "on" || seg[0].s == "at" || seg[0].s == "in") &&
			(seg[len(seg)-1].is(timeWords) || seg[len(seg)-1].lower() && seg[len(seg)-1].is(timeWords)):
		default:
			return i
		}
		i = c + 1
	}
	return i
}

// joinToks returns the text of ts with no spaces: "Ore" "." gives "Ore.".
func joinToks(ts []tok) string {
	var b strings.Builder
	for _, t := range ts {
		b.WriteString(t.s)
	}
	return b.String()
}

// usStates are the states of the United States, whose names follow a
// city's in datelines and opening phrases ("in Ames, Iowa, on Sunday").
var usStates = wordSet(`alabama alaska arizona arkansas california colorado connecticut delaware florida
georgia hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts
michigan minnesota mississippi missouri montana nebraska nevada new_hampshire new_jersey new_mexico
new_york north_carolina north_dakota ohio oklahoma oregon pennsylvania rhode_island south_carolina
south_dakota tennessee texas utah vermont virginia washington west_virginia wisconsin wyoming`)

// usState reports whether the words of seg name a US state.
func usState(seg []tok) bool {
	var kb [32]byte
	k := kb[:0]
	for i, t := range seg {
		if !capWord(t) || len(k)+len(t.s)+1 > len(kb) {
			return false
		}
		if i > 0 {
			k = append(k, ' ')
		}
		k = append(k, t.s...)
	}
	return usStateKey(k)
}

// personAfter reports whether one to three lower-case role words after
// ts[j] ("master", "chief executive") lead to a personal name.
func personAfter(ts []tok, j int) bool {
	m := j
	for m < len(ts) && m < j+3 && ts[m].kind() == tWord && ts[m].lower() &&
		(ts[m].is(roleNouns|titleWords) || personNoun(ts[m].s)) && !ts[m].is(clauseWords|speechVerbs) {
		m++
	}
	if m == j || m >= len(ts) || !capWord(ts[m]) {
		return false
	}
	return parseRun(ts[m:runEndFwd(ts, m)]).kind == runPerson
}
