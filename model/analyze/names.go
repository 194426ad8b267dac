package analyze

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// runKind says what a capitalized run of words names.
type runKind uint8

const (
	runNone   runKind = iota
	runPerson         // a personal name, maybe after titles
	runSingle         // one capitalized word: a surname, an organisation or a place
	runOrg            // an organisation or office ("Arab League")
	runPlace          // a place ("New York")
	runTitle          // titles only ("the President")
)

// nameRun is a parsed capitalized run.
type nameRun struct {
	kind   runKind
	name   []tok // the name proper, titles stripped
	prefix []tok // titles and qualifiers before the name ("CIA Director")
	all    []tok // the whole run after leading function words
	gender byte  // from an honorific
	honor  bool  // the prefix holds only honorifics (Mr, Dr)
	group  bool  // a people or faith in the plural ("Shiite Muslims"): kind runOrg
}

// capWord reports whether t can be part of a capitalized run.
func capWord(t tok) bool {
	return t.kind() == tWord && t.capital()
}

// runStartBack returns the first token index of the capitalized run that
// ends at ts[j].
func runStartBack(ts []tok, j int) int {
	i := j
	for i > 0 {
		p := ts[i-1]
		if capWord(p) && (!possessive(p.s) || ts[i].is(orgWords)) {
			i--
			continue
		}
		if p.kind() == tWord && p.is(connectors) && i-2 >= 0 && capWord(ts[i-2]) && !possessive(ts[i-2].s) {
			i -= 2
			continue
		}
		break
	}
	return i
}

// runEndFwd returns one past the last token of the capitalized run that
// starts at ts[i].
func runEndFwd(ts []tok, i int) int {
	j := i
	for j < len(ts) && capWord(ts[j]) {
		if possessive(ts[j].s) && !(j+1 < len(ts) && capWord(ts[j+1]) && ts[j+1].is(orgWords)) {
			return j + 1
		}
		j++
		if j+1 < len(ts) && ts[j].kind() == tWord && ts[j].is(connectors) && capWord(ts[j+1]) {
			if (ts[j].s == "and" || ts[j].s == "&" || ts[j].s == "or") && j-i >= 2 && twoNames(ts[i:j]) {
				// "Sylvain Distin and Cristiano Ronaldo", "John Bolton and
				// Breitbart News": a person's full name ends the run
				// ("Marks and Spencer" has one word before "and").
				return j
			}
			j++
		}
	}
	return j
}

// twoNames reports whether the last two tokens of ts could be a given
// name and a surname.
func twoNames(ts []tok) bool {
	n := len(ts)
	return n >= 2 && capWord(ts[n-1]) && capWord(ts[n-2]) && nameLike(ts[n-1]) && nameLike(ts[n-2]) &&
		!ts[n-1].is(orgWords|placeStarts) && !ts[n-2].is(orgWords|placeStarts)
}

// isAcronym reports whether w is an all-capitals abbreviation (CNN, PG&E).
func isAcronym(w string) bool {
	n := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			n++
		}
	}
	return n >= 2
}

// nameLike reports whether t can be a word of a personal name.
func nameLike(t tok) bool {
	w := t.s
	if !t.capital() {
		return false
	}
	cls := t.cls()
	if possessive(w) {
		w = stripPossessive(w)
		cls = classOf(w)
	}
	if isAcronym(w) && utf8.RuneCountInString(w) > 2 && !strings.HasSuffix(w, ".") {
		return false
	}
	if cls&(titleWords|orgWords|roleNouns|timeWords|stopCaps|groupNouns|honorificWords) != 0 {
		return false
	}
	// "Co-anchor", "Ex-Minister": a role however it is prefixed.
	if h := strings.LastIndexByte(w, '-'); h > 0 && h < len(w)-1 && classOf(w[h+1:])&(titleWords|roleNouns) != 0 {
		return false
	}
	return true
}

// parseRun interprets a capitalized run.
func parseRun(run []tok) nameRun {
	// Leading function words ("But", "The", "Last") are not the name.
	for len(run) > 0 && (run[0].is(stopCaps) || run[0].is(timeWords) && !monthName(run) || run[0].is(determiners)) {
		run = run[1:]
	}
	// An owner before the name ("American Airlines' Kent Powell"), but
	// not inside an organisation's name ("the Governor's Office").
	for k := 0; k < len(run)-1; k++ {
		if possessive(run[k].s) && !run[k+1].is(orgWords) {
			run = run[k+1:]
			k = -1
		}
	}
	// A person of somewhere ("President Musharraf of Pakistan") is the
	// person; a title of something ("Secretary of State X") is not cut;
	// an institution of something ("Ministry of Water Resources") is an
	// organisation, unless a title and a name follow ("University of
	// Oklahoma President David Boren").
	for k := 1; k < len(run)-1; k++ {
		if run[k].s != "of" && run[k].s != "for" {
			continue
		}
		seg := run[:k]
		if institution(seg[len(seg)-1]) {
			titled := false
			for _, t := range run[k+1:] {
				if t.is(titleWords|honorificWords) && !t.is(orgWords) {
					titled = true
				}
			}
			if !titled {
				return nameRun{kind: runOrg, all: run, name: run, group: pluralGroup(run[len(run)-1].s) && !hasOf(run)}
			}
		}
		if nameLike(seg[len(seg)-1]) || titleSurname(seg) {
			// ("Representative Peter T. King of New York": a surname that
			// is also a title, after a given name or an initial.)
			titled := false
			for _, t := range seg[:len(seg)-1] {
				if t.is(titleWords) {
					titled = true
				}
			}
			if titled || len(seg) >= 2 && (nameLike(seg[len(seg)-2]) || initialLetter(strings.TrimSuffix(seg[len(seg)-2].s, "."))) {
				run = seg
			}
		}
		break
	}
	nr := nameRun{all: run}
	if len(run) == 0 {
		return nr
	}
	j := len(run)
	if j >= 2 && run[j-1].is(surnameOrgWords) && nameLike(run[j-2]) && !run[j-2].is(placeStarts) ||
		j >= 2 && run[j-1].is(titleWords) && nameLike(run[j-2]) && givenGender(run[j-2].s) != 0 {
		j-- // "Lena Park", "Julie Bishop": a surname that is also a place word or a title
	}
	for j > 0 && (nameLike(run[j-1]) || j == 1 && monthName(run) || j >= 2 && j < len(run) && initialLetter(run[j-1].s) && nameLike(run[j-2]) ||
		j >= 2 && j < len(run) && run[j-1].lower() && run[j-1].is(connectors) && particle(run[j-1].s) && nameLike(run[j-2])) {
		j-- // a given name, an initial, or a particle inside the name ("Bill de Blasio")
	}
	// A connector is never the first word of a name, but a capitalized
	// particle is ("Al Horford", "Le Parisien", "De Niro").
	for j < len(run) && run[j].is(connectors) && !(run[j].capital() && j+1 < len(run) && particle(run[j].s)) {
		j++
	}
	// Words before an honorific that are not titles belong to the
	// sentence, not the name ("Speaking in Harrogate Mr Kennedy"); a
	// prefix ending in "and" is another name ("Ana Ruiz and Tom Bell").
	for h := j - 1; h > 0; h-- {
		if run[h].is(honorificWords) && !run[h-1].is(titleWords|honorificWords) {
			run = run[h:]
			j -= h
			nr.all = run
			break
		}
	}
	if j > 0 && j < len(run) && (run[j-1].s == "and" || run[j-1].s == "&" || run[j-1].s == "or") {
		run = run[j:]
		j = 0
		nr.all = run
	}
	// Capitalized words before a given name are a role or a description,
	// not part of the name: "Sprinter Michelle Collins", "Majority Whip
	// John Corr", "Intelligence Republican Mia Pell". A given name itself
	// ("Mary Ann Hale") stays.
	for g := j + 1; g < len(run)-1 && g <= j+3; g++ {
		if isGivenName(run[g].s) {
			all := true
			for _, t := range run[j:g] {
				if isGivenName(t.s) || initialLetter(strings.TrimSuffix(t.s, ".")) || t.is(connectors) {
					all = false
					break
				}
			}
			if all {
				j = g
			}
			break
		}
	}
	nr.name, nr.prefix = run[j:], run[:j]
	for _, t := range nr.prefix {
		if g := honorGender(t.s); g != 0 {
			nr.gender = g
		}
	}
	nr.honor = len(nr.prefix) > 0
	for _, t := range nr.prefix {
		if !t.is(honorificWords) {
			nr.honor = false
		}
	}
	switch {
	case len(nr.name) == 0:
		nr.kind = runTitle
		for _, t := range run {
			if inSet(orgWords, stripPossessive(t.s)) || isAcronym(t.s) && !t.is(titleWords|roleNouns) {
				nr.kind = runOrg
			}
		}
		if run[len(run)-1].is(groupNouns) && len(run) == 1 {
			nr.kind = runOrg
		}
	case len(nr.prefix) == 0 && nr.name[0].is(placeStarts) && len(nr.name) >= 2 && orgHead(nr.name[len(nr.name)-1].s):
		nr.kind = runOrg // "New York Times", "Los Angeles Times"
	case len(nr.prefix) == 0 && nr.name[0].is(placeStarts):
		nr.kind = runPlace
	case len(nr.name) == 1 && len(nr.prefix) >= 2 && nr.prefix[len(nr.prefix)-1].s == "of" &&
		nr.prefix[len(nr.prefix)-2].is(titleWords):
		// An office named for a place: "the Archbishop of Canterbury".
		nr.kind, nr.name, nr.prefix = runPerson, run[len(run)-3:], run[:len(run)-3]
	case len(nr.name) == 1 && !nr.honor && usStateName(stripPossessive(nr.name[0].s)):
		// A title before a state is a description ("Former Arizona
		// governor Jan Brewer"), not a person named for the state.
		nr.kind = runPlace
	case len(nr.name) == 1:
		nr.kind = runSingle
	case len(nr.name) > 5 || pluralGroup(nr.name[len(nr.name)-1].s) && !hasOf(run):
		nr.kind = runOrg // ("Shiite Muslims", "House Democrats": a group)
	default:
		nr.kind = runPerson
	}
	if nr.kind == runOrg && len(nr.name) > 0 {
		nr.group = pluralGroup(nr.name[len(nr.name)-1].s) && !hasOf(run)
	}
	return nr
}

// orgHead reports whether w ends the name of a news organisation
// ("Times", "Post", "Journal").
func orgHead(w string) bool {
	var kb [32]byte
	if len(w) > len(kb) {
		return false
	}
	return orgHeads[string(wordKey(kb[:], w))]
}

// groupSingulars name members of a faith, a party or a people; their
// plurals end group names ("Shiite Muslims", "House Democrats").
var groupSingulars = wordSet(`muslim christian jew hindu sikh buddhist catholic protestant
evangelical mormon shiite sunni democrat republican conservative liberal kurd latino hispanic
loyalist unionist nationalist socialist communist tory`)

// pluralGroup reports whether w is the plural of a word naming a member
// of a people, faith or party: such a word ends a group's name, never a
// person's.
func pluralGroup(w string) bool {
	if t := trimPunctRight(w); t == "" || t[len(t)-1] != 's' && t[len(t)-1] != 'S' {
		return false // the common case, decided without folding
	}
	var kb [32]byte
	k := string(wordKey(kb[:], w))
	if len(k) < 4 || !strings.HasSuffix(k, "s") {
		return false
	}
	one := strings.TrimSuffix(k, "s")
	if strings.HasSuffix(k, "ies") {
		one = strings.TrimSuffix(k, "ies") + "y" // Tories
	}
	return groupSingulars[one] || nationalWords[one] && (strings.HasSuffix(one, "an") || strings.HasSuffix(one, "i"))
}

// monthName reports whether the run opens with a month that is also a
// given name, before a surname ("April Mellody", "June Carter", "Jan
// Brewer": an abbreviated month has its period, "Jan. Brewer" is not).
func monthName(run []tok) bool {
	if len(run) < 2 || !capWord(run[1]) || run[1].is(timeWords|stopCaps) {
		return false
	}
	return strings.EqualFold(run[0].s, "April") || strings.EqualFold(run[0].s, "June") || run[0].s == "Jan"
}

// isGivenName reports whether w is a known given name.
func isGivenName(w string) bool {
	if givenGender(w) != 0 {
		return true
	}
	var kb [32]byte
	return givenNames[string(lowerKey(kb[:], w))]
}

// titleSurname reports whether the run seg ends in a title word that is
// a surname there: after a given name or a middle initial ("Peter King",
// "Peter T. King").
func titleSurname(seg []tok) bool {
	n := len(seg)
	if n < 2 || !seg[n-1].is(titleWords) {
		return false
	}
	prev := seg[n-2].s
	return isGivenName(prev) || initialLetter(strings.TrimSuffix(prev, "."))
}

// institution reports whether t heads the name of an institution named
// for what it serves ("Ministry", "Department", "Centers" of "Centers for
// Disease Control"), not a place ("Gulf", "Republic", "State").
func institution(t tok) bool {
	w := stripPossessive(t.s)
	if !t.capital() || t.is(titleWords) {
		return false
	}
	c := classOf(w)
	if c&orgWords == 0 && len(w) > 4 && (w[len(w)-1] == 's' || w[len(w)-1] == 'S') {
		c = classOf(w[:len(w)-1])
	}
	if c&orgWords == 0 {
		return false
	}
	var kb [32]byte
	k := string(lowerKey(kb[:], w))
	return !placeHeads[k] && k != "state" && k != "states"
}

// datelineEnd returns the index of the first token of sentence si after
// an opening dateline ("ARDEN, Valmora —", "LOS ANGELES (AP) —",
// "(CNN)"), or 0. Only the first sentence of a paragraph has one; its
// place names are not speakers.
func (st *qstate) datelineEnd(si int) int {
	if si > 0 && st.sents[si-1].para == st.sents[si].para {
		return 0
	}
	ts := st.sents[si].toks
	caps := false
	for i := 0; i < len(ts) && i < 12; i++ {
		t := ts[i]
		switch {
		case t.kind() == tWord:
			if !t.capital() {
				return 0
			}
			if i == 0 && isAcronym(t.s) {
				caps = true // ARDEN, WASHINGTON
			}
		case t.s == "—" || t.s == "–" || t.s == "--" || t.s == "-":
			if caps {
				return i + 1
			}
			return 0
		case t.s == ")" && i >= 2 && ts[i-2].s == "(" && isAcronym(ts[i-1].s):
			caps = true // (AP), (CNN)
			if i+1 < len(ts) && ts[i+1].kind() == tWord {
				return i + 1 // "(CNN)The family ..."
			}
		case t.s == "," || t.s == "(" || t.s == ".":
		default:
			return 0
		}
	}
	return 0
}

// particle reports whether a connector word, capitalized, begins names
// ("Al", "Le", "De", "Van"), unlike "Of", "For" and "And".
func particle(w string) bool {
	switch strings.ToLower(w) {
	case "of", "for", "and", "&", "y":
		return false
	}
	return true
}

// agentNoun reports whether a capitalized word is a common noun for what
// someone is or does, by its ending ("Sprinter", "Novelist",
// "Frenchman", "Singer-songwriter").
func agentNoun(w string) bool {
	n := len(w)
	if n < 5 || !isCap(w) {
		return false
	}
	for _, suf := range [...]string{"er", "or", "ist", "man", "woman", "ian"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// initialLetter reports whether w is one capital letter, a middle initial
// written without its period ("Charles A Blixt"); "I" is a pronoun.
func initialLetter(w string) bool {
	return len(w) == 1 && w[0] >= 'A' && w[0] <= 'Z' && w[0] != 'I'
}

// nameText joins name tokens, dropping a possessive ending from the last.
func nameText(ts []tok) string {
	switch len(ts) {
	case 0:
		return ""
	case 1:
		return stripPossessive(ts[0].s)
	}
	n := len(ts) - 1
	for _, t := range ts {
		n += len(t.s)
	}
	var b strings.Builder
	b.Grow(n)
	for i, t := range ts {
		if i > 0 {
			b.WriteByte(' ')
		}
		s := t.s
		if i == len(ts)-1 {
			s = stripPossessive(s)
		}
		b.WriteString(s)
	}
	return b.String()
}
