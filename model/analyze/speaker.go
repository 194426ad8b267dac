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
	lead := -1 // leadIndex(ts), when needed
	for v := 0; v < len(ts); v++ {
		t := ts[v]
		if t.kind() != tWord || !t.lower() {
			continue
		}
		var parts [][]tok
		a := attribution{verb: v}
		lw := t.s // lower case: checked above
		switch {
		case lw == "according":
			if v+1 >= len(ts) || !strings.EqualFold(ts[v+1].s, "to") {
				continue
			}
			parts = walkFwd(ts, v+1, &pbuf)
			a.inv = true
		case t.is(speechVerbs):
			a.weak = t.is(weakSpeech)
			if v > 0 && ts[v-1].kind() == tWord && ts[v-1].lower() &&
				(ts[v-1].is(modifierDets) || ts[v-1].is(prepositions)) && !strings.HasSuffix(lw, "ing") ||
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
					if back := walkBack(ts, v, &bbuf); len(back) > 0 && namedAside(ts, back[0], v, main != nil && ts[mainAt].pos() == back[0][0].pos(), lead) {
						parts, a.inv = back, false
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
			if ref.kind != refNone {
				pos := gpos(para, parts[0][0].pos())
				a.ent = st.resolve(ref, pos, para, ts, out, main, mainAt, v)
				a.anon = a.ent == nil && ref.kind == refDesc && personNoun(ref.head) && !inSet(docNouns|orgNouns, ref.head)
			}
		}
		if a.ent == nil && len(parts) == 0 && !a.inv {
			// "..., saying ...", "and slammed ...", "by asking": the clause's
			// subject.
			prev := ""
			if v > 0 {
				prev = strings.ToLower(ts[v-1].s)
			}
			if prev == "," || prev == "and" || prev == "but" || prev == "then" || strings.HasSuffix(lw, "ing") {
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
	if !subject && (lead >= len(ts) || ts[lead].pos() != part[0].pos()) {
		return false
	}
	// The token after the name must be a comma, and not the verb's own.
	i := sort.Search(len(ts), func(i int) bool { return ts[i].pos() > last.pos() })
	return i < v-1 && isComma(ts[i])
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
		var loc []*entity
		if main != nil && mainAt < v {
			loc = append(loc, main)
		}
		for _, a := range local[max(0, len(local)-8):] {
			if a.ent != nil {
				loc = append(loc, a.ent)
			}
		}
		return st.resolvePronoun(ref.pron, para, loc)
	case refDesc:
		return st.resolveDesc(ref, pos, para, main, mainAt, v)
	}
	return nil
}

// resolvePronoun finds the nearest fitting earlier subject for a pronoun:
// a person of the right gender for he and she (a known gender beats an
// unknown one), an organisation or group for it and they.
func (st *qstate) resolvePronoun(p string, para int, local []*entity) *entity {
	var want byte
	switch p {
	case "he":
		want = 'm'
	case "she":
		want = 'f'
	case "i", "we":
		return nil
	}
	var unknown *entity
	check := func(e *entity, near bool) *entity {
		e = st.reg.canon(e)
		if want != 0 {
			if e.kind != model.KindPerson || e.gender != 0 && e.gender != want || !(e.full || e.titleForm || e.personal) {
				return nil
			}
			// A known gender nearby beats a nearer unknown one.
			if e.gender == want || !near {
				return e
			}
			if unknown == nil {
				unknown = e
			}
			return nil
		}
		if e.kind != model.KindPerson || e.gender == 0 && !e.personal {
			return e
		}
		return nil
	}
	for i := len(local) - 1; i >= 0; i-- {
		if e := check(local[i], true); e != nil {
			return st.setGender(e, want)
		}
	}
	for i := len(st.focus) - 1; i >= 0 && i >= len(st.focus)-focusReach; i-- {
		f := st.focus[i]
		if para-f.para > 3 || unknown != nil && para-f.para > 2 {
			break
		}
		if e := check(f.e, para-f.para <= 2); e != nil {
			return st.setGender(e, want)
		}
		if unknown != nil && f.spoke && st.cur-int(f.sent) <= recentSpeaker && st.reg.canon(f.e) == unknown {
			return st.setGender(unknown, want)
		}
	}
	if unknown != nil {
		return st.setGender(unknown, want)
	}
	return nil
}

func (st *qstate) setGender(e *entity, g byte) *entity {
	if g != 0 && e.gender == 0 {
		e.gender = g
		e.personal = true
	}
	return e
}

// resolveDesc resolves a common-noun description: a statement speaks for
// whoever issued it, "Russia's foreign ministry" is itself the speaker,
// "the ministry" is the last organisation named, and "the ex-Wallaby" is
// the person the article gave that role, or else the last person who spoke.
func (st *qstate) resolveDesc(r npRef, pos, para int, main *entity, mainAt, v int) *entity {
	h := r.head
	switch {
	case inSet(docNouns, h):
		if r.hasCapMod() && !possessive(r.mods[len(r.mods)-1].s) {
			// "a CAS statement", "a White House statement".
			if e := st.modOrg(r.mods, pos); e != nil {
				return st.reg.seen(e, pos)
			}
		}
		if len(r.tail) > 1 && (r.tail[0].s == "from" || r.tail[0].s == "by") {
			// "a statement from Christopher Garrett", "a report by Kotak".
			if e := st.namedIn(r.tail, pos); e != nil {
				return e
			}
		}
		if main != nil && mainAt < v && main.kind != "" {
			return main
		}
		return st.lastSpeaker(para, true)
	case inSet(spokes, h) && len(r.tail) > 0:
		if e := st.orgIn(r.tail, pos); e != nil {
			return e
		}
	case inSet(spokes, h) && !isPlural(h):
		// "a Defra spokesman said": the organisation named; "a
		// spokeswoman said": the person given that role, else the
		// organisation last in view, never someone named later.
		if e := st.byRole(r, pos); e != nil {
			return e
		}
		if r.hasCapMod() {
			// "a Defra spokesman", "a Jordanian government spokesman";
			// not "a U.S. official", "a Democratic source" or "the PM's
			// spokesperson".
			if possessive(r.mods[len(r.mods)-1].s) {
				return nil
			}
			return st.reg.seen(st.modOrg(r.mods, pos), pos)
		}
		if h == "spokesman" || h == "spokeswoman" || h == "spokesperson" {
			return st.lastOrgOnly(para)
		}
		return nil // "a senior official": unnamed
	}
	if inSet(groupNouns, h) || isPlural(h) && !inSet(roleNouns, h) {
		if !groupMods(r.mods) {
			return nil // "condition vexes conservatives": not a name
		}
		return st.reg.add(r.descText(), model.KindGroup, pos)
	}
	if inSet(orgNouns, h) {
		if r.hasCapMod() {
			return st.reg.add(r.descText(), model.KindOrganization, pos)
		}
		if e := st.lastOrg(para, h); e != nil {
			return e
		}
		if (len(r.mods) > 1 || len(r.mods) == 1 && possessive(r.mods[0].s)) && groupMods(r.mods) {
			// "the regional farmers' union", named by its description.
			return st.reg.add(r.descText(), model.KindOrganization, pos)
		}
		return nil
	}
	if e := st.byRole(r, pos); e != nil {
		return e
	}
	if !personNoun(h) {
		return nil
	}
	if r.det == "a" || r.det == "an" || r.det == "" && !r.hasCapMod() && len(r.mods) > 0 {
		return st.nextNewPerson(pos, para)
	}
	return st.lastPersonSpeaker(para)
}

// modOrg is the organisation named by the modifiers of a spokesman
// ("Defra", "Jordanian government"), or nil when they only give a
// nationality or a party ("U.S.", "North Korean", "Democratic").
func (st *qstate) modOrg(mods []tok, pos int) *entity {
	i := 0
	for i < len(mods) && !capWord(mods[i]) {
		i++
	}
	org := mods[i:]
	if len(org) == 0 {
		return nil
	}
	if last := org[len(org)-1]; capWord(last) {
		for _, t := range org {
			w := strings.ReplaceAll(strings.ToLower(stripPossessive(t.s)), ".", "")
			if nationalWords[w] || strings.HasSuffix(w, "an") || strings.HasSuffix(w, "ic") ||
				strings.HasSuffix(w, "ish") || strings.HasSuffix(w, "ese") {
				return nil
			}
		}
	} else if !last.is(orgNouns) {
		return nil
	}
	return st.reg.add(nameText(org), model.KindOrganization, pos)
}

// namedIn finds the person or organisation first named in a complement
// ("from Christopher Garrett, a spokesman").
func (st *qstate) namedIn(tail []tok, pos int) *entity {
	for i := 0; i < len(tail); i++ {
		if capWord(tail[i]) {
			j := runEndFwd(tail, i)
			nr := parseRun(tail[i:j])
			if nr.kind == runPerson {
				return st.reg.resolveRun(nr, pos)
			}
			// "Thailand's supreme court": the owner and the institution.
			for m := j; possessive(tail[j-1].s) && m < len(tail) && m < j+3 && tail[m].kind() == tWord && tail[m].lower(); m++ {
				if tail[m].is(orgNouns) {
					return st.reg.add(tokText(tail[i:m+1]), model.KindOrganization, pos)
				}
			}
			return st.orgIn(tail[i:], pos)
		}
	}
	return nil
}

// orgIn finds the organisation named in a complement ("for the British
// Foreign Office").
func (st *qstate) orgIn(tail []tok, pos int) *entity {
	for i := 0; i < len(tail); i++ {
		if capWord(tail[i]) {
			j := runEndFwd(tail, i)
			nr := parseRun(tail[i:j])
			switch nr.kind {
			case runOrg, runSingle, runPlace, runTitle:
				name := nameText(nr.all)
				if nr.kind == runSingle {
					if e := st.reg.resolveRun(nr, pos); e != nil && e.kind != model.KindPerson {
						return e
					}
				}
				return st.reg.add(name, model.KindOrganization, pos)
			}
			return nil
		}
	}
	return nil
}

// lastSpeaker is the most recent entity that spoke, an organisation or
// group first when orgFirst.
func (st *qstate) lastSpeaker(para int, orgFirst bool) *entity {
	var any *entity
	for i := len(st.focus) - 1; i >= 0 && i >= len(st.focus)-focusReach && para-st.focus[i].para <= 2; i-- {
		e := st.reg.canon(st.focus[i].e)
		if !e.spoke {
			continue
		}
		if !orgFirst || e.kind != model.KindPerson || e.gender == 0 && !e.personal {
			return e
		}
		if any == nil {
			any = e
		}
	}
	return any
}

// lastOrg is the most recent organisation whose name holds head, else the
// most recent organisation.
func (st *qstate) lastOrg(para int, head string) *entity {
	var any *entity
	for i := len(st.focus) - 1; i >= 0 && i >= len(st.focus)-focusReach && para-st.focus[i].para <= 3; i-- {
		e := st.reg.canon(st.focus[i].e)
		if e.kind == model.KindPerson && (e.gender != 0 || e.personal) {
			continue
		}
		if strings.Contains(strings.ToLower(e.name+" "+e.role), head) {
			return e
		}
		if any == nil {
			any = e
		}
	}
	return any
}

// lastOrgOnly is the most recent organisation that spoke or was a
// subject, within three paragraphs.
func (st *qstate) lastOrgOnly(para int) *entity {
	for i := len(st.focus) - 1; i >= 0 && i >= len(st.focus)-focusReach && para-st.focus[i].para <= 3; i-- {
		if e := st.reg.canon(st.focus[i].e); e.kind == model.KindOrganization {
			return e
		}
	}
	return nil
}

// lastPersonSpeaker is the most recent person who spoke or was a subject.
func (st *qstate) lastPersonSpeaker(para int) *entity {
	for i := len(st.focus) - 1; i >= 0 && i >= len(st.focus)-focusReach && para-st.focus[i].para <= 3; i-- {
		e := st.reg.canon(st.focus[i].e)
		if e.kind == model.KindPerson && (e.full || e.titleForm || e.personal) {
			return e
		}
	}
	return nil
}

// byRole finds the person the article gave the role a description names
// ("the White House spokesman", "CNN meteorologist"): the nearest before
// pos, else the first after.
func (st *qstate) byRole(r npRef, pos int) *entity {
	var before, after *entity
	bestB, bestA := -1, -1
	for _, e := range st.reg.roleList(r.head) {
		if e.alias != nil || e.kind != model.KindPerson {
			continue
		}
		desc := strings.ToLower(e.role + " " + e.name)
		if !containsWord(desc, r.head) && !containsAbbrev(desc, r.head) {
			continue
		}
		score := 0
		for _, m := range r.mods {
			if containsWord(desc, strings.ToLower(stripPossessive(m.s))) {
				score++
			}
		}
		if e.pos <= pos {
			if score > bestB || score == bestB && e.pos > before.pos {
				before, bestB = e, score
			}
		} else if score > bestA {
			after, bestA = e, score
		}
	}
	if before != nil && (after == nil || bestB >= bestA) {
		return before
	}
	return after
}

// nextNewPerson is the first person first named after pos, within the
// next paragraph: news often introduces someone by description and names
// them just after ("a career Army officer ... Lt. Col. Alexander Vindman").
func (st *qstate) nextNewPerson(pos, para int) *entity {
	var best *entity
	ents := st.reg.ents[:st.pass1]
	i := sort.Search(len(ents), func(i int) bool { return ents[i].pos > pos })
	for _, e := range ents[i:] {
		if e.pos>>28 > para+1 {
			break
		}
		if e.alias != nil || e.kind != model.KindPerson || !e.full || e.pos <= pos {
			continue
		}
		if best == nil || e.pos < best.pos {
			best = e
		}
	}
	return best
}

// containsAbbrev reports whether s holds an abbreviation of the title w
// ("sen." for "senator").
func containsAbbrev(s, w string) bool {
	for _, abbr := range abbrevsOf[w] {
		if containsWord(s, abbr) {
			return true // "sen" matches "sen." too: the period is no word byte
		}
	}
	return false
}

// containsWord reports whether w occurs in s as a whole word.
func containsWord(s, w string) bool {
	if w == "" {
		return false
	}
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		j += i
		okL := j == 0 || !isWordByte(s[j-1])
		okR := j+len(w) == len(s) || !isWordByte(s[j+len(w)])
		if okL && okR {
			return true
		}
		i = j + 1
	}
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// groupMods reports whether the words before a plural head can name a
// group with it ("Aviation analysts", "Western diplomats", "church
// leaders"): at most three, and no verbs, adverbs or function words.
func groupMods(mods []tok) bool {
	if len(mods) > 3 {
		return false
	}
	for i, t := range mods {
		if t.kind() != tWord || capWord(t) || i == 0 && t.is(modifierDets) {
			continue // "Aviation", "its authors"
		}
		w := t.s
		if t.is(clauseWords|auxWords|beAux|speechVerbs|prepositions|determiners|adverbParts) || isAdverb(w) ||
			strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing") {
			return false // "saying the leaders", "still worries"
		}
	}
	return true
}

// personNoun guesses whether a lower-case head noun names a person: a
// known role, a word with a capital inside ("ex-Wallaby"), or a common
// agent ending.
func personNoun(h string) bool {
	if inSet(roleNouns, h) {
		return true
	}
	for _, r := range h {
		if r >= 'A' && r <= 'Z' {
			return true
		}
	}
	for _, suf := range []string{"er", "or", "ist", "ian", "ant", "ent", "man", "woman", "person"} {
		if strings.HasSuffix(h, suf) && len(h) > len(suf)+2 {
			return true
		}
	}
	return false
}
