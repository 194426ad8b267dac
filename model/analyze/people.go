package analyze

import (
	"sort"
	"strings"

	"github.com/brief-reader/brief/model"
)

// registerNames is the first pass: every capitalized run outside quotes
// that names a person or an organisation becomes an entity, with the role
// the article gives it and any gender its titles or pronouns show.
func (st *qstate) registerNames() {
	// Runs are kept as token ranges and parsed again in the second loop:
	// cheaper than keeping every parsed run.
	type found struct {
		si, i, j int32
		initial  bool // opens its sentence or clause
	}
	runs := make([]found, 0, len(st.sents)+8)
	heading, headingOf := false, -1 // headingLine of the paragraph, once per paragraph
	for si := range st.sents {
		ts := st.sents[si].toks
		if p := st.sents[si].para; p != headingOf {
			heading, headingOf = headingLine(st.doc.paras[p].text), p
		}
		if heading {
			continue
		}
		d := st.datelineEnd(si)
		for i := d; i < len(ts); {
			if !capWord(ts[i]) {
				i++
				continue
			}
			j := runEndFwd(ts, i)
			nr := parseRun(ts[i:j])
			initial := capByPlace(ts, d, i)
			switch {
			case nr.kind == runSingle && len(nr.prefix) == 0 && len(nr.all) == 1:
				var kb [64]byte
				if k := lowerKey(kb[:], stripPossessive(nr.name[0].s)); !st.reg.singles[string(k)] {
					st.reg.singles[string(k)] = true
				}
				runs = append(runs, found{int32(si), int32(i), int32(j), initial})
			case nr.kind == runPerson || nr.kind == runOrg || nr.kind == runSingle && len(nr.prefix) > 0:
				runs = append(runs, found{int32(si), int32(i), int32(j), initial})
			}
			i = j
		}
	}
	// A capitalized word that opens a sentence before a name is only
	// capitalized there: "Rival Hillary Clinton", "Does Rubio". It is not
	// glued into the name when the rest is a name the article uses
	// elsewhere and the word is not a given name.
	var g glueIndex
	for _, f := range runs {
		s := &st.sents[f.si]
		g.add(parseRun(s.toks[f.i:f.j]), f.initial)
	}
	for _, f := range runs {
		if f.initial {
			s := &st.sents[f.si]
			g.mark(st.reg, parseRun(s.toks[f.i:f.j]))
		}
	}
	for _, f := range runs {
		s := &st.sents[f.si]
		nr := parseRun(s.toks[f.i:f.j])
		pos := gpos(s.para, s.toks[f.i].pos())
		if nr.gender == 0 && (nr.kind == runSingle || nr.kind == runPerson) {
			// "Woods shared her belief": of the people named Woods, a woman.
			nr.gender = genderCue(s.toks, int(f.i), int(f.j))
		}
		e := st.reg.resolveRun(nr, pos)
		if e != nil {
			st.mentions = append(st.mentions, nameMention{e: e, sent: f.si, pos: int32(s.toks[f.i].pos()),
				poss: possessive(s.toks[f.j-1].s) || nameModifier(s.toks, int(f.i), int(f.j))})
		}
		if e != nil && e.kind == model.KindPerson && nr.kind == runPerson && employer(s.toks, int(f.i), int(f.j), nr) {
			e.kind = model.KindOrganization
		}
		if e != nil && e.kind == model.KindPerson {
			st.learnPerson(e, nr, s.toks, int(f.i), int(f.j))
		}
	}
}

// nameModifier reports whether the name ts[i:j] modifies a noun after a
// determiner, as a possessive does: "an Alan Shearer strike", "the Ann
// Holt campaign". Such a mention seldom becomes the next "he" or "she".
func nameModifier(ts []tok, i, j int) bool {
	if i == 0 || j >= len(ts) || ts[i-1].kind() != tWord || !ts[i-1].lower() {
		return false
	}
	switch ts[i-1].s {
	case "a", "an", "the":
	default:
		return false
	}
	n := ts[j]
	return n.kind() == tWord && n.lower() && !n.is(clauseWords|speechVerbs|auxWords|prepositions) &&
		!strings.HasSuffix(n.s, "ed")
}

// capByPlace reports whether ts[i] is capitalized by its place alone:
// it opens its sentence (after any dateline ending at d and any opening
// punctuation) or follows a colon. After a quotation or a dash a word
// keeps the case it has anywhere.
func capByPlace(ts []tok, d, i int) bool {
	if i > d && ts[i-1].kind() == tPunct && ts[i-1].s == ":" {
		return true
	}
	for _, t := range ts[d:i] {
		if t.kind() != tPunct {
			return false
		}
	}
	return true
}

// glueIndex gathers, from every name run of an article, the personal
// names used after their sentence's first word, so that a run opening a
// sentence can be checked against them.
type glueIndex struct {
	full     map[string]bool // lower-case names of two words or more
	surnames map[string]bool // their last words
	firsts   map[string]bool // their first words, where not opening a sentence
}

// add records the personal name of nr, parsed from a run; initial says
// the run opens its sentence, where its first word proves nothing.
func (g *glueIndex) add(nr nameRun, initial bool) {
	if nr.kind != runPerson || len(nr.name) < 2 {
		return
	}
	var kb [32]byte
	if w0 := nr.name[0].s; initial && len(nr.prefix) == 0 && givenGender(w0) == 0 && !givenNames[string(lowerKey(kb[:], w0))] {
		return // proves nothing: its first word may be glued itself
	}
	if g.full == nil {
		g.full, g.surnames, g.firsts = map[string]bool{}, map[string]bool{}, map[string]bool{}
	}
	g.full[strings.ToLower(nameText(nr.name))] = true
	g.surnames[strings.ToLower(stripPossessive(nr.name[len(nr.name)-1].s))] = true
	g.firsts[strings.ToLower(nr.name[0].s)] = true
}

// mark records in r that the name of nr, a run opening a sentence, has a
// glued first word: the word is no given name, and the rest is a name
// (or the surname of one) that the article uses elsewhere, or begins
// with a given name ("Rival Nora Quill").
func (g *glueIndex) mark(r *registry, nr nameRun) {
	if nr.kind != runPerson || len(nr.prefix) > 0 || len(nr.name) < 2 {
		return
	}
	w0 := strings.ToLower(nr.name[0].s)
	if givenGender(w0) != 0 || givenNames[w0] || g.firsts[w0] || initialLetter(nr.name[0].s) {
		return
	}
	rest := nr.name[1:]
	key := strings.ToLower(stripPossessive(nameText(rest)))
	given := len(rest) >= 2 && (givenGender(rest[0].s) != 0 || givenNames[strings.ToLower(rest[0].s)])
	verb := nr.name[0].is(speechVerbs) // "Said Ellis:", "Asked Ann Holt"
	if len(rest) >= 2 && (g.full[key] || given) || len(rest) == 1 && g.surnames[key] || verb {
		if r.glued == nil {
			r.glued = map[string]bool{}
		}
		r.glued[strings.ToLower(nameText(nr.name))] = true
	}
}

// registerTitle registers the people the headline names in full ("A
// shaky balancing act for Kelly Ayotte"), so that the body's "Ayotte"
// finds her full name. Headlines are often in title case, so only a run
// that begins with a known given name counts; the people are not listed
// unless the body names them too.
func (st *qstate) registerTitle(title string) {
	if title == "" || len(title) > 400 {
		return
	}
	ts := tokenize(title, 0, len(title), scanQuotes(title), nil)
	for i := 0; i < len(ts); {
		if !capWord(ts[i]) {
			i++
			continue
		}
		j := runEndFwd(ts, i)
		nr := parseRun(ts[i:j])
		if nr.kind == runPerson && len(nr.name) >= 2 && len(nr.name) <= 4 && isGivenName(nr.name[0].s) {
			st.reg.quiet = true
			st.reg.resolveName(nr, 0)
			st.reg.quiet = false
		}
		i = j
	}
}

// companyNouns are common nouns for a business that, before a name, make
// it a company ("operator Hanamura Ropeway", "carmaker Volta Motors").
var companyNouns = wordSet(`operator carrier airline company firm maker carmaker automaker
manufacturer retailer chain insurer lender bank network startup start-up studio label
utility supplier conglomerate distributor`)

// employer reports whether the name run ts[i:j], parsed as nr, is a
// company rather than a person: a company noun comes before it, or a
// role and a person's name come after it ("Lindholm Transit chief
// executive Petra Vang"). A known given name keeps it a person.
func employer(ts []tok, i, j int, nr nameRun) bool {
	if len(nr.prefix) > 0 || len(nr.name) == 0 {
		return false
	}
	company := false
	if i > 0 && ts[i-1].lower() && ts[i-1].kind() == tWord {
		var kb [16]byte
		company = companyNouns[string(lowerKey(kb[:], ts[i-1].s))]
	}
	if !company {
		k := j
		for k < len(ts) && k < j+4 && ts[k].kind() == tWord && ts[k].lower() && ts[k].is(roleNouns|titleWords) {
			k++
		}
		if k == j || k+1 >= len(ts) || !twoNames(ts[k:k+2]) {
			return false
		}
	}
	return givenGender(nr.name[0].s) == 0
}

// learnPerson records the role and gender a mention shows.
func (st *qstate) learnPerson(e *entity, nr nameRun, ts []tok, i, j int) {
	// Role words before the run: "White House national security spokesman".
	k := i - 1
	for k >= 0 && i-k <= 6 && ts[k].kind() == tWord {
		if t := ts[k]; t.clause() || t.is(prepositions|speechVerbs|timeWords|determiners) || t.is(stopCaps) && k == 0 ||
			t.lower() && strings.HasSuffix(t.s, "ed") && !t.is(roleNouns|titleWords) {
			break // "Jonathan phoned former military leader X": the role starts after the verb
		}
		k--
	}
	// The text of the role is only made when e lacks a role or a gender
	// (every role found is non-empty).
	need := e.role == "" || e.gender == 0
	role, hasRole := "", false
	if k+1 < i {
		if last := ts[i-1]; last.is(roleNouns|titleWords) || possessive(last.s) || capWord(last) {
			hasRole = true
			if need {
				role = tokText(ts[k+1 : i])
			}
		}
	}
	if len(nr.prefix) > 0 && !nr.honor {
		hasRole = true
		if need {
			role = strings.TrimSpace(role + " " + tokText(nr.prefix))
		}
	}
	// A relative named after a comma: "his wife, Heidi Cruz".
	if !hasRole && i >= 3 && isComma(ts[i-1]) && ts[i-2].kind() == tWord && ts[i-2].lower() && kinRole(ts[i-2].s) &&
		(possessive(ts[i-3].s) || ts[i-3].is(modifierDets)) {
		hasRole = true
		if need {
			role = ts[i-2].s
		}
	}
	// An appositive after: "Scott Strenfel, PG&E's principal meteorologist".
	if !hasRole && j+1 < len(ts) && isComma(ts[j]) {
		m := j + 1
		for m < len(ts) && (ts[m].kind() == tWord || ts[m].s == "&" && m+1 < len(ts) && capWord(ts[m+1])) {
			m++ // ("an analyst at Point Research & Trading")
		}
		part := ts[j+1 : m]
		for len(part) > 0 && part[0].is(determiners) {
			part = part[1:]
		}
		part = roleWords(part)
		if len(part) > 0 && len(part) <= 12 && !part[0].is(prepositions) && !part[0].is(relativeWords) {
			for _, t := range part {
				if t.is(roleNouns) || t.is(titleWords) && t.lower() {
					hasRole = true
					if need {
						role = tokText(part)
					}
					break
				}
			}
		}
	}
	if hasRole {
		e.personal = true
		st.reg.setRole(e, role)
		if e.gender == 0 {
			e.gender = genderOfRole(role)
		}
	}
	// A pronoun soon after a subject: "Dani Simons said she hopes".
	if e.gender == 0 {
		if g := genderCue(ts, i, j); g != 0 {
			e.gender, e.personal = g, true
		}
	}
}

// genderCue is the gender a pronoun soon after the name run ts[i:j]
// shows when the run is its sentence's subject ("Dani Simons said she
// hopes", "Woods shared her belief"), or 0.
func genderCue(ts []tok, i, j int) byte {
	subject := i == 0 || j < len(ts) && ts[j].kind() == tWord && ts[j].is(speechVerbs)
	for m := 0; m < i; m++ {
		if ts[m].kind() == tWord && !ts[m].is(stopCaps) && !ts[m].is(roleNouns) && !capWord(ts[m]) {
			break
		}
		if m == i-1 {
			subject = true
		}
	}
	if !subject {
		return 0
	}
	if i == 0 && j < len(ts) && isComma(ts[j]) {
		// "Ana Ruiz, 33, a supporter of Tom Bell who lives in Reno, finds
		// herself ...": a reflexive after an aside binds the subject.
		for m := j + 1; m < len(ts) && m < j+48; m++ {
			if ts[m].kind() == tQuote || ts[m].s == ";" {
				break
			}
			if ts[m].kind() != tWord || !ts[m].lower() || !isComma(ts[m-1]) || m-1 <= j || ts[m].is(relativeWords) || m+1 >= len(ts) {
				continue
			}
			// The aside closes before a verb: look just there.
			for n := m; n < len(ts) && n < m+4; n++ {
				switch ts[n].s { // lower case: pronouns mid-sentence
				case "himself":
					return 'm'
				case "herself":
					return 'f'
				}
			}
		}
	}
	for m := j; m < len(ts) && m < j+12; m++ {
		t := ts[m]
		if t.kind() == tQuote {
			break
		}
		if capWord(t) && !t.is(stopCaps) {
			nr := parseRun(ts[m:runEndFwd(ts, m)])
			if nr.kind == runPerson || nr.kind == runSingle {
				break
			}
		}
		if t.kind() != tWord {
			continue
		}
		w := t.s
		if !t.lower() {
			if len(w) > 7 {
				continue // no pronoun is longer
			}
			var kb [8]byte
			w = string(appendLowerASCII(kb[:0], w)) // does not escape
		}
		switch w {
		case "he", "him", "his", "himself":
			return 'm'
		case "she", "her", "hers", "herself":
			return 'f'
		}
	}
	return 0
}

// genderOfRole reads gender from role words (spokeswoman, chairman).
func genderOfRole(role string) byte {
	var kb [32]byte
	for f := range strings.FieldsSeq(role) {
		w := f
		if !isLowerASCII(f) {
			w = string(lowerKey(kb[:], f)) // w does not escape
		}
		switch {
		case strings.HasSuffix(w, "woman") || strings.HasSuffix(w, "women"):
			return 'f'
		case w == "actress" || w == "wife" || w == "mother" || w == "daughter" || w == "sister" ||
			w == "queen" || w == "princess" || w == "grandmother" || w == "girlfriend" || w == "widow":
			return 'f'
		case strings.HasSuffix(w, "man") && w != "human" && w != "german" && w != "roman":
			return 'm'
		case w == "actor" || w == "husband" || w == "father" || w == "son" || w == "brother" ||
			w == "king" || w == "prince" || w == "grandfather" || w == "boyfriend" || w == "widower":
			return 'm'
		}
	}
	return 0
}

// mergeNames merges the entities that name one person: title forms and
// single names give way to a full name with the same surname, shorter
// full names to longer ones ending the same way. Quotes and the people
// list then show the fullest name.
func (st *qstate) mergeNames() {
	r := st.reg
	for _, e := range r.ents {
		if e.alias != nil || e.kind != model.KindPerson {
			continue
		}
		words := e.toks
		if e.titleForm && len(words) > 0 {
			words = words[len(words)-1:]
		}
		if len(words) == 0 {
			continue
		}
		f := r.longer(words, e)
		if f == nil {
			continue
		}
		e.alias = f
		if f.role == "" {
			f.role = e.role
		}
		if f.pos > e.pos {
			f.pos = e.pos
		}
		if e.inBody && (!f.inBody || e.bodyPos < f.bodyPos) {
			f.inBody, f.bodyPos = true, e.bodyPos
		}
	}
}

// people lists the entities in order of first mention, merged so that
// each person appears once under the fullest name.
func (st *qstate) people() []model.Person {
	r := st.reg
	type listed struct {
		e    *entity
		kind model.PersonKind
	}
	list := make([]listed, 0, len(r.ents))
	for _, e := range r.ents {
		if e.alias != nil {
			continue
		}
		if e.kind == model.KindOrganization && !e.spoke && !st.orgNamed(e) {
			continue
		}
		if kind, ok := listKind(e); ok {
			list = append(list, listed{e, kind})
		}
	}
	// In order of first mention outside headings.
	sort.SliceStable(list, func(i, j int) bool { return list[i].e.bodyPos < list[j].e.bodyPos })
	out := make([]model.Person, 0, len(list))
	for _, l := range list {
		name, role := l.e.shown()
		out = append(out, model.Person{Name: name, Role: role, Kind: l.kind, Paragraph: l.e.bodyPos >> 28})
	}
	return out
}

// orgNamed reports whether an organisation entity has a proper name with
// an organisation word ("Arab League"), not just a capitalized word.
func (st *qstate) orgNamed(e *entity) bool {
	n, last := 0, ""
	for w := range strings.FieldsSeq(e.name) {
		n, last = n+1, w
	}
	if n < 2 {
		return false
	}
	return inSet(orgWords, last)
}

// headingLine reports whether a paragraph is a short heading line ("What
// You Need To Know"): a few words and no sentence punctuation.
func headingLine(p string) bool {
	p = strings.TrimSpace(p)
	if p == "" || strings.Count(p, " ") > 6 || strings.ContainsAny(p, "\"“”") {
		return false
	}
	return !endsClause(p)
}
