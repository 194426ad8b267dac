package analyze

import (
	"sort"
	"strings"

	"github.com/brief-reader/brief/model"
)

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
		if e := st.reg.byKey[strings.ToLower(r.descText())]; e != nil && len(r.mods) > 0 {
			return st.reg.canon(e) // "the harbour board" after "the Harbour Board"
		}
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
	possMod := len(r.mods) > 0 && possessive(r.mods[len(r.mods)-1].s)
	if indefinite(r.det) || r.det == "" && !r.hasCapMod() && len(r.mods) > 0 || possMod {
		if e := st.byRole(r, pos); e != nil {
			return e
		}
		if !personNoun(h) || possMod {
			return nil // "Mrs. Arlen's aide": someone unnamed, never Arlen
		}
		if r.det == "one" || r.det == "another" || r.det == "some" || r.det == "any" ||
			len(r.tail) > 1 && (r.tail[0].s == "to" || r.tail[0].s == "for") && capWord(r.tail[len(r.tail)-1]) {
			// "one questioner asked", "an aide to Prime Minister Ann
			// Holt said": one of many, never the next name.
			return nil
		}
		return st.nextNewPerson(pos, para)
	}
	if !personNoun(h) {
		return st.byRole(r, pos)
	}
	// "the senator", "the billionaire businessman": someone in view the
	// description fits, chosen among candidates (candidates.go).
	return st.describedCands(r, pos, v)
}

// indefinite reports whether a determiner introduces someone not yet
// named ("a", "one", "another"), not someone already in view ("the").
func indefinite(det string) bool {
	switch det {
	case "a", "an", "one", "another", "some", "any":
		return true
	}
	return false
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
// ("the White House spokesman", "CNN meteorologist", "the premier" for a
// prime minister): the nearest before pos, else the first after.
func (st *qstate) byRole(r npRef, pos int) *entity {
	var before, after *entity
	bestB, bestA := -1, -1
	look := func(word, phrase string) {
		for _, e := range st.reg.roleList(word) {
			if e.alias != nil || e.kind != model.KindPerson {
				continue
			}
			desc := strings.ToLower(e.role + " " + e.name)
			if !containsWord(desc, phrase) && !containsAbbrev(desc, phrase) {
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
			} else if score > bestA || score == bestA && e.pos < after.pos {
				after, bestA = e, score
			}
		}
	}
	look(r.head, r.head)
	for _, syn := range roleSynonyms[r.head] {
		w := syn
		if i := strings.IndexByte(syn, ' '); i > 0 {
			w = syn[:i] // the index holds single words
		}
		look(w, syn)
	}
	if before != nil && (after == nil || bestB >= bestA) {
		return before
	}
	return after
}

// roleSynonyms are other words a description may use for a role: "the
// premier" is the article's prime minister, "the lawmaker" its senator.
var roleSynonyms = map[string][]string{
	"premier":     {"prime minister"},
	"pm":          {"prime minister"},
	"lawmaker":    {"senator", "representative", "congressman", "congresswoman", "legislator", "assemblyman", "assemblywoman", "mp"},
	"legislator":  {"senator", "representative", "congressman", "congresswoman", "lawmaker", "mp"},
	"congressman": {"representative"},
	"candidate":   {"nominee", "contender", "hopeful"},
	"nominee":     {"candidate"},
	"businessman": {"executive", "billionaire", "mogul", "developer"},
	"billionaire": {"businessman", "mogul"},
	"mogul":       {"businessman", "billionaire"},
	"diplomat":    {"ambassador", "envoy"},
	"envoy":       {"ambassador"},
	"minister":    {"secretary"},
	"lawyer":      {"attorney", "counsel"},
	"attorney":    {"lawyer", "counsel"},
	"governor":    {"gov"},
	"senator":     {"sen"},
}

// nextNewPerson is the first person first named after pos, within the
// next paragraph: news often introduces someone by description and names
// them just after ("a career Army officer ... Lt. Col. Alexander Vindman").
func (st *qstate) nextNewPerson(pos, para int) *entity {
	// The person an indefinite description introduces is named next as a
	// sentence's subject ("a career officer called it “improper.” Lt. Col.
	// Ann Holt told lawmakers ..."), or in apposition to it.
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
		if !st.opensSentence(e.pos) {
			continue // named inside another phrase ("an aide to Ann Holt")
		}
		if best == nil || e.pos < best.pos {
			best = e
		}
	}
	return best
}

// opensSentence reports whether the name at global position p is the
// subject that opens a sentence after the current one, or follows a
// comma in the current one ("a local resident, Ann Holt, said").
func (st *qstate) opensSentence(p int) bool {
	para, off := p>>28, p&offMask
	for si := st.cur; si < len(st.sents) && si <= st.cur+3; si++ {
		s := &st.sents[si]
		if s.para != para || len(s.toks) == 0 {
			continue
		}
		ts := s.toks
		if off < ts[0].pos() || off > ts[len(ts)-1].pos() {
			continue
		}
		for i, t := range ts {
			if t.pos() != off {
				continue
			}
			start := runStartBack(ts, i)
			if si == st.cur {
				return start > 0 && isComma(ts[start-1])
			}
			return start == leadIndex(ts)
		}
		return false
	}
	return false
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
	return isDemonym(h) // "the Spaniard", "the Chinese"
}
