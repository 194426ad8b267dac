package analyze

import (
	"math"
	"strings"

	"github.com/brief-reader/brief/model"
)

// entity is one person, organisation or group the article names.
type entity struct {
	name      string // fullest form
	toks      []string
	kind      model.PersonKind
	role      string
	gender    byte
	pos       int  // global position of the first mention
	full      bool // a personal name of two or more words
	titleForm bool // "President Musharraf": title and surname only
	spoke     bool
	personal  bool    // known to be a person: a title, a personal role, he or she
	alias     *entity // merged into this one
	idx       int     // index in registry.ents
	inBody    bool    // named outside headings
	bodyPos   int     // global position of the first such mention
	mentions  int     // times a name resolved to it
	// like caches personLike for the name and titleForm it was worked
	// out for: pronoun resolution asks it of every candidate mention, and
	// the answer reads the name's words.
	like      bool
	likeName  string
	likeTitle bool
}

// shown returns the name and role e is shown with. A title and a surname
// ("President Obama", "Mrs. Schlafly") is the surname, with the title as
// its role unless it is only an honorific.
func (e *entity) shown() (name, role string) {
	if !e.titleForm || len(e.toks) < 2 {
		return e.name, e.role
	}
	name = strings.Join(e.toks[1:], " ")
	role = e.role
	if role == "" && !inSet(honorificWords, e.toks[0]) {
		role = e.toks[0]
	}
	return name, role
}

// gpos makes a document-wide position from a paragraph and an offset.
func gpos(para, off int) int { return para<<28 | off }

// offMask takes the paragraph offset out of a gpos position.
const offMask = 1<<28 - 1

// registry holds the entities of one document.
type registry struct {
	ents  []*entity
	byKey map[string]*entity
	// singles are words the article also uses as a name on their own
	// ("Ukraine"): one of them before a long name is not part of it
	// ("envoy to Ukraine Kurt Volker").
	singles map[string]bool
	// byLast indexes full personal names by their last word, lower case;
	// byFirst by their first.
	byLast  map[string][]*entity
	byFirst map[string][]*entity
	// roles indexes people by the lower-case words of their role and
	// name, for descriptions ("the spokesman").
	roles roleIndex
	// headings marks the paragraphs that are headings: names there do not
	// make a listed entity.
	headings []bool
	// glued holds the lower-case names whose first word only opens a
	// sentence ("rival hillary clinton"): that word is not part of them.
	glued map[string]bool
	// memo remembers the entity each name (by the position of its first
	// word) was resolved to.
	memo map[int]*entity
	// quiet registers names without recording a mention (the headline's).
	quiet bool
	// orgByLast indexes organisations of two or more words by their last
	// word, lower case: "the Times" is The New York Times.
	orgByLast map[string]*entity
}

// seen records a mention of e at pos for the people list.
func (r *registry) seen(e *entity, pos int) *entity {
	if e == nil || r.quiet {
		return e
	}
	if para := pos >> 28; para < len(r.headings) && r.headings[para] {
		return e
	}
	if !e.inBody || pos < e.bodyPos {
		e.inBody, e.bodyPos = true, pos
	}
	return e
}

func newRegistry() *registry {
	return &registry{byKey: make(map[string]*entity), singles: make(map[string]bool),
		byLast: make(map[string][]*entity), byFirst: make(map[string][]*entity), roles: roleIndex{slot: make(map[string]int32)}}
}

func (r *registry) canon(e *entity) *entity {
	for e != nil && e.alias != nil {
		e = e.alias
	}
	return e
}

// find returns the entity registered under the lower-case key, as add
// would find it, or nil.
func (r *registry) find(key []byte, pos int) *entity {
	e, ok := r.byKey[string(key)]
	if !ok {
		return nil
	}
	if pos < e.pos {
		e.pos = pos
	}
	return r.seen(r.canon(e), pos)
}

// add registers (or finds) the entity named name.
func (r *registry) add(name string, kind model.PersonKind, pos int) *entity {
	var kb [64]byte
	if e := r.find(lowerKey(kb[:], name), pos); e != nil {
		return e
	}
	key := strings.ToLower(name)
	e := &entity{name: name, kind: kind, pos: pos, idx: len(r.ents)}
	r.seen(e, pos)
	r.ents = append(r.ents, e)
	r.byKey[key] = e
	if sp := strings.LastIndexByte(key, ' '); sp > 0 && sp < len(key)-1 &&
		(kind == model.KindOrganization || kind == model.KindPerson && orgHeads[key[sp+1:]]) {
		if r.orgByLast == nil {
			r.orgByLast = make(map[string]*entity)
		}
		r.orgByLast[key[sp+1:]] = e
	}
	if kind == model.KindPerson {
		e.toks = strings.Fields(name)
		e.full = len(e.toks) >= 2
		if e.full {
			e.gender = givenGender(e.toks[0])
			core := nameCore(e.toks)
			last := strings.ToLower(stripPossessive(core[len(core)-1]))
			r.byLast[last] = append(r.byLast[last], e)
			first := strings.ToLower(e.toks[0])
			r.byFirst[first] = append(r.byFirst[first], e)
		}
		r.roles.stale = true
	}
	return e
}

// person finds the person a mention at pos names by the name words
// words: the same name, or a longer one ending with the same words. When
// several people share the words (a surname), the mention is of the one
// the article is most about: mentioned most, and not introduced as
// someone's relative ("his wife, Heidi Cruz"), the latest named breaking
// ties. gender, from an honorific ("Mrs. Clinton"), rules out the others.
func (r *registry) person(words []string, pos int, gender byte) *entity {
	return r.choosePerson(words, pos, gender, nil)
}

// longer is the person whose fuller name e's name words end ("Clinton"
// and "Mrs. Clinton" for "Hillary Clinton"), chosen as person chooses,
// or nil.
func (r *registry) longer(words []string, e *entity) *entity {
	return r.choosePerson(words, e.pos, e.gender, e)
}

// choosePerson is person, with the entity self (whose own name words
// are words) never chosen, nor any name no longer than words unless self
// is a title form.
func (r *registry) choosePerson(words []string, pos int, gender byte, self *entity) *entity {
	if len(words) == 0 {
		return nil
	}
	var best *entity
	bestScore := 0.0
	var kb [64]byte
	for _, e := range r.byLast[string(lowerKey(kb[:], stripPossessive(words[len(words)-1])))] {
		if e.alias != nil || e.kind != model.KindPerson || !e.full || e.titleForm || len(e.toks) < len(words) {
			continue // a title and surname ("Mr Brown") is no name to find
		}
		if self != nil && (e == self || len(e.toks) <= len(words) && !self.titleForm) {
			continue
		}
		if !suffixFold(nameCore(e.toks), words) && !suffixFold(e.toks, words) || gender != 0 && e.gender != 0 && e.gender != gender {
			continue
		}
		score := math.Log2(1 + float64(e.mentions))
		if gender != 0 && e.gender == gender {
			score += 3 // "Mrs. Clinton", "Woods shared her belief": the one known to fit
		}
		if kinRole(e.role) {
			score -= 1.5
		}
		if e.pos > pos {
			score -= 3 // named only later
		}
		if best == nil || score > bestScore || score == bestScore && e.pos <= pos && e.pos > best.pos {
			best, bestScore = e, score
		}
	}
	return best
}

// nameCore is a name's words without a generational suffix ("Jr.",
// "III"), so that "Mr. Biden" finds "Joseph R. Biden Jr.".
func nameCore(toks []string) []string {
	if n := len(toks); n >= 3 {
		switch strings.ToLower(strings.TrimSuffix(strings.TrimRight(toks[n-1], ","), ".")) {
		case "jr", "sr", "ii", "iii", "iv":
			return toks[:n-1]
		}
	}
	return toks
}

// kinRole reports whether a role makes someone a relative of another
// person in the article ("his wife", "her son").
func kinRole(role string) bool {
	if role == "" {
		return false
	}
	var kb [32]byte
	for f := range strings.FieldsSeq(role) {
		if f = trimPunct(f); len(f) > len(kb) {
			continue
		}
		switch string(lowerKey(kb[:], f)) { // no allocation: the key does not escape
		case "wife", "husband", "son", "daughter", "brother", "sister", "mother", "father",
			"widow", "widower", "nephew", "niece", "cousin", "uncle", "aunt", "grandson",
			"granddaughter", "grandmother", "grandfather", "ex-wife", "ex-husband", "stepson",
			"stepdaughter", "stepmother", "stepfather", "in-law", "son-in-law", "daughter-in-law":
			return true
		}
	}
	return false
}

// byFirstName finds the one person whose full name begins with w, when
// w is used alone without a title: a name written family name first
// ("Shen Xincheng", then "Shen wrote") or a first-name reference ("Jeb").
// Two people with that first word, a title before w, or a word that names
// a place or nation find no one.
func (r *registry) byFirstName(w string, nr nameRun) *entity {
	if len(nr.prefix) > 0 || isAcronym(w) {
		return nil
	}
	var kb [64]byte
	k := lowerKey(kb[:], w)
	if nationalWords[string(k)] {
		return nil
	}
	if len(r.byLast[string(k)]) > 0 {
		return nil // someone's surname
	}
	var found *entity
	for _, e := range r.byFirst[string(k)] {
		if e.alias != nil || e.kind != model.KindPerson || e.titleForm || len(e.toks) < 2 || !e.personal {
			continue // only a name the article shows to be a person's ("Shen Xincheng, a student")
		}
		if found != nil && found != e {
			return nil
		}
		found = e
	}
	return found
}

// suffixFold reports whether words is a case-insensitive suffix of toks.
func suffixFold(toks, words []string) bool {
	off := len(toks) - len(words)
	if off < 0 {
		return false
	}
	for i, w := range words {
		if !strings.EqualFold(stripPossessive(toks[off+i]), stripPossessive(w)) {
			return false
		}
	}
	return true
}

// titleForm finds the title-and-surname entity for a surname.
func (r *registry) titleForm(surname string) *entity {
	var kb [64]byte
	e := r.byKey[string(titleKey(kb[:], surname))]
	return r.canon(e)
}

// resolveRun returns the entity a parsed run names at pos, registering it
// when new. It returns nil for places and bare titles.
func (r *registry) resolveRun(nr nameRun, pos int) *entity {
	var e *entity
	key := -1
	if (nr.kind == runPerson || nr.kind == runSingle) && len(nr.name) > 0 {
		// A name read again (a subject, a speaker) is the person it was
		// found to be when first read, with its sentence's cues.
		key = pos&^offMask | nr.name[0].pos()
		e = r.canon(r.memo[key])
	}
	if e == nil {
		e = r.resolveName(nr, pos)
		if key >= 0 && e != nil {
			if r.memo == nil {
				r.memo = make(map[int]*entity)
			}
			r.memo[key] = e
		}
	}
	e = r.seen(e, pos)
	if e != nil {
		e.mentions++
	}
	return e
}

// resolveName is resolveRun without the record of the mention.
func (r *registry) resolveName(nr nameRun, pos int) *entity {
	switch nr.kind {
	case runPerson:
		var wb [8]string
		words := wb[:0]
		for _, t := range nr.name {
			words = append(words, stripPossessive(t.s))
		}
		var kb [64]byte
		for len(words) >= 3 && r.singles[string(lowerKey(kb[:], words[0]))] && !isGivenName(words[0]) {
			words = words[1:] // "envoy to Ukraine Kurt Volker", not "Donald J. Trump"
		}
		if r.glued != nil {
			var gb [128]byte
			if r.glued[string(joinLowerKey(gb[:0], words))] {
				words = words[1:]
			}
		}
		if e := r.person(words, pos, nr.gender); e != nil {
			return e
		}
		var e *entity
		var jb [128]byte
		if old := r.find(joinLowerKey(jb[:0], words), pos); old != nil {
			e = old
		} else {
			e = r.add(strings.Join(words, " "), model.KindPerson, pos)
		}
		if nr.gender != 0 && e.gender == 0 {
			e.gender = nr.gender
		}
		if len(nr.prefix) > 0 {
			e.personal = true
		}
		return e
	case runSingle:
		w := stripPossessive(nr.name[0].s)
		if e := r.person([]string{w}, pos, nr.gender); e != nil {
			return e.honor(nr)
		}
		if e := r.titleForm(w); e != nil {
			return e.honor(nr)
		}
		if e := r.byFirstName(w, nr); e != nil {
			return e
		}
		if len(nr.prefix) > 0 && !isAcronym(w) && titleLast(nr.prefix) {
			name := nameText(append(append([]tok(nil), nr.prefix[len(nr.prefix)-1]), nr.name...))
			e := r.add(name, model.KindPerson, pos)
			e.titleForm = true
			e.personal = true
			if nr.gender != 0 {
				e.gender = nr.gender
			}
			r.byKey["\x00title:"+strings.ToLower(w)] = e
			return e
		}
		var kb [64]byte
		if e, ok := r.byKey[string(lowerKey(kb[:], w))]; ok {
			return r.canon(e)
		}
		if len(w) > 3 {
			return r.orgEndingIn(w, pos)
		}
		return nil
	case runOrg:
		var jb [128]byte
		if e, ok := r.byKey[string(nameLowerKey(jb[:0], nr.all))]; ok {
			return r.canon(e)
		}
		if len(nr.all) == 1 {
			if e := r.orgEndingIn(stripPossessive(nr.all[0].s), pos); e != nil {
				return e
			}
		}
		kind := model.KindOrganization
		if nr.group {
			kind = model.KindGroup
		}
		return r.add(nameText(nr.all), kind, pos)
	}
	return nil
}

// orgEndingIn returns the organisation named before pos whose name ends
// in the word w ("the Times" after "The New York Times"), or nil.
func (r *registry) orgEndingIn(w string, pos int) *entity {
	var kb [64]byte
	if e := r.orgByLast[string(lowerKey(kb[:], w))]; e != nil && e.pos <= pos {
		return r.canon(e)
	}
	return nil
}

// hasOf reports whether a run holds "of" ("Board of Deputies of British
// Jews" is an organisation, not a group).
func hasOf(run []tok) bool {
	for _, t := range run {
		if t.s == "of" {
			return true
		}
	}
	return false
}

// honor gives e the gender an honorific of the mention nr shows ("Mr
// Forgeard" for Noel Forgeard), if e has none yet.
func (e *entity) honor(nr nameRun) *entity {
	if nr.gender != 0 && e.gender == 0 {
		e.gender = nr.gender
		e.personal = true
	}
	return e
}

// titleLast reports whether the last word of a prefix is a title or an
// honorific, so that it and a surname make a name ("Gen Musharraf").
func titleLast(prefix []tok) bool {
	w := prefix[len(prefix)-1].s
	return inSet(honorificWords|titleWords, w) && !inSet(connectors, w)
}
