package analyze

import (
	"bytes"
	"strings"

	"github.com/brief-reader/brief/model"
)

// The people list shows who an article names: people, organisations and
// groups. Name runs are parsed generously for attribution (a speaker must
// be found even when the name is odd); the list is stricter. These rules
// decide what a listed entity is, or that it is not listed at all: places,
// events and words from headings are not people.

// Word lists for the people list, lower case. General English news
// vocabulary, not tied to any article.
var (
	// placeHeads end the names of places ("Gaza Strip", "West Bank").
	placeHeads = wordSet(`strip valley river sea ocean gulf bay island islands
mountains mountain alps hills heights peninsula desert forest coast beach lake lakes
county province district region territory territories street road
avenue square boulevard lane bridge harbor harbour canal falls springs city town
village capital kingdom republic emirates`)
	// orgHeads end the names of organisations ("Associated Press").
	orgHeads = wordSet(`press agency news times post journal herald telegraph ledger courier reporter examiner
gazette tribune guardian observer chronicle ministry office council commission
committee party inc inc. corp corp. co co. ltd ltd. llc plc group airlines airways
university college school institute institution foundation association society
union federation league department bureau board authority agency service services
bank fund trust court parliament assembly congress senate administration
government police army navy force forces company corporation holdings partners
network broadcasting radio television tv channel club team museum hospital
church exchange reserve watch guard centre center nations democrat democrats dem dems
republican republicans conservative conservatives tories labour`)
	// eventHeads end the names of events, contests and prizes ("Australian
	// Open", "World Cup").
	eventHeads = wordSet(`open cup championship championships games olympics
marathon slam awards award prize globe festival tournament series trophy derby
spring summit conference expo show war`)
	// nationalWords are countries, regions and their adjectives, and big
	// cities: a name run holding one and no given name is not a person.
	nationalWords = wordSet(`afghan afghanistan africa african albania algeria america
american americans arab arabia argentina argentine armenia asia asian athens
australia australian austria austrian baghdad bahrain bangladesh beijing belarus
belgian belgium berlin bolivia bosnia boston brazil brazilian britain british
brussels bulgaria cairo cambodia canada canadian chicago chile chilean china
chinese colombia croatia cuba cuban cyprus czech damascus danish delhi denmark
doha dubai dutch egypt egyptian england english estonia ethiopia europe european
finland finnish france french gaza geneva georgia german germany ghana greece
greek haiti hong hungary hungarian iceland india indian indonesia iran iranian
iraq iraqi ireland irish israel israeli istanbul italian italy jakarta japan
japanese jerusalem jordan kabul kenya kiev kong korea korean kosovo kuwait kyiv
latvia lebanon lebanese libya libyan lisbon lithuania london madrid malaysia
manchester mexican mexico moscow mumbai myanmar nepal netherlands nigeria
nigerian norway norwegian pakistan pakistani palestine palestinian paris peru
philippines poland polish portugal portuguese qatar rome romania russia russian
rwanda saudi scotland scottish serbia seoul singapore slovakia somalia spain
spanish sri sudan sweden swedish swiss switzerland sydney syria syrian taiwan
tehran tel thailand tokyo tunisia turkey turkish uganda ukraine ukrainian uk us
usa venezuela vienna vietnam wales welsh washington yemen zimbabwe international
national global world european latin pacific atlantic dc lankan`)
	// numberWords never begin or make up a personal name.
	numberWords = wordSet(`one two three four five six seven eight nine ten eleven
twelve twenty thirty forty fifty hundred thousand million billion trillion
first second third`)
	// givenNames are common given names: one before a surname that is also
	// an organisation or place word keeps the run a person ("Lena Park").
	givenNames = wordSet(`aaron adam adrian ahmed aisha alan albert alex alexander
alice ali amanda amy ana andrea andrew angela ann anna anne anthony antonio ben
benjamin beth bill bob brian bruce carl carlos carol catherine charles charlie chris
christine christopher claire daniel david deborah dennis diana donald dorothy
douglas ed edward elena elizabeth ellen emily emma eric fatima frank gary george
grace greg hannah harry helen henry ian jack jacob james jane janet jason jean jeff
jennifer jessica jim joan joe john jonathan jose joseph joshua juan julia julie
karen kate katherine kathy kevin kim larry laura lena linda lisa louis lucy luis
margaret maria mark martha martin mary matthew michael michelle mike mohammed
muhammad nancy nathan nicholas nick nora olivia omar patricia patrick paul peter
philip rachel ralph raymond rebecca richard robert roger ronald rose ruth ryan sam
samuel sandra sarah scott sean sharon simon sophie stephen steve steven susan
thomas tim timothy tom tony victoria walter william wayne gordon keith kenneth
craig colin graham neil nigel stuart andy barry gavin lee dean jamie ross
liam sean ivan igor sergei vladimir dmitry olga anastasia natalia pierre jacques
marie francois hans klaus jurgen giovanni marco luca paolo pablo miguel diego
javier hugo rafael fernando ricardo mohamed mahmoud hassan hussein ibrahim khalid
yusuf abdul ahmad kofi kwame chen wei li ming hiroshi yuki kenji raj ravi priya
amit sunil arjun nadine tina nicole melissa stephanie heather amber megan lauren
ashley brittany kelly tiffany christina monica erica dana donna brenda pamela
joyce diane judith gloria teresa theresa frances cheryl wendy doris irene
jeremy jerry terry tyler travis troy todd derek dale wade glenn alfred arthur
gerald howard harold fred frederick leonard eugene ernest russell louise`)
)

// notNames are words that open sentences as if they were a subject
// ("Please note that ...") but never name anyone.
var notNames = wordSet(`please thanks thank yes no okay ok hello sorry welcome`)

// wordSet makes a set of the white-space separated words of list.
func wordSet(list string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(list) {
		m[w] = true
	}
	return m
}

// listKind decides how entity e appears in the people list: its kind, or
// false when it is not listed.
func listKind(e *entity) (model.PersonKind, bool) {
	if !e.inBody {
		return "", false // named only in headings
	}
	return nameKind(e)
}

// personLike reports whether e can be the "he" or "she" of a later
// sentence: a person by its name, not an event, place or organisation
// the registry took for a person ("Australian Open", "Downing Street").
func personLike(e *entity) bool {
	if e.kind != model.KindPerson {
		return false
	}
	if e.likeName != e.name || e.likeTitle != e.titleForm || e.likeName == "" {
		k, ok := nameKind(e)
		e.like, e.likeName, e.likeTitle = ok && k == model.KindPerson, e.name, e.titleForm
	}
	return e.like
}

// nameKind is listKind for an entity named in the body.
func nameKind(e *entity) (model.PersonKind, bool) {
	n, first, last, national := 0, "", "", 0
	var fb, lb, kb [32]byte
	for w := range strings.FieldsSeq(e.name) {
		if n == 0 {
			first = w
		}
		last = w
		n++
		if nationalWords[string(wordKey(kb[:], w))] { // national: words naming a country, region or big city
			national++
		}
	}
	if n == 0 {
		return "", false
	}
	firstWord := first
	low := func(buf []byte, w string) string { return string(wordKey(buf, w)) } // does not escape
	first, last = low(fb[:], first), low(lb[:], last)
	// A place: "Gaza Strip", "North Korea", "West Bank", "Hong Kong", but
	// not "New York Times" or "World Bank".
	place := placeHeads[last] || n <= 2 && usStateName(e.name) ||
		inSet(placeStarts, first) && n > 1 &&
			(!orgHeads[last] || n == 2 && directions[first]) ||
		national == n && !orgHeads[last]
	switch e.kind {
	case model.KindPerson:
		if e.titleForm || givenNames[first] || inSet(titleWords|honorificWords, firstWord) {
			return model.KindPerson, true
		}
		switch {
		case eventHeads[last] || numberWords[first] || place:
			return "", false // "Australian Open", "Downing Street"
		case orgHeads[last]:
			return model.KindOrganization, true // "Associated Press"
		case functionWordInside(e.name):
			return "", false // "Need To Know"
		case national > 0:
			return model.KindOrganization, true // "Manchester United"
		}
		return model.KindPerson, true
	case model.KindOrganization:
		if n == 1 && notNames[first] {
			return "", false // "Please note that ..."
		}
		if n == 1 && (inSet(groupNouns, first) || isAcronym(firstWord) && strings.HasSuffix(firstWord, "s")) {
			return model.KindGroup, true // "Analysts", "MPs"
		}
		if !e.spoke && (place || eventHeads[last]) {
			return "", false // "Gaza Strip", "World Cup"
		}
		return model.KindOrganization, true
	}
	return e.kind, true
}

// usStateName reports whether name is a US state's ("Iowa", "New
// Hampshire"), in any ASCII case.
func usStateName(name string) bool { return usStateTable.get().lookup(name) != 0 }

// usStateTable holds the states' names, words separated by a space, for
// usStateName: no allocation, no string hash.
var usStateTable = lazyTable{build: func() map[string]wclass {
	m := make(map[string]wclass, len(usStates))
	for k := range usStates {
		m[strings.ReplaceAll(k, "_", " ")] = 1
	}
	return m
}}

// usStateKey reports whether the words in k, separated by spaces, name a
// US state; it folds k in place to the table's key ("new_hampshire").
func usStateKey(k []byte) bool {
	for i, c := range k {
		switch {
		case c == ' ':
			k[i] = '_'
		case 'A' <= c && c <= 'Z':
			k[i] = c + 'a' - 'A'
		}
	}
	return usStates[string(k)] // the conversion does not allocate
}

// directions begin place names ("North Korea", "West Bank").
var directions = wordSet(`north south east west northern southern eastern western`)

// titleFunctionWords are function words that, capitalized inside a run,
// make it a title or heading ("What You Need To Know", "Learn To Be
// Lonely") rather than a name.
var titleFunctionWords = wordSet(`to the a an and or but be is are was were you we
it its for with from in on at by not what how why when your my our their this
that these those have has had do does will can`)

// functionWordInside reports whether a name holds, between its first and
// last words, a capitalized function word ("Need To Know"): a title or
// heading rather than a name. (A last word may be a surname that is also
// a function word: "Theresa May".)
func functionWordInside(name string) bool {
	n := countFields(name)
	if n < 3 {
		return false
	}
	i := 0
	var kb [32]byte
	for w := range strings.FieldsSeq(name) {
		i++
		if i == 1 || i == n {
			continue
		}
		if isCap(w) && titleFunctionWords[string(lowerKey(kb[:], w))] && !isAcronym(w) {
			return true
		}
	}
	return false
}

// wordKey is the lower-case form of a name word for the word lists: edge
// punctuation and a possessive ending removed.
func wordKey(buf []byte, w string) []byte {
	return lowerKey(buf, stripPossessive(trimPunct(w)))
}

// isSectionHeading reports whether a paragraph is a section heading whose
// words name no one: a key-point heading ("What You Need To Know") or a
// Markdown heading.
func isSectionHeading(text string) bool {
	if _, ok := keyPointHeading(text); ok {
		return true
	}
	return strings.HasPrefix(strings.TrimSpace(text), "#")
}

// demonymNouns are nouns for a person of a nation that are not its
// adjective, mapped to the adjective.
var demonymNouns = map[string]string{
	"frenchman": "french", "frenchwoman": "french", "englishman": "english", "englishwoman": "english",
	"dutchman": "dutch", "dutchwoman": "dutch", "irishman": "irish", "irishwoman": "irish",
	"welshman": "welsh", "welshwoman": "welsh", "scotsman": "scottish", "scotswoman": "scottish",
	"scot": "scottish", "briton": "british", "brit": "british", "spaniard": "spanish",
	"swede": "swedish", "dane": "danish", "finn": "finnish", "pole": "polish", "turk": "turkish",
}

// demonymAdjective returns the adjective of a noun for a person of a
// nation that is not the adjective itself ("Frenchman" → "french",
// "Briton" → "british"), or "".
func demonymAdjective(w string) string {
	var kb [32]byte
	if len(w) > len(kb) {
		return ""
	}
	return demonymNouns[string(lowerKey(kb[:], w))] // the key does not escape
}

// isDemonym reports whether w names a person by their nation:
// "Frenchman", "Briton", or a national word used as a noun ("German",
// "Chinese", "Israeli").
func isDemonym(w string) bool {
	if demonymAdjective(w) != "" {
		return true
	}
	var kb [32]byte
	if len(w) > len(kb) {
		return false
	}
	k := lowerKey(kb[:], w)
	if !nationalWords[string(k)] || bytes.HasSuffix(k, []byte("stan")) {
		return false
	}
	switch string(k) {
	case "iran", "japan", "sudan", "oman", "taiwan", "bhutan", "jordan", "yemen", "britain", "spain":
		return false
	}
	return bytes.HasSuffix(k, []byte("an")) || bytes.HasSuffix(k, []byte("ese")) ||
		bytes.HasSuffix(k, []byte("ish")) || bytes.HasSuffix(k, []byte("i"))
}
